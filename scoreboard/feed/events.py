"""Events from a provider to the UI, and the match reference they carry.

Pure data, shared by the transport (`scoreboard.stream`), the providers and
the UI, so that none of them needs to import another's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scoreboard.feed.models import MatchId, Snapshot


@dataclass(frozen=True, slots=True)
class MatchRef:
    """One match of one provider. `str(ref)` is how the user types it."""

    provider: str
    id: MatchId

    def __str__(self) -> str:
        return f"{self.provider}:{self.id}"


ConnectionPhase = Literal["connecting", "live", "reconnecting", "refused", "closed"]


@dataclass(frozen=True, slots=True)
class ConnectionChanged:
    """The provider's connection moved to `phase`.

    `retry_in` and `attempt` are set while reconnecting; `detail` is a short,
    human explanation (for `refused`: which key source was used and why).
    """

    provider: str
    phase: ConnectionPhase
    detail: str = ""
    retry_in: float | None = None
    attempt: int = 0
    #: The provider has a socket per match and says which panels are stale with
    #: `MatchStale`, so a non-live phase must not mark all its panels stale.
    per_match: bool = False


@dataclass(frozen=True, slots=True)
class MatchUpdated:
    """The newest full state of a match (snapshot or update: same to the UI)."""

    ref: MatchRef
    snapshot: Snapshot
    #: Server send time, when the server stamps frames (benchmark only).
    sent_at: float | None = None


@dataclass(frozen=True, slots=True)
class MatchFailed:
    """The server refused or ended this match's feed; `message` is for its panel."""

    ref: MatchRef
    message: str


@dataclass(frozen=True, slots=True)
class MatchStale:
    """This match's own feed is down (`stale`) or back; what its panel shows is old news.

    For providers with one socket per match (`ConnectionChanged.per_match`).
    A `MatchUpdated` for the match makes its panel fresh again as well.
    """

    ref: MatchRef
    stale: bool = True
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that belongs to no one match."""

    provider: str
    message: str


@dataclass(frozen=True, slots=True)
class FrameRejected:
    """A frame was dropped: `kind` is a stable category, `reason` safe to show."""

    provider: str
    kind: str
    reason: str


ProviderEvent = ConnectionChanged | MatchUpdated | MatchFailed | MatchStale | Notice | FrameRejected


@dataclass(frozen=True, slots=True)
class MatchSummary:
    """A catalog entry, for the add dialog."""

    ref: MatchRef
    sport: str
    status: str
    home: str
    away: str
    competition: str = ""
    start_time: str = ""


@dataclass(slots=True)
class ProviderStats:
    """Counters for the diagnostics view."""

    frames: int = 0
    connects: int = 0
    reconnects: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    last_frame_at: float | None = None

    def reject(self, kind: str) -> None:
        self.rejected[kind] = self.rejected.get(kind, 0) + 1
