"""Decoding Sportrix stream frames into typed models. Pure: no I/O.

`decode_frame` turns one WebSocket message into a `SnapshotFrame` or an
`ErrorFrame`, or raises `FrameError` saying why the frame was rejected. A
rejection never carries the frame's own text, only a category and a short
reason, so it is safe to log and to show.
"""

from __future__ import annotations

from typing import Any

import msgspec

from scoreboard.core.models import (
    REQUIRED_WHILE_LIVE,
    SPORT_MODELS,
    GenericSnapshot,
    Snapshot,
)

#: The ops of the public contract.
DATA_OPS = frozenset({"snapshot", "update"})


class FrameError(ValueError):
    """A frame the client will not use. `kind` is a stable category for counting."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
        self.reason = reason


class SnapshotFrame(msgspec.Struct, frozen=True, gc=False):
    """A `snapshot` or `update` frame: the full state of one match."""

    op: str
    snapshot: Snapshot
    #: Server send time, only in the simulator's flood mode (benchmark use).
    sent_at: float | None = None

    @property
    def match_id(self) -> int | str:
        return self.snapshot.match_id


class ErrorFrame(msgspec.Struct, frozen=True, gc=False):
    """An `error` frame: the server's human-readable reason (untrusted text)."""

    error: str


Frame = SnapshotFrame | ErrorFrame


class _Envelope(msgspec.Struct):
    op: str
    data: msgspec.Raw = msgspec.Raw(b"")
    error: Any = None
    sent_at: float | None = None


class _Head(msgspec.Struct):
    match_id: Any = None
    sport: Any = None


_envelope_decoder = msgspec.json.Decoder(_Envelope)
_head_decoder = msgspec.json.Decoder(_Head)
_model_decoders: dict[type, msgspec.json.Decoder[Any]] = {
    model: msgspec.json.Decoder(model) for model in (*SPORT_MODELS.values(), GenericSnapshot)
}


def _fast_envelope(model: type) -> type:
    """`{"op", "data": model, "sent_at"}` in one struct: a valid data frame in one pass."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        ("op", str),
        ("data", model),
        ("sent_at", float | None, None),
    ]
    return msgspec.defstruct(f"_{model.__name__}Frame", fields)


_fast_decoders: dict[type, msgspec.json.Decoder[Any]] = {
    model: msgspec.json.Decoder(_fast_envelope(model)) for model in _model_decoders
}
#: The model the last data frame decoded as: the one tried first.
_last_model: list[type] = [SPORT_MODELS["soccer"]]


def decode_frame(raw: str | bytes) -> Frame:
    """Decode one Sportrix frame, or raise `FrameError`.

    A data frame is first decoded in one pass, as the model of the last one;
    if that does not give exactly what the step-by-step path below would
    (another sport, an error frame, anything invalid), the step-by-step
    path decides, so what is rejected and why never depends on the guess.
    """
    model = _last_model[0]
    try:
        envelope = _fast_decoders[model].decode(raw)
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        pass
    else:
        snapshot = envelope.data
        match_id = snapshot.match_id
        if (
            envelope.op in DATA_OPS
            and type(match_id) is int
            and match_id > 0
            and SPORT_MODELS.get(snapshot.sport or "", GenericSnapshot) is model
        ):
            check_required(snapshot)
            return SnapshotFrame(envelope.op, snapshot, envelope.sent_at)
    frame = _decode_stepwise(raw)
    if type(frame) is SnapshotFrame:
        _last_model[0] = type(frame.snapshot)
    return frame


def _decode_stepwise(raw: str | bytes) -> Frame:
    """Envelope, then the data's head, then its model: each failure named precisely."""
    envelope = _decode(_envelope_decoder, raw, where="frame")
    if envelope.op == "error":
        if not isinstance(envelope.error, str):
            raise FrameError("invalid_field", "error frame without a text `error`")
        return ErrorFrame(envelope.error)
    if envelope.op not in DATA_OPS:
        raise FrameError("unknown_op", "unknown op")
    if not envelope.data:
        raise FrameError("missing_data", f"{envelope.op} frame without `data`")
    snapshot = decode_snapshot(envelope.data)
    return SnapshotFrame(envelope.op, snapshot, envelope.sent_at)


def decode_snapshot(raw: str | bytes) -> Snapshot:
    """Decode a live snapshot object (a frame's `data`, or the REST live body)."""
    head = _decode(_head_decoder, raw, where="data")
    match_id = head.match_id
    if type(match_id) is not int or match_id <= 0:
        raise FrameError("bad_match_id", "`match_id` missing or not a positive integer")
    sport = head.sport
    if sport is not None and not isinstance(sport, str):
        raise FrameError("invalid_field", "`sport` is not a string")
    model = SPORT_MODELS.get(sport or "", GenericSnapshot)
    snapshot: Snapshot = _decode(_model_decoders[model], raw, where="data")
    check_required(snapshot)
    return snapshot


def check_required(snapshot: Snapshot) -> None:
    """Reject a snapshot that lacks a field its sport requires while live."""
    if snapshot.status != "live":
        return
    for name in REQUIRED_WHILE_LIVE.get(type(snapshot), ()):
        if getattr(snapshot, name) is None:
            raise FrameError("missing_field", f"live {snapshot.sport} snapshot without `{name}`")


def _decode(decoder: msgspec.json.Decoder[Any], raw: str | bytes, *, where: str) -> Any:
    try:
        return decoder.decode(raw)
    except msgspec.ValidationError as exc:
        message = str(exc)
        if message.startswith("Expected `object`") and " - at " not in message:
            raise FrameError("not_object", f"{where} is not a JSON object") from None
        if "missing required field `op`" in message:
            raise FrameError("unknown_op", "frame without `op`") from None
        raise FrameError("invalid_field", _short(message)) from None
    except (msgspec.DecodeError, UnicodeDecodeError):  # bytes with broken UTF-8 in a string
        raise FrameError("not_json", f"{where} is not valid JSON") from None
    except RecursionError:
        raise FrameError("too_deep", f"{where} is nested too deeply") from None


def _short(message: str, limit: int = 120) -> str:
    """msgspec's message names the field path and the expected type, never the value."""
    return message if len(message) <= limit else message[: limit - 1] + "…"
