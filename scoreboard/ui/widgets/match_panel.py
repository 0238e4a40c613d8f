"""One match's live panel: a childless widget that keeps the newest snapshot and draws
it when Textual next paints, so a burst of frames collapses to one repaint.

`MatchPanel` holds all of its state here. What it draws besides the sport's
layout is worked out by pure functions of that state: its border
(`panel_chrome.py`), its compact and ticker lines (`panel_density.py`), its
side of time (`panel_time.py`); it owns a `Flash` (`panel_look.py`), its
`Watchers` (`watched.py`) and its sport's `GuardedView` (`guarded.py`). Its
bases from `ui/paint/` are the fence's speed-ups on Textual internals.

Nothing here calls back up into the feed: the feed hands the panel its
snapshots (`Snapshots`, through the grid) and, at follow, its match's charts
(`show_charts`), which the panel only reads when it paints.
"""

from __future__ import annotations

from asyncio import get_running_loop
from collections.abc import Callable, Hashable
from time import time
from typing import Protocol, cast

from rich.style import Style
from rich.text import Text
from textual.errors import NoWidget
from textual.geometry import Region, Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from scoreboard.core.charts import Tracker
from scoreboard.core.events import MatchRef, MatchSummary
from scoreboard.core.history_kinds import is_notable
from scoreboard.core.models import CricketSnapshot, SoccerSnapshot
from scoreboard.core.models import Snapshot as MatchState
from scoreboard.core.notable import Notable
from scoreboard.core.wickets import WicketLog
from scoreboard.ui.paint.composited import SplicesContentLines
from scoreboard.ui.paint.offscreen import RepaintsWhenShown
from scoreboard.ui.render.charts.sections import panel_line
from scoreboard.ui.render.common import Lines, lit, styled
from scoreboard.ui.render.cricket import wicket_lines
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.hidden import hidden_lines
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.panel import panel_body
from scoreboard.ui.render.soccer import soccer_lines
from scoreboard.ui.render.styles import DIM, ERROR
from scoreboard.ui.render.summary import half_time as _half_time
from scoreboard.ui.render.summary import summary_lines
from scoreboard.ui.render.unavailable import unavailable_lines
from scoreboard.ui.widgets import panel_chrome
from scoreboard.ui.widgets.guarded import Card, GuardedView
from scoreboard.ui.widgets.panel_density import panel_state, shows_full
from scoreboard.ui.widgets.panel_look import PANEL_CSS, STATE_CLASSES, Flash
from scoreboard.ui.widgets.panel_time import has_news, missed_since
from scoreboard.ui.widgets.watched import Watchers

#: Under a polled panel: why there are no stats.
POLLING_NOTE = "polled: stats, events and scorecard need the stream"


class ChartSource(Protocol):
    """One match's charts as the feed keeps them, handed to its panel (`show_charts`)."""

    @property
    def ascii(self) -> bool:
        """Charts in ASCII rather than braille and block elements."""
        ...

    def tracker(self, shown: MatchState, *, behind: bool) -> Tracker | None:
        """The match's chart tracker, up to `shown` (`behind`: a delay holds news back)."""
        ...


class MatchPanel(RepaintsWhenShown, SplicesContentLines, Widget, can_focus=True):
    """The live panel of one match."""

    class Snapshots(Message, bubble=False):
        """The panels' input: the newest snapshot of each panel with news (`ui/feed/delivery.py`).

        Posted to the grid, which hands each panel its own and then tells
        `applied` (the delivery's) of each; a newer batch that finds an older one
        still queued takes its place, keeping the newer of each.
        """

        def __init__(
            self,
            batch: dict[MatchPanel, MatchState],
            applied: Callable[[MatchPanel], None] | None = None,
        ) -> None:
            super().__init__()
            self.batch = batch
            self.applied = applied

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

    DEFAULT_CSS = PANEL_CSS.replace("PANEL", "MatchPanel")

    def __init__(self, ref: MatchRef, *, label: str | None = None, density: str = "full") -> None:
        super().__init__()
        self.ref = ref
        self.label = label or str(ref.id)
        self.border_title = Text(self.label)
        self._init_shown(density)
        self._init_time()
        self._init_drawing()

    def _init_shown(self, density: str) -> None:
        """What the panel shows of its match (its public state)."""
        #: `full`, `compact` or `ticker` (ui/grid/density.py).
        self.density = density
        self.snapshot: MatchState | None = None
        self.error: str | None = None
        #: The error is final: the app does not ask again (a refused key, no such match).
        self.error_final = False
        self.stale = False
        #: The feed ended for good (`set_stale`): said in place of the status badge
        #: until `set_stale(False)` (the snapshots still on their way keep it).
        self.ended = ""
        #: Fed by polling a REST endpoint: a POLLING badge, and no stats to expect.
        self.polling = False
        #: Bumped whenever what the body shows changed (a snapshot, a note, a countdown).
        self.updates = 0
        #: A snapshot for this panel waits in the feed's next delivery.
        self.waiting = False
        #: The sport's layout, with what a layout that raises costs contained.
        self.guard = GuardedView(str(self.ref))
        #: A followed team's match (★), and its latest notable moment (see `set_marks`).
        self.followed = False
        self.recent = ""
        #: The match's pulse (docs/pulse.md) while it is live; None: no meter.
        self.pulse: int | None = None
        #: The catalog's word on a match without a feed (see `set_summary`).
        self.summary: MatchSummary | None = None
        #: Falls of wickets, for the last wicket and the partnership (cricket): the
        #: router hands over the match's log, fed every state received (core/wickets.py).
        self.wickets = WicketLog()
        #: Whether the focus mark shows: set by the Focus and Blur handlers themselves,
        #: which run before Textual's own handler updates `has_focus`.
        self.focus_mark = False
        self._flash = Flash(self._flash_ended)
        self._watchers = Watchers()
        #: The match's charts, from the feed (`show_charts`); None: no chart line.
        self._charts: ChartSource | None = None
        #: Ticks a scheduled match's countdown (`show_summary`).
        self._countdown: Timer | None = None

    def _init_time(self) -> None:
        """The panel's side of time on the fan's side (`panel_time.py`)."""
        #: Scores hidden: `render.hidden` lines, a neutral badge, no flash.
        self.hidden = False
        #: The lines the grid row this panel shares can hold (0: not told; `fill_to`).
        self.fill = 0
        #: Shown as `delayed 45 s` (the feed holds the frames back).
        self.delay = 0.0
        #: The delay lines the panel up with the fan's stream (`s`): `synced: 38 s`.
        self.synced = False
        #: Said instead of "Waiting for ..." while a delay holds the first state.
        self.wait_note = ""
        #: The last state the user saw before something notable they did not see.
        self.seen: MatchState | None = None
        #: Set by the detail view while it shows this panel's match.
        self.in_detail = False
        #: The next snapshot arrives by skipping a delay: nobody saw what came between.
        self._skipping = False

    def _init_drawing(self) -> None:
        """The caches between the state and Textual's paint."""
        #: The lines the layout made room for.
        self._layout_lines = 0
        #: `_look()` when the classes were last set; a restyle to match is scheduled.
        self._look_shown = (False, False, False)
        self._restyle_pending = False
        #: `panel_chrome.chrome_key` when the border was last drawn.
        self._badge_key: tuple[object, ...] = ()
        #: A refresh was asked for and render() has not run since.
        self._paint_pending = False
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
        #: `line_count`: what the count was taken for, and the count.
        self._counted_key: tuple[object, ...] = ()
        self._counted = 0

    # -- fed by the feed ----------------------------------------------------------------

    @property
    def settled(self) -> bool:
        """No snapshot waits to be applied and no repaint waits for a paint."""
        return not self.waiting and not self._paint_pending

    def take(self, snapshot: MatchState) -> None:
        """Apply a snapshot the feed delivered (`MatchPanel.Snapshots`)."""
        self.waiting = False
        self.apply(snapshot)

    def show_charts(self, charts: ChartSource | None) -> None:
        """Draw the chart line from `charts` (the feed's for this match), or none."""
        self._charts = charts

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
            # No wait of its own: the delivery already paces a busy panel to
            # the paint beat (`ui/feed/delivery.py`), so this repaints at once.
            self._paint_pending = True
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

    def redraw(self) -> None:
        """What the lines say besides the snapshot changed (a team's code on this
        screen, `render/codes.py`): lay them out and draw them again."""
        self.updates += 1
        self._whole = True
        self.refresh()

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

    def set_stale(self, stale: bool, *, ended: str = "") -> None:
        """Mark what is shown as old news while the connection is down (`ended`: the
        feed ended for good, said in place of the status badge: "replay ended").

        A finished match is never stale: its final state cannot go out of date.
        """
        ended = ended if stale else ""
        if (stale, ended) == (self.stale, self.ended) or (
            stale and (self.snapshot is None or self.finished)
        ):
            return
        self.stale = stale
        self.ended = ended
        self._update_chrome()
        self._changed()

    def set_marks(
        self,
        *,
        followed: bool | None = None,
        recent: str | None = None,
        pulse: int | None = -1,
    ) -> None:
        """Mark the panel as a followed team's (★ in its title), show its latest
        notable moment (`⚽ B. Saka 67' · 2\u2032 ago`, beside the badge) and its
        pulse meter (None: none)."""
        if followed is not None:
            self.followed = followed
        if recent is not None:
            self.recent = recent
        if pulse != -1:
            self.pulse = pulse
            if self.density == "ticker" and self.snapshot is not None:
                self._whole = True
                self.refresh()
        self._update_chrome()

    def on_unmount(self) -> None:
        self._flash.cancel()

    # -- a refused match: the catalog's word ---------------------------------------------

    def set_summary(self, summary: MatchSummary | None) -> None:
        """What the catalog says of a match with no live feed: a finished one's result."""
        if summary == self.summary:
            return
        self.summary = summary
        self._update_chrome()
        self.refresh()
        self._changed()

    def show_summary(self, summary: MatchSummary) -> None:
        """The catalog's word on a refused match: final score, or kick-off and countdown."""
        self.error_final = summary.status == "finished"  # over: nothing to ask for again
        self.updates += 1  # the body changes: draw it again
        self.set_summary(summary)
        if summary.status == "scheduled" and self._countdown is None:
            self._countdown = self.set_interval(1.0, self._count_down)

    def _count_down(self) -> None:
        """Once a second while a refused match is scheduled: its countdown line."""
        summary = self.summary
        if self.snapshot is not None or summary is None or summary.status != "scheduled":
            if self._countdown is not None:
                self._countdown.stop()
                self._countdown = None
            if self.snapshot is not None and summary is not None:
                self.set_summary(None)  # live now: the catalog's word is old news
            return
        self.updates += 1  # the countdown line reads differently
        self.refresh()

    @property
    def finished(self) -> bool:
        """The match is over (its last snapshot, or the catalog, says so)."""
        snap = self.snapshot or self.summary
        return snap is not None and snap.status == "finished"

    # -- time on the fan's side: hidden, delayed, missed ---------------------------------

    def set_hidden(self, hidden: bool) -> None:
        if hidden == self.hidden:
            return
        self.hidden = hidden
        self._time_restyle()

    def set_delay(self, seconds: float, *, synced: bool = False) -> None:
        """Show the match `seconds` behind the feed; `synced`: by broadcast sync."""
        synced = synced and seconds > 0
        if seconds != self.delay or synced != self.synced:
            if seconds < self.delay:
                self._skipping = True
            self.delay, self.synced = seconds, synced
            self._time_restyle()

    def set_wait_note(self, note: str) -> None:
        """Say `note` in place of "Waiting for ..." ("" for that): when a delay shows
        the first state (`Spoilers`)."""
        if note != self.wait_note:
            self.wait_note = note
            self._time_restyle()

    def deliver_skipping(self) -> None:
        """The next snapshot jumps over held ones (a delay removed)."""
        self._skipping = True

    def note_unseen(self, last_seen: MatchState | None) -> None:
        """The user last saw `last_seen`: what came since is news (the marker shows)."""
        self.seen = last_seen
        self._time_restyle()

    def mark_seen(self, shown: MatchState | None = None) -> None:
        """The user read the summary of up to `shown`: news since (a delay released a
        goal while it was open) is missed still; else nothing is."""
        snap, seen = self.snapshot, None
        if shown is not None and snap is not None and snap is not shown and has_news(shown, snap):
            seen = shown
        if seen is not self.seen:
            self.seen = seen
            self._time_restyle()

    @property
    def has_missed(self) -> bool:
        return self.seen is not None

    def missed(self) -> tuple[MatchState | None, list[Notable]]:
        """(what was last seen, the notable moments since), oldest first."""
        return self.seen, missed_since(self.seen, self.snapshot)

    def can_be_seen(self) -> bool:
        """Could the user see this panel's news right now?"""
        if self.hidden or not self.app.app_focus:
            return False
        if self.in_detail:
            return True
        screen = self.screen
        if not screen.is_current:
            return False
        try:  # in the layout, and some of it inside what the grid shows (not scrolled away)
            return bool(screen.find_widget(self).visible_region)
        except NoWidget:
            return False

    def _time_applied(self, old: MatchState | None, new: MatchState) -> None:
        """After each apply: note the last seen state if this news goes unseen."""
        skipping, self._skipping = self._skipping, False
        if old is None or self.seen is not None:
            return
        if (skipping or not self.can_be_seen()) and is_notable(old, new) and has_news(old, new):
            self.seen = old
            self._time_restyle()

    def _time_restyle(self) -> None:
        """Hidden, delay or missed changed: redraw the whole panel and its chrome."""
        self._whole = True
        self.updates += 1
        self._update_chrome()
        self.refresh()
        self._changed()

    # -- watchers -----------------------------------------------------------------------

    def watch_changes(self, watcher: MessagePump) -> None:
        """Post `Changed` to `watcher` after each change, one at a time."""
        self._watchers.add(watcher)

    def unwatch_changes(self, watcher: MessagePump) -> None:
        self._watchers.remove(watcher)

    def change_seen(self, watcher: MessagePump) -> None:
        """`watcher` handled its message: the next change may post another."""
        self._watchers.seen(watcher)

    def _changed(self) -> None:
        self._watchers.tell(self._changed_message)

    def _changed_message(self) -> Message:
        return MatchPanel.Changed(self)

    # -- look: the flash, the state classes, the border ---------------------------------

    @property
    def highlighted(self) -> bool:
        """A goal or a wicket in the last few seconds."""
        return self._flash.on

    def highlight(self) -> None:
        """Flash the panel for a goal or a wicket; another one extends the flash."""
        if self._flash.start():
            self._update_chrome()  # `GOAL` in the title: not told by colour alone

    def _flash_ended(self) -> None:
        self._update_chrome()
        if self._look_shown[2]:
            self._sync_classes()

    def _look(self) -> tuple[bool, bool, bool]:
        """Whether the panel should have each of `STATE_CLASSES`."""
        failed = self.error is not None and self.summary is None  # the catalog explained it
        return (self.stale, failed, self.highlighted)

    def _sync_classes(self) -> None:
        """Give the panel the classes its state says, in one restyle.

        Restyling a widget costs about half a millisecond, and two hundred
        panels can score in the same second or go stale on the same dropped
        connection. So state changes only set attributes, and the classes
        follow when the panel next paints (`render_line`), which Textual does
        for panels on screen only: one scrolled into view catches up then.
        """
        self._restyle_pending = False
        look = self._look()
        if look == self._look_shown:
            return
        self._look_shown = look
        for on, name in zip(look, STATE_CLASSES, strict=True):
            self.set_class(on, name, update=False)
        self.update_node_styles()

    def _update_chrome(self) -> None:
        """Redraw the title and the badges if what they show changed."""
        width = self.size.width
        key = panel_chrome.chrome_key(self, width)
        if key == self._badge_key:
            return
        self._badge_key = key
        self.border_title = panel_chrome.title(self)
        if self.density == "ticker":  # the badge is on the line itself
            self._whole = True
            self.refresh()
        self.border_subtitle = panel_chrome.subtitle(self, width)

    def on_resize(self) -> None:
        """The moment beside the badges is cut to the panel's width."""
        self._update_chrome()

    # -- density and height -------------------------------------------------------------

    def set_density(self, density: str) -> None:
        """Show this much: `full`, `compact` or `ticker` (see ui/grid/density.py)."""
        if density != self.density:
            self.density = density
            self._update_chrome()
            self._whole = True
            self.refresh(layout=True)

    def fill_to(self, lines: int) -> None:
        """The grid row has room for `lines` lines: a full soccer panel lists more of its
        events in rows that would stay blank (ui/widgets/panel_grid.py `share_rows`)."""
        if lines != self.fill:
            self.fill = lines
            self._whole = True
            self.refresh(layout=True)

    def on_focus(self) -> None:
        self.focus_mark = True
        # The focused look is a class, not `:focus`: a look a class gives can be
        # drawn without a widget per card (`paint/card_frame.py`, issue 26).
        self.add_class("-focus")
        self._update_chrome()  # a ticker line redraws whole with it

    def on_blur(self) -> None:
        self.focus_mark = False
        self.remove_class("-focus")
        self._update_chrome()

    @property
    def inner_size(self) -> Size:
        """The size of the card's lines inside its border and padding (0 x 0 until
        laid out): what `body` is laid out to."""
        return self.content_size

    def _variant(self) -> tuple[object, ...]:
        """What the lines depend on besides the snapshot, the error and the width."""
        return (self.density, self.focus_mark, self.stale, self.highlighted, self.hidden, self.fill)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As high as the lines it shows (no empty rows under a short panel).

        What it drew, if that is still current; else its lines without the chart
        line, which only a panel on screen feeds (charts cost nothing unseen).
        """
        drawn = self._drawn_key
        if drawn and drawn[0] == self.updates and drawn[2] == width and drawn[5] == self._variant():
            self._layout_lines = len(self._drawn_lines)
        else:
            self._layout_lines = self.line_count(width)
        return self._layout_lines

    def line_count(self, width: int) -> int:
        """How many lines the panel shows at `width` (the chart line left out).

        Kept until what the lines depend on changes: Textual asks every panel
        at every layout, and a panel off screen is never drawn.
        """
        key = (self.updates, self.error, self.error_final, width, self._variant(), self.summary)
        if key != self._counted_key:
            self._counted = len(self.body(width, chart=False))
            self._counted_key = key
        return self._counted

    # -- drawing ------------------------------------------------------------------------

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
            else self.content_strip(line, width, style)
            for index, line in enumerate(lines)
        ]
        self._drawn_lines = lines
        return strips

    def body(self, width: int, *, chart: bool = True) -> list[Text]:
        """The panel's lines at its density, or why there is none yet.

        `chart`: with the chart line (a paint), or without (a count for the layout).
        """
        if shows_full(self):
            return self.full_body(width, chart=chart)
        return panel_body(panel_state(self), width, self.app.console, self.guard.card)

    def full_body(self, width: int, *, chart: bool = True) -> list[Text]:
        """The full panel's lines: the sport's layout, or why there is none yet."""
        snap = self.snapshot
        if snap is None:
            return self._no_snapshot_body(width)
        if self.hidden:
            lines = hidden_lines(snap, width)
        else:
            lines = self.guard.card(snap, width, self._soccer_fill(snap))
            if isinstance(snap, CricketSnapshot):
                lines = [*lines, *wicket_lines(self.wickets, snap, width)]
            if chart and self._charts is not None and not self.guard.failed:
                lines = self._chart_line(snap, lines, width)
        if self.polling:
            lines = [*lines, blank(width), fit(styled(POLLING_NOTE, DIM), width, "center")]
        return lines if self.error is None else [self._error_line(width), *lines]

    def _soccer_fill(self, snap: MatchState) -> Card | None:
        """A soccer card that fills the grid row's spare lines, leaving room for the
        chart line (and its blank), an error line and the polling note; else None."""
        room = self.fill - 2 - (self.error is not None) - (2 if self.polling else 0)
        if not isinstance(snap, SoccerSnapshot) or room <= 0:
            return None
        return lambda state, width: soccer_lines(cast(SoccerSnapshot, state), width, room)

    def _no_snapshot_body(self, width: int) -> list[Text]:
        """Refused, hidden, over, or waiting: the lines of a panel with no snapshot yet."""
        summary = None if self.hidden else self.summary  # a result is a spoiler too
        if self.error is not None:
            return unavailable_lines(
                self.error,
                final=self.error_final,
                label=self.label,
                summary=summary,
                width=width,
                now=getattr(self.app, "wall_clock", time)(),
                tz=getattr(self.app, "timezone", None),
            )
        if self.hidden and self.summary is not None:
            known = self.summary
            return [fit(styled(f"{known.home} v {known.away}: score hidden", DIM), width)]
        if summary is not None and summary.status == "finished":
            return summary_lines(summary, width)
        waiting = self.wait_note or f"Waiting for {self.label}{glyphs().ellipsis}"
        return [fit(styled(waiting, DIM), width)]

    def _chart_line(self, snap: MatchState, lines: list[Text], width: int) -> list[Text]:
        """The lines with the match's one chart line (a paint of a panel on screen)."""
        charts = self._charts
        if charts is None:
            return lines
        try:
            tracker = charts.tracker(snap, behind=self.delay > 0)
            return panel_line(lines, tracker, snap, width, charts.ascii)
        except Exception as exc:  # the panel without its chart line, never without its lines
            self.guard.failure(snap, exc, "chart line")
            return lines

    # -- a card the grid draws itself (issue 26: the grid as one view) -----------------

    @property
    def look(self) -> tuple[bool, bool, bool, bool]:
        """(focused, stale, failed, flashing): which template styles its frame
        (`widgets/panel_look.py` `PanelLook`)."""
        return (self.focus_mark, *self._look())

    @property
    def version(self) -> Hashable:
        """Changes whenever what the card draws changes: its lines, its look, its border
        (the grid's view keeps its drawn lines by this)."""
        return (
            self.updates,
            self.error,
            self.error_final,
            self.summary,
            self._variant(),
            self.look,
            panel_chrome.chrome_key(self, 0),
            getattr(self.app, "palette", None),
        )

    def content_lines(self, width: int, style: Style) -> list[Strip]:
        """The card's lines inside its frame at `width`, in `style` (its look's): what
        `draw` paints, without touching the widget's paint caches."""
        return [self.content_strip(line, width, style) for line in self.body(width)]

    def content_strip(self, line: Text, width: int, style: Style) -> Strip:
        """One line of `body` as a strip `width` cells wide in `style`."""
        return (
            Strip(line.render(self.app.console)).adjust_cell_length(width, style).apply_style(style)
        )

    def render(self) -> Lines:
        """The same lines as a Rich renderable (painting goes through `render_line`)."""
        return Lines(self.body)

    def _error_line(self, width: int) -> Text:
        warning = f"{glyphs().warning} "
        return fit(Text.assemble((warning, ERROR), lit(self.error or "", "bold")), width)
