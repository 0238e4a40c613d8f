"""The app's default screen: the panel grid, the status line and the footer."""

from __future__ import annotations

from textual.screen import Screen

from scoreboard.ui.paint import selftest
from scoreboard.ui.paint.composited import KeepsComposite
from scoreboard.ui.paint.full_map import KeepsFullMap


class MainScreen(KeepsFullMap, KeepsComposite, Screen[None]):
    """The app's default screen; mounting it checks the Textual internals paint/ uses."""

    def on_mount(self) -> None:
        selftest.start(self)
