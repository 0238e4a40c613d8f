"""Child process: what the flood source can offer, read by a client that does nothing.

It completes the handshake, subscribes, and then only receives bytes from the
socket and throws them away (one `recv_into` of 1 MiB at a time), counting
frames by bytes (the source's frames are all the same size on average). The
source's offer must be at least twice the fastest client's intake, or the
clients' rates are the source's, not theirs.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import struct
import time
from urllib.parse import urlsplit

from scoreboard.bench.app_run import BENCH_KEY, FLOOD_FIRST_ID
from scoreboard.bench.childproc import emit
from scoreboard.bench.procstat import cpu_seconds


def _masked_text(payload: bytes) -> bytes:
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    n = len(payload)
    head = struct.pack("!BB", 0x81, 0x80 | n) if n < 126 else struct.pack("!BBH", 0x81, 0xFE, n)
    return head + mask + body


def run(
    url: str, ids: list[int], frame_bytes: float, warmup: float, window: float
) -> dict[str, float]:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"X-API-Key: {BENCH_KEY}\r\n\r\n"
        ).encode()
    )
    for match_id in ids:
        message = json.dumps({"action": "subscribe", "match_id": match_id}).encode()
        sock.sendall(_masked_text(message))
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    t0 = time.perf_counter() + warmup
    t1 = t0 + window
    received = 0
    start_bytes = cpu0 = None
    while True:
        n = sock.recv_into(view)
        if not n:
            break
        received += n
        now = time.perf_counter()
        if start_bytes is None:
            if now >= t0:
                start_bytes, cpu0, t0 = received, cpu_seconds(), now
        elif now >= t1:
            break
    sock.close()
    elapsed = now - t0
    got = received - (start_bytes or 0)
    return {
        "bytes_per_s": round(got / elapsed),
        "fps": round(got / frame_bytes / elapsed, 1),
        "cpu_pct": round(100 * (cpu_seconds() - (cpu0 or 0.0)) / elapsed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench.sink")
    parser.add_argument("--url", required=True)
    parser.add_argument("--matches", type=int, required=True)
    parser.add_argument("--first-id", type=int, default=FLOOD_FIRST_ID)
    parser.add_argument("--frame-bytes", type=float, required=True)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--window", type=float, default=3.0)
    args = parser.parse_args()
    ids = list(range(args.first_id, args.first_id + args.matches))
    emit(run(args.url, ids, args.frame_bytes, args.warmup, args.window))


if __name__ == "__main__":
    main()
