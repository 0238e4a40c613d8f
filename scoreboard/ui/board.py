"""What the app's parts may ask of the board: small Protocols, never the app itself.

The app (`ui/app.py`) composes parts it owns: the feed router, the time
controls, the grid, the connection notice, catalogs, following, alerts, the
title, recent activity, the remembered session, the fan's keys and the
looks. None of them imports the app (an import contract in `pyproject.toml`
says so): each takes a Protocol of the few things it needs, made from the
pieces below, and the app satisfies them all. mypy checks that where the app
hands itself to a part.

The pieces: the cards on screen and the focused one (`Cards`), showing and
dropping a match (`Matches`), a word to the user (`Notifies`), timers
(`Timers`), background work (`Workers`) and screens (`Screens`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer, TimerCallback
from textual.worker import Worker

from scoreboard.core.events import MatchRef
from scoreboard.ui.widgets.match_panel import MatchPanel


class Cards(Protocol):
    """The panels on screen and the one with the focus."""

    @property
    def cards(self) -> Mapping[MatchRef, MatchPanel]:
        """The shown panels by match, in the order they were added."""
        ...

    @property
    def focused_card(self) -> MatchPanel | None: ...


def panel_focused_on(board: Cards, screen: Screen[object]) -> MatchPanel | None:
    """The shown panel `screen` focuses: the palette's entries act on the one focused
    before it opened (the palette's input has the focus; `screen` still knows that one)."""
    target = screen.focused
    if isinstance(target, MatchPanel) and board.cards.get(target.ref) is target:
        return target
    return None


class Matches(Protocol):
    """Showing and dropping a match (`ValueError` says why one cannot be shown)."""

    def add_match(
        self, text: str, *, focus: bool = True, index: int | None = None
    ) -> MatchPanel: ...

    def remove_match(self, ref: MatchRef) -> None: ...

    def validate_match(self, text: str) -> str | None: ...


class Notifies(Protocol):
    """A toast (`notify`)."""

    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: SeverityLevel = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


class Timers(Protocol):
    """Callbacks later, once or every so often, on the app's loop."""

    def set_timer(self, delay: float, callback: TimerCallback | None = None) -> Timer: ...

    def set_interval(self, interval: float, callback: TimerCallback | None = None) -> Timer: ...

    def call_later(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> bool: ...


class Workers(Protocol):
    """Background work on the app's loop (Textual workers)."""

    def run_worker(
        self,
        work: Coroutine[Any, Any, None],
        name: str | None = ...,
        group: str = ...,
        description: str = ...,
        exit_on_error: bool = ...,
        start: bool = ...,
        exclusive: bool = ...,
    ) -> Worker[None]: ...


class Screens(Protocol):
    """A screen pushed over the grid; `callback` gets what it dismisses with."""

    def push_screen(
        self, screen: Screen[Any], callback: Callable[[Any], None] | None = None
    ) -> Any: ...
