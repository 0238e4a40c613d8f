"""Scorelytics snapshots and messages from a recording, merged as `MatchFeed` does."""

from __future__ import annotations

import json

from scoreboard.core.events import FrameRejected, MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.text import safe_text
from scoreboard.providers.scorelytics.state import (
    MatchState,
    WireError,
    parse_message,
    parse_snapshot,
)

PROVIDER = "scorelytics"


class ScorelyticsReplay:
    """Each match's state from its recorded REST snapshot, then its socket messages."""

    def __init__(self) -> None:
        self._states: dict[str, MatchState] = {}

    def reset(self) -> None:
        self._states.clear()

    def decode(
        self, kind: str, raw: str | bytes, match: str | None, sport: str | None, t: float
    ) -> list[ProviderEvent]:
        if match is None:
            return []
        ref = MatchRef(PROVIDER, match)
        try:
            if kind == "snapshot":
                state = parse_snapshot(json.loads(raw), match, sport or "football")
                self._states[match] = state
                return [MatchUpdated(ref, state.snapshot(), received_at=t)]
            found = self._states.get(match)
            if found is None:
                return []  # a message before any snapshot: the live feed would not apply it
            message = parse_message(raw)
        except WireError as exc:
            return [FrameRejected(PROVIDER, exc.kind, exc.reason)]
        except (ValueError, RecursionError):
            return [FrameRejected(PROVIDER, "not_json", "recorded snapshot is not valid JSON")]
        if message.match_id != match:
            reason = (
                f"a message for match {safe_text(message.match_id, 24)!r} on the socket of {match}"
            )
            return [FrameRejected(PROVIDER, "other_match", reason)]
        if found.apply(message):
            return [MatchUpdated(ref, found.snapshot(), received_at=t)]
        return []
