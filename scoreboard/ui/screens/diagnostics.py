"""`i`: what the connection is doing and which frames were rejected, and why."""

from __future__ import annotations

import time

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.providers.registry import SPECS
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.styles import DIM


class DiagnosticsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close")]

    DEFAULT_CSS = """
    DiagnosticsScreen { align: center middle; }
    DiagnosticsScreen > VerticalScroll {
        width: 100; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__()
        self.diagnostics = diagnostics

    def compose(self) -> ComposeResult:
        self._body = Static(id="diag-body")
        with VerticalScroll() as scroll:
            scroll.border_title = "Diagnostics"
            yield self._body

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(1.0, self.redraw)
        self.app.theme_changed_signal.subscribe(self, lambda _: self.redraw())

    def redraw(self) -> None:
        # A held reference, not a query: the app may be tearing the screen down.
        self._body.update(render_diagnostics(self.diagnostics))


def health(diag: Diagnostics) -> Table:
    """The watchdog's figure and the failures the app survived, by kind."""
    table = Table(title="Health", title_justify="left", expand=True, show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    worst = diag.loop_lag.worst()
    table.add_row(
        "worst event-loop stall, last minute",
        "-" if worst is None else f"{worst * 1000:.0f} ms",
    )
    for kind, count in sorted(diag.contained.items()):
        table.add_row(Text.assemble((kind, "bold"), " (contained; see the log)"), str(count))
    if not diag.contained:
        table.add_row("contained failures", "0")
    return table


def render_diagnostics(diag: Diagnostics, now: float | None = None) -> Group:
    """Each connection (state, URL, counts, last error) and every rejection and notice.

    Lines rather than a wide table, so it reads at 60 columns; an empty section
    says "none" rather than showing a bare header.
    """
    now = time.time() if now is None else now
    parts: list[RenderableType] = [_heading("Connections")]
    parts += _connections(diag, now)
    parts += [Text(""), health(diag)]
    parts += [Text(""), _heading("Rejected frames by kind"), _rejected_kinds(diag)]
    parts += [Text(""), _heading("Latest rejections"), _latest_rejections(diag, now)]
    parts += [Text(""), _heading("Notices")]
    for at, msg in reversed(diag.notices):
        parts.append(_indented(Text.assemble((f"{_ago(now - at)}  ", DIM), lit(msg))))
    if not diag.notices:
        parts.append(_none())
    return Group(*parts)


def _connections(diag: Diagnostics, now: float) -> list[RenderableType]:
    """Each provider's state, URL, counts and last error."""
    parts: list[RenderableType] = []
    for name, stats in diag.stats.items():
        state = diag.connections.get(name)
        title = SPECS[name].title if name in SPECS else name
        line = Text.assemble((f"{title}  ", "bold"), lit(state.phase if state else "starting"))
        if state is not None and state.phase == "reconnecting":
            line.append(f" (attempt {state.attempt})", style=DIM)
        parts.append(line)
        parts.append(_indented(Text.assemble(("url ", DIM), lit(diag.urls.get(name, "?")))))
        counts = sep().join(
            (
                f"{stats.connects} connects",
                f"{stats.reconnects} reconnects",
                f"{stats.frames} frames",
                f"{sum(stats.rejected.values())} rejected",
            )
        )
        parts.append(_indented(styled(counts, DIM)))
        failed = diag.last_errors.get(name)
        error = styled("last error ", DIM)
        if failed is None:
            error.append("none", style=DIM)
        else:
            error.append(f"{_ago(now - failed[0])}: ", style=DIM)
            error.append_text(lit(failed[1], limit=300))
        parts.append(_indented(error))
    if not diag.stats:
        parts.append(_none())
    return parts


def _rejected_kinds(diag: Diagnostics) -> RenderableType:
    kinds = [(k, c) for stats in diag.stats.values() for k, c in sorted(stats.rejected.items())]
    if not kinds:
        return _none()
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(justify="right")
    for kind, count in kinds:
        table.add_row(lit(kind), str(count))
    return Padding(table, (0, 0, 0, 2))


def _latest_rejections(diag: Diagnostics, now: float) -> RenderableType:
    if not diag.recent:
        return _none()
    recent = Table.grid(padding=(0, 1), expand=True)
    recent.add_column(justify="right", width=7)
    recent.add_column(width=12, overflow="ellipsis", no_wrap=True)
    recent.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    for at, event in reversed(diag.recent):
        recent.add_row(styled(_ago(now - at), DIM), lit(event.kind), lit(event.reason))
    return recent


def _heading(title: str) -> Text:
    return Text(title, style="bold")


def _none() -> Text:
    return styled("  none", DIM)


def _indented(line: Text) -> Padding:
    """A line under a heading: wraps at the screen's width (indented), never cut."""
    line.no_wrap, line.overflow = False, "fold"
    return Padding(line, (0, 0, 0, 2))


def _ago(seconds: float) -> str:
    return f"{max(0.0, seconds):.0f} s ago"
