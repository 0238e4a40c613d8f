"""Sportrix frames from a recording, through the stream's own decoder (`wire.py`)."""

from __future__ import annotations

from scoreboard.core.events import FrameRejected, MatchRef, MatchUpdated, Notice, ProviderEvent
from scoreboard.core.text import safe_text
from scoreboard.net.reasons import REASON_LIMIT
from scoreboard.providers.sportrix.wire import FrameError, SnapshotFrame, decode_frame

PROVIDER = "sportrix"


class SportrixReplay:
    """Decodes recorded stream frames the way `SportrixStream` does.

    An error frame is said as a notice: which subscribe it answered depended
    on the live connection's order, which a recording does not keep.
    """

    def reset(self) -> None:
        """Nothing carries over between frames on this stream."""

    def decode(
        self, kind: str, raw: str | bytes, match: str | None, sport: str | None, t: float
    ) -> list[ProviderEvent]:
        try:
            frame = decode_frame(raw)
        except FrameError as exc:
            return [FrameRejected(PROVIDER, exc.kind, exc.reason)]
        if type(frame) is SnapshotFrame:
            ref = MatchRef(PROVIDER, frame.snapshot.match_id)
            return [MatchUpdated(ref, frame.snapshot, received_at=t)]
        error = safe_text(getattr(frame, "error", ""), REASON_LIMIT)
        return [Notice(PROVIDER, f"server error: {error}")]
