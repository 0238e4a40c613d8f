"""A match panel's density, focus mark and height (a mixin for `MatchPanel`).

Full panels draw what `MatchPanel.full_body` lays out; compact panels and
ticker lines are pure text layout (`render/panel.py`, `render/compact.py`).
The panel is as high as its lines: Textual asks `get_content_height`, and a
change in the number of lines asks for a new layout (`_refresh_changed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from scoreboard.core.events import MatchSummary
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.panel import PanelState, panel_body
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.widgets.guarded import GuardedView

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


class PanelDensity(_Base):
    """Mixin for `MatchPanel` (which sets these attributes)."""

    label: str
    snapshot: Snapshot | None
    summary: MatchSummary | None
    error: str | None
    stale: bool
    density: str
    polling: bool
    error_final: bool
    hidden: bool
    guard: GuardedView
    _badge_key: tuple[object, ...]
    _whole: bool
    _layout_lines: int
    _drawn_key: tuple[object, ...]
    _drawn_lines: list[Text]
    updates: int
    #: Laying out for the layout's sake (see `get_content_height`): feed no charts.
    measuring = False
    #: `line_count`: what the count was taken for, and the count.
    _counted_key: tuple[object, ...] = ()
    _counted = 0
    #: Whether the focus mark shows: set by the Focus and Blur handlers themselves,
    #: which run before Textual's own handler updates `has_focus`.
    focus_mark = False

    if TYPE_CHECKING:  # provided by MatchPanel

        def full_body(self, width: int) -> list[Text]: ...
        def _update_chrome(self) -> None: ...
        @property
        def highlighted(self) -> bool: ...

    def body(self, width: int) -> list[Text]:
        """The panel's lines at its density, or why there is none yet."""
        snap = self.snapshot
        if self.density == "full" or (
            self.density == "compact" and (snap is None or self.summary is not None)
        ):
            return self.full_body(width)
        return panel_body(self._state(), width, self.app.console, self.guard.card)

    def _state(self) -> PanelState:
        snap = self.snapshot
        return PanelState(
            self.label,
            snap,
            self.error,
            stale=self.stale,
            focused=self.focus_mark,
            flashing=self.highlighted,
            density=self.density,
            polling=self.polling,
            extra=None if snap is None else self.guard.label(snap),
            hidden=self.hidden,
            summary=self.summary,
        )

    def _flash_word(self) -> str | None:
        """`GOAL`, `WICKET` while the panel flashes for one."""
        snap = self.snapshot
        if not self.highlighted or snap is None:
            return None
        return view_for(snap).flash_word or None

    def _variant(self) -> tuple[object, ...]:
        """What the lines depend on besides the snapshot, the error and the width."""
        return (self.density, self.focus_mark, self.stale, self.highlighted, self.hidden)

    def set_density(self, density: str) -> None:
        """Show this much: `full`, `compact` or `ticker` (see ui/density.py)."""
        if density != self.density:
            self.density = density
            self._update_chrome()
            self._whole = True
            self.refresh(layout=True)

    def on_focus(self) -> None:
        self.focus_mark = True
        self._update_chrome()  # a ticker line redraws whole with it

    def on_blur(self) -> None:
        self.focus_mark = False
        self._update_chrome()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As high as the lines it shows (no empty rows under a short panel).

        What it drew, if that is still current; else its lines without the chart
        line, which only a panel on screen feeds (charts cost nothing unseen).
        """
        drawn = self._drawn_key
        if drawn and drawn[0] == self.updates and drawn[2] == width and drawn[5] == self._variant():
            self._layout_lines = len(self._drawn_lines)
        else:
            self._layout_lines = self.line_count(width)
        return self._layout_lines

    def line_count(self, width: int) -> int:
        """How many lines the panel shows at `width` (the chart line left out).

        Kept until what the lines depend on changes: Textual asks every panel
        at every layout, and a panel off screen is never drawn.
        """
        key = (self.updates, self.error, self.error_final, width, self._variant(), self.summary)
        if key != self._counted_key:
            self.measuring = True
            try:
                self._counted = len(self.body(width))
            finally:
                self.measuring = False
            self._counted_key = key
        return self._counted
