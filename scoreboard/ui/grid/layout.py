"""The grid of panels: how dense, how many columns, where the arrows go.

`GridLayout` is a part the app owns. It holds the grid widget (`PanelGrid`)
and the "no matches yet" note inside it; the terminal's size picks a density
(`grid/density.py`) unless one was chosen with `z` (remembered in the user's
state directory) or configured; the density and the number of panels pick
the columns; the arrows move the focus through the panels in grid order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import Static

from scoreboard.core.events import MatchRef
from scoreboard.ui.board import Cards, Notifies
from scoreboard.ui.grid.density import DensityMemory, auto_density, columns_for, next_choice
from scoreboard.ui.grid.looks import CardLooks
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.panel_grid import PanelGrid


class GridBoard(Cards, Notifies, Protocol):
    """What the grid needs of the board: its cards, the focus, its size and a word."""

    @property
    def size(self) -> Size: ...


class GridLayout:
    """Density, columns and focus moves of the grid of panels (see the module doc)."""

    def __init__(self, board: GridBoard, *, configured: str | None, state_dir: Path | None):
        self._board = board
        self._memory = DensityMemory(state_dir)
        #: What the user asked for (`auto`, or one density), and what is shown.
        self.density_choice = configured or self._memory.load() or "auto"
        self.density = "full"
        self.columns = 1
        #: The grid widget and the note it shows while it has no panels (made in `compose`).
        self.widget = PanelGrid(id="grid", classes=f"-{self.density}")
        self.empty = Static(
            Text.assemble(
                "No matches yet. Press ",
                ("a", "bold"),
                " to add one, ",
                ("?", "bold"),
                " for help.",
            ),
            id="empty",
        )
        #: One hidden template per look, mounted in the grid (`grid/looks.py`).
        self.looks = CardLooks()

    def start(self) -> None:
        """The app runs: say why the kept density could not be read, if it could not."""
        if self._memory.problem:
            self._board.notify(
                self._memory.problem, title="Density", severity="warning", markup=False
            )

    @property
    def panels(self) -> list[MatchPanel]:
        """The panels in the order shown."""
        return self.widget.panels

    # -- panels in and out ----------------------------------------------------------

    def mount(self, cards: list[MatchPanel], index: int | None = None) -> None:
        """Put `cards` in the grid, at `index` (else last); one mount for them all
        (Textual's mount walks the grid's children: one by one was quadratic)."""
        panels = self.widget.panels
        if index is not None and index < len(panels):
            self.widget.mount(*cards, before=panels[max(index, 0)])
        elif cards:
            self.widget.mount(*cards)

    def count_changed(self) -> None:
        """Panels came or went: the columns follow, and the note shows without any."""
        self.set_columns()
        self.empty.display = not self._board.cards

    def shown_refs(self) -> list[MatchRef]:
        """The shown matches in their order on screen."""
        return [card.ref for card in self.widget.panels]

    def reorder(self, refs: Iterable[MatchRef]) -> None:
        """Put the panels of `refs` in that order (the rest after them)."""
        cards = self._board.cards
        panels = [cards[ref] for ref in refs if ref in cards]
        for before, panel in itertools.pairwise(panels):
            self.widget.move_child(panel, after=before)
        if panels:
            self.widget.move_child(panels[0], before=0)

    def restyle(self) -> None:
        """The palette changed: every panel redraws its styled text."""
        for panel in self._board.cards.values():
            panel.restyle()

    # -- density and columns --------------------------------------------------------

    def shown_density(self, width: int, height: int) -> str:
        """The density to show at this terminal size."""
        choice = self.density_choice
        return auto_density(width, height) if choice == "auto" else choice

    def resized(self, width: int, height: int) -> None:
        """The terminal's new size (the board may still report the old one while the
        resize is handled: the columns go by the size given here)."""
        self.apply_density(self.shown_density(width, height), width)

    def cycle_density(self) -> None:
        """`z`: auto, full, compact, ticker, auto... The choice is remembered."""
        size = self._board.size
        auto_shows = auto_density(size.width, size.height)
        choice = self.density_choice = next_choice(self.density_choice, auto_shows)
        self._memory.save(choice)
        self.apply_density(self.shown_density(size.width, size.height))
        said = f"auto ({self.density} at this size)" if choice == "auto" else choice
        self._board.notify(f"Panels: {said} (z for the next)", timeout=2)

    def apply_density(self, density: str, width: int | None = None) -> None:
        """Show every panel at `density`, in as many columns as fit in `width` (None:
        the board's width)."""
        if density != self.density:
            self.density = density
            self.widget.set_classes(f"-{density}")
            for panel in self._board.cards.values():
                panel.set_density(density)
        self.set_columns(width)

    def set_columns(self, width: int | None = None) -> None:
        """As many columns as panels of this density fit, but no more than there are
        panels: two matches at 200 columns are two wide panels, not two and an empty third."""
        cards: Mapping[MatchRef, MatchPanel] = self._board.cards
        width = self._board.size.width if width is None else width
        columns = columns_for(self.density, width, len(cards))
        if columns != self.columns:
            self.columns = columns
            self.widget.styles.grid_size_columns = columns
        self.widget.share_rows()

    # -- where a card is -------------------------------------------------------------

    def region_of(self, card: MatchPanel) -> Region:
        """Where `card` is on the screen, border and all, whether scrolled into view or
        not (an empty region until laid out). The grid's answer, not the card's: when
        the grid is one view drawing every card (issue 26) a card has no widget."""
        return card.region

    def lines_of(self, card: MatchPanel) -> list[Strip]:
        """What the grid draws for `card`, border and all, line by line (what a paint
        that shows it puts on the screen)."""
        width, height = card.outer_size
        return card.render_lines(Region(0, 0, width, height))

    # -- focus ----------------------------------------------------------------------

    def focus(self, card: MatchPanel) -> None:
        """Focus `card` now, not after the keys already queued (`Widget.focus` waits):
        keys that arrive together (a paste, a slow link) each act on the focus the
        key before them left."""
        card.screen.set_focus(card)  # and the grid scrolls it into view

    def move(self, dx: int, dy: int) -> None:
        """An arrow key: the panel `dx` across and `dy` rows down from the focused one."""
        cards = self.widget.panels
        if not cards:
            return
        card = self._board.focused_card
        index = cards.index(card) if card in cards else 0
        target = min(max(index + dx + dy * self.columns, 0), len(cards) - 1)
        self.focus(cards[target])
