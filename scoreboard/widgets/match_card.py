"""One match's live panel.

A single widget with no children: it keeps the newest snapshot and draws it
with the sport's renderer when Textual next paints. Many frames between two
paints cost one attribute store each, so a burst collapses to one repaint
and hundreds of panels stay cheap.
"""

from __future__ import annotations

from asyncio import get_running_loop
from time import monotonic

from rich.console import Group, RenderableType
from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from scoreboard.feed.events import MatchRef
from scoreboard.feed.models import Snapshot, SoccerSnapshot
from scoreboard.widgets.common import DIM, lit, status_badge
from scoreboard.widgets.sports import deserves_highlight, view_for

#: How long a goal or a wicket keeps its panel highlighted.
HIGHLIGHT_SECONDS = 4.0
#: A panel repaints at most this often (a busy one costs a few ms per paint).
MIN_PAINT_INTERVAL = 1 / 30


class MatchCard(Widget, can_focus=True):
    """The live panel of one match."""

    DEFAULT_CSS = """
    MatchCard {
        height: 16;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-align: right;
        padding: 0 1;
    }
    MatchCard:focus { border: round $accent; border-title-color: $text; }
    MatchCard.-stale { border: round $warning 60%; color: $text-muted; }
    MatchCard.-highlight { background: $success 25%; border: round $success; }
    MatchCard.-failed { border: round $error 70%; }
    """

    def __init__(self, ref: MatchRef, *, label: str | None = None) -> None:
        super().__init__()
        self.ref = ref
        self.label = label or str(ref.id)
        self.snapshot: Snapshot | None = None
        self.error: str | None = None
        self.stale = False
        self.updates = 0
        self._highlight_timer: Timer | None = None
        self._badge_key: tuple[object, ...] = ()
        #: A refresh was asked for and render() has not run since.
        self._paint_pending = False
        self._painted_at = 0.0
        self.border_title = Text(self.label)

    # -- fed by the app -------------------------------------------------------------

    def apply(self, snapshot: Snapshot) -> None:
        """Show the newest state of the match."""
        if deserves_highlight(self.snapshot, snapshot):
            self.highlight()
        self.snapshot = snapshot
        self.updates += 1
        if self.stale:
            self.stale = False
            self.remove_class("-stale")
        if self.error is not None:
            self.error = None
            self.remove_class("-failed")
        self._update_chrome()
        if not self._paint_pending:
            # One refresh per paint: until render() runs, Textual's render
            # cache stays cleared and the next paint reads the newest snapshot,
            # so later frames need no refresh of their own (a refresh costs a
            # message round trip; at thousands of frames/s that was the bulk).
            self._paint_pending = True
            wait = self._painted_at + MIN_PAINT_INTERVAL - monotonic()
            if wait > 0:  # painted a moment ago: paint the newest state then
                get_running_loop().call_later(wait, self.refresh)
            else:
                self.refresh()

    def fail(self, message: str) -> None:
        """The server refused this match's feed; what is shown stays."""
        self.error = message
        self.add_class("-failed")
        self._update_chrome()
        self.refresh()

    def set_stale(self, stale: bool) -> None:
        """Mark what is shown as old news while the connection is down."""
        if stale == self.stale or (stale and self.snapshot is None):
            return
        self.stale = stale
        self.set_class(stale, "-stale")
        self._update_chrome()

    def highlight(self) -> None:
        self.add_class("-highlight")
        if self._highlight_timer is not None:
            self._highlight_timer.stop()
        self._highlight_timer = self.set_timer(
            HIGHLIGHT_SECONDS, lambda: self.remove_class("-highlight")
        )

    # -- drawing --------------------------------------------------------------------

    def _update_chrome(self) -> None:
        snap = self.snapshot
        key = (
            None if snap is None else (snap.status, snap.competition, _half_time(snap)),
            self.stale,
            self.error is not None,
        )
        if key == self._badge_key:
            return
        self._badge_key = key
        title = Text(self.label, style="bold")
        if snap is not None:
            extra = view_for(snap).label(snap)
            for part in (snap.competition, extra):
                if part:
                    title.append(" · ", style=DIM)
                    title.append_text(lit(part, limit=40))
            self.border_subtitle = status_badge(
                snap.status, half_time=_half_time(snap), stale=self.stale
            )
        elif self.error is not None:
            self.border_subtitle = Text(" UNAVAILABLE ", style="bold white on #870000")
        self.border_title = title

    def render(self) -> RenderableType:
        self._paint_pending = False
        self._painted_at = monotonic()
        snap = self.snapshot
        if snap is None:
            if self.error is not None:
                return Group(
                    Text(""),
                    Text.assemble(("⚠ ", "bold red"), lit(self.error, "bold")),
                    Text(
                        f"Asking again every minute (a scheduled match appears at kick-off). "
                        f"Press d to remove {self.label}.",
                        style=DIM,
                    ),
                )
            return Text(f"Waiting for {self.label}…", style=DIM)
        body = view_for(snap).card(snap)
        if self.error is None:
            return body
        return Group(Text.assemble(("⚠ ", "bold red"), lit(self.error, "red")), body)


def _half_time(snap: Snapshot) -> bool:
    return (
        isinstance(snap, SoccerSnapshot)
        and snap.clock is not None
        and snap.clock.period
        in (
            "HT",
            "ETHT",
        )
    )
