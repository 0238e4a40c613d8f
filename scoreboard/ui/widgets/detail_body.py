"""The detail view's scrolling body: a `Document` drawn only where it is seen.

Textual's line API (`ScrollView.render_line`) asks for the lines on screen,
one at a time; this widget lays out just those (`Document.line`) and keeps
their strips until the document, the width or the style changes. A new
snapshot replaces the document and costs the rows on screen, however long
the timeline or the scorecard: a 5,000-event timeline is forty-odd rows.

A line whose layout raises is drawn as a one-line "can't draw" note, counted
as `render_error` once per document, with its traceback logged once per kind.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.ui.render.sections import Document
from scoreboard.ui.widgets.guarded import cant_draw_line

#: The widest the detail view lays its lines out; wider terminals get a margin.
MAX_WIDTH = 110


class DetailBody(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DetailBody { padding: 0 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = Document([])
        self.diagnostics: Diagnostics | None = None
        #: Said with a traceback in the log (the match).
        self.name_for_log = ""
        #: Lines laid out for (document, width), and their strips for that and the style:
        #: a restyle (focus, theme) redraws the strips without laying out again.
        self._texts: dict[int, Text] = {}
        self._strips: dict[int, Strip] = {}
        self._text_key: tuple[object, ...] = ()
        self._key: tuple[object, ...] = ()
        self._failed: Document | None = None
        #: Lines laid out, and documents shown, since the widget was made (tests
        #: check that each document costs the rows on screen at most).
        self.lines_laid_out = 0
        self.documents_shown = 0

    @property
    def layout_width(self) -> int:
        return max(min(self.scrollable_content_region.width, MAX_WIDTH), 1)

    def show(self, document: Document) -> None:
        """Show `document` from now on, keeping the scroll position."""
        self.document = document
        self.documents_shown += 1
        self._strips.clear()
        self._resize_virtual()
        self.refresh()

    def _resize_virtual(self) -> None:
        width = self.layout_width
        self.virtual_size = Size(width, self._height(width))

    def _height(self, width: int) -> int:
        try:
            return self.document.height(width)
        except Exception as exc:
            self._fail(exc)
            return 1

    def on_resize(self) -> None:
        self._strips.clear()
        self._resize_virtual()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.layout_width
        style = self.rich_style
        if (self.document, width) != self._text_key:
            self._text_key = (self.document, width)
            self._texts.clear()
        key = (self.document, width, style)
        if key != self._key:
            self._key = key
            self._strips.clear()
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._draw(index, width, style)
        return strip.crop(scroll_x, scroll_x + self.size.width)

    def _draw(self, index: int, width: int, style: Style) -> Strip:
        line = self._texts.get(index)
        if line is None and index < self.virtual_size.height:
            self.lines_laid_out += 1
            try:
                line = self.document.line(index, width)
            except Exception as exc:
                self._fail(exc)
                line = cant_draw_line(width)
            self._texts[index] = line
        if line is None:
            return Strip.blank(self.size.width, style)
        strip = Strip(line.render(self.app.console))
        return strip.adjust_cell_length(self.size.width, style).apply_style(style)

    def _fail(self, exc: Exception) -> None:
        if self._failed is self.document:
            return
        self._failed = self.document
        diagnostics = self.diagnostics or Diagnostics.empty()
        diagnostics.contain("render_error", exc, f"{self.name_for_log} detail")
