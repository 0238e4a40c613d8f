"""The footer of key bindings."""

from __future__ import annotations

from textual.widgets import Footer

from scoreboard.ui.paint.composited import KeepsComposite


class KeysFooter(KeepsComposite, Footer):
    """Textual's footer of key bindings, handed to the compositor unchanged until it changes."""
