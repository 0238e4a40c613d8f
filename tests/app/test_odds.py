"""Win probability on screen, through the real app and simulator: on the panel and the
ticker, drawn from the SHOWN (delayed) state, hidden with the score by `h`."""

from __future__ import annotations

import re
from collections.abc import Callable

from helpers.app import card, card_text, detail_text, screen_text, screen_until, time_app, until

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
    now = [1000.0]
    app = time_app(sim, "41282", "41300")
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        soccer, cricket = card(app, 41282), card(app, 41300)
        await until(app, lambda: soccer.snapshot is not None and cricket.snapshot is not None)
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

        await screen_until(pilot, lambda: newest().score != before.score, 10)  # type: ignore[union-attr]
        await pilot.pause(0.3)  # the last frames of the burst
        assert soccer_odds(newest()) != soccer_odds(before)  # a goal moves them
        app.feed.spoilers.release()
        await pilot.pause(0.2)
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
