"""Every followed match's history (`MatchHistory`), by key, with bursts coalesced."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from scoreboard.core.history import MatchHistory
from scoreboard.core.history_kinds import derived_key
from scoreboard.core.models import CricketSnapshot, Snapshot
from scoreboard.core.wickets import WicketLog

#: Snapshots of one match received closer together than this are kept as one: the
#: newest, at its own receive time. A flood sends a match many frames a second;
#: keeping each cost a quarter of the app's CPU at saturation (a compare and an
#: encode per frame), for states a second of resolution folds away later anyway.
COALESCE_SECONDS = 0.25


class _Window:
    """One match's coalescing window: when it opened, the newest state's
    `derived_key`, and the (receive time, snapshot) waiting to be kept."""

    __slots__ = ("derived", "opened", "pending")

    def __init__(self, opened: float, derived: Hashable) -> None:
        self.opened = opened
        self.derived = derived
        self.pending: tuple[float, Snapshot] | None = None


class HistoryStore:
    """Every followed match's history, by key (the UI uses `MatchRef`).

    The first snapshot of a match after a quiet `COALESCE_SECONDS` goes into
    its `MatchHistory` at once and opens a window; later ones inside the
    window only replace the match's waiting newest (O(1)), which is kept when
    the next window opens or when anything reads the history (`get`,
    `nbytes`). No state is lost: the newest of a window carries everything
    the ones before it changed. A state whose `derived_key` differs from the
    one before it (a wicket, an over's end, a goal, a new match minute: what
    facts and charts are derived from) is kept at once, after the waiting one,
    so the state a wicket fell in is kept however close together frames come.

    Every cricket state received (not only the kept ones) is also seen by the
    match's `WicketLog` (falls of wickets, the partnership at the crease),
    which needs the state in which each wicket fell.
    """

    def __init__(self, new: Callable[[], MatchHistory] = MatchHistory) -> None:
        #: Makes the history of a match seen for the first time.
        self._new = new
        self._matches: dict[Hashable, MatchHistory] = {}
        #: Per match: its window (one look-up a frame, not three).
        self._windows: dict[Hashable, _Window] = {}
        #: Per cricket match: the falls of wickets seen, fed every state received.
        self._wickets: dict[Hashable, WicketLog] = {}

    def add(self, key: Hashable, t: float, snapshot: Snapshot) -> bool:
        if type(snapshot) is CricketSnapshot:
            self.wickets(key).observe(snapshot)
        derived = derived_key(snapshot)
        window = self._windows.get(key)
        if window is None:
            self._windows[key] = _Window(t, derived)
            return self._keep(key, t, snapshot)
        changed = window.derived != derived
        window.derived = derived
        opened = window.opened
        inside = opened <= t < opened + COALESCE_SECONDS
        if inside and not changed:
            window.pending = (t, snapshot)
            return True
        # A new window, or a state facts are derived from (a wicket, an over's end,
        # a goal, a new minute): the one before it and this one are both kept.
        pending = window.pending
        if pending is not None:
            window.pending = None
            self._keep(key, *pending)
        if not inside:
            window.opened = t
        return self._keep(key, t, snapshot)

    def _keep(self, key: Hashable, t: float, snapshot: Snapshot) -> bool:
        history = self._matches.get(key)
        if history is None:
            history = self._matches[key] = self._new()
        return history.add(t, snapshot)

    def _flush(self, key: Hashable) -> None:
        window = self._windows.get(key)
        if window is not None and window.pending is not None:
            pending, window.pending = window.pending, None
            self._keep(key, *pending)

    def get(self, key: Hashable) -> MatchHistory | None:
        self._flush(key)
        return self._matches.get(key)

    def peek(self, key: Hashable) -> MatchHistory | None:
        """The history as kept so far, leaving a waiting newest waiting: for readers
        that look every paint (a panel's chart line), so that looking does not keep
        more states than the window would."""
        return self._matches.get(key)

    def wickets(self, key: Hashable) -> WicketLog:
        """The match's falls of wickets: the same log for as long as the store lives
        (dropping the match's history empties it), so a panel can keep it."""
        log = self._wickets.get(key)
        if log is None:
            log = self._wickets[key] = WicketLog()
        return log

    def falls(self, key: Hashable) -> WicketLog | None:
        """The match's falls of wickets, if it is a cricket match seen so far."""
        return self._wickets.get(key)

    def drop(self, key: Hashable) -> None:
        log = self._wickets.get(key)
        if log is not None:
            log.reset()
        self._windows.pop(key, None)
        self._matches.pop(key, None)

    def __len__(self) -> int:
        return len(self._matches)

    @property
    def nbytes(self) -> int:
        for key in list(self._windows):
            self._flush(key)
        return sum(h.nbytes for h in self._matches.values())
