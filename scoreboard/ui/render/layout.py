"""Laying out a panel line by line, without Rich tables.

A panel's body is a fixed list of one-line `Text`s exactly `width` cells wide.
Building them by hand costs a fraction of a Rich `Table` layout (which measures
every cell on every paint), and a live panel repaints every second.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from typing import Literal

from rich.cells import cell_len
from rich.text import Text

from scoreboard.ui.render.glyphs import glyphs

Justify = Literal["left", "right", "center"]


def fit(text: Text | str, width: int, justify: Justify = "left") -> Text:
    """`text` cut (with `…`) or padded with spaces to exactly `width` cells."""
    line = Text(text) if isinstance(text, str) else text.copy()
    if width <= 0:
        return Text()
    length = cell_len(line.plain)
    if length > width:
        ellipsis = glyphs().ellipsis
        if ellipsis == "…":
            line.truncate(width, overflow="ellipsis")
        else:
            line.truncate(width - 1, overflow="crop")
            line.append(ellipsis)
        length = cell_len(line.plain)
    spare = width - length
    if spare:
        if justify == "right":
            line = Text.assemble(" " * spare, line)
        elif justify == "center":
            left = spare // 2
            line = Text.assemble(" " * left, line, " " * (spare - left))
        else:
            line.append(" " * spare)
    return line


def row(*cells: tuple[Text | str, int, Justify], gap: int = 1) -> Text:
    """Cells of fixed widths side by side, `gap` spaces apart."""
    line = Text()
    for index, (text, width, justify) in enumerate(cells):
        if index and gap:
            line.append(" " * gap)
        line.append_text(fit(text, width, justify))
    return line


def flex_row(cells: list[tuple[Text | str, int | None, Justify]], width: int, gap: int = 1) -> Text:
    """Like `row`, but the one cell whose width is None takes what is left."""
    fixed = sum(w for _, w, _ in cells if w is not None) + gap * (len(cells) - 1)
    rest = max(width - fixed, 0)
    return row(*((text, rest if w is None else w, justify) for text, w, justify in cells), gap=gap)


@lru_cache(maxsize=64)
def blank(width: int) -> Text:
    """An empty line; shared (the panel reuses its drawn strip): never modify it."""
    return Text(" " * max(width, 0))


def wrapped(text: Text, width: int) -> list[Text]:
    """`text` broken at spaces into lines of `width` cells (a longer word is folded),
    its styles kept: for explanations that must be read whole, never cut."""
    plain = text.plain
    lines: list[Text] = []
    start = 0
    for chunk in textwrap.wrap(plain, max(width, 1), break_long_words=True):
        at = plain.index(chunk, start)
        lines.append(fit(text[at : at + len(chunk)], width))
        start = at + len(chunk)
    return lines or [blank(width)]
