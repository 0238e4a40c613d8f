"""Widgets that hand Textual the same strips until something marks them dirty.

Textual's compositor re-renders every widget whose clip overlaps the bounding
box of a paint, not only the widget that changed: a clock ticking on one
panel made every panel, the status line, the footer and the screen itself
render again (through their style caches, with filters), ten times a second
with nothing else happening. A widget with this mixin keeps what it last
returned from `render_lines` and gives it back while nothing has marked it
dirty: every path that makes a widget repaint (a refresh, a restyle, a
resize, a theme change) goes through `_set_dirty`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class KeepsComposite(_Base):
    """Mixin for a widget: unchanged since its last composite → the same strips."""

    _composited: tuple[Region, list[Strip]] | None = None

    def _set_dirty(self, *regions: Region) -> None:
        self._composited = None
        super()._set_dirty(*regions)

    def render_lines(self, crop: Region) -> list[Strip]:
        composited = self._composited
        if composited is not None and composited[0] == crop:
            return composited[1]
        strips = super().render_lines(crop)
        self._composited = (crop, strips)
        return strips


class PanelGrid(KeepsComposite, ScrollableContainer):
    """The scrolling grid the match panels sit in."""


class KeysFooter(KeepsComposite, Footer):
    """Textual's footer of key bindings."""


class MainScreen(KeepsComposite, Screen[None]):
    """The app's default screen."""
