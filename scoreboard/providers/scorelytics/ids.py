"""Scorelytics match ids: letters, digits, `-` and `_`."""

from __future__ import annotations

import re

from scoreboard.core.ids import shown

_SCORELYTICS_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def parse_scorelytics_id(text: str) -> str:
    text = text.strip()
    if not _SCORELYTICS_ID.fullmatch(text):
        raise ValueError(
            f"a Scorelytics match id is letters, digits, - or _ (like abc123), not {shown(text)}"
        )
    return text
