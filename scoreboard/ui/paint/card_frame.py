"""A card's frame drawn without a widget per card (issue 26: the grid as one view).

The virtual grid (`ui/grid/view.py`) draws every match's card itself, but a
card must look exactly as a `MatchPanel` widget looks today: its border,
border title and subtitle, padding and colours all come from the app's CSS
(`MatchPanel.DEFAULT_CSS`, `app.tcss`, the theme). `frame_lines` draws a
card's content lines inside the frame a *template* widget's styles give: one
template per look (focused, stale, flashing, failed, each density, ASCII)
instead of one widget per match, so the CSS stays the one place a look is
said. It uses Textual's `StylesCache.render` (an internal: the fence), the
same call Textual makes to draw a widget's frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual._styles_cache import StylesCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


def frame_lines(
    template: Widget,
    content: Sequence[Strip],
    *,
    width: int,
    title: Text | None,
    subtitle: Text | None,
) -> list[Strip]:
    """`content` (lines as wide as the frame's inside) framed as `template` is styled,
    `width` cells wide and as high as the content plus the frame."""
    styles = template.styles
    gutter = styles.gutter
    height = len(content) + gutter.height
    base_background, background = template.background_colors
    app = template.app

    def line(y: int) -> Strip:
        return content[y] if y < len(content) else Strip.blank(width - gutter.width)

    return StylesCache().render(
        styles,
        Size(width, height),
        base_background,
        background,
        line,
        template.get_line_filters(),
        None
        if title is None
        else (_label(template, title), *template._get_title_style_information(base_background)),
        None
        if subtitle is None
        else (
            _label(template, subtitle),
            *template._get_subtitle_style_information(base_background),
        ),
        content_size=Size(width - gutter.width, len(content)),
        padding=styles.padding,
        crop=Region(0, 0, width, height),
        opacity=template.opacity,
        ansi_theme=app.ansi_theme,
        native_ansi=app.native_ansi_color,
    )


def _label(template: Widget, text: Text) -> Content:
    """A border label as Textual keeps one set on a widget (`Widget.border_title`)."""
    return template.render_str(Content.from_rich_text(text)).expand_tabs(4).split()[0]


class FrameCache:
    """One card's last framed lines: a changed content line is spliced into them.

    `frame_lines` renders every line of the frame through Textual's style cache
    (~1.8 ms for a 19-line full panel, 2 shared cores): a card whose clock
    ticked would pay that for one changed line. While the frame (template,
    its style and background, width, height, title, subtitle) stays as it
    was, this keeps the framed lines and replaces only the rows whose content
    strip is a new object, between the kept row's border and padding cells,
    through the template's line filters, as `composited.SplicesContentLines`
    does for a panel widget. A style that post-processes lines (opacity, tint,
    hatch, an outline) always takes `frame_lines`.
    """

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._content: Sequence[Strip] = ()
        self._framed: list[Strip] = []

    def lines(
        self,
        template: Widget,
        content: Sequence[Strip],
        *,
        width: int,
        title: Text | None,
        subtitle: Text | None,
    ) -> list[Strip]:
        """`frame_lines(template, content, ...)`, spliced into the last when it can be."""
        background = template.background_colors[1]
        key = (template, template.rich_style, background, width, len(content), title, subtitle)
        if key == self._key and _splices(template):
            styles = template.styles
            top, right, _, left = styles.gutter
            framed = list(self._framed)
            old = self._content
            filters = template.get_line_filters()
            for row, line in enumerate(content):
                if line is not old[row]:
                    for line_filter in filters:
                        line = line.apply_filter(line_filter, background)
                    kept = framed[top + row]
                    framed[top + row] = Strip.join(
                        [kept.crop(0, left), line, kept.crop(width - right, width)]
                    )
        else:
            framed = frame_lines(template, content, width=width, title=title, subtitle=subtitle)
        self._key, self._content, self._framed = key, list(content), framed
        return framed


def _splices(template: Widget) -> bool:
    """Whether a content line can be spliced into a kept frame of this template."""
    styles = template.styles
    outline = styles.outline
    return not (
        styles.text_opacity != 1.0
        or styles.tint.a
        or template.opacity != 1.0
        or (styles.has_rule("hatch") and styles.hatch != "none")
        or outline.left[0]
        or outline.right[0]
    )
