"""ScorelyticsProvider against the real simulator on loopback (never a mocked socket).

Each test drives `events()` and waits on the events it yields, or on
server-side state through the simulator's thread-safe introspection.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from helpers.events import Events

from scoreboard.core import derive
from scoreboard.core.events import (
    FrameRejected,
    MatchStale,
    MatchUpdated,
)
from scoreboard.core.models import BasketballSnapshot, SoccerSnapshot
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.scorelytics.ids import parse_scorelytics_id
from scoreboard.providers.scorelytics.provider import ScorelyticsProvider
from scoreboard.providers.scorelytics.socket import Endpoints, ScorelyticsOptions
from scoreboard.sim.runner import SimulatorThread
from scoreboard.sim.scorelytics import DEMO_KEY, ScorelyticsControl
from scoreboard.sim.scorelytics.catalog import (
    BASKETBALL_FINISHED,
    BASKETBALL_LIVE,
    FOOTBALL_LIVE,
)

KEY_SOURCE = "the SCORELYTICS_KEY environment variable"
FAST = ScorelyticsOptions(retry_delay=0.5, retry_cap=1.0, open_timeout=3.0, close_timeout=0.5)
MATCH_END = 4 * 3600


def provider_for(api: ScorelyticsControl, key: str | None = DEMO_KEY) -> ScorelyticsProvider:
    settings = ProviderSettings("scorelytics", api.base_url, api_key=key, key_source=KEY_SOURCE)
    return ScorelyticsProvider(settings, FAST)


@asynccontextmanager
async def running(provider: ScorelyticsProvider, *matches: str) -> AsyncIterator[Events]:
    for match_id in matches:
        provider.watch(match_id)
    iterator = provider.events()
    try:
        yield Events(iterator)
    finally:
        await provider.close()
        await iterator.aclose()


async def until_server(sim: SimulatorThread, predicate: Callable[[], bool]) -> None:
    await asyncio.to_thread(sim.wait_until, predicate, 5.0)


def expected_score(fields: dict[str, Any]) -> tuple[int, int]:
    return fields["home_score"], fields["away_score"]


async def test_snapshot_then_socket_for_football_and_basketball(
    frozen: SimulatorThread, api: ScorelyticsControl, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="scoreboard")
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE, BASKETBALL_LIVE) as events:
        football = await events.state(FOOTBALL_LIVE, lambda s: True)
        fields = api.fields(FOOTBALL_LIVE)
        assert isinstance(football, SoccerSnapshot)
        assert (football.home, football.away) == (fields["home_team"], fields["away_team"])
        assert (football.score.home, football.score.away) == expected_score(fields)
        assert derive.clock_text(football.clock) == f"{fields['minute']}'"
        basketball = await events.state(BASKETBALL_LIVE, lambda s: True)
        assert isinstance(basketball, BasketballSnapshot)
        await events.phase("live")
        await until_server(
            frozen, lambda: api.open_sockets() == {FOOTBALL_LIVE: 1, BASKETBALL_LIVE: 1}
        )

        await asyncio.to_thread(frozen.advance, 60)
        fields = api.fields(BASKETBALL_LIVE)
        basketball = await events.state(
            BASKETBALL_LIVE, lambda s: s.game_clock_secs == fields["game_clock_secs"]
        )
        assert (basketball.score.home, basketball.score.away) == expected_score(fields)
        assert basketball.period == fields["period"]
        fields = api.fields(FOOTBALL_LIVE)
        football = await events.state(FOOTBALL_LIVE, lambda s: s.clock.minute == fields["minute"])
        assert (football.score.home, football.score.away) == expected_score(fields)
    # The key went in the query and the header, and never into a text we keep.
    client_log = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith("scoreboard.sim")
    )
    assert DEMO_KEY not in " ".join(map(repr, events.seen)) + client_log
    assert "api_key=<redacted>" in client_log  # websockets' request line, redacted


async def test_a_field_absent_from_data_keeps_its_last_value(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, BASKETBALL_LIVE) as events:
        before = await events.update(BASKETBALL_LIVE)
        await until_server(frozen, lambda: api.open_sockets() == {BASKETBALL_LIVE: 1})
        raw = '{"type":"score_update","match_id":"xyz789","data":{"home":150}}'
        await asyncio.to_thread(api.send_raw, BASKETBALL_LIVE, raw)
        after = await events.update(BASKETBALL_LIVE, lambda s: s.score.home == 150)
        assert after.score.home == 150
        assert (after.score.away, after.period, after.game_clock_secs) == (
            before.score.away,
            before.period,
            before.game_clock_secs,
        )


async def test_other_match_and_malformed_messages_are_counted_and_skipped(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE) as events:
        await events.update(FOOTBALL_LIVE)
        await until_server(frozen, lambda: api.open_sockets() == {FOOTBALL_LIVE: 1})
        for raw in (
            '{"type":"score_update","match_id":"xyz789","data":{"home":99}}',
            "not json",
            b"\x00binary",
            '{"type":"score_update","match_id":"abc123","data":{"home":"9"}}',
            '{"type":"half_time","match_id":"abc123","data":{}}',
            '{"type":"score_update","match_id":"abc123","data":{"home":42}}',
        ):
            await asyncio.to_thread(api.send_raw, FOOTBALL_LIVE, raw)
        snap = await events.update(FOOTBALL_LIVE, lambda s: s.score.home == 42)
        assert snap.score.home == 42  # the socket survived all of the above
        rejected = [e for e in events.seen if isinstance(e, FrameRejected)]
        assert [e.kind for e in rejected] == [
            "other_match",
            "not_json",
            "binary",
            "malformed",
            "unknown_type",
        ]
        assert provider.stats.rejected == {k.kind: 1 for k in rejected}
        assert all(e.ref.id == FOOTBALL_LIVE for e in events.seen if isinstance(e, MatchUpdated))
    assert api.handshakes(FOOTBALL_LIVE) == 1


async def test_a_dropped_socket_reconnects_with_a_fresh_snapshot(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE, BASKETBALL_LIVE) as events:
        await events.phase("live")
        await until_server(frozen, lambda: len(api.open_sockets()) == 2)
        reads = api.rest_reads(FOOTBALL_LIVE)
        assert api.drop(FOOTBALL_LIVE) == 1
        stale = await events.until(lambda e: isinstance(e, MatchStale))
        assert isinstance(stale, MatchStale) and stale.ref.id == FOOTBALL_LIVE
        waiting = await events.phase("reconnecting")
        assert waiting.per_match and waiting.retry_in is not None
        assert "1 of 2 match sockets up" in waiting.detail
        # Changes while away are lost on the socket; the snapshot re-read brings them.
        await asyncio.to_thread(frozen.advance, 120)
        fields = api.fields(FOOTBALL_LIVE)
        snap = await events.state(FOOTBALL_LIVE, lambda s: s.clock.minute == fields["minute"])
        assert (snap.score.home, snap.score.away) == expected_score(fields)
        assert api.rest_reads(FOOTBALL_LIVE) == reads + 1
        await events.phase("live")
        await until_server(frozen, lambda: api.handshakes(FOOTBALL_LIVE) == 2)
        assert api.handshakes(BASKETBALL_LIVE) == 1  # the other socket was never touched
        assert provider.stats.reconnects == 1


async def test_closes_with_1000_after_finished_and_stays_closed(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE) as events:
        await events.phase("live")
        await until_server(frozen, lambda: api.open_sockets() == {FOOTBALL_LIVE: 1})
        await asyncio.to_thread(frozen.advance, MATCH_END)
        final = await events.state(FOOTBALL_LIVE, lambda s: s.status == "finished")
        fields = api.fields(FOOTBALL_LIVE)
        assert (final.score.home, final.score.away) == expected_score(fields)
        closed = await events.phase("closed")
        assert "1 finished" in closed.detail
        await until_server(frozen, lambda: api.close_codes(FOOTBALL_LIVE) == [1000])
        assert api.handshakes(FOOTBALL_LIVE) == 1 and api.rest_reads(FOOTBALL_LIVE) == 1
        assert provider.stats.reconnects == 0


async def test_a_finished_match_shows_its_snapshot_and_opens_no_socket(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, BASKETBALL_FINISHED) as events:
        snap = await events.update(BASKETBALL_FINISHED)
        assert snap.status == "finished"
        await events.phase("closed")
        assert api.handshakes(BASKETBALL_FINISHED) == 0


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, ["HTTP 401", "refused the API key", KEY_SOURCE]),
        (404, ["HTTP 404", FOOTBALL_LIVE]),
        (426, ["HTTP 426", "upgrade headers"]),
    ],
)
async def test_handshake_401_404_426_are_final_messages_on_the_panel(
    frozen: SimulatorThread, api: ScorelyticsControl, status: int, words: list[str]
) -> None:
    api.refuse_upgrades(status)
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE, BASKETBALL_FINISHED) as events:
        await events.update(FOOTBALL_LIVE)  # the REST snapshot still shows
        message = await events.failure(FOOTBALL_LIVE)
        for word in words:
            assert word in message
        assert DEMO_KEY not in message
        await events.phase("closed")
    assert api.refused(status) == 1  # no retry
    assert provider.stats.reconnects == 0


async def test_a_key_the_server_does_not_know_fails_on_the_panel(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api, key="sk_demo")  # a Sportrix key
    async with running(provider, FOOTBALL_LIVE) as events:
        message = await events.failure(FOOTBALL_LIVE)
        assert "HTTP 401" in message and KEY_SOURCE in message and "sk_demo" not in message
        closed = await events.phase("closed")
        assert "1 failed" in closed.detail


async def test_an_unknown_match_is_404_after_trying_both_sports(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, "nope99") as events:
        message = await events.failure("nope99")
        assert message == "HTTP 404: Scorelytics has no football or basketball match nope99"


async def test_no_key_fails_every_panel_without_a_request(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api, key=None)
    async with running(provider, FOOTBALL_LIVE) as events:
        message = await events.failure(FOOTBALL_LIVE)
        assert "SCORELYTICS_KEY" in message
    assert frozen.stats()["http_requests"] == 0


async def test_unwatch_closes_that_match_socket_only(
    frozen: SimulatorThread, api: ScorelyticsControl
) -> None:
    provider = provider_for(api)
    async with running(provider, FOOTBALL_LIVE, BASKETBALL_LIVE) as events:
        await events.phase("live")
        await until_server(frozen, lambda: len(api.open_sockets()) == 2)
        provider.unwatch(FOOTBALL_LIVE)
        await until_server(frozen, lambda: api.open_sockets() == {BASKETBALL_LIVE: 1})
        provider.watch(FOOTBALL_LIVE)
        await events.update(FOOTBALL_LIVE)
        await until_server(frozen, lambda: len(api.open_sockets()) == 2)
    await until_server(frozen, lambda: api.open_sockets() == {})


async def test_catalog_lists_live_matches_of_both_sports(api: ScorelyticsControl) -> None:
    provider = provider_for(api)
    found = {str(s.ref.id): s for s in await provider.catalog()}
    assert FOOTBALL_LIVE in found and BASKETBALL_LIVE in found
    assert BASKETBALL_FINISHED not in found
    assert found[FOOTBALL_LIVE].sport == "soccer" and found[FOOTBALL_LIVE].status == "live"
    assert found[BASKETBALL_LIVE].home == api.fields(BASKETBALL_LIVE)["home_team"]


def test_parse_id() -> None:
    assert parse_scorelytics_id(" abc123 ") == "abc123"
    with pytest.raises(ValueError, match="Scorelytics match id"):
        parse_scorelytics_id("a b")


@pytest.mark.parametrize(
    ("url", "ws_base", "rest_base"),
    [
        ("https://api.scorelytics.pro", "wss://api.scorelytics.pro", "https://api.scorelytics.pro"),
        ("http://127.0.0.1:8765/", "ws://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("wss://h.example/prefix", "wss://h.example/prefix", "https://h.example/prefix"),
    ],
)
def test_endpoints_keep_the_key_out_of_what_is_shown(
    url: str, ws_base: str, rest_base: str
) -> None:
    endpoints = Endpoints(url, None, "sk live/+x")
    assert (endpoints.ws_base, endpoints.rest_base) == (ws_base, rest_base)
    assert endpoints.socket_display("abc123") == f"{ws_base}/v1/ws/match/abc123"
    secret_url = endpoints.socket_url("abc123")
    assert secret_url.endswith("?api_key=sk%20live%2F%2Bx")
    assert endpoints.redact(f"bad URI {secret_url}; key sk live/+x") == (
        f"bad URI {ws_base}/v1/ws/match/abc123?api_key=<redacted>; key <redacted>"
    )
