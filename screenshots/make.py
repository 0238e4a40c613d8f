"""Regenerate the SVG screenshots in this folder from real runs of the app.

    .venv/bin/python screenshots/make.py

Each scene (tests/helpers/scenes.py) runs the real app headless against the bundled
simulator, frozen at a fixed seed, and saves what the terminal shows.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from helpers.scenes import SCENES, Scene, frozen_simulator, scene_app  # noqa: E402


async def shoot(scene: Scene) -> Path:
    sim = frozen_simulator()
    try:
        app = scene_app(scene, sim)
        async with app.run_test(size=scene.size) as pilot:
            await scene.before(pilot)
            await pilot.pause()
            path = HERE / f"{scene.name}.svg"
            app.save_screenshot(filename=path.name, path=str(HERE))
            return path
    finally:
        sim.stop()


def main() -> int:
    for scene in SCENES:
        path = asyncio.run(shoot(scene))
        print(f"{path.relative_to(HERE.parent)}  {scene.caption}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
