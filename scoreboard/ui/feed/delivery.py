"""How snapshots reach their panels: the newest of each, in one message per paint beat.

The session hands every routed snapshot to `Delivery.deliver`, which keeps
only the newest per panel. A snapshot for a quiet panel (sent nothing for a
`PAINT_INTERVAL`) goes out on the next loop turn, with whatever else waits
(so the rest of a socket read joins it); a busy panel's waits for the shared
beat, where one `MatchPanel.Snapshots` carries every waiting panel's newest
snapshot to the grid, which applies them (`PanelGrid`) and tells `applied` of
each (the router's settled observers hang there, not on the panel). This
is the one wait between a frame and the screen: the panel repaints as it
takes the snapshot, with no beat of its own (`ui/paint/beat.py`); and it
costs one Textual message per beat instead of one per panel per loop turn.
docs/decisions.md ("Frames to panels") has the measurements behind the choice.

Only news goes at once from a quiet panel: its first snapshot, or one that
changes what `is_notable` watches (score, events, status...). Routine news
(a clock tick, a stat) waits for the idle beat (`IDLE_BEAT`, on multiples of
the monotonic clock), so twenty panels ticking once a second at their own
moments share four messages and compositor passes a second instead of
twenty (docs/decisions.md, "Idle").
"""

from __future__ import annotations

from asyncio import TimerHandle, get_running_loop
from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump

from scoreboard.core.history_kinds import is_notable
from scoreboard.core.models import Snapshot
from scoreboard.ui.paint.beat import PAINT_INTERVAL, paint_beat
from scoreboard.ui.widgets.match_panel import MatchPanel

#: Routine news of quiet panels (a clock tick, a stat) goes out on this shared
#: beat, on the monotonic clock's multiples of it, so panels ticking at their
#: own moments share a message and a compositor pass (docs/decisions.md, "Idle").
IDLE_BEAT = 0.25


class Delivery:
    """The snapshots waiting for panels, and when they go."""

    def __init__(self) -> None:
        self._pending: dict[MatchPanel, Snapshot] = {}
        #: When each panel was last sent a snapshot (monotonic).
        self._sent: dict[MatchPanel, float] = {}
        self._soon = False
        self._beat = False
        #: The idle beat's timer, while routine news of quiet panels waits for it.
        self._idle: TimerHandle | None = None
        self.target: MessagePump | None = None
        #: Told of each panel once it applied what was sent (the router's settled observers).
        self.applied: Callable[[MatchPanel], None] | None = None

    def deliver(self, panel: MatchPanel, snapshot: Snapshot) -> None:
        """Queue `snapshot` for `panel`; a newer one for the same panel replaces it.

        A panel sent nothing for `PAINT_INTERVAL` is quiet: its news (and with
        it everything waiting) goes on the next loop turn, its routine news at
        the idle beat. A busy one waits for the shared paint beat.
        """
        pending = self._pending
        shown = pending.get(panel) or panel.snapshot
        pending[panel] = snapshot
        panel.waiting = True
        now = monotonic()
        due = self._sent.get(panel, 0.0) + PAINT_INTERVAL
        if due <= now:
            if self._soon:
                return
            if shown is None or is_notable(shown, snapshot) or IDLE_BEAT <= 0:
                self._soon = True
                get_running_loop().call_soon(self._send_soon)
            elif self._idle is None:
                wait = IDLE_BEAT - now % IDLE_BEAT
                self._idle = get_running_loop().call_later(wait, self._send_idle)
        elif not self._beat:
            self._beat = True
            paint_beat().defer(self._send_beat, due)

    def _send_soon(self) -> None:
        self._soon = False
        if self._idle is not None:
            self._idle.cancel()  # what waited for the idle beat goes now, with it
            self._idle = None
        self._send()

    def _send_idle(self) -> None:
        self._idle = None
        self._send()

    def _send_beat(self) -> None:
        self._beat = False
        self._send()

    def _send(self) -> None:
        batch, self._pending = self._pending, {}
        if batch and self.target is not None:
            now = monotonic()
            sent = self._sent
            for panel in batch:
                sent[panel] = now
            self.target.post_message(MatchPanel.Snapshots(batch, self.applied))

    def forget(self, panel: MatchPanel) -> None:
        """`panel` was removed: nothing more goes to it."""
        self._pending.pop(panel, None)
        self._sent.pop(panel, None)
