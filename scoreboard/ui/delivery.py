"""How snapshots reach their panels: the newest of each, in one message per paint beat.

The session hands every routed snapshot to `Delivery.deliver`, which keeps
only the newest per panel. The first after a quiet spell goes out on the
next loop turn (so the rest of a socket read joins it); while panels are
busy, one `MatchPanel.Snapshots` per `PAINT_INTERVAL` carries every panel's
newest snapshot to the grid, which applies them (`PanelGrid`). A panel
could not paint sooner than that anyway (`ui/paint/beat.py`), so this adds
no latency to what the screen shows, and costs one Textual message per
beat instead of one per panel per loop turn. docs/decisions.md ("Frames to
panels") has the measurements behind the choice.
"""

from __future__ import annotations

from asyncio import get_running_loop
from time import monotonic

from textual.message_pump import MessagePump

from scoreboard.core.models import Snapshot
from scoreboard.ui.paint.beat import PAINT_INTERVAL, paint_beat
from scoreboard.ui.widgets.match_panel import MatchPanel


class Delivery:
    """The snapshots waiting for panels, and when they go."""

    def __init__(self) -> None:
        self._pending: dict[MatchPanel, Snapshot] = {}
        self._scheduled = False
        self._sent_at = 0.0
        self.target: MessagePump | None = None

    def deliver(self, panel: MatchPanel, snapshot: Snapshot) -> None:
        """Queue `snapshot` for `panel`; a newer one for the same panel replaces it."""
        self._pending[panel] = snapshot
        panel.waiting = True
        if self._scheduled:
            return
        self._scheduled = True
        due = self._sent_at + PAINT_INTERVAL
        if due > monotonic():
            paint_beat().defer(self._send, due)
        else:
            get_running_loop().call_soon(self._send)

    def _send(self) -> None:
        self._scheduled = False
        batch, self._pending = self._pending, {}
        if batch and self.target is not None:
            self._sent_at = monotonic()
            self.target.post_message(MatchPanel.Snapshots(batch))

    def forget(self, panel: MatchPanel) -> None:
        """`panel` was removed: nothing more goes to it."""
        self._pending.pop(panel, None)
