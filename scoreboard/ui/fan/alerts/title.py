"""The terminal title: the focused match's live score, else the latest followed one.

`ARS 1-0 CHE 67'`, rewritten only when it reads differently (the soccer
clock is in whole minutes, so about once a minute). The user's own title is
saved on the terminal's title stack first and given back on exit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.shortline import short_line
from scoreboard.ui.paint.terminal import Terminal

if TYPE_CHECKING:
    from scoreboard.ui.app import ScoreboardApp


class TitleKeeper:
    def __init__(
        self,
        app: ScoreboardApp,
        terminal: Terminal,
        *,
        suppressed: Callable[[MatchRef], bool],
        latest_followed: Callable[[], MatchRef | None],
        followed: Callable[[MatchRef], bool],
    ) -> None:
        self.app = app
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
        card = self.app.focused_card
        ref = card.ref if card is not None else self._latest_followed()
        self.tracked = ref
        panel = self.app.cards.get(ref) if ref is not None else None
        if panel is None or panel.snapshot is None or self._suppressed(panel.ref):
            if self.terminal.title is not None:
                self.terminal.set_title(self.app.TITLE)
            return
        self.terminal.set_title(short_line(panel.snapshot))

    def restore(self) -> None:
        self.terminal.restore_title()
