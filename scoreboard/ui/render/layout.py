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


class Piece:
    """A part of a line that `squeeze` may shorten: its `forms`, longest first (a name,
    its initial and surname, its surname; a phrase cut word by word), in one style.

    `rank`: pieces with the lowest rank are shortened first; a piece with one form
    (a figure: `29 (19)`, `148/7`) is never shortened, so the figures are the last
    thing a narrow line loses.
    """

    __slots__ = ("forms", "rank", "style")

    def __init__(self, forms: tuple[str, ...] | str, style: str = "", rank: int = 9) -> None:
        self.forms = (forms,) if isinstance(forms, str) else forms
        self.style = style
        self.rank = rank


def words_piece(text: str, style: str = "", rank: int = 0) -> Piece:
    """`text` (with its leading space) cut a word at a time from the end, to nothing."""
    words = text.split()
    lead = text[: len(text) - len(text.lstrip())]
    ellipsis = glyphs().ellipsis
    forms = [text] + [lead + " ".join(words[:n]) + ellipsis for n in range(len(words) - 1, 0, -1)]
    return Piece((*forms, ""), style, rank)


def squeeze(pieces: list[Piece], width: int) -> Text:
    """`pieces` on one line of `width` cells: shorter forms of the lowest-ranked pieces
    first (words cut, names abbreviated), numbers kept; cut only if nothing is left
    to shorten (`fit`)."""
    chosen = [0] * len(pieces)

    def length() -> int:
        return sum(cell_len(p.forms[i]) for p, i in zip(pieces, chosen, strict=True))

    while length() > width:
        open_ = [k for k, p in enumerate(pieces) if chosen[k] < len(p.forms) - 1]
        if not open_:
            break
        k = min(open_, key=lambda k: (pieces[k].rank, k))
        chosen[k] += 1
    line = Text()
    for piece, index in zip(pieces, chosen, strict=True):
        form = piece.forms[index]
        if form:
            line.append(form, style=piece.style or None)
    return fit(line, width)
