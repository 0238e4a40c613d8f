"""Flood-mode engines: synthetic live soccer matches for the benchmark.

`flood_engines(n, rate)` makes `n` matches (ids from 900001) that together
change `rate` times per real second, so a client subscribed to all of them
receives about `rate` update frames/s. Each step is cheap: the snapshot dict
is built once and only its clock (and now and then the score) is replaced.

`events=` and `stats=` make every snapshot heavy: a timeline of that many
events and that many stats (the detail view's worst case: 5,000 events and
200 stats). One stat changes with every step, so every frame is news to a
detail view; the timeline is built once and sent as is.
"""

from __future__ import annotations

from typing import Any

from scoreboard.sim.engines.base import MatchEngine

FLOOD_FIRST_ID = 900001
_STATS: dict[str, Any] = {
    "possession": {"home": 50, "away": 50},
    "shots": {"home": 0, "away": 0},
    "corners": {"home": 0, "away": 0},
}


class FloodEngine(MatchEngine):
    """A live soccer match whose every step is a visible change."""

    sport = "soccer"

    def __init__(
        self, match_id: int, index: int, step_seconds: float, *, events: int = 0, stats: int = 0
    ) -> None:
        self.match_id = match_id
        self.step_seconds = step_seconds
        self._ticks = 0
        self._home = self._away = 0
        self._snap: dict[str, Any] = {
            "match_id": match_id,
            "sport": "soccer",
            "status": "live",
            "home": f"Flood Home {index}",
            "away": f"Flood Away {index}",
            "competition": "Flood League",
            "score": {"home": 0, "away": 0},
            "clock": {"minute": 0, "second": 0, "period": "1H", "added_time": None},
            "phase": {"code": "1H", "label": "First half"},
            "stats": heavy_stats(stats) if stats > len(_STATS) else _STATS,
            "events": timeline(events),
        }

    @property
    def status(self) -> str:
        return "live"

    def step(self) -> bool:
        self._ticks += 1
        t = self._ticks
        if t % 600 == 0:  # a goal every 10 simulated minutes of ticks, alternating sides
            if (t // 600) % 2:
                self._home += 1
            else:
                self._away += 1
            self._snap["score"] = {"home": self._home, "away": self._away}
        minute, second = divmod(t % 5400, 60)
        clock = {"minute": minute, "second": second, "period": "1H", "added_time": None}
        self._snap["clock"] = clock
        stats = self._snap["stats"]
        if len(stats) > len(_STATS):  # heavy: one stat moves every step
            stats = self._snap["stats"] = dict(stats)
            stats["shots"] = {"home": t % 40, "away": (t // 40) % 40}
        return True

    def snapshot(self) -> dict[str, Any]:
        return dict(self._snap)

    def summary(self) -> dict[str, Any]:
        s = self._snap
        return {
            "match_id": self.match_id,
            "sport": "soccer",
            "status": "live",
            "home": s["home"],
            "away": s["away"],
            "competition": s["competition"],
            "start_time": None,
        }


def heavy_stats(count: int) -> dict[str, Any]:
    """`count` stats: the usual three, then `stat_4`... with varied values."""
    stats = dict(_STATS)
    for n in range(len(_STATS) + 1, count + 1):
        stats[f"stat_{n}"] = {"home": n % 17, "away": (n * 7) % 23}
    return stats


_TYPES = ("goal", "yellow_card", "substitution", "var", "corner", "shot")


def timeline(count: int) -> list[dict[str, Any]]:
    """`count` events over the match, both sides in turn, of every kind."""
    events = []
    for n in range(count):
        kind = _TYPES[n % len(_TYPES)]
        team = "home" if n % 2 == 0 else "away"
        events.append(
            {
                "minute": min(n * 90 // max(count, 1) + 1, 90),
                "added_time": None,
                "type": kind,
                "team": team,
                "player": f"Player {n % 22 + 1} ({team})",
                "assist": None,
                "detail": "for Player 12" if kind == "substitution" else None,
            }
        )
    return events


def flood_engines(
    count: int, rate: float, *, speed: float = 1.0, events: int = 0, stats: int = 0
) -> list[FloodEngine]:
    """`count` flood matches changing `rate` times per real second in total at `speed`,
    each with `events` timeline events and `stats` stats (0: a light snapshot)."""
    if count < 0 or rate < 0:
        raise ValueError("flood matches and rate must be >= 0")
    if count == 0:
        return []
    # Each match changes rate/count times per real second; the ticker runs
    # simulated time at `speed`, so one step spans `speed * count / rate` simulated s.
    per_match = rate / count if rate > 0 else 0.0
    step = (max(speed, 1e-9) / per_match) if per_match > 0 else float("inf")
    return [
        FloodEngine(FLOOD_FIRST_ID + i, i + 1, step, events=events, stats=stats)
        for i in range(count)
    ]


def staggered_first_steps(engines: list[FloodEngine]) -> list[float]:
    """First due times (simulated s) that spread the matches' steps evenly over one step."""
    n = len(engines)
    return [(i + 1) * e.step_seconds / n for i, e in enumerate(engines)]
