"""Match ids as users type them: `41282`, `sportrix:41282`, `scorelytics:abc123`.

Pure functions, so the CLI can reject a bad `--match` before anything starts
and the providers and the add dialog give the same messages.
"""

from __future__ import annotations

import re

from scoreboard.feed.models import MatchId
from scoreboard.settings import PROVIDERS

_SCORELYTICS_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def parse_sportrix_id(text: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or int(text) <= 0:
        raise ValueError(f"a Sportrix match id is a positive whole number, not {_shown(text)}")
    return int(text)


def parse_scorelytics_id(text: str) -> str:
    text = text.strip()
    if not _SCORELYTICS_ID.fullmatch(text):
        raise ValueError(
            f"a Scorelytics match id is letters, digits, - or _ (like abc123), not {_shown(text)}"
        )
    return text


PARSERS = {"sportrix": parse_sportrix_id, "scorelytics": parse_scorelytics_id}


def parse_match_text(text: str, default_provider: str) -> tuple[str, MatchId]:
    """(provider, id) from what the user typed; `ValueError` says what is wrong."""
    name, sep, raw_id = text.strip().partition(":")
    if not sep:
        name, raw_id = default_provider, text
    elif name not in PROVIDERS:
        raise ValueError(f"unknown provider {_shown(name)} (known: {', '.join(PROVIDERS)})")
    return name, PARSERS[name](raw_id)


def _shown(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return repr(text if len(text) <= 30 else text[:29] + "…") if text else "an empty id"
