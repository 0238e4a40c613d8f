"""Fault injection: ways to make the simulated server misbehave on purpose.

`Faults` lives on the server's event loop and its methods must be called
there (`serve_simulator` hands it out as is). `FaultsProxy` wraps it for
other threads (`SimulatorThread.faults`): each call runs on the loop and
returns once the fault is in effect.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from websockets.asyncio.server import ServerConnection
from websockets.frames import CloseCode

from scoreboard.sim.keys import KeyStore
from scoreboard.sim.restfaults import RestFaults

if TYPE_CHECKING:
    from scoreboard.sim.outbox import Outbox

T = TypeVar("T")

ACCEPT_THEN_CLOSE_REASON = "simulated fault: closing right after the handshake"
REVOKED_REASON = "API key revoked"


class FaultTarget(Protocol):
    """What faults act on: the server's keys, sockets and outboxes."""

    keys: KeyStore

    def open_connections(self) -> Iterable[ServerConnection]: ...

    def outboxes(self) -> Iterable[Outbox]: ...

    def connections_with_key(self, key: str) -> Iterable[ServerConnection]: ...


class Faults:
    """Fault switches and one-shot faults; `injected` counts every call."""

    def __init__(self, target: FaultTarget) -> None:
        self._target = target
        #: Seconds every outgoing frame waits before it is sent.
        self.delay = 0.0
        self.stalled = False
        self.closing_after_handshake = False
        self.muted = False
        self.injected = 0
        self.counts: Counter[str] = Counter()
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._tasks: set[asyncio.Task[None]] = set()
        #: REST fault rules (`rest_fault`), consulted by the router for every REST request.
        self.rest = RestFaults()

    def _count(self, name: str) -> None:
        self.injected += 1
        self.counts[name] += 1

    async def wait_flowing(self) -> None:
        """Writers call this before each frame: it blocks while stalled."""
        if self.stalled:
            await self._flowing.wait()

    def drop_connections(self) -> int:
        """Abort every socket: no close frame, the peer sees the TCP connection vanish."""
        self._count("drop_connections")
        dropped = 0
        for ws in list(self._target.open_connections()):
            ws.transport.abort()
            dropped += 1
        return dropped

    def cut_mid_frame(self, payload: str | bytes | None = None, fraction: float = 0.5) -> int:
        """Write the first `fraction` of a text frame on every socket, then abort it.

        The peer gets a frame header announcing the whole payload, part of the
        payload, and then the TCP connection vanishes: a reader must never act
        on half a frame. Returns the number of sockets cut.
        """
        self._count("cut_mid_frame")
        data = payload.encode() if isinstance(payload, str) else payload or CUT_PAYLOAD
        cut = max(1, min(len(data) - 1, int(len(data) * fraction)))
        partial = frame_header(len(data)) + data[:cut]
        count = 0
        for ws in list(self._target.open_connections()):
            transport = ws.transport
            if transport.is_closing():
                continue
            # Written in one call, so no frame of the server's own can interleave.
            transport.write(partial)
            if transport.get_write_buffer_size():
                self.spawn(_abort_when_flushed(transport))
            else:
                transport.abort()
            count += 1
        return count

    def send_raw(self, payload: str | bytes, binary: bool = False, fragments: int = 1) -> None:
        """Queue `payload` as is (unvalidated) on every stream connection, in order.

        `fragments` > 1 sends it as a fragmented message of that many frames.
        """
        from scoreboard.sim.outbox import Frame

        self._count("send_raw")
        frame = Frame("raw", payload, text=not binary, fragments=fragments)
        for outbox in list(self._target.outboxes()):
            outbox.put_control(frame)

    def set_delay(self, seconds: float) -> None:
        """Delay every outgoing frame by `seconds` (0 turns it off)."""
        if seconds < 0:
            raise ValueError("delay must be >= 0")
        self._count("set_delay")
        self.delay = float(seconds)

    def stall(self, on: bool = True) -> None:
        """Keep accepting handshakes and reading, but send nothing until turned off."""
        self._count("stall")
        self.stalled = on
        if on:
            self._flowing.clear()
        else:
            self._flowing.set()

    def accept_then_close(self, on: bool = True) -> None:
        """Close every new stream connection right after its handshake (code 1011)."""
        self._count("accept_then_close")
        self.closing_after_handshake = on

    def mute_pongs(self, on: bool = True) -> None:
        """Stop (or resume) reading every socket, so pings go unanswered: half-open."""
        self._count("mute_pongs")
        self.muted = on
        for ws in list(self._target.open_connections()):
            self.apply_mute(ws)

    def apply_mute(self, ws: ServerConnection) -> None:
        transport = ws.transport
        if transport.is_closing():
            return
        if self.muted:
            transport.pause_reading()
        else:
            transport.resume_reading()

    def revoke_key(self, key: str) -> None:
        """Refuse `key` at later handshakes (401) and close its open connections (1008)."""
        self._count("revoke_key")
        self._target.keys.revoke(key)
        for ws in list(self._target.connections_with_key(key)):
            self.spawn(ws.close(CloseCode.POLICY_VIOLATION, REVOKED_REASON))

    def rest_fault(
        self,
        status: int | None = 429,
        *,
        retry_after: int | str | None = None,
        path: str | None = None,
        times: int | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer REST requests with `status` (and `Retry-After: retry_after`) instead.

        `path`: a route pattern (`/v1/matches/{id}/live`), a concrete path
        (`/v1/matches/41282/live`) or None (every REST route, both providers).
        `times`: that many requests, then the rule is gone (None: until
        cleared). `delay`: seconds before the answer; `status=None` with a
        delay answers normally, only late. The newest matching rule wins.
        """
        self._count("rest_fault")
        self.rest.add(status, retry_after=retry_after, path=path, times=times, delay=delay)

    def clear_rest_faults(self, path: str | None = None) -> None:
        """End every REST fault rule, or those given for exactly `path`."""
        self.rest.clear(path)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


#: What `cut_mid_frame` sends part of by default: a plausible update frame.
CUT_PAYLOAD = (
    b'{"op": "update", "data": {"match_id": 41282, "sport": "soccer", "status": "live", '
    b'"home": "Cut", "away": "Off", "score": {"home": 9, "away": 9}, "venue": "'
    + b"x" * 2048
    + b'"}}'
)


def frame_header(length: int) -> bytes:
    """The header of an unmasked, final text frame (server to client) of `length` bytes."""
    if length < 126:
        return bytes((0x81, length))
    if length < 1 << 16:
        return bytes((0x81, 126)) + length.to_bytes(2, "big")
    return bytes((0x81, 127)) + length.to_bytes(8, "big")


async def _abort_when_flushed(transport: asyncio.WriteTransport, limit: float = 1.0) -> None:
    """Abort once the partial frame has left (abort() drops unsent data), at most `limit` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while transport.get_write_buffer_size() and loop.time() < deadline:
        await asyncio.sleep(0.005)
    transport.abort()


class LoopCall(Protocol):
    """Runs `fn` on the server loop and returns its result."""

    def __call__(self, fn: Callable[[], T], /) -> T: ...


class FaultsProxy:
    """Thread-safe `Faults`: every call runs on the server loop and waits for it."""

    def __init__(self, get: Callable[[], Faults], call: LoopCall) -> None:
        self._get = get
        self._call = call

    @property
    def injected(self) -> int:
        return self._call(lambda: self._get().injected)

    @property
    def counts(self) -> dict[str, int]:
        return self._call(lambda: dict(self._get().counts))

    def drop_connections(self) -> int:
        return self._call(lambda: self._get().drop_connections())

    def cut_mid_frame(self, payload: str | bytes | None = None, fraction: float = 0.5) -> int:
        return self._call(lambda: self._get().cut_mid_frame(payload, fraction))

    def send_raw(self, payload: str | bytes, binary: bool = False, fragments: int = 1) -> None:
        self._call(lambda: self._get().send_raw(payload, binary, fragments))

    def set_delay(self, seconds: float) -> None:
        self._call(lambda: self._get().set_delay(seconds))

    def stall(self, on: bool = True) -> None:
        self._call(lambda: self._get().stall(on))

    def accept_then_close(self, on: bool = True) -> None:
        self._call(lambda: self._get().accept_then_close(on))

    def mute_pongs(self, on: bool = True) -> None:
        self._call(lambda: self._get().mute_pongs(on))

    def revoke_key(self, key: str) -> None:
        self._call(lambda: self._get().revoke_key(key))

    def rest_fault(
        self,
        status: int | None = 429,
        *,
        retry_after: int | str | None = None,
        path: str | None = None,
        times: int | None = None,
        delay: float = 0.0,
    ) -> None:
        self._call(
            lambda: self._get().rest_fault(
                status, retry_after=retry_after, path=path, times=times, delay=delay
            )
        )

    def clear_rest_faults(self, path: str | None = None) -> None:
        self._call(lambda: self._get().clear_rest_faults(path))

    @property
    def rest_hits(self) -> int:
        """REST requests answered or delayed by a rule so far."""
        return self._call(lambda: self._get().rest.hits)
