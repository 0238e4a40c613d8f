"""How the grid of panels is laid out and walked: density, columns, arrow keys.

`GridLayout` is mixed into the app: the terminal's size picks a density
(`ui/density.py`), the density and the number of panels the columns, and the
arrows move the focus through the panels in grid order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoreboard.ui.grid.density import columns_for

if TYPE_CHECKING:
    from textual.app import App
    from textual.events import Resize

    from scoreboard.core.events import MatchRef
    from scoreboard.ui.widgets.match_panel import MatchPanel
    from scoreboard.ui.widgets.panel_grid import PanelGrid

    _Base = App[None]
else:
    _Base = object


class GridLayout(_Base):
    """Density, columns and focus moves of the app's grid (a mixin)."""

    density: str
    _columns: int
    _grid: PanelGrid

    if TYPE_CHECKING:

        @property
        def cards(self) -> dict[MatchRef, MatchPanel]: ...

        @property
        def focused_card(self) -> MatchPanel | None: ...

        def shown_density(self, width: int, height: int) -> str: ...

    def _focus(self, card: MatchPanel) -> None:
        """Focus `card` now, not after the keys already queued (`Widget.focus` waits):
        keys that arrive together (a paste, a slow link) each act on the focus the
        key before them left."""
        card.screen.set_focus(card)  # and the grid scrolls it into view

    def on_resize(self, event: Resize) -> None:
        self.apply_density(self.shown_density(*event.size))

    def apply_density(self, density: str) -> None:
        """Show every panel at `density`, in as many columns as fit."""
        if density != self.density:
            self.density = density
            self._grid.set_classes(f"-{density}")
            for panel in self.cards.values():
                panel.set_density(density)
        self._set_columns()

    def _set_columns(self) -> None:
        """As many columns as panels of this density fit, but no more than there are
        panels: two matches at 200 columns are two wide panels, not two and an empty third."""
        columns = columns_for(self.density, self.size.width, len(self.cards))
        if columns != self._columns:
            self._columns = columns
            self._grid.styles.grid_size_columns = columns

    def action_move(self, dx: int, dy: int) -> None:
        cards = self._grid.panels
        if not cards:
            return
        card = self.focused_card
        index = cards.index(card) if card in cards else 0
        target = min(max(index + dx + dy * self._columns, 0), len(cards) - 1)
        self._focus(cards[target])
