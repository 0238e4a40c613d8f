"""The Sportrix stream against the real simulator on loopback (never a mocked socket).

Each test drives `SportrixStream.events()` directly and waits on the events
it yields (with `asyncio.timeout`), or on server-side state through the
simulator's thread-safe introspection run in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from http import HTTPStatus
from typing import Any

import pytest
from helpers.events import Events
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from scoreboard.core.events import (
    ConnectionChanged,
    FrameRejected,
    MatchFailed,
    MatchUpdated,
    Notice,
    ProviderEvent,
)
from scoreboard.providers.sportrix.stream import Backoff, SportrixStream, StreamOptions
from scoreboard.sim.catalog import LIVE_CRICKET_ID, LIVE_SOCCER_ID
from scoreboard.sim.keys import ApiKey
from scoreboard.sim.runner import SimulatorThread

FINISHED_ID = 41320
UNKNOWN_ID = 99999
OTHER_LIVE_ID = 41283
KEY = "sk_demo"
#: Small timings so that every fault resolves in well under a second.
FAST = StreamOptions(
    open_timeout=2.0,
    ping_interval=1.0,
    ping_timeout=2.0,
    answer_timeout=1.0,
    close_timeout=0.5,
    backoff_base=0.05,
    backoff_cap=0.4,
    healthy_after=5.0,
    rng=random.Random(1),
)


@asynccontextmanager
async def running(stream: SportrixStream) -> AsyncIterator[Events]:
    """Iterate `stream.events()`; afterwards close it and check the iterator ends."""
    events = Events(stream.events())
    try:
        yield events
    finally:
        await stream.close()
        await events.rest()


def phase(name: str) -> Callable[[ProviderEvent], bool]:
    return lambda e: isinstance(e, ConnectionChanged) and e.phase == name


def updated(match_id: int) -> Callable[[ProviderEvent], bool]:
    return lambda e: isinstance(e, MatchUpdated) and e.ref.id == match_id


def rejected(kind: str) -> Callable[[ProviderEvent], bool]:
    return lambda e: isinstance(e, FrameRejected) and e.kind == kind


async def server_state(sim: SimulatorThread, predicate: Callable[[], bool]) -> None:
    """Wait (in a worker thread, so this loop keeps running) until `predicate()` holds."""
    await asyncio.to_thread(sim.wait_until, predicate, 5.0)


def subscribed(sim: SimulatorThread) -> list[set[int]]:
    return list(sim.subscriptions().values())


async def until_updated(events: Events, ids: set[int], timeout: float = 5.0) -> None:
    """Wait until a `MatchUpdated` arrived for every id in `ids`."""
    waiting = set(ids)
    while waiting:
        event = await events.until(lambda e: isinstance(e, MatchUpdated), timeout)
        assert isinstance(event, MatchUpdated)
        waiting.discard(event.ref.id)  # type: ignore[arg-type]


# -- backoff (pure) -----------------------------------------------------------------------------


def test_backoff_grows_to_the_cap_with_jitter_and_resets() -> None:
    backoff = Backoff(0.5, 10.0, rng=random.Random(3))
    delays = [backoff.next_delay() for _ in range(12)]
    assert delays == sorted(delays[:5]) + delays[5:]  # never shrinks before the cap
    for n, delay in enumerate(delays):
        ceiling = min(10.0, 0.5 * 2**n)
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 10.0
    assert backoff.attempt == 12
    backoff.reset()
    assert backoff.attempt == 0
    assert backoff.next_delay() <= 0.5


def test_backoff_is_repeatable_with_a_seed() -> None:
    one, two = Backoff(rng=random.Random(9)), Backoff(rng=random.Random(9))
    assert [one.next_delay() for _ in range(5)] == [two.next_delay() for _ in range(5)]


@pytest.mark.parametrize("bad", [0, -3, True, "41282", 1.5])
def test_subscribe_refuses_what_is_not_a_match_id(bad: Any) -> None:
    stream = SportrixStream("ws://127.0.0.1:9/v1/stream", KEY)
    with pytest.raises(ValueError, match="positive integer"):
        stream.subscribe(bad)
    assert stream.subscriptions == frozenset()


# -- multiplexing -------------------------------------------------------------------------------


async def test_two_matches_share_one_socket_and_are_routed(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, KEY, key_source="a test", options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)  # before connecting: sent on connect
    async with running(stream) as events:
        first = await events.next()
        assert first == ConnectionChanged("sportrix", "connecting", first.detail, attempt=0)
        await events.until(phase("live"))
        stream.subscribe(LIVE_CRICKET_ID)  # while connected: sent at once
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        assert subscribed(frozen) == [{LIVE_SOCCER_ID, LIVE_CRICKET_ID}]

        frozen.advance(120)
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        for event in events.seen:
            if isinstance(event, MatchUpdated):
                assert event.ref.provider == "sportrix"
                assert event.snapshot.match_id == event.ref.id
        assert frozen.stats()["connections_max"] == 1
        assert stream.stats.connects == 1
        assert stream.stats.frames >= 4
        assert stream.stats.last_frame_at is not None
        assert stream.subscriptions == {LIVE_SOCCER_ID, LIVE_CRICKET_ID}


async def test_unsubscribe_stops_a_match_on_the_server_and_here(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    stream.subscribe(LIVE_CRICKET_ID)
    async with running(stream) as events:
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        stream.unsubscribe(LIVE_CRICKET_ID)
        await server_state(frozen, lambda: subscribed(frozen) == [{LIVE_SOCCER_ID}])
        assert stream.subscriptions == {LIVE_SOCCER_ID}

        mark = len(events.seen)
        frozen.advance(120)
        await events.until(updated(LIVE_SOCCER_ID))
        assert not any(updated(LIVE_CRICKET_ID)(e) for e in events.seen[mark:])


async def test_unwatch_while_the_subscribe_is_pending_keeps_attribution_exact(
    frozen: SimulatorThread,
) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    async with running(stream) as events:
        await events.until(phase("live"))
        # All in one tick: the server sees subscribe 41282, subscribe 99999,
        # subscribe 41300, and (only after 41282's snapshot) unsubscribe 41282.
        stream.subscribe(LIVE_SOCCER_ID)
        stream.subscribe(UNKNOWN_ID)
        stream.unsubscribe(LIVE_SOCCER_ID)
        stream.subscribe(LIVE_CRICKET_ID)
        failed = await events.until(lambda e: isinstance(e, MatchFailed))
        assert isinstance(failed, MatchFailed)
        assert failed.ref.id == UNKNOWN_ID
        await events.until(updated(LIVE_CRICKET_ID))
        await server_state(frozen, lambda: subscribed(frozen) == [{LIVE_CRICKET_ID}])
        assert not any(updated(LIVE_SOCCER_ID)(e) for e in events.seen)
        assert any(rejected("unsubscribed")(e) for e in events.seen)  # its snapshot


# -- error frames -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad_id", [FINISHED_ID, UNKNOWN_ID])
async def test_error_frame_names_the_oldest_pending_subscribe(
    frozen: SimulatorThread, bad_id: int
) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    for match_id in (LIVE_SOCCER_ID, bad_id, LIVE_CRICKET_ID):
        stream.subscribe(match_id)
    async with running(stream) as events:
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        failures = [e for e in events.seen if isinstance(e, MatchFailed)]
        assert len(failures) == 1
        assert failures[0].ref.id == bad_id
        assert "not live or not found" in failures[0].message
        assert not any(isinstance(e, Notice) for e in events.seen)


async def test_error_answering_nothing_pending_is_a_notice(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        frozen.faults.send_raw('{"op": "error", "error": "maintenance\\u001b[31m at 5pm"}')
        notice = await events.until(lambda e: isinstance(e, Notice))
        assert isinstance(notice, Notice)
        assert "maintenance" in notice.message
        assert "\x1b" not in notice.message  # sanitised
        assert not any(isinstance(e, MatchFailed) for e in events.seen)


async def test_bad_frames_are_rejected_and_the_stream_keeps_going(
    frozen: SimulatorThread,
) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    other = json.dumps({"op": "update", "data": frozen.snapshot(OTHER_LIVE_ID)})
    bad = {
        "not_json": "{nope",
        "not_object": "[1, 2]",
        "unknown_op": '{"op": "delta", "data": {}}',
        "missing_data": '{"op": "update"}',
        "bad_match_id": '{"op": "update", "data": {"match_id": -4, "sport": "soccer"}}',
        "invalid_field": '{"op": "update", "data": {"match_id": 41282, "sport": "soccer", '
        '"status": "live", "home": "A", "away": "B", "score": {"home": "x", "away": 0}}}',
        "unsubscribed": other,
    }
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        for payload in bad.values():
            frozen.faults.send_raw(payload)
        frozen.faults.send_raw(b"\xff\x00 binary junk", binary=True)
        kinds = []
        for _ in range(len(bad) + 1):
            event = await events.until(lambda e: isinstance(e, FrameRejected))
            assert isinstance(event, FrameRejected)
            kinds.append(event.kind)
        assert kinds[:-1] == list(bad)
        assert kinds[-1] == "not_json"

        frozen.advance(60)
        await events.until(updated(LIVE_SOCCER_ID))
        assert stream.stats.connects == 1  # no reconnect for a bad frame
        assert stream.stats.rejected["not_json"] == 2
        assert sum(stream.stats.rejected.values()) == len(bad) + 1
        assert not any(phase("reconnecting")(e) for e in events.seen)


async def test_oversize_frame_drops_and_reopens_the_connection(frozen: SimulatorThread) -> None:
    options = replace(FAST, max_frame_bytes=4096)
    stream = SportrixStream(frozen.url, KEY, options=options)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        frozen.faults.send_raw('{"op": "update", "data": "' + "x" * 10_000 + '"}')
        oversize = await events.until(rejected("oversize"))
        assert isinstance(oversize, FrameRejected)
        again = await events.until(phase("reconnecting"))
        assert isinstance(again, ConnectionChanged)
        assert again.attempt == 1
        assert "4096" in again.detail
        await events.until(phase("live"))
        await events.until(updated(LIVE_SOCCER_ID))  # resubscribed on the new socket
        assert stream.stats.rejected == {"oversize": 1}
        assert stream.stats.connects == 2
        assert frozen.stats()["connections_max"] == 1


# -- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "server_says"),
    [
        ("sk_demo_disabled", "disabled"),
        ("sk_demo_expired", "expired"),
        ("sk_demo_scores", "lacks the live_scores_statistics scope"),
        ("sk_not_a_key", "invalid"),
    ],
)
async def test_refused_key_is_final_after_one_handshake(
    frozen: SimulatorThread, key: str, server_says: str
) -> None:
    source = "the SPORTRIX_API_KEY environment variable"
    stream = SportrixStream(frozen.url, key, key_source=source, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    events = Events(stream.events())
    tail = await events.rest()
    assert [e.phase for e in tail if isinstance(e, ConnectionChanged)] == [
        "connecting",
        "refused",
    ]
    refused = tail[-1]
    assert isinstance(refused, ConnectionChanged)
    assert source in refused.detail
    assert "HTTP 401" in refused.detail
    for cause in ("missing", "invalid", "disabled", "expired", "live_scores_statistics"):
        assert cause in refused.detail
    assert server_says in refused.detail
    assert key not in refused.detail
    stats = frozen.stats()
    assert stats["handshakes_refused"] == 1
    assert stats["connections_total"] == 0


async def test_no_key_is_refused_without_connecting(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, None, options=FAST)
    tail = await Events(stream.events()).rest()
    assert len(tail) == 1
    assert isinstance(tail[0], ConnectionChanged)
    assert tail[0].phase == "refused"
    assert tail[0].detail.startswith("no API key: set SPORTRIX_API_KEY")
    assert frozen.stats()["handshakes_refused"] == 0


# -- reconnects ---------------------------------------------------------------------------------


async def test_server_restart_reconnects_and_resubscribes(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    stream.subscribe(LIVE_CRICKET_ID)
    async with running(stream) as events:
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        await asyncio.to_thread(frozen.restart)
        again = await events.until(phase("reconnecting"))
        assert isinstance(again, ConnectionChanged)
        assert "1012" in again.detail
        assert again.retry_in is not None
        assert again.retry_in <= FAST.backoff_cap
        await events.until(phase("live"))
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        assert subscribed(frozen) == [{LIVE_SOCCER_ID, LIVE_CRICKET_ID}]
        frozen.advance(120)
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        assert stream.stats.connects == 2
        assert stream.stats.reconnects == 1


async def test_server_down_for_a_while_is_retried_until_it_is_back(
    frozen: SimulatorThread,
) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        restart = asyncio.create_task(asyncio.to_thread(frozen.restart, abrupt=True, downtime=0.6))
        await events.until(lambda e: phase("reconnecting")(e) and "refused" in e.detail)  # type: ignore[attr-defined]
        await restart
        await events.until(phase("live"))
        await events.until(updated(LIVE_SOCCER_ID))
        attempts = [e.attempt for e in events.seen if phase("reconnecting")(e)]  # type: ignore[attr-defined]
        assert attempts == list(range(1, len(attempts) + 1))


async def test_close_during_the_backoff_wait_ends_the_iterator_at_once() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    slow = replace(FAST, backoff_base=30.0, backoff_cap=60.0)
    stream = SportrixStream(f"ws://127.0.0.1:{port}/v1/stream", KEY, options=slow)
    events = Events(stream.events())
    again = await events.until(phase("reconnecting"))
    assert "connection refused" in again.detail  # type: ignore[attr-defined]
    assert again.retry_in >= 15.0  # type: ignore[attr-defined]
    await stream.close()
    tail = await events.rest(timeout=1.0)
    assert tail == [ConnectionChanged("sportrix", "closed", "stream closed")]


async def test_accept_then_close_backs_off_with_one_socket_at_a_time(
    frozen: SimulatorThread,
) -> None:
    frozen.faults.accept_then_close(True)
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        retries: list[ConnectionChanged] = []
        while len(retries) < 6:
            event = await events.until(phase("reconnecting"))
            assert isinstance(event, ConnectionChanged)
            retries.append(event)
        delays = [e.retry_in or 0.0 for e in retries]
        assert [e.attempt for e in retries] == [1, 2, 3, 4, 5, 6]
        assert delays[:4] == sorted(delays[:4])  # grows until the cap
        assert delays[3] > delays[0] * 3
        assert max(delays) <= FAST.backoff_cap
        assert all("1011" in e.detail for e in retries)

        frozen.faults.accept_then_close(False)
        await events.until(updated(LIVE_SOCCER_ID))
        stats = frozen.stats()
        assert stats["connections_max"] == 1
        assert stats["connections_total"] >= 7


async def test_stalled_server_is_dropped_after_answer_timeout(frozen: SimulatorThread) -> None:
    stream = SportrixStream(frozen.url, KEY, options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        frozen.faults.stall(True)
        loop = asyncio.get_running_loop()
        started = loop.time()
        stream.subscribe(LIVE_CRICKET_ID)  # never answered while stalled
        again = await events.until(phase("reconnecting"), timeout=FAST.answer_timeout + 3)
        waited = loop.time() - started
        assert isinstance(again, ConnectionChanged)
        assert "stalled" in again.detail
        assert FAST.answer_timeout <= waited < FAST.answer_timeout + 1.0
        frozen.faults.stall(False)
        await until_updated(events, {LIVE_SOCCER_ID, LIVE_CRICKET_ID})
        assert frozen.stats()["connections_max"] == 1


async def test_unanswered_pings_drop_a_half_open_connection(frozen: SimulatorThread) -> None:
    options = replace(FAST, ping_interval=0.2, ping_timeout=0.3)
    stream = SportrixStream(frozen.url, KEY, options=options)
    stream.subscribe(LIVE_SOCCER_ID)
    async with running(stream) as events:
        await events.until(updated(LIVE_SOCCER_ID))
        frozen.faults.mute_pongs(True)
        again = await events.until(phase("reconnecting"))
        assert isinstance(again, ConnectionChanged)
        assert "no pong" in again.detail
        frozen.faults.mute_pongs(False)
        await events.until(updated(LIVE_SOCCER_ID))


# -- statuses the simulator does not produce: a tiny real server --------------------------------


@asynccontextmanager
async def tiny_server(
    answer: Callable[[ServerConnection, Request], Response | None],
    handler: Callable[[ServerConnection], Any] | None = None,
) -> AsyncIterator[tuple[str, list[Request]]]:
    """A websockets server on a free loopback port; yields its URL and the requests seen."""
    requests: list[Request] = []

    def process_request(connection: ServerConnection, request: Request) -> Response | None:
        requests.append(request)
        return answer(connection, request)

    async def default_handler(ws: ServerConnection) -> None:
        await ws.wait_closed()

    async with serve(
        handler or default_handler, "127.0.0.1", 0, process_request=process_request
    ) as server:
        port = server.sockets[0].getsockname()[1]
        yield f"ws://127.0.0.1:{port}/v1/stream", requests


async def test_http_503_is_retried_not_final() -> None:
    def answer(connection: ServerConnection, request: Request) -> Response | None:
        if len(requests) <= 2:
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "warming up\n")
        return None

    async with tiny_server(answer) as (url, requests):
        stream = SportrixStream(url, KEY, options=FAST)
        async with running(stream) as events:
            await events.until(phase("live"))
        retries = [e for e in events.seen if phase("reconnecting")(e)]
        assert len(retries) == 2
        assert all("HTTP 503: warming up" in e.detail for e in retries)  # type: ignore[attr-defined]
        assert all(r.headers["X-API-Key"] == KEY for r in requests)
        assert all("key" not in r.path for r in requests)


async def test_a_redirect_is_not_followed_so_the_key_stays_put() -> None:
    def elsewhere(connection: ServerConnection, request: Request) -> Response | None:
        return connection.respond(HTTPStatus.OK, "")

    async with tiny_server(elsewhere) as (target, target_requests):

        def redirect(connection: ServerConnection, request: Request) -> Response | None:
            response = connection.respond(HTTPStatus.FOUND, "")
            response.headers["Location"] = target.replace("127.0.0.1", "localhost")
            return response

        async with tiny_server(redirect) as (url, _):
            stream = SportrixStream(url, KEY, options=FAST)
            async with running(stream) as events:
                again = await events.until(phase("reconnecting"))
                assert "HTTP 302" in again.detail  # type: ignore[attr-defined]
                assert "not followed" in again.detail  # type: ignore[attr-defined]
        assert target_requests == []


# -- the key stays secret -----------------------------------------------------------------------


async def test_the_key_never_appears_in_events_or_logs(
    sim_factory: Callable[..., SimulatorThread], caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk_live_Zq8secretKEY42"
    sim = sim_factory(speed=0, keys=[ApiKey(secret)])
    caplog.set_level(logging.DEBUG)  # including websockets' header dump
    stream = SportrixStream(sim.url, secret, key_source="the config file", options=FAST)
    stream.subscribe(LIVE_SOCCER_ID)
    stream.subscribe(UNKNOWN_ID)
    events = Events(stream.events())
    await events.until(updated(LIVE_SOCCER_ID))
    await events.until(lambda e: isinstance(e, MatchFailed))
    sim.faults.send_raw(json.dumps({"op": "error", "error": f"unknown key {secret}"}))
    notice = await events.until(lambda e: isinstance(e, Notice))
    assert "<redacted>" in notice.message  # type: ignore[attr-defined]
    sim.faults.send_raw("not json " + secret)
    await events.until(rejected("not_json"))
    sim.faults.revoke_key(secret)  # closes with 1008, then the handshake gets 401
    tail = await events.rest()
    assert isinstance(tail[-1], ConnectionChanged)
    assert tail[-1].phase == "refused"

    # The client's records only: the simulator's own server log is not ours to police.
    records = [r for r in caplog.records if not r.name.startswith("scoreboard.sim")]
    assert any("<redacted>" in r.getMessage() for r in records)  # websockets' header dump
    assert any(r.name == "scoreboard.providers.sportrix.stream" for r in records)
    texts = [repr(e) for e in events.seen]
    texts += [f"{r.getMessage()} {r.exc_text or ''}" for r in records]
    assert all(secret not in text for text in texts)
