"""How a panel looks its state: stale, failed, flashing for a goal or a wicket.

`Flash` is owned by `MatchPanel`: a goal only moves a deadline, and the end
is one loop callback rather than a timer task per goal. The panel's state
classes (`STATE_CLASSES`) follow its state in one restyle when it next
paints (`MatchPanel._sync_classes`), so a dropped connection or goals in
many matches at once never restyle hundreds of panels on the loop.
"""

from __future__ import annotations

from asyncio import TimerHandle, get_running_loop
from collections.abc import Callable
from time import monotonic

from textual.widget import Widget

#: How long a goal or a wicket keeps its panel highlighted.
HIGHLIGHT_SECONDS = 4.0
#: The classes that show a panel's state, in the order of `MatchPanel._look`.
STATE_CLASSES = ("-stale", "-failed", "-highlight")
#: The class of the focused panel (a class, not `:focus`, so a template can carry it).
FOCUS_CLASS = "-focus"

#: How a panel looks, said once for `MatchPanel` and its templates (`PanelLook`):
#: `PANEL` stands for the type name (each widget's DEFAULT_CSS is scoped to itself).
PANEL_CSS = """
PANEL {
    height: auto;
    border: round $panel-lighten-2;
    border-title-color: $text-muted;
    border-subtitle-align: right;
    padding: 0 1;
}
PANEL.-focus { border: round $accent; border-title-color: $text; }
PANEL.-stale { border: round $stale 60%; color: $text-muted; }
PANEL.-highlight { background: $goal-flash 25%; border: round $goal-flash; }
PANEL.-failed { border: round $failed 70%; }
"""


def look_classes(look: tuple[bool, bool, bool, bool]) -> list[str]:
    """The classes of a look: (focused, stale, failed, flashing)."""
    names = (FOCUS_CLASS, *STATE_CLASSES)
    return [name for on, name in zip(look, names, strict=True) if on]


class PanelLook(Widget):
    """A hidden template with one look's classes (issue 26): the grid draws a card's
    border, title, padding and colours as the CSS styles this widget
    (`paint/card_frame.py`), so a card needs no widget of its own. It sits
    where the panels sit (`#grid > PanelLook`), so every rule for a panel in
    `app.tcss` (densities, ASCII) names it beside `MatchPanel`."""

    DEFAULT_CSS = PANEL_CSS.replace("PANEL", "PanelLook") + "PanelLook { display: none; }"

    def __init__(self, look: tuple[bool, bool, bool, bool]) -> None:
        super().__init__(classes=" ".join(look_classes(look)))
        self.look = look


class Flash:
    """One panel's flash for a goal or a wicket; `ended` is called when it is over."""

    def __init__(self, ended: Callable[[], None]) -> None:
        self._ended = ended
        self._end: TimerHandle | None = None
        self._until = 0.0

    @property
    def on(self) -> bool:
        """A goal or a wicket in the last few seconds."""
        return self._end is not None

    def start(self) -> bool:
        """Flash for `HIGHLIGHT_SECONDS` more; True when it was not flashing already."""
        self._until = monotonic() + HIGHLIGHT_SECONDS
        if self._end is not None:
            return False
        self._end = get_running_loop().call_later(HIGHLIGHT_SECONDS, self._check)
        return True

    def cancel(self) -> None:
        """Stop without telling anyone (the panel is going away)."""
        if self._end is not None:
            self._end.cancel()
            self._end = None

    def _check(self) -> None:
        left = self._until - monotonic()
        if left > 0.05:
            self._end = get_running_loop().call_later(left, self._check)
            return
        self._end = None
        self._ended()
