"""Per-match history: every accepted snapshot as a compact timeline of what changed.

`MatchHistory.add(t, snapshot)` keeps, for each snapshot that differs from
the one before, its receive time, a kind (`TICK`: only the clock moved;
`CHANGE`: stats, batters, phase...; `NOTABLE`: score, events, status,
innings, result) and the changed top-level fields, MessagePack-encoded. Full
states are rebuilt on demand from a keyframe (one every `KEYFRAME_EVERY`
entries, sparser when snapshots are huge next to their deltas) plus the
deltas after it.

The store is bounded. Every `COMPACT_EVERY` entries, ticks older than
`recent` seconds are thinned to one per `tick_spacing` seconds (their changes
fold into the next kept entry, so no state is lost, only resolution).
Notable and change entries are always kept, unless the whole match is over
`budget` bytes: then tick spacing doubles, then change entries are thinned
too, and as a last resort the oldest entries are folded into the first one.
So memory stays flat however long the app runs.

Queries (see docs/history.md): `len`, `times`, `kind(i)`, `changed(i)`,
`state(i)`, `index_at(t)`, `states(start)`, `notable(since)`. All pure: no Textual, no I/O.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence

import msgspec
from msgspec import Raw

from scoreboard.core.deltas import (
    OPS,
    TYPE_KEY,
    apply,
    as_map,
    delta_of,
    diff,
    encode,
    materialise,
)
from scoreboard.core.history_kinds import Kind, kind_of, minute_key
from scoreboard.core.models import Snapshot

#: About 1 MB per match, the issue's bound; a 90-minute match needs a tenth of it.
DEFAULT_BUDGET = 1 << 20
KEYFRAME_EVERY = 128
#: Ticks and changes closer together than this (receive time, seconds) collapse into one.
TICK_RESOLUTION = 1.0
COMPACT_EVERY = 256
#: Per-entry bookkeeping beside the delta's bytes: list slot, bytes header, time, kind.
ENTRY_OVERHEAD = 4 + 8 + 1
#: A keyframe is a bytes object of its own in a dict.
KEY_OVERHEAD = 33 + 8 + 8 + 24


class MatchHistory:
    """The timeline of one match, oldest first. Times are the caller's clock (seconds)."""

    def __init__(
        self,
        *,
        budget: int = DEFAULT_BUDGET,
        recent: float = 120.0,
        tick_spacing: float = 60.0,
    ) -> None:
        self.budget = budget
        self.recent = recent
        self.tick_spacing = tick_spacing
        self._times = array("d")
        self._kinds = bytearray()
        #: Every delta, back to back, and where each ends: a bytes object per entry
        #: would cost 41 bytes of bookkeeping each, more than most deltas hold.
        self._buf = bytearray()
        self._ends = array("I")
        self._keys: dict[int, bytes] = {}
        #: The indices that have a keyframe, ascending (0 always, once anything is kept).
        self._key_at: list[int] = []
        self._last: Snapshot | None = None
        self._last_tuple: tuple[object, ...] = ()
        self._fields: tuple[str, ...] = ()
        self._since_compact = 0
        #: Entries before this index were compacted already (at `tick_spacing`).
        self._compacted = 0
        self._nbytes = 0
        #: The open entry (see `add`): the fields it changed, its time and kind;
        #: `_base_tuple` is the state of the last encoded entry.
        self._open_names: set[str] = set()
        self._open_t = 0.0
        self._open_kind: int = Kind.TICK
        self._base_tuple: tuple[object, ...] = ()
        #: Entries folded away by compaction, for the curious (diagnostics, bench).
        self.folded = 0

    # -- adding -----------------------------------------------------------------------

    def add(self, t: float, snapshot: Snapshot) -> bool:
        """Keep `snapshot`, received at `t`; False if nothing in it changed.

        A non-notable change (a clock tick, stats) stays *open*, unencoded:
        the next such change within `TICK_RESOLUTION` of the entry before it
        joins it for the cost of a set union, so a flood of clock ticks costs
        one comparison a frame. The open entry is encoded when a change that
        cannot join arrives, or before anything reads the history.
        """
        last = self._last
        if snapshot is last:
            return False
        values = msgspec.structs.astuple(snapshot)
        if last is None or type(last) is not type(snapshot):
            self._close()
            self._fields = fields = type(snapshot).__struct_fields__
            full = {TYPE_KEY: type(snapshot).__name__, **dict(zip(fields, values, strict=True))}
            self._last, self._last_tuple = snapshot, values
            self._encoded(max(t, self._times[-1]) if self._times else t, Kind.NOTABLE, full)
            return True
        old, fields = self._last_tuple, self._fields
        changed = [i for i, value in enumerate(values) if value != old[i]]
        if not changed:
            self._last = snapshot
            return False
        names = {fields[i] for i in changed}
        kind = kind_of(names, last, snapshot)
        latest = self._open_t if self._open_names else self._times[-1]
        if t < latest:
            t = latest  # a clock that stepped back: keep the order
        if (
            kind != Kind.NOTABLE
            and self._open_names
            and t - self._times[-1] < TICK_RESOLUTION
            and minute_key(snapshot) == minute_key(last)
        ):  # a new match minute starts an entry: the per-minute charts keep each one
            self._open_names |= names
            self._open_t, self._open_kind = t, max(kind, self._open_kind)
            self._last, self._last_tuple = snapshot, values
            return True
        self._close()
        if kind == Kind.NOTABLE:
            delta = delta_of(changed, fields, old, values)
            self._last, self._last_tuple = snapshot, values
            self._encoded(t, kind, delta)
        else:
            self._open_names, self._open_t, self._open_kind = names, t, kind
            self._last, self._last_tuple = snapshot, values
        return True

    def _close(self) -> None:
        """Encode the open entry: what changed since the last encoded one."""
        names = self._open_names
        if not names:
            return
        self._open_names = set()
        fields = self._fields
        changed = sorted(fields.index(name) for name in names)
        delta = delta_of(changed, fields, self._base_tuple, self._last_tuple)
        self._encoded(self._open_t, self._open_kind, delta)

    def _encoded(self, t: float, kind: int, delta: dict[str, object]) -> None:
        self._base_tuple = self._last_tuple
        self._append(t, kind, encode(delta))
        self._since_compact += 1
        if self._since_compact >= COMPACT_EVERY or self._nbytes > self.budget:
            self.compact()

    @property
    def nbytes(self) -> int:
        """What the history holds: deltas, keyframes and bookkeeping, in bytes."""
        self._close()
        return self._nbytes

    def _append(self, t: float, kind: int, delta: bytes) -> None:
        index = len(self._ends)
        self._times.append(t)
        self._kinds.append(kind)
        self._buf += delta
        self._ends.append(len(self._buf))
        self._nbytes += len(delta) + ENTRY_OVERHEAD
        # A keyframe every KEYFRAME_EVERY entries, unless the deltas since the
        # last one are still small next to it (a snapshot with thousands of
        # events): rebuilding a state then decodes little more than a keyframe.
        last = self._key_at[-1] if self._key_at else None
        if last is None or (
            index - last >= KEYFRAME_EVERY
            and self._ends[-2] - (self._ends[last - 1] if last else 0) >= len(self._keys[last])
        ):
            key = delta if last is None else encode(apply(self._map(index - 1), delta))
            self._keys[index] = key
            self._key_at.append(index)
            self._nbytes += len(key) + KEY_OVERHEAD

    # -- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        self._close()
        return len(self._ends)

    def _delta(self, index: int) -> bytes:
        """Entry `index`'s delta, copied out (a view would pin the buffer's size)."""
        start = self._ends[index - 1] if index else 0
        return bytes(self._buf[start : self._ends[index]])

    @property
    def times(self) -> Sequence[float]:
        self._close()
        return self._times

    @property
    def latest(self) -> Snapshot | None:
        return self._last

    def kind(self, index: int) -> Kind:
        self._close()
        return Kind(self._kinds[index])

    def changed(self, index: int) -> frozenset[str]:
        """The fields entry `index` changed (all of them for the first)."""
        self._close()
        return frozenset(name.lstrip(OPS) for name in as_map(self._delta(index))) - {TYPE_KEY}

    def state(self, index: int) -> Snapshot:
        """The full snapshot as of entry `index` (negative counts from the end)."""
        self._close()
        if index < 0:
            index += len(self._ends)
        if not 0 <= index < len(self._ends):
            raise IndexError(index)
        if index == len(self._ends) - 1 and self._last is not None:
            return self._last
        return materialise(self._map(index))

    def index_at(self, t: float) -> int | None:
        """The last entry received at or before `t`, or None if all came later."""
        self._close()
        index = bisect_right(self._times, t) - 1
        return index if index >= 0 else None

    def states(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[float, Snapshot]]:
        """(time, snapshot) for entries `start`..`stop`, in order, rebuilt incrementally."""
        self._close()
        stop = len(self._ends) if stop is None else min(stop, len(self._ends))
        if start >= stop:
            return
        current = self._map(start)
        yield self._times[start], materialise(current)
        for index in range(start + 1, stop):
            apply(current, self._delta(index))
            yield self._times[index], materialise(current)

    def notable(self, since: float = float("-inf")) -> list[int]:
        """Indices of notable entries received after `since`."""
        self._close()
        start = bisect_right(self._times, since)
        kinds = self._kinds
        return [i for i in range(start, len(kinds)) if kinds[i] == Kind.NOTABLE]

    def _map(self, index: int) -> dict[str, Raw]:
        base = self._key_at[bisect_right(self._key_at, index) - 1]
        current = as_map(self._keys[base])
        for i in range(base + 1, index + 1):
            apply(current, self._delta(i))
        return current

    # -- compaction -------------------------------------------------------------------

    def compact(self) -> None:
        """Thin old ticks (and, over budget, more); keeps every state it can.

        Normally only the entries that aged past `recent` since the last
        compaction are looked at; over budget the whole timeline is.
        """
        self._close()
        self._since_compact = 0
        self._rebuild(self.tick_spacing, self.recent, False, self._compacted)
        spacing, recent, thin_changes = self.tick_spacing, self.recent, True
        for _ in range(10):
            if self._nbytes <= self.budget:
                return
            self._rebuild(spacing, recent, thin_changes, 0)
            spacing, recent = spacing * 2, recent / 2
        # Over budget even so: fold the oldest quarter away until well under
        # it, so the next compaction is many entries off.
        while self._nbytes > self.budget * 3 // 4 and len(self._ends) > 2:
            self._drop_oldest(len(self._ends) // 4 or 1)

    def _rebuild(self, spacing: float, recent: float, thin_changes: bool, start: int) -> None:
        times, kinds = self._times, self._kinds
        n = len(times)
        start = max(start, 1)
        if n - start < 2:
            return
        cutoff = times[-1] - recent
        keep: list[int] = []
        last_kept = {Kind.TICK: times[start - 1], Kind.CHANGE: times[start - 1]}
        aged = start
        for i in range(start, n - 1):
            kind, t = kinds[i], times[i]
            if t < cutoff:
                aged = i + 1
            if kind == Kind.NOTABLE or t >= cutoff or (kind == Kind.CHANGE and not thin_changes):
                keep.append(i)
            elif t - last_kept[Kind.TICK if kind == Kind.TICK else Kind.CHANGE] >= spacing:
                keep.append(i)
                last_kept[Kind(kind)] = t
        keep.append(n - 1)
        dropped = (n - start) - len(keep)
        if dropped:
            self._replace([(times[i], kinds[i], i) for i in keep], start)
        self._compacted = aged - dropped

    def _drop_oldest(self, count: int) -> None:
        """Fold the first `count + 1` entries into one: the start of history moves."""
        n = len(self._ends)
        kept = [(self._times[count], Kind.NOTABLE, count)] + [
            (self._times[i], self._kinds[i], i) for i in range(count + 1, n)
        ]
        self._replace(kept, 0)
        self._compacted = 0

    def _replace(self, kept: list[tuple[float, int, int]], start: int) -> None:
        """Keep entries before `start` and then only `kept` (time, kind, old index),
        folding dropped deltas forward.

        A kept entry right after the previous kept one keeps its delta as is;
        one that absorbs dropped entries gets the difference of the two states.
        """
        n = len(self._ends)
        old = {index: self._delta(index) for index in range(start, n)}
        state = self._map(start - 1) if start > 0 else {}
        for index in range(start, n):
            self._nbytes -= len(old[index]) + ENTRY_OVERHEAD
            key = self._keys.pop(index, None)
            if key is not None:
                self._key_at.remove(index)
                self._nbytes -= len(key) + KEY_OVERHEAD
        cut = self._ends[start - 1] if start else 0
        del self._buf[cut:]
        del self._ends[start:]
        del self._times[start:]
        del self._kinds[start:]
        before = dict(state)
        done = start - 1
        for t, kind, index in kept:
            for j in range(done + 1, index + 1):
                apply(state, old[j])
            if not self._ends:
                delta = encode(state)
            elif index == done + 1:
                delta = old[index]
            else:
                delta = encode(diff(before, state))
            self._append(t, kind, delta)
            self.folded += index - done - 1
            before, done = dict(state), index
