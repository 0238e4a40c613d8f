"""The footer of key bindings: whole keys only, the most useful first when narrow."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from scoreboard.ui.paint.composited import KeepsComposite

#: Which keys stay when the footer cannot show them all (the rest are in `?` help).
#: The way back out of a screen comes first: without it a narrow detail view
#: (40x12) showed the scroll and rewind keys but not `esc Back`.
PRIORITY = (
    "app.pop_screen",
    "dismiss",
    "quit",
    "app.quit",
    "help",
    "add_match",
    "open_detail",
    "remove_match",
    "cycle_density",
    "diagnostics",
)
#: Narrower than this, the footer is compact and leaves out `^p palette` (still on
#: Ctrl+P, and in help) so that every key, `q Quit` last among them, stays readable.
COMPACT_BELOW = 80


class KeysFooter(KeepsComposite, Footer):
    """Textual's footer of key bindings, handed to the compositor unchanged until it changes.

    A key that does not fit is left out whole instead of cut in the middle
    (`? Hel`): at 40 columns the footer shows quit, help, add, detail and
    remove; help lists every key.
    """

    def __init__(self) -> None:
        super().__init__()
        self._fits_width = 0
        #: The keys (with enabled and tooltip) the footer was last composed for.
        self._composed_for: list[tuple[Binding, bool, str]] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose again only if the keys it shows changed.

        Textual recomposes the footer on every focus change, and mounting its
        keys lays out the whole screen, every panel of the grid with it: with
        10,000 panels each arrow key cost ~0.4 s (docs/decisions.md, "Many
        matches"). Moving between panels leaves the keys as they were.
        """
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = [
                (binding, enabled, tooltip)
                for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            ]
            if shown == self._composed_for:
                return
            self._composed_for = shown
        super().bindings_changed(screen)

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        compact = width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            self.show_command_palette = not compact
        if width != self._fits_width:
            self._fits_width = width
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        width = self._fits_width or self.app.size.width
        need = sum(_cells(item, self.compact) for item in items)
        if need <= width:
            yield from items
            return
        keep: set[int] = set()
        room = width
        for index in sorted(range(len(items)), key=lambda i: _rank(items[i])):
            cells = _cells(items[index], self.compact)
            if cells <= room:
                keep.add(index)
                room -= cells
        yield from (item for index, item in enumerate(items) if index in keep)


def _rank(item: Widget) -> int:
    action = getattr(item, "action", "")
    if item.has_class("-command-palette"):
        return len(PRIORITY) + 1
    return PRIORITY.index(action) if action in PRIORITY else len(PRIORITY)


def _cells(item: Widget, compact: bool) -> int:
    """How wide a footer key draws (its key, its description, and padding)."""
    key = getattr(item, "key_display", None)  # a key (Textual's FooterKey), not a label
    if not isinstance(key, str):
        return 0
    description = str(getattr(item, "description", ""))
    padding = 2 if compact else 3
    if item.has_class("-command-palette"):
        padding += 1  # its separator
    return cell_len(key) + (cell_len(description) + 1 if description else 0) + padding
