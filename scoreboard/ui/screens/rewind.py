"""Rewind in the detail view: step back and forth through a match's history.

`Rewind` keeps where the detail view is on its match's timeline: `None` is
live (the panel's own snapshot); otherwise the receive time of the history
entry shown. Times, not indices: compaction renumbers entries, never moves
their times. Forward stops at live, and for a delayed panel at what the
panel shows, so rewinding never shows the future the delay holds back.
"""

from __future__ import annotations

from collections.abc import Callable

from scoreboard.core.history import MatchHistory
from scoreboard.core.models import Snapshot

#: `[` and `]` move this far (receive time).
MINUTE = 60.0


class Rewind:
    def __init__(
        self,
        history: Callable[[], MatchHistory | None],
        *,
        clock: Callable[[], float],
        delay: Callable[[], float],
    ) -> None:
        self._history = history
        self._clock = clock
        self._delay = delay
        #: The receive time of the entry shown, or None for live.
        self.at: float | None = None

    @property
    def live(self) -> bool:
        return self.at is None

    def _last(self, history: MatchHistory) -> int:
        """The newest entry the user may see (a delayed panel's view, at most)."""
        last = len(history) - 1
        delay = self._delay()
        if delay > 0:
            index = history.index_at(self._clock() - delay)
            last = min(last, index if index is not None else 0)
        return last

    def index(self) -> int | None:
        history = self._history()
        if history is None or not len(history):
            return None
        if self.at is None:
            return self._last(history)
        found = history.index_at(self.at)
        return 0 if found is None else found

    def step(self, entries: int) -> bool:
        """Move by `entries` states (negative: back); False if already at an end."""
        history = self._history()
        index = self.index()
        if history is None or index is None:
            return False
        last = self._last(history)
        target = min(max(index + entries, 0), last)
        if target == index:
            return False
        self.at = None if target >= last else history.times[target]
        return True

    def seek(self, seconds: float) -> bool:
        """Move by `seconds` of receive time (negative: back)."""
        history = self._history()
        index = self.index()
        if history is None or index is None:
            return False
        last = self._last(history)
        target_time = history.times[index] + seconds
        target = history.index_at(target_time)
        target = 0 if target is None else min(target, last)
        if target == index:
            target = min(max(index + (1 if seconds > 0 else -1), 0), last)
        self.at = None if target >= last else history.times[target]
        return target != index

    def to_live(self) -> None:
        self.at = None

    def state(self) -> Snapshot | None:
        """The snapshot to show when rewound (None when live)."""
        history = self._history()
        index = self.index()
        if self.at is None or history is None or index is None:
            return None
        return history.state(index)

    def behind(self) -> float:
        """How far behind live the shown state is, in seconds of receive time."""
        history = self._history()
        index = self.index()
        if self.at is None or history is None or index is None:
            return 0.0
        return history.times[self._last(history)] - history.times[index]


def behind_text(seconds: float) -> str:
    """`12:03 behind live`, `1:02:03 behind live`."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{clock} behind live"
