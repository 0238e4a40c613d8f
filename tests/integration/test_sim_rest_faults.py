"""The simulator's REST fault hook (`sim.faults.rest_fault`) and REST request log.

429 with `Retry-After`, 5xx, one path or every REST route, a limited number
of times, slow answers that hold up nobody else. Over real loopback HTTP.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from websockets.asyncio.client import connect

from scoreboard.net.rest import RestClient, RestRateLimited, RestStatusError, parse_retry_after
from scoreboard.sim.runner import SimulatorThread

SOCCER = 41282
CRICKET = 41300
LIVE = "/v1/matches/{id}/live"
TIMEOUT = 5.0
Factory = Callable[..., SimulatorThread]


def get(sim: SimulatorThread, path: str, key: str = "sk_demo") -> tuple[int, dict[str, str], Any]:
    """GET `path` on the simulator's origin: status, headers, decoded body."""
    origin = sim.rest_url.removesuffix("/v1")
    request = urllib.request.Request(origin + path, headers={"X-API-Key": key})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), json.loads(exc.read())


def test_429_with_retry_after_on_the_live_route_only(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(429, retry_after=3, path=LIVE)
    for match_id in (SOCCER, CRICKET):
        status, headers, body = get(sim, f"/v1/matches/{match_id}/live", key="sk_demo_scores")
        assert status == 429
        assert headers["Retry-After"] == "3"
        assert body == {"error": "rate limit exceeded: retry after 3"}
    assert get(sim, "/v1/matches")[0] == 200  # the catalog is not that route
    sim.faults.clear_rest_faults()
    status, headers, body = get(sim, f"/v1/matches/{SOCCER}/live", key="sk_demo_scores")
    assert status == 200
    assert "Retry-After" not in headers
    assert body["match_id"] == SOCCER
    assert sim.faults.rest_hits == 2
    assert sim.stats()["faults"]["rest_fault"] == 1


def test_one_concrete_path_and_a_limited_number_of_times(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(503, path=f"/v1/matches/{SOCCER}/live", times=2)
    assert get(sim, f"/v1/matches/{CRICKET}/live")[0] == 200
    statuses = [get(sim, f"/v1/matches/{SOCCER}/live")[0] for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_5xx_on_every_rest_route_of_both_providers_but_not_the_stream(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(500)
    status, headers, body = get(sim, "/v1/matches")
    assert (status, body) == (500, {"error": "simulated fault: internal server error"})
    assert "Retry-After" not in headers
    assert get(sim, "/v1/football/matches/abc123", key="sk_live_demo")[0] == 500
    assert get(sim, "/v1/nothing/here")[0] == 404  # unrouted paths are not REST routes

    async def stream_opens() -> bool:
        async with connect(sim.url, additional_headers={"X-API-Key": "sk_demo"}, proxy=None):
            return True

    assert asyncio.run(stream_opens())


def test_the_newest_rule_wins_and_a_fault_comes_before_the_key_check(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(503)
    sim.faults.rest_fault(429, retry_after="Wed, 21 Oct 2015 07:28:00 GMT", path=LIVE)
    status, headers, _ = get(sim, f"/v1/matches/{SOCCER}/live", key="sk_not_a_key")
    assert status == 429
    assert headers["Retry-After"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert get(sim, "/v1/matches")[0] == 503
    sim.faults.clear_rest_faults(LIVE)
    assert get(sim, f"/v1/matches/{SOCCER}/live")[0] == 503


def test_a_slow_answer_holds_up_no_other_request(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(None, delay=1.5, path=f"/v1/matches/{SOCCER}/live")
    slow: list[tuple[int, float]] = []

    def fetch_slow() -> None:
        started = time.monotonic()
        status, _, body = get(sim, f"/v1/matches/{SOCCER}/live")
        assert body["match_id"] == SOCCER  # the real answer, only late
        slow.append((status, time.monotonic() - started))

    thread = threading.Thread(target=fetch_slow)
    thread.start()
    sim.wait_until(lambda: sim.faults.rest_hits == 1)
    started = time.monotonic()
    assert get(sim, f"/v1/matches/{CRICKET}/live")[0] == 200
    assert time.monotonic() - started < 1.0
    assert not slow  # the slow one is still waiting
    thread.join(TIMEOUT)
    assert slow and slow[0][0] == 200 and slow[0][1] >= 1.4


def test_the_rest_log_records_arrival_and_answer(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    before = time.monotonic()
    get(sim, f"/v1/matches/{SOCCER}/live", key="sk_demo_scores")
    sim.faults.rest_fault(429, retry_after=1, path=LIVE, times=1)
    get(sim, f"/v1/matches/{SOCCER}/live", key="sk_demo_scores")
    get(sim, f"/v1/matches/{SOCCER}/live", key="sk_not_a_key")
    hits = sim.rest_log(f"/v1/matches/{SOCCER}/live")
    assert [h.status for h in hits] == [200, 429, 401]
    assert before <= hits[0].at <= hits[1].at <= hits[2].at <= time.monotonic()
    assert len(sim.rest_log()) == 3


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((200,), {}),
        ((None,), {}),
        ((503,), {"times": 0}),
        ((503,), {"delay": -1}),
        ((503,), {"path": "v1/matches"}),
    ],
)
def test_bad_rules_are_refused(sim: SimulatorThread, args: tuple[Any, ...], kwargs: Any) -> None:
    with pytest.raises(ValueError):
        sim.faults.rest_fault(*args, **kwargs)


# -- the client's side: RestClient reads Retry-After ------------------------------------


async def test_rest_client_reads_a_429s_retry_after(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.rest_fault(429, retry_after=7, path=LIVE, times=1)
    sim.faults.rest_fault(503, retry_after=2, path="/v1/matches", times=1)
    client = RestClient(sim.rest_url, "sk_demo_scores")
    with pytest.raises(RestRateLimited, match=r"HTTP 429, rate limited.*retry in 7 s") as caught:
        await client.get_json(f"/matches/{SOCCER}/live")
    assert (caught.value.status, caught.value.retry_after) == (429, 7.0)
    assert "sk_demo_scores" not in str(caught.value)
    with pytest.raises(RestStatusError) as failed:
        await client.get_json("/matches")
    assert (failed.value.status, failed.value.retry_after) == (503, 2.0)
    assert not isinstance(failed.value, RestRateLimited)
    assert (await client.get_json(f"/matches/{SOCCER}/live"))["match_id"] == SOCCER


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        (" 120 ", 120.0),
        ("999999", 3600.0),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 40.0),  # 100 s after the epoch, "now" is 60
        ("Thu, 01 Jan 1970 00:00:10 GMT", 0.0),  # in the past: now
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=60.0) == seconds
