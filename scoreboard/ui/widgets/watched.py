"""Who is told when a panel changes: watchers get one message at a time.

A mixin of `MatchPanel`: a watcher (the detail view) is posted the panel's
`changed_message()` after a change and no second one until it says it has
handled the first (`change_seen`), so a burst of frames costs it one redraw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class Watched(_Base):
    """Mixin: `watch_changes`, `unwatch_changes`, `change_seen`; the panel calls `_changed`."""

    _watchers: dict[MessagePump, bool]

    def changed_message(self) -> Message:
        """The message a watcher is posted (the panel's `Changed`)."""
        raise NotImplementedError

    def watch_changes(self, watcher: MessagePump) -> None:
        """Post `changed_message()` to `watcher` after each change, one at a time."""
        self._watchers[watcher] = False

    def unwatch_changes(self, watcher: MessagePump) -> None:
        self._watchers.pop(watcher, None)

    def change_seen(self, watcher: MessagePump) -> None:
        """`watcher` handled its message: the next change may post another."""
        if watcher in self._watchers:
            self._watchers[watcher] = False

    def _changed(self) -> None:
        watchers = self._watchers
        if watchers:
            for watcher, waiting in watchers.items():
                if not waiting:
                    watchers[watcher] = True
                    watcher.post_message(self.changed_message())
