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

#: How long a goal or a wicket keeps its panel highlighted.
HIGHLIGHT_SECONDS = 4.0
#: The classes that show a panel's state, in the order of `MatchPanel._look`.
STATE_CLASSES = ("-stale", "-failed", "-highlight")


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
