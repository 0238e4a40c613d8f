"""One beat for the panels that must wait before they repaint.

A panel sent a snapshot less than `PAINT_INTERVAL` ago has its newest state
held back until then, by the delivery (`ui/feed/delivery.py`), the only
user of the beat: the panel repaints as it takes what the beat sends. Held
back one by one, nine busy panels each waited for their own moment, and
Textual ran a compositor pass for each (about 50 a second under a flood,
~1.8 ms apiece). Held back together, they repaint in
the same loop iteration and so in one pass: at most one beat per interval.
A panel that has been quiet for an interval still paints at once, so a goal
after a quiet spell, and every update at normal rates, waits for nothing.
"""

from __future__ import annotations

from asyncio import AbstractEventLoop, TimerHandle, get_running_loop
from collections.abc import Callable
from time import monotonic
from weakref import WeakKeyDictionary

#: The shortest time between two beats (and between a panel's paints).
PAINT_INTERVAL = 1 / 15


class PaintBeat:
    """Deferred repaints of one event loop, run together at most once per interval."""

    def __init__(self, loop: AbstractEventLoop) -> None:
        self._loop = loop
        self._waiting: list[Callable[[], None]] = []
        self._handle: TimerHandle | None = None
        self._beat_at = 0.0

    def defer(self, repaint: Callable[[], None], due: float) -> None:
        """Run `repaint` at the next beat, which is no earlier than `due` (monotonic)."""
        self._waiting.append(repaint)
        if self._handle is None:
            at = max(due, self._beat_at + PAINT_INTERVAL)
            self._handle = self._loop.call_later(at - monotonic(), self._beat)

    def _beat(self) -> None:
        self._handle = None
        self._beat_at = monotonic()
        waiting, self._waiting = self._waiting, []
        for repaint in waiting:
            repaint()


_beats: WeakKeyDictionary[AbstractEventLoop, PaintBeat] = WeakKeyDictionary()


def paint_beat() -> PaintBeat:
    """The beat of the running event loop."""
    loop = get_running_loop()
    beat = _beats.get(loop)
    if beat is None:
        beat = _beats[loop] = PaintBeat(loop)
    return beat
