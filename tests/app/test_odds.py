"""Win probability on screen, through the real app and simulator: on the panel and the
ticker, drawn from the SHOWN (delayed) state, hidden with the score by `h`."""

from __future__ import annotations

import re
from collections.abc import Callable

from helpers.app import (
    card,
    card_text,
    demo_pair,
    detail_text,
    screen_text,
    screen_until,
    time_app,
    until,
)

from scoreboard.core.models import SoccerSnapshot
from scoreboard.core.winprob import win_probability
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.render.odds import odds_text

Factory = Callable[..., SimulatorThread]
THREE_WAY = re.compile(r"(ARS|CHE) \d+ % · draw \d+ %")


def soccer_odds(snap: object) -> str:
    assert isinstance(snap, SoccerSnapshot)
    chances = win_probability(snap)
    assert chances is not None and chances.draw is not None
    home = chances.home >= chances.away
    side = ("ARS", chances.home) if home else ("CHE", chances.away)
    return f"{side[0]} {round(side[1] * 100)} % · draw {round(chances.draw * 100)} %"


async def test_the_panel_and_the_ticker_show_the_shown_states_odds(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    async with demo_pair(sim) as pair:
        app, pilot, now, soccer, cricket = pair.app, pair.pilot, pair.now, pair.soccer, pair.cricket
        await pilot.pause()
        shown = screen_text(app)
        assert soccer_odds(soccer.snapshot) in shown
        assert re.search(r"(MUM|CSK) \d+ %", shown) and odds_text(cricket.snapshot) in shown

        # Delayed: the odds are the held-back state's, never the newest one's.
        soccer.focus()
        await pilot.press("plus", "plus", "plus")  # 45 s behind
        before = soccer.snapshot
        goals = sim.snapshot(41282)["score"]
        while sim.snapshot(41282)["score"] == goals:
            sim.advance(10)

        def newest() -> SoccerSnapshot:
            history = app.feed.history.get(soccer.ref)
            assert history is not None and isinstance(history.latest, SoccerSnapshot)
            return history.latest

        final = sim.snapshot(41282)["clock"]
        last = (final["minute"], final["second"])  # the burst's last frame
        await screen_until(
            pilot, lambda: (c := newest().clock) is not None and (c.minute, c.second) == last, 10
        )
        assert soccer_odds(newest()) != soccer_odds(before)  # a goal moves them
        app.feed.spoilers.release()  # the clock has not moved: nothing is due
        await pilot.pause()
        assert soccer.snapshot == before
        assert soccer_odds(before) in card_text(soccer)
        assert soccer_odds(newest()) not in screen_text(app)
        now[0] += 45
        app.feed.spoilers.release()
        await until(app, lambda: soccer.snapshot == newest())
        await screen_until(pilot, lambda: soccer_odds(newest()) in screen_text(app), 5)

        await pilot.press("h")  # hidden with the score
        await pilot.pause()
        assert not THREE_WAY.search(card_text(soccer))

        # Live again: a delayed ticker line gives its odds' cells to `delayed 45 s`.
        await pilot.press("minus", "minus", "minus")
        await pilot.press("h", "z", "z")  # the ticker: one line a match, the odds on it
        await until(app, lambda: app.grid.density == "ticker")
        # 120 columns leave the soccer line room for the leader's chance, not the draw.
        leader = soccer_odds(soccer.snapshot).split(" · ")[0]
        line = lambda: next(t for t in screen_text(app).splitlines() if "Arsenal" in t)  # noqa: E731
        await screen_until(pilot, lambda: leader in line(), 5)
        assert odds_text(cricket.snapshot) in screen_text(app)


async def test_the_detail_view_charts_the_odds_and_marks_the_goal_that_swung_them(
    sim_factory: Factory,
) -> None:
    from scoreboard.ui.screens.detail import MatchDetailScreen

    sim = sim_factory(speed=0)
    app = time_app(sim, "41282")
    async with app.run_test(size=(120, 60)) as pilot:
        soccer = card(app, 41282)
        await until(app, lambda: soccer.snapshot is not None)
        soccer.focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MatchDetailScreen)
        goals = sim.snapshot(41282)["score"]
        while sim.snapshot(41282)["score"] == goals:  # minute by minute, to the next goal
            before = soccer.updates
            sim.advance(60)
            await until(app, lambda b=before: soccer.updates > b)  # type: ignore[misc]
        await screen_until(pilot, lambda: "swings:" in detail_text(screen), 10)
        text = detail_text(screen)
        assert "Win probability" in text and "▲" in text
        tracker = app.feed.chart(soccer)
        biggest = max(tracker.odds.swings(3), key=lambda s: abs(s.change))  # type: ignore[union-attr]
        after = sim.snapshot(41282)
        minute = f"{after['clock']['minute'] + 1}'"
        scorer = "ARS" if after["score"]["home"] > goals["home"] else "CHE"
        # The goal is the biggest swing, named by its minute and who it went to.
        assert (biggest.when, "ARS" if biggest.change > 0 else "CHE") == (minute, scorer)
        assert f"{minute} {scorer} +" in text


async def swing_run(sim: SimulatorThread, events: tuple[str, ...]) -> list[object]:
    """Alerts sent as the simulator plays on to its next goal (63', CHE: ARS 76 % to 30 %)."""
    from dataclasses import replace

    from helpers.app import settings_for, watch_events

    from scoreboard.core.alerting import AlertSettings
    from scoreboard.core.follows import FollowRule
    from scoreboard.ui.app import make_app

    settings = replace(
        settings_for(sim, "41282"),
        follow=(FollowRule("team", "Arsenal"),),
        alerts=AlertSettings(channels=("toast",), events=events),
    )
    app = make_app(settings)
    watch_events(app)
    async with app.run_test(size=(120, 40)):
        soccer = card(app, 41282)
        await until(app, lambda: soccer.snapshot is not None)
        goals = sim.snapshot(41282)["score"]
        while sim.snapshot(41282)["score"] == goals:
            before = soccer.updates
            sim.advance(10)
            await until(app, lambda b=before: soccer.updates > b)  # type: ignore[misc]
        await until(app, lambda: bool(app.fan.alerts.sent("toast")))
        return list(app.fan.alerts.sent("toast"))


async def test_a_goal_that_swings_the_odds_25_points_is_a_swing_alert_when_asked_for(
    sim_factory: Factory,
) -> None:
    asked = await swing_run(sim_factory(speed=0), ("goal", "swing"))
    alert = asked[-1]
    assert alert.kinds == ("goal", "swing")  # type: ignore[attr-defined]
    # Named by the side whose chance moved most: Arsenal's, from the 70s to 30 %.
    assert re.search(r"swing: ARS 7\d % → 30 % 63'", alert.body), alert.body  # type: ignore[attr-defined]

    plain = await swing_run(sim_factory(speed=0), ("goal",))  # opt-in: not by default
    assert [a.kinds for a in plain] == [("goal",)]  # type: ignore[attr-defined]
