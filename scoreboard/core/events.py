"""Events from a provider to the UI, and the match reference they carry.

Pure data, shared by the transport (`scoreboard.net`), the providers and
the UI, so that none of them needs to import another's internals.

Events are frozen msgspec structs rather than frozen dataclasses: one is made
for every frame, and a frozen dataclass spends a microsecond in `__init__`
(`object.__setattr__` per field) where a struct takes a fifth of that. They
hold no cycles, so the garbage collector need not track them (`gc=False`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from msgspec import Struct

from scoreboard.core.models import MatchId, Snapshot


class MatchRef(Struct, frozen=True, gc=False):
    """One match of one provider. `str(ref)` is how the user types it."""

    provider: str
    id: MatchId

    def __str__(self) -> str:
        return f"{self.provider}:{self.id}"


ConnectionPhase = Literal["connecting", "live", "reconnecting", "refused", "closed"]
#: How a provider's matches reach the app: pushed over a socket, or polled over REST.
FeedMode = Literal["stream", "polling"]


class ConnectionChanged(Struct, frozen=True, gc=False):
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
    #: "polling": the provider asks a REST endpoint every few seconds (panels say
    #: POLLING, and show only what that endpoint sends); `detail` says why.
    via: FeedMode = "stream"


class MatchUpdated(Struct, frozen=True, gc=False):
    """The newest full state of a match (snapshot or update: same to the UI)."""

    ref: MatchRef
    snapshot: Snapshot
    #: Server send time, when the server stamps frames (benchmark only).
    sent_at: float | None = None
    #: When it was received (wall clock), if not now: a replayed recording says.
    received_at: float | None = None


class MatchFailed(Struct, frozen=True, gc=False):
    """The server refused or ended this match's feed; `message` is for its panel.

    `final`: asking again cannot help (a refused key, a sport the key does not
    cover, a match that does not exist), so the app does not retry.
    """

    ref: MatchRef
    message: str
    final: bool = False
    #: What kind of refusal, where the provider can tell: `not_enabled` (a sport
    #: outside the key's allowlist), else empty.
    kind: str = ""


class MatchStale(Struct, frozen=True, gc=False):
    """This match's own feed is down (`stale`) or back; what its panel shows is old news.

    For providers with one socket per match (`ConnectionChanged.per_match`).
    A `MatchUpdated` for the match makes its panel fresh again as well.
    """

    ref: MatchRef
    stale: bool = True
    reason: str = ""
    #: The feed ended for good (a replay played its last frame): the panel shows
    #: `reason` in place of its status badge, which would still claim LIVE.
    ended: bool = False


class Notice(Struct, frozen=True, gc=False):
    """Something the user should know that belongs to no one match."""

    provider: str
    message: str


class FrameRejected(Struct, frozen=True, gc=False):
    """A frame was dropped: `kind` is a stable category, `reason` safe to show."""

    provider: str
    kind: str
    reason: str


ProviderEvent = ConnectionChanged | MatchUpdated | MatchFailed | MatchStale | Notice | FrameRejected


class MatchSummary(Struct, frozen=True, gc=False):
    """A catalog entry, for the add dialog and the Live now screen.

    `score_home`/`score_away` (`3`, `145/3 (16.2)`), `clock` (`67'`) and
    `result` are display text the catalog gave, empty when it gave none;
    like every wire string they are shown through `safe_text`.
    """

    ref: MatchRef
    sport: str
    status: str
    home: str
    away: str
    competition: str = ""
    start_time: str = ""
    score_home: str = ""
    score_away: str = ""
    clock: str = ""
    result: str = ""


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
