"""Encoding of the stream's server frames (`snapshot`, `update`, `error`).

A changed snapshot is encoded once and the same bytes go to every
subscriber. With stamping on (flood mode, the benchmark) frames carry an
extra top-level `sent_at` (`time.time()` when the frame was produced); it is
not part of the public contract.
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
        head += b'"sent_at":' + repr(time.time()).encode() + b","
    return head + b'"data":' + body + b"}"


def encode_error(message: str) -> bytes:
    return _encode({"op": "error", "error": message})
