"""`SportrixProvider.lookup`: one match's catalog entry, whatever its status, from the simulator."""

from __future__ import annotations

from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.sim.runner import SimulatorThread


def provider(sim: SimulatorThread) -> SportrixProvider:
    return SportrixProvider(ProviderSettings("sportrix", sim.url, api_key="sk_demo"))


async def test_finished_matches_carry_their_final_score_and_result(sim) -> None:
    soccer = await provider(sim).lookup(41320)
    snap = sim.snapshot(41320)
    assert soccer is not None and soccer.status == "finished"
    assert (soccer.score_home, soccer.score_away) == tuple(
        str(snap["score"][side]) for side in ("home", "away")
    )
    cricket = await provider(sim).lookup(41321)
    snap = sim.snapshot(41321)
    home = snap["score"]["home"]
    assert cricket is not None and cricket.score_home == (
        f"{home['runs']}/{home['wickets']} ({home['overs']})"
    )
    assert cricket.result == snap["result"] and "won" in cricket.result


async def test_a_scheduled_match_has_teams_and_kick_off_but_no_score(sim) -> None:
    summary = await provider(sim).lookup(41310)
    assert summary is not None and summary.status == "scheduled"
    assert (summary.home, summary.away) == ("Tottenham Hotspur", "Manchester United")
    assert summary.start_time.endswith("Z") and summary.score_home == ""


async def test_an_unknown_id_is_none_not_an_error(sim) -> None:
    assert await provider(sim).lookup(99999) is None
