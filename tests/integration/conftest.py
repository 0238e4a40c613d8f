"""Fixtures the integration tests share (the root conftest has `sim`, `frozen`, ...)."""

from __future__ import annotations

import pytest

from scoreboard.sim.runner import SimulatorThread
from scoreboard.sim.scorelytics import ScorelyticsControl


@pytest.fixture
def api(frozen: SimulatorThread) -> ScorelyticsControl:
    """The Scorelytics side of a frozen simulator: its URLs and controls."""
    return ScorelyticsControl(frozen)
