"""Broadcast sync on the app's side: `s` lines a panel up with the fan's stream,
`S` gives every match of that provider the same delay.

`BroadcastSync` is the router's part: it sees every routed snapshot (`seen`,
on the delay line's clock) and keeps when each match's goals, wickets and
baskets arrived (`core.sync.MomentTimes`); a press asks `core.sync` for the
delay and sets it on the feed's delay line (`Spoilers.set_delay`). The
synced delays are remembered per match in the remembered session
(`remembered`, `restore`), except in a replay: a recording's delays are
not the fan's TV's. A synced panel says `synced: 38 s`, not `delayed`.
`+`/`-` on a synced match move its synced delay (the stream drifted, or
the fan wants a margin): it stays synced, and the new delay is the one
remembered; `-` down to 0 is live, no longer synced, and forgotten
(docs/decisions.md, "Broadcast sync").
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
        #: The delay each synced match was given (by `s`, `S`, `+`/`-`, or remembered).
        self.synced: dict[MatchRef, float] = {}
        #: Matches whose sync the fan ended this run (`-` down to live): forgotten.
        self.ended: set[MatchRef] = set()
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
        if seconds is not None and seconds > 0:
            self.synced[panel.ref] = seconds
            self._spoilers.set_delay(panel, seconds, synced=True)

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

    def add_delay(self, panel: MatchPanel, seconds: float) -> None:
        """`+`/`-`: `seconds` more delay; a synced match keeps the new delay as its
        synced one (remembered), and at 0 is no longer synced."""
        self._spoilers.add_delay(panel, seconds)
        ref = panel.ref
        if ref not in self.synced:
            return
        if panel.synced:
            self.synced[ref] = panel.delay
        else:
            del self.synced[ref]
            self.ended.add(ref)
        self.changed()

    def _set(self, panel: MatchPanel, seconds: float) -> None:
        self._spoilers.set_delay(panel, seconds, synced=True)
        if seconds > 0:
            self.synced[panel.ref] = seconds
            self.ended.discard(panel.ref)
        elif self.synced.pop(panel.ref, None) is not None:  # live: nothing to line up
            self.ended.add(panel.ref)
        self.changed()

    def remembered(self) -> dict[str, float | None]:
        """What the remembered session keeps: the synced delays, and None for a match
        whose sync ended this run (its remembered delay is dropped); none in a replay."""
        if not self.remembering:
            return {}
        ended: dict[str, float | None] = {str(ref): None for ref in self.ended}
        return ended | {str(ref): seconds for ref, seconds in self.synced.items()}
