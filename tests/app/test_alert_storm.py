"""A storm of goals over followed matches is a few alerts and one summary (issue 24, item 14).

500 goals in about 2 s over 5 followed matches, sent by a hostile server as
update frames, used to raise 121-135 desktop notifications (67 a second):
alerts were merged only within one snapshot. Now a few get through, the rest
are held across matches and time and go out as one summary.
"""

from __future__ import annotations

import json
from typing import Any

from helpers.app import all_live, screen_until, until
from test_alerts import alerting_app, notifications

from scoreboard.sim.runner import SimulatorThread

MATCHES = (41282, 41283, 41284, 41285, 41286)
GOALS_EACH = 100


def with_goals(snap: dict[str, Any], more: int) -> dict[str, Any]:
    goals = [
        {"minute": 1 + n % 89, "added_time": None, "type": "goal", "team": "home",
         "player": f"Striker {n}", "assist": None, "detail": None}
        for n in range(more)
    ]  # fmt: skip
    score = {**snap["score"], "home": snap["score"]["home"] + more}
    return {**snap, "score": score, "events": [*(snap.get("events") or []), *goals]}


async def test_a_goal_storm_over_followed_matches_is_a_few_alerts_and_one_summary(
    sim_factory,
) -> None:
    sim: SimulatorThread = sim_factory(speed=0)
    teams = tuple(sim.snapshot(m)["home"] for m in MATCHES)
    app = alerting_app(sim, *map(str, MATCHES), follow=teams)
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        alerts = app.fan.alerts
        alerts.storm.window = 1.5  # the summary comes this long after the storm began
        base = {m: sim.snapshot(m) for m in MATCHES}
        for n in range(1, GOALS_EACH + 1):
            for match_id in MATCHES:
                frame = {"op": "update", "data": with_goals(base[match_id], n)}
                sim.faults.send_raw(json.dumps(frame))
        last = {m: base[m]["score"]["home"] + GOALS_EACH for m in MATCHES}
        await until(
            app,
            lambda: all(
                (s := app.cards[ref].snapshot) is not None and s.score.home == last[ref.id]  # type: ignore[union-attr]
                for ref in app.cards
            ),
            30,
        )
        summed = lambda: any("more events" in a.body for a in alerts.sent("desktop"))  # noqa: E731
        await screen_until(pilot, summed, 10)  # the storm's window passes: no event to wait on
        sent = alerts.sent("desktop")
        assert len(sent) <= alerts.storm.burst + 1, [a.title for a in sent]
        assert len(notifications(app)) == len(sent)
        summary = sent[-1]
        assert "more events" in summary.body and "matches" in summary.title
