"""Hundreds of matches (issue 18, "10,000 subscribed matches"): keys still move
focus through every panel in order, the grid keeps the focused one in view,
and a panel that changed while off screen shows its newest state once shown.

Panels off screen skip their repaints (`ui/paint/offscreen.py`) and the
screen keeps the map its layout made (`ui/paint/full_map.py`); this holds
them to what a user sees.
"""

from __future__ import annotations

from helpers.app import all_live, app_for, fully_shown, lines_of, region_of, screen_until, until

from scoreboard.sim.flood import FLOOD_FIRST_ID
from scoreboard.ui.paint.composited import speedups_on
from scoreboard.ui.widgets.match_panel import MatchPanel

MATCHES = 200
#: Rows of panels walked down: the last is far below the first screen.
STEPS = 12


def drawn_text(app, panel: MatchPanel) -> str:  # type: ignore[no-untyped-def]
    """What the grid draws for the whole panel (its border and lines)."""
    return "\n".join(strip.text for strip in lines_of(app, panel))


def shows_newest(app, panel: MatchPanel, width: int) -> bool:  # type: ignore[no-untyped-def]
    drawn = drawn_text(app, panel)
    return all(line.plain.strip() in drawn for line in panel.body(width))


async def walk(pilot, app, panels: list[MatchPanel], key: str, rows: range) -> None:  # type: ignore[no-untyped-def]
    """Press `key` once per row in `rows`: each press focuses that row's first panel."""
    for row in rows:
        await pilot.press(key)
        await pilot.pause()
        assert app.focused_card is panels[row * app.grid.columns]
        assert fully_shown(app, app.focused_card)


async def test_arrows_walk_hundreds_of_panels_in_order_and_show_their_newest_state(
    sim_factory,
) -> None:
    sim = sim_factory(flood_matches=MATCHES, flood_rate=float(MATCHES))
    ids = [str(FLOOD_FIRST_ID + i) for i in range(MATCHES)]
    app = app_for(sim, *ids)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app), timeout=60.0)
        await until(app, speedups_on)  # the paths under test run
        panels = app.grid.panels
        assert [str(p.ref.id) for p in panels] == ids
        assert app.grid.columns >= 2
        # Beside the focused panel, not focused itself (focus would repaint it anyway).
        target = panels[STEPS * app.grid.columns + 1]
        await walk(pilot, app, panels, "down", range(1, STEPS + 1))
        assert fully_shown(app, target)
        before = drawn_text(app, target)
        await walk(pilot, app, panels, "up", range(STEPS - 1, -1, -1))
        assert not app.query_one("#grid").region.overlaps(region_of(app, target))
        # It changes while off screen: what it would show now is not what it drew.
        width = target.inner_size.width
        await until(
            app, lambda: any(line.plain.strip() not in before for line in target.body(width))
        )
        grid = app.query_one("#grid")
        for row in range(1, STEPS + 1):
            await walk(pilot, app, panels, "down", range(row, row + 1))
            if grid.region.overlaps(region_of(app, target)):  # just scrolled into view
                # Drawn from its newest state by the paint that shows it: a frame
                # may land between that paint and this look, so look until both
                # agree (a panel that kept its off-screen picture never does).
                await screen_until(pilot, lambda: shows_newest(app, target, width), 3)
                break
        await walk(pilot, app, panels, "down", range(row + 1, STEPS + 1))
        await pilot.press("tab")
        assert app.focused_card is target
