"""The detail view costs what is visible: a 5,000-event timeline with 200 stats,
live at 20 frames/s from the simulator's heavy flood, is laid out only where
it is on screen, and follows its panel's change messages."""

from __future__ import annotations

from helpers.app import app_for, card, detail_text, screen_until, until

from scoreboard.ui.screens.detail import MatchDetailScreen

FLOOD = {"flood_matches": 1, "flood_rate": 20, "flood_events": 5000, "flood_stats": 200}
ROWS = 40


async def test_a_long_timeline_is_laid_out_only_where_it_is_seen(sim_factory) -> None:
    sim = sim_factory(stamp=True, **FLOOD)
    app = app_for(sim, "900001")
    async with app.run_test(size=(120, ROWS)) as pilot:
        panel = card(app, 900001)
        await until(app, lambda: panel.snapshot is not None)
        panel.focus()
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        detail = app.screen
        assert isinstance(detail, MatchDetailScreen)
        body = detail.body
        await pilot.pause()
        assert body.virtual_size.height > 5200  # every stat and every event is there...
        # ...and each version of it shown cost at most the rows on screen.
        assert body.lines_laid_out <= body.documents_shown * ROWS
        seen = panel.updates
        await until(app, lambda: panel.updates >= seen + 5)  # a quarter of a second of frames
        await pilot.pause()
        assert body.documents_shown >= 3  # it follows the match live
        assert body.lines_laid_out <= body.documents_shown * ROWS
        await pilot.press("end")
        await pilot.pause()
        last = panel.snapshot.events[-1]  # type: ignore[union-attr]
        assert f"{last.player}" in "\n".join(
            body.render_line(y).text for y in range(body.size.height)
        )
        assert "Stat 200" in detail_text(detail, 110)


async def test_a_heavy_update_costs_the_rows_on_screen_not_the_timeline(sim_factory) -> None:
    """Each new snapshot of a 5,000-event match, drawn on an open detail view, lays out
    the rows on screen, not the timeline: counted, not timed (the benchmark's
    detail_flood case measures what it costs the real app, stalls included)."""
    sim = sim_factory(speed=0, **FLOOD)
    app = app_for(sim, "900001")
    async with app.run_test(size=(120, ROWS)) as pilot:
        panel = card(app, 900001)
        await until(app, lambda: panel.snapshot is not None)
        panel.focus()
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        detail = app.screen
        assert isinstance(detail, MatchDetailScreen)
        await pilot.pause()
        body = detail.body
        assert body.virtual_size.height > 5200
        for _ in range(5):
            laid_out = body.lines_laid_out
            detail.show(panel.snapshot)  # what a new snapshot costs: a document...
            for y in range(body.size.height):  # ...and the rows on screen
                body.render_line(y)
            assert body.lines_laid_out - laid_out <= ROWS
