"""One open socket's bookkeeping: queued control messages and pending subscribes.

The server handles a connection's control messages in order and answers each
subscribe with exactly one `snapshot` or `error` frame (an error carries no
`match_id`). So the pending subscribes form a FIFO: a snapshot settles its
match's entry, an error settles the oldest entry.

A match unwatched while its subscribe is pending is not unsubscribed at once:
the server would withdraw the queued snapshot, and that subscribe would then
have no answer at all, shifting every later error onto the wrong match. The
entry is marked cancelled instead, and the unsubscribe goes out when its
snapshot arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque

import msgspec
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from scoreboard.core.models import MatchId

_encode = msgspec.json.Encoder().encode


class PendingSubscribe:
    """A subscribe sent on this socket and not answered yet."""

    __slots__ = ("cancelled", "match_id", "sent_at")

    def __init__(self, match_id: int, sent_at: float) -> None:
        self.match_id = match_id
        #: `time.monotonic()` when it was queued: the stall watchdog's clock.
        self.sent_at = sent_at
        #: Unwatched since: drop its answer (and unsubscribe after a snapshot).
        self.cancelled = False


class Link:
    """State of one open socket, discarded with it."""

    def __init__(self, ws: ClientConnection, opened_at: float) -> None:
        self.ws = ws
        self.opened_at = opened_at
        self.outgoing: deque[bytes] = deque()
        self.wake = asyncio.Event()
        self.pending: deque[PendingSubscribe] = deque()
        #: Matches the server has confirmed (snapshot received) on this socket.
        self.subscribed: set[int] = set()
        #: Frames received on this socket (a healthy connection delivers some).
        self.frames = 0
        #: Why we closed the socket ourselves (a stalled server), if we did.
        self.fault: str | None = None
        #: Why the socket closed, once it has (said with the reconnect).
        self.ended = ""
        #: `time.monotonic()` of the last answer to a subscribe: a server that
        #: answers slowly but steadily is making progress, not stalled.
        self.answered_at = opened_at
        #: A pending subscribe was ever cancelled on this socket.
        self._cancelled = False

    def subscribe(self, match_id: int, now: float) -> None:
        # Only a socket that has cancelled a pending subscribe looks for it: the
        # walk made 10,000 subscribes at start-up quadratic.
        for entry in self.pending if self._cancelled else ():
            if entry.match_id == match_id and entry.cancelled:
                entry.cancelled = False  # its answer is still on the way
                return
        self.pending.append(PendingSubscribe(match_id, now))
        self._send("subscribe", match_id)

    def unsubscribe(self, match_id: int) -> None:
        if match_id in self.subscribed:
            self.subscribed.discard(match_id)
            self._send("unsubscribe", match_id)
            return
        for entry in self.pending:
            if entry.match_id == match_id:
                entry.cancelled = self._cancelled = True

    def snapshot_arrived(self, match_id: MatchId) -> None:
        """A `snapshot` frame for `match_id`: settle its pending subscribe, if any."""
        pending = self.pending
        self.answered_at = time.monotonic()
        if pending[0].match_id == match_id:
            entry = pending.popleft()
        else:
            found = next((e for e in pending if e.match_id == match_id), None)
            if found is None:
                return
            pending.remove(found)
            entry = found
        if entry.cancelled:
            self._send("unsubscribe", entry.match_id)
        else:
            self.subscribed.add(entry.match_id)

    def error_arrived(self) -> PendingSubscribe | None:
        """An `error` frame: the subscribe it answers, or None if nothing was pending."""
        if not self.pending:
            return None
        self.answered_at = time.monotonic()
        return self.pending.popleft()

    def oldest_wait(self, now: float) -> float:
        """Seconds without progress on the oldest pending subscribe (0 if none).

        Counted from when it was sent or from the last answer, whichever is
        later: answers trickling in one by one mean a slow server, not a stall.
        """
        if not self.pending:
            return 0.0
        return now - max(self.pending[0].sent_at, self.answered_at)

    def _send(self, action: str, match_id: int) -> None:
        self.outgoing.append(_encode({"action": action, "match_id": match_id}))
        self.wake.set()

    async def write(self) -> None:
        """Send queued control messages in order until the socket closes."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.wake.wait()
                self.wake.clear()
                while self.outgoing:
                    await self.ws.send(self.outgoing.popleft(), text=True)
