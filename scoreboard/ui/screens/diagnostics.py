"""`i`: what the connection is doing and which frames were rejected, and why."""

from __future__ import annotations

import time

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.ui.render.common import lit
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
    now = time.time() if now is None else now
    providers = Table(title="Connections", title_justify="left", expand=True)
    for column in ("provider", "state", "connects", "reconnects", "frames", "rejected"):
        providers.add_column(column)
    for name, stats in diag.stats.items():
        state = diag.connections.get(name)
        providers.add_row(
            name,
            lit(state.phase if state else "-"),
            str(stats.connects),
            str(stats.reconnects),
            str(stats.frames),
            str(sum(stats.rejected.values())),
        )
    kinds = Table(title="Rejected frames by kind", title_justify="left", expand=True)
    kinds.add_column("kind")
    kinds.add_column("count", justify="right")
    for stats in diag.stats.values():
        for kind, count in sorted(stats.rejected.items()):
            kinds.add_row(lit(kind), str(count))
    recent = Table(title="Latest rejections", title_justify="left", expand=True)
    recent.add_column("ago", justify="right", width=7)
    recent.add_column("kind", width=14)
    recent.add_column("reason", ratio=1, overflow="ellipsis", no_wrap=True)
    for at, event in reversed(diag.recent):
        recent.add_row(f"{now - at:.0f} s", lit(event.kind), lit(event.reason))
    parts: list[RenderableType] = [
        providers,
        Text(""),
        health(diag),
        Text(""),
        kinds,
        Text(""),
        recent,
    ]
    if diag.notices:
        parts += [Text(""), Text("Notices", style="bold")]
        parts += [
            Text.assemble((f"{now - at:.0f} s ago  ", DIM), lit(msg))
            for at, msg in reversed(diag.notices)
        ]
    return Group(*parts)
