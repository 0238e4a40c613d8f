"""The pulse on every panel, and the grid sorted by it (`sort = "pulse"`).

`PulseMeters` is a part the app owns: after the alert centre has seen a
snapshot a panel applied (the router's settled observers), it hands the
panel its match's pulse (`AlertCenter.pulse`, docs/pulse.md), drawn as a meter
on the bottom border or at the end of a ticker line. The pulse fades with
time, so every `REFRESH_SECONDS` each panel is given it again, and with
"Sort by pulse" the grid is put in pulse order then (never on every frame: a
grid that reshuffles each ball cannot be read).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.pulse import Pulse
from scoreboard.ui.board import Cards, Timers

REFRESH_SECONDS = 10.0


class PulseBoard(Cards, Timers, Protocol):
    """What the meters need of the board: cards, timers and the grid's order."""

    def shown_refs(self) -> list[MatchRef]: ...

    def reorder(self, refs: list[MatchRef]) -> None: ...


class PulseMeters:
    """Each panel's pulse meter, and the grid in pulse order (see the module doc)."""

    def __init__(self, board: PulseBoard, pulse: Callable[[MatchRef], Pulse]) -> None:
        self._board = board
        self._pulse = pulse
        self.sort_pulse = False

    def start(self) -> None:
        self._board.set_interval(REFRESH_SECONDS, self.refresh_all)

    def observe(self, event: ProviderEvent) -> None:
        """A settled observer: the panel of `event` just applied a snapshot."""
        if isinstance(event, MatchUpdated):
            self._show(event.ref)

    def value(self, ref: MatchRef) -> int | None:
        panel = self._board.cards.get(ref)
        snap = panel.snapshot if panel is not None else None
        if snap is None or snap.status != "live":
            return None
        return self._pulse(ref).value

    def _show(self, ref: MatchRef) -> None:
        panel = self._board.cards.get(ref)
        if panel is not None:
            value = self.value(ref)
            if value != panel.pulse:
                panel.set_marks(pulse=value)

    def refresh_all(self) -> None:
        for ref in list(self._board.cards):
            self._show(ref)
        if self.sort_pulse:
            self.sort()

    def sort(self) -> None:
        """Highest pulse first (a stable sort: matches not live keep their order, last)."""
        self._board.reorder(
            sorted(self._board.shown_refs(), key=lambda ref: -(self.value(ref) or -1))
        )
