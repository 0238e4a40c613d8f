"""What changed recently: each panel's latest notable moment and how long ago it was.

The alert center tells of every new moment (`AlertCenter.on_moment`); a
panel then shows it beside its badge (`⚽ B. Saka 67' · 2 min ago`, written
with a prime for minutes). A moment
the first snapshot already held shows its match minute only: when it
happened on the wall clock is not known. Once every 30 s the "ago" texts
are brought up to date. With `sort = "recent"` the most recently active
matches move to the front of the grid.

`RecentActivity` is a part the app owns: it asks the board (`RecentBoard`)
for the cards, timers, and the grid's order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from scoreboard.core.events import MatchRef
from scoreboard.core.notable import Notable
from scoreboard.ui.board import Cards, Timers
from scoreboard.ui.render.glyphs import glyphs, sep

PRIME = "\u2032"
REFRESH_SECONDS = 30.0
#: Longest moment text beside a panel's badge, before "· 2 min ago".
MOMENT_WIDTH = 30


def ago(seconds: float) -> str:
    """`just now`; 2 and 65 minutes ago as 2 and 1 h 5, each with a prime, then `ago`."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes}{PRIME} ago"
    return f"{minutes // 60} h {minutes % 60}{PRIME} ago"


class RecentBoard(Cards, Timers, Protocol):
    """What recent activity needs of the board: cards, timers and the grid's order."""

    def shown_refs(self) -> list[MatchRef]: ...

    def reorder(self, refs: list[MatchRef]) -> None: ...


class RecentActivity:
    """Each match's latest moment, shown beside its badge (see the module doc)."""

    def __init__(self, board: RecentBoard, wall: Callable[[], float] = time.time) -> None:
        self._board = board
        self._wall = wall
        #: The latest moment of each match and when it was seen (None: before we looked).
        self.latest: dict[MatchRef, tuple[Notable, float | None]] = {}
        self.sort_recent = False

    def start(self) -> None:
        self._board.set_interval(REFRESH_SECONDS, self.refresh_all)

    def moment(self, ref: MatchRef, notable: Notable, live: bool) -> None:
        self.latest[ref] = (notable, self._wall() if live else None)
        self._show(ref)
        if live and self.sort_recent:
            self._board.call_later(self.sort)

    def forget(self, ref: MatchRef) -> None:
        self.latest.pop(ref, None)

    def text(self, ref: MatchRef) -> str:
        found = self.latest.get(ref)
        if found is None:
            return ""
        notable, seen_at = found
        mark = notable.label if glyphs().ascii else notable.icon  # ASCII: the word
        said = _said(mark, notable.text, notable.when)
        if len(said) > MOMENT_WIDTH and notable.short:  # its figures kept (core/notable.py)
            said = _said(mark, notable.short, notable.when)
        if len(said) > MOMENT_WIDTH:
            said = said[: MOMENT_WIDTH - 1] + glyphs().ellipsis
        # Under a minute the panel's flash says "just now"; a replay then reads the same.
        if seen_at is not None and self._wall() - seen_at >= 60:
            said += f"{sep()}{ago(self._wall() - seen_at)}"
        return said

    def last_active(self, ref: MatchRef) -> float:
        found = self.latest.get(ref)
        return 0.0 if found is None else found[1] or 0.0

    def _show(self, ref: MatchRef) -> None:
        panel = self._board.cards.get(ref)
        if panel is not None:
            panel.set_marks(recent=self.text(ref))

    def refresh_all(self) -> None:
        for ref, (_, seen_at) in self.latest.items():
            if seen_at is not None:
                self._show(ref)

    def sort(self) -> None:
        """Most recently active first (a stable sort: the rest keep their order)."""
        self._board.reorder(sorted(self._board.shown_refs(), key=lambda r: -self.last_active(r)))


def _said(mark: str, text: str, when: str) -> str:
    said = text if text.startswith(mark) else f"{mark} {text}"
    return f"{said} {when}" if when and when not in said else said
