"""What the app keeps for the diagnostics view: cheap to update per event."""

from __future__ import annotations

import logging
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field

from scoreboard.core.events import ConnectionChanged, FrameRejected, ProviderStats

RECENT_REJECTIONS = 50
#: How far back the watchdog's "worst stall" looks.
STALL_WINDOW = 60.0

log = logging.getLogger("scoreboard.contained")


class LoopLag:
    """How late the event loop ran a sampler callback, over the last `window` seconds.

    The app schedules a callback every fraction of a second and records how
    late it ran (`ui/watchdog.py`): anything that held the loop delayed it.
    """

    def __init__(self, window: float = STALL_WINDOW) -> None:
        self.window = window
        self._samples: deque[tuple[float, float]] = deque()

    def record(self, now: float, late: float) -> None:
        samples = self._samples
        samples.append((now, late))
        while samples and samples[0][0] < now - self.window:
            samples.popleft()

    def worst(self, now: float | None = None, since: float | None = None) -> float | None:
        """The worst lateness in seconds within the window (or since `since`, a
        `time.monotonic()`); None before any sample."""
        samples = self._samples
        if not samples:
            return None
        start = (samples[-1][0] if now is None else now) - self.window
        if since is not None:
            start = max(start, since)
        return max((late for at, late in samples if at >= start), default=0.0)


@dataclass
class Diagnostics:
    """What the app keeps for this view; cheap to update per event."""

    recent: deque[tuple[float, FrameRejected]]
    connections: dict[str, ConnectionChanged]
    stats: dict[str, ProviderStats]
    notices: deque[tuple[float, str]]
    #: Failures the app contained instead of dying of them, by kind: `render_error`
    #: (a panel or detail layout raised), `route_error` (routing an event raised),
    #: `history_error` (keeping a snapshot in the match history raised).
    contained: Counter[str] = field(default_factory=Counter)
    #: The event loop's lateness (the watchdog figure).
    loop_lag: LoopLag = field(default_factory=LoopLag)
    _logged: set[tuple[str, str, str]] = field(default_factory=set)
    #: Where each provider connects (shown without query or credentials).
    urls: dict[str, str] = field(default_factory=dict)
    #: Each provider's last failure (wall time, reason): kept once it is live again.
    last_errors: dict[str, tuple[float, str]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Diagnostics:
        return cls(deque(maxlen=RECENT_REJECTIONS), {}, {}, deque(maxlen=RECENT_REJECTIONS))

    def connection_changed(self, event: ConnectionChanged, now: float) -> None:
        self.connections[event.provider] = event
        if event.phase in ("reconnecting", "refused") and event.detail:
            self.last_errors[event.provider] = (now, event.detail)

    @property
    def rejected_total(self) -> int:
        return sum(sum(stats.rejected.values()) for stats in self.stats.values())

    def contain(self, kind: str, exc: BaseException, what: str = "") -> None:
        """Count a failure of `kind` that was caught and survived.

        Its traceback is logged the first time this kind fails with this
        exception type at this place; repeats are only counted, so a bad
        frame at 20 frames/s cannot flood the log.
        """
        self.contained[kind] += 1
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        key = (kind, type(exc).__name__, where)
        if key in self._logged:
            return
        self._logged.add(key)
        log.error(
            "%s%s (%s; logged once, later ones only counted)",
            kind,
            f" in {what}" if what else "",
            type(exc).__name__,
            exc_info=exc,
        )
