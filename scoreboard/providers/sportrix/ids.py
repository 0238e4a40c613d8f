"""Sportrix match ids: positive whole numbers."""

from __future__ import annotations

from scoreboard.core.ids import shown


def parse_sportrix_id(text: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) <= 0:
        raise ValueError(f"a Sportrix match id is a positive whole number, not {shown(text)}")
    return int(text)
