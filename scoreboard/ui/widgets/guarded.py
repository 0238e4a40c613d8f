"""A sport's view whose failures cost one update of one panel, never the app.

A layout that raises is a bug, or a value nobody foresaw. `GuardedView`
calls the sport's view (`render.sports.view_for`) and, when it raises, keeps
the panel's last good picture under a one-line note, counts `render_error`
in the diagnostics once per snapshot, and has the traceback logged once per
kind (`Diagnostics.contain`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM, WARN

Card = Callable[[Snapshot, int], list[Text]]
CANT_DRAW = "can't draw this update; showing the last good one"


class GuardedView:
    """The sport views of one panel (or detail view), contained."""

    def __init__(self, name: str) -> None:
        #: Said in the log with the traceback (the match).
        self.name = name
        #: Where contained failures are counted (the feed router's); None: only logged.
        self.diagnostics: Diagnostics | None = None
        #: The newest snapshot whose layout did not raise.
        self.good: Snapshot | None = None
        #: The snapshot whose layout raised last (counted once, however often drawn).
        self._failed: Snapshot | None = None

    @property
    def failed(self) -> bool:
        """The newest snapshot laid out could not be drawn: an older one is shown."""
        return self._failed is not None

    def card(self, snap: Snapshot, width: int, layout: Card | None = None) -> list[Text]:
        """The panel's lines for `snap` (by `layout`, the sport's full panel by default);
        if the layout raises, the last good ones under a note."""
        try:
            lines = (layout or view_for(snap).card)(snap, width)
        except Exception as exc:
            self.failure(snap, exc, "layout")
        else:
            self.good, self._failed = snap, None
            return lines
        note = cant_draw_line(width)
        good = self.good
        if good is None:
            return [note]
        try:
            return [note, *(layout or view_for(good).card)(good, width)]
        except Exception:  # pragma: no cover - it was drawn before at some width
            return [note]

    def highlight(self, old: Snapshot, new: Snapshot) -> bool:
        try:
            return view_for(new).highlight(old, new)
        except Exception as exc:
            self.failure(new, exc, "highlight")
            return False

    def label(self, snap: Snapshot) -> str | None:
        try:
            return view_for(snap).label(snap)
        except Exception as exc:
            self.failure(snap, exc, "title")
            return None

    def failure(self, snap: Snapshot, exc: Exception, what: str) -> None:
        """Count `exc` as a `render_error`, once per snapshot."""
        if snap is self._failed:
            return
        self._failed = snap
        if self.diagnostics is not None:
            self.diagnostics.contain("render_error", exc, f"{self.name} {what}")
        else:
            Diagnostics.empty().contain("render_error", exc, f"{self.name} {what}")


def cant_draw_line(width: int) -> Text:
    """`⚠ can't draw this update; showing the last good one`, fitted to `width`."""
    return fit(Text.assemble(("⚠ ", WARN), (CANT_DRAW, DIM)), width)
