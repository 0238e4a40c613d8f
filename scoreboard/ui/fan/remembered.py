"""The remembered session: written as it changes, read at start (`scoreboard.state`).

A change (a match added, removed or moved, the focus, a follow) schedules a
write `SAVE_DELAY` seconds later, so a burst of changes is one write; the
app also writes on exit. A run with `--match` or `--fresh` keeps the
remembered matches and focus as they were (those options are for that run)
and still remembers what was followed.

`SessionKeeper` is a part the app owns: it asks the board (`KeeperBoard`)
for what is shown and focused, timers and a word, and reads and fills the
follow rules (`Following`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.timer import Timer

from scoreboard.core.events import MatchRef
from scoreboard.core.follows import parse_follow
from scoreboard.providers.registry import PROVIDERS
from scoreboard.state import RememberedSession, load_session, save_session
from scoreboard.ui.board import Cards, Notifies, Timers
from scoreboard.ui.fan.following import Following

log = logging.getLogger("scoreboard.ui.fan.remembered")
SAVE_DELAY = 0.3


class KeeperBoard(Cards, Notifies, Timers, Protocol):
    """What the keeper needs of the board: what is shown and focused, timers, a word."""

    @property
    def is_running(self) -> bool: ...

    def shown_refs(self) -> list[MatchRef]: ...


class SessionKeeper:
    """The remembered session, read at start and written as it changes."""

    def __init__(
        self, board: KeeperBoard, following: Following, path: Path | None, *, keep_shown: bool
    ) -> None:
        self._board = board
        self._following = following
        self.path = path
        #: Whether this run's shown matches are the ones to remember.
        self.keep_shown = keep_shown
        self.loaded: RememberedSession | None = None
        self._timer: Timer | None = None
        self._said_error = False
        #: What to write: noted at the last change, while the screen could still be read.
        self._latest: RememberedSession | None = None
        #: The broadcast-synced delays to remember, by match (the feed's sync fills it in);
        #: None: that match's sync ended this run, its remembered delay is dropped.
        self.delays: Callable[[], dict[str, float | None]] = dict

    def load(self) -> RememberedSession | None:
        """The remembered session (None: none, or unreadable, which is said once)."""
        if self.path is None:
            return None
        self.loaded, problem = load_session(self.path)
        if problem:
            log.warning("%s", problem)
            self._board.notify(
                problem, title="Remembered session", severity="warning", markup=False
            )
        following = self._following
        if self.loaded is not None:
            for texts, into in (
                (self.loaded.followed, following.added),
                (self.loaded.unfollowed, following.removed),
            ):
                for text in texts:
                    try:
                        into.append(parse_follow(text, PROVIDERS))
                    except ValueError:
                        log.info("remembered follow entry %r skipped", text)
            following.dismissed.update(self.loaded.dismissed)
        return self.loaded

    def changed(self) -> None:
        """Something to remember changed: note it now (the screen may be gone at exit)
        and write it soon."""
        if self.path is None or not self._board.is_running:
            return
        self._latest = self.current()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._board.set_timer(SAVE_DELAY, self.save)

    def current(self) -> RememberedSession:
        following = self._following
        if self.keep_shown:
            matches = [str(ref) for ref in self._board.shown_refs()]
            card = self._board.focused_card
            focus = str(card.ref) if card is not None else None
        else:
            loaded = self.loaded or RememberedSession()
            matches, focus = list(loaded.matches), loaded.focus
        return RememberedSession(
            matches=matches,
            focus=focus,
            followed=[rule.text for rule in following.added],
            unfollowed=[rule.text for rule in following.removed],
            dismissed=sorted(following.dismissed),
            delays=self._delays(matches),
        )

    def _delays(self, matches: list[str]) -> dict[str, float]:
        """The synced delays of the remembered matches: those kept, updated by this run's
        (a sync ended this run drops its match's)."""
        kept: dict[str, float | None] = dict(self.loaded.delays) if self.loaded else {}
        delays = kept | self.delays()
        return {ref: seconds for ref in matches if (seconds := delays.get(ref)) is not None}

    def save(self) -> None:
        """Write what was noted at the last change (nothing if nothing changed)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.path is None or self._latest is None:
            return
        try:
            save_session(self.path, self._latest)
        except OSError as exc:
            if not self._said_error:
                self._said_error = True
                message = f"cannot remember this session in {self.path}: {exc.strerror or exc}"
                log.warning("%s", message)
                self._board.notify(message, severity="warning", markup=False)
