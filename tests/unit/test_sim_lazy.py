"""The catalog's matches are made when first asked for (issue 26: startup),
and a match made late is exactly the match made at once and stepped alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from scoreboard.sim.catalog import build_catalog, lazy_catalog
from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.lazy import LazyMatch
from scoreboard.sim.scorelytics.catalog import build_scorelytics_catalog
from scoreboard.sim.scorelytics.matches import ScorelyticsMatch
from scoreboard.sim.ticker import Ticker

EPOCH = datetime(2030, 5, 4, 12, 0, tzinfo=UTC)
#: Simulated seconds to advance, then the matches first read at that moment.
#: 41286 (84th minute) and 41304 (a chase) end among the steps only counted.
READS: list[tuple[float, tuple[int, ...]]] = [
    (0, (41282,)),
    (1, (41300, 41320)),
    (45, (41283, 41310)),
    (400, (41286, 41301, 41321)),
    (2_500, (41284, 41304, 41311)),
    (9_000, ()),  # the rest: read at the end
]


def _seen(engine: MatchEngine) -> dict[str, Any]:
    return {"status": engine.status, "snapshot": engine.snapshot(), "summary": engine.summary()}


@pytest.mark.parametrize(("seed", "speed"), [(0, 1.0), (7, 1.0), (2024, 10.0)])
def test_a_match_made_when_first_read_is_the_match_made_at_once(seed: int, speed: float) -> None:
    eager = {e.match_id: e for e in build_catalog(seed, EPOCH, speed)}
    lazy = {e.match_id: e for e in lazy_catalog(seed, EPOCH, speed)}
    assert list(lazy) == list(eager)
    assert all(isinstance(e, LazyMatch) and not e.built for e in lazy.values())
    assert [(e.sport, e.step_seconds) for e in lazy.values()] == [
        (e.sport, e.step_seconds) for e in eager.values()
    ]
    eager_ticker, lazy_ticker = Ticker(eager.values(), _ignore), Ticker(lazy.values(), _ignore)
    read: list[int] = []
    first_seen: dict[int, str] = {}
    for seconds, first_read in READS:
        for step in (1.0, seconds - 1) if seconds > 1 else (seconds,):
            changed = {e.match_id for e in eager_ticker.advance(step)}
            lazily = {e.match_id for e in lazy_ticker.advance(step)}
            # What someone has read changes alike; what no one has is not reported.
            assert lazily == changed & set(read)
        read += first_read or [i for i in lazy if i not in read]
        first_seen |= {i: lazy[i].status for i in read if i not in first_seen}
        for match_id in read:
            assert _seen(lazy[match_id]) == _seen(eager[match_id]), match_id
    assert all(isinstance(e, LazyMatch) and e.built for e in lazy.values())
    # Some made while still live after counted steps, some ended among them.
    live_at_start = [41283, 41284, 41286, 41301, 41304]
    assert {first_seen[i] for i in live_at_start} == {"live", "finished"}


def test_only_the_matches_asked_for_are_made() -> None:
    lazy = {e.match_id: e for e in lazy_catalog(3, EPOCH)}
    ticker = Ticker(lazy.values(), _ignore)
    ticker.advance(600)
    assert lazy[41282].snapshot()["match_id"] == 41282
    assert lazy[41300].status == "live"
    made = {i for i, e in lazy.items() if isinstance(e, LazyMatch) and e.built}
    assert made == {41282, 41300}


def _ignore(changed: list[MatchEngine]) -> None:
    return None


@pytest.mark.parametrize("seed", [0, 11])
def test_a_scorelytics_match_made_late_is_the_match_made_at_once(seed: int) -> None:
    eager = build_scorelytics_catalog(seed)
    lazy = build_scorelytics_catalog(seed, lazy=True)
    assert [(m.key, m.match_id, m.sport) for m in lazy] == [
        (m.key, m.match_id, m.sport) for m in eager
    ]
    sent: dict[str, dict[str, list[Any]]] = {"eager": {}, "lazy": {}}

    def sink(name: str) -> Callable[[list[MatchEngine]], None]:
        def publish(changed: list[MatchEngine]) -> None:
            for match in changed:
                assert isinstance(match, ScorelyticsMatch)
                sent[name].setdefault(match.key, []).extend(match.publish())

        return publish

    eager_ticker, lazy_ticker = Ticker(eager, sink("eager")), Ticker(lazy, sink("lazy"))
    read: set[str] = set()
    for seconds, first_read in [(0, 0), (30, 2), (200, 3), (900, 5), (3_000, 5)]:
        for ticker in (eager_ticker, lazy_ticker):
            for _ in range(3):  # several ticks, several steps each
                ticker.advance(seconds / 3)
        for match in lazy[:first_read]:
            if match.key not in read:
                read.add(match.key)
                sent["eager"][match.key] = []  # what a socket opened now is sent
        assert not any(m.built for m in lazy if m.key not in read)
        for e, z in zip(eager, lazy, strict=True):
            if z.key in read:
                assert (z.status, z.fields()) == (e.status, e.fields()), z.key
                assert sent["lazy"].get(z.key, []) == sent["eager"][z.key], z.key
    assert {m.status for m in eager} >= {"live", "finished"}
