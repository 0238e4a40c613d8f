"""The detail view of one match: every stat and the whole timeline for soccer,
the full scorecard of every innings for cricket. It follows the match live.

The body is a `Document` of sections (`render/sections.py`) drawn by
`DetailBody` through Textual's line API, so an update costs the rows on
screen, not the length of the timeline. It redraws when the panel says it
changed (`MatchPanel.Changed`, one at a time), never by polling. A sport
whose detail layout raises keeps the last good document under a note.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from scoreboard.core.charts import ChartFeed, Tracker
from scoreboard.core.history_store import HistoryStore
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.charts.sections import detail_charts
from scoreboard.ui.render.common import ended_badge, lit, sport_name, status_badge
from scoreboard.ui.render.glyphs import glyphs, sep
from scoreboard.ui.render.hidden import hidden_detail
from scoreboard.ui.render.sections import Block, Document, Section, note
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM
from scoreboard.ui.screens.rewind import MINUTE, Rewind, behind_text
from scoreboard.ui.widgets.detail_body import DetailBody
from scoreboard.ui.widgets.guarded import cant_draw_line
from scoreboard.ui.widgets.keys_footer import KeysFooter
from scoreboard.ui.widgets.match_panel import MatchPanel


class DetailFeed(Protocol):
    """What the detail view reads from the feed (`FeedRouter`): history, charts, time."""

    #: Every followed match's timeline.
    history: HistoryStore
    #: The wall clock receive times are read from.
    clock: Callable[[], float]
    #: Charts in ASCII (the app's one decision).
    chart_ascii: bool

    def chart(self, panel: MatchPanel) -> Tracker | None: ...


class MatchDetailScreen(Screen[None]):
    """Full-screen detail for the match of `card`; `escape` goes back, `q` quits."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False),
        Binding("down,j", "scroll('down')", "Scroll down", show=False),
        Binding("left", "rewind(-1)", "Rewind", key_display="←"),
        Binding("right", "rewind(1)", "Forward", key_display="→"),
        Binding("left_square_bracket", "rewind_minutes(-1)", "-1 min", show=False),
        Binding("right_square_bracket", "rewind_minutes(1)", "+1 min", show=False),
        Binding("end", "live", "Back to live", key_display="End"),
        # The same, before the body's own End (a view with charts is taller than the screen).
        Binding("end", "live", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    MatchDetailScreen #detail-title { dock: top; height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, card: MatchPanel, feed: DetailFeed, timezone: tzinfo | None) -> None:
        super().__init__()
        self.card = card
        self._feed = feed
        self._timezone = timezone
        self._shown: tuple[object, ...] = ()
        #: The last snapshot whose detail sections were made without raising.
        self._good: list[Section] | None = None
        self._title = Static(id="detail-title")
        self._body = DetailBody(id="detail-body")
        self._body.diagnostics = card.guard.diagnostics
        self._body.name_for_log = str(card.ref)
        self.rewind = Rewind(
            lambda: feed.history.get(card.ref),
            clock=lambda: feed.clock(),
            delay=lambda: card.delay,
        )

    @property
    def body(self) -> DetailBody:
        return self._body

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._body
        yield KeysFooter()

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
        version = (self.card.updates, self.card.error, self.card.stale, self.card.ended)
        if not self.rewind.live:
            self._title.update(self._title_text(self.rewind.state()))  # live moved on
        elif version != self._shown:
            self.show(self.card.snapshot)
        self.card.change_seen(self)

    @property
    def shown(self) -> Snapshot | None:
        """The state on screen: the panel's, or the one rewound to."""
        return self.card.snapshot if self.rewind.live else self.rewind.state()

    def show(self, snapshot: Snapshot | None) -> None:
        """Redraw with the panel's newest state (or the rewound one): title and document."""
        self._shown = (self.card.updates, self.card.error, self.card.stale, self.card.ended)
        self.card.in_detail = True  # what this screen shows counts as seen
        if not self.rewind.live:
            snapshot = self.rewind.state()
        if snapshot is None:
            sections: list[Section] = [
                note(self.card.error or f"Waiting for the first snapshot{glyphs().ellipsis}")
            ]
        elif self.card.hidden:  # scores hidden: what the panel shows, no more
            sections = [Block(lambda width: hidden_detail(snapshot, width))]
        else:
            sections = self._charts(snapshot, self._sections(snapshot))
        self._title.update(self._title_text(snapshot))
        self._body.show(Document(sections))

    def _title_text(self, snapshot: Snapshot | None) -> Text:
        title = Text.assemble((self.card.label, "bold"), "  ")
        if not self.rewind.live:
            title.append(
                f" {glyphs().rewind} {behind_text(self.rewind.behind())} (End: live) ",
                style="reverse",
            )
            title.append("  ")
        if snapshot is None:
            return title
        if not self.card.hidden:  # the badge says FULL-TIME
            title.append_text(
                ended_badge(self.card.ended)
                if self.card.ended and snapshot.status != "finished"  # as the panel says it
                else status_badge(
                    snapshot.status, stale=self.card.stale, sport=sport_name(snapshot)
                )
            )
            title.append("  ")
        title.append_text(lit(snapshot.home, "bold", limit=60))
        title.append(" v ", style=DIM)
        title.append_text(lit(snapshot.away, "bold", limit=60))
        if snapshot.competition:
            title.append(sep(), style=DIM)
            title.append_text(lit(snapshot.competition, limit=60))
        return title

    def action_rewind(self, entries: int) -> None:
        """One state back (-1) or forward (1) in the match's history."""
        if self.rewind.step(entries):
            self.show(self.card.snapshot)

    def action_rewind_minutes(self, minutes: int) -> None:
        if self.rewind.seek(minutes * MINUTE):
            self.show(self.card.snapshot)

    def action_live(self) -> None:
        """Rewound: back to live. Live already: to the end of the view, as End scrolls."""
        if not self.rewind.live:
            self.rewind.to_live()
            self.show(self.card.snapshot)
        else:
            self._body.scroll_end(animate=False)

    def _sections(self, snapshot: Snapshot) -> list[Section]:
        try:
            sections = view_for(snapshot).detail(snapshot)
        except Exception as exc:
            self.card.guard.failure(snapshot, exc, "detail")
            return [Block(lambda width: [cant_draw_line(width)]), *(self._good or [])]
        self._good = sections
        return sections

    def _charts(self, snapshot: Snapshot, sections: list[Section]) -> list[Section]:
        """The sport's charts put in, fed from the match's history up to what is shown."""
        feed = self._feed

        def failed(exc: Exception, chart: str) -> None:
            self.card.guard.failure(snapshot, exc, f"{chart} chart")

        try:
            if self.rewind.live:
                tracker = feed.chart(self.card)
            else:  # rewound: the charts of the match up to there (a few ms, once a step)
                history = feed.history.get(self.card.ref)
                tracker = ChartFeed().update(history, snapshot, behind=True)
            return detail_charts(
                sections, tracker, snapshot, feed.chart_ascii, failed, self._timezone
            )
        except Exception as exc:  # the view without its charts, never without the rest
            failed(exc, "every")
            return sections

    def action_scroll(self, direction: str) -> None:
        self._body.scroll_up() if direction == "up" else self._body.scroll_down()
