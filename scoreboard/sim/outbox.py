"""One connection's bounded outbox and the writer task that drains it.

Control answers (snapshots, errors, injected raw frames) wait in a FIFO so a
client sees them in the order its messages were handled. Updates are
coalesced per match in an OrderedDict: a newer state replaces a queued one,
so a slow client holds at most one pending update per subscribed match and
never slows the ticker, which only enqueues. Control answers go out before
pending updates; a snapshot queued for a match drops that match's pending
update, which it supersedes.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from typing import TYPE_CHECKING

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from scoreboard.sim.frames import restamp

if TYPE_CHECKING:
    from scoreboard.sim.faults import Faults
    from scoreboard.sim.stats import ServerStats

#: Control answers a connection may have queued before its reader waits.
CONTROL_LIMIT = 256


class Frame(msgspec.Struct, frozen=True):
    """An encoded frame; `match_id` is set for snapshots so unsubscribe can withdraw them."""

    kind: str  # "snapshot", "error", "raw"
    payload: bytes | str
    text: bool = True
    match_id: int | None = None
    #: Sent as a fragmented message of this many frames (raw frames only).
    fragments: int = 1


class Outbox:
    """Pending frames for one connection, drained by `run()` in its own task."""

    def __init__(self, ws: ServerConnection, faults: Faults, stats: ServerStats) -> None:
        self.ws = ws
        self.control: deque[Frame] = deque()
        self.updates: OrderedDict[int, bytes] = OrderedDict()
        self.coalesced = 0
        self.sent = 0
        self._faults = faults
        self._stats = stats
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()

    def put_control(self, frame: Frame) -> None:
        if frame.kind == "snapshot" and frame.match_id is not None:
            self.updates.pop(frame.match_id, None)
        self.control.append(frame)
        if len(self.control) >= CONTROL_LIMIT:
            self._room.clear()
        self._wake.set()

    def put_update(self, match_id: int, payload: bytes) -> None:
        if match_id in self.updates:
            self.coalesced += 1
            self._stats.updates_coalesced += 1
        self.updates[match_id] = payload
        self._wake.set()

    def put_ordered(self, match_id: int, payload: bytes) -> None:
        """An update that must not be coalesced: it waits in the FIFO, in order."""
        self.put_control(Frame("update", payload, match_id=match_id))

    def withdraw(self, match_id: int) -> None:
        """Drop everything queued for `match_id` (its pending update and snapshots)."""
        self.updates.pop(match_id, None)
        if any(f.match_id == match_id for f in self.control):
            self.control = deque(f for f in self.control if f.match_id != match_id)
            self._update_room()

    async def wait_for_room(self) -> None:
        """Wait while the control FIFO is full (the client is not reading)."""
        await self._room.wait()

    def _update_room(self) -> None:
        if len(self.control) < CONTROL_LIMIT:
            self._room.set()

    def _next(self) -> Frame | None:
        if self.control:
            frame = self.control.popleft()
            self._update_room()
            return frame
        if self.updates:
            _, payload = self.updates.popitem(last=False)
            return Frame("update", payload)
        return None

    async def run(self) -> None:
        """Send queued frames until the connection closes."""
        faults = self._faults
        try:
            while True:
                if not self.control and not self.updates:
                    self._wake.clear()
                    await self._wake.wait()
                    continue
                await faults.wait_flowing()
                if faults.delay > 0:
                    await asyncio.sleep(faults.delay)
                    await faults.wait_flowing()
                frame = self._next()
                if frame is None:
                    continue
                if frame.fragments > 1:
                    await self.ws.send(split(frame.payload, frame.fragments), text=frame.text)
                else:
                    await self.ws.send(restamp(frame.payload), text=frame.text)
                self.sent += 1
                self._stats.count_sent(frame.kind)
        except ConnectionClosed:
            return


def split(payload: bytes | str, parts: int) -> list[bytes] | list[str]:
    """`payload` cut into `parts` pieces (the last may be empty), for a fragmented message."""
    step = -(-len(payload) // parts)
    pieces = [payload[i * step : (i + 1) * step] for i in range(parts)]
    return pieces  # type: ignore[return-value]
