"""The app's own entries in the command palette (Textual's follow them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from textual.app import SystemCommand
from textual.screen import Screen

from scoreboard.ui.board import Cards, Matches
from scoreboard.ui.widgets.match_panel import MatchPanel


class CommandBoard(Cards, Matches, Protocol):
    """What the palette's entries act on."""

    def action_add_match(self) -> None: ...

    def action_diagnostics(self) -> None: ...

    def action_help(self) -> None: ...

    def action_time(self, what: str) -> None: ...

    def open_detail(self, card: MatchPanel) -> None: ...


def app_commands(
    board: CommandBoard, screen: Screen[object], fan: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """Add, the fan's entries (`fan`), remove and detail for the panel focused on `screen`, ..."""
    yield SystemCommand("Add match", "Follow another match", board.action_add_match)
    yield from fan
    # The palette's input has the focus now; `screen` is the one it was opened on,
    # which still knows the panel focused before, and its actions act on that one.
    target = screen.focused
    if isinstance(target, MatchPanel) and board.cards.get(target.ref) is target:
        panel = target
        yield SystemCommand(
            "Remove match",
            f"Stop following {panel.label}",
            lambda: board.remove_match(panel.ref),
        )
        yield SystemCommand(
            "Sync to stream",
            f"{panel.label}: delay it so the latest goal, wicket or basket shows now (s)",
            lambda: board.action_time("sync"),
        )
        yield SystemCommand(
            "Sync provider",
            f"Give every {panel.ref.provider} match {panel.label}'s delay (S)",
            lambda: board.action_time("sync_all"),
        )
        yield SystemCommand(
            "Match detail",
            f"{panel.label}: every stat, the timeline or the scorecard",
            lambda: board.open_detail(panel),
        )
    yield SystemCommand(
        "Diagnostics", "Connection, frames and rejected frames", board.action_diagnostics
    )
    yield SystemCommand("Help", "Keys and symbols", board.action_help)
