"""The paint-time hook: how long a frame took from the server's send to its panel's paint.

Installed in the benchmark's own child process only, never in the app:

- an observer on the app's session (`Session.observe`) remembers, per
  match, the `sent_at` of the newest `MatchUpdated`, and counts frames;
- `MatchPanel.draw` is wrapped (on the class, in that process) so that the
  first render after a new snapshot records `time.time() - sent_at`.

Textual calls `render()` only when it composes a dirty, visible panel, so a
panel's render is its paint; frames a panel never painted (replaced by a
newer one first, or the panel was scrolled out of view) are "coalesced".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.style import Style
    from textual.strip import Strip

from scoreboard.core.events import MatchRef, MatchUpdated

_UNSTAMPED = -1.0
#: Delivery latency is sampled on every n-th frame (a clock read per frame adds up).
DELIVERY_SAMPLE = 8


class PaintProbe:
    """Counters and latency samples of one benchmark run."""

    def __init__(self) -> None:
        #: Match → `sent_at` of its newest snapshot not painted yet.
        self.unpainted: dict[MatchRef, float] = {}
        self.frames = 0
        self.painted = 0
        #: Seconds from `sent_at` to paint, while `recording`.
        self.latencies: list[float] = []
        #: Seconds from `sent_at` to the app's handler (sampled), while `recording`.
        self.deliveries: list[float] = []
        self.recording = False
        #: Matches painted while recording (the panels on screen).
        self.painted_refs: set[MatchRef] = set()
        #: The newest `sent_at` routed, and (sent_at, time.time()) of the newest painted.
        self.newest_sent = _UNSTAMPED
        self.newest_painted: tuple[float, float] = (_UNSTAMPED, 0.0)

    def reset_counts(self) -> None:
        """Start a measurement window: counters from zero, samples recorded."""
        self.frames = self.painted = 0
        self.latencies.clear()
        self.deliveries.clear()
        self.painted_refs.clear()
        self.recording = True

    def observer(self) -> Callable[[Any], None]:
        unpainted = self.unpainted
        deliveries = self.deliveries
        now = time.time

        def handle_and_stamp(event: Any) -> None:
            if type(event) is MatchUpdated:
                self.frames += 1
                sent = event.sent_at
                if sent is None:
                    unpainted[event.ref] = _UNSTAMPED
                else:
                    unpainted[event.ref] = sent
                    if sent > self.newest_sent:
                        self.newest_sent = sent
                    if self.recording and not self.frames % DELIVERY_SAMPLE:
                        deliveries.append(now() - sent)

        return handle_and_stamp

    def painted_card(self, ref: MatchRef) -> None:
        """A panel is rendering: record the latency of its newest snapshot, once."""
        sent = self.unpainted.pop(ref, None)
        if sent is None:
            return
        self.painted += 1
        if sent > self.newest_painted[0]:
            self.newest_painted = (sent, time.time())
        if self.recording:
            self.painted_refs.add(ref)
            if sent != _UNSTAMPED:
                self.latencies.append(time.time() - sent)


def install(probe: PaintProbe, app: Any) -> None:
    """Hook `probe` into `MatchPanel.draw` (this process) and the app's session."""
    from scoreboard.ui.widgets.match_panel import MatchPanel

    render = MatchPanel.draw
    if getattr(render, "_bench_probe", None) is not None:
        raise RuntimeError("a paint probe is already installed in this process")

    def probed_draw(self: MatchPanel, width: int, style: Style) -> list[Strip]:
        probe.painted_card(self.ref)
        return render(self, width, style)

    probed_draw._bench_probe = probe  # type: ignore[attr-defined]
    MatchPanel.draw = probed_draw  # type: ignore[method-assign]
    app.feed.observe(probe.observer())
