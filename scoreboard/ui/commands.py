"""The app's own entries in the command palette (Textual's follow them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.widgets.match_panel import MatchPanel

if TYPE_CHECKING:
    from scoreboard.ui.app import ScoreboardApp


def app_commands(app: ScoreboardApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Add, the fan features', remove and detail for the panel focused on `screen`, ..."""
    yield SystemCommand("Add match", "Follow another match", app.action_add_match)
    yield from app.fan_commands(screen)
    # The palette's input has the focus now; `screen` is the one it was opened on,
    # which still knows the panel focused before, and its actions act on that one.
    target = screen.focused
    if isinstance(target, MatchPanel) and app.cards.get(target.ref) is target:
        panel = target
        yield SystemCommand(
            "Remove match",
            f"Stop following {panel.label}",
            lambda: app.remove_match(panel.ref),
        )
        yield SystemCommand(
            "Match detail",
            f"{panel.label}: every stat, the timeline or the scorecard",
            lambda: app.push_screen(MatchDetailScreen(panel)),
        )
    yield SystemCommand(
        "Diagnostics", "Connection, frames and rejected frames", app.action_diagnostics
    )
    yield SystemCommand("Help", "Keys and symbols", app.action_help)
