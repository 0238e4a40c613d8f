"""The app's own entries in the command palette (Textual's follow them).

Each entry calls what its key calls and is listed only when its key would act
(`CommandBoard.key_allowed`, asked about the screen the palette was opened on).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from textual.app import SystemCommand
from textual.screen import Screen

from scoreboard.ui.board import Cards, Matches, panel_focused_on
from scoreboard.ui.feed.delay import DELAY_STEP
from scoreboard.ui.widgets.match_panel import MatchPanel


class CommandBoard(Cards, Matches, Protocol):
    """What the palette's entries act on."""

    def key_allowed(
        self, action: str, parameters: tuple[object, ...], screen: Screen[object]
    ) -> bool: ...

    def action_add_match(self) -> None: ...

    def action_cycle_density(self) -> None: ...

    def action_diagnostics(self) -> None: ...

    def action_help(self) -> None: ...

    def action_time(self, what: str) -> None: ...

    def open_detail(self, card: MatchPanel) -> None: ...


def app_commands(
    board: CommandBoard, screen: Screen[object], fan: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """Add, the fan's entries (`fan`), those for the panel focused on `screen`, ...;
    none over a modal screen, where none of their keys acts."""
    if screen.is_modal:  # help, diagnostics, ...: Textual cuts the app's keys off there
        return
    yield SystemCommand("Add match", "Follow another match (a)", board.action_add_match)
    yield from fan
    panel = panel_focused_on(board, screen)
    if panel is not None:
        yield from _panel_commands(board, screen, panel)
    if board.key_allowed("time", ("hide_all",), screen):
        yield SystemCommand(
            "Hide all scores", "Hide or show every score (H)", lambda: board.action_time("hide_all")
        )
    replay = (
        ("slower", "Replay slower", "Halve the replay's speed, down to x0.25 (<)"),
        ("faster", "Replay faster", "Double the replay's speed (>)"),
    )
    for what, name, help_text in replay:  # only while a replay plays
        if board.key_allowed("time", (what,), screen):
            yield SystemCommand(name, help_text, lambda what=what: board.action_time(what))
    if board.key_allowed("cycle_density", (), screen):
        yield SystemCommand(
            "Size", "Panels full, compact or one line each (z)", board.action_cycle_density
        )
    yield SystemCommand(
        "Diagnostics", "Connection, frames and rejected frames (i)", board.action_diagnostics
    )
    yield SystemCommand("Help", "Keys and symbols (?)", board.action_help)


def _panel_commands(
    board: CommandBoard, screen: Screen[object], panel: MatchPanel
) -> Iterator[SystemCommand]:
    """The entries that act on `panel`, each as its key does (the key acts on the focus,
    which is `panel` again once the palette has closed)."""
    label, step = panel.label, f"{DELAY_STEP:g} s"
    if board.key_allowed("remove_match", (), screen):
        yield SystemCommand(
            "Remove match",
            f"Take {label} off the screen; what you follow stays (d)",
            lambda: board.remove_match(panel.ref),
        )
    if board.key_allowed("open_detail", (), screen):
        yield SystemCommand(
            "Match detail",
            f"{label}: every stat, the timeline or the scorecard (enter)",
            lambda: board.open_detail(panel),
        )
    timed = (
        ("hide", "Hide score", f"{label}: hide or show its score (h)"),
        ("delay_more", f"Delay +{step}", f"{label}: show it {step} later; moves a sync too (+)"),
        ("delay_less", f"Delay -{step}", f"{label}: {step} less delay; moves a sync too (-)"),
        ("missed", "What you missed", f"{label}: what happened while you looked away (m)"),
        (
            "sync",
            "Sync to stream",
            f"{label}: delay it so the latest goal, wicket or basket shows now (s)",
        ),
        ("sync_all", "Sync provider", f"Give every {panel.ref.provider} match {label}'s delay (S)"),
    )
    for what, name, help_text in timed:
        if board.key_allowed("time", (what,), screen):
            yield SystemCommand(name, help_text, lambda what=what: board.action_time(what))
