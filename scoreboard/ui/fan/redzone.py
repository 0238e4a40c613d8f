"""RedZone (`r`): the match with the most at stake, focused and first in the grid.

Every `TICK` seconds `core.pulse.RedZonePick` says which live match has the
highest pulse, switching only when another clearly overtakes the shown one
and that one has had its minute (docs/pulse.md). The pick goes to the front
of the grid (the first full panel in the current density) and takes the
focus; the status line says why (`RedZone: CSK need 9 from 6`), and the
terminal title (an alert channel) follows the focus to it. `r` again, or an
arrow key, leaves it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from textual.timer import Timer

from scoreboard.core.events import MatchRef
from scoreboard.core.pulse import Pulse, RedZonePick
from scoreboard.ui.board import Cards, Notifies, Timers
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

TICK = 2.0


class RedZoneBoard(Cards, Notifies, Timers, Protocol):
    """What RedZone needs of the board: the cards, the grid's order and the focus."""

    def shown_refs(self) -> list[MatchRef]: ...

    def reorder(self, refs: list[MatchRef]) -> None: ...

    def focus_card(self, card: MatchPanel) -> None: ...


class RedZone:
    """RedZone mode (see the module doc)."""

    def __init__(
        self,
        board: RedZoneBoard,
        pulse: Callable[[MatchRef], Pulse],
        status: StatusBar,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._board = board
        self._pulse = pulse
        self._status = status
        self._clock = clock
        self._timer: Timer | None = None
        self.pick = RedZonePick()
        self.active = False
        self.shown: MatchRef | None = None

    def toggle(self) -> None:
        if self.active:
            self.leave()
            return
        self.active = True
        self.pick = RedZonePick()
        self._timer = self._board.set_interval(TICK, self.tick)
        self.tick()
        if self.shown is None:
            self._status.set_notice("RedZone: no live match yet")

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.shown = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._status.set_notice(None)
        self._board.notify("RedZone off", markup=False)

    def tick(self) -> None:
        """Show the match the pick says (the grid's order and the focus follow it)."""
        if not self.active:
            return
        live = {
            ref: self._pulse(ref).value
            for ref in self._board.shown_refs()
            if (card := self._board.cards.get(ref)) is not None
            and card.snapshot is not None
            and card.snapshot.status == "live"
        }
        ref = self.pick.pick(live, self._clock())  # type: ignore[arg-type]
        if not isinstance(ref, MatchRef):
            return
        card = self._board.cards.get(ref)
        if card is None:
            return
        why = self._pulse(ref).why or f"pulse {live[ref]}"
        self._status.set_notice(f"RedZone: {card.label} · {why}")
        if ref != self.shown:
            self.shown = ref
            self._board.reorder([ref])
            self._board.focus_card(card)
