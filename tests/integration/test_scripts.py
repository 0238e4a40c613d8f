"""`--once` and `--watch` against the simulator: what scripts and status bars read.

In process where it can be (fast), as a subprocess where what matters is
the process: stdout holds only data, errors go to stderr, the exit status.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import random
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoreboard import exits
from scoreboard.core.events import MatchRef
from scoreboard.providers.base import Provider, ProviderSettings
from scoreboard.providers.registry import make_provider
from scoreboard.providers.sportrix.poller import PollOptions
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.scripts.once import run_once
from scoreboard.scripts.watch import run_watch
from scoreboard.settings import Settings
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
SOCCER = MatchRef("sportrix", 41282)
CRICKET = MatchRef("sportrix", 41300)


def settings_for(sim: SimulatorThread, key: str = "sk_demo") -> Settings:
    base = sim.url.rsplit("/v1/", 1)[0].replace("ws://", "http://")
    return Settings(
        providers={
            "sportrix": ProviderSettings("sportrix", sim.url, key, key_source="a test"),
            "scorelytics": ProviderSettings("scorelytics", base, "sk_live_demo"),
        }
    )


def fast_polling(settings: Settings) -> Callable[[str], Provider]:
    """Providers as the app makes them, Sportrix polling every 0.3 s (tests only)."""

    def make(name: str) -> Provider:
        if name == "sportrix":
            options = PollOptions(interval=0.3, floor=0.1, rng=random.Random(3))
            return SportrixProvider(settings.provider_settings(name), poll_options=options)
        return make_provider(settings.provider_settings(name))

    return make


def rest_live(sim: SimulatorThread, match_id: int) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{sim.rest_url}/matches/{match_id}/live", headers={"X-API-Key": "sk_demo_scores"}
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=5) as response:
        return json.loads(response.read())


async def once(
    settings: Settings, *refs: MatchRef, fmt: str = "line", **kw: Any
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = await run_once(settings, list(refs), fmt=fmt, out=out, err=err, **kw)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("key", ["sk_demo", "sk_demo_scores"], ids=["stream", "polling"])
async def test_once_json_agrees_with_the_rest_live_endpoint(sim_factory: Factory, key: str) -> None:
    sim = sim_factory(speed=0)
    status, out, err = await once(settings_for(sim, key), SOCCER, CRICKET, fmt="json")
    assert (status, err) == (exits.OK, "")
    document = json.loads(out)
    assert document["schema"] == 1
    soccer, cricket = document["matches"]
    assert soccer["via"] == ("stream" if key == "sk_demo" else "polling")
    live = rest_live(sim, 41282)
    assert (soccer["ref"], soccer["id"], soccer["sport"]) == ("sportrix:41282", 41282, "soccer")
    assert (soccer["status"], soccer["competition"]) == (live["status"], live["competition"])
    assert soccer["home"] == {"name": live["home"], "code": "ARS", "score": live["score"]["home"]}
    assert soccer["away"]["score"] == live["score"]["away"]
    assert soccer["clock"] == live["clock"] and soccer["phase"] == live["phase"]
    assert soccer["updated_at"] == live["updated_at"] and soccer["cricket"] is None
    live = rest_live(sim, 41300)
    assert cricket["home"]["score"] == live["score"]["home"]
    assert cricket["away"]["score"] == live["score"]["away"]
    assert cricket["cricket"] == {
        "format": live["format"],
        "innings": live["innings"],
        "batting": live["batting"],
        "target": live.get("target"),
        "over": {"number": live["over"]["number"], "ball": live["over"]["ball"]},
        "result": live.get("result"),
    }
    assert cricket["clock"] is None and cricket["phase"] is None


async def test_once_lines_for_a_status_bar(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    status, out, err = await once(settings_for(sim), SOCCER, CRICKET)
    live = sim.snapshot(41282)
    cricket = sim.snapshot(41300)
    home, away = cricket["score"]["home"], cricket["score"]["away"]
    need = cricket["target"] - away["runs"]
    assert out.splitlines() == [
        f"ARS {live['score']['home']}-{live['score']['away']} CHE {live['clock']['minute'] + 1}'",
        f"MUM {home['runs']}/{home['wickets']} · CSK {away['runs']}/{away['wickets']} "
        f"({away['overs']}) need {need}",
    ]
    assert (status, err) == (exits.OK, "")


async def test_once_a_missing_match_is_named_on_stderr_and_the_rest_printed(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    missing = MatchRef("sportrix", 999999)
    status, out, err = await once(settings_for(sim, "sk_demo_scores"), SOCCER, missing)
    assert status == exits.NOT_SHOWN
    assert out.startswith("ARS ") and len(out.splitlines()) == 1
    assert err == "sportrix-tui: sportrix:999999: no such match\n"


async def test_once_a_refused_key_is_status_3_and_one_line(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    status, out, err = await once(settings_for(sim, "sk_demo_disabled"), SOCCER, CRICKET)
    assert (status, out) == (exits.KEY_REFUSED, "")
    assert err.count("\n") == 1 and "key refused" in err and "sk_demo_disabled" not in err


async def test_once_no_answer_in_time_is_status_5(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.stall()
    status, out, err = await once(settings_for(sim), SOCCER, timeout=1.0)
    assert (status, out) == (exits.NO_ANSWER, "")
    assert err == "sportrix-tui: sportrix:41282: no answer within 1 s\n"


@pytest.mark.parametrize("polling", [False, True], ids=["stream", "polling"])
async def test_watch_prints_a_goal_once(sim_factory: Factory, polling: bool) -> None:
    sim = sim_factory(speed=0)
    settings = settings_for(sim, "sk_demo_scores" if polling else "sk_demo")
    out, err, stop = io.StringIO(), io.StringIO(), asyncio.Event()
    factory = fast_polling(settings) if polling else None
    task = asyncio.create_task(
        run_watch(settings, [SOCCER], fmt="jsonl", out=out, err=err, stop=stop, factory=factory)
    )

    def lines() -> list[dict[str, Any]]:
        return [json.loads(line) for line in out.getvalue().splitlines()]

    async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                await asyncio.sleep(0.02)

    await until(lambda: len(lines()) == 1)
    assert lines()[0]["type"] == "snapshot"
    before = sim.snapshot(41282)["score"]
    while sim.snapshot(41282)["score"] == before:  # about 210 simulated seconds (seed 7)
        sim.advance(10)
    await until(lambda: any(line["type"] == "score" for line in lines()))
    sim.restart()  # a reconnect (or the polls going on) must not tell it again
    if not polling:
        await asyncio.to_thread(sim.wait_until, lambda: bool(sim.subscriptions()), 10)
    await asyncio.sleep(1.0)
    stop.set()
    assert await asyncio.wait_for(task, 10) == exits.OK
    scores = [line for line in lines() if line["type"] == "score"]
    assert len(scores) == 1
    goal = scores[0]
    after = sim.snapshot(41282)["score"]
    assert goal["before"] == before
    assert (goal["match"]["home"]["score"], goal["match"]["away"]["score"]) == (
        after["home"],
        after["away"],
    )
    assert [m["kind"] for m in goal["moments"]] == ["goal"]
    if not polling:
        assert goal["moments"][0]["text"].startswith("W. Saliba")  # the stream names the scorer
    assert not any(
        line["type"] == "moment" and line["moment"]["kind"] == "goal" for line in lines()
    )


# -- the process: stdout, stderr, exit status ----------------------------------------------


def run_cli(*args: str, key: str = "sk_demo", **kw: Any) -> subprocess.Popen[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith(("API_KEY", "_KEY")) and k != "SPORTRIX_TUI_CONFIG"
    }
    # No config file: the user's must not change what these tests see.
    env.update(SPORTRIX_API_KEY=key, XDG_CONFIG_HOME="/nonexistent")
    return subprocess.Popen(
        [sys.executable, "-m", "scoreboard", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        **kw,
    )


def test_the_process_keeps_errors_off_stdout(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    proc = run_cli("--url", sim.url, "--match", "41282", "--match", "999999", "--once")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == exits.NOT_SHOWN
    assert out.startswith("ARS ") and out.count("\n") == 1
    assert err.strip() == "sportrix-tui: sportrix:999999: match not live or not found"


def test_once_without_a_key_is_a_setup_error_not_a_refusal(sim_factory: Factory) -> None:
    """Nothing was sent, so nothing was refused: its own line and status (issue 25, 12)."""
    sim = sim_factory(speed=0)
    proc = run_cli("--url", sim.url, "--match", "41282", "--once", key="")
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out) == (exits.NO_KEY, "")
    assert err.count("\n") == 1 and "refused" not in err
    assert err.startswith("sportrix-tui: sportrix: no API key: set SPORTRIX_API_KEY")


def test_once_warns_of_a_log_file_it_cannot_write_and_makes_no_tree(tmp_path: Path) -> None:
    """A `--log-file` in a missing directory outside the app's own: one warning on
    stderr, no directory made, the scores still printed (issue 25, 15)."""
    log = tmp_path / "missing" / "deeper" / "app.log"
    proc = run_cli("--demo", "--once", "--log-file", str(log))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == exits.OK and out.startswith("ARS ")
    assert err.startswith(f"sportrix-tui: warning: cannot write the log file {log}"), err
    assert not (tmp_path / "missing").exists()


def test_watch_ends_on_sigterm_with_128_plus_the_signal(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    proc = run_cli("--url", sim.url, "--match", "41282", "--watch")
    assert proc.stdout is not None
    first = json.loads(proc.stdout.readline())
    assert first["type"] == "snapshot" and first["match"]["ref"] == "sportrix:41282"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == exits.signalled(signal.SIGTERM)
    assert (out, err) == ("", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--once", "--watch"], "not allowed with argument"),
        (["--format", "json"], "--format goes with --once or --watch"),
        (["--once", "--format", "jsonl"], "--once prints --format line, json or tmux, not jsonl"),
        (["--watch", "--timeout", "3"], "--timeout goes with --once"),
        (["--once"], "no match to print"),
    ],
)
def test_bad_script_flags_are_usage_errors(args: list[str], message: str) -> None:
    proc = run_cli(*args)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == exits.USAGE and out == ""
    assert message in err.splitlines()[-1]  # argparse's usage may come first


def test_the_demo_prints_once() -> None:
    proc = run_cli("--demo", "--once", "--format", "json")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == exits.OK, err
    refs = [m["ref"] for m in json.loads(out)["matches"]]
    assert refs == ["sportrix:41282", "sportrix:41300"]


async def test_once_with_scorelytics_agrees_with_its_rest_snapshot(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    football, basketball = MatchRef("scorelytics", "abc123"), MatchRef("scorelytics", "xyz789")
    status, out, err = await once(settings_for(sim), football, basketball, fmt="json")
    assert (status, err) == (exits.OK, "")
    shown = {m["ref"]: m for m in json.loads(out)["matches"]}
    origin = sim.rest_url.removesuffix("/v1")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    rest: dict[MatchRef, dict[str, Any]] = {}
    for ref, sport in ((football, "football"), (basketball, "basketball")):
        request = urllib.request.Request(
            f"{origin}/v1/{sport}/matches/{ref.id}", headers={"X-API-Key": "sk_live_demo"}
        )
        with opener.open(request, timeout=5) as response:
            rest[ref] = json.loads(response.read())
        match = shown[str(ref)]
        assert match["home"]["name"] == rest[ref]["home_team"]
        assert match["away"]["name"] == rest[ref]["away_team"]
        assert match["home"]["score"] == rest[ref]["home_score"]
        assert match["away"]["score"] == rest[ref]["away_score"]
    assert shown[str(football)]["clock"]["minute"] == rest[football]["minute"]
    assert shown[str(basketball)]["clock"] == {
        "period": rest[basketball]["period"],
        "game_clock_secs": rest[basketball]["game_clock_secs"],
    }


async def test_once_says_who_is_yet_to_bat_and_puts_need_with_the_chasing_side(
    sim_factory: Factory,
) -> None:
    """Issue 22, item 10: `MUM 70/2 (10.1) · CSK` said nothing of CSK, and a home chase
    read `MUM 67/1 (7.3) · CSK 174/6 need 108` as if CSK needed the runs."""
    sim = sim_factory(speed=0)
    status, out, _ = await once(settings_for(sim), MatchRef("sportrix", 41301))
    snap = sim.snapshot(41301)
    batting = snap["batting"]
    assert snap["innings"] == 1 and snap["score"]["away" if batting == "home" else "home"] is None
    assert out.strip().endswith("yet to bat"), out
    assert status == exits.OK
