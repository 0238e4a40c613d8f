"""Snapshots the benchmark's flood source sends, built once at start-up.

- `small`: the simulator's flood match (a soccer score, clock and three
  stats, ~300 bytes), as the flood phases have always used;
- `soccer`: a full soccer snapshot late in a match, every stat and ~20
  events (~3 KB);
- `cricket`: a live chase with both scorecards (~4 KB).

Each match gets `variants` successive states (the clock, or the ball, moves)
so a panel always has something new to draw.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from scoreboard.sim.flood import FloodEngine


def small_snapshots(kind: str, match_id: int, variants: int) -> list[dict[str, Any]]:
    engine = FloodEngine(match_id, match_id % 1000, 1.0)
    states = []
    for _ in range(variants):
        engine.step()
        states.append(engine.snapshot())
    return states


@cache
def _late_state(sport: str) -> dict[str, Any]:
    from scoreboard.sim.catalog import build_catalog

    engine = next(e for e in build_catalog(seed=7) if e.sport == sport)
    last = engine.snapshot()
    while engine.status != "finished":
        engine.step()
        if engine.status == "live":
            last = engine.snapshot()
    final = engine.snapshot()
    if sport == "soccer":  # every event of the match, on a live late state
        last["events"] = final.get("events", last.get("events", []))
    return last


def realistic_snapshots(kind: str, match_id: int, variants: int) -> list[dict[str, Any]]:
    base = _late_state(kind)
    states = []
    for tick in range(variants):
        state = copy.deepcopy(base)
        state["match_id"] = match_id
        if kind == "soccer":
            minute, second = divmod(80 * 60 + tick, 60)
            state["clock"] = {**state["clock"], "minute": minute, "second": second}
        else:
            over = state.get("over") or {}
            balls = list(over.get("balls") or [])
            state["over"] = {**over, "balls": (balls + ["1"] * 6)[: 1 + tick % 6]}
        states.append(state)
    return states


def frame_size(kind: str, matches: int = 200) -> float:
    """Average framed bytes of one update of `kind` (what the source sends)."""
    from scoreboard.bench.source import Flood

    return Flood(kind, list(range(900001, 900001 + matches))).frame_bytes
