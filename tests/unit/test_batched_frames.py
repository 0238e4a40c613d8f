"""`BatchedConnection` against websockets' own `ClientConnection`, byte for byte.

The same server bytes, cut into reads every which way, go into both: the fast
path must hand out exactly the messages `recv()` would, in order, and end the
connection with the same close codes and reasons (what the user is shown).
A socket cannot be told where to split a read, so these drive
`data_received` directly; `tests/integration/test_stream.py` runs the same
class against the real simulator.
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection
from websockets.client import ClientProtocol
from websockets.exceptions import ConnectionClosed
from websockets.frames import BINARY, CLOSE, CONT, PING, PONG, TEXT, Close, Frame, Opcode
from websockets.protocol import Protocol, Side
from websockets.server import ServerProtocol
from websockets.uri import parse_uri

from scoreboard.net.batched import BatchedConnection, as_text

MAX_SIZE = 1 << 20


class Wire(asyncio.Transport):
    """The client's end of a socket: keeps what it writes, closes when told."""

    def __init__(self, conn: ClientConnection) -> None:
        super().__init__()
        self.conn = conn
        self.sent = bytearray()
        self.closing = False
        self.paused = 0

    def write(self, data: Any) -> None:
        self.sent += data

    def write_eof(self) -> None:
        pass

    def can_write_eof(self) -> bool:
        return True

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        if not self.closing:
            self.closing = True
            asyncio.get_running_loop().call_soon(self.conn.connection_lost, None)

    def abort(self) -> None:
        self.close()

    def pause_reading(self) -> None:
        self.paused += 1

    def resume_reading(self) -> None:
        pass

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        pass

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return default


def opened(
    cls: type[ClientConnection], max_size: Any = MAX_SIZE, after: bytes = b""
) -> tuple[ClientConnection, Wire]:
    """A connection of `cls` past its opening handshake (and `after`, in the same read)."""
    protocol = ClientProtocol(parse_uri("ws://127.0.0.1:9/stream"), max_size=max_size)
    conn = cls(protocol, ping_interval=None, ping_timeout=None, close_timeout=1, max_queue=64)
    wire = Wire(conn)
    conn.connection_made(wire)
    request = protocol.connect()
    protocol.send_request(request)
    server = ServerProtocol()
    server.receive_data(b"".join(protocol.data_to_send()))
    (req,) = server.events_received()
    server.send_response(server.accept(req))
    conn.data_received(b"".join(server.data_to_send()) + after)
    assert conn.response is not None
    wire.sent.clear()
    return conn, wire


def frame(opcode: Opcode, data: bytes, *, fin: bool = True, mask: bool = False, **kw: Any) -> bytes:
    return Frame(opcode, data, fin, **kw).serialize(mask=mask, extensions=[])


def text(payload: str | bytes, **kw: Any) -> bytes:
    return frame(TEXT, payload.encode() if isinstance(payload, str) else payload, **kw)


def close(code: int = 1000, reason: str = "") -> bytes:
    return frame(CLOSE, Close(code, reason).serialize())


def cuts(data: bytes, how: str, rng: random.Random) -> list[bytes]:
    if how == "whole":
        return [data]
    if how == "bytes":
        return [data[i : i + 1] for i in range(len(data))]
    chunks, pos = [], 0
    while pos < len(data):
        step = rng.randint(1, 40 if how == "small" else 5000)
        chunks.append(data[pos : pos + step])
        pos += step
    return chunks


async def outcome(
    cls: type[ClientConnection], chunks: list[bytes], max_size: Any = MAX_SIZE
) -> tuple[list[str | bytes], Any, int]:
    """Feed `chunks`, the server's end closing last; messages and how it ended."""
    conn, wire = opened(cls, max_size)
    for chunk in chunks:
        if not wire.closing:
            conn.data_received(chunk)
    if not wire.closing:
        conn.eof_received()
        wire.close()
    got: list[str | bytes] = []
    try:
        while True:
            if isinstance(conn, BatchedConnection):
                got += [as_text(m) for m in await asyncio.wait_for(conn.take(), 5)]
            else:
                got.append(await asyncio.wait_for(conn.recv(), 5))
    except ConnectionClosed as exc:
        sent = None if exc.sent is None else (exc.sent.code, exc.sent.reason)
        rcvd = None if exc.rcvd is None else (exc.rcvd.code, exc.rcvd.reason)
        return got, (type(exc).__name__, sent, rcvd, str(exc)), wire.paused


SNAP = '{"op":"update","data":{"match_id":%d,"sport":"soccer","status":"live"}}'

STREAMS: dict[str, bytes] = {
    "many frames": b"".join(text(SNAP % i) for i in range(300)) + close(),
    "16-bit length": text("a" * 126) + text("é" * 40_000) + close(),
    "64-bit length": text("b" * 70_000) + text("c") + close(),
    "pings between": text("1") + frame(PING, b"hi") + text("2") + frame(PONG, b"x") + close(),
    "fragmented": text("ab", fin=False)
    + frame(PING, b"")
    + frame(CONT, b"cd", fin=False)
    + frame(CONT, "é".encode(), fin=True)
    + text("next")
    + close(),
    "fragmented utf-8 split": text(b"\xc3", fin=False) + frame(CONT, b"\xa9") + close(),
    "binary": frame(BINARY, b"\x00\xff") + text("t") + close(),
    "oversize": text("ok") + text("x" * (MAX_SIZE + 1)) + text("never"),
    "oversize fragments": text("x" * 600_000, fin=False) + frame(CONT, b"y" * 600_000),
    "invalid utf-8": text("ok") + text(b"bad \xff here") + text("after") + close(),
    "invalid utf-8 fragment": text(b"\xff", fin=False) + frame(CONT, b"") + text("z") + close(),
    "close with reason": text("x") + close(4001, "going away for maintenance"),
    "data after close": text("x") + close() + text("ignored"),
    "masked by the server": text("x") + text("y", mask=True) + text("z"),
    "reserved bit": text("x") + bytes([0xC1]) + text("y")[1:] + text("z"),
    "text inside a fragmented message": text("a", fin=False) + text("b") + close(),
    "continuation without a start": frame(CONT, b"a") + close(),
    "bad opcode": text("x") + bytes([0x83, 0x00]) + text("z"),
    "control frame too long": bytes([0x89]) + text("p" * 126)[1:] + text("z"),
    "fragmented control": bytes([0x09]) + text("p")[1:] + text("z"),
    "no close frame": text("x") + text("y"),
}


@pytest.mark.parametrize("how", ["whole", "bytes", "small", "large"])
@pytest.mark.parametrize("name", sorted(STREAMS))
async def test_messages_and_close_as_websockets_gives_them(name: str, how: str) -> None:
    data = STREAMS[name]
    if how == "bytes" and len(data) > 20_000:
        pytest.skip("byte by byte is for the small streams")
    chunks = cuts(data, how, random.Random(f"{name}/{how}"))
    ours = await outcome(BatchedConnection, chunks)  # fast path on: see the test below
    theirs = await outcome(ClientConnection, chunks)
    assert ours[:2] == theirs[:2]


async def test_many_frames_in_one_read_come_out_as_one_batch() -> None:
    conn, wire = opened(BatchedConnection)
    assert isinstance(conn, BatchedConnection)
    assert conn.fast_path  # right after the handshake
    conn.data_received(b"".join(text(SNAP % i) for i in range(200)))
    batch = await conn.take()
    assert [m.decode() for m in batch] == [SNAP % i for i in range(200)]
    assert wire.paused == 1  # over max_queue: reading paused until taken


async def test_a_ping_amid_the_flood_is_answered_in_order() -> None:
    conn, wire = opened(BatchedConnection)
    assert isinstance(conn, BatchedConnection)
    conn.data_received(text("a") + frame(PING, b"beat") + text("b"))
    assert [m.decode() for m in await conn.take()] == ["a", "b"]
    pong = Protocol(Side.SERVER)  # parse the client's frames as its server would
    pong.receive_data(bytes(wire.sent))
    (answer,) = pong.events_received()
    assert isinstance(answer, Frame) and answer.opcode is PONG and answer.data == b"beat"


async def test_a_fragment_limit_is_websockets_own() -> None:
    data = text("ok") + text("x" * 3000) + close()
    ours = await outcome(BatchedConnection, [data], max_size=(10_000, 1000))
    theirs = await outcome(ClientConnection, [data], max_size=(10_000, 1000))
    assert ours[:2] == theirs[:2] and ours[0] == ["ok"]


async def test_oversize_frame_fails_with_1009_after_the_messages_before_it() -> None:
    data = text("ok") + text("x" * 2000)
    got, (kind, sent, _rcvd, _), _ = await outcome(BatchedConnection, [data], max_size=1000)
    assert got == ["ok"]
    assert kind == "ConnectionClosedError" and sent is not None and sent[0] == 1009


async def test_frames_in_the_handshake_read_go_websockets_way_until_a_frame_boundary() -> None:
    first, second = text(SNAP % 1), text(SNAP % 2)
    conn, _ = opened(BatchedConnection, after=first + second[:1])  # a frame cut after 1 byte
    assert isinstance(conn, BatchedConnection)
    assert not conn.fast_path  # websockets' parser holds part of a frame
    conn.data_received(second[1:])
    assert conn.fast_path  # it finished that frame and waits for the next one
    conn.data_received(text(SNAP % 3))
    assert [m.decode() for m in await conn.take()] == [SNAP % i for i in (1, 2, 3)]
