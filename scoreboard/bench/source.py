"""A flood source that is never the bottleneck: pre-encoded frames, framed once.

`python -m scoreboard.bench.source --matches N [--rate R] [--kind small|soccer|cricket]`
speaks just enough of the Sportrix stream for a client (key check, subscribe
answered with a snapshot), then writes update frames for every subscribed
match. The frames are encoded and WebSocket-framed once, at start-up, into
one buffer that is written in bulk (`transport.write` of ~1 MB at a time), so
a frame costs the source a share of one memcpy into the kernel instead of a
JSON encode, a frame header and a write each, as it does in the simulator.

`--count N --rate R` sends N update frames at R frames/s, each stamped with
its `sent_at` as it is written (the `heavy_flood` phase: `--kind heavy`, the
simulator's heavy flood match), then nothing more.

`--rate 0` (the default) writes as fast as the client reads (TCP flow
control paces it): the client's intake is then its capacity. `--rate R`
paces the same buffer at R frames/s. The handshake is websockets' own
sans-I/O `ServerProtocol`; only the flood bypasses it.

It prints `listening on ws://127.0.0.1:PORT/v1/stream`, and on SIGTERM the
frames it wrote.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import struct
import sys
import time
from typing import Any

from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.server import ServerProtocol

from scoreboard.bench.frames import realistic_snapshots, small_snapshots
from scoreboard.sim.flood import FloodEngine

BENCH_KEY = "sk_demo"
#: Frames per pre-built chunk (each match appears CHUNK // matches times).
CHUNK_FRAMES = 4096
#: The heavy frames (`--kind heavy`): the simulator's `--flood-events 5000 --flood-stats 200`.
HEAVY_EVENTS = 5_000
HEAVY_STATS = 200
#: Stop writing while the transport holds this much, resume below a quarter.
HIGH_WATER = 4 << 20


def ws_text_frame(payload: bytes) -> bytes:
    """An unmasked, final text frame (server to client) around `payload`."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x81, n)
    elif n < 1 << 16:
        head = struct.pack("!BBH", 0x81, 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, 127, n)
    return head + payload


def encode(op: str, data: dict[str, Any]) -> bytes:
    return json.dumps({"op": op, "data": data}, separators=(",", ":")).encode()


def heavy_snapshots(kind: str, match_id: int, variants: int) -> list[dict[str, Any]]:
    """The simulator's heavy flood match: 5,000 events, 200 stats, one stat moving."""
    engine = FloodEngine(match_id, 1, 1.0, events=HEAVY_EVENTS, stats=HEAVY_STATS)
    states = []
    for _ in range(variants):
        engine.step()
        states.append(engine.snapshot())
    return states


class Flood:
    """The pre-built frames: snapshots by match, and one chunk of updates.

    `heavy` frames (~590 KiB) are built `count` per match, not a chunk's worth.
    """

    def __init__(self, kind: str, match_ids: list[int], count: int = 0) -> None:
        make = {"small": small_snapshots, "heavy": heavy_snapshots}.get(kind, realistic_snapshots)
        variants = max(1, CHUNK_FRAMES // max(1, len(match_ids)))
        if count:
            variants = -(-count // max(1, len(match_ids)))
        #: The update frames' `data`, unframed, for the stamped flood (`--count`).
        self.datas: list[bytes] = []
        self.snapshots: dict[int, bytes] = {}
        frames: list[bytes] = []
        per_match = {mid: make(kind, mid, variants) for mid in match_ids}
        for mid, states in per_match.items():
            self.snapshots[mid] = ws_text_frame(encode("snapshot", states[0]))
        for tick in range(variants):
            for mid in match_ids:
                if count:
                    data = json.dumps(per_match[mid][tick], separators=(",", ":")).encode()
                    self.datas.append(data)
                else:
                    frames.append(ws_text_frame(encode("update", per_match[mid][tick])))
        if count:
            frames = [ws_text_frame(b"{}")]  # the stamped flood frames as it writes
        self.frames = frames
        self.chunk = b"".join(frames)
        self.frame_bytes = len(self.chunk) / len(frames)
        if count:
            self.frame_bytes = sum(map(len, self.datas)) / len(self.datas)
        #: Byte offsets of frame boundaries in `chunk`, for paced slices.
        self.offsets = [0]
        for frame in frames:
            self.offsets.append(self.offsets[-1] + len(frame))


class SourceProtocol(asyncio.Protocol):
    """One client connection: handshake and subscriptions, then the flood."""

    def __init__(self, server: Source) -> None:
        self.server = server
        self.ws = ServerProtocol()
        self.transport: asyncio.Transport | None = None
        self.subscribed: set[int] = set()
        self.flooding: asyncio.Task[None] | None = None
        self.can_write = asyncio.Event()
        self.can_write.set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.set_write_buffer_limits(high=HIGH_WATER, low=HIGH_WATER // 4)

    def data_received(self, data: bytes) -> None:
        ws, transport = self.ws, self.transport
        assert transport is not None
        ws.receive_data(data)
        for event in ws.events_received():
            if isinstance(event, Request):
                self._handshake(event)
            elif isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                self._control(bytes(event.data))
        for chunk in ws.data_to_send():
            if chunk:
                transport.write(chunk)
            else:
                transport.close()

    def _handshake(self, request: Request) -> None:
        key = request.headers.get("X-API-Key") or ""
        if not key and "key=" in request.path:
            key = request.path.split("key=", 1)[1].split("&", 1)[0]
        if key != BENCH_KEY:
            response = self.ws.reject(401, "invalid API key")
        else:
            response = self.ws.accept(request)
        self.ws.send_response(response)

    def _control(self, raw: bytes) -> None:
        try:
            message = json.loads(raw)
            match_id = int(message["match_id"])
        except (ValueError, KeyError, TypeError):
            return
        if message.get("action") != "subscribe" or match_id not in self.server.flood.snapshots:
            return
        assert self.transport is not None
        self.subscribed.add(match_id)
        self.transport.write(self.server.flood.snapshots[match_id])
        # Counted, not compared as sets: a set of every match per subscribe made
        # the source quadratic, 10,000 subscribes took it most of a minute.
        everything = len(self.subscribed) == len(self.server.flood.snapshots)
        if everything and self.flooding is None:
            self.flooding = asyncio.get_running_loop().create_task(self._flood())

    def pause_writing(self) -> None:
        self.can_write.clear()

    def resume_writing(self) -> None:
        self.can_write.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.can_write.set()
        if self.flooding is not None:
            self.flooding.cancel()

    async def _flood(self) -> None:
        flood, transport = self.server.flood, self.transport
        assert transport is not None
        rate = self.server.rate
        count = len(flood.frames)
        if self.server.count:
            await self._stamped(self.server.count)
            return
        if rate <= 0:
            while not transport.is_closing():
                await self.can_write.wait()
                transport.write(flood.chunk)
                self.server.written += count
                await asyncio.sleep(0)
            return
        # Paced: every tick write the frames due since the last one, in one slice.
        offsets, chunk = flood.offsets, flood.chunk
        start, sent, at = time.perf_counter(), 0, 0
        while not transport.is_closing():
            await asyncio.sleep(0.005)
            due = int((time.perf_counter() - start) * rate) - sent
            if due <= 0:
                continue
            await self.can_write.wait()
            while due > 0:
                n = min(due, count - at)
                transport.write(chunk[offsets[at] : offsets[at + n]])
                at = (at + n) % count
                sent += n
                due -= n
                self.server.written += n

    async def _stamped(self, total: int) -> None:
        """`total` frames at `rate`, each stamped `sent_at` as written, then no more."""
        datas, transport, rate = self.server.flood.datas, self.transport, self.server.rate
        assert transport is not None
        start = time.perf_counter()
        for n in range(total):
            due = start + n / rate - time.perf_counter()
            if due > 0:
                await asyncio.sleep(due)
            await self.can_write.wait()
            if transport.is_closing():
                return
            head = b'{"op":"update","sent_at":%r,"data":' % time.time()
            transport.write(ws_text_frame(head + datas[n % len(datas)] + b"}"))
            self.server.written += 1


class Source:
    def __init__(self, kind: str, matches: int, first_id: int, rate: float, count: int = 0) -> None:
        if count and rate <= 0:
            raise ValueError("--count needs --rate")
        self.flood = Flood(kind, list(range(first_id, first_id + matches)), count)
        self.count = count
        self.rate = rate
        self.written = 0

    async def serve(self, port: int) -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SourceProtocol(self), "127.0.0.1", port)
        bound = server.sockets[0].getsockname()[1]
        print(f"listening on ws://127.0.0.1:{bound}/v1/stream", flush=True)
        print(f"frame bytes {self.flood.frame_bytes:.0f}", flush=True)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        async with server:
            await stop.wait()
        print(f"written {self.written}", flush=True)


def main(argv: list[str] | None = None) -> None:
    from scoreboard.bench.app_run import FLOOD_FIRST_ID

    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench.source")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--matches", type=int, default=200)
    parser.add_argument("--first-id", type=int, default=FLOOD_FIRST_ID)
    parser.add_argument("--rate", type=float, default=0.0, help="frames/s (0: as fast as read)")
    parser.add_argument("--kind", choices=("small", "soccer", "cricket", "heavy"), default="small")
    parser.add_argument(
        "--count", type=int, default=0, help="send this many frames, stamped, then stop"
    )
    args = parser.parse_args(argv)
    source = Source(args.kind, args.matches, args.first_id, args.rate, args.count)
    try:
        asyncio.run(source.serve(args.port))
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
