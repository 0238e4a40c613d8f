"""The simulator serving real matches (`--real`): catalog, order, spacing, bursts, the CLIs.

Every test runs the real simulator on loopback and reads it with a plain
WebSocket client: what a Sportrix client would receive.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from scoreboard.sim import real
from scoreboard.sim.runner import SimulatorThread

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_PROXY": "*", "PYTHONUNBUFFERED": "1"}
LISTENING = re.compile(r"^listening on ws://127\.0\.0\.1:(\d+)/v1/stream$")
TIMEOUT = 20.0

HEADERS = {"X-API-Key": "sk_demo"}
IPL = real.load("ipl-2019-final")
TURKEY_ITALY = real.load("turkey-italy-2021")


async def receive(
    url: str,
    match_id: int,
    *,
    until_finished: bool = True,
    count: int | None = None,
    read_after: float = 0.0,
) -> list[tuple[float, dict[str, Any]]]:
    """(arrival time, frame) of everything for `match_id`, until it finishes or `count` came.

    `read_after`: subscribe, then read nothing for that long (a slow client).
    """
    got: list[tuple[float, dict[str, Any]]] = []
    async with connect(url, additional_headers=HEADERS) as ws:
        await ws.send(json.dumps({"action": "subscribe", "match_id": match_id}))
        if read_after:
            await asyncio.sleep(read_after)
        async with asyncio.timeout(TIMEOUT):
            while True:
                frame = json.loads(await ws.recv())
                got.append((time.monotonic(), frame))
                if count is not None and len(got) >= count:
                    return got
                if until_finished and frame["data"]["status"] == "finished":
                    return got


def without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "updated_at"}


def test_real_matches_are_in_the_catalog_and_live(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0, real=["ipl-2019-final", "turkey-italy-2021"])
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(f"{sim.rest_url}/matches?status=live", headers=HEADERS)
    with opener.open(request, timeout=5) as answer:
        listed = {m["match_id"]: m for m in json.load(answer)}
    assert listed[700001]["home"] == "Mumbai Indians"
    assert listed[700001]["away"] == "Chennai Super Kings"
    assert listed[700001]["sport"] == "cricket"
    assert listed[700102]["home"] == "Turkey"
    assert listed[700102]["sport"] == "soccer"
    assert 41282 in listed  # the invented catalog is still there


async def test_every_state_arrives_in_order_even_50ms_apart(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    start = IPL.index("2:17.1")
    sim = sim_factory(
        speed=1.0,
        engines=[],
        real=["ipl-2019-final"],
        real_start={"ipl-2019-final": start},
        real_gap=0.03,
        real_hold=True,
    )
    got = await receive(sim.url, 700001)
    want = [f.data for f in IPL.frames[start:]]
    assert [without_time(f["data"]) for _, f in got] == want
    assert [f["op"] for _, f in got] == ["snapshot"] + ["update"] * (len(want) - 1)
    # Released 30 ms apart from the subscribe: none can come early, whatever the load.
    t0 = got[0][0]
    for n, (arrived, _) in enumerate(got[1:], start=1):
        assert arrived - t0 >= n * 0.03 - 0.01


async def test_a_slow_reader_still_gets_every_state(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    """Updates of a real match are never coalesced: a client that reads late gets them all."""
    start = IPL.index("2:19.1")
    sim = sim_factory(
        speed=1.0,
        engines=[],
        real=["ipl-2019-final"],
        real_start={"ipl-2019-final": start},
        real_gap=0.01,
        real_hold=True,
    )
    got = await receive(sim.url, 700001, read_after=0.5)
    assert [without_time(f["data"]) for _, f in got] == [f.data for f in IPL.frames[start:]]


async def test_bursts_arrive_together(sim_factory: Callable[..., SimulatorThread]) -> None:
    start = TURKEY_ITALY.index("2H 52:00")
    sim = sim_factory(
        speed=1.0,
        engines=[],
        real=["turkey-italy-2021"],
        real_start={"turkey-italy-2021": start},
        real_gap=0.25,
        real_burst=4,
        real_hold=True,
    )
    got = await receive(sim.url, 700102, until_finished=False, count=13)
    assert [without_time(f["data"]) for _, f in got] == [
        f.data for f in TURKEY_ITALY.frames[start : start + 13]
    ]
    t0 = got[0][0]
    arrivals = [t - t0 for t, _ in got[1:]]
    bursts = [arrivals[i : i + 4] for i in range(0, 12, 4)]
    for k, burst in enumerate(bursts, start=1):
        assert burst[0] >= k * 0.25 - 0.01  # released together, every 0.25 s: never early
        assert burst[-1] - burst[0] < 0.1  # written together: read back to back


async def test_the_matchs_own_spacing_is_scaled_by_speed(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    """At --speed 50 the derived 35 s between balls are 0.7 s: no ball comes early."""
    start = IPL.index("2:19.3")
    speed = 50.0
    sim = sim_factory(
        speed=speed,
        engines=[],
        real=["ipl-2019-final"],
        real_start={"ipl-2019-final": start},
        real_hold=True,
    )
    got = await receive(sim.url, 700001)
    frames = IPL.frames[start:]
    assert [without_time(f["data"]) for _, f in got] == [f.data for f in frames]
    t0 = got[0][0]
    for (arrived, _), frame in zip(got[1:], frames[1:], strict=True):
        due = (frame.at - frames[0].at) / speed
        assert arrived - t0 >= due - 0.05


@pytest.fixture
def sim_process() -> Iterator[subprocess.Popen[str]]:
    """`sportrix-sim --real wc-2019-semi` from its last two overs, 20 ms between frames."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scoreboard.sim",
            "--port",
            "0",
            "--real",
            "wc-2019-semi",
            "--real-start",
            "wc-2019-semi=2:48.1",
            "--real-gap",
            "20",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=ROOT,
    )
    yield proc
    proc.terminate()
    proc.communicate(timeout=TIMEOUT)


def test_sportrix_sim_real_option(sim_process: subprocess.Popen[str]) -> None:
    assert sim_process.stdout is not None
    match = LISTENING.match(sim_process.stdout.readline().rstrip("\n"))
    assert match, "expected exactly the listening line"
    url = f"ws://127.0.0.1:{match.group(1)}/v1/stream"
    got = asyncio.run(receive(url, 700004))
    final = got[-1][1]["data"]
    assert final["result"] == "New Zealand won by 18 runs"
    assert final["score"]["home"] == {"runs": 221, "wickets": 10, "overs": "49.3"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--real", "nope"], "--real nope: no such real match"),
        (["--real-gap", "20"], "need --real NAME"),
        (["--real", "wc-2019-semi", "--real-start", "wc-2019-semi=9:99.9"], "no frame"),
    ],
)
def test_sportrix_sim_refuses_bad_real_options(args: list[str], says: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scoreboard.sim", "--port", "0", *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr


def test_sportrix_tui_real_once_prints_the_real_match() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scoreboard", "--real", "barcelona-girona-2018", "--once"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    assert "Barcelona" in done.stdout or "BAR" in done.stdout
    assert "0-0" in done.stdout.replace(" ", "") or "0 - 0" in done.stdout
