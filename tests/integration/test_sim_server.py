"""The bundled Sportrix simulator, tested over real loopback sockets.

Stream auth and control messages, broadcast, REST, determinism, slow
clients, flood mode and every fault hook. Waits are on real events (a frame,
a close, a server counter) with timeouts, never sleeps until it passes.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, ConnectionClosedError, InvalidStatus

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.keys import ApiKey
from scoreboard.sim.lazy import LazyMatch
from scoreboard.sim.runner import SimulatorThread, serve_simulator
from scoreboard.sim.ticker import Ticker

ROOT = Path(__file__).resolve().parents[2]
SOCCER = 41282
SOCCER_2 = 41283
SOCCER_3 = 41284
CRICKET = 41300
SCHEDULED = 41310  # soccer, kicks off after 180 simulated seconds
FINISHED = 41320
NOT_LIVE = "match not live or not found"
TIMEOUT = 5.0
Factory = Callable[..., SimulatorThread]


# -- helpers -------------------------------------------------------------------


async def open_stream(url: str, key: str | None = "sk_demo", **kwargs: Any) -> ClientConnection:
    headers = {"X-API-Key": key} if key else {}
    return await connect(url, additional_headers=headers, proxy=None, **kwargs)


async def recv(ws: ClientConnection, timeout: float = TIMEOUT) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def send(ws: ClientConnection, message: Any) -> None:
    await ws.send(message if isinstance(message, str) else json.dumps(message))


def sub(match_id: Any) -> dict[str, Any]:
    return {"action": "subscribe", "match_id": match_id}


def unsub(match_id: Any) -> dict[str, Any]:
    return {"action": "unsubscribe", "match_id": match_id}


async def refusal(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    with pytest.raises(InvalidStatus) as info:
        await connect(url, additional_headers=headers or {}, proxy=None)
    response = info.value.response
    return response.status_code, bytes(response.body or b"").decode()


async def next_for(ws: ClientConnection, match_id: int, op: str = "update") -> dict[str, Any]:
    """The next `op` frame for `match_id`, skipping other matches' frames."""
    while True:
        frame = await recv(ws)
        if frame.get("op") == op and frame["data"]["match_id"] == match_id:
            return frame


def rest(sim: SimulatorThread, path: str, key: str | None = "sk_demo") -> tuple[int, Any]:
    request = urllib.request.Request(sim.rest_url + path, headers={"X-API-Key": key} if key else {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            assert response.headers["Content-Type"] == "application/json"
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def read_lines(proc: subprocess.Popen[str], n: int, timeout: float = 15.0) -> list[str]:
    """The first `n` stdout lines of `proc`, or fail after `timeout` seconds."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return [lines.get(timeout=timeout) for _ in range(n)]


# -- stream handshake ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "missing API key"),
        ("sk_not_a_key", "invalid API key"),
        ("sk_demo_disabled", "API key is disabled"),
        ("sk_demo_expired", "API key expired"),
        ("sk_demo_scores", "lacks the live_scores_statistics scope"),
    ],
)
async def test_handshake_refused_with_401_saying_why(
    sim: SimulatorThread, key: str | None, reason: str
) -> None:
    for headers, url in (
        ({"X-API-Key": key} if key else {}, sim.url),
        ({}, f"{sim.url}?key={key}" if key else sim.url),
    ):
        status, body = await refusal(url, headers)
        assert status == 401
        assert reason in body
        if key:
            assert key not in body
    assert sim.stats()["connections_total"] == 0


async def test_key_in_header_or_query_parameter(sim: SimulatorThread) -> None:
    for ws in (await open_stream(sim.url), await open_stream(f"{sim.url}?key=sk_demo", key=None)):
        async with ws:
            await send(ws, sub(SOCCER))
            frame = await recv(ws)
            assert frame["op"] == "snapshot"
            assert frame["data"]["match_id"] == SOCCER


async def test_other_paths_are_404_and_never_echo_the_key(sim: SimulatorThread) -> None:
    base = sim.url.removesuffix("/v1/stream")
    status, body = await refusal(f"{base}/v1/other?key=sk_demo", {"X-API-Key": "sk_demo"})
    assert status == 404
    assert "sk_demo" not in body


# -- control messages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("this is not json", "message is not valid JSON"),
        ("[1, 2]", "control message must be a JSON object, got an array"),
        ('"subscribe"', "control message must be a JSON object, got a string"),
        ({"match_id": SOCCER}, "missing 'action'"),
        ({"action": "watch", "match_id": SOCCER}, "unknown action 'watch'"),
        ({"action": 3, "match_id": SOCCER}, "'action' must be a string"),
        ({"action": "subscribe"}, "missing 'match_id'"),
        ({"action": "unsubscribe"}, "missing 'match_id'"),
        (sub("41282"), "'match_id' must be an integer, got a string"),
        (sub(True), "'match_id' must be an integer, got a boolean"),
        (sub(41282.5), "'match_id' must be an integer"),
        (sub(None), "'match_id' must be an integer, got null"),
        (sub(999_999), NOT_LIVE),
        (sub(FINISHED), NOT_LIVE),
        (sub(SCHEDULED), NOT_LIVE),
    ],
)
async def test_error_frame_and_connection_stays_open(
    sim: SimulatorThread, message: Any, expected: str
) -> None:
    async with await open_stream(sim.url) as ws:
        await send(ws, message)
        frame = await recv(ws)
        assert frame["op"] == "error"
        assert expected in frame["error"]
        if expected == NOT_LIVE:
            assert frame["error"] == NOT_LIVE
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"


async def test_sport_outside_the_keys_allowlist(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url, key="sk_demo_soccer") as ws:
        await send(ws, sub(CRICKET))
        assert await recv(ws) == {
            "op": "error",
            "error": "sport 'cricket' is not enabled for this API key",
        }
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["data"]["match_id"] == SOCCER


async def test_subscribe_answers_a_snapshot_then_updates(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        snapshot = await recv(ws)
        assert snapshot["op"] == "snapshot"
        data = snapshot["data"]
        assert (data["match_id"], data["sport"], data["status"]) == (SOCCER, "soccer", "live")
        assert {"home", "away", "score", "clock", "phase"} <= data.keys()
        assert "sent_at" not in snapshot
        update = await recv(ws)  # speed 1: the soccer clock ticks every second
        assert update["op"] == "update"
        assert update["data"]["match_id"] == SOCCER
        assert update["data"]["clock"] != data["clock"]


async def test_resubscribe_answers_a_fresh_snapshot(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        first = await recv(ws)
        sim.advance(30)
        await next_for(ws, SOCCER)
        await send(ws, sub(SOCCER))
        again = await recv(ws)
        assert again["op"] == "snapshot"
        assert again["data"]["clock"] != first["data"]["clock"]
        assert again["data"] == sim.snapshot(SOCCER)


async def test_multiplexed_matches_route_by_match_id(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    wanted = [SOCCER, SOCCER_2, CRICKET]
    async with await open_stream(sim.url) as ws:
        for match_id in wanted:
            await send(ws, sub(match_id))
        snapshots = [await recv(ws) for _ in wanted]
        assert [f["data"]["match_id"] for f in snapshots] == wanted
        changed = sim.advance(60)  # a cricket ball is 20 simulated seconds
        assert set(wanted) <= set(changed)
        updates = {}
        while len(updates) < len(wanted):
            frame = await recv(ws)
            assert frame["op"] == "update"
            updates[frame["data"]["match_id"]] = frame["data"]
        for match_id in wanted:
            assert updates[match_id] == sim.snapshot(match_id)
        assert sim.subscriptions() == {1: set(wanted)}


async def test_unsubscribe_stops_frames_even_queued_ones(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        await send(ws, sub(SOCCER_2))
        assert [(await recv(ws))["op"] for _ in range(2)] == ["snapshot", "snapshot"]
        sim.faults.stall(True)
        sim.advance(1)  # both matches change; their updates wait in the outbox
        await send(ws, unsub(SOCCER))
        sim.wait_until(lambda: sim.subscriptions() == {1: {SOCCER_2}})
        sim.faults.stall(False)
        sim.advance(1)
        seen = []
        while len(seen) < 2:  # the queued and the next update of the other match
            frame = await recv(ws)
            assert frame["data"]["match_id"] == SOCCER_2, frame
            seen.append(frame)


async def test_unsubscribe_of_a_match_not_subscribed_is_ignored(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url) as ws:
        await send(ws, unsub(SOCCER))
        await send(ws, unsub(999_999))
        await send(ws, sub(SOCCER_2))
        frame = await recv(ws)  # control answers are FIFO: nothing came before this
        assert frame["op"] == "snapshot"
        assert frame["data"]["match_id"] == SOCCER_2


async def test_control_answers_keep_the_order_of_the_messages(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    burst = [sub(SOCCER), sub(999_999), sub(CRICKET), sub("x"), sub(FINISHED), sub(SOCCER_2)]
    async with await open_stream(sim.url) as ws:
        for message in burst:
            await send(ws, message)
        answers = [await recv(ws) for _ in burst]
    assert [(a["op"], a.get("data", {}).get("match_id")) for a in answers] == [
        ("snapshot", SOCCER),
        ("error", None),
        ("snapshot", CRICKET),
        ("error", None),
        ("error", None),
        ("snapshot", SOCCER_2),
    ]
    assert answers[1]["error"] == NOT_LIVE
    assert "integer" in answers[3]["error"]
    assert answers[4]["error"] == NOT_LIVE


async def test_scheduled_match_becomes_subscribable_at_kick_off(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SCHEDULED))
        assert (await recv(ws))["error"] == NOT_LIVE
        sim.advance(181)
        await send(ws, sub(SCHEDULED))
        frame = await recv(ws)
        assert frame["op"] == "snapshot"
        assert frame["data"]["status"] == "live"


def test_listed_start_time_is_when_a_fast_server_kicks_off(sim_factory: Factory) -> None:
    """`start_time` follows `--speed`: at 60x a kick-off 180 simulated s away is 3 s away."""
    sim = sim_factory(speed=60)
    _, summary = rest(sim, f"/matches/{SCHEDULED}")
    listed = datetime.fromisoformat(summary["start_time"].replace("Z", "+00:00")).timestamp()
    assert summary["status"] == "scheduled"
    assert 1.5 < listed - time.time() < 3.5
    sim.wait_until(lambda: sim.call(lambda s: s.engines[SCHEDULED].status) == "live", 10)
    # Listed in whole seconds, so up to a second early; never late by more than a tick.
    assert -0.5 < time.time() - listed < 1.6
    _, summary = rest(sim, f"/matches/{SCHEDULED}")
    assert summary["score"] == {"home": 0, "away": 0} and summary["clock"]["period"] == "1H"


# -- REST -----------------------------------------------------------------------------


def test_rest_list_and_filters(sim: SimulatorThread) -> None:
    status, matches = rest(sim, "/matches")
    assert status == 200
    ids = {m["match_id"] for m in matches}
    assert {SOCCER, CRICKET, SCHEDULED, FINISHED} <= ids
    for m in matches:
        assert {"match_id", "sport", "status", "home", "away", "competition", "start_time"} <= (
            m.keys()
        )
    _, live = rest(sim, "/matches?status=live")
    assert live and all(m["status"] == "live" for m in live)
    _, cricket = rest(sim, "/matches?sport=cricket")
    assert cricket and all(m["sport"] == "cricket" for m in cricket)
    _, both = rest(sim, "/matches?status=live&sport=cricket")
    assert {m["match_id"] for m in both} == {
        m["match_id"] for m in cricket if m["status"] == "live"
    }
    assert rest(sim, "/matches?sport=curling") == (200, [])


def test_rest_get_one_and_404s(sim: SimulatorThread) -> None:
    status, summary = rest(sim, f"/matches/{SOCCER}")
    assert status == 200
    assert (summary["match_id"], summary["home"], summary["away"]) == (SOCCER, "Arsenal", "Chelsea")
    assert rest(sim, "/matches/999999")[0] == 404
    assert rest(sim, "/matches/abc")[0] == 404
    assert rest(sim, "/nothing/here")[0] == 404
    assert rest(sim, "/matches/999999/live") == (404, {"error": NOT_LIVE})
    assert rest(sim, f"/matches/{FINISHED}/live") == (404, {"error": NOT_LIVE})
    assert rest(sim, f"/matches/{SCHEDULED}/live") == (404, {"error": NOT_LIVE})


def test_rest_live_view_and_scopes(sim_factory: Factory) -> None:
    keys = [
        ApiKey("sk_stream_only", scopes=frozenset({"live_scores_statistics"})),
        ApiKey("sk_scores", scopes=frozenset({"live_scores"})),
    ]
    sim = sim_factory(speed=0, keys=keys)
    status, live = rest(sim, f"/matches/{SOCCER}/live", key="sk_scores")
    assert status == 200
    assert live["match_id"] == SOCCER
    assert not {"stats", "events", "scorecard"} & live.keys()
    assert {"stats", "events"} <= sim.snapshot(SOCCER).keys()
    status, body = rest(sim, f"/matches/{SOCCER}/live", key="sk_stream_only")
    assert status == 401
    assert "live_scores scope" in body["error"]
    assert "sk_stream_only" not in body["error"]
    assert rest(sim, "/matches", key="sk_stream_only")[0] == 200  # any valid key lists
    assert rest(sim, f"/matches/{SOCCER}", key="sk_stream_only")[0] == 200


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (None, "missing API key"),
        ("sk_not_a_key", "invalid API key"),
        ("sk_demo_disabled", "disabled"),
        ("sk_demo_expired", "expired"),
    ],
)
def test_rest_401_says_why(sim: SimulatorThread, key: str | None, reason: str) -> None:
    for path in ("/matches", f"/matches/{SOCCER}", f"/matches/{SOCCER}/live"):
        status, body = rest(sim, path, key=key)
        assert status == 401
        assert reason in body["error"]
        if key:
            assert key not in body["error"]


def test_rest_demo_keys(sim: SimulatorThread) -> None:
    assert rest(sim, f"/matches/{SOCCER}/live", key="sk_demo_scores")[0] == 200
    assert rest(sim, f"/matches/{CRICKET}/live", key="sk_demo")[0] == 200


def test_plain_get_on_the_stream_path_asks_for_an_upgrade(sim: SimulatorThread) -> None:
    status, body = rest(sim, "/stream")
    assert status == 426
    assert "WebSocket" in body["error"]


# -- determinism -----------------------------------------------------------------------


async def _stream_states(sim: SimulatorThread, ids: list[int], seconds: float) -> list[Any]:
    async with await open_stream(sim.url) as ws:
        for match_id in ids:
            await send(ws, sub(match_id))
        frames = [await recv(ws) for _ in ids]
        sim.advance(seconds)
        for match_id in ids:
            frames.append(await next_for(ws, match_id))
    return frames


async def test_same_seed_same_matches(sim_factory: Factory) -> None:
    ids = [SOCCER, SOCCER_2, SOCCER_3, CRICKET, 41301]
    first = await _stream_states(sim_factory(speed=0, seed=7), ids, 300)
    second = await _stream_states(sim_factory(speed=0, seed=7), ids, 300)
    assert first == second
    other = await _stream_states(sim_factory(speed=0, seed=8), ids, 300)
    assert other != first


# -- slow clients, flood ------------------------------------------------------------------


async def test_slow_client_does_not_stall_engines_or_other_clients(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(flood_matches=50, flood_rate=5000, stamp=True)
    flood_ids = range(900001, 900051)
    sock = socket.create_connection(("127.0.0.1", sim.port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    # max_queue=1: the client stops reading from its socket once one frame waits.
    slow = await open_stream(sim.url, sock=sock, max_queue=1, compression=None)
    for match_id in flood_ids:
        await send(slow, sub(match_id))
    # The slow client's outbox starts coalescing: its writer is stuck on a full socket.
    await asyncio.to_thread(sim.wait_until, lambda: sim.stats()["updates_coalesced"] > 0, 30)
    steps_before = sim.stats()["steps"]
    async with await open_stream(sim.url) as fast:
        await send(fast, sub(900001))
        assert (await recv(fast))["op"] == "snapshot"
        updates = [await next_for(fast, 900001) for _ in range(20)]
    assert all(time.time() - u["sent_at"] < 2.0 for u in updates[-5:])
    stats = sim.stats()
    assert stats["steps"] > steps_before
    assert stats["updates_coalesced"] > 0
    slow.transport.abort()


async def test_flood_mode_rate_and_sent_at(sim_factory: Factory) -> None:
    rate = 400
    sim = sim_factory(flood_matches=20, flood_rate=rate, stamp=True)
    async with await open_stream(sim.url) as ws:
        for match_id in range(900001, 900021):
            await send(ws, sub(match_id))
        snapshots: set[int] = set()
        while len(snapshots) < 20:  # updates of a match already answered may come between
            frame = await recv(ws)
            match_id = frame["data"]["match_id"]
            assert frame["op"] == "snapshot" or match_id in snapshots
            if frame["op"] == "snapshot":
                snapshots.add(match_id)
            assert isinstance(frame["sent_at"], float)
        count, start = 0, time.monotonic()
        while time.monotonic() - start < 2.0:
            frame = await recv(ws)
            assert frame["op"] == "update"
            assert 900001 <= frame["data"]["match_id"] <= 900020
            assert abs(time.time() - frame["sent_at"]) < 5
            count += 1
        elapsed = time.monotonic() - start
    assert count >= 0.4 * rate * elapsed, (count, elapsed)
    status, live = rest(sim, "/matches/900001/live")
    assert status == 200
    assert live["sport"] == "soccer"


async def test_no_sent_at_without_stamping(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0, flood_matches=2, flood_rate=10)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(900001))
        assert "sent_at" not in await recv(ws)


# -- faults ----------------------------------------------------------------------------------


async def test_drop_connections_aborts_without_a_close_frame(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        await recv(ws)
        assert sim.faults.drop_connections() == 1
        with pytest.raises(ConnectionClosedError) as info:
            while True:
                await recv(ws)
        assert info.value.rcvd is None  # no close frame
    async with await open_stream(sim.url) as ws:  # the server still accepts
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"


async def test_send_raw_text_and_binary(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        await recv(ws)
        sim.faults.send_raw('{"op": "snapshot", "data": 12')
        sim.faults.send_raw(b"\x00\xffbinary", binary=True)
        texts = []
        while len(texts) < 2:
            message = await asyncio.wait_for(ws.recv(), TIMEOUT)
            if isinstance(message, bytes) or not message.startswith('{"op":"update"'):
                texts.append(message)
        assert texts == ['{"op": "snapshot", "data": 12', b"\x00\xffbinary"]


async def test_set_delay_delays_every_frame(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url) as ws:
        sim.faults.set_delay(0.5)
        start = time.monotonic()
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"
        assert time.monotonic() - start >= 0.45
        sim.faults.set_delay(0)


async def test_stall_sends_nothing_until_released(sim: SimulatorThread) -> None:
    sim.faults.stall(True)
    async with await open_stream(sim.url) as ws:  # handshakes still succeed
        await send(ws, sub(SOCCER))
        sim.wait_until(lambda: sim.subscriptions() == {1: {SOCCER}})
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(ws.recv(), 0.5)
        sim.faults.stall(False)
        assert (await recv(ws))["op"] == "snapshot"


async def test_accept_then_close(sim: SimulatorThread) -> None:
    sim.faults.accept_then_close(True)
    ws = await open_stream(sim.url)  # the handshake succeeds...
    with pytest.raises(ConnectionClosed) as info:
        await recv(ws)  # ...then the server closes at once
    assert info.value.rcvd is not None
    assert info.value.rcvd.code == 1011
    sim.faults.accept_then_close(False)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"


async def test_mute_pongs_leaves_pings_unanswered(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url, ping_interval=None) as ws:
        await asyncio.wait_for(await ws.ping(), TIMEOUT)
        sim.faults.mute_pongs(True)
        pong = await ws.ping()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(asyncio.shield(pong), 0.5)
        sim.faults.mute_pongs(False)
        await asyncio.wait_for(pong, TIMEOUT)  # read again: the ping is answered


async def test_revoke_key_closes_and_refuses(sim: SimulatorThread) -> None:
    async with await open_stream(sim.url, key="sk_demo_soccer") as ws:
        await send(ws, sub(SOCCER))
        await recv(ws)
        sim.faults.revoke_key("sk_demo_soccer")
        with pytest.raises(ConnectionClosed) as info:
            while True:
                await recv(ws)
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 1008
    status, body = await refusal(sim.url, {"X-API-Key": "sk_demo_soccer"})
    assert status == 401
    assert "revoked" in body
    assert "sk_demo_soccer" not in body
    async with await open_stream(sim.url, key="sk_demo"):  # other keys unaffected
        pass


def test_faults_are_counted(sim: SimulatorThread) -> None:
    sim.faults.set_delay(0)
    sim.faults.stall(False)
    sim.faults.send_raw("x")
    assert sim.faults.injected == 3
    assert sim.stats()["faults_injected"] == 3
    assert sim.faults.counts == {"set_delay": 1, "stall": 1, "send_raw": 1}


async def test_restart_drops_connections_and_listens_on_the_same_port(
    sim: SimulatorThread,
) -> None:
    port = sim.port
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        await recv(ws)
        await asyncio.to_thread(sim.restart)
        with pytest.raises(ConnectionClosed) as info:
            while True:
                await recv(ws)
        assert info.value.rcvd is not None
        assert info.value.rcvd.code == 1012
    assert sim.port == port
    assert sim.subscriptions() == {}
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"
    await asyncio.to_thread(sim.restart, abrupt=True)
    async with await open_stream(sim.url) as ws:
        await send(ws, sub(SOCCER))
        assert (await recv(ws))["op"] == "snapshot"


# -- runner -------------------------------------------------------------------------------


async def test_stats_count_concurrent_connections(sim: SimulatorThread) -> None:
    sockets = [await open_stream(sim.url) for _ in range(3)]
    for ws in sockets:
        await send(ws, sub(SOCCER))
        await recv(ws)
    stats = sim.stats()
    assert (stats["connections_open"], stats["connections_max"]) == (3, 3)
    assert stats["snapshots_sent"] == 3
    assert len(sim.subscriptions()) == 3
    for ws in sockets:
        await ws.close()
    sim.wait_until(lambda: sim.stats()["connections_open"] == 0)
    assert sim.stats()["connections_max"] == 3


def test_busy_port_raises(sim: SimulatorThread) -> None:
    with pytest.raises(OSError):
        SimulatorThread(port=sim.port).start()


def test_the_server_makes_only_the_matches_asked_for(sim_factory: Factory) -> None:
    """A catalog match is made (brought to its minute) when first asked for:
    a subscription makes that one, a catalog read every one."""
    sim = sim_factory(speed=0)

    def made() -> set[int]:
        engines = sim.call(lambda s: dict(s.engines))
        return {i for i, e in engines.items() if not isinstance(e, LazyMatch) or e.built}

    assert made() == set()

    async def subscribe() -> dict[str, Any]:
        async with await open_stream(sim.url) as ws:
            await send(ws, sub(SOCCER))
            return await recv(ws)

    assert asyncio.run(subscribe())["data"]["match_id"] == SOCCER
    assert made() == {SOCCER}
    status, body = rest(sim, "/matches")
    assert status == 200 and len(body) == len(made()) == len(sim.call(lambda s: s.engines))


async def test_serve_simulator_in_the_current_loop() -> None:
    async with serve_simulator(seed=7, speed=0) as server:
        assert server.url == f"ws://127.0.0.1:{server.port}/v1/stream"
        async with await open_stream(server.url) as ws:
            await send(ws, sub(SOCCER))
            snapshot = await recv(ws)
            assert server.advance(1)
            update = await recv(ws)
            assert update["op"] == "update"
            assert update["data"]["clock"] != snapshot["data"]["clock"]
            server.faults.send_raw("raw")
            assert await asyncio.wait_for(ws.recv(), TIMEOUT) == "raw"


class _Counter(MatchEngine):
    match_id = 1
    sport = "soccer"
    step_seconds = 1.0

    def __init__(self) -> None:
        self.steps = 0

    @property
    def status(self) -> str:
        return "live"

    def step(self) -> bool:
        self.steps += 1
        return True

    def snapshot(self) -> dict[str, Any]:
        return {"match_id": 1, "steps": self.steps}

    def summary(self) -> dict[str, Any]:
        return {"match_id": 1}


def test_ticker_takes_every_due_step_and_reports_once() -> None:
    reports: list[list[MatchEngine]] = []
    engine = _Counter()
    ticker = Ticker([engine], reports.append)
    assert ticker.advance(0.5) == []
    assert ticker.advance(10) == [engine]
    assert engine.steps == 10
    assert len(reports) == 1


# -- the provider's own example -----------------------------------------------------------------

PROVIDER_EXAMPLE = """
import json, websocket  # websocket-client

ws = websocket.create_connection(
    "{url}?key=sk_demo"
)
ws.send(json.dumps({{"action": "subscribe", "match_id": 41282}}))
while True:
    msg = json.loads(ws.recv())
    if msg["op"] in ("snapshot", "update"):
        d = msg["data"]
        clock = d["clock"]
        print(f'{{d["home"]}} {{d["score"]["home"]}}-{{d["score"]["away"]}} {{d["away"]}} '
              f'[{{clock["minute"]}}:{{clock["second"]:02d}} {{clock["period"]}}] {{d["phase"]["label"]}}')
    elif msg["op"] == "error":
        print("error:", msg["error"])
"""  # noqa: E501


def test_provider_python_example_prints_score_lines(sim: SimulatorThread) -> None:
    code = PROVIDER_EXAMPLE.format(url=sim.url)
    env = {**os.environ, "NO_PROXY": "*", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        lines = read_lines(proc, 2)  # the snapshot, then an update
    finally:
        proc.kill()
        proc.communicate(timeout=TIMEOUT)
    pattern = re.compile(r"^Arsenal \d+-\d+ Chelsea \[\d+:\d\d (1H|HT|2H)\] \S.*$")
    for line in lines:
        assert pattern.match(line.rstrip("\n")), lines
