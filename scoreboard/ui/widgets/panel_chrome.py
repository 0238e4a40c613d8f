"""A panel's border: its title (label, competition, followed mark) and its badges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from scoreboard.ui.render.common import flash_badge, status_badge, styled
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.styles import DIM, badge
from scoreboard.ui.render.summary import half_time as _half_time
from scoreboard.ui.render.summary import panel_title

if TYPE_CHECKING:
    from textual.widget import Widget

    from scoreboard.core.events import MatchSummary
    from scoreboard.core.models import Snapshot
    from scoreboard.ui.widgets.guarded import GuardedView

    _Base = Widget
else:
    _Base = object


#: The fewest cells worth showing a moment in, beside the badges.
MOMENT_MIN = 8


class PanelChrome(_Base):
    """Title and badges of a panel, redrawn only when what they show changed (a mixin)."""

    label: str
    snapshot: Snapshot | None
    summary: MatchSummary | None
    stale: bool
    error: str | None
    polling: bool
    followed: bool
    recent: str
    guard: GuardedView
    _badge_key: tuple[object, ...]
    hidden: bool

    if TYPE_CHECKING:

        def _time_key(self) -> tuple[object, ...]: ...

        def _time_badges(self) -> list[Text]: ...
        def _flash_word(self) -> str | None: ...

        focus_mark: bool

        @property
        def highlighted(self) -> bool: ...

        density: str
        _whole: bool

    def _update_chrome(self) -> None:
        snap = self.snapshot
        summary = self.summary
        key = (
            None if snap is None else (snap.status, snap.competition, _half_time(snap)),
            self.stale,
            self.error is not None,
            self.polling,
            self._time_key(),
            self.followed,
            self.recent,
            None if summary is None else summary.status,
            self.focus_mark,
            self.highlighted,
            self.density,
            self.size.width,
        )
        if key == self._badge_key:
            return
        self._badge_key = key
        extra = self.guard.label(snap) if snap is not None else None
        title = panel_title(self.label, snap, summary, extra, followed=self.followed)
        self.border_title = Text.assemble(*self._title_marks(), title)
        if self.density == "ticker":  # the badge is on the line itself
            self._whole = True
            self.refresh()
        if snap is not None:
            shown = (
                (Text(" STALE ", style="bold reverse") if self.stale else Text())
                if self.hidden
                else status_badge(
                    snap.status, half_time=_half_time(snap), stale=self.stale, polling=self.polling
                )
            )
            badges = [b for b in (*self._time_badges(), shown) if b]
            # The latest moment gives a hidden score away: hidden panels keep it to themselves.
            moment = self._moment(badges) if self.recent and not self.hidden else []
            self.border_subtitle = Text(" ").join([*moment, *badges])
        elif summary is not None and summary.status != "live":
            said = [] if self.hidden else [status_badge(summary.status)]  # FT gives it away
            self.border_subtitle = Text(" ").join([*self._time_badges(), *said])
        elif self.error is not None:
            self.border_subtitle = styled(" UNAVAILABLE ", badge("unavailable"))
        else:
            self.border_subtitle = Text(" ").join(self._time_badges())

    def _moment(self, badges: list[Text]) -> list[Text]:
        """The latest moment, cut to the room the badges leave on the bottom border
        (the status badge always shows), or nothing where fewer than 8 cells are left.
        """
        # The border keeps a corner and a rule each side; a space joins each badge.
        room = self.size.width - 4 - sum(b.cell_len + 1 for b in badges) - 2
        if room < MOMENT_MIN:
            return []
        shown = fit(self.recent, min(room, cell_len(self.recent))).plain
        return [styled(f" {shown} ", DIM)]

    def on_resize(self) -> None:
        """The moment beside the badges is cut to the panel's width."""
        self._update_chrome()

    def _title_marks(self) -> list[Text]:
        """Before the title: ` GOAL ` while it flashes, the focus mark when focused."""
        marks = []
        word = self._flash_word()
        if word:
            marks += [flash_badge(word), Text(" ")]
        if self.focus_mark:
            marks.append(styled(f"{glyphs().focus} ", "bold"))
        return marks
