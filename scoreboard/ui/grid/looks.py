"""A card drawn by the grid, not by a widget of its own (issue 26, step 2).

`CardLooks` keeps one hidden template widget per look (`PanelLook`: focused,
stale, failed, flashing, in every combination), which the app mounts where
the panels sit (`#grid > PanelLook`), so the densities' and ASCII mode's
rules in `app.tcss` style them as they style a panel. `DrawnCard` is a match
panel as the grid's one view (`grid/view.py` `ViewCard`) asks for it: its
version, its height at a width, and its lines framed as its look's template
is styled (`paint/card_frame.py`), cell for cell what Textual draws for the
panel widget (`tests/app/test_panel_looks.py`).

Not yet wired: the app still draws each panel as a widget (`PanelGrid`).
"""

from __future__ import annotations

from collections.abc import Hashable
from itertools import product

from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from scoreboard.ui.paint.card_frame import FrameCache
from scoreboard.ui.widgets import panel_chrome
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.panel_look import PanelLook

Look = tuple[bool, bool, bool, bool]


class CardLooks:
    """The templates, one per look (16 hidden widgets, whatever the number of cards)."""

    def __init__(self) -> None:
        looks: list[Look] = [
            (focused, stale, failed, flashing)
            for focused, stale, failed, flashing in product((False, True), repeat=4)
        ]
        self._templates = {look: PanelLook(look) for look in looks}

    def templates(self) -> list[PanelLook]:
        """Every template, to mount under the grid."""
        return list(self._templates.values())

    def template(self, look: Look) -> PanelLook:
        return self._templates[look]


class DrawnCard:
    """`panel` as a card the grid's view draws (see the module doc)."""

    def __init__(self, panel: MatchPanel, looks: CardLooks) -> None:
        self.panel = panel
        self._looks = looks
        #: The last content: (width, style), its lines, their strips (a line equal
        #: to the last keeps its strip, so the frame splices only new ones).
        self._content: tuple[tuple[object, ...], list[Text], list[Strip]] = ((), [], [])
        self._frame = FrameCache()

    @property
    def version(self) -> Hashable:
        return self.panel.version

    def height(self, width: int) -> int:
        """As high as its lines inside the frame its look gives, plus the frame."""
        gutter = self._looks.template(self.panel.look).styles.gutter
        return len(self.panel.body(max(width - gutter.width, 0))) + gutter.height

    def strips(self, width: int) -> list[Strip]:
        """Its lines at `width`, border, title, badges and padding included."""
        panel = self.panel
        template = self._looks.template(panel.look)
        inner = max(width - template.styles.gutter.width, 0)
        return self._frame.lines(
            template,
            self._content_strips(inner, template.rich_style),
            width=width,
            title=panel_chrome.title(panel),
            subtitle=panel_chrome.subtitle(panel, inner),
        )

    def _content_strips(self, width: int, style: Style) -> list[Strip]:
        """The lines inside the frame; only a line that changed (by value: a sport's
        layout may hand back equal lines anew) is rendered again."""
        key, old_lines, old_strips = self._content
        lines = self.panel.body(width)
        if key != (width, style):
            old_lines = []
        strips = [
            old_strips[index]
            if index < len(old_lines) and old_lines[index] == line
            else self.panel.content_strip(line, width, style)
            for index, line in enumerate(lines)
        ]
        self._content = ((width, style), lines, strips)
        return strips
