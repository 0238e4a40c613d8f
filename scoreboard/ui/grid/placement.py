"""Where each card of the grid sits: columns, rows and the card under a point.

The first step of the grid as one virtual view (issue 26): a single widget
that draws every card's lines itself needs to know, without Textual's
compositor, where each card is. `Placement` works that out from the cards'
heights alone, in the same cells Textual's grid layout gives the panels
today (`#grid` in `app.tcss`: `1fr` columns, a gutter between them, `auto`
rows as high as their highest card, no gutter between rows), so the virtual
view can draw what the snapshots show now.

Pure and cheap: placing 10,000 cards is a pass over their heights; a card's
height changing moves the rows below it (`with_height`), nothing else is
laid out again, and the card under a point or the rows in a window of the
screen are bisections.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from fractions import Fraction
from itertools import accumulate


def column_spans(width: int, columns: int, gutter: int) -> list[tuple[int, int]]:
    """(x, width) of each of `columns` equal columns across `width` cells with
    `gutter` cells between them, rounded as Textual's grid rounds `1fr` columns
    (each edge at the floor of its exact place)."""
    columns = max(1, columns)
    share = max(Fraction(0), Fraction(width - gutter * (columns - 1))) / columns
    edges = [0] + [
        edge.__floor__()
        for edge in accumulate(step for _ in range(columns) for step in (share, Fraction(gutter)))
    ]
    return [(start, end - start) for start, end in zip(edges[:-1:2], edges[1::2], strict=True)]


class Placement:
    """The cards of a grid in rows of `columns`, each row as high as its highest card.

    Card `index` is in row `index // columns`, column `index % columns`, at
    the top of its row and as high as itself (a short card leaves the rest of
    its cell empty, as a `height: auto` panel does in Textual's grid).
    """

    def __init__(
        self, heights: Sequence[int], *, width: int, columns: int, gutter: int = 1
    ) -> None:
        self.columns = max(1, columns)
        self.spans = column_spans(width, self.columns, gutter)
        self._heights = [max(0, height) for height in heights]
        self._row_heights = [
            max(self._heights[start : start + self.columns])
            for start in range(0, len(self._heights), self.columns)
        ]
        self._tops = [0, *accumulate(self._row_heights)]

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def height(self) -> int:
        """The whole grid's height: the virtual height to scroll through."""
        return self._tops[-1]

    @property
    def rows(self) -> int:
        return len(self._row_heights)

    def height_of(self, index: int) -> int:
        return self._heights[index]

    def row_top(self, row: int) -> int:
        return self._tops[row]

    def region(self, index: int) -> tuple[int, int, int, int]:
        """(x, y, width, height) of card `index` in the grid's virtual space."""
        row, column = divmod(index, self.columns)
        x, width = self.spans[column]
        return (x, self._tops[row], width, self._heights[index])

    def row_at(self, y: int) -> int | None:
        """The row covering virtual line `y`, or None below the last row."""
        if y < 0 or y >= self.height:
            return None
        return bisect_right(self._tops, y) - 1

    def rows_between(self, top: int, bottom: int) -> range:
        """The rows with at least one line in virtual lines `top` to `bottom - 1`."""
        if bottom <= top or not self._row_heights:
            return range(0)
        first = max(0, bisect_right(self._tops, max(top, 0)) - 1)
        last = min(self.rows, bisect_right(self._tops, bottom - 1))
        return range(first, max(first, last))

    def cards_in_row(self, row: int) -> range:
        start = row * self.columns
        return range(start, min(start + self.columns, len(self._heights)))

    def at(self, x: int, y: int) -> int | None:
        """The card under the point (`x`, `y`) of the virtual space, if any (not a gutter
        between columns nor the empty part of a short card's cell)."""
        row = self.row_at(y)
        if row is None:
            return None
        for column, (left, width) in enumerate(self.spans):
            if left <= x < left + width:
                index = row * self.columns + column
                if index < len(self._heights) and y < self._tops[row] + self._heights[index]:
                    return index
                return None
        return None

    def with_height(self, index: int, height: int) -> bool:
        """Card `index` is now `height` high: move the rows below if its row changed
        height. True when anything below it moved (the virtual height too)."""
        height = max(0, height)
        if self._heights[index] == height:
            return False
        self._heights[index] = height
        row = index // self.columns
        start = row * self.columns
        row_height = max(self._heights[start : start + self.columns])
        if row_height == self._row_heights[row]:
            return False
        shift = row_height - self._row_heights[row]
        self._row_heights[row] = row_height
        tops = self._tops
        for later in range(row + 1, len(tops)):
            tops[later] += shift
        return True
