"""The simulated Scorelytics API on real loopback sockets, and the basketball engine.

Includes the provider page's suggested flow run unchanged but for its URLs
and key: translated to Python with `websocket-client` (a browser-style
blocking client), and the literal JavaScript under node's built-in
WebSocket when node has one.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import websocket  # websocket-client
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from scoreboard.sim.engines.basketball import OVERTIME_SECONDS, QUARTER_SECONDS, BasketballEngine
from scoreboard.sim.runner import SimulatorThread
from scoreboard.sim.scorelytics import DEMO_KEY, ScorelyticsControl
from scoreboard.sim.scorelytics.catalog import (
    BASKETBALL_FINISHED,
    BASKETBALL_LIVE,
    FOOTBALL_LIVE,
    FOOTBALL_SCHEDULED,
)

Factory = Callable[..., SimulatorThread]
TIMEOUT = 5.0
MATCH_END = 4 * 3600  # simulated seconds that end any live match


# -- basketball engine ------------------------------------------------------------


def _play(seed: int) -> list[tuple[Any, ...]]:
    engine = BasketballEngine(1, "A", "B", seed=seed)
    states = []
    while engine.status != "finished":
        engine.step()
        states.append((engine.period, engine.game_clock_secs, engine.score))
    return states


def test_basketball_is_deterministic_for_a_seed() -> None:
    assert _play(3) == _play(3)
    assert _play(3) != _play(4)


def test_basketball_quarters_count_down_from_twelve_minutes() -> None:
    engine = BasketballEngine(1, "A", "B", seed=1)
    assert (engine.period, engine.game_clock_secs) == (1, QUARTER_SECONDS)
    engine.step()
    assert engine.game_clock_secs == QUARTER_SECONDS - 1
    seen: dict[int, list[int]] = {}
    while engine.status != "finished":
        engine.step()
        assert isinstance(engine.period, int)
        seen.setdefault(engine.period, []).append(engine.game_clock_secs)
    assert list(seen)[:4] == [1, 2, 3, 4]
    for period, clocks in seen.items():
        start = QUARTER_SECONDS if period <= 4 else OVERTIME_SECONDS
        assert max(clocks) <= start and clocks[-1] == 0
        assert clocks == sorted(clocks, reverse=True)  # never runs backwards
    home, away = engine.score
    assert home != away


def test_basketball_scores_are_plausible() -> None:
    totals = []
    for seed in range(40):
        engine = BasketballEngine(1, "A", "B", seed=seed)
        engine.play_to_end()
        totals.extend(engine.score)
    assert 95 <= statistics.mean(totals) <= 125
    assert min(totals) >= 60 and max(totals) <= 170


def test_basketball_waits_for_tip_off() -> None:
    engine = BasketballEngine(1, "A", "B", kickoff_after=10)
    assert engine.status == "scheduled" and engine.snapshot()["period"] is None
    engine.advance(10)
    assert engine.status == "live" and engine.period == 1


# -- REST ---------------------------------------------------------------------------


def get(url: str, key: str | None = DEMO_KEY) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers={"X-API-Key": key} if key else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read() or b"null")


def test_rest_lists_and_reads_each_sport(api: ScorelyticsControl) -> None:
    status, football = get(f"{api.base_url}/v1/football/matches")
    assert status == 200
    assert {m["id"] for m in football} >= {FOOTBALL_LIVE, FOOTBALL_SCHEDULED}
    assert {m["sport"] for m in football} == {"football"}
    status, basketball = get(f"{api.base_url}/v1/basketball/matches")
    assert {m["id"] for m in basketball} >= {BASKETBALL_LIVE, BASKETBALL_FINISHED}

    status, body = get(f"{api.base_url}/v1/football/matches/{FOOTBALL_LIVE}")
    assert status == 200
    assert set(body) == {
        "id",
        "sport",
        "home_team",
        "away_team",
        "home_score",
        "away_score",
        "status_code",
        "minute",
    }
    assert body["status_code"] == 2 and isinstance(body["minute"], int)
    status, body = get(f"{api.base_url}/v1/basketball/matches/{BASKETBALL_LIVE}")
    assert body["status_code"] == 2
    assert isinstance(body["period"], int) and 0 <= body["game_clock_secs"] <= QUARTER_SECONDS
    assert get(f"{api.base_url}/v1/basketball/matches/{BASKETBALL_FINISHED}")[1]["status_code"] == 3


@pytest.mark.parametrize(
    "path",
    [
        f"/v1/basketball/matches/{FOOTBALL_LIVE}",  # the other sport
        "/v1/football/matches/nope99",
        "/v1/tennis/matches",
    ],
)
def test_rest_404(api: ScorelyticsControl, path: str) -> None:
    status, body = get(api.base_url + path)
    assert status == 404 and body["error"]


@pytest.mark.parametrize("key", [None, "sk_nope", "sk_demo", "sk_live_expired"])
def test_rest_refuses_other_keys_with_401(api: ScorelyticsControl, key: str | None) -> None:
    status, body = get(f"{api.base_url}/v1/football/matches/{FOOTBALL_LIVE}", key)
    assert status == 401 and body["error"]
    assert key is None or key not in body["error"]


def test_the_scorelytics_key_does_not_open_sportrix(frozen: SimulatorThread) -> None:
    assert get(f"{frozen.rest_url}/matches", DEMO_KEY)[0] == 401


# -- the socket -------------------------------------------------------------------------


def ws_url(api: ScorelyticsControl, match_id: str, key: str | None = DEMO_KEY) -> str:
    base = api.base_url.replace("http://", "ws://")
    return f"{base}/v1/ws/match/{match_id}" + (f"?api_key={key}" if key else "")


async def refused_status(url: str, **kwargs: Any) -> int:
    with pytest.raises(InvalidStatus) as info:
        async with connect(url, open_timeout=TIMEOUT, **kwargs):
            pass
    return info.value.response.status_code


async def test_socket_refuses_a_bad_key_with_401_before_the_upgrade(
    api: ScorelyticsControl,
) -> None:
    for key in (None, "sk_nope", "sk_demo"):
        assert await refused_status(ws_url(api, FOOTBALL_LIVE, key)) == 401
    assert api.refused(401) == 3
    assert api.handshakes(FOOTBALL_LIVE) == 0


async def test_socket_404_for_an_unknown_match(api: ScorelyticsControl) -> None:
    assert await refused_status(ws_url(api, "nope99")) == 404


def test_socket_426_without_upgrade_headers(api: ScorelyticsControl) -> None:
    status, body = get(ws_url(api, FOOTBALL_LIVE).replace("ws://", "http://"))
    assert status == 426 and "WebSocket" in body["error"]


async def recv_json(ws: Any) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))


async def test_socket_takes_the_key_in_the_header_too(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    async with connect(
        ws_url(api, BASKETBALL_LIVE, None), additional_headers={"X-API-Key": DEMO_KEY}
    ) as ws:
        await asyncio.to_thread(frozen.advance, 1)
        message = await recv_json(ws)
        assert message["type"] == "score_update"
        fields = api.fields(BASKETBALL_LIVE)
        assert message == {
            "type": "score_update",
            "match_id": BASKETBALL_LIVE,
            "data": {
                "home": fields["home_score"],
                "away": fields["away_score"],
                "period": fields["period"],
                "game_clock_secs": fields["game_clock_secs"],
            },
        }


async def test_score_updates_then_final_whistle_then_nothing(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    async with connect(ws_url(api, FOOTBALL_LIVE)) as ws:
        await asyncio.to_thread(frozen.advance, 60)  # the minute moves
        message = await recv_json(ws)
        fields = api.fields(FOOTBALL_LIVE)
        assert message["type"] == "score_update"
        assert message["data"] == {
            "home": fields["home_score"],
            "away": fields["away_score"],
            "minute": fields["minute"],
        }
        await asyncio.to_thread(frozen.advance, MATCH_END)
        last = None
        while (message := await recv_json(ws))["type"] != "status_change":
            last = message
        assert message["data"] == {"from": 2, "to": 3}
        assert last is not None and last["data"]["minute"] == 90
        # After 3 nothing more: the next thing on the socket is our marker.
        await asyncio.to_thread(frozen.advance, 600)
        await asyncio.to_thread(api.send_raw, FOOTBALL_LIVE, "marker")
        assert await asyncio.wait_for(ws.recv(), TIMEOUT) == "marker"
        await ws.close(1000, "match finished")
    await asyncio.to_thread(frozen.wait_until, lambda: api.close_codes(FOOTBALL_LIVE) == [1000])


async def test_kick_off_sends_the_status_change_first(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    async with connect(ws_url(api, FOOTBALL_SCHEDULED)) as ws:
        await asyncio.to_thread(frozen.advance, 121)
        first, second = await recv_json(ws), await recv_json(ws)
        assert first["type"] == "status_change" and first["data"] == {"from": 1, "to": 2}
        assert second["type"] == "score_update" and second["data"]["minute"] == 1


async def test_speed_runs_a_match_to_its_end_in_seconds(sim_factory: Factory) -> None:
    sim = sim_factory(speed=600)
    api = ScorelyticsControl(sim)
    async with connect(ws_url(api, BASKETBALL_LIVE)) as ws:
        async with asyncio.timeout(20):
            while (message := json.loads(await ws.recv()))["type"] != "status_change":
                pass
        assert message["data"] == {"from": 2, "to": 3}


# -- the page's suggested flow, unchanged but for URLs and key -------------------------


def page_flow_in_python(
    base: str, api_key: str, match_id: str, on_render: Callable[[dict[str, Any]], None]
) -> int:
    """The page's JavaScript, line by line, with websocket-client; returns the close code."""
    request = urllib.request.Request(
        f"{base}/v1/football/matches/{match_id}", headers={"X-API-Key": api_key}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        snap = json.loads(response.read())
    on_render(dict(snap))
    ws = websocket.create_connection(
        f"{base.replace('http://', 'ws://')}/v1/ws/match/{match_id}?api_key={api_key}",
        timeout=TIMEOUT,
    )
    try:
        while True:
            msg = json.loads(ws.recv())
            if msg["type"] == "score_update":
                snap.update(  # Object.assign(snap, {...})
                    home_score=msg["data"].get("home"),
                    away_score=msg["data"].get("away"),
                    minute=msg["data"].get("minute", snap["minute"]),
                )
            elif msg["type"] == "status_change":
                snap["status_code"] = msg["data"]["to"]
            on_render(dict(snap))
            if msg["type"] == "status_change" and msg["data"]["to"] == 3:
                ws.close(1000, b"match finished")
                return 1000
    finally:
        ws.close()


async def test_the_page_flow_in_python_works_against_the_simulator(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    renders: list[dict[str, Any]] = []
    run = asyncio.create_task(
        asyncio.to_thread(
            page_flow_in_python, api.base_url, DEMO_KEY, FOOTBALL_LIVE, renders.append
        )
    )
    await asyncio.to_thread(frozen.wait_until, lambda: api.open_sockets() == {FOOTBALL_LIVE: 1})
    assert renders == [api.fields(FOOTBALL_LIVE)]
    await asyncio.to_thread(frozen.advance, 60)
    await asyncio.to_thread(frozen.advance, MATCH_END)
    assert await asyncio.wait_for(run, TIMEOUT) == 1000
    final = api.fields(FOOTBALL_LIVE)
    assert renders[-1] == final and final["status_code"] == 3
    assert len(renders) >= 3
    await asyncio.to_thread(frozen.wait_until, lambda: api.close_codes(FOOTBALL_LIVE) == [1000])


PAGE_JS = """
const apiKey = process.env.SCORELYTICS_KEY;
const matchId = process.env.MATCH_ID;
const BASE = process.env.BASE;          // was https://api.scorelytics.pro
const WS_BASE = process.env.WS_BASE;    // was wss://api.scorelytics.pro
function render(snap) { console.log(JSON.stringify(snap)); }

async function start() {
const snap = await fetch(
`${BASE}/v1/football/matches/${matchId}`,
{ headers: { 'X-API-Key': apiKey } }
).then(r => r.json());
render(snap);
const ws = new WebSocket(
`${WS_BASE}/v1/ws/match/${matchId}?api_key=${apiKey}`
);
ws.onmessage = (e) => {
const msg = JSON.parse(e.data);
if (msg.type === 'score_update') {
Object.assign(snap, {
home_score: msg.data.home,
away_score: msg.data.away,
minute: msg.data.minute ?? snap.minute,
});
} else if (msg.type === 'status_change') {
snap.status_code = msg.data.to;
}
render(snap);
if (msg.type === 'status_change' && msg.data.to === 3) {
ws.close(1000, 'match finished');
}
};
ws.onclose = () => setTimeout(start, 3_000);
}
start();
"""


def _node_with_websocket() -> str | None:
    node = shutil.which("node")
    if node is None:
        return None
    probe = subprocess.run(
        [
            node,
            "--experimental-websocket",
            "-e",
            "process.exit(typeof WebSocket === 'function' ? 0 : 1)",
        ],
        capture_output=True,
        timeout=30,
    )
    return node if probe.returncode == 0 else None


async def test_the_literal_page_javascript_works_against_the_simulator(
    frozen: SimulatorThread, api: ScorelyticsControl, tmp_path: Path
) -> None:
    node = _node_with_websocket()
    if node is None:
        pytest.skip("node with a built-in WebSocket is not available")
    script = tmp_path / "page.js"
    script.write_text(PAGE_JS)
    proc = await asyncio.create_subprocess_exec(
        node,
        "--no-warnings",
        "--experimental-websocket",
        str(script),
        stdout=asyncio.subprocess.PIPE,
        env={
            "SCORELYTICS_KEY": DEMO_KEY,
            "MATCH_ID": FOOTBALL_LIVE,
            "BASE": api.base_url,
            "WS_BASE": api.base_url.replace("http://", "ws://"),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert proc.stdout is not None

    async def render() -> dict[str, Any]:
        return json.loads(await asyncio.wait_for(proc.stdout.readline(), 15))

    try:
        assert await render() == api.fields(FOOTBALL_LIVE)
        await asyncio.to_thread(
            frozen.wait_until, lambda: api.open_sockets() == {FOOTBALL_LIVE: 1}, 15
        )
        await asyncio.to_thread(frozen.advance, MATCH_END)
        while (snap := await render())["status_code"] != 3:
            pass
        assert snap == api.fields(FOOTBALL_LIVE)
        await asyncio.to_thread(
            frozen.wait_until, lambda: api.close_codes(FOOTBALL_LIVE) == [1000], 15
        )
    finally:
        proc.kill()
        await proc.wait()
