"""The grid as one virtual view: every card drawn by one widget (issue 26, step 2).

`GridView` is a Textual `ScrollView` (public Line API): its virtual height is
the cards' `Placement`, and `render_line(y)` draws only the line asked for,
from the cards of that row. A card is not a widget: it is anything with a
`version` that changes whenever what it draws changes, a `height` at a width,
and its `strips` at a width (`ViewCard`). Each card's strips are kept in a
cache keyed by (card, version, width), so a paint of an unchanged screen draws
nothing and a card off screen costs nothing but its state.

The view keeps the focus among its cards (`focus_index`; the card draws its
own mark: a change of focus is a change of the card's version), scrolls the
focused card into view, and says which card a click landed on
(`GridView.Clicked`). Not yet wired into the app: `PanelGrid` still holds
the panel widgets (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Protocol

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from scoreboard.ui.grid.placement import Placement, column_spans

#: Cards whose drawn strips are kept: a few screens' worth, never all 10,000.
CACHED_CARDS = 512


class ViewCard(Protocol):
    """What the view asks of a card: its version, its height and its lines."""

    @property
    def version(self) -> Hashable:
        """Changes whenever what the card draws changes (its cached lines go)."""
        ...

    def height(self, width: int) -> int:
        """How many lines the card is at `width`."""
        ...

    def strips(self, width: int) -> list[Strip]:
        """The card's lines at `width`, each `width` cells (a paint of a card on screen)."""
        ...


class GridView(ScrollView, can_focus=True):
    """The cards in `columns`, drawn by this one widget (see the module doc)."""

    class Clicked(Message):
        """A click landed on card `index` (the app focuses it)."""

        def __init__(self, view: GridView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(self, *, gutter: int = 1, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cards: list[ViewCard] = []
        self._columns = 1
        self._gutter = gutter
        self._placement = Placement([], width=0, columns=1)
        self._width = -1
        #: A card's strips by (index, version, width); the least recently shown go first.
        self._drawn: LRUCache[tuple[int, Hashable, int], list[Strip]] = LRUCache(CACHED_CARDS)
        self.focus_index: int | None = None
        #: The view's own style (a DOM walk): until the CSS says otherwise.
        self._style: Style | None = None

    # -- the cards in and out ------------------------------------------------------

    @property
    def cards(self) -> Sequence[ViewCard]:
        return self._cards

    @property
    def placement(self) -> Placement:
        return self._placement

    def set_cards(self, cards: Sequence[ViewCard], columns: int, gutter: int | None = None) -> None:
        """Show `cards` in `columns` (a card came or went, the order or density changed)."""
        self._cards = list(cards)
        self._columns = max(1, columns)
        if gutter is not None:
            self._gutter = gutter
        if self.focus_index is not None and self.focus_index >= len(self._cards):
            self.focus_index = len(self._cards) - 1 if self._cards else None
        self._drawn.clear()
        self._place()

    def changed(self, index: int) -> None:
        """Card `index` drew something new: repaint its lines if on screen; if its height
        changed, move the rows below (no layout of the rest of the grid)."""
        if not 0 <= index < len(self._cards) or self._width < 0:
            return
        width = self._placement.region(index)[2]
        if self._placement.with_height(index, self._cards[index].height(width)):
            self._resize()
            self.refresh()
            return
        x, y, w, h = self._placement.region(index)
        self.refresh(Region(x, y - round(self.scroll_y), w, max(h, 1)))

    def _place(self) -> None:
        """Place every card anew at the view's width (one pass over the heights)."""
        width = self.scrollable_content_region.width if self.is_mounted else 0
        self._width = width
        spans = column_spans(width, self._columns, self._gutter)
        heights = [
            card.height(spans[index % self._columns][1]) for index, card in enumerate(self._cards)
        ]
        self._placement = Placement(
            heights, width=width, columns=self._columns, gutter=self._gutter
        )
        self._resize()
        self.refresh()

    def _resize(self) -> None:
        self.virtual_size = Size(max(self._width, 0), self._placement.height)

    def notify_style_update(self) -> None:
        """Textual's hook after the view's styles change (a theme): draw afresh."""
        super().notify_style_update()
        self._style = None
        self._drawn.clear()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._place()

    def on_mount(self) -> None:
        self._place()

    # -- focus -------------------------------------------------------------------------

    def focus_card(self, index: int) -> None:
        """Move the focus mark to card `index` and scroll it into view."""
        if not 0 <= index < len(self._cards):
            return
        old, self.focus_index = self.focus_index, index
        if old is not None and old != index:
            self.changed(old)
        self.changed(index)
        x, y, width, height = self._placement.region(index)
        self.scroll_to_region(Region(x, y, width, max(height, 1)), animate=False, immediate=True)

    def move(self, dx: int, dy: int) -> None:
        """An arrow: the card `dx` across and `dy` rows down from the focused one."""
        if self._cards:
            index = self.focus_index or 0
            target = index + dx + dy * self._columns
            self.focus_card(min(max(target, 0), len(self._cards) - 1))

    def on_click(self, event: events.Click) -> None:
        index = self._placement.at(event.x + round(self.scroll_x), event.y + round(self.scroll_y))
        if index is not None:
            self.focus_card(index)
            self.post_message(self.Clicked(self, index))

    # -- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line `y` of the screen: the row under it, each card's line side by side."""
        width = self.scrollable_content_region.width
        if width != self._width:  # placed before the view had its size: place again
            self._place()
        style = self._style
        if style is None:
            style = self._style = self.rich_style
        virtual_y = y + round(self.scroll_y)
        row = self._placement.row_at(virtual_y)
        if row is None:
            return Strip.blank(width, style)
        return self._row_line(row, virtual_y, width, style)

    def _row_line(self, row: int, virtual_y: int, width: int, style: Style) -> Strip:
        """Line `virtual_y` of `row`: its cards' lines with the gutters between them."""
        top = self._placement.row_top(row)
        parts: list[Strip] = []
        at = 0
        for index in self._placement.cards_in_row(row):
            x, _, card_width, height = self._placement.region(index)
            if x > at:
                parts.append(Strip.blank(x - at, style))
            line = virtual_y - top
            if line < height:
                parts.append(self._strips(index, card_width)[line])
            else:
                parts.append(Strip.blank(card_width, style))
            at = x + card_width
        if at < width:
            parts.append(Strip.blank(width - at, style))
        return Strip.join(parts).crop(0, width)

    def _strips(self, index: int, width: int) -> list[Strip]:
        """Card `index`'s lines, drawn again only when its version or width changed."""
        card = self._cards[index]
        key = (index, card.version, width)
        drawn = self._drawn.get(key)
        if drawn is not None:
            return drawn
        strips = card.strips(width)
        height = self._placement.height_of(index)
        if len(strips) < height:  # the card lies about its height: never a missing line
            strips = [*strips, *[Strip.blank(width)] * (height - len(strips))]
        self._drawn.set(key, strips)
        return strips
