"""The status line: each provider's connection and why it is down, match count, last frame."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from scoreboard.core.events import ConnectionChanged
from scoreboard.providers.registry import SPECS
from scoreboard.ui.paint.composited import KeepsComposite
from scoreboard.ui.render.common import lit
from scoreboard.ui.render.glyphs import glyphs, sep
from scoreboard.ui.render.styles import ACCENT, DIM, ERROR, GOOD, WARN


def _phase_styles() -> dict[str, tuple[str, str]]:
    g = glyphs()
    return {
        "connecting": (f"{g.waiting} connecting", WARN),
        "live": (f"{g.live} live", GOOD),
        "reconnecting": (f"{g.waiting} reconnecting", WARN),
        "refused": (f"{g.refused} refused", ERROR),
        "closed": (f"{g.closed} closed", DIM),
    }


class StatusBar(KeepsComposite, Widget):
    """One line at the bottom of the screen, redrawn when it reads differently."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        #: Each provider's latest connection event and when its retry is due, in the
        #: order they first reported: all are shown, named once there are two.
        self.connections: dict[str, tuple[ConnectionChanged, float | None]] = {}
        self.matches = 0
        self.last_frame_at: float | None = None
        self.notice: str | None = None
        self.rejected = 0
        self.demo = False
        #: While replaying: where the replay is, in place of the connection.
        self.replay: Callable[[], str] | None = None
        #: Alerts muted for the session (`n`).
        self.muted = False
        #: `--record` is on: every frame is being written to a file.
        self.recording = False
        #: The line as last rendered.
        self._shown = Text()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        """Once a second: repaint only if the line reads differently ("2 s ago")."""
        if self._line() != self._shown:
            self.refresh()

    @property
    def connection(self) -> ConnectionChanged | None:
        """The first provider's connection (the only one in most sessions)."""
        return next(iter(self.connections.values()))[0] if self.connections else None

    def set_connection(self, event: ConnectionChanged) -> None:
        retry_at = None if event.retry_in is None else self._clock() + event.retry_in
        self.connections[event.provider] = (event, retry_at)
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
        """The line, fitted to the width: whole parts dropped, least useful first
        (the last frame's age, the match count, DEMO), never one cut in the middle."""
        parts = self._parts()
        width = self.size.width if self.is_mounted else 0
        for optional in ("ago", "count", "demo"):
            if width <= 0 or sum(len(text) for _, text in parts) <= width:
                break
            parts = [(name, text) for name, text in parts if name != optional]
        line = Text(no_wrap=True, overflow="ellipsis")
        for _, text in parts:
            line.append_text(text)
        return line

    def _shown_connections(self) -> list[tuple[ConnectionChanged, float | None]]:
        """The connections worth a word: a provider closed because it has nothing to
        show (Scorelytics once Live now read its catalog) is not news, nor a failure."""
        if self.replay is not None:
            return []
        return [c for c in self.connections.values() if c[0].phase != "closed"]

    def _parts(self) -> list[tuple[str, Text]]:
        parts: list[tuple[str, Text]] = []
        head = Text()
        shown = self._shown_connections()
        if self.replay is not None:
            head.append(self.replay(), style="bold")
        elif not shown:
            label, style = _phase_styles()["connecting" if not self.connections else "closed"]
            head.append(label, style=style)
        named = len(shown) > 1
        for index, (event, retry_at) in enumerate(shown):
            if index:
                head.append(sep(), style=DIM)
            if named:
                spec = SPECS.get(event.provider)
                head.append(f"{spec.title if spec else event.provider} ", style="bold")
            self._append_connection(head, event, retry_at)
        parts.append(("connection", head))
        if self.recording:
            parts.append(("record", Text(f"  {glyphs().live} REC", style=ERROR)))
        if self.demo:
            parts.append(("demo", Text("  DEMO", style=ACCENT)))
        if self.muted:
            parts.append(("muted", Text("  alerts muted (n)", style="bold")))
        count = f"  {self.matches} match{'es' if self.matches != 1 else ''}"
        parts.append(("count", Text(count, style=DIM)))
        if self.last_frame_at is not None:
            ago = max(0.0, self._clock() - self.last_frame_at)
            parts.append(("ago", Text(f"  last frame {_ago(ago)}", style=DIM)))
        if self.rejected:
            parts.append(("rejected", Text(f"  {self.rejected} bad frames (i)", style=WARN)))
        if self.notice:
            parts.append(("notice", Text("  ").append_text(lit(self.notice, WARN, limit=120))))
        return parts

    def _append_connection(
        self, line: Text, event: ConnectionChanged, retry_at: float | None
    ) -> None:
        """`● live`, or `◌ reconnecting in 4 s (attempt 2): connection refused`."""
        label, style = _phase_styles().get(event.phase, (event.phase, ""))
        if event.phase == "reconnecting":
            wait = max(0, round((retry_at or 0) - self._clock()))
            label = f"{glyphs().waiting} reconnecting in {wait} s (attempt {event.attempt})"
        elif event.phase == "live" and event.via == "polling":
            label = f"{glyphs().live} polling"
        line.append(label, style=style)
        if style == WARN:
            line.stylize("bold", len(line) - len(label))
        # Why it is down, where it can be said in a line (a refusal has its own screen).
        if event.phase == "reconnecting" and event.detail:
            line.append(": ", style=style)
            line.append_text(lit(event.detail, limit=80))


def _ago(seconds: float) -> str:
    if seconds < 1:
        return "just now"
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    return f"{seconds / 60:.0f} min ago"
