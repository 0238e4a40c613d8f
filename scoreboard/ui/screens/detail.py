"""The detail view of one match: every stat and the whole timeline for soccer,
the full scorecard of every innings for cricket. It follows the match live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from scoreboard.core.models import Snapshot
from scoreboard.ui.render.common import Lines, lit, status_badge, styled
from scoreboard.ui.render.hidden import hidden_detail
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM
from scoreboard.ui.widgets.match_panel import MatchPanel


class MatchDetailScreen(Screen[None]):
    """Full-screen detail for the match of `card`; `escape` goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False),
        Binding("down,j", "scroll('down')", "Scroll down", show=False),
    ]

    DEFAULT_CSS = """
    MatchDetailScreen #detail-scroll { padding: 0 2; }
    MatchDetailScreen #detail-body { width: 1fr; max-width: 110; height: auto; }
    MatchDetailScreen #detail-title { dock: top; height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, card: MatchPanel) -> None:
        super().__init__()
        self.card = card
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail-body")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.card.snapshot)
        self.query_one("#detail-scroll").focus()
        # The panel posts `Changed` after a change, one at a time: a burst of
        # frames while this screen redraws costs one more redraw.
        self.card.watch_changes(self)
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show(self.card.snapshot))

    def on_unmount(self) -> None:
        self.card.unwatch_changes(self)
        self.card.in_detail = False

    def on_match_panel_changed(self, message: MatchPanel.Changed) -> None:
        version = (self.card.updates, self.card.error, self.card.stale)
        if version != self._shown:
            self.show(self.card.snapshot)
        self.card.change_seen(self)

    def show(self, snapshot: Snapshot | None) -> None:
        """Redraw with the panel's newest state."""
        self._shown = (self.card.updates, self.card.error, self.card.stale)
        self.card.in_detail = True  # what this screen shows counts as seen
        title = Text.assemble((self.card.label, "bold"), "  ")
        body = self.query_one("#detail-body", Static)
        if snapshot is None:
            body.update(styled(self.card.error or "Waiting for the first snapshot…", DIM))
        else:
            if not self.card.hidden:  # the badge says FULL-TIME
                title.append_text(status_badge(snapshot.status, stale=self.card.stale))
                title.append("  ")
            title.append_text(lit(snapshot.home, "bold", limit=60))
            title.append(" v ", style=DIM)
            title.append_text(lit(snapshot.away, "bold", limit=60))
            if snapshot.competition:
                title.append(" · ", style=DIM)
                title.append_text(lit(snapshot.competition, limit=60))
            hidden = self.card.hidden
            body.update(
                Lines(lambda width: hidden_detail(snapshot, width))
                if hidden
                else view_for(snapshot).detail(snapshot)
            )
        self.query_one("#detail-title", Static).update(title)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#detail-scroll", VerticalScroll)
        scroll.scroll_up() if direction == "up" else scroll.scroll_down()
