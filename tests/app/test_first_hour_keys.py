"""Keys and focus as a new user meets them (issue 12, items 1 to 4), through the real app."""

from __future__ import annotations

from helpers.app import all_live, app_for, card, fully_shown, press_together, until

from scoreboard.ui.screens.detail import MatchDetailScreen

SOCCER = ("41282", "41283", "41284", "41285", "41286", "41287")


async def test_down_then_enter_at_80x24_opens_the_second_match(sim_factory) -> None:
    """Item 1's repro: the demo pair at 80x24 (one column; the grid can scroll)."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("down")
        await pilot.pause()
        assert app.focused_card is card(app, 41300) and fully_shown(app, card(app, 41300))
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen) and app.screen.card is card(app, 41300)
        await pilot.press("escape", "up")
        await pilot.pause()
        assert app.focused_card is card(app, 41282) and fully_shown(app, card(app, 41282))


async def test_arrows_move_focus_and_the_grid_follows_it_with_many_panels(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, *SOCCER)
    async with app.run_test(size=(120, 40)) as pilot:  # two columns, three rows of panels
        await until(app, lambda: all_live(app))
        for expected in ("41284", "41286"):
            await pilot.press("down")
            await pilot.pause()
            assert app.focused_card is card(app, int(expected))
            assert fully_shown(app, app.focused_card)
        assert app.query_one("#grid").scroll_y > 0
        await pilot.press("down")  # already on the last row: stays
        await pilot.press("right", "up", "up")
        await pilot.pause()
        assert app.focused_card is card(app, 41283) and fully_shown(app, app.focused_card)


async def test_keys_arriving_together_each_act_on_the_focus_the_last_one_left(
    sim_factory,
) -> None:
    """Item 2's repro: `Right Enter` and `Right d` sent at once (a paste, slow SSH)."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41283", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await press_together(pilot, "right", "enter")
        assert isinstance(app.screen, MatchDetailScreen) and app.screen.card is card(app, 41283)
        await pilot.press("escape")
        await press_together(pilot, "right", "d")  # from 41283: right is 41300
        assert [ref.id for ref in app.cards] == [41282, 41283]
        await press_together(pilot, "left", "d", "d")
        assert not app.cards


async def test_tab_cycles_panels_without_an_invisible_stop(sim_factory) -> None:
    """Item 3: after the last panel Tab goes back to the first; Remove and Detail stay."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41283")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.focused_card)
            shown = {b.binding.action for b in app.active_bindings.values() if b.enabled}
            assert {"remove_match", "open_detail"} <= shown
        assert seen == [card(app, 41283), card(app, 41282)] * 2
        await pilot.press("shift+tab")
        assert app.focused_card is card(app, 41283)


async def test_palette_actions_act_on_the_panel_focused_before_it_opened(sim_factory) -> None:
    """Item 4: "Match detail" and "Remove match" are offered and hit the right panel."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41283", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("right", "ctrl+p", *"Match detail")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MatchDetailScreen) and app.screen.card is card(app, 41283)
        await pilot.press("escape", "ctrl+p", *"Remove match")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [ref.id for ref in app.cards] == [41282, 41300]


async def test_only_the_focused_panel_carries_the_focus_mark(sim_factory) -> None:
    """The `▶` before a panel's title follows the focus: moving on takes it off the
    panel left (nothing else changed on it, so only the blur can)."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300", "41285")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        for key in ("right", "left", "down"):
            await pilot.press(key)
            await pilot.pause()
            marked = [p for p in app.cards.values() if "▶" in str(p.border_title)]
            assert marked == [app.focused_card], key
