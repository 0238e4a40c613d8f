"""Layouts, pixel for pixel: each scene of tests/helpers/scenes.py against its saved SVG.

After a deliberate UI change: `pytest tests/test_snapshots.py --snapshot-update`,
look at the report, and regenerate screenshots/ with `python screenshots/make.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.scenes import SCENES, Scene, frozen_simulator, scene_app

from scoreboard.sim.runner import SimulatorThread


@pytest.fixture(scope="module")
def frozen_sim() -> Iterator[SimulatorThread]:
    sim = frozen_simulator()
    yield sim
    sim.stop()


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
def test_scene(scene: Scene, frozen_sim: SimulatorThread, snap_compare) -> None:
    app = scene_app(scene, frozen_sim)
    assert snap_compare(app, terminal_size=scene.size, run_before=scene.before)
