"""Match ids as users type them: `41282`, `sportrix:41282`, `scorelytics:abc123`.

Pure functions, so the CLI can reject a bad `--match` before anything starts
and the providers and the add dialog give the same messages. Which providers
exist, and how each parses its own ids, is the registry's to say
(`scoreboard.providers.registry.parse_match_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scoreboard.core.models import MatchId

IdParser = Callable[[str], MatchId]


def parse_match_text(
    text: str, default_provider: str, parsers: Mapping[str, IdParser]
) -> tuple[str, MatchId]:
    """(provider, id) from what the user typed; `ValueError` says what is wrong."""
    name, sep, raw_id = text.strip().partition(":")
    if not sep:
        name, raw_id = default_provider, text
    elif name not in parsers:
        raise ValueError(f"unknown provider {shown(name)} (known: {', '.join(parsers)})")
    return name, parsers[name](raw_id)


def shown(text: str) -> str:
    """`text` safe and short enough to quote in an error message."""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return repr(text if len(text) <= 30 else text[:29] + "…") if text else "an empty id"
