"""Broadcast sync on the app's side: `s` lines a panel up with the fan's stream,
`S` gives every match of that provider the same delay.

`BroadcastSync` is the router's part: it sees every routed snapshot (`seen`,
on the delay line's clock) and keeps when each match's goals, wickets and
baskets arrived (`core.sync.MomentTimes`); a press asks `core.sync` for the
delay and sets it on the feed's delay line (`Spoilers.set_delay`). The
synced delays are remembered per match in the remembered session
(`remembered`, `restore`), except in a replay: a recording's delays are
not the fan's TV's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from scoreboard.core.events import MatchRef
from scoreboard.core.models import Snapshot
from scoreboard.core.sync import MomentTimes, moment_word, sync_delay
from scoreboard.ui.feed.delay import Spoilers

if TYPE_CHECKING:
    from scoreboard.ui.widgets.match_panel import MatchPanel


class BroadcastSync:
    """Moments' receive times, the synced delays, and the `s` / `S` keys' work."""

    def __init__(self, clock: Callable[[], float], spoilers: Spoilers) -> None:
        self._clock = clock
        self._spoilers = spoilers
        self.moments = MomentTimes()
        #: The delay each synced match was given (by `s`, `S`, or remembered).
        self.synced: dict[MatchRef, float] = {}
        #: Whether synced delays are remembered (not in a replay).
        self.remembering = True
        #: Delays remembered from the last session, by match, applied when it is followed.
        self.restored: dict[str, float] = {}
        #: Told when a synced delay changed (the remembered session writes).
        self.changed: Callable[[], None] = lambda: None

    def seen(self, ref: MatchRef, t: float, snapshot: Snapshot) -> None:
        self.moments.seen(ref, t, snapshot)

    def follow(self, panel: MatchPanel) -> None:
        """A panel is followed: a delay remembered for its match is set again."""
        seconds = self.restored.get(str(panel.ref)) if self.remembering else None
        if seconds is not None:
            self.synced[panel.ref] = seconds
            self._spoilers.set_delay(panel, seconds)

    def forget(self, ref: MatchRef) -> None:
        self.moments.forget(ref)
        if self.synced.pop(ref, None) is not None:
            self.changed()

    def sync(self, panel: MatchPanel) -> str:
        """`s`: the delay that shows `panel`'s latest moment now; what to tell the fan."""
        word = moment_word(panel.snapshot)
        ref = panel.ref
        found = sync_delay(self._clock(), self.moments.times(ref), self.synced.get(ref))
        if found is None:
            return (
                f"Nothing to sync {panel.label} to yet: press s when the next {word} "
                "shows on your stream."
            )
        self._set(panel, found.delay)
        again = "refined" if found.refined else f"s again at the next {word} refines it"
        return f"{panel.label} synced: {found.delay:g} s ({again})"

    def sync_all(self, panel: MatchPanel, panels: Iterable[MatchPanel]) -> str:
        """`S`: `panel`'s delay on every match from the same provider."""
        seconds = panel.delay
        same = [p for p in panels if p.ref.provider == panel.ref.provider]
        for other in same:
            self._set(other, seconds)
        count = len(same)
        return f"synced: {seconds:g} s on {count} {panel.ref.provider} match{'es' * (count != 1)}"

    def _set(self, panel: MatchPanel, seconds: float) -> None:
        self._spoilers.set_delay(panel, seconds)
        self.synced[panel.ref] = seconds
        self.changed()

    def remembered(self) -> dict[str, float]:
        """What the remembered session keeps: the synced delays (none in a replay)."""
        if not self.remembering:
            return {}
        return {str(ref): seconds for ref, seconds in self.synced.items()}
