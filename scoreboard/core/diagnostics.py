"""What the app keeps for the diagnostics view: cheap to update per event."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from scoreboard.core.events import ConnectionChanged, FrameRejected, ProviderStats

RECENT_REJECTIONS = 50


@dataclass
class Diagnostics:
    """What the app keeps for this view; cheap to update per event."""

    recent: deque[tuple[float, FrameRejected]]
    connections: dict[str, ConnectionChanged]
    stats: dict[str, ProviderStats]
    notices: deque[tuple[float, str]]

    @classmethod
    def empty(cls) -> Diagnostics:
        return cls(deque(maxlen=RECENT_REJECTIONS), {}, {}, deque(maxlen=RECENT_REJECTIONS))

    @property
    def rejected_total(self) -> int:
        return sum(sum(stats.rejected.values()) for stats in self.stats.values())
