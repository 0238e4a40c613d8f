"""Widgets that hand Textual the same strips until something marks them dirty.

Textual's compositor re-renders every widget whose clip overlaps the bounding
box of a paint, not only the widget that changed: a clock ticking on one
panel made every panel, the status line, the footer and the screen itself
render again (through their style caches, with filters), ten times a second
with nothing else happening. A widget with this mixin keeps what it last
returned from `render_lines` and gives it back while nothing has marked it
dirty: every path that makes a widget repaint (a refresh, a restyle, a
resize, a theme change) goes through `_set_dirty`. A bordered panel goes
one step further and splices a changed content line into its last picture
(`SplicesContentLines`).

Both lean on Textual internals (`Widget._set_dirty`, and how its style cache
builds a bordered line), so they are off until `selftest.py` has seen those
internals behave on a canary widget at start-up (`set_speedups`). Off, the
mixins pass straight through to Textual and only forget their last picture
when something marks them dirty, so the switch can flip at any moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    _Base = Widget
else:
    _Base = object


#: Whether the speed-ups run; `selftest.py` turns them on once Textual passed.
_on = False


def set_speedups(on: bool) -> None:
    """Turn the speed-ups on or off (safe at any moment: see the module's docstring)."""
    global _on
    _on = on


def speedups_on() -> bool:
    return _on


class KeepsComposite(_Base):
    """Mixin for a widget: unchanged since its last composite → the same strips."""

    _composited: tuple[Region, list[Strip]] | None = None

    def _set_dirty(self, *regions: Region, **options: Any) -> None:
        self._composited = None  # even while off: a picture kept is never stale
        if _on and not regions and not options:
            _dirty_whole(self)
            return
        super()._set_dirty(*regions, **options)

    def render_lines(self, crop: Region) -> list[Strip]:
        if not _on:
            return super().render_lines(crop)
        composited = self._composited
        if composited is not None and composited[0] == crop:
            return composited[1]
        strips = super().render_lines(crop)
        self._composited = (crop, strips)
        return strips


class _Frame(NamedTuple):
    """Where a widget's content sits in its composite, and what a splice needs."""

    top: int
    rows: int
    left: int
    right: int
    width: int
    background: Color


class SplicesContentLines(KeepsComposite):
    """Mixin for a bordered line-API widget: a refreshed content line is spliced in.

    `refresh(region)` on a content line normally makes Textual's style cache
    re-render the widget (its border, padding, title, colours, filters) for
    one new line. This mixin keeps the composite instead and replaces the
    refreshed rows: the cached row's border and padding, with the widget's
    `render_line` between them, through the app's line filters. Anything
    else (a style, size or whole-widget refresh, or a style that
    post-processes lines: opacity, tint, hatch, outline) takes Textual's own
    path. `tests/app/test_paint.py` holds the two paths to the same picture.
    """

    _frame: _Frame | None = None
    #: Rows refreshed since the last composite, to splice into it.
    _spliced_rows: frozenset[int] = frozenset()

    def _set_dirty(self, *regions: Region, **options: Any) -> None:
        frame = self._frame
        if _on and regions and not options and frame is not None and self._composited is not None:
            rows = {frame.top + y for region in regions for y in region.line_range}
            if all(frame.top <= row < frame.top + frame.rows for row in rows):
                self._spliced_rows = self._spliced_rows.union(rows)
                Widget._set_dirty(self, *regions)  # the style cache still learns of it
                return
        self._spliced_rows = frozenset()
        super()._set_dirty(*regions, **options)

    def render_lines(self, crop: Region) -> list[Strip]:
        rows, self._spliced_rows = self._spliced_rows, frozenset()
        if not _on:
            return super().render_lines(crop)
        composited, frame = self._composited, self._frame
        if rows:
            if frame is not None and composited is not None and composited[0] == crop:
                strips = list(composited[1])
                for row in rows:
                    if crop.y <= row < crop.bottom:
                        strips[row - crop.y] = self._splice(strips[row - crop.y], row, frame)
                self._composited = (crop, strips)
                return strips
            self._composited = composited = None
        strips = super().render_lines(crop)
        if self._composited is not composited:  # rendered afresh by Textual
            self._frame = self._frame_for(crop)
        return strips

    def _splice(self, old: Strip, row: int, frame: _Frame) -> Strip:
        content = self.render_line(row - frame.top)
        for line_filter in self.get_line_filters():
            content = content.apply_filter(line_filter, frame.background)
        width = frame.width
        return Strip.join([old.crop(0, frame.left), content, old.crop(width - frame.right, width)])

    def _frame_for(self, crop: Region) -> _Frame | None:
        """The splice frame, or None where only Textual's own path draws right."""
        styles = self.styles
        outline = styles.outline
        width, height = self.outer_size
        if (
            crop.column_span != (0, width)
            or styles.text_opacity != 1.0
            or styles.tint.a
            or self.opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or outline.left[0]
            or outline.right[0]
        ):
            return None
        gutter = styles.gutter
        return _Frame(
            top=gutter.top,
            rows=height - gutter.height,
            left=gutter.left,
            right=gutter.right,
            width=width,
            background=self.background_colors[1],
        )


#: What `Widget._set_dirty` touches, which `_dirty_whole` does the same to (`selftest.py`).
DIRTY_NAMES = ("_dirty_regions", "_repaint_regions", "_styles_cache", "set_dirty", "outer_size")


def _dirty_whole(widget: Widget) -> None:
    """`Widget._set_dirty()` (the whole widget), without asking the compositor where it is.

    Textual takes the content size from the widget's region, and the region of
    a widget off screen from the map of every widget, which a refresh of any
    widget off screen has just marked out of date: with 10,000 panels each
    such refresh rebuilt it (~1 s). The size the last layout gave the widget
    is the same size.
    """
    width, height = widget.outer_size
    gutter = widget.styles.gutter
    content = Size(max(0, width - gutter.width), max(0, height - gutter.height))
    widget._dirty_regions.clear()
    widget._repaint_regions.clear()
    widget._styles_cache.clear()
    widget._styles_cache.set_dirty(content.region)
    outer = widget.outer_size.region
    widget._dirty_regions.add(outer)
    if width and height:
        widget._repaint_regions.add(outer)
