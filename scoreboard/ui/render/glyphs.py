"""The symbols the renderers draw, in Unicode or in plain ASCII.

`--ascii` (or `ascii = true`, or a terminal that cannot draw them, see
`ui/look/ascii.py`) swaps emoji, arrows, box drawing and dots for ASCII. The
choice is one per process (one terminal), made by the app when it starts
(`use`); renderers read `glyphs()` when they lay a line out. Layouts cached by
value (`lru_cache`) are registered with `cached` and forgotten when the choice
changes, so a cached line never carries the other set's symbols.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar


@dataclass(frozen=True)
class Glyphs:
    ascii: bool = False
    #: Between parts of one line: `58:42 · Second half`, `41282 · Premier League`.
    sep: str = "·"
    ellipsis: str = "…"
    goal: str = "⚽"
    #: An own goal on the charts: not `waiting`'s ◌ (the status line's).
    own_goal: str = "◎"
    card: str = "▮"
    substitution: str = "⇄"
    missed: str = "✗"
    warning: str = "⚠"
    batting: str = "▶"
    dot_ball: str = "·"
    #: A stat bar's home and away parts: told apart by shape as well as colour.
    bar_home: str = "━"
    bar_away: str = "─"
    bar_empty: str = "╌"
    focus: str = "▶"
    down: str = "↓"
    rewind: str = "⏪"
    #: The status line's connection marks.
    live: str = "●"
    waiting: str = "◌"
    refused: str = "✖"
    closed: str = "○"


UNICODE = Glyphs()
ASCII = Glyphs(
    ascii=True,
    sep="|",
    ellipsis="~",
    goal="GOAL",
    own_goal="O",
    card="#",
    substitution="SUB",
    missed="x",
    warning="!",
    batting=">",
    dot_ball=".",
    bar_home="=",
    bar_away="-",
    bar_empty=".",
    focus=">",
    down="Down",
    rewind="<<",
    live="*",
    waiting="o",
    refused="x",
    closed="-",
)

_current = UNICODE
_caches: list[Callable[[], None]] = []

F = TypeVar("F", bound=Callable[..., Any])


def glyphs() -> Glyphs:
    """The symbols in use."""
    return _current


def use(choice: Glyphs) -> None:
    """Draw with `choice` from now on (the app calls this once, at start)."""
    global _current
    if choice != _current:
        _current = choice
        for clear in _caches:
            clear()


def cached(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache`, forgotten when the glyph set changes."""

    def wrap(function: F) -> F:
        cached_function = lru_cache(maxsize=maxsize)(function)
        _caches.append(cached_function.cache_clear)
        return cached_function  # type: ignore[return-value]

    return wrap


def sep() -> str:
    """` · ` (or ` | `): the separator with its spaces."""
    return f" {_current.sep} "


__all__ = ["ASCII", "UNICODE", "Glyphs", "cached", "glyphs", "sep", "use"]
