"""Ctrl+C quits from anywhere, even with a text input focused (Textual would copy);
in the detail view `q` quits and Escape goes back."""

from __future__ import annotations

from helpers.app import all_live, app_for, screen_until, until

from scoreboard.ui.screens.add_match import AddMatchScreen
from scoreboard.ui.screens.detail import MatchDetailScreen


async def test_ctrl_c_quits_even_from_the_add_dialogs_input(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("a")
        await screen_until(pilot, lambda: isinstance(app.screen, AddMatchScreen), 5)
        await pilot.press("4", "1", "ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_escape_leaves_the_detail_view_and_q_there_quits(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        await pilot.press("escape")
        await screen_until(pilot, lambda: not isinstance(app.screen, MatchDetailScreen), 5)
        assert app.is_running
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
