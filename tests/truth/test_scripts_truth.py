"""`--once` and `--watch` on real matches, against the truth from cricsheet.

In process, against the real simulator on loopback (as tests/integration/test_scripts.py):
what a script reading the output would get, compared with the source data.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import Callable
from typing import Any

from real_truth import cricket_truth, result

from scoreboard.core.events import MatchRef
from scoreboard.providers.base import ProviderSettings
from scoreboard.scripts.once import run_once
from scoreboard.scripts.watch import run_watch
from scoreboard.settings import Settings
from scoreboard.sim import real
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
IPL, SEMI = "ipl-2019-final", "wc-2019-semi"


def settings_for(sim: SimulatorThread) -> Settings:
    base = sim.url.rsplit("/v1/", 1)[0].replace("ws://", "http://")
    return Settings(
        providers={
            "sportrix": ProviderSettings("sportrix", sim.url, "sk_demo", key_source="a test"),
            "scorelytics": ProviderSettings("scorelytics", base, "sk_live_demo"),
        }
    )


async def watched(sim: SimulatorThread, match_id: int) -> list[dict[str, Any]]:
    """`--watch --format jsonl` until the match is over."""
    out, err, stop = io.StringIO(), io.StringIO(), asyncio.Event()
    ref = MatchRef("sportrix", match_id)
    task = asyncio.create_task(
        run_watch(settings_for(sim), [ref], fmt="jsonl", out=out, err=err, stop=stop)
    )

    def lines() -> list[dict[str, Any]]:
        return [json.loads(line) for line in out.getvalue().splitlines()]

    async with asyncio.timeout(30):
        while not any(
            x["type"] == "moment" and x["moment"]["kind"] == "full_time" for x in lines()
        ):
            await asyncio.sleep(0.02)
    stop.set()
    assert await task == 0
    return lines()


async def once(sim: SimulatorThread, match_id: int) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = await run_once(
        settings_for(sim), [MatchRef("sportrix", match_id)], fmt="text", out=out, err=err
    )
    return status, out.getvalue(), err.getvalue()


def _ipl_from(sim_factory: Factory, start: str | int, **options: Any) -> SimulatorThread:
    return sim_factory(engines=[], real=[IPL], real_start={IPL: start}, real_hold=True, **options)


async def test_watch_follows_the_chase_to_the_result(sim_factory: Factory) -> None:
    sim = _ipl_from(sim_factory, "2:18.1", speed=1.0, real_gap=0.05)
    lines = await watched(sim, 700001)
    innings = cricket_truth(real.load(IPL).source)
    last = lines[-1]["match"]
    assert last["cricket"]["result"] == result(real.load(IPL).source)
    for inn in innings:
        side = last[inn.team]["score"]
        assert (side["runs"], side["wickets"], side["overs"]) == (
            inn.runs,
            inn.wickets,
            f"{inn.balls // 6}.{inn.balls % 6}",
        )
    scores = [
        (x["match"]["away"]["score"]["runs"], x["match"]["away"]["score"]["wickets"])
        for x in lines
        if x["type"] in ("snapshot", "score")
    ]
    chase = innings[1]
    joined = real.load(IPL).index("2:18.1")
    want = [(b.runs, b.wickets) for b in chase.after[-(len(real.load(IPL).frames) - joined) :]]
    assert [s for i, s in enumerate(scores) if i == 0 or s != scores[i - 1]] == [
        s for i, s in enumerate(want) if i == 0 or s != want[i - 1]
    ]


async def test_watch_names_each_wicket_with_the_batters_score(sim_factory: Factory) -> None:
    """Watson, run out going for a second after completing one, was out for 80, not 79."""
    sim = _ipl_from(sim_factory, "2:18.1", speed=1.0, real_gap=0.05)
    lines = await watched(sim, 700001)
    chase = cricket_truth(real.load(IPL).source)[1]
    wickets = [m["text"] for x in lines for m in x.get("moments", []) if m["kind"] == "wicket"]
    falls = [f for f in chase.falls if f.wicket >= 5]
    assert len(wickets) == len(falls)
    for text, fall in zip(wickets, falls, strict=True):
        runs = chase.batting[fall.batter][0]
        assert re.search(rf"{re.escape(fall.batter)}\b.*\b{runs}\b", text), (text, runs)


async def test_once_mid_chase_prints_both_totals(sim_factory: Factory) -> None:
    sim = sim_factory(engines=[], real=[SEMI], real_start={SEMI: "2:47.1"}, speed=0)
    status, out, _ = await once(sim, 700004)
    assert status == 0
    assert "205/6 (47.1)" in out and "239/8" in out


async def test_once_says_who_needs_the_runs(sim_factory: Factory) -> None:
    """India (home) chasing: "need 35" must read as India's, not New Zealand's."""
    sim = sim_factory(engines=[], real=[SEMI], real_start={SEMI: "2:47.1"}, speed=0)
    _, out, _ = await once(sim, 700004)
    home, away = out.split(" · ", 1)
    assert "need 35" in home and "need" not in away


async def test_once_on_a_finished_match_prints_the_result(sim_factory: Factory) -> None:
    """The stream refuses a finished match; the script still owes the final answer."""
    last = len(real.load(IPL).frames) - 1
    sim = _ipl_from(sim_factory, last, speed=0)
    status, out, err = await once(sim, 700001)
    assert status == 0, err
    assert "149/8" in out and "148/7" in out


async def test_team_codes_tell_new_zealand_from_newcastle(sim_factory: Factory) -> None:
    """New Zealand (real) and Newcastle United (the invented catalog) followed together."""
    sim = sim_factory(real=[SEMI], real_start={SEMI: "2:47.1"}, speed=0)
    out, err = io.StringIO(), io.StringIO()
    refs = [MatchRef("sportrix", 700004), MatchRef("sportrix", 41288)]
    assert await run_once(settings_for(sim), refs, fmt="text", out=out, err=err) == 0, err
    codes: dict[str, set[str]] = {}
    for line in out.getvalue().splitlines():
        for side in line.split(" · "):
            code = side.split()[0]
            codes.setdefault(code, set()).add(line)
    assert not [code for code, lines in codes.items() if len(lines) > 1], out.getvalue()


async def test_watch_team_codes_tell_new_zealand_from_newcastle(sim_factory: Factory) -> None:
    """`--watch --format line` following both: each line's codes name its own teams only."""
    sim = sim_factory(real=[SEMI], real_start={SEMI: "2:47.1"}, speed=0)
    out, err, stop = io.StringIO(), io.StringIO(), asyncio.Event()
    refs = [MatchRef("sportrix", 700004), MatchRef("sportrix", 41288)]
    task = asyncio.create_task(
        run_watch(settings_for(sim), refs, fmt="line", out=out, err=err, stop=stop)
    )

    def pairs() -> set[tuple[str, ...]]:
        return {
            tuple(re.findall(r"\b[A-Z]{3}[A-Z0-9]?\b", line)[:2])
            for line in out.getvalue().splitlines()
        }

    async with asyncio.timeout(30):
        while len(pairs()) < 2:
            await asyncio.sleep(0.02)
    stop.set()
    assert await task == 0
    codes = [code for pair in pairs() for code in pair]
    assert len(codes) == 4 and len(set(codes)) == 4, out.getvalue()
