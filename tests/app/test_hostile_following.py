"""A broad follow against a catalog made to hurt (issue 24, item 12).

`follow = ["Arsenal"]` against a hostile loopback REST catalog listing 2,000
live Arsenal matches: following adds a capped few by itself, says on screen
that it left the rest out, and does not subscribe to them all on the key.
"""

from __future__ import annotations

from dataclasses import replace

from helpers.app import screen_until, settings_for, toasts, until, watch_events
from helpers.hostile_rest import HostileRest

from scoreboard.core.follows import FollowRule
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import make_app
from scoreboard.ui.fan.following import MAX_AUTO_ADDED

MANY = 2000


def arsenal_everywhere() -> list[dict[str, object]]:
    return [
        {
            "match_id": 500_000 + i,
            "sport": "soccer",
            "status": "live",
            "home": "Arsenal",
            "away": f"Opponent {i}",
            "competition": "Endless Cup",
        }
        for i in range(MANY)
    ]


async def test_a_broad_follow_adds_a_capped_few_and_says_so(sim_factory) -> None:
    sim: SimulatorThread = sim_factory(speed=0)
    with HostileRest({"/v1/matches": arsenal_everywhere()}) as rest:
        base = settings_for(sim)
        sportrix = replace(base.providers["sportrix"], rest_url=rest.base)
        settings = replace(base.with_provider(sportrix), follow=(FollowRule("team", "Arsenal"),))
        app = make_app(settings)
        watch_events(app)
        async with app.run_test(size=(160, 50), notifications=True) as pilot:
            await until(app, lambda: "/v1/matches" in rest.asked)
            await screen_until(pilot, lambda: any("left" in t for t in toasts(app)), 20)
            assert len(app.cards) == MAX_AUTO_ADDED
            text = " ".join(toasts(app))
            assert f"added {MAX_AUTO_ADDED} matches by itself" in text
            assert f"left {MANY - MAX_AUTO_ADDED} more" in text
            assert len([t for t in toasts(app) if "left" in t]) == 1
        subscribed = {m for subs in sim.subscriptions().values() for m in subs}
        assert len(subscribed) <= MAX_AUTO_ADDED
