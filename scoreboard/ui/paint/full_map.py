"""A screen that trusts the map of every widget its full layout has just made.

Textual keeps two maps of where widgets are: the visible ones, and all of
them (the "full map", which finding a widget off screen needs). A full
layout builds the full map afresh, but leaves it marked out of date if a
refresh of a widget off screen marked it so just before; the next lookup
then builds it all over again. With 10,000 panels that second build cost
~1 s after every layout, and a key pressed then waited for it.
`KeepsFullMap` marks the map current once a full layout has replaced it.
It touches Textual internals (`Screen._compositor`, its `reflow`,
`_full_map` and `_full_map_invalidated`), so it acts only while the
self-test's speed-ups are on (`selftest.py`); off, Textual's own path runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._compositor import ReflowResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from scoreboard.ui.paint.composited import speedups_on

if TYPE_CHECKING:
    _Base = Screen[None]
else:
    _Base = object

#: The compositor's attributes this relies on (`selftest.py` checks them).
MAP_NAMES = ("_full_map", "_full_map_invalidated")


class KeepsFullMap(_Base):
    """Mixin for a Screen: after a full layout, its full map is current."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        compositor = getattr(self, "_compositor", None)
        reflow = getattr(compositor, "reflow", None)
        if compositor is None or reflow is None:  # a Textual we do not know: its own way
            return

        def reflow_keeping_map(parent: Widget, size: Size) -> ReflowResult:
            result: ReflowResult = reflow(parent, size)
            if speedups_on():
                compositor._full_map_invalidated = False  # the layout just built it
            return result

        compositor.reflow = reflow_keeping_map
