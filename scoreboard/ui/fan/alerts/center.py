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
"""

from __future__ import annotations

import time
from collections.abc import Callable

from scoreboard.core.alerting import AlertSettings
from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.models import Snapshot
from scoreboard.core.notable import Notable, just_started, notables, worth_a_look
from scoreboard.core.shortline import short_line
from scoreboard.core.swing import KIND as SWING
from scoreboard.core.swing import swing
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
    ) -> None:
        self.settings = settings
        self._board = board
        #: Lets a few alerts through in a window, then holds the rest for one summary.
        self.storm = StormGate()
        self._flush_due = False
        self.muted = False
        self.suppressors: list[Suppressor] = []
        self._in_scope = in_scope
        self._seen: dict[MatchRef, set[tuple[object, ...]]] = {}
        self._last: dict[MatchRef, Snapshot] = {}
        self._listeners: list[MomentListener] = []
        self.channels: dict[str, Channel] = {}
        for name in settings.channels:
            if name == "toast":
                self.channels[name] = ToastChannel(board)
            elif name == "bell":
                self.channels[name] = BellChannel(board)
            elif name == "desktop":
                desktop = DesktopChannel(board, terminal, settings.desktop)
                desktop.toasts_elsewhere = "toast" in settings.channels
                self.channels[name] = desktop

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

    # -- from the session ---------------------------------------------------------------

    def observe(self, event: ProviderEvent) -> None:
        """The session's settled observer: a snapshot its panel has just applied."""
        if isinstance(event, MatchUpdated):
            self.applied(event.ref, event.snapshot)

    def applied(self, ref: MatchRef, snap: Snapshot) -> None:
        old = self._last.get(ref)
        self._last[ref] = snap
        if old is not None and not worth_a_look(old, snap):
            return
        found = notables(snap, old)
        if old is not None and SWING in self.settings.events:
            moved = swing(old, snap)
            if moved is not None:
                found.append(moved)
        seen = self._seen.get(ref)
        if seen is None:
            self._seen[ref] = {n.key for n in found}
            news = [n for n in found if n.kind == "kick_off" and just_started(snap)]
            if found and not news:
                self._tell(ref, found[-1], live=False)
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

    def _alert(self, ref: MatchRef, snap: Snapshot, news: list[Notable]) -> None:
        wanted = [n for n in news if n.kind in self.settings.events]
        if not wanted or self.muted or not self.channels:
            return
        if self.suppressed(ref) or not self._in_scope(ref):
            return
        title = short_line(snap)
        if len(wanted) == 1:
            alert = Alert(ref, title, _said(wanted[0]), (wanted[0].kind,))
        else:  # a burst (after an outage, or coalesced frames): one summary
            body = f"{len(wanted)} events: " + " · ".join(_said(n) for n in wanted[-6:])
            alert = Alert(ref, title, body, tuple(n.kind for n in wanted))
        if self.storm.admit(alert, time.monotonic()):
            self._send(alert)
        elif not self._flush_due:
            self._flush_due = True
            self._board.set_timer(self.storm.window, self._flush)

    def _send(self, alert: Alert) -> None:
        for channel in self.channels.values():
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
