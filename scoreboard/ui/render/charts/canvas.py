"""Drawing charts in a terminal: braille lines, block bars, axes, labels (hand-drawn).

- `Plot`: a grid of cells where lines are drawn in braille dots (2 across
  and 4 down per cell) or, in ASCII, one character per cell; marks (a
  wicket, a goal) are single glyphs over the dots. Each series has a style
  name; a cell takes the style of the last series drawn in it.
- `bar_cells`: one bar as the cells of its column, in half blocks (`▄`,
  `▀`, `█`), eighths (`▁`…`█`) or ASCII (`.`, `'`, `#`).
- `axis_row`, `label_row`: the axis under a chart and its tick labels.

Every line returned is a Rich `Text` exactly `width` cells wide, tagged
with style names (`render/styles.py`), never colours. See docs/charts.md
for why this is drawn by hand rather than with a plotting library.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import datetime, tzinfo

from rich.text import Text

from scoreboard.ui.render.common import styled
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.styles import DIM

BRAILLE = 0x2800
#: The dot bit of braille (row from the top, column) in a cell.
DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
EIGHTHS = "▁▂▃▄▅▆▇█"


class Plot:
    """`cols` x `rows` cells to draw lines in; y grows upwards, in dots (`xres`, `yres`)."""

    def __init__(
        self, cols: int, rows: int, styles: Sequence[str], *, ascii: bool, chars: Sequence[str] = ()
    ) -> None:
        self.cols, self.rows, self.ascii = max(cols, 0), max(rows, 0), ascii
        self.xres, self.yres = (1, 1) if ascii else (2, 4)
        self.styles = list(styles)
        self.chars = list(chars) or ["*", "+", "o", "x"]
        self._bits = [[0] * self.cols for _ in range(self.rows)]
        self._owner = [[-1] * self.cols for _ in range(self.rows)]
        self._marks: dict[tuple[int, int], tuple[str, str]] = {}

    @property
    def width(self) -> int:
        """Dots across."""
        return self.cols * self.xres

    @property
    def height(self) -> int:
        """Dots up."""
        return self.rows * self.yres

    def dot(self, x: int, y: int, series: int) -> None:
        if not (0 <= x < self.width and 0 <= y < self.height):
            return
        col, row = x // self.xres, self.rows - 1 - y // self.yres
        if self.ascii:
            self._bits[row][col] = 1
        else:
            self._bits[row][col] |= DOTS[self.yres - 1 - y % self.yres][x % self.xres]
        self._owner[row][col] = series

    def line(
        self, x0: int, y0: int, x1: int, y1: int, series: int, *, dashed: bool = False
    ) -> None:
        """A straight line between two dots (Bresenham); `dashed`: every other cell only,
        so that two lines are told apart by their shape, not only by their colour."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        for _ in range(dx - dy + 1):
            if not dashed or (x0 // self.xres) % 2 == 0:
                self.dot(x0, y0, series)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def steps(self, points: Sequence[tuple[int, int]], series: int) -> None:
        """A step line through dots: flat until the next point, then up or down to it."""
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            self.line(x0, y0, x1, y0, series)
            self.line(x1, y0, x1, y1, series)
        if len(points) == 1:
            self.dot(*points[0], series)

    def polyline(
        self, points: Sequence[tuple[int, int]], series: int, *, dashed: bool = False
    ) -> None:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            self.line(x0, y0, x1, y1, series, dashed=dashed)
        if len(points) == 1:
            self.dot(*points[0], series)

    def mark(self, x: int, y: int, glyph: str, style: str) -> None:
        """A one-cell glyph at the cell holding dot (x, y), over any dots."""
        if 0 <= x < self.width and 0 <= y < self.height:
            self._marks[(x // self.xres, self.rows - 1 - y // self.yres)] = (glyph, style)

    def cell_row(self, y: int) -> int:
        """The row (from the top) of the cell holding dot height `y`."""
        return self.rows - 1 - min(max(y, 0), self.height - 1) // self.yres

    def lines(self) -> list[Text]:
        """The rows, top first, `cols` cells each."""
        out = []
        for row in range(self.rows):
            line = Text(no_wrap=True)
            for col in range(self.cols):
                mark = self._marks.get((col, row))
                if mark is not None:
                    line.append(*mark)
                    continue
                bits, owner = self._bits[row][col], self._owner[row][col]
                if not bits:
                    line.append(" ")
                elif self.ascii:
                    line.append(self.chars[owner % len(self.chars)], self.styles[owner])
                else:
                    line.append(chr(BRAILLE + bits), self.styles[owner])
            out.append(line)
        return out


def end_labels(plot: Plot, ends: Sequence[tuple[int, Text]], width: int) -> list[Text]:
    """Each line's label (at the dot height its line ends on) beside the plot's rows:
    on that row where it can be, a row apart from the others, in the lines' order."""
    out = [Text() for _ in range(plot.rows)]
    order = sorted(ends, key=lambda end: -end[0])
    rows = [plot.cell_row(y) for y, _ in order]
    for i in range(1, len(rows)):
        rows[i] = max(rows[i], rows[i - 1] + 1)
    for i in reversed(range(len(rows))):
        rows[i] = min(rows[i], plot.rows - len(rows) + i)
    for row, (_, text) in zip(rows, order, strict=True):
        if 0 <= row < plot.rows:
            label = text.copy()
            label.truncate(width, overflow="ellipsis")
            out[row] = label
    return out


def bar_cells(
    value: float, scale: float, rows: int, *, up: bool, ascii: bool, eighths: bool = False
) -> list[str]:
    """One bar's cells from the axis outwards: `rows` long, blank beyond its top.

    A value under half a step draws nothing.
    """
    if scale <= 0 or not value > 0:
        return [" "] * rows
    steps = 8 if eighths and not ascii else 2
    units = min(round(value / scale * rows * steps), rows * steps)
    cells = []
    for row in range(rows):
        left = units - row * steps
        if left >= steps:
            cells.append("#" if ascii else "█")
        elif left <= 0:
            cells.append(" ")
        elif ascii:
            cells.append("." if up else "'")
        elif steps == 8:
            cells.append(EIGHTHS[left - 1])
        else:
            cells.append("▄" if up else "▀")
    return cells


def axis_row(cols: int, seen: Sequence[bool], ascii: bool, ticks: Sequence[int] = ()) -> Text:
    """`───┬───┈┈┈`: solid where there is data, dotted where there is none (not
    seen, or still to come), `┬` at the ticks."""
    solid, dotted, tick = ("-", ".", "+") if ascii else ("─", "┈", "┬")
    line = Text(no_wrap=True)
    marks = set(ticks)
    for col in range(cols):
        if col in marks:
            line.append(tick, DIM)
        else:
            line.append(solid if col < len(seen) and seen[col] else dotted, DIM)
    return line


def label_row(cols: int, labels: Sequence[tuple[int, str]]) -> Text:
    """Tick labels starting at their columns; one that would overlap the last is left out."""
    chars = [" "] * cols
    end = -1
    for col, label in labels:
        start = min(col, cols - len(label))
        if start <= end or start < 0:
            continue
        chars[start : start + len(label)] = label
        end = start + len(label)
    return styled("".join(chars), DIM)


def gutter(text: str, width: int) -> Text:
    """A y-axis label, right-aligned in the gutter."""
    return fit(styled(text, DIM), width, "right")


def join(width: int, *parts: Text | str) -> Text:
    """Parts side by side, cut or padded to exactly `width` cells."""
    line = Text(no_wrap=True)
    for part in parts:
        line.append(part) if isinstance(part, str) else line.append_text(part)
    return fit(line, width)


def scale_of(peak: float, floor: float) -> float:
    """The top of a chart's scale: `floor`, or the peak rounded up to a "nice" number."""
    try:
        peak = min(float(peak), 1e15)
    except OverflowError:  # an integer past a float's range
        peak = 1e15
    if not peak > floor or not math.isfinite(peak):
        return floor
    magnitude = 10.0 ** math.floor(math.log10(peak))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if peak <= step * magnitude:
            return float(step * magnitude)
    return float(peak)  # pragma: no cover - 10 * magnitude always holds it


def number_label(value: float) -> str:
    return f"{value:.1f}" if not float(value).is_integer() else f"{int(value)}"


def since_text(first_time: float | None, where: str, tz: tzinfo | None = None) -> str:
    """`since 14:02 (58')`: when the chart starts (in `tz`, None: local), and where
    the match was then."""
    if first_time is None:
        return ""
    try:
        clock = datetime.fromtimestamp(first_time, tz).strftime("%H:%M")
    except (OverflowError, OSError, ValueError):
        clock = "?"
    return f"since {clock} ({where})" if where else f"since {clock}"


def title(text: str, width: int, note: str = "") -> Text:
    """The chart's heading, underlined, with what it covers dimmed after it."""
    line = styled(text, "bold underline")
    if note:
        line.append("  ")
        line.append(note, DIM)
    return fit(line, width)
