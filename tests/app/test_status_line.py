"""The status line says what is true, fits its width, and names `--record` (issue 25, 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from helpers.app import all_live, screen_until, settings_for, until, watch_events
from textual.pilot import Pilot

from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.screens.live_now import LiveNowScreen


def status(app: ScoreboardApp) -> str:
    return app.status.render().plain


async def browse_live_now(app: ScoreboardApp, pilot: Pilot[None]) -> None:
    """Open Live now (it reads every provider's catalog) until it lists, then close it."""
    await pilot.press("l")
    await screen_until(pilot, lambda: isinstance(app.screen, LiveNowScreen), 10)
    await until(app, lambda: "scorelytics" in app.status.connections)
    await pilot.press("escape")
    await screen_until(pilot, lambda: not isinstance(app.screen, LiveNowScreen), 10)


async def test_a_provider_with_nothing_shown_is_not_called_closed(sim: SimulatorThread) -> None:
    app = make_app(settings_for(sim, "41282", "41300"))
    watch_events(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(app, lambda: all_live(app))
        await browse_live_now(app, pilot)
        await pilot.pause()
        line = status(app)
        assert "closed" not in line and "Scorelytics" not in line, line
        assert line.startswith("● live  2 matches"), line


async def test_at_60_columns_no_part_is_cut_in_the_middle(sim: SimulatorThread) -> None:
    app = make_app(settings_for(sim, "41282", "41300", "41301"))
    watch_events(app)
    async with app.run_test(size=(60, 20)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        app.notice("a notice long enough to need the whole line to itself")
        await pilot.pause()
        line = status(app)
        assert "last" not in line and "matches" not in line, line
        assert line.startswith("● live  a notice long"), line


async def test_record_says_it_is_on(sim: SimulatorThread, tmp_path: Path) -> None:
    settings = replace(settings_for(sim, "41282"), record=tmp_path / "rec.jsonl")
    app = make_app(settings)
    watch_events(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        assert "REC" in status(app)
