"""One match's live panel: a childless widget that keeps the newest snapshot and draws
it when Textual next paints, so a burst of frames collapses to one repaint."""

from __future__ import annotations

from asyncio import TimerHandle, get_running_loop
from collections.abc import Callable
from time import monotonic

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.widget import Widget

from scoreboard.core.events import MatchRef, MatchSummary
from scoreboard.core.models import CricketSnapshot
from scoreboard.core.models import Snapshot as MatchState
from scoreboard.core.wickets import WicketLog
from scoreboard.ui.paint.beat import PAINT_INTERVAL, paint_beat
from scoreboard.ui.paint.composited import SplicesContentLines
from scoreboard.ui.paint.offscreen import RepaintsWhenShown
from scoreboard.ui.render.common import Lines, lit, styled
from scoreboard.ui.render.cricket import wicket_lines
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.hidden import hidden_lines
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.styles import DIM, ERROR
from scoreboard.ui.render.summary import half_time as _half_time
from scoreboard.ui.render.summary import summary_lines
from scoreboard.ui.widgets.guarded import GuardedView
from scoreboard.ui.widgets.panel_chrome import PanelChrome
from scoreboard.ui.widgets.panel_density import PanelDensity
from scoreboard.ui.widgets.panel_look import PanelLook
from scoreboard.ui.widgets.panel_time import PanelTime
from scoreboard.ui.widgets.refusal import Refusal
from scoreboard.ui.widgets.watched import Watched

#: Under a polled panel: why there are no stats.
POLLING_NOTE = "polled: stats, events and scorecard need the stream"


class MatchPanel(
    PanelDensity,
    PanelChrome,
    PanelLook,
    Refusal,
    Watched,
    PanelTime,
    RepaintsWhenShown,
    SplicesContentLines,
    Widget,
    can_focus=True,
):
    """The live panel of one match."""

    class Snapshots(Message, bubble=False):
        """The panels' input: the newest snapshot of each panel with news (`ui/delivery.py`).

        Posted to the grid, which hands each panel its own; a newer batch that
        finds an older one still queued takes its place, keeping the newer of each.
        """

        def __init__(self, batch: dict[MatchPanel, MatchState]) -> None:
            super().__init__()
            self.batch = batch

        def can_replace(self, message: Message) -> bool:
            # Textual asks the queued (older) message whether the next (newer) one
            # may take its place, and then keeps only the newer: carry this one's
            # panels over into it, its own snapshots winning.
            if isinstance(message, MatchPanel.Snapshots):
                message.batch = {**self.batch, **message.batch}
                return True
            return False

    class Changed(Message, bubble=False):
        """Sent to the panel's watchers (`watch_changes`) when what it shows changed."""

        def __init__(self, panel: MatchPanel) -> None:
            super().__init__()
            self.panel = panel

    DEFAULT_CSS = """
    MatchPanel {
        height: auto;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-align: right;
        padding: 0 1;
    }
    MatchPanel:focus { border: round $accent; border-title-color: $text; }
    MatchPanel.-stale { border: round $stale 60%; color: $text-muted; }
    MatchPanel.-highlight { background: $goal-flash 25%; border: round $goal-flash; }
    MatchPanel.-failed { border: round $failed 70%; }
    """

    def __init__(self, ref: MatchRef, *, label: str | None = None, density: str = "full") -> None:
        super().__init__()
        #: `full`, `compact` or `ticker` (ui/density.py), and the lines the layout made room for.
        self.density = density
        self._layout_lines = 0
        self.ref = ref
        self.label = label or str(ref.id)
        self.snapshot: MatchState | None = None
        self.error: str | None = None
        #: The error is final: the app does not ask again (a refused key, no such match).
        self.error_final = False
        self.stale = False
        #: Fed by polling a REST endpoint: a POLLING badge, and no stats to expect.
        self.polling = False
        self.updates = 0
        self._highlight_end: TimerHandle | None = None
        self._highlight_until = 0.0
        #: `_look()` when the classes were last set; a restyle to match is scheduled.
        self._look_shown = (False, False, False)
        self._restyle_pending = False
        self._badge_key: tuple[object, ...] = ()
        #: A refresh was asked for and render() has not run since.
        self._paint_pending = False
        self._painted_at = 0.0
        self._drawn_key: tuple[object, ...] = ()
        self._drawn: list[Strip] = []
        self._drawn_lines: list[Text] = []
        self._line_style: Style | None = None
        #: The app's palette when the lines were drawn: a new one redraws them all.
        self._palette: object = None
        #: The next paint must refresh the whole panel, not just changed lines.
        self._whole = True
        #: Lines laid out by `_refresh_changed` for the paint it asked for.
        self._laid_out: tuple[int, int, tuple[object, ...], list[Text]] | None = None
        self.border_title = Text(self.label)
        #: A snapshot for this panel waits in the session's next delivery.
        self.waiting = False
        #: Who is told of changes, and whether a `Changed` is waiting for each.
        self._watchers: dict[MessagePump, bool] = {}
        #: Told after each snapshot message was applied (the session's hook).
        self.on_applied: Callable[[MatchPanel], None] | None = None
        #: Puts the panel's chart line into its lines (the session's hook; `render.charts`).
        self.chart_line: Callable[[MatchPanel, list[Text], int], list[Text]] | None = None
        #: The sport's layout, with what a layout that raises costs contained.
        self.guard = GuardedView(str(ref))
        #: A followed team's match (★), and its latest notable moment (see `set_marks`).
        self.followed = False
        self.recent = ""
        #: The catalog's word on a match without a feed (see `set_summary`).
        self.summary: MatchSummary | None = None
        #: Falls of wickets, for the last wicket and the partnership (cricket): the
        #: session hands over the match's log, fed every state received (core/wickets.py).
        self.wickets = WicketLog()

    # -- fed by the session ---------------------------------------------------------

    @property
    def settled(self) -> bool:
        """No snapshot waits to be applied and no repaint waits for its beat."""
        return not self.waiting and not self._paint_pending

    def take(self, snapshot: MatchState) -> None:
        """Apply a snapshot the session delivered (`MatchPanel.Snapshots`)."""
        self.waiting = False
        self.apply(snapshot)
        if self.on_applied is not None:
            self.on_applied(self)

    def changed_message(self) -> Message:
        return MatchPanel.Changed(self)

    def apply(self, snapshot: MatchState) -> None:
        """Show the newest state of the match. Runs for every frame: keep it lean."""
        old = self.snapshot
        self.snapshot = snapshot
        self.updates += 1
        if old is None or type(old) is not type(snapshot):
            self._changed_shape()
        else:
            if not self.hidden and self.guard.highlight(old, snapshot):
                self.highlight()
            if (
                self.stale
                or self.error is not None
                or old.status != snapshot.status
                or old.competition != snapshot.competition
                or _half_time(old) != _half_time(snapshot)
            ):
                self._changed_shape()
        self._time_applied(old, snapshot)
        if not self._paint_pending:
            # One refresh per paint: until render() runs, Textual's render
            # cache stays cleared and the next paint reads the newest snapshot,
            # so later frames need no refresh of their own (a refresh costs a
            # message round trip; at thousands of frames/s that was the bulk).
            self._paint_pending = True
            due = self._painted_at + PAINT_INTERVAL
            if due > monotonic() and not self._whole:  # painted a moment ago: paint then
                paint_beat().defer(self._refresh_changed, due)
            else:
                self._refresh_changed()
        self._changed()

    def _refresh_changed(self) -> None:
        """Refresh only the lines whose content changed (a clock tick: one line).

        Textual then re-renders and composites those lines alone, instead of
        the whole bordered panel. Anything else (size, style, title, badge,
        error) takes a full refresh.
        """
        # Not `size`: for a panel off screen Textual finds it in a map of every
        # widget, rebuilt after any refresh off screen (`paint/composited.py`).
        width = max(0, self.outer_size.width - self.styles.gutter.width)
        variant = self._variant()
        drawn = self._drawn_key
        if (
            self._whole
            or not drawn
            or (drawn[1], drawn[2], drawn[5]) != (self.error, width, variant)
        ):
            # Only the line count here: a panel off screen lays nothing else out
            # (and feeds no chart), and the paint lays out what it shows.
            self._whole = False
            self.refresh(layout=self.line_count(width) != self._layout_lines)
            return
        lines = self.body(width)
        old = self._drawn_lines
        self._laid_out = (self.updates, width, variant, lines)
        if len(lines) != len(old) or len(lines) != self._layout_lines:  # height follows content
            self.refresh(layout=True)
            return
        changed = [index for index in range(len(lines)) if lines[index] != old[index]]
        if changed:
            self.refresh(*(Region(0, index, width, 1) for index in changed))
        else:
            self._paint_pending = False

    def _changed_shape(self) -> None:
        """What the title, badge and classes show may have changed."""
        self._whole = True
        self.stale = False
        self.error = None
        self._update_chrome()

    def restyle(self) -> None:
        """The theme changed: redraw the title, the badge and every line."""
        self._badge_key = ()
        self._update_chrome()
        self._whole = True
        self.refresh()

    def fail(self, message: str, *, final: bool = False) -> None:
        """The server refused this match's feed; what is shown stays.

        `final`: the app will not ask again, so the panel does not say it will.
        """
        self.error = message
        self.error_final = final
        self._update_chrome()
        self.refresh()
        self._changed()

    def set_polling(self, polling: bool) -> None:
        """The match is followed by polling (badge, and a note that stats need the stream)."""
        if polling == self.polling:
            return
        self.polling = polling
        self._whole = True
        self._update_chrome()
        self.updates += 1  # the body gains or loses its note: draw it again
        self.refresh()
        self._changed()

    def set_stale(self, stale: bool) -> None:
        """Mark what is shown as old news while the connection is down.

        A finished match is never stale: its final state cannot go out of date.
        """
        if stale == self.stale or (stale and (self.snapshot is None or self.finished)):
            return
        self.stale = stale
        self._update_chrome()
        self._changed()

    def on_unmount(self) -> None:
        if self._highlight_end is not None:
            self._highlight_end.cancel()
            self._highlight_end = None

    # -- drawing --------------------------------------------------------------------

    def set_marks(self, *, followed: bool | None = None, recent: str | None = None) -> None:
        """Mark the panel as a followed team's (★ in its title) and show its latest
        notable moment (`⚽ B. Saka 67' · 2\u2032 ago`, beside the badge)."""
        if followed is not None:
            self.followed = followed
        if recent is not None:
            self.recent = recent
        self._update_chrome()

    def set_summary(self, summary: MatchSummary | None) -> None:
        """What the catalog says of a match with no live feed: a finished one's result."""
        if summary == self.summary:
            return
        self.summary = summary
        self._update_chrome()
        self.refresh()
        self._changed()

    @property
    def finished(self) -> bool:
        """The match is over (its last snapshot, or the catalog, says so)."""
        snap = self.snapshot or self.summary
        return snap is not None and snap.status == "finished"

    def render_line(self, y: int) -> Strip:
        """Textual's line API: one line of the panel, from the cache of drawn lines."""
        if not self._restyle_pending and self._look() != self._look_shown:
            self._restyle_pending = True  # restyle after this paint, not during it
            get_running_loop().call_soon(self._sync_classes)
        if y == 0 or self._line_style is None:
            # Computing the style walks the DOM: once per paint, not once per line.
            self._line_style = self.rich_style
            self._palette = getattr(self.app, "palette", None)
        width, style = self.size.width, self._line_style
        key = (self.updates, self.error, width, style, self._palette, self._variant())
        if key != self._drawn_key:
            self._drawn = self.draw(width, style)
            self._drawn_key = key
        if y < len(self._drawn):
            return self._drawn[y]
        return Strip.blank(width, style)

    def draw(self, width: int, style: Style) -> list[Strip]:
        """Lay out the newest state: runs once per paint that shows something new."""
        self._paint_pending = False
        self._painted_at = monotonic()
        console = self.app.console
        laid_out = self._laid_out
        if laid_out is not None and laid_out[:3] == (self.updates, width, self._variant()):
            lines = laid_out[3]  # already laid out to find the changed lines
        else:
            lines = self.body(width)
        self._laid_out = None
        if len(lines) != self._layout_lines:  # a chart line came: make room for it
            self.call_later(self.refresh, layout=True)
        # A line the layout handed back unchanged (cached by value) keeps its strip.
        same_look = self._drawn_key[2:] == (width, style, self._palette, self._variant())
        reuse = self._drawn_lines if same_look else []
        strips = [
            self._drawn[index]
            if index < len(reuse) and reuse[index] is line
            else Strip(line.render(console)).adjust_cell_length(width, style).apply_style(style)
            for index, line in enumerate(lines)
        ]
        self._drawn_lines = lines
        return strips

    def full_body(self, width: int) -> list[Text]:
        """The full panel's lines: the sport's layout, or why there is none yet."""
        snap = self.snapshot
        summary = None if self.hidden else self.summary  # a result is a spoiler too
        if snap is None and self.error is not None:
            return self.refusal_lines(self.error, summary, width)
        if snap is None and self.hidden and self.summary is not None:
            known = self.summary
            return [fit(styled(f"{known.home} v {known.away}: score hidden", DIM), width)]
        if snap is None and summary is not None and summary.status == "finished":
            return summary_lines(summary, width)
        if snap is None:
            return [fit(styled(f"Waiting for {self.label}{glyphs().ellipsis}", DIM), width)]
        if self.hidden:
            lines = hidden_lines(snap, width)
        else:
            lines = self.guard.card(snap, width)
            if isinstance(snap, CricketSnapshot):
                lines = [*lines, *wicket_lines(self.wickets, snap, width)]
            if self.chart_line is not None and not self.guard.failed and not self.measuring:
                lines = self.chart_line(self, lines, width)
        if self.polling:
            lines = [*lines, blank(width), fit(styled(POLLING_NOTE, DIM), width, "center")]
        return lines if self.error is None else [self._error_line(width), *lines]

    def render(self) -> Lines:
        """The same lines as a Rich renderable (painting goes through `render_line`)."""
        return Lines(self.body)

    def _error_line(self, width: int) -> Text:
        warning = f"{glyphs().warning} "
        return fit(Text.assemble((warning, ERROR), lit(self.error or "", "bold")), width)
