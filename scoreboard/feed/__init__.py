"""The contract layer: typed snapshot models, frame decoding, derived values.

Pure and synchronous; imports neither websockets nor Textual.
"""

from scoreboard.feed.decode import (
    ErrorFrame,
    Frame,
    FrameError,
    SnapshotFrame,
    decode_frame,
    decode_snapshot,
)
from scoreboard.feed.models import (
    BasketballSnapshot,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.feed.text import safe_text

__all__ = [
    "BasketballSnapshot",
    "CricketSnapshot",
    "ErrorFrame",
    "Frame",
    "FrameError",
    "GenericSnapshot",
    "Snapshot",
    "SnapshotFrame",
    "SoccerSnapshot",
    "decode_frame",
    "decode_snapshot",
    "safe_text",
]
