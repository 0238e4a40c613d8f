"""The start-up check of the Textual internals the speed-ups rely on, and the plain fallback.

`composited.py` overrides Textual's private `Widget._set_dirty` and rebuilds a
bordered line the way Textual's style cache does. A Textual release that
renamed the one or built the other differently would leave panels frozen or
drawn wrong, silently. So the speed-ups start off, and when the main screen
mounts, `start()` checks:

1. statically, that `Widget._set_dirty(self, *regions)` exists with that
   signature and that `refresh()` and a resize still call it, and that
   `render_lines(self, crop)` is still the call the compositor makes;
2. on a tiny bordered canary widget mounted off screen for one frame: a
   whole-widget `refresh()` and a `refresh(region)` of one content line reach
   the override with the regions expected, the kept picture is handed back
   while nothing is dirty, and a line spliced into it gives exactly the strips
   Textual's own full render of the canary gives (border, padding, title,
   theme colours and the app's line filters included).

All of it passes: the speed-ups go on. Anything fails or raises: they stay
off (the mixins pass straight through to Textual, panels repaint the plain
way) and one warning is logged. The internals belong to the installed
Textual, so a verdict holds for the whole process; a canary that is never
laid out (`CANARY_TIMEOUT`) is a failure for that app only.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from time import perf_counter
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from scoreboard.ui.paint.composited import (
    DIRTY_NAMES,
    SplicesContentLines,
    set_speedups,
    speedups_on,
)
from scoreboard.ui.paint.full_map import MAP_NAMES

log = logging.getLogger("scoreboard.ui.paint")

#: Seconds the canary may take to be laid out before the check gives up.
CANARY_TIMEOUT = 5.0

_P = inspect.Parameter


class _Untested:
    def __repr__(self) -> str:
        return "UNTESTED"


UNTESTED = _Untested()


@dataclass
class _State:
    #: None: passed; a reason: failed; `UNTESTED`: no verdict in this process yet.
    verdict: str | _Untested | None
    warned: bool = False
    #: Seconds the last check took (the canary's checks, not its one frame).
    seconds: float = 0.0


_state = _State(UNTESTED)


def verdict() -> str | _Untested | None:
    """None if the internals passed, why not if they failed, `UNTESTED` before a verdict."""
    return _state.verdict


def start(screen: Screen[Any]) -> None:
    """Check the internals (once per process) and switch the speed-ups to match.

    Never raises: whatever goes wrong leaves the speed-ups off.
    """
    if _state.verdict is not UNTESTED:
        set_speedups(_state.verdict is None)
        return
    set_speedups(False)
    try:
        problem = static_problem()
        if problem is not None:
            _conclude(problem)
            return
        canary = PaintCanary()
        screen.mount(canary)
        canary.deadline = screen.set_timer(CANARY_TIMEOUT, canary.give_up)
    except Exception as exc:  # a Textual we do not know: stay plain
        _conclude(f"the canary could not be mounted ({exc!r})")


def static_problem() -> str | None:
    """What is missing or changed among the internals, or None."""
    try:
        dirty = getattr(Widget, "_set_dirty", None)
        if not callable(dirty):
            return "Widget._set_dirty is gone"
        if _kinds(dirty) != [_P.POSITIONAL_OR_KEYWORD, _P.VAR_POSITIONAL]:
            return f"Widget._set_dirty{inspect.signature(dirty)} is not (self, *regions)"
        if _kinds(Widget.render_lines) != [_P.POSITIONAL_OR_KEYWORD] * 2:
            return (
                f"Widget.render_lines{inspect.signature(Widget.render_lines)} is not (self, crop)"
            )
        touched = _names_called(dirty)
        missing = [name for name in DIRTY_NAMES if name not in touched]
        if missing:
            return f"Widget._set_dirty no longer uses {', '.join(missing)}"
        compositor = vars(Compositor())
        missing = [name for name in MAP_NAMES if name not in compositor]
        if missing or _kinds(Compositor.reflow) != [_P.POSITIONAL_OR_KEYWORD] * 3:
            return "the compositor's full map or reflow changed"
        if "_compositor" not in _names_called(Screen.__init__) or not isinstance(
            getattr(Compositor, "visible_widgets", None), property
        ):
            return "Screen._compositor.visible_widgets is gone"
        for caller in (Widget.refresh, Widget._size_updated, ScrollView._size_updated):
            if "_set_dirty" not in _names_called(caller):
                return f"{caller.__qualname__} no longer calls _set_dirty"
    except Exception as exc:
        return f"the internals could not be inspected ({exc!r})"
    return None


def _kinds(function: Callable[..., object]) -> list[Any]:
    return [parameter.kind for parameter in inspect.signature(function).parameters.values()]


def _names_called(function: Callable[..., object]) -> tuple[str, ...]:
    code = getattr(inspect.unwrap(function), "__code__", None)
    return () if code is None else code.co_names


class PaintCanary(SplicesContentLines, Widget):
    """A tiny bordered line-API widget, off screen, that the check draws both ways."""

    DEFAULT_CSS = """
    PaintCanary {
        position: absolute;
        offset: 0 -40;
        width: 16;
        height: 5;
        border: round $accent;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.lines = ["canary", "before", "  ·  "]
        self.border_title = "paint"
        self.deadline: Timer | None = None
        self._done = False

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        text = self.lines[y] if y < len(self.lines) else ""
        text = text[:width]
        segments = [
            Segment(text, style + Style(bold=True)),
            Segment(" " * (width - len(text)), style),
        ]
        return Strip([segment for segment in segments if segment.text], width)

    def on_resize(self) -> None:
        if self._done or not self.size:
            return
        began = perf_counter()
        try:
            problem = canary_problem(self)
        except Exception as exc:
            problem = f"the canary check failed ({exc!r})"
        _state.seconds = perf_counter() - began
        self._finish(problem)

    def give_up(self) -> None:
        if not self._done:
            self._finish(f"the canary was not laid out within {CANARY_TIMEOUT:g} s", lasting=False)

    def _finish(self, problem: str | None, *, lasting: bool = True) -> None:
        self._done = True
        try:
            if self.deadline is not None:
                self.deadline.stop()
            self.remove()
        except Exception as exc:
            problem = problem or f"the canary could not be removed ({exc!r})"
        _conclude(problem, lasting=lasting)


def canary_problem(canary: PaintCanary) -> str | None:
    """Exercise both speed-ups on the mounted, laid-out canary; what went wrong, or None."""
    was_on = speedups_on()
    set_speedups(True)  # for the canary alone: nothing else runs until this returns
    try:
        return _exercise(canary)
    finally:
        set_speedups(was_on)


def _exercise(canary: PaintCanary) -> str | None:
    width, height = canary.outer_size
    crop = Region(0, 0, width, height)
    canary.refresh()
    first = canary.render_lines(crop)
    if canary.render_lines(crop) is not first:
        return "a widget nothing marked dirty was rendered again"
    frame = canary._frame
    if frame is None:
        return "the canary's border and padding were not recognised"
    canary.refresh()
    if canary._composited is not None:
        return "Widget.refresh() did not reach the _set_dirty override"
    before = canary.render_lines(crop)
    canary.lines[1] = "after!"
    canary.refresh(Region(0, 1, canary.size.width, 1))
    row = frame.top + 1
    if canary._spliced_rows != {row}:
        return f"refresh(region) marked rows {sorted(canary._spliced_rows)} dirty, not [{row}]"
    spliced = canary.render_lines(crop)
    if any(spliced[y] is not before[y] for y in range(height) if y != row):
        return "a one-line refresh was not spliced into the kept picture"
    canary.refresh()
    full = canary.render_lines(crop)  # Textual's own render of the whole widget
    if _cells(full[row]) == _cells(before[row]):
        return "the canary's changed line did not show"
    for y in range(height):
        if _cells(spliced[y]) != _cells(full[y]):
            return f"a spliced line differs from Textual's own render (row {y} of the canary)"
    return None


def _cells(strip: Strip) -> tuple[int, list[tuple[str, Style | None]]]:
    """What a strip shows: its width and its simplified segments."""
    segments = [(segment.text, segment.style) for segment in strip.simplify()]
    return strip.cell_length, segments


def _conclude(problem: str | None, *, lasting: bool = True) -> None:
    if lasting:
        _state.verdict = problem
    set_speedups(problem is None)
    if problem is None:
        log.debug("paint self-test passed in %.1f ms: repaint speed-ups on", _state.seconds * 1e3)
    elif not _state.warned:
        _state.warned = True
        log.warning(
            "Textual %s: %s. Repaint speed-ups are off; panels repaint the plain way "
            "(correct, but slower with many panels). The tested range is in pyproject.toml.",
            _textual_version(),
            problem,
        )


def _textual_version() -> str:
    try:
        return version("textual")
    except PackageNotFoundError:
        return "(version unknown)"
