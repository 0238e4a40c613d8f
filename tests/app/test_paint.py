"""Panels repaint a changed line by splicing it into their last picture
(`ui/paint/composited.py`): the screen must read exactly as if Textual had
drawn every panel from scratch."""

from __future__ import annotations

import asyncio

import msgspec
from helpers.app import all_live, app_for, card, screen_text, screen_until, until

from scoreboard.core.models import SoccerSnapshot
from scoreboard.ui.paint import composited
from scoreboard.ui.paint.beat import PAINT_INTERVAL, PaintBeat
from scoreboard.ui.widgets.match_panel import MatchPanel


async def test_live_updates_spliced_into_panels_match_a_full_repaint(
    sim_factory, monkeypatch
) -> None:
    spliced: list[int] = []
    splice = composited.SplicesContentLines._splice

    def counted(self, old, row, frame):  # type: ignore[no-untyped-def]
        spliced.append(row)
        return splice(self, old, row, frame)

    monkeypatch.setattr(composited.SplicesContentLines, "_splice", counted)
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300", "41285", "41302")  # soccer and cricket
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panels = list(app.cards.values())
        app.screen.focus_next()  # a focused panel, with its own border colour
        for _ in range(12):
            before = {p: p.updates for p in panels}
            sim.advance(30)
            await until(app, lambda b=before: any(p.updates > n for p, n in b.items()))
            await pilot.pause(2 * PAINT_INTERVAL)
            # every frame of the step applied and painted before the picture is taken
            await screen_until(pilot, lambda: all(p.settled for p in panels), 5)
            await pilot.pause(2 * PAINT_INTERVAL)
            live = app.export_screenshot()
            for panel in panels:
                panel.refresh()  # drop every cached line: Textual draws it all again
            await pilot.pause()
            assert app.export_screenshot() == live
        assert spliced, "no line was spliced: the test did not exercise the fast path"


async def test_a_panel_that_just_painted_shows_the_next_snapshot_it_takes_at_once(
    sim_factory, monkeypatch
) -> None:
    """The delivery alone waits on the paint beat: a busy panel shows what it takes
    without waiting on the beat a second time (issue 23)."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        await screen_until(pilot, lambda: panel.settled, 5)
        snap = panel.snapshot
        assert isinstance(snap, SoccerSnapshot) and snap.clock is not None
        # From here the shared beat never comes: whatever still waits on it never shows.
        monkeypatch.setattr(PaintBeat, "defer", lambda self, repaint, due: None)
        grid = panel.parent
        assert grid is not None
        for minute in (77, 78):
            clock = msgspec.structs.replace(snap.clock, minute=minute, second=0)
            grid.post_message(
                MatchPanel.Snapshots({panel: msgspec.structs.replace(snap, clock=clock)})
            )
            async with asyncio.timeout(5):  # painted; the next comes within the beat, as when busy
                await pilot.pause()
                while not panel.settled:
                    await pilot.pause()
        await screen_until(pilot, lambda: "78:00" in screen_text(app), 5)
