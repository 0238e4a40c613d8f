"""A card framed without its own widget (ui/paint/card_frame.py) is drawn cell
for cell as Textual draws the panel widget today: border, title, badges,
padding and colours, focused or not, full or compact (issue 26)."""

from __future__ import annotations

import pytest
from helpers.app import all_live, until
from helpers.app import time_app as looks_app
from textual.geometry import Region

from scoreboard.ui.paint.card_frame import frame_lines
from scoreboard.ui.widgets import panel_chrome


@pytest.mark.parametrize("size", [(120, 40), (100, 30)], ids=["full", "compact"])
async def test_a_framed_card_is_the_panel_textual_draws(sim, size: tuple[int, int]) -> None:
    app = looks_app(sim, "41282", "41300")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        assert any(panel.has_focus for panel in app.cards.values())
        for panel in app.cards.values():
            width, height = panel.outer_size
            content = [panel.render_line(y) for y in range(panel.size.height)]
            framed = frame_lines(
                panel,
                content,
                width=width,
                title=panel_chrome.title(panel),
                subtitle=panel_chrome.subtitle(panel, panel.size.width),
            )
            drawn = panel.render_lines(Region(0, 0, width, height))
            assert [strip.text for strip in framed] == [strip.text for strip in drawn]
            assert list(framed) == list(drawn)  # the styles too, cell for cell
