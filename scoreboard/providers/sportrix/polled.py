"""What polling one Sportrix match needs to know: options, the banner, per-match state.

See `poller.py` for how matches are polled.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

from scoreboard.core.events import MatchRef
from scoreboard.core.models import Snapshot
from scoreboard.net.backoff import Backoff

PROVIDER = "sportrix"
#: The shortest interval a user may ask for (tests may go lower through `PollOptions.floor`).
MIN_INTERVAL = 2.0
DEFAULT_INTERVAL = 5.0
#: Most requests in flight at once (connections of the pool: `net.rest.MAX_CONNECTIONS`).
MAX_IN_FLIGHT = 32


@dataclass(frozen=True, slots=True)
class PollOptions:
    interval: float = DEFAULT_INTERVAL
    #: The interval is never below this.
    floor: float = MIN_INTERVAL
    #: Seconds a request may take.
    timeout: float = 10.0
    #: Failing requests back off from `2 * interval`, doubling, up to this.
    backoff_cap: float = 60.0
    #: Jitter source; `random.Random(seed)` for repeatable delays.
    rng: random.Random | None = None

    @property
    def every(self) -> float:
        return max(self.interval, self.floor)


def banner(interval: float, forced: bool) -> str:
    """Why panels say POLLING, for the app's banner."""
    if forced:
        return (
            f"polling every {interval:g} s (--poll): score, clock and phase; stats need the stream"
        )
    return (
        f"polling every {interval:g} s: this key has live_scores but not "
        "live_scores_statistics; stats need the stream"
    )


@dataclass(eq=False)
class Polled:
    """One watched match's polling state."""

    ref: MatchRef
    due: float
    backoff: Backoff
    task: asyncio.Task[None] | None = None
    last: Snapshot | None = None
    stale: bool = False
    #: Why the last request failed (None: it did not).
    failing: str | None = None
    #: Answered 404: not asked again until watched again.
    ended: bool = False
    retry_at: float = 0.0

    @property
    def match_id(self) -> int:
        return int(self.ref.id)
