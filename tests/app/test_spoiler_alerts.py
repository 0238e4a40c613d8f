"""The delayed and hidden views reach alerts, flashes and the marker, not the live one."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from helpers.app import all_live, card, screen_until, settings_for, until, watch_events

from scoreboard.core.alerting import AlertSettings
from scoreboard.core.follows import FollowRule
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app


def delayed_app(sim: SimulatorThread, delay: float) -> ScoreboardApp:
    settings = replace(
        settings_for(sim, "41282"),
        follow=(FollowRule("team", "Arsenal"),),
        alerts=AlertSettings(channels=("toast",), events=("goal",)),  # type: ignore[call-arg]
        delay=delay,
    )
    app = make_app(settings)
    watch_events(app)
    return app


def goals(sim: SimulatorThread) -> int:
    score = sim.snapshot(41282)["score"]
    return int(score["home"] + score["away"])


async def a_goal(sim: SimulatorThread) -> None:
    def play() -> None:
        target = goals(sim) + 1
        for _ in range(4 * 5400):
            if goals(sim) >= target:
                return
            sim.advance(1)
        raise AssertionError("no goal in a whole match")

    await asyncio.to_thread(play)


async def test_a_delayed_goal_flashes_and_alerts_when_the_panel_shows_it(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    now = [1000.0]
    app = delayed_app(sim, 45.0)
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        spoilers = app.feed.spoilers
        await screen_until(pilot, lambda: app.feed.history.get(panel.ref) is not None, 10)
        now[0] = 1045.0
        spoilers.release()
        await until(app, lambda: all_live(app))
        before = panel.snapshot
        now[0] = 1100.0
        await a_goal(sim)

        def latest_score() -> object:
            # `get` each time: it hands over a state still waiting in the store's
            # quarter-second window (the goal may be the last frame of its burst).
            history = app.feed.history.get(panel.ref)
            return None if history is None else history.latest.score  # type: ignore[union-attr]

        await screen_until(pilot, lambda: latest_score() not in (None, before.score), 10)  # type: ignore[union-attr]
        now[0] = 1144.9
        spoilers.release()
        await pilot.pause(0.3)
        assert panel.snapshot.score == before.score  # type: ignore[union-attr]
        assert not app.fan.alerts.sent("toast") and not panel.highlighted
        now[0] = 1145.0
        spoilers.release()
        await until(app, lambda: bool(app.fan.alerts.sent("toast")))
        assert panel.snapshot.score != before.score  # type: ignore[union-attr]
        assert panel.highlighted


async def test_news_on_a_panel_scrolled_off_screen_is_marked(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = make_app(replace(settings_for(sim, "41282", "41300", "41285", "41302"), density="full"))
    watch_events(app)
    async with app.run_test(size=(80, 24)) as pilot:  # one column: two panels fit at most
        await until(app, lambda: all_live(app))
        top, bottom = card(app, 41282), card(app, 41302)
        top.focus()
        await pilot.pause(0.2)
        assert top.can_be_seen() and not bottom.can_be_seen()
        for _ in range(40):
            sim.advance(30)
            await pilot.pause(0.05)
            if bottom.has_missed:
                break
        assert bottom.has_missed  # a wicket or runs while it was out of sight
        assert not top.has_missed  # news on screen was seen as it came
        bottom.focus()
        await pilot.press("m")
        await pilot.press("escape")
        assert not bottom.has_missed
