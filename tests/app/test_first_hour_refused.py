"""The refused-key screen (issue 12, item 9), through the real app against the simulator."""

from __future__ import annotations

from helpers.app import app_for, text_of, until
from textual.widgets import Static

from scoreboard.ui.screens.detail import MatchDetailScreen


def refusal(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(text_of(app.query_one("#refused-text", Static).content, 120).split())


async def test_keys_do_not_act_on_the_panels_the_refusal_hides(sim) -> None:
    app = app_for(sim, "41282", "41300", key="sk_demo_expired")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: app.query_one("#refused").display)
        await pilot.pause()
        await pilot.press("enter", "d", "delete", "down", "d")
        await pilot.pause()
        assert not isinstance(app.screen, MatchDetailScreen)
        assert len(app.cards) == 2  # nothing removed that could not be seen
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert not shown & {"remove_match", "open_detail"}


async def test_the_refusal_never_suggests_the_key_in_the_url(sim) -> None:
    app = app_for(sim, "41282", key="sk_demo_expired")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: app.query_one("#refused").display)
        await pilot.pause()
        text = refusal(app)
        assert "Sportrix refused the connection" in text and "API key expired" in text
        assert "?key=" not in text and "query parameter" not in text
        assert "X-API-Key" not in text or "header" in text


async def test_with_no_key_at_all_it_says_nothing_was_sent(sim) -> None:
    app = app_for(sim, "41282", key=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: app.query_one("#refused").display)
        await pilot.pause()
        text = refusal(app)
        assert text.startswith("No API key for Sportrix Nothing was sent: no API key")
        assert "refused" not in text.split("How to fix it")[0]
        assert "export SPORTRIX_API_KEY=<your key>" in text


async def test_wrapped_bullets_keep_their_indent_on_a_narrow_terminal(sim) -> None:
    """Issue 25, 14: a bullet's second line sits under its text, not at the margin."""
    app = app_for(sim, "41282", key=None)
    async with app.run_test(size=(50, 30)) as pilot:
        await until(app, lambda: app.query_one("#refused").display)
        await pilot.pause()
        static = app.query_one("#refused-text", Static)
        lines = text_of(static.content, static.content_size.width).splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("How to fix it"))
        bullets = [line for line in lines[start + 1 :] if line.strip()][:-1]  # not "Press q"
        assert len(bullets) > 3, lines  # some did wrap at 50 columns
        assert all(line.startswith(("  • ", "    ")) for line in bullets), bullets
