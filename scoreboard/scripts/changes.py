"""What is new in a match since its last snapshot: the score, notable moments, its status.

`Changes.update(ref, snapshot)` says what `--watch` prints for one snapshot,
each thing once: the first snapshot of a match only teaches what it already
shows (so a reconnect, a resubscribe or a poll repeating the state prints
nothing), a goal or a wicket is the score change it caused (never a second
line of its own), and other moments (a red card, a fifty, half-time) are
named by `core.notable`'s stable keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoreboard.core.events import MatchRef
from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.core.notable import Notable, notables

#: Moments that are a change of score: told with the score line, never alone.
SCORING = frozenset({"goal", "wicket"})
#: Statuses no moment announces (kick-off, half-time and full-time are moments).
_QUIET = frozenset({"live", "finished", "scheduled"})


@dataclass(frozen=True, slots=True)
class Change:
    """One line of `--watch`: `kind` is snapshot, score, moment or status."""

    kind: str
    moments: tuple[Notable, ...] = ()
    #: score: the score before; status: the status before.
    before: Any = None


@dataclass(slots=True)
class _Seen:
    last: Snapshot
    keys: set[tuple[object, ...]] = field(default_factory=set)


def score_of(snap: Snapshot) -> Any:
    """The score as it matters: goals or points; runs and wickets (not overs) in cricket."""
    if isinstance(snap, SoccerSnapshot | BasketballSnapshot):
        return (snap.score.home, snap.score.away)
    if isinstance(snap, CricketSnapshot):
        return tuple(
            None if total is None else (total.runs, total.wickets)
            for total in (snap.score.home, snap.score.away)
        )
    return snap.score_pair


class Changes:
    """Per match: the last snapshot and every moment already told."""

    def __init__(self) -> None:
        self._matches: dict[MatchRef, _Seen] = {}

    def update(self, ref: MatchRef, snap: Snapshot) -> list[Change]:
        seen = self._matches.get(ref)
        if seen is None:
            self._matches[ref] = _Seen(snap, {n.key for n in notables(snap)})
            return [Change("snapshot")]
        previous, seen.last = seen.last, snap
        fresh = [n for n in notables(snap, previous) if n.key not in seen.keys]
        seen.keys.update(n.key for n in fresh)
        changes: list[Change] = []
        before = score_of(previous)
        if score_of(snap) != before:
            scoring = tuple(n for n in fresh if n.kind in SCORING)
            changes.append(Change("score", scoring, before))
        changes.extend(Change("moment", (n,)) for n in fresh if n.kind not in SCORING)
        if snap.status != previous.status and snap.status not in _QUIET:
            changes.append(Change("status", before=previous.status))
        return changes

    def forget(self, ref: MatchRef) -> None:
        self._matches.pop(ref, None)
