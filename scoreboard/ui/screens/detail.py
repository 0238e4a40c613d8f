"""The detail view of one match: every stat and the whole timeline for soccer,
the full scorecard of every innings for cricket. It follows the match live.

The body is a `Document` of sections (`render/sections.py`) drawn by
`DetailBody` through Textual's line API, so an update costs the rows on
screen, not the length of the timeline. It redraws when the panel says it
changed (`MatchPanel.Changed`, one at a time), never by polling. A sport
whose detail layout raises keeps the last good document under a note.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from scoreboard.core.models import Snapshot
from scoreboard.ui.render.common import lit, status_badge
from scoreboard.ui.render.hidden import hidden_detail
from scoreboard.ui.render.sections import Block, Document, Section, note
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM
from scoreboard.ui.widgets.detail_body import DetailBody
from scoreboard.ui.widgets.guarded import cant_draw_line
from scoreboard.ui.widgets.match_panel import MatchPanel


class MatchDetailScreen(Screen[None]):
    """Full-screen detail for the match of `card`; `escape` goes back, `q` quits."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False),
        Binding("down,j", "scroll('down')", "Scroll down", show=False),
    ]

    DEFAULT_CSS = """
    MatchDetailScreen #detail-title { dock: top; height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, card: MatchPanel) -> None:
        super().__init__()
        self.card = card
        self._shown: tuple[object, ...] = ()
        #: The last snapshot whose detail sections were made without raising.
        self._good: list[Section] | None = None
        self._title = Static(id="detail-title")
        self._body = DetailBody(id="detail-body")
        self._body.diagnostics = card.guard.diagnostics
        self._body.name_for_log = str(card.ref)

    @property
    def body(self) -> DetailBody:
        return self._body

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._body
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.card.snapshot)
        self._body.focus()
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
        """Redraw with the panel's newest state: the title, and a new document."""
        self._shown = (self.card.updates, self.card.error, self.card.stale)
        self.card.in_detail = True  # what this screen shows counts as seen
        title = Text.assemble((self.card.label, "bold"), "  ")
        if snapshot is None:
            sections: list[Section] = [note(self.card.error or "Waiting for the first snapshot…")]
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
            if self.card.hidden:  # scores hidden: what the panel shows, no more
                sections = [Block(lambda width: hidden_detail(snapshot, width))]
            else:
                sections = self._sections(snapshot)
        self._title.update(title)
        self._body.show(Document(sections))

    def _sections(self, snapshot: Snapshot) -> list[Section]:
        try:
            sections = view_for(snapshot).detail(snapshot)
        except Exception as exc:
            self.card.guard.failure(snapshot, exc, "detail")
            return [Block(lambda width: [cant_draw_line(width)]), *(self._good or [])]
        self._good = sections
        return sections

    def action_scroll(self, direction: str) -> None:
        self._body.scroll_up() if direction == "up" else self._body.scroll_down()
