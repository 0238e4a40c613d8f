"""The add dialog (issue 12, items 12 to 14), through the real app against the simulator."""

from __future__ import annotations

import re

import pytest
from helpers.app import all_live, app_for, card, until
from rich.cells import cell_len
from textual.widgets import OptionList

from scoreboard.ui.screens.add_match import AddMatchScreen


async def open_dialog(app, pilot) -> tuple[AddMatchScreen, OptionList]:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    dialog = app.screen
    assert isinstance(dialog, AddMatchScreen)
    await dialog.catalog_worker.wait()
    await pilot.pause()
    return dialog, dialog.query_one("#add-list", OptionList)


def rows(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_enter_picks_the_highlighted_row_whenever_the_filter_matches(sim) -> None:
    """Item 12's repro: `4130` lists 41300-41304; Enter adds 41300, not a panel "4130"."""
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        _, options = await open_dialog(app, pilot)
        await pilot.press(*"4130")
        await pilot.pause()
        listed = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert listed and all(ref.startswith("sportrix:4130") for ref in listed)  # type: ignore[union-attr]
        assert options.highlighted == 0
        await pilot.press("enter")
        assert [str(ref) for ref in app.cards] == ["sportrix:41282", listed[0]]
        # An id the list does not show is added as typed.
        await open_dialog(app, pilot)
        await pilot.press(*"41320", "enter")
        assert "sportrix:41320" in [str(ref) for ref in app.cards]


async def test_the_list_leaves_out_what_is_on_screen_and_marks_what_the_key_cannot_open(
    sim,
) -> None:
    app = app_for(sim, "41282", "41300", key="sk_demo_soccer")  # soccer only
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: card(app, 41300).error is not None)
        await until(app, lambda: "cricket" in app.feed.uncovered.get("sportrix", ()))
        _, options = await open_dialog(app, pilot)
        listed = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "sportrix:41282" not in listed and "sportrix:41300" not in listed
        shown = rows(options)
        cricket = [row for row in shown if " cricket " in row]
        soccer = [row for row in shown if " soccer " in row]
        marked = "✗ your key does not cover cricket"
        assert cricket and all(row.startswith(marked) for row in cricket)
        assert soccer and not any("✗" in row for row in soccer)


async def test_rows_are_cut_with_an_ellipsis_not_wrapped(sim) -> None:
    """Item 14: at 60 columns "Kolkata Knight Riders" would wrap onto a second line."""
    app = app_for(sim, "41282")
    async with app.run_test(size=(60, 20)) as pilot:
        await until(app, lambda: all_live(app))
        _, options = await open_dialog(app, pilot)
        width = options.scrollable_content_region.width
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert all(cell_len(str(p)) <= width for p in prompts), (width, rows(options))
        bengaluru = next(str(p) for p in prompts if "Royal Challengers Bengaluru" in str(p))
        assert bengaluru.endswith("…") and "Kolkata" not in bengaluru  # cut, not wrapped
        # One terminal line per match: the list is as tall as its rows (or its cap).
        assert options.virtual_size.height == options.option_count


async def test_a_match_already_on_screen_is_focused_not_refused(sim) -> None:
    """Issue 25, 19: "41282 is already on screen" kept the dialog open."""
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41300).focus()
        dialog, _ = await open_dialog(app, pilot)
        await pilot.press(*"41282", "enter")
        await pilot.pause()
        assert app.screen is not dialog and app.focused_card is card(app, 41282)
        assert len(app.cards) == 2


async def test_the_rows_keep_their_columns_whatever_the_sport(sim) -> None:
    """Issue 25, 19: `41283 soccer  Liverpool` and `41301 cricket  Royal...` start
    their teams in one column."""
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        _, options = await open_dialog(app, pilot)
        listed = rows(options)
        # Where the home team starts: after the id and the sport.
        starts = {re.match(r"\s*\S+ \S+\s+", row).end() for row in listed}  # type: ignore[union-attr]
        assert {"soccer", "cricket"} <= {row.split()[1] for row in listed}
        assert len(starts) == 1, listed


@pytest.mark.parametrize("size", [(40, 12), (30, 10)], ids=["40x12", "30x10"])
async def test_at_40x12_the_list_is_not_clipped_away(sim, size: tuple[int, int]) -> None:
    """Issue 25, 17: the list below the input shows rows at 40x12 and 30x10."""
    app = app_for(sim, "41282")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        dialog, options = await open_dialog(app, pilot)
        await pilot.pause()
        rows = options.scrollable_content_region.intersection(dialog.region)
        assert options.option_count and rows.height >= 2, (size, options.region)
