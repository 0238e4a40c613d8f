"""`--once --format json` carries the app's own win probability (docs/scripts.md).

Against the frozen simulator: the number printed is the model's for the very
state the REST live endpoint shows (a key that may only poll, so that both
read the same snapshot), for the live soccer match (with a draw) and the live
cricket match.
"""

from __future__ import annotations

import io
import json
import urllib.request
from collections.abc import Callable

from scoreboard import exits
from scoreboard.core.events import MatchRef
from scoreboard.core.winprob import win_probability
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.wire import decode_snapshot
from scoreboard.scripts.once import run_once
from scoreboard.settings import Settings
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
SOCCER = MatchRef("sportrix", 41282)
CRICKET = MatchRef("sportrix", 41300)


def _rest_live(sim: SimulatorThread, match_id: int) -> bytes:
    request = urllib.request.Request(
        f"{sim.rest_url}/matches/{match_id}/live", headers={"X-API-Key": "sk_demo_scores"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=5) as response:
        body: bytes = response.read()
        return body


async def test_once_json_carries_the_models_win_probability(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    settings = Settings(
        providers={
            "sportrix": ProviderSettings("sportrix", sim.url, "sk_demo_scores", key_source="a test")
        }
    )
    out, err = io.StringIO(), io.StringIO()
    status = await run_once(settings, [SOCCER, CRICKET], fmt="json", out=out, err=err)
    assert (status, err.getvalue()) == (exits.OK, "")
    soccer, cricket = json.loads(out.getvalue())["matches"]
    for printed, ref in ((soccer, SOCCER), (cricket, CRICKET)):
        assert isinstance(ref.id, int)
        expected = win_probability(decode_snapshot(_rest_live(sim, ref.id)))
        assert expected is not None
        shown = printed["win_probability"]
        assert shown["home"] == round(expected.home, 3)
        assert shown["away"] == round(expected.away, 3)
        assert (shown["projected"], shown["par"]) == (expected.projected, expected.par)
    assert soccer["win_probability"]["draw"] is not None
    assert abs(sum(soccer["win_probability"][k] for k in ("home", "draw", "away")) - 1) < 0.01
    assert cricket["win_probability"]["draw"] is None
