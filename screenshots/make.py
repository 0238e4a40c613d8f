"""Regenerate the SVG screenshots in this folder from real runs of the app.

    .venv/bin/python screenshots/make.py              # every scene
    .venv/bin/python screenshots/make.py live-now     # only the scenes named

Each scene (tests/helpers/scenes.py) runs the real app headless against the bundled
simulator, frozen at a fixed seed, and saves what the terminal shows.

The `inline` scene (`--inline`) cannot hold Textual's inline driver: that needs a real
terminal, and these runs are headless. Its app (`InlineSceneApp`) answers `is_inline`
itself, so Textual applies the `:inline` styles and lays the screen out as high as its
lines, as it does under the prompt; the picture is those rows, not the whole terminal.
tests/integration/test_inline.py runs the real inline driver on a pty.
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


def main(names: list[str]) -> int:
    unknown = set(names) - {scene.name for scene in SCENES}
    if unknown:
        print(f"unknown scene(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for scene in SCENES:
        if names and scene.name not in names:
            continue
        path = asyncio.run(shoot(scene))
        print(f"{path.relative_to(HERE.parent)}  {scene.caption}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
