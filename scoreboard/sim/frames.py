"""Encoding of the stream's server frames (`snapshot`, `update`, `error`).

A changed snapshot is encoded once and the same bytes go to every
subscriber. With stamping on (flood mode, the benchmark) frames carry an
extra top-level `sent_at`: `time.time()` when the frame is written to the
socket (`restamp` rewrites the fixed-width stamp of the shared bytes just
before each send), so the benchmark's latency starts at the send, not at a
moment the frame may have spent queued. It is not part of the public contract.
"""

from __future__ import annotations

import time
from typing import Any

import msgspec

_encode = msgspec.json.Encoder().encode
_PREFIX = {op: b'{"op":"' + op.encode() + b'",' for op in ("snapshot", "update")}


def encode_frame(op: str, data: dict[str, Any], *, stamp: bool = False) -> bytes:
    """`{"op": op, "data": data}` (plus `sent_at` when stamping) as UTF-8 JSON."""
    body = _encode(data)
    head = _PREFIX.get(op) or b'{"op":' + _encode(op) + b","
    if stamp:
        head += _STAMP_KEY + _stamp() + b","
    return head + b'"data":' + body + b"}"


_STAMP_KEY = b'"sent_at":'
_STAMP_WIDTH = 17  # b"1763769600.123456"


def _stamp() -> bytes:
    return b"%017.6f" % time.time()


def restamp(payload: bytes | str) -> bytes | str:
    """A stamped frame with `sent_at` set to now (others are returned as they are)."""
    if not isinstance(payload, bytes):
        return payload  # a raw text frame from the fault hooks
    at = payload.find(_STAMP_KEY, 0, 40)
    if at < 0:
        return payload
    start = at + len(_STAMP_KEY)
    return payload[:start] + _stamp() + payload[start + _STAMP_WIDTH :]


def encode_error(message: str) -> bytes:
    return _encode({"op": "error", "error": message})
