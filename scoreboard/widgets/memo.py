"""Draw an expensive renderable once per content and width, then reuse its lines.

Rich tables cost milliseconds to lay out (a panel's stats grid ~2 ms), and a
busy panel repaints many times a second while most of it stays the same:
`memo(key, make)` renders `make()` the first time a `key` is seen at a given
width and console, then replays the same segments. `key` must capture
everything `make()` draws from (it is compared, never trusted to be fresh).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

#: Rendered blocks kept, least recently used dropped first (a few per panel).
MEMO_SIZE = 2048

_lines: OrderedDict[Hashable, list[list[Segment]]] = OrderedDict()


class Memo:
    """A renderable that renders `make()` once per (key, width, console options)."""

    __slots__ = ("key", "make")

    def __init__(self, key: Hashable, make: Callable[[], RenderableType]) -> None:
        self.key = key
        self.make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        cache_key = (
            self.key,
            id(console),
            options.max_width,
            options.min_width,
            options.height,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.ascii_only,
        )
        lines = _lines.get(cache_key)
        if lines is None:
            lines = console.render_lines(self.make(), options, pad=False, new_lines=True)
            _lines[cache_key] = lines
            if len(_lines) > MEMO_SIZE:
                _lines.popitem(last=False)
        else:
            _lines.move_to_end(cache_key)
        for line in lines:
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.make())


def memo(key: Hashable, make: Callable[[], RenderableType]) -> Memo:
    return Memo(key, make)
