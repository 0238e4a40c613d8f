"""The detail view as sections of lines, laid out only where they are seen.

A detail view is a `Document`: sections one after another. Each section
says how many lines it has at a width and lays out any one of them on
demand, so the screen draws only the rows on screen: a 5,000-event timeline
or a long Test scorecard costs the forty-odd rows shown, not all of them.

Adding a part to a sport's detail view (a rewind bar, a chart, ...) means
writing a section, a class with `count(width)` and `line(index, width)`
(`Section`), or using `Block` (a few lines laid out together) or `Rows`
(one line per item, laid out one at a time), and putting it in the sport's
`detail` list (`render/sports.py`). Every line must be exactly `width` cells.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from rich.text import Text

from scoreboard.ui.render.common import styled
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.styles import DIM

T = TypeVar("T")


class Section(Protocol):
    def count(self, width: int) -> int:
        """How many lines the section has at `width`."""
        ...

    def line(self, index: int, width: int) -> Text:
        """Line `index` (0 <= index < count) at `width`: exactly `width` cells."""
        ...


class Block:
    """A few lines laid out together (a headline, a note): built once per width."""

    def __init__(self, build: Callable[[int], Sequence[Text]]) -> None:
        self.build = build
        self._width = -1
        self._lines: Sequence[Text] = ()

    def _at(self, width: int) -> Sequence[Text]:
        if width != self._width:
            self._lines, self._width = self.build(width), width
        return self._lines

    def count(self, width: int) -> int:
        return len(self._at(width))

    def line(self, index: int, width: int) -> Text:
        return self._at(width)[index]


class Rows(Generic[T]):
    """One line per item, each laid out only when asked for, under an optional header."""

    def __init__(
        self,
        items: Sequence[T],
        draw: Callable[[T, int], Text],
        header: Callable[[int], Text] | None = None,
    ) -> None:
        self.items = items
        self.draw = draw
        self.header = header

    def count(self, width: int) -> int:
        return len(self.items) + (self.header is not None)

    def line(self, index: int, width: int) -> Text:
        if self.header is not None:
            if index == 0:
                return self.header(width)
            index -= 1
        return self.draw(self.items[index], width)


def heading(title: str) -> Block:
    """A blank line, then `title` underlined."""
    return Block(lambda width: [blank(width), fit(styled(title, "bold underline"), width)])


def note(text: str) -> Block:
    """One dim line (`No events yet.`)."""
    return Block(lambda width: [fit(styled(text, DIM), width)])


def gap() -> Block:
    return Block(lambda width: [blank(width)])


class Document:
    """Sections one after another: its height and any line of it, at a width."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self.sections = list(sections)
        self._width = -1
        self._starts: list[int] = []
        self._height = 0

    def _layout(self, width: int) -> list[int]:
        if width != self._width:
            starts, y = [], 0
            for section in self.sections:
                starts.append(y)
                y += section.count(width)
            self._starts, self._height, self._width = starts, y, width
        return self._starts

    def height(self, width: int) -> int:
        self._layout(width)
        return self._height

    def line(self, y: int, width: int) -> Text:
        """Line `y` of the whole document (0 <= y < height)."""
        starts = self._layout(width)
        index = bisect_right(starts, y) - 1
        return self.sections[index].line(y - starts[index], width)

    def lines(self, width: int) -> list[Text]:
        """Every line (tests and small documents; the screen asks line by line)."""
        return [self.line(y, width) for y in range(self.height(width))]
