"""The scrolling grid the match panels sit in."""

from __future__ import annotations

from textual.containers import ScrollableContainer

from scoreboard.ui.paint.composited import KeepsComposite


class PanelGrid(KeepsComposite, ScrollableContainer):
    """The grid of match panels; the app sets its column count on resize (`app.tcss`)."""
