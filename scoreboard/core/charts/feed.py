"""Feeding a sport's chart tracker from a match's history, a little at a time.

A tracker (`Tracker`) is fed every state of the match in order and keeps
what its charts need. `ChartFeed.update(history, shown)` feeds it only the
entries added since the last call, and stops at `shown`, the state the
panel (or the detail view) shows:

- the usual case, nothing held back: one new entry since the last paint is
  the history's newest state, fed without decoding anything;
- several new entries (the view was off screen, a replay at high speed):
  they are rebuilt from the history in one pass (`MatchHistory.states`);
- the view is `behind` (a spoiler delay): entries whose progress
  (`Tracker.progress`: the match clock, the balls bowled) is past `shown`
  wait until the panel catches up with them, so a chart never gives away
  what the panel does not show yet (and nothing is decoded until then);
- `shown` is newer than the history's newest (the store keeps a burst's
  newest only when next read, and the panel's line peeks without that):
  `shown` itself is fed, and the history's entry for it later changes
  nothing (trackers take the same state twice as once).

A rewind (showing a state from before what was fed) needs a feed of its
own: `ChartFeed().update(history, rewound)` builds one up to there.

Entries are found by receive time, which survives the history's compaction
(indices do not): an entry folded into a later one is simply seen as that
later state. A history replaced by a new one (a replay that starts again)
starts a new tracker.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable
from typing import Protocol

from scoreboard.core.history import MatchHistory
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot


class Tracker(Protocol):
    #: Bumped whenever what the charts show changed: drawn lines are cached by it.
    version: int
    #: Receive time of the first state fed (None: nothing yet).
    first_time: float | None

    def feed(self, t: float, snap: Snapshot) -> None:
        """Take the next state (received at `t`); the same state twice changes nothing."""
        ...

    def progress(self, snap: Snapshot) -> tuple[int, ...]:
        """How far into the match `snap` is: grows from one state to the next."""
        ...

    @property
    def whole(self) -> bool:
        """The tracker saw the match from its start (no "since" in the charts)."""
        ...


def tracker_for(snap: Snapshot) -> Tracker | None:
    """A new tracker for the sport of `snap`, or None for a sport without charts."""
    from scoreboard.core.charts.basketball import BasketballTracker
    from scoreboard.core.charts.cricket import CricketTracker
    from scoreboard.core.charts.soccer import SoccerTracker

    if isinstance(snap, SoccerSnapshot):
        return SoccerTracker()
    if isinstance(snap, CricketSnapshot):
        return CricketTracker()
    if isinstance(snap, BasketballSnapshot):
        return BasketballTracker()
    return None


class ChartFeed:
    """One match's tracker, kept up to date from its history."""

    def __init__(self) -> None:
        self.tracker: Tracker | None = None
        self._history: MatchHistory | None = None
        self._sport: type | None = None
        #: Receive time of the last entry fed.
        self._t = float("-inf")
        #: What the last update looked at: (entries, newest time, newest, shown).
        self._looked: tuple[object, ...] = ()
        #: The last state fed.
        self._fed: Snapshot | None = None
        #: Behind: the progress of the first entry not shown yet (no decoding until then).
        self._wait: tuple[int, ...] | None = None
        #: States fed from the history (rebuilt ones, not the newest): for the curious.
        self.rebuilt = 0

    def update(
        self, history: MatchHistory | None, shown: Snapshot | None, *, behind: bool = False
    ) -> Tracker | None:
        """Feed what `history` gained since the last call, and `shown`; the tracker.

        `behind`: the view shows the match later than the history has it (a
        spoiler delay): entries past `shown`'s progress wait for it.
        """
        if history is None or shown is None:
            return self.tracker
        if history is not self._history or type(shown) is not self._sport:
            self._history, self._sport = history, type(shown)
            self.tracker, self._t, self._looked = tracker_for(shown), float("-inf"), ()
            self._fed, self._wait = None, None
        tracker = self.tracker
        n = len(history)
        if tracker is None or not n:
            return tracker
        times, latest = history.times, history.latest
        last = self._looked
        if last and last[:2] == (n, times[-1]) and last[2] is latest and last[3] is shown:
            return tracker  # nothing new (by identity: a state's == walks all of it)
        self._looked = (n, times[-1], latest, shown)
        limit = tracker.progress(shown) if behind else None
        start = bisect_right(times, self._t)
        if (
            start == n - 1
            and latest is not None
            and (limit is None or tracker.progress(latest) <= limit)
        ):
            self._feed(tracker, times[-1], latest)  # the usual case: decode nothing
        elif start < n and (limit is None or self._wait is None or self._wait <= limit):
            self._wait = None
            for t, snap in history.states(start):
                if type(snap) is not self._sport:
                    continue
                if limit is not None and tracker.progress(snap) > limit:
                    self._wait = tracker.progress(snap)  # not shown yet: try again then
                    break
                self.rebuilt += 1
                self._feed(tracker, t, snap)
        fed = self._fed
        if shown is not fed and (fed is None or tracker.progress(shown) > tracker.progress(fed)):
            # What the view shows, if the history has not kept it yet (the store
            # keeps a burst's newest when next read) or is past it (a delay); never
            # a state older than one fed (a panel a paint beat behind a burst).
            tracker.feed(times[-1], shown)
            self._fed = shown
        return tracker

    def _feed(self, tracker: Tracker, t: float, snap: Snapshot) -> None:
        tracker.feed(t, snap)
        self._t = max(self._t, t)
        self._fed = snap


class ChartStore:
    """Every followed match's chart feed, by key (the UI uses `MatchRef`)."""

    def __init__(self) -> None:
        self._feeds: dict[Hashable, ChartFeed] = {}

    def update(
        self,
        key: Hashable,
        history: MatchHistory | None,
        shown: Snapshot | None,
        *,
        behind: bool = False,
    ) -> Tracker | None:
        feed = self._feeds.get(key)
        if feed is None:
            if history is None or shown is None:
                return None
            feed = self._feeds[key] = ChartFeed()
        return feed.update(history, shown, behind=behind)

    def tracker(self, key: Hashable) -> Tracker | None:
        """The match's tracker as last fed (None: no chart of it was drawn yet)."""
        feed = self._feeds.get(key)
        return None if feed is None else feed.tracker

    def drop(self, key: Hashable) -> None:
        self._feeds.pop(key, None)

    def __len__(self) -> int:
        return len(self._feeds)
