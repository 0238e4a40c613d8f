"""The simulated clock that steps every match engine.

Simulated time runs at `speed` times real time. Each engine advances by its own
`step_seconds`; an engine that is several steps behind (high speed, a late
tick) takes all its due steps in one tick and only the final state of the
tick is reported. A min-heap of due times keeps a tick's cost proportional to
the steps actually due, so thousands of flood matches stay cheap.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Callable, Iterable

from scoreboard.sim.engines.base import MatchEngine

log = logging.getLogger(__name__)

#: Shortest and longest real-time pause between ticks, in seconds.
MIN_TICK = 0.005
MAX_TICK = 0.25
#: Most steps one engine takes in one tick; beyond that it skips ahead.
MAX_CATCH_UP = 10_000
ChangeSink = Callable[[list[MatchEngine]], None]


class Ticker:
    """Steps engines on a simulated clock and reports the ones that changed."""

    def __init__(self, engines: Iterable[MatchEngine], on_change: ChangeSink) -> None:
        self.sim_now = 0.0
        self.ticks = 0
        self.steps = 0
        self._on_change = on_change
        #: (due simulated time, insertion order as a tie-break, engine)
        self._heap: list[tuple[float, int, MatchEngine]] = []
        self._order = itertools.count()
        for engine in engines:
            self.add(engine)

    def add(self, engine: MatchEngine, *, first_due: float | None = None) -> None:
        """Schedule `engine`; its first step is due after one `step_seconds` (or `first_due`)."""
        if engine.ended:
            return
        due = self.sim_now + engine.step_seconds if first_due is None else first_due
        heapq.heappush(self._heap, (due, next(self._order), engine))

    def advance(self, seconds: float) -> list[MatchEngine]:
        """Move simulated time forward by `seconds`, step what is due, report changes."""
        return self.advance_to(self.sim_now + seconds)

    def advance_to(self, target: float) -> list[MatchEngine]:
        self.sim_now = max(self.sim_now, target)
        self.ticks += 1
        changed: dict[int, MatchEngine] = {}
        heap = self._heap
        now = self.sim_now
        while heap and heap[0][0] <= now:
            due, seq, engine = heapq.heappop(heap)
            step = engine.step_seconds
            n = min(int((now - due) // step) + 1, MAX_CATCH_UP)
            try:
                for _ in range(n):
                    if engine.step():
                        changed[engine.match_id] = engine
            except Exception:
                log.exception("engine %s failed; it will not be stepped again", engine.match_id)
                continue
            self.steps += n
            due += n * step
            if due <= now:  # hit the catch-up cap: skip the backlog
                due = now + step
            if not engine.ended:
                heapq.heappush(heap, (due, seq, engine))
        result = list(changed.values())
        if result:
            try:
                self._on_change(result)
            except Exception:  # a broken snapshot must not stop the clock
                log.exception("broadcasting changed matches failed")
        return result

    def next_due(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    async def run(self, speed: float) -> None:
        """Advance with the real clock times `speed` until cancelled."""
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            now = loop.time()
            self.advance_to(self.sim_now + (now - last) * speed)
            last = now
            due = self.next_due()
            wait = MAX_TICK if due is None else (due - self.sim_now) / speed
            await asyncio.sleep(min(MAX_TICK, max(MIN_TICK, wait)))
