"""The transport: one WebSocket per provider session, with reconnects and routing.

Knows `scoreboard.feed`; never imports Textual.
"""

from scoreboard.stream.backoff import Backoff
from scoreboard.stream.connection import SportrixStream, StreamOptions

__all__ = ["Backoff", "SportrixStream", "StreamOptions"]
