"""The floor: decoding and routing the bench's own frames in-process, no socket.

What every frame costs at the least in this stack: `decode_frame` into the
app's models, then the routing the app does per frame (a watched match's
`MatchRef` looked up, a `MatchUpdated` made, the newest snapshot of each match
kept in a dict), over the very frames the `saturation` and `realistic`
phases send. No socket, no event loop, no history, no panel: the app's
capacity over this one (`floor_ratio`) is how much of a core the rest costs.
Measured in the bench's own process, CPU time over at least `seconds`.
"""

from __future__ import annotations

import time
from typing import Any

#: Frames per match, as the flood source builds them (one chunk of 4,096 in all).
CHUNK_FRAMES = 4096


def payloads(kind: str, matches: int) -> list[bytes]:
    """The update frames of `kind` for `matches` matches, as the source sends them."""
    from scoreboard.bench.app_run import FLOOD_FIRST_ID
    from scoreboard.bench.frames import realistic_snapshots, small_snapshots
    from scoreboard.bench.source import encode

    make = small_snapshots if kind == "small" else realistic_snapshots
    ids = range(FLOOD_FIRST_ID, FLOOD_FIRST_ID + matches)
    variants = max(1, CHUNK_FRAMES // max(1, matches))
    states = {mid: make(kind, mid, variants) for mid in ids}
    return [encode("update", states[mid][tick]) for tick in range(variants) for mid in ids]


def floor_fps(frames: list[bytes], seconds: float) -> float:
    """Frames decoded and routed per CPU second, over at least `seconds` of CPU."""
    from scoreboard.core.events import MatchRef, MatchUpdated
    from scoreboard.providers.sportrix.wire import SnapshotFrame, decode_frame

    refs: dict[Any, MatchRef] = {}
    for raw in frames[:CHUNK_FRAMES]:
        frame = decode_frame(raw)
        assert type(frame) is SnapshotFrame
        refs[frame.snapshot.match_id] = MatchRef("sportrix", frame.snapshot.match_id)
    latest: dict[MatchRef, Any] = {}
    count, clock = 0, time.process_time
    t0 = clock()
    while True:
        for raw in frames:
            frame = decode_frame(raw)
            if type(frame) is SnapshotFrame:
                snapshot = frame.snapshot
                ref = refs.get(snapshot.match_id)
                if ref is not None:
                    event = MatchUpdated(ref, snapshot, frame.sent_at)
                    latest[ref] = event.snapshot
        count += len(frames)
        elapsed = clock() - t0
        if elapsed >= seconds:
            return round(count / elapsed, 1)


def measure(matches: int, seconds: float) -> dict[str, float]:
    """`floor_<kind>_fps` for the small, soccer and cricket frames."""
    return {
        f"floor_{kind}_fps": floor_fps(payloads(kind, matches), seconds)
        for kind in ("small", "soccer", "cricket")
    }
