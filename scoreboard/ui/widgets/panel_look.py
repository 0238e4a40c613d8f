"""How a panel looks its state: stale, failed, flashing for a goal or a wicket.

`PanelLook` is mixed into `MatchPanel`. State changes only set attributes;
the CSS classes follow in one restyle when the panel next paints (see
`_sync_classes`), so a dropped connection or goals in many matches at once
never restyle hundreds of panels on the loop.
"""

from __future__ import annotations

from asyncio import TimerHandle, get_running_loop
from time import monotonic
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget

    from scoreboard.core.events import MatchSummary

    _Base = Widget
else:
    _Base = object

#: How long a goal or a wicket keeps its panel highlighted.
HIGHLIGHT_SECONDS = 4.0
#: The classes that show a panel's state: what `MatchPanel._look` decides.
_STATE_CLASSES = ("-stale", "-failed", "-highlight")


class PanelLook(_Base):
    """The flash and the state classes of a panel (a mixin)."""

    stale: bool
    error: str | None
    summary: MatchSummary | None

    if TYPE_CHECKING:  # MatchPanel's: the title says GOAL while the panel flashes

        def _update_chrome(self) -> None: ...

    _highlight_end: TimerHandle | None
    _highlight_until: float
    _look_shown: tuple[bool, bool, bool]
    _restyle_pending: bool

    @property
    def highlighted(self) -> bool:
        """A goal or a wicket in the last few seconds."""
        return self._highlight_end is not None

    def highlight(self) -> None:
        """Flash the panel for a goal or a wicket; another one extends the flash.

        A goal only moves a deadline (see `_sync_classes` for the look), and
        the end is one loop callback rather than a timer task per goal.
        """
        self._highlight_until = monotonic() + HIGHLIGHT_SECONDS
        if self._highlight_end is None:
            self._highlight_end = get_running_loop().call_later(
                HIGHLIGHT_SECONDS, self._end_highlight
            )
            self._update_chrome()  # `GOAL` in the title: not told by colour alone

    def _end_highlight(self) -> None:
        left = self._highlight_until - monotonic()
        if left > 0.05:
            self._highlight_end = get_running_loop().call_later(left, self._end_highlight)
            return
        self._highlight_end = None
        self._update_chrome()
        if self._look_shown[2]:
            self._sync_classes()

    def _look(self) -> tuple[bool, bool, bool]:
        """Whether the panel should have each of `_STATE_CLASSES`."""
        failed = self.error is not None and self.summary is None  # the catalog explained it
        return (self.stale, failed, self.highlighted)

    def _sync_classes(self) -> None:
        """Give the panel the classes its state says, in one restyle.

        Restyling a widget costs about half a millisecond, and two hundred
        panels can score in the same second or go stale on the same dropped
        connection. So state changes only set attributes, and the classes
        follow when the panel next paints (`render_line`), which Textual does
        for panels on screen only: one scrolled into view catches up then.
        """
        self._restyle_pending = False
        look = self._look()
        if look == self._look_shown:
            return
        self._look_shown = look
        for on, name in zip(look, _STATE_CLASSES, strict=True):
            self.set_class(on, name, update=False)
        self.update_node_styles()
