"""Close-game, followed-player and rule alerts through the real app (issue 27).

The IPL final 2019 (cricsheet) is served by the simulator from 15.0 overs of
the chase, a ball every 0.35 s, and the app shows it; what the alert centre
sends is compared with what the scorecard says happened.
"""

from __future__ import annotations

from dataclasses import replace

import msgspec
from helpers.app import card, settings_for, until, watch_events

from scoreboard.core.alerting import AlertSettings, Quiet, parse_rules
from scoreboard.core.follows import FollowRule
from scoreboard.providers.sportrix.wire import decode_snapshot
from scoreboard.sim import real
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app

IPL = real.load("ipl-2019-final")
NOON = 12 * 60


def served(sim_factory, start: str = "2:14.6") -> SimulatorThread:
    return sim_factory(
        engines=[], real=[IPL.name], real_start={IPL.name: start}, real_hold=True, speed=100.0
    )


def app_with(
    sim: SimulatorThread, follow: tuple[FollowRule, ...], **alerts: object
) -> ScoreboardApp:
    options = {"scope": "all", "channels": ("toast", "bell", "desktop"), "desktop": "osc777"}
    settings = replace(
        settings_for(sim, str(IPL.match_id)),
        follow=follow,
        alerts=AlertSettings(**{**options, **alerts}),  # type: ignore[arg-type]
    )
    app = make_app(settings)
    watch_events(app)
    return app


def finished(app: ScoreboardApp) -> bool:
    return getattr(card(app, IPL.match_id).snapshot, "status", "") == "finished"


async def test_a_close_chase_and_a_followed_batter_s_fifty_alert_once_each(sim_factory) -> None:
    sim = served(sim_factory)
    app = app_with(sim, (FollowRule("player", "Shane Watson"),), events=("close_game",))
    app.fan.alerts.minute = lambda: NOON
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: finished(app), timeout=60)
        bodies = [a.body for a in app.fan.alerts.sent("toast")]
        # Watson reached 50 at 15.4 (cricsheet); the last three overs began 38 short.
        assert bodies == ["SR Watson fifty (50)", "Close game: CSK need 38 from 18 balls"]
        assert [a.body for a in app.fan.alerts.sent("bell")] == bodies
        # The match again from the top (a reconnect, a resubscribe): nothing fires twice.
        centre = app.fan.alerts
        for frame in IPL.frames:
            centre.applied(
                card(app, IPL.match_id).ref, decode_snapshot(msgspec.json.encode(frame.data))
            )
        assert [a.body for a in app.fan.alerts.sent("toast")] == bodies


async def test_quiet_hours_hold_the_bell_but_an_urgent_rule_rings_and_a_digest_follows(
    sim_factory,
) -> None:
    sim = served(sim_factory)
    rules = parse_rules(
        [
            {
                "player": "Shane Watson",
                "events": ["fifty"],
                "channels": ["toast", "bell"],
                "urgent": True,
            }
        ]
    )
    app = app_with(
        sim,
        (FollowRule("player", "Shane Watson"),),
        events=("close_game",),
        rules=rules,
        quiet=Quiet(23 * 60, 7 * 60),
    )
    night = [23 * 60 + 30]
    app.fan.alerts.minute = lambda: night[0]
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: finished(app), timeout=60)
        toast = [a.body for a in app.fan.alerts.sent("toast")]
        assert toast == ["SR Watson fifty (50)", "Close game: CSK need 38 from 18 balls"]
        assert [a.body for a in app.fan.alerts.sent("bell")] == ["SR Watson fifty (50)"]  # urgent
        assert app.fan.alerts.sent("desktop") == []  # held
        app.fan.alerts.tell_digest()
        assert len(app.fan.alerts.sent("toast")) == 2  # still quiet: no digest yet
        night[0] = 7 * 60
        app.fan.alerts.tell_digest()
        digest = app.fan.alerts.sent("desktop")
        assert len(digest) == 1 and digest[0].body.startswith(
            "While quiet (23:00-07:00): 1 close game"
        )
        assert "CSK need 38 from 18 balls" in digest[0].body
