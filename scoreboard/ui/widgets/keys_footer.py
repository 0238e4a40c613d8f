"""The footer of key bindings."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

from scoreboard.ui.paint.composited import KeepsComposite

#: Narrower than this, the footer is compact and leaves out `^p palette` (still on
#: Ctrl+P, and in help) so that every key, `q Quit` last among them, stays readable.
COMPACT_BELOW = 80


class KeysFooter(KeepsComposite, Footer):
    """Textual's footer of key bindings, handed to the compositor unchanged until it changes."""

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < COMPACT_BELOW
        if narrow != self.compact:
            self.compact = narrow
            self.show_command_palette = not narrow
            self.refresh(recompose=True)
