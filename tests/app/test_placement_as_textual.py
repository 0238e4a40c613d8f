"""The virtual grid's `Placement` (ui/grid/placement.py) puts each card where
Textual's grid layout puts the real panels today, at every density: the
virtual view that replaces the panel widgets (issue 26) can draw what the
snapshots show now."""

from __future__ import annotations

from helpers.app import all_shown, time_app
from helpers.scenes import AS_TEXTUAL, MANY

from scoreboard.ui.grid.placement import Placement


@AS_TEXTUAL
async def test_placement_puts_each_card_where_textual_puts_its_panel(
    sim, size: tuple[int, int], density: str
) -> None:
    app = time_app(sim, *MANY)
    async with app.run_test(size=size) as pilot:
        await all_shown(app)
        await pilot.pause()
        assert app.grid.density == density
        grid = app.grid.widget
        content = grid.scrollable_content_region
        panels = grid.panels
        placement = Placement(
            [panel.outer_size.height for panel in panels],
            width=content.width,
            columns=app.grid.columns,
            gutter=grid.styles.grid_gutter_vertical,
        )
        # The grid scrolls through its rows (at least a screenful).
        assert max(placement.height, content.height) == grid.virtual_size.height
        scroll_y = round(grid.scroll_y)
        seen = 0
        for index, panel in enumerate(panels):
            x, y, width, height = placement.region(index)
            top = content.y + y - scroll_y
            if top < content.y or top + height > content.bottom:
                continue  # not wholly on screen: Textual clips its region
            seen += 1
            region = panel.region
            assert (region.x - content.x, region.y, region.width, region.height) == (
                x,
                top,
                width,
                height,
            ), f"panel {index} of {len(panels)}"
            assert placement.at(x, y) == index
        assert seen >= 2
