"""The per-match history store: order, lookups, compaction, bounds."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import msgspec
import pytest

from scoreboard.core.history import MatchHistory
from scoreboard.core.history_kinds import Kind, minute_key, over_key
from scoreboard.core.history_store import HistoryStore
from scoreboard.core.models import CricketSnapshot, GenericSnapshot, Snapshot, SoccerSnapshot
from scoreboard.sim.engines.cricket import CricketEngine
from scoreboard.sim.engines.soccer import SoccerEngine


def soccer_match(seed: int = 3) -> list[SoccerSnapshot]:
    """Every second of a full simulated soccer match, as the app decodes it."""
    engine = SoccerEngine(1, "Home FC", "Away FC", seed=seed, tempo=1.5)
    snaps = []
    while engine.status != "finished":
        engine.step()
        snaps.append(msgspec.convert(engine.snapshot(), SoccerSnapshot))
    return snaps


def cricket_innings(seed: int = 3) -> list[CricketSnapshot]:
    engine = CricketEngine(2, "Home XI", "Away XI", seed=seed)
    snaps = []
    while engine.status != "finished" and len(snaps) < 20000:
        engine.step()
        snaps.append(msgspec.convert(engine.snapshot(), CricketSnapshot))
    return snaps


def last_of_each(
    history: MatchHistory, key: Callable[[Snapshot], Hashable]
) -> list[tuple[Hashable, float, Snapshot]]:
    """The last kept state of each run of equal `key(state)` (a minute, an over), in order."""
    out: list[tuple[Hashable, float, Snapshot]] = []
    for t, snap in history.states():
        k = key(snap)
        if out and out[-1][0] == k:
            out[-1] = (k, t, snap)
        else:
            out.append((k, t, snap))
    return out


def test_states_come_back_in_order_exactly() -> None:
    snaps = soccer_match()[:600]
    history = MatchHistory(recent=1e9)
    for t, snap in enumerate(snaps):
        history.add(float(t), snap)
    assert len(history) == 600  # one a second: none coalesced, none compacted
    assert [s for _, s in history.states()] == snaps
    assert history.state(0) == snaps[0] and history.state(-1) == snaps[-1]
    assert history.state(300) == snaps[300]
    assert history.index_at(299.5) == 299 and history.state(299) == snaps[299]
    assert history.index_at(-1.0) is None
    assert list(history.times[:3]) == [0.0, 1.0, 2.0]


def test_nothing_new_is_not_kept() -> None:
    snap = soccer_match()[0]
    history = MatchHistory()
    assert history.add(0.0, snap)
    assert not history.add(1.0, msgspec.structs.replace(snap))
    assert len(history) == 1


def test_ticks_closer_than_a_second_collapse() -> None:
    snaps = soccer_match()[:100]
    history = MatchHistory()
    for i, snap in enumerate(snaps):
        history.add(i * 0.01, snap)  # a flood: 100 frames in one second
    assert len(history) <= 3
    assert history.state(-1) == snaps[-1]
    assert [s for _, s in history.states()][-1] == snaps[-1]


def test_a_full_soccer_match_is_well_under_a_megabyte_and_keeps_every_notable_state() -> None:
    snaps = soccer_match()
    history = MatchHistory()
    notable = []
    for t, snap in enumerate(snaps):
        before = len(history)
        history.add(float(t), snap)
        if len(history) > before and history.kind(-1) == Kind.NOTABLE:
            notable.append(snap)
    assert len(snaps) > 5400
    assert history.nbytes < 1 << 20
    assert history.nbytes < 200_000  # what makes 500 matches fit (issue 18)
    assert history.folded > 0
    kept = [s for i, (_, s) in enumerate(history.states()) if history.kind(i) == Kind.NOTABLE]
    assert kept == notable  # every goal, card and status change, exactly
    assert history.state(-1) == snaps[-1]
    minutes = last_of_each(history, minute_key)
    assert len(minutes) >= 90
    assert minutes[-1][2] == snaps[-1]
    times = list(history.times)
    assert times == sorted(times)


def test_a_t20_match_fits_too() -> None:
    snaps = cricket_innings()
    history = MatchHistory()
    for t, snap in enumerate(snaps):
        history.add(float(t), snap)
    assert history.nbytes < 1 << 20
    overs = last_of_each(history, over_key)
    assert len(overs) >= 20
    assert history.state(-1) == snaps[-1]
    runs = [(s.score.home.runs if s.score.home else 0) for _, _, s in overs]
    assert runs == sorted(runs) or max(runs) > 0


def test_memory_stays_flat_however_long_it_runs() -> None:
    snaps = soccer_match()
    history = MatchHistory(budget=64_000)
    sizes = []
    for lap in range(4):
        for t, snap in enumerate(snaps):
            history.add(lap * 10_000.0 + t, snap)
        sizes.append(history.nbytes)
    assert max(sizes) <= 64_000
    assert history.state(-1) == snaps[-1]
    assert list(history.times) == sorted(history.times)


def test_a_change_of_sport_model_starts_afresh() -> None:
    generic = GenericSnapshot(match_id=1, status="live", home="A", away="B", score={"x": 1})
    soccer = soccer_match()[5]
    history = MatchHistory()
    history.add(0.0, generic)
    history.add(1.0, soccer)
    assert history.state(0) == generic
    assert history.state(1) == soccer
    assert [s for _, s in history.states()] == [generic, soccer]


def test_store_by_match() -> None:
    store = HistoryStore()
    snaps = soccer_match()[:10]
    for t, snap in enumerate(snaps):
        store.add("a", float(t), snap)
    store.add("b", 0.0, snaps[0])
    assert len(store) == 2
    assert store.get("a") is not None and len(store.get("a")) == 10  # type: ignore[arg-type]
    store.drop("a")
    assert store.get("a") is None
    assert store.nbytes > 0
    with pytest.raises(IndexError):
        store.get("b").state(5)  # type: ignore[union-attr]


def test_a_stat_that_appears_later_is_merged_in() -> None:
    from scoreboard.core.models import StatPair

    first = soccer_match()[10]
    stats = dict(first.stats or {})
    fewer = msgspec.structs.replace(first, stats={"shots": stats["shots"]})
    more = msgspec.structs.replace(first, stats={**stats, "xt": StatPair(1, 2)})
    history = MatchHistory()
    for t, snap in enumerate((fewer, first, more, fewer)):
        history.add(float(t * 10), snap)
    assert [s for _, s in history.states()] == [fewer, first, more, fewer]


def test_a_burst_within_a_window_is_kept_as_its_newest_state() -> None:
    """A flood sends many frames a second: the store keeps the first of a window at
    once, and of the rest only the newest, when the next window opens or on reading."""
    store = HistoryStore()
    snaps = soccer_match()[:40]
    store.add("a", 100.0, snaps[0])
    for i, snap in enumerate(snaps[1:20], start=1):
        store.add("a", 100.0 + i / 100, snap)  # 19 more within 0.2 s
    history = store._matches["a"]
    assert len(history) == 1 and history.latest == snaps[0]  # the burst waits, O(1)
    store.add("a", 101.0, snaps[20])  # a new window: the burst's newest is kept first
    assert [s for _, s in history.states()][-2:] == [snaps[19], snaps[20]]
    store.add("a", 101.1, snaps[21])
    got = store.get("a")  # reading keeps what waits
    assert got is history and history.latest == snaps[21]
    assert history.times[-1] == 101.1
