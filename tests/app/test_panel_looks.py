"""A panel drawn by the grid as a card (ui/grid/looks.py), framed as its look's
hidden template is styled, is cell for cell what Textual draws for the panel
widget: full, compact and ticker, focused or not, stale, ASCII (issue 26:
the grid as one view draws every card without a widget per match)."""

from __future__ import annotations

import pytest
from helpers.app import all_live, lines_of, region_of, screen_until, until
from helpers.app import time_app as looks_app

from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.grid.looks import DrawnCard


def assert_drawn_as_textual_draws(app: ScoreboardApp) -> None:
    for panel in app.cards.values():
        width = region_of(app, panel).width
        card = DrawnCard(panel, app.grid.looks)
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
        assert_drawn_as_textual_draws(app)
        await pilot.press("right")
        await pilot.pause()
        assert_drawn_as_textual_draws(app)


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
        assert_drawn_as_textual_draws(app)
