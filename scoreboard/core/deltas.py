"""How the history encodes a state and what changed in it (MessagePack, via msgspec).

A *full map* is a dict of field name -> `msgspec.Raw` (the field's encoded
value) plus `~type`, the snapshot's model. A *delta* is an encoded map of the
fields that changed: `name` replaces the field, `+name` merges a map into it
(a stat map that changed some keys), `>name` appends to a list (events that
only grew). `apply` folds a delta into a full map; `materialise` decodes one.
"""

from __future__ import annotations

import msgspec
from msgspec import Raw

from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)

#: The pseudo-field naming the snapshot's type in a full map.
TYPE_KEY = "~type"
TYPES: dict[str, type[Snapshot]] = {
    t.__name__: t for t in (SoccerSnapshot, CricketSnapshot, BasketballSnapshot, GenericSnapshot)
}
_encode = msgspec.msgpack.Encoder().encode
#: The integers MessagePack holds; one beyond them is kept as the nearest (see `encode`).
INT_MIN, INT_MAX = -(2**63), 2**64 - 1


def encode(value: object) -> bytes:
    """`value` as MessagePack; an integer past 64 bits (a hostile `10**400`) kept clamped.

    The history keeps what it can of such a state rather than nothing: the
    panel shows the number as it came (it holds the snapshot itself). The
    fallback runs only on the `OverflowError`; the common case is the encoder.
    """
    try:
        return _encode(value)
    except OverflowError:
        return _encode(_clamped(value))


def _clamped(value: object) -> object:
    if type(value) is int:
        return min(max(value, INT_MIN), INT_MAX)
    if isinstance(value, dict):
        return {key: _clamped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clamped(item) for item in value]
    if isinstance(value, msgspec.Struct):
        fields = value.__struct_fields__
        return msgspec.structs.replace(value, **{f: _clamped(getattr(value, f)) for f in fields})
    return value


as_map = msgspec.msgpack.Decoder(dict[str, Raw]).decode
_as_list = msgspec.msgpack.Decoder(list[Raw]).decode
_decoders = {name: msgspec.msgpack.Decoder(t).decode for name, t in TYPES.items()}
#: A delta's key prefixes (see the module docstring).
OPS = "+>"


def materialise(current: dict[str, Raw]) -> Snapshot:
    name = msgspec.msgpack.decode(current[TYPE_KEY], type=str)
    return _decoders[name](encode(current))


def delta_of(
    changed: list[int], fields: tuple[str, ...], old: tuple[object, ...], new: tuple[object, ...]
) -> dict[str, object]:
    """What changed: a stat map as its changed keys, a list that grew as its tail."""
    delta: dict[str, object] = {}
    for i in changed:
        was, now = old[i], new[i]
        if type(now) is dict and type(was) is dict and was.keys() <= now.keys():
            delta["+" + fields[i]] = {k: v for k, v in now.items() if k not in was or was[k] != v}
        elif isinstance(now, msgspec.Struct) and type(now) is type(was):
            # A struct (the clock) as the fields that moved: `{"second": 13}`.
            names = now.__struct_fields__
            moved = {f: getattr(now, f) for f in names if getattr(was, f) != getattr(now, f)}
            if len(moved) < len(names):
                delta["+" + fields[i]] = moved
            else:
                delta[fields[i]] = now
        elif (
            type(now) is list
            and type(was) is list
            and len(now) > len(was)
            and now[: len(was)] == was
        ):
            delta[">" + fields[i]] = now[len(was) :]
        else:
            delta[fields[i]] = now
    return delta


def apply(state: dict[str, Raw], delta: bytes) -> dict[str, Raw]:
    """Apply one encoded delta to a full map of fields (in place); returns it."""
    for key, raw in as_map(delta).items():
        op = key[0]
        if op == "+":
            name = key[1:]
            merged = as_map(state[name])
            merged.update(as_map(raw))
            state[name] = Raw(encode(merged))
        elif op == ">":
            name = key[1:]
            state[name] = Raw(_concat(memoryview(state[name]), memoryview(raw)))
        else:
            state[key] = raw
    return state


def diff(before: dict[str, Raw], after: dict[str, Raw]) -> dict[str, Raw]:
    """The plain delta from one full map to another (only changed fields)."""
    if before.get(TYPE_KEY) != after.get(TYPE_KEY):
        return after
    delta: dict[str, Raw] = {}
    for key, now in after.items():
        was = before.get(key)
        if was == now:
            continue
        if was is not None and _is_map(was) and _is_map(now):
            old_map, new_map = as_map(was), as_map(now)
            if old_map.keys() <= new_map.keys():
                changed = {k: v for k, v in new_map.items() if old_map[k] != v}
                delta["+" + key] = Raw(encode(changed))
                continue
        if was is not None and _is_list(was) and _is_list(now):
            old_list, new_list = _as_list(was), _as_list(now)
            if len(new_list) > len(old_list) and new_list[: len(old_list)] == old_list:
                delta[">" + key] = Raw(encode(new_list[len(old_list) :]))
                continue
        delta[key] = now
    return delta


def _is_map(raw: Raw) -> bool:
    head = memoryview(raw)[0]
    return 0x80 <= head <= 0x8F or head in (0xDE, 0xDF)


def _is_list(raw: Raw) -> bool:
    head = memoryview(raw)[0]
    return 0x90 <= head <= 0x9F or head in (0xDC, 0xDD)


def _array_head(data: memoryview) -> tuple[int, int]:
    """(element count, header length) of an encoded MessagePack array."""
    head = data[0]
    if 0x90 <= head <= 0x9F:
        return head & 0x0F, 1
    if head == 0xDC:
        return int.from_bytes(data[1:3], "big"), 3
    if head == 0xDD:
        return int.from_bytes(data[1:5], "big"), 5
    raise ValueError("not a MessagePack array")


def _concat(first: memoryview, second: memoryview) -> bytes:
    """Two encoded arrays as one, by their bytes: a long event list is never decoded."""
    count1, skip1 = _array_head(first)
    count2, skip2 = _array_head(second)
    count = count1 + count2
    if count <= 15:
        head = bytes([0x90 | count])
    elif count <= 0xFFFF:
        head = b"\xdc" + count.to_bytes(2, "big")
    else:
        head = b"\xdd" + count.to_bytes(4, "big")
    return b"".join((head, first[skip1:], second[skip2:]))
