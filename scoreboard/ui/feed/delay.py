"""Time on the fan's side: a spoiler delay and hidden scores, per panel.

The session hands every accepted snapshot to `Spoilers.deliver` instead of
straight to its panel. A panel with a delay gets it `delay` seconds after it
was received (its frames wait in a `DelayLine`), so everything downstream of
`MatchPanel.apply` (the flash, alerts built from applied snapshots, the
terminal title, the detail view) follows the delayed view by itself.

Alerts and the title follow what the panels show (they watch the router's
settled output), so a delayed panel alerts when it shows the moment; a
hidden panel suppresses its alerts and title (`AlertCenter.suppressors`),
and the Live now screen asks `spoilers.hidden(ref)`.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from scoreboard.core.events import MatchRef
from scoreboard.core.models import Snapshot
from scoreboard.ui.widgets.panel_time import delay_words

if TYPE_CHECKING:
    from scoreboard.ui.widgets.match_panel import MatchPanel

#: What one press of `+`/`-` adds or removes.
DELAY_STEP = 15.0
MAX_DELAY = 3600.0
#: How often held frames are looked at (a frame is late by at most this).
RELEASE_INTERVAL = 0.1


class DelayLine:
    """Snapshots waiting for their time: (received, snapshot), oldest first."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: deque[tuple[float, Snapshot]] = deque()

    def push(self, received: float, snapshot: Snapshot) -> None:
        self._held.append((received, snapshot))

    def due(self, now: float, delay: float) -> Snapshot | None:
        """The newest snapshot whose time has come (older due ones are dropped)."""
        held, found = self._held, None
        while held and held[0][0] + delay <= now:
            found = held.popleft()[1]
        return found

    def drain(self) -> Snapshot | None:
        """Everything at once (the delay was removed): the newest snapshot."""
        found = self._held[-1][1] if self._held else None
        self._held.clear()
        return found

    def __len__(self) -> int:
        return len(self._held)

    @property
    def first_received(self) -> float | None:
        """When the oldest held snapshot was received (None: none held)."""
        return self._held[0][0] if self._held else None


class Spoilers:
    """Each panel's delay and hidden state, and the delivery path through them."""

    def __init__(
        self,
        clock: Callable[[], float],
        send: Callable[[MatchPanel, Snapshot], None],
        *,
        delay: float = 0.0,
        hide: bool = False,
        schedule: Callable[[float, Callable[[], None]], object] | None = None,
    ) -> None:
        self._clock = clock
        self._send = send
        self.default_delay = delay
        self.hide_all = hide
        self._schedule = schedule
        self._lines: dict[MatchRef, DelayLine] = {}
        self._panels: dict[MatchRef, MatchPanel] = {}
        self._ticking = False

    # -- what others ask ----------------------------------------------------------------

    def hidden(self, ref: MatchRef) -> bool:
        panel = self._panels.get(ref)
        return panel.hidden if panel is not None else self.hide_all

    # -- panels -------------------------------------------------------------------------

    def follow(self, panel: MatchPanel) -> None:
        self._panels[panel.ref] = panel
        panel.set_delay(self.default_delay)
        panel.set_hidden(self.hide_all)

    def unfollow(self, ref: MatchRef) -> None:
        self._panels.pop(ref, None)
        self._lines.pop(ref, None)

    def deliver(self, panel: MatchPanel, received: float, snapshot: Snapshot) -> None:
        """Hand `snapshot` to `panel` now, or when its delay has passed."""
        if panel.delay <= 0:
            self._send(panel, snapshot)
            return
        line = self._lines.get(panel.ref)
        if line is None:
            line = self._lines[panel.ref] = DelayLine()
        line.push(received, snapshot)
        self._say_wait(panel, line, self._clock())
        self._tick_soon()

    def release(self) -> None:
        """Deliver every held snapshot whose time has come (the timer calls this)."""
        now = self._clock()
        for ref, line in list(self._lines.items()):
            panel = self._panels.get(ref)
            if panel is None:
                continue
            snapshot = line.due(now, panel.delay)
            if snapshot is not None:
                panel.set_wait_note("")
                self._send(panel, snapshot)
            else:
                self._say_wait(panel, line, now)

    @staticmethod
    def _say_wait(panel: MatchPanel, line: DelayLine, now: float) -> None:
        """A panel with nothing shown yet says when its first state shows."""
        first = line.first_received
        if panel.snapshot is not None or first is None or panel.delay <= 0:
            return
        left = max(math.ceil(first + panel.delay - now), 0)
        words = delay_words(panel.delay, synced=panel.synced)
        joint = "," if panel.synced else ":"  # `synced: 38 s, first ...`
        panel.set_wait_note(f"{words}{joint} first state in {left} s")

    @property
    def holding(self) -> int:
        """Snapshots waiting for their time, over every panel."""
        return sum(len(line) for line in self._lines.values())

    # -- changes from keys --------------------------------------------------------------

    def set_delay(self, panel: MatchPanel, seconds: float, *, synced: bool = False) -> None:
        """`panel` `seconds` behind the feed (`synced`: set by broadcast sync)."""
        seconds = min(max(seconds, 0.0), MAX_DELAY)
        if seconds == panel.delay:
            panel.set_delay(seconds, synced=synced)
            return
        panel.set_delay(seconds, synced=synced)
        line = self._lines.get(panel.ref)
        if line is None:
            return
        if seconds == 0:
            newest = line.drain()
            panel.set_wait_note("")
            if newest is not None:
                panel.deliver_skipping()
                self._send(panel, newest)
        else:
            self.release()

    def add_delay(self, panel: MatchPanel, seconds: float) -> None:
        """`+`/`-`: a synced panel stays synced, by the new delay (docs/decisions.md)."""
        self.set_delay(panel, panel.delay + seconds, synced=panel.synced)

    def toggle_hidden(self, panel: MatchPanel) -> None:
        panel.set_hidden(not panel.hidden)

    def toggle_all(self) -> bool:
        """Hide every panel, or reveal every one if all were hidden; the new state."""
        panels = list(self._panels.values())
        hide = not (panels and all(p.hidden for p in panels)) if panels else not self.hide_all
        self.hide_all = hide
        for panel in panels:
            panel.set_hidden(hide)
        return hide

    def _tick_soon(self) -> None:
        if self._ticking or self._schedule is None:
            return
        self._ticking = True
        self._schedule(RELEASE_INTERVAL, self._tick)

    def _tick(self) -> None:
        self._ticking = False
        self.release()
        if self.holding:
            self._tick_soon()
