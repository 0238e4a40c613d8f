"""SportrixProvider: ids, the REST catalog and the stream behind watch/unwatch.

Against the real simulator on loopback; a tiny websockets server (a real
socket) stands in for answers the simulator never gives (malformed catalogs,
redirects, silence).
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from scoreboard.core.events import ConnectionChanged, MatchSummary, MatchUpdated, ProviderEvent
from scoreboard.net.rest import RestAuthError, RestClient, RestError, RestStatusError
from scoreboard.providers.base import Provider, ProviderSettings
from scoreboard.providers.sportrix.ids import parse_sportrix_id
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.providers.sportrix.stream import StreamOptions
from scoreboard.sim.catalog import LIVE_CRICKET_ID, LIVE_SOCCER_ID
from scoreboard.sim.runner import SimulatorThread

SOURCE = "the SPORTRIX_API_KEY environment variable"
FAST = StreamOptions(open_timeout=2.0, close_timeout=0.5, backoff_base=0.05, backoff_cap=0.4)


def provider_for(url: str, key: str | None = "sk_demo", rest_url: str | None = None) -> Any:
    settings = ProviderSettings("sportrix", url, key, SOURCE if key else "no key configured")
    if rest_url is not None:
        settings = ProviderSettings("sportrix", url, key, SOURCE, rest_url=rest_url)
    return SportrixProvider(settings, FAST)


async def next_matching(
    events: AsyncIterator[ProviderEvent], predicate: Callable[[ProviderEvent], bool]
) -> ProviderEvent:
    async with asyncio.timeout(5):
        async for event in events:
            if predicate(event):
                return event
    raise AssertionError("events ended first")


# -- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("41282", 41282), (" 7 ", 7), ("007", 7)])
def test_parse_id_accepts_positive_whole_numbers(text: str, expected: int) -> None:
    assert parse_sportrix_id(text) == expected


@pytest.mark.parametrize("text", ["abc", "0", "-1", "1.5", "", "4e3", "\uff14\uff12", "41282x"])
def test_parse_id_refuses_anything_else_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="a Sportrix match id is a positive whole number"):
        parse_sportrix_id(text)


def test_provider_has_the_interface_the_app_uses() -> None:
    provider: Provider = provider_for("ws://127.0.0.1:9/v1/stream")
    assert provider.name == "sportrix"
    assert provider.stats.frames == 0


# -- the stream behind watch/unwatch ------------------------------------------------------------


async def test_watch_and_unwatch_drive_one_multiplexed_stream(frozen: SimulatorThread) -> None:
    provider = provider_for(frozen.url)
    provider.watch(LIVE_SOCCER_ID)
    provider.watch(LIVE_CRICKET_ID)
    events = provider.events()
    seen: set[Any] = set()
    while seen != {LIVE_SOCCER_ID, LIVE_CRICKET_ID}:
        event = await next_matching(events, lambda e: isinstance(e, MatchUpdated))
        seen.add(event.ref.id)  # type: ignore[attr-defined]
    provider.unwatch(LIVE_CRICKET_ID)
    await asyncio.to_thread(
        frozen.wait_until, lambda: list(frozen.subscriptions().values()) == [{LIVE_SOCCER_ID}]
    )
    assert provider.stats.connects == 1
    await provider.close()
    closed = await next_matching(events, lambda e: isinstance(e, ConnectionChanged))
    assert closed == ConnectionChanged("sportrix", "closed", "stream closed")
    with pytest.raises(StopAsyncIteration):
        await anext(events)


def test_watch_refuses_a_bad_id() -> None:
    provider = provider_for("ws://127.0.0.1:9/v1/stream")
    with pytest.raises(ValueError, match="positive whole number"):
        provider.watch(0)
    with pytest.raises(ValueError, match="positive whole number"):
        provider.watch("abc")


# -- the REST catalog ---------------------------------------------------------------------------


async def test_catalog_lists_the_live_matches(frozen: SimulatorThread) -> None:
    catalog = await provider_for(frozen.url).catalog()
    assert all(isinstance(m, MatchSummary) for m in catalog)
    ids = {m.ref.id for m in catalog}
    assert {LIVE_SOCCER_ID, LIVE_CRICKET_ID} <= ids
    assert 41320 not in ids  # finished
    assert {m.status for m in catalog} == {"live"}
    assert {m.sport for m in catalog} == {"soccer", "cricket"}
    assert all(m.ref.provider == "sportrix" and m.home and m.away for m in catalog)


@pytest.mark.parametrize("key", ["sk_demo_disabled", "sk_demo_expired", "sk_wrong"])
async def test_catalog_refused_key_is_a_clear_oserror_without_the_key(
    frozen: SimulatorThread, key: str
) -> None:
    with pytest.raises(RestAuthError) as caught:
        await provider_for(frozen.url, key).catalog()
    message = str(caught.value)
    assert isinstance(caught.value, OSError)
    assert "HTTP 401" in message
    assert SOURCE in message
    assert "/v1/matches" in message
    assert key not in message


async def test_catalog_without_a_key_asks_nothing_of_the_server(frozen: SimulatorThread) -> None:
    with pytest.raises(RestAuthError, match="no API key"):
        await provider_for(frozen.url, None).catalog()
    assert frozen.stats()["http_requests"] == 0


async def test_catalog_unreachable_server_is_a_clear_oserror() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(RestError, match=r"cannot reach http://127\.0\.0\.1"):
        await provider_for(f"ws://127.0.0.1:{port}/v1/stream").catalog()


@asynccontextmanager
async def http_server(
    answer: Callable[[ServerConnection, Request], Response],
) -> AsyncIterator[tuple[str, list[Request]]]:
    """Plain HTTP answers from a websockets server's `process_request`; yields the REST base."""
    requests: list[Request] = []

    def process_request(connection: ServerConnection, request: Request) -> Response:
        requests.append(request)
        return answer(connection, request)

    async def never(ws: ServerConnection) -> None:  # pragma: no cover - no upgrades here
        await ws.close()

    async with serve(never, "127.0.0.1", 0, process_request=process_request) as server:
        port = server.sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}/v1", requests


def json_answer(connection: ServerConnection, body: Any, status: int = 200) -> Response:
    response = connection.respond(HTTPStatus(status), json.dumps(body))
    del response.headers["Content-Type"]
    response.headers["Content-Type"] = "application/json"
    return response


async def test_catalog_skips_malformed_entries() -> None:
    good = {"match_id": 7, "sport": "soccer", "status": "live", "home": "A", "away": "B"}
    body = [
        good,
        {**good, "match_id": 8, "competition": "Cup", "start_time": "2026-11-21T19:00:00Z"},
        {**good, "match_id": "9"},
        {**good, "match_id": -1},
        {**good, "match_id": True},
        {**good, "match_id": 10, "home": None},
        {"match_id": 11},
        "junk",
        None,
        {**good, "match_id": 12, "competition": 5},
    ]
    async with http_server(lambda c, r: json_answer(c, body)) as (rest, requests):
        catalog = await provider_for("ws://127.0.0.1:9/v1/stream", rest_url=rest).catalog()
    assert [m.ref.id for m in catalog] == [7, 8, 12]
    assert catalog[1].competition == "Cup"
    assert catalog[1].start_time == "2026-11-21T19:00:00Z"
    assert catalog[2].competition == ""
    assert requests[0].path == "/v1/matches?status=live"
    assert requests[0].headers["X-API-Key"] == "sk_demo"


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        (lambda c, r: json_answer(c, {"matches": []}), "expected a JSON list"),
        (lambda c, r: c.respond(HTTPStatus.OK, "<html>"), "not valid JSON"),
        (lambda c, r: json_answer(c, {"error": "on fire"}, 503), "HTTP 503: on fire"),
    ],
)
async def test_catalog_bad_answers_are_clear_errors(answer: Any, match: str) -> None:
    async with http_server(answer) as (rest, _):
        with pytest.raises(RestError, match=match):
            await provider_for("ws://127.0.0.1:9/v1/stream", rest_url=rest).catalog()


async def test_catalog_does_not_follow_a_redirect_with_the_key() -> None:
    async with http_server(lambda c, r: json_answer(c, [])) as (target, target_requests):

        def redirect(connection: ServerConnection, request: Request) -> Response:
            response = connection.respond(HTTPStatus.FOUND, "")
            response.headers["Location"] = target.replace("127.0.0.1", "localhost") + "/matches"
            return response

        async with http_server(redirect) as (rest, _):
            with pytest.raises(RestStatusError, match="not followed") as caught:
                await provider_for("ws://127.0.0.1:9/v1/stream", rest_url=rest).catalog()
    assert caught.value.status == 302
    assert target_requests == []


async def test_rest_timeout_is_a_clear_error() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1 << 16)
        await asyncio.sleep(5)
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    async with server:
        port = server.sockets[0].getsockname()[1]
        client = RestClient(f"http://127.0.0.1:{port}/v1", "sk_demo", timeout=0.3)
        with pytest.raises(RestError, match=r"no answer within 0\.3 s"):
            await client.get_json("/matches")
