"""Alerts from what the panels show: once per moment, in scope, unless muted.

The center watches snapshots as their panels applied them (the session's
settled observers), so a delayed or hidden panel alerts when, and only if,
it shows the moment. Every notable moment has a key (`core.notable`); the
keys of each match seen so far are kept, so a reconnect, a resubscribe
snapshot or a replayed frame never fires an old goal again. The first
snapshot of a match only teaches its keys (a match seen for the first time
at kick-off announces that). Several new moments in one applied snapshot, as
after an outage, make one summary alert; a storm across matches and time
(more than `StormGate.burst` alerts in its window) is held and sent as one
summary when the window has passed (`storm.py`).

`suppressors` is the hook for panels that must not give anything away
(hidden scores): a predicate on the match; while one says True, nothing of
that match alerts (its keys are still learnt, so revealing it later fires
nothing old) and the title skips it.

Beyond notable moments, each match has a `MatchWatch` (docs/pulse.md): its
pulse (`pulse(ref)`), close games (in scope, like goals), followed players'
moments (in any shown match) and the pulse reaching a rule's level. Where an
alert goes is `core.alerting.route`: a matching `[[alerts.rule]]` picks its
channels, else `[alerts]` does; in quiet hours the bell and desktop are held
for one digest (unless a matching rule is urgent).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from scoreboard.core.alerting import LOUD, AlertInfo, AlertSettings, Digest, Route, route
from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.models import Snapshot
from scoreboard.core.moments import Moment
from scoreboard.core.notable import Notable, just_started, latest, notables, worth_a_look
from scoreboard.core.pulse import Pulse, PulseLevels
from scoreboard.core.shortline import short_line
from scoreboard.core.swing import KIND as SWING
from scoreboard.core.swing import swing
from scoreboard.core.watch import MatchWatch
from scoreboard.core.wickets import WicketLog
from scoreboard.ui.fan.alerts.channels import (
    Alert,
    AlertBoard,
    BellChannel,
    Channel,
    DesktopChannel,
    ToastChannel,
)
from scoreboard.ui.fan.alerts.escapes import Terminal
from scoreboard.ui.fan.alerts.storm import StormGate
from scoreboard.ui.render.glyphs import glyphs

Suppressor = Callable[[MatchRef], bool]
#: Seconds between two looks at whether quiet hours ended (the digest).
DIGEST_CHECK = 60.0


def local_minute() -> int:
    """Minutes since local midnight, now."""
    now = time.localtime()
    return now.tm_hour * 60 + now.tm_min


#: Told of every new moment of every match (in scope or not, muted or not).
MomentListener = Callable[[MatchRef, Notable, bool], None]


class AlertCenter:
    def __init__(
        self,
        board: AlertBoard,
        settings: AlertSettings,
        terminal: Terminal,
        *,
        in_scope: Callable[[MatchRef], bool],
        players: Callable[[], Sequence[str]] = tuple,
        minute: Callable[[], int] = local_minute,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._terminal = terminal
        self._players = players
        #: Minutes since local midnight now (tests and scenes pin it).
        self.minute = minute
        self._clock = clock
        self._watches: dict[MatchRef, MatchWatch] = {}
        self._levels = tuple(r.pulse for r in settings.rules if r.pulse is not None)
        self.digest = Digest(settings.quiet) if settings.quiet is not None else None
        self._board = board
        #: Lets a few alerts through in a window, then holds the rest for one summary.
        self.storm = StormGate()
        self._flush_due = False
        self.muted = False
        self.suppressors: list[Suppressor] = []
        self._in_scope = in_scope
        self._seen: dict[MatchRef, set[tuple[object, ...]]] = {}
        self._last: dict[MatchRef, Snapshot] = {}
        #: Each match's falls of wickets, fed every state (the score a wicket fell at).
        self.falls: Callable[[MatchRef], WicketLog | None] | None = None
        self._listeners: list[MomentListener] = []
        self.channels: dict[str, Channel] = {}
        self._build_channels()

    def reload(self, settings: AlertSettings) -> None:
        """New `[alerts]` settings (the config edited): rules, quiet hours, thresholds,
        channels. What each match has already fired stays fired."""
        self.settings = settings
        self._levels = tuple(r.pulse for r in settings.rules if r.pulse is not None)
        self.digest = Digest(settings.quiet) if settings.quiet is not None else None
        for watch in self._watches.values():
            watch.close_game = settings.close_game
            watch.levels = PulseLevels(self._levels)
            watch.levels.observe(watch.pulse.value, ())  # arms: the level now is not news
        self._build_channels()

    def _build_channels(self) -> None:
        settings, board, terminal = self.settings, self._board, self._terminal
        wanted = dict.fromkeys(
            (*settings.channels, *(c for r in settings.rules for c in r.channels))
        )
        for name in wanted:
            if name in self.channels:
                continue
            if name == "toast":
                self.channels[name] = ToastChannel(board)
            elif name == "bell":
                self.channels[name] = BellChannel(board)
            elif name == "desktop":
                desktop = DesktopChannel(board, terminal, settings.desktop)
                desktop.toasts_elsewhere = "toast" in settings.channels
                self.channels[name] = desktop

    def start(self) -> None:
        """Look every minute whether quiet hours ended (then the digest goes out)."""
        if self.digest is not None:
            self._board.set_interval(DIGEST_CHECK, self.tell_digest)

    def pulse(self, ref: MatchRef) -> Pulse:
        """The match's pulse now (0 for a match not seen yet)."""
        watch = self._watches.get(ref)
        return watch.tracker.pulse(self._clock()) if watch is not None else Pulse(0)

    def on_moment(self, listener: MomentListener) -> None:
        """`listener(ref, notable, live)` for the newest moment of each applied snapshot;
        `live` is False for what a match's first snapshot already held."""
        self._listeners.append(listener)

    def suppressed(self, ref: MatchRef) -> bool:
        return any(suppress(ref) for suppress in self.suppressors)

    def forget(self, ref: MatchRef) -> None:
        """The match is no longer shown; shown again, its first snapshot teaches it afresh."""
        self._seen.pop(ref, None)
        self._last.pop(ref, None)
        self._watches.pop(ref, None)

    # -- from the session ---------------------------------------------------------------

    def observe(self, event: ProviderEvent) -> None:
        """The session's settled observer: a snapshot its panel has just applied."""
        if isinstance(event, MatchUpdated):
            self.applied(event.ref, event.snapshot)

    def applied(self, ref: MatchRef, snap: Snapshot) -> None:
        old = self._last.get(ref)
        self._last[ref] = snap
        self._watched(ref, snap)
        if old is not None and not worth_a_look(old, snap):
            return
        found = notables(snap, old, self.falls(ref) if self.falls is not None else None)
        if old is not None and SWING in self.settings.events:
            moved = swing(old, snap)
            if moved is not None:
                found.append(moved)
        seen = self._seen.get(ref)
        if seen is None:
            self._seen[ref] = {n.key for n in found}
            news = [n for n in found if n.kind == "kick_off" and just_started(snap)]
            newest = latest(found, snap)  # by match order, not by kind
            if newest is not None and not news:
                self._tell(ref, newest, live=False)
        else:
            news = [n for n in found if n.key not in seen]
            seen.update(n.key for n in news)
        if news:
            self._tell(ref, news[-1], live=True)
            self._alert(ref, snap, news)

    def _tell(self, ref: MatchRef, notable: Notable, *, live: bool) -> None:
        for listener in self._listeners:
            listener(ref, notable, live)

    # -- alerting -------------------------------------------------------------------------

    def _watched(self, ref: MatchRef, snap: Snapshot) -> None:
        """The match's pulse and its close-game, player and pulse-level moments."""
        watch = self._watches.get(ref)
        if watch is None:
            watch = MatchWatch(self._players(), self.settings.close_game, self._levels)
            self._watches[ref] = watch
        watch.players.followed = tuple(self._players())  # `f` may have followed one since
        moments = watch.observe(snap, self._clock())
        if moments:
            self._alert_moments(ref, snap, moments)

    def _alert_moments(self, ref: MatchRef, snap: Snapshot, moments: list[Moment]) -> None:
        if self.muted or self.suppressed(ref):
            return
        title = short_line(snap)
        for moment in moments:
            # A close game alerts as a goal does (in scope, if `events` has it); a followed
            # player's moment in any shown match (following him was the choice).
            default = moment.kind != "close_game" or (
                "close_game" in self.settings.events and self._in_scope(ref)
            )
            pulse = watch.pulse.value if (watch := self._watches.get(ref)) is not None else 0
            info = self._info(ref, snap, moment.kind, moment.player, pulse, moment.text)
            path = self._route(info, default)
            if path is not None:
                self._deliver(Alert(ref, title, moment.text, (moment.kind,)), path, info)

    def _info(
        self,
        ref: MatchRef,
        snap: Snapshot,
        kind: str,
        player: str = "",
        pulse: int = 0,
        text: str = "",
    ) -> AlertInfo:
        line = short_line(snap)
        said = f"{line}: {text}" if text else line
        competition = snap.competition or ""
        return AlertInfo(kind, str(ref), snap.home, snap.away, competition, player, pulse, said)

    def _route(self, info: AlertInfo, default: bool) -> Route | None:
        channels = self.settings.channels if default else ()
        return route(info, self.settings.rules, channels, self.settings.quiet, self.minute())

    def _alert(self, ref: MatchRef, snap: Snapshot, news: list[Notable]) -> None:
        if self.muted or not self.channels or self.suppressed(ref):
            return
        in_scope = self._in_scope(ref)
        routed = []
        for n in news:
            info = self._info(ref, snap, n.kind, text=_said(n))
            path = self._route(info, n.kind in self.settings.events and in_scope)
            if path is not None:
                routed.append((n, path, info))
        if not routed:
            return
        title = short_line(snap)
        wanted = [n for n, _, _ in routed]
        if len(wanted) == 1:
            alert = Alert(ref, title, _said(wanted[0]), (wanted[0].kind,))
        else:  # a burst (after an outage, or coalesced frames): one summary
            body = f"{len(wanted)} events: " + " · ".join(_said(n) for n in wanted[-6:])
            alert = Alert(ref, title, body, tuple(n.kind for n in wanted))
        _, path, info = routed[-1]
        channels = tuple(dict.fromkeys(c for _, p, _ in routed for c in p.channels))
        held = any(p.held for _, p, _ in routed)
        self._deliver(alert, Route(channels, held, path.urgent), info)

    def _deliver(self, alert: Alert, path: Route, info: AlertInfo) -> None:
        """Send `alert` where `path` says (through the storm gate); hold it for the digest."""
        if path.held and self.digest is not None:
            self.digest.hold(info)
        if not path.channels:
            return
        if self.storm.admit(alert, time.monotonic()):
            self._send(alert, path.channels)
        elif not self._flush_due:
            self._flush_due = True
            self._board.set_timer(self.storm.window, self._flush)

    def tell_digest(self) -> None:
        """Quiet hours are over: one alert says what was held (on the loud channels too)."""
        if self.digest is None or self.muted:
            return
        text = self.digest.due(self.minute())
        if text is not None:
            ref = next(iter(self._last), MatchRef("digest", 0))
            self._send(Alert(ref, "While quiet", text, ("digest",)), None)

    def _send(self, alert: Alert, channels: Sequence[str] | None = None) -> None:
        """To `channels` (None: the `[alerts]` channels)."""
        names = self.settings.channels if channels is None else channels
        if channels is None and self.digest is not None and self.digest.quiet.holds(self.minute()):
            names = [c for c in names if c not in LOUD]  # a storm summary in quiet hours
        for name in names:
            channel = self.channels.get(name)
            if channel is not None:
                channel.send(alert)

    def _flush(self) -> None:
        """The storm's window has passed: what was held goes out as one summary."""
        self._flush_due = False
        summary = self.storm.due(time.monotonic())
        if summary is None and self.storm.held_since is not None:  # a timer a hair early
            self._flush_due = True
            self._board.set_timer(0.05, self._flush)
            return
        if summary is not None and not self.muted:
            self._send(summary)

    def sent(self, channel: str) -> list[Alert]:
        """What `channel` sent so far (the last 100), oldest first."""
        found = self.channels.get(channel)
        return list(found.sent) if found is not None else []


def _said(notable: Notable) -> str:
    when = f" {notable.when}" if notable.when and notable.when not in notable.text else ""
    icon = "" if glyphs().ascii else f"{notable.icon} "  # the label says it in words
    return f"{icon}{notable.label}: {notable.text}{when}"
