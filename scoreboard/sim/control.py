"""Parsing and validation of the stream's client control messages.

`parse_control` turns one received message into a `Control` or a plain-words
error string for an `{"op": "error"}` frame. Client text is echoed only
shortened, so a huge or hostile value cannot bloat the answer.
"""

from __future__ import annotations

from typing import Any

import msgspec

ACTIONS = ("subscribe", "unsubscribe")
_decode = msgspec.json.Decoder().decode


class Control(msgspec.Struct, frozen=True):
    action: str  # "subscribe" or "unsubscribe"
    match_id: int


def parse_control(message: str | bytes) -> Control | str:
    """A valid control message, or the reason it is not one."""
    try:
        doc: Any = _decode(message)
    except (msgspec.DecodeError, UnicodeDecodeError):
        return "message is not valid JSON"
    if not isinstance(doc, dict):
        return f"control message must be a JSON object, got {_json_type(doc)}"
    expected = "expected 'subscribe' or 'unsubscribe'"
    if "action" not in doc:
        return f"missing 'action' ({expected})"
    action = doc["action"]
    if not isinstance(action, str):
        return f"'action' must be a string ({expected}), got {_json_type(action)}"
    if action not in ACTIONS:
        return f"unknown action {_short(action)} ({expected})"
    if "match_id" not in doc:
        return f"missing 'match_id' in {action} (an integer match id)"
    match_id = doc["match_id"]
    if isinstance(match_id, bool) or not isinstance(match_id, int):
        return f"'match_id' must be an integer, got {_json_type(match_id)}"
    return Control(action, match_id)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number with a fraction"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _short(value: str, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
