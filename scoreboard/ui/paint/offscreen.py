"""Panels off screen do not repaint: they draw the newest state once shown.

Textual paints only what is on screen, but a refresh of a widget off screen
still goes to the screen, and the screen's next update then marks its map of
every widget out of date (it might be a new widget), so the next lookup of a
widget's place lays out every widget again: with 10,000 panels and frames
arriving for all of them, that was about once a second, ~1 s each time.
`RepaintsWhenShown` drops a plain repaint of a panel Textual does not show
and remembers it; when Textual next draws the panel (scrolled into view, the
screen shown again), the whole panel is drawn afresh from its newest state.
Layouts always go through. It reads which widgets the compositor shows
(`Screen._compositor.visible_widgets`), so it acts only while the self-test's
speed-ups are on (`selftest.py`); off, every refresh is Textual's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from textual.geometry import Region
from textual.strip import Strip

from scoreboard.ui.paint.composited import speedups_on

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class RepaintsWhenShown(_Base):
    """Mixin for a widget: repaints off screen wait until it is shown."""

    #: A repaint was dropped while off screen: draw everything when next shown.
    _unpainted = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if repaint and not layout and not recompose and self._off_screen():
            self._unpainted = True
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _off_screen(self) -> bool:
        if not speedups_on() or not self.is_mounted:
            return False
        try:
            compositor = self.screen._compositor
        except Exception:  # no screen (yet): Textual decides
            return False
        return self not in compositor.visible_widgets

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._unpainted:
            self._unpainted = False
            self._set_dirty()  # the whole panel, from its newest state
        return super().render_lines(crop)
