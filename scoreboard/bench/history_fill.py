"""History for the benchmark: fill every followed match with N minutes of a real match.

The sequence is one seeded simulated soccer match (one snapshot a second, as
the stream sends it), decoded once into our models; each match's history gets
its own copy of those states with its own receive times, added through
`MatchHistory.add` as the session would. So the RSS the memory phase reports
with `--history 90` is what 500 panels carrying 90 minutes each really cost.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import msgspec

from scoreboard.core.events import MatchRef
from scoreboard.core.history_store import HistoryStore
from scoreboard.core.models import SoccerSnapshot


def soccer_minutes(minutes: float, seed: int = 11) -> list[SoccerSnapshot]:
    """`minutes` of simulated match time (plus half-time), a snapshot a second."""
    from scoreboard.sim.engines.soccer import SoccerEngine

    engine = SoccerEngine(1, "Bench Home", "Bench Away", seed=seed, tempo=1.3)
    states: list[SoccerSnapshot] = []
    while engine.status != "finished":
        engine.step()
        snap = msgspec.convert(engine.snapshot(), SoccerSnapshot)
        states.append(snap)
        clock = snap.clock
        if clock is not None and clock.minute >= minutes and clock.period not in ("HT",):
            break
    return states


def fill(store: HistoryStore, refs: Iterable[MatchRef], minutes: float) -> dict[str, float]:
    """Add `minutes` of history to each match: bytes kept and cost per add."""
    states = soccer_minutes(minutes)
    start = time.time() - len(states) - 60.0
    count = 0
    t0 = time.perf_counter()
    for ref in refs:
        store.drop(ref)  # the live frames so far came later than this history
        for second, snap in enumerate(states):
            # A copy per match, as every match decodes its own frames.
            store.add(ref, start + second, msgspec.structs.replace(snap, match_id=ref.id))
            count += 1
    spent = time.perf_counter() - t0
    return {
        "history_states": len(states),
        "history_mb": round(store.nbytes / (1 << 20), 1),
        "history_add_us": round(1e6 * spent / count, 2) if count else 0.0,
    }
