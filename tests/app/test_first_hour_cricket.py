"""Cricket as a fan reads it (issue 12, item 18), through the real app against the simulator.

The simulator plays a match on while the app watches: the panel keeps
the last wicket it saw fall and the partnership since, and the detail view's
scorecard has the bowler of the over in progress and each dismissal beside
its batter.
"""

from __future__ import annotations

from typing import Any

from helpers.app import all_live, app_for, card, card_text, detail_text, until

from scoreboard.ui.screens.detail import MatchDetailScreen

#: A T20 that loses a wicket soon, and an ODI with a change of bowler soon.
WICKETS, BOWLERS = 41301, 41302


def batting(snap: dict[str, Any]) -> dict[str, Any]:
    return snap["score"][snap["batting"]]


def balls(overs: str) -> int:
    whole, _, part = overs.partition(".")
    return int(whole) * 6 + int(part or 0)


async def play_until(app, sim, done, match: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Advance the simulator a few balls at a time until `done(snapshot)`; the panel follows."""
    panel = card(app, match)

    def caught_up(over: dict[str, Any]) -> bool:
        shown = panel.snapshot.over if panel.snapshot is not None else None
        return shown is not None and (shown.number, shown.ball) == (over["number"], over["ball"])

    for _ in range(400):
        sim.advance(20)
        snap = sim.snapshot(match)
        await until(app, lambda over=snap["over"]: caught_up(over))
        if done(snap):
            return snap
    raise AssertionError("the simulator never got there")


async def test_the_panel_shows_the_last_wicket_and_the_partnership(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, str(WICKETS))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        start = batting(sim.snapshot(WICKETS))["wickets"]
        before = sim.snapshot(WICKETS)
        snap = await play_until(app, sim, lambda s: batting(s)["wickets"] > start, WICKETS)
        await pilot.pause()
        shown = " ".join(card_text(card(app, WICKETS)).split())
        total = batting(snap)
        gone = {b["name"] for b in before["batsmen"]} - {b["name"] for b in snap["batsmen"]}
        out = gone.pop()
        how = next(b["dismissal"] for b in snap["scorecard"][-1]["batting"] if b["name"] == out)
        assert f"Last wkt {out} {how}" in shown, shown
        fell = balls(total["overs"]) - 1  # written by the ball it fell on: the 24th is 3.6
        assert f"{total['runs']}/{total['wickets']} ({fell // 6}.{fell % 6 + 1})" in shown
        fall = (total["runs"], balls(total["overs"]))
        # Play on without a wicket: the partnership is what the total gained since.
        snap = await play_until(
            app,
            sim,
            lambda s: (
                balls(batting(s)["overs"]) >= fall[1] + 5
                or batting(s)["wickets"] > total["wickets"]
            ),
            WICKETS,
        )
        now = batting(snap)
        assert now["wickets"] == total["wickets"]  # seed 7: five more balls, no wicket
        shown = " ".join(card_text(card(app, WICKETS)).split())
        stand = now["runs"] - fall[0], balls(now["overs"]) - fall[1]
        assert f"Partnership {stand[0]} ({stand[1]} balls)" in shown, shown
        # Every line of the panel is on screen.
        panel = card(app, WICKETS)
        assert len(panel.body(panel.inner_size.width)) <= panel.inner_size.height


async def test_the_scorecard_has_the_bowler_of_this_over_and_dismissals_by_their_batter(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, str(BOWLERS))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))

        def new_bowler(s: dict[str, Any]) -> bool:
            names = {b["name"] for b in s["scorecard"][-1]["bowling"]}
            return s["bowler"]["name"] not in names

        snap = await play_until(app, sim, new_bowler, BOWLERS)
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        await pilot.pause(0.3)
        text = detail_text(app.screen)
        assert f"{snap['bowler']['name']}*" in text  # on the card, marked as bowling now
        lines = text.splitlines()
        out = [b for b in snap["scorecard"][-1]["batting"] if b["dismissal"] != "not out"]
        longest = max(len(b["name"]) for b in snap["scorecard"][-1]["batting"])
        for batter in out:
            line = next(
                line for line in lines if batter["name"] in line and batter["dismissal"] in line
            )
            gap = line.index(batter["dismissal"]) - line.index(batter["name"])
            assert gap <= longest + 2, line  # right after the names, not far across
