"""A refused match's panel, once the catalog has said what the match is.

A mixin of `MatchPanel`: `show_summary` puts the REST catalog's entry on a
panel whose match the feed refused (a finished match's final score, a
scheduled one's kick-off) and, for a scheduled match, ticks its countdown
once a second until the match goes live on the panel.
"""

from __future__ import annotations

from time import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer

from scoreboard.core.events import MatchSummary
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.unavailable import unavailable_lines

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class Refusal(_Base):
    """Mixin for `MatchPanel`: the catalog's word on a refused match, and its countdown."""

    snapshot: Snapshot | None
    summary: MatchSummary | None
    error_final: bool
    updates: int
    _countdown: Timer | None = None

    if TYPE_CHECKING:  # the panel's own; declared only for the type checker
        label: str

        def set_summary(self, summary: MatchSummary | None) -> None: ...

    def refusal_lines(self, error: str, summary: MatchSummary | None, width: int) -> list[Text]:
        """The body of a refused panel with no snapshot: why, and what the catalog says
        (`summary`: None while the panel's score is hidden, a result being a spoiler)."""
        return unavailable_lines(
            error,
            final=self.error_final,
            label=self.label,
            summary=summary,
            width=width,
            now=getattr(self.app, "wall_clock", time)(),
            tz=getattr(self.app, "timezone", None),
        )

    def show_summary(self, summary: MatchSummary) -> None:
        """The catalog's word on a refused match: final score, or kick-off and countdown."""
        self.error_final = summary.status == "finished"  # over: nothing to ask for again
        self.updates += 1  # the body changes: draw it again
        self.set_summary(summary)
        if summary.status == "scheduled" and self._countdown is None:
            self._countdown = self.set_interval(1.0, self._count_down)

    def _count_down(self) -> None:
        summary = self.summary
        if self.snapshot is not None or summary is None or summary.status != "scheduled":
            if self._countdown is not None:
                self._countdown.stop()
                self._countdown = None
            if self.snapshot is not None and summary is not None:
                self.set_summary(None)  # live now: the catalog's word is old news
            return
        self.updates += 1  # the countdown line reads differently
        self.refresh()
