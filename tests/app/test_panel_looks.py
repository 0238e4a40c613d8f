"""A panel drawn by the grid as a card (ui/grid/looks.py), framed as its look's
hidden template is styled, is cell for cell what Textual draws for the panel
widget: full, compact and ticker, focused or not, stale, ASCII (issue 26:
the grid as one view draws every card without a widget per match)."""

from __future__ import annotations

import pytest
from helpers.app import all_live, all_shown, lines_of, region_of, screen_until, until
from helpers.app import time_app as looks_app
from helpers.scenes import AS_TEXTUAL, MANY
from rich.style import Style
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.strip import Strip

from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.grid.looks import DrawnCard
from scoreboard.ui.grid.view import GridView
from scoreboard.ui.paint.beat import PAINT_INTERVAL


def assert_drawn_as_textual_draws(app: ScoreboardApp, cards: dict[object, DrawnCard]) -> None:
    """Each panel's card (kept in `cards` from one look to the next, so its lines are
    spliced into its last frame where they can be) draws as Textual draws the panel."""
    for panel in app.cards.values():
        width = region_of(app, panel).width
        card = cards.setdefault(panel, DrawnCard(panel, app.grid.looks))
        drawn = lines_of(app, panel)
        framed = card.strips(width)
        assert [strip.text for strip in framed] == [strip.text for strip in drawn], panel.look
        assert framed == drawn, panel.look  # the styles too, cell for cell
        assert card.height(width) == region_of(app, panel).height


@pytest.mark.parametrize(
    ("size", "density", "ascii"),
    [
        ((120, 40), "full", False),
        ((100, 30), "compact", False),
        ((60, 20), "ticker", False),
        ((120, 40), "full", True),
        ((60, 20), "ticker", True),
    ],
    ids=["full", "compact", "ticker", "full-ascii", "ticker-ascii"],
)
async def test_a_card_is_drawn_as_textual_draws_its_panel(
    sim_factory, size: tuple[int, int], density: str, ascii: bool
) -> None:
    sim = sim_factory(speed=0)
    app = looks_app(sim, "41282", "41300", "41301", ascii=ascii)
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        assert app.grid.density == density
        assert app.focused_card is not None  # one focused look among them
        cards: dict[object, DrawnCard] = {}
        assert_drawn_as_textual_draws(app, cards)
        for seconds in (7, 31, 240):  # clocks, then scores and events move on
            sim.advance(seconds)
            truth = {p: sim.snapshot(int(p.ref.id))["updated_at"] for p in app.cards.values()}
            await until(
                app,
                lambda t=truth: all(
                    p.snapshot is not None and p.snapshot.updated_at == at for p, at in t.items()
                ),
            )
            await pilot.pause(2 * PAINT_INTERVAL)
            assert_drawn_as_textual_draws(app, cards)
        await pilot.press("right")
        await pilot.pause()
        assert_drawn_as_textual_draws(app, cards)


async def test_a_stale_card_is_drawn_as_textual_draws_its_panel(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = looks_app(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        sim.restart(downtime=3.0)
        await until(app, lambda: all(c.stale for c in app.cards.values()))
        panels = list(app.cards.values())
        await screen_until(pilot, lambda: all(c.has_class("-stale") for c in panels), 2.0)
        assert all(panel.look[1] for panel in panels)
        assert_drawn_as_textual_draws(app, {})


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    """Each character of `strip` with its style, however its segments are split."""
    return [(char, segment.style) for segment in strip for char in segment.text]


class ViewScreen(Screen[None]):
    """The grid's cards in one `GridView`, as big as the grid it stands in for."""

    def __init__(self, view: GridView, size: Size) -> None:
        super().__init__()
        self.view = view
        self.view.styles.width = size.width
        self.view.styles.height = size.height

    def compose(self) -> ComposeResult:
        yield self.view


@AS_TEXTUAL
async def test_one_view_draws_the_grid_textual_lays_out(
    sim_factory, size: tuple[int, int], density: str
) -> None:
    """Every card wholly on screen is drawn by the one view where Textual puts the
    panel widget, as Textual draws it: the snapshots can stay as they are."""
    sim = sim_factory(speed=0)
    app = looks_app(sim, *MANY)
    async with app.run_test(size=size) as pilot:
        await all_shown(app)
        await pilot.pause()
        assert app.grid.density == density
        grid = app.grid.widget
        content = grid.scrollable_content_region
        shown = {
            index: (region_of(app, panel), lines_of(app, panel))
            for index, panel in enumerate(app.grid.panels)
            if content.contains_region(region_of(app, panel))
        }
        assert len(shown) >= 2
        view = GridView()
        cards = [DrawnCard(panel, app.grid.looks) for panel in app.grid.panels]
        view.set_cards(cards, app.grid.columns, grid.styles.grid_gutter_vertical)
        await app.push_screen(ViewScreen(view, grid.region.size))  # its scrollbar too
        await pilot.pause()
        lines = [view.render_line(y) for y in range(content.height)]
        for index, (region, drawn) in shown.items():
            x, y = region.x - content.x, region.y - content.y
            for row, strip in enumerate(drawn):
                got = lines[y + row].crop(x, x + region.width)
                assert got.text == strip.text, (index, row)
                assert cells(got) == cells(strip), (index, row)  # the styles too
