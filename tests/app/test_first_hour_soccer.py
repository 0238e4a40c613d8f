"""The soccer panel as a fan reads it (issue 12, items 15 to 17), through the real app.

Each test sends the simulator's own snapshot of 41282 with a crafted history of
events or stats (`send_raw`, an `update` frame on the real socket), and reads
the panel the app draws from it.
"""

from __future__ import annotations

import json
from typing import Any

from helpers.app import all_live, app_for, card, card_text, detail_text, screen_text, until

from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.screens.help import HelpScreen


def event(
    minute: int, kind: str, team: str, player: str, detail: str | None = None
) -> dict[str, Any]:
    return {"minute": minute, "added_time": None, "type": kind, "team": team,
            "player": player, "assist": None, "detail": detail}  # fmt: skip


async def show(app, sim, pilot, **changes: Any) -> str:  # type: ignore[no-untyped-def]
    """Send 41282 with `changes` and return what its panel reads, one line per event."""
    snap = {**sim.snapshot(41282), **changes}
    sim.faults.send_raw(json.dumps({"op": "update", "data": snap}))
    panel = card(app, 41282)
    await until(app, lambda: panel.snapshot is not None and panel.snapshot.events == _events(snap))
    await pilot.pause()
    return card_text(panel)


def _events(snap: dict[str, Any]):  # type: ignore[no-untyped-def]
    from scoreboard.core.models import Event

    return [Event(**e) for e in snap["events"]] if snap.get("events") else snap.get("events")


async def test_the_goal_stays_on_the_panel_when_substitutions_follow(sim_factory) -> None:
    """Item 15's repro: 0-1 at 62' after five substitutions, and the panel still says who."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        events = [
            event(9, "goal", "away", "C. Palmer"),
            event(55, "substitution", "home", "L. Trossard", "G. Martinelli"),
            event(57, "substitution", "away", "N. Jackson", "C. Nkunku"),
            event(58, "yellow_card", "home", "D. Rice"),
            event(60, "substitution", "home", "K. Havertz", "G. Jesus"),
            event(62, "substitution", "away", "M. Mudryk", "R. Sterling"),
        ]
        shown = await show(app, sim, pilot, events=events, score={"home": 0, "away": 1})
        lines = [line.strip() for line in shown.splitlines()[1:] if "'" in line]
        assert lines[0].startswith("9' ⚽ CHE C. Palmer"), shown  # first, in order, whose
        minutes = [line.split("'")[0] for line in lines]
        # the goal first, then the latest events in match order (as many as the panel's
        # share of the screen holds: issue 22 item 6)
        assert minutes[0] == "9" and minutes[-2:] == ["60", "62"], minutes
        assert minutes == sorted(minutes, key=int), minutes
        # With more goals than rows, every goal stays and the panel grows for them
        # (issue 22, item 6); the other events give up their rows first.
        goals = [event(m, "goal", "home", f"Scorer {m}") for m in (10, 20, 30, 40)]
        shown = await show(
            app, sim, pilot, events=[*goals, event(50, "substitution", "home", "A", "B")]
        )
        shown = "\n".join(shown.splitlines()[1:])  # the body, not the title's latest moment
        assert all(f"Scorer {m}" in shown for m in (10, 20, 30, 40))
        # a lone panel at 120x40 has spare rows: the substitution follows the goals there
        assert "50'" not in shown or shown.index("50'") > shown.index("Scorer 40")


async def test_red_cards_are_among_the_panel_stats_when_there_are_any(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        stats = sim.snapshot(41282)["stats"]
        assert "Red cards" not in card_text(card(app, 41282))  # 0-0: no room taken
        red = {**stats, "red_cards": {"home": 0, "away": 1}}
        shown = await show(
            app, sim, pilot, stats=red, events=[event(70, "red_card", "away", "M. Cucurella")]
        )
        assert "Red cards" in shown and "Yellow cards" in shown and "Possession" in shown
        assert "Offsides" not in shown  # it gave up its row


async def test_cards_are_told_apart_by_letters_and_a_second_yellow_is_one_line(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        events = [
            event(30, "yellow_card", "away", "M. Caicedo"),
            event(61, "second_yellow", "away", "M. Caicedo"),
            event(61, "red_card", "away", "M. Caicedo", "Second yellow card"),
            event(75, "red_card", "home", "W. Saliba", "Serious foul play"),
        ]
        shown = await show(app, sim, pilot, events=events)
        lines = [" ".join(line.split()) for line in shown.splitlines()[1:] if "'" in line]
        assert lines == [
            "30' Y CHE M. Caicedo",
            "61' 2Y CHE M. Caicedo",
            "75' R ARS W. Saliba · Serious foul play",
        ], lines
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        await pilot.pause(0.3)
        detail = detail_text(app.screen)
        assert detail.count("M. Caicedo") == 2 and "61' 2Y CHE M. Caicedo" in detail
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        help_text = " ".join(screen_text(app).split())  # all of it fits 120x40
        assert "Y yellow card, 2Y second yellow (sent off), R red card" in help_text
