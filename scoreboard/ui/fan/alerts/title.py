"""The terminal title: the focused match's live score, else the latest followed one.

`ARS 1-0 CHE 67'`, rewritten only when it reads differently (the soccer
clock is in whole minutes, so about once a minute). The user's own title is
saved on the terminal's title stack first and given back on exit.
"""

from __future__ import annotations

from collections.abc import Callable

from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.shortline import short_line
from scoreboard.ui.board import Cards
from scoreboard.ui.fan.alerts.escapes import Terminal


class TitleKeeper:
    """Keeps the terminal's title on the score that matters (see the module doc)."""

    def __init__(
        self,
        board: Cards,
        terminal: Terminal,
        *,
        app_title: str,
        suppressed: Callable[[MatchRef], bool],
        latest_followed: Callable[[], MatchRef | None],
        followed: Callable[[MatchRef], bool],
    ) -> None:
        self._board = board
        self._app_title = app_title
        self.terminal = terminal
        self._suppressed = suppressed
        self._latest_followed = latest_followed
        self._followed = followed
        self.tracked: MatchRef | None = None

    def observe(self, event: ProviderEvent) -> None:
        """Settled observer: the tracked panel (or, tracking none, a followed one) applied a
        snapshot. Every other frame costs a comparison."""
        if isinstance(event, MatchUpdated) and (
            event.ref == self.tracked or (self.tracked is None and self._followed(event.ref))
        ):
            self.update()

    def update(self) -> None:
        card = self._board.focused_card
        ref = card.ref if card is not None else self._latest_followed()
        self.tracked = ref
        panel = self._board.cards.get(ref) if ref is not None else None
        if panel is None or panel.snapshot is None or self._suppressed(panel.ref):
            if self.terminal.title is not None:
                self.terminal.set_title(self._app_title)
            return
        self.terminal.set_title(short_line(panel.snapshot))

    def restore(self) -> None:
        self.terminal.restore_title()
