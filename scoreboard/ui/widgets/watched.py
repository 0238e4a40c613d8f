"""Who is told when a panel changes: watchers get one message at a time.

`Watchers` is owned by `MatchPanel`: a watcher (the detail view) is posted
the panel's `Changed` after a change and no second one until it says it has
handled the first (`seen`), so a burst of frames costs it one redraw.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.message_pump import MessagePump


class Watchers:
    """The watchers of one panel, and whether a message waits with each."""

    def __init__(self) -> None:
        self._waiting: dict[MessagePump, bool] = {}

    def add(self, watcher: MessagePump) -> None:
        """Post a message to `watcher` after each change, one at a time."""
        self._waiting[watcher] = False

    def remove(self, watcher: MessagePump) -> None:
        self._waiting.pop(watcher, None)

    def seen(self, watcher: MessagePump) -> None:
        """`watcher` handled its message: the next change may post another."""
        if watcher in self._waiting:
            self._waiting[watcher] = False

    def tell(self, message: Callable[[], Message]) -> None:
        """A change: post `message()` to each watcher not still holding one."""
        waiting = self._waiting
        if waiting:
            for watcher, holding in waiting.items():
                if not holding:
                    waiting[watcher] = True
                    watcher.post_message(message())
