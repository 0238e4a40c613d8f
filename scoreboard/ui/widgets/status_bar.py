"""The status line: connection state, match count, time since the last frame."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from scoreboard.core.events import ConnectionChanged
from scoreboard.ui.paint.composited import KeepsComposite
from scoreboard.ui.render.common import lit
from scoreboard.ui.render.styles import ACCENT, DIM, ERROR, GOOD, WARN

_PHASE_STYLES = {
    "connecting": ("◌ connecting", WARN),
    "live": ("● live", GOOD),
    "reconnecting": ("◌ reconnecting", WARN),
    "refused": ("✖ refused", ERROR),
    "closed": ("○ closed", DIM),
}


class StatusBar(KeepsComposite, Widget):
    """One line at the bottom of the screen, redrawn when it reads differently."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self.connection: ConnectionChanged | None = None
        self._retry_at: float | None = None
        self.matches = 0
        self.last_frame_at: float | None = None
        self.notice: str | None = None
        self.rejected = 0
        self.demo = False
        #: The line as last rendered.
        self._shown = Text()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        """Once a second: repaint only if the line reads differently ("2 s ago")."""
        if self._line() != self._shown:
            self.refresh()

    def set_connection(self, event: ConnectionChanged) -> None:
        self.connection = event
        self._retry_at = None if event.retry_in is None else self._clock() + event.retry_in
        self.refresh()

    def set_notice(self, message: str | None) -> None:
        self.notice = message
        self.refresh()

    def frame_seen(self) -> None:
        """Called per frame: a store, no repaint (the 1 s timer shows it),
        except for the very first frame, which adds the text at once."""
        first = self.last_frame_at is None
        self.last_frame_at = self._clock()
        if first:
            self.refresh()

    def render(self) -> Text:
        self._shown = self._line()
        return self._shown

    def _line(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        event = self.connection
        phase = event.phase if event else "connecting"
        label, style = _PHASE_STYLES.get(phase, (phase, ""))
        if phase == "live" and event is not None and event.via == "polling":
            label = "● polling"
        if phase == "reconnecting" and event is not None:
            wait = max(0, round((self._retry_at or 0) - self._clock()))
            label = f"◌ reconnecting in {wait} s (attempt {event.attempt})"
        line.append(label, style=style)
        if style == WARN:
            line.stylize("bold", len(line) - len(label))
        if self.demo:
            line.append("  DEMO", style=ACCENT)
        line.append(f"  {self.matches} match{'es' if self.matches != 1 else ''}", style=DIM)
        if self.last_frame_at is not None:
            ago = max(0.0, self._clock() - self.last_frame_at)
            line.append(f"  last frame {_ago(ago)}", style=DIM)
        if self.rejected:
            line.append(f"  {self.rejected} bad frames (i)", style=WARN)
        if self.notice:
            line.append("  ")
            line.append_text(lit(self.notice, WARN, limit=120))
        return line


def _ago(seconds: float) -> str:
    if seconds < 1:
        return "just now"
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    return f"{seconds / 60:.0f} min ago"
