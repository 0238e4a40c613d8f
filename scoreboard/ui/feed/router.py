"""The feed router: provider lifecycle, restarts and routing to panels.

One long-lived async worker per provider reads its events (a socket read's
at once where the provider has `batches`); `handle_events` routes them.
A snapshot reaches its panel in a `MatchPanel.Snapshots`
message (`feed/delivery.py`: the newest of each panel, once per paint beat);
everything else updates the status line,
diagnostics or a panel's state directly. Observers (`observe`) see every
event after it was routed, and settled observers see it once it took effect
(a snapshot once its panel applied it, as the delivery tells): the connection
notice, alerts, following and the title hang off this output, and tests and
the benchmark use it instead of wrapping the app. Nothing in a panel calls
back up here: a panel is handed its snapshots and, at `follow`, its match's
charts (`MatchCharts`), which it reads when it paints.

`FeedRouter` is a part the app owns; it asks the board (`FeedBoard`) only
for timers, workers and a notice to the user.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Protocol, runtime_checkable

from textual.worker import Worker, WorkerState

from scoreboard.core.catalog import start_moment
from scoreboard.core.charts import ChartStore, Tracker
from scoreboard.core.diagnostics import Diagnostics
from scoreboard.core.events import (
    ConnectionChanged,
    FrameRejected,
    MatchFailed,
    MatchRef,
    MatchStale,
    MatchUpdated,
    Notice,
    ProviderEvent,
)
from scoreboard.core.history_store import HistoryStore
from scoreboard.core.models import Snapshot
from scoreboard.net.urls import display_url
from scoreboard.providers.base import Provider, ProviderOptions
from scoreboard.providers.registry import SPECS, make_provider
from scoreboard.recording.writer import Recorder
from scoreboard.settings import Settings
from scoreboard.ui.board import Timers, Workers
from scoreboard.ui.feed.delay import Spoilers
from scoreboard.ui.feed.delivery import Delivery
from scoreboard.ui.feed.sync import BroadcastSync
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

log = logging.getLogger("scoreboard.app")

#: Wait before asking again for a match the server refused (not live yet, ...).
RETRY_FAILED_SECONDS = 60.0
#: Wait before restarting a provider worker that crashed.
WORKER_RESTART_SECONDS = 2.0
#: The group prefix of provider workers.
FEED_GROUP = "feed:"

ProviderFactory = Callable[[str], Provider]
Observer = Callable[[ProviderEvent], None]


class MatchCharts:
    """One match's charts as its panel reads them (`MatchPanel.show_charts`): the
    tracker fed from the match's history up to the state the panel shows."""

    def __init__(
        self, ref: MatchRef, history: HistoryStore, charts: ChartStore, ascii: Callable[[], bool]
    ) -> None:
        self._ref, self._history, self._charts, self._ascii = ref, history, charts, ascii

    @property
    def ascii(self) -> bool:
        return self._ascii()

    def tracker(self, shown: Snapshot, *, behind: bool) -> Tracker | None:
        # `peek`: reading every paint must not keep more states than the window would.
        history = self._history.peek(self._ref)
        return self._charts.update(self._ref, history, shown, behind=behind)


@runtime_checkable
class BatchedEvents(Protocol):
    """A provider that hands out a socket read's events at once (`SportrixProvider`)."""

    def batches(self) -> AsyncIterator[Iterable[ProviderEvent]]:
        """`events()`, a read's worth per item."""
        ...


class FeedBoard(Timers, Workers, Protocol):
    """What the router needs of the board: timers, workers and a word to the user."""

    def notice(self, message: str) -> None:
        """Say `message` in the status line, as a toast and in diagnostics."""
        ...


class FeedRouter:
    """Every running provider of one app, and where their events go."""

    def __init__(
        self,
        board: FeedBoard,
        settings: Settings,
        status: StatusBar,
        *,
        factory: ProviderFactory | None = None,
        recorder: Recorder | None = None,
        ascii: bool = False,
    ) -> None:
        self._board = board
        self._settings = settings
        self._status = status
        self._recorder = recorder
        #: Charts in ASCII rather than braille and block elements (the app's one decision).
        self.chart_ascii = ascii
        self._factory = factory or self._default_provider
        self.providers: dict[str, Provider] = {}
        self.panels: dict[MatchRef, MatchPanel] = {}
        self.diagnostics = Diagnostics.empty()
        self.retry_failed_after = RETRY_FAILED_SECONDS
        #: Sports each provider refused as not enabled for the key (learnt this session).
        self.uncovered: dict[str, set[str]] = {}
        #: Staleness said while the panel's snapshot was still on its way: applied after it.
        self._stale_after: dict[MatchPanel, tuple[bool, str]] = {}
        self._observers: list[Observer] = []
        self._settled: list[Observer] = []
        #: Snapshots on their way to panels; the app points it at the grid.
        self.delivery = Delivery()
        self.delivery.applied = self._applied
        #: Every followed match's timeline (`core.history`), by `MatchRef`.
        self.history = HistoryStore()
        #: What each match's charts show, fed from its history (`core.charts`).
        self.charts = ChartStore()
        #: Told of each match whose history a replay starting again dropped.
        self.forgotten: list[Callable[[MatchRef], None]] = []
        #: The wall clock receive times are read from; tests freeze it.
        self.clock: Callable[[], float] = time.time
        #: Delay and hidden scores per panel, between the providers and the panels.
        self.spoilers = Spoilers(
            lambda: self.clock(),
            lambda panel, snapshot: self.delivery.deliver(panel, snapshot),
            delay=settings.delay,
            hide=settings.spoilers == "hide",
            schedule=lambda seconds, callback: board.set_timer(seconds, callback),
        )
        #: Broadcast sync (`s`, `S`): when each match's moments arrived, the synced delays.
        self.sync = BroadcastSync(lambda: self.clock(), self.spoilers)

    # -- observers ------------------------------------------------------------------

    def observe(self, observer: Observer, *, settled: bool = False) -> Callable[[], None]:
        """Call `observer` with every event; returns the unsubscribe.

        By default as soon as the event was routed (every frame, in order).
        With `settled`, once it took effect: a snapshot when its panel applied
        it (a burst applied at once is seen once), anything else when routed.
        """
        observers = self._settled if settled else self._observers
        observers.append(observer)
        return lambda: observers.remove(observer)

    def _set_stale(self, panel: MatchPanel, stale: bool, ended: str = "") -> None:
        """Mark `panel` stale (or fresh) in order with its snapshots: one still on its
        way to the panel was received before this was said, so this waits for it (a
        fast replay ends, or a connection drops, between a frame and its paint)."""
        if panel.waiting:
            self._stale_after[panel] = (stale, ended)
        else:
            panel.set_stale(stale, ended=ended)

    def _applied(self, panel: MatchPanel) -> None:
        after = self._stale_after.pop(panel, None)
        if after is not None:
            panel.set_stale(after[0], ended=after[1])
        if self._settled and panel.snapshot is not None:
            event = MatchUpdated(panel.ref, panel.snapshot)
            for observer in tuple(self._settled):
                observer(event)

    # -- providers ------------------------------------------------------------------

    def _default_provider(self, name: str) -> Provider:
        settings, recorder = self._settings, self._recorder
        return make_provider(
            settings.provider_settings(name),
            ProviderOptions(
                max_frame_bytes=settings.max_frame_bytes,
                tap=recorder.tap(name) if recorder is not None else None,
                tap_run=recorder.run_tap(name) if recorder is not None else None,
            ),
        )

    def provider(self, name: str) -> Provider:
        """The running provider called `name`, started on first use."""
        provider = self.providers.get(name)
        if provider is None:
            provider = self._factory(name)
            self.providers[name] = provider
            self.diagnostics.stats[name] = provider.stats
            self.diagnostics.urls[name] = display_url(self._settings.provider_settings(name).url)
            self._start_feed(provider)
        return provider

    def _start_feed(self, provider: Provider) -> None:
        self._board.run_worker(
            self._consume(provider),
            name=provider.name,
            group=f"{FEED_GROUP}{provider.name}",
            exclusive=True,
            exit_on_error=False,
        )

    async def _consume(self, provider: Provider) -> None:
        if isinstance(provider, BatchedEvents):  # a read's events in one call
            async for batch in provider.batches():
                self.handle_events(batch)
            return
        async for event in provider.events():
            self.handle_events((event,))

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """A provider worker that failed is logged, said and restarted."""
        worker = event.worker
        if not worker.group.startswith(FEED_GROUP) or event.state != WorkerState.ERROR:
            return
        provider = self.providers.get(worker.name)
        log.error("feed worker for %s failed", worker.name, exc_info=worker.error)
        self._board.notice(
            f"{worker.name} feed stopped unexpectedly ({type(worker.error).__name__}); restarting"
        )
        if provider is not None:
            self._board.set_timer(WORKER_RESTART_SECONDS, lambda: self._start_feed(provider))

    async def close(self) -> None:
        for provider in self.providers.values():
            await provider.close()

    def forget_history(self, provider: str) -> None:
        """A replay started again from its first frame: drop what its matches kept,
        and tell `forgotten` (the moments shown: a seek back must not keep a later one)."""
        for ref in list(self.panels):
            if ref.provider == provider:
                self.history.drop(ref)
                self.charts.drop(ref)
                for forget in self.forgotten:
                    forget(ref)

    # -- following ------------------------------------------------------------------

    def follow(self, panel: MatchPanel) -> None:
        self.panels[panel.ref] = panel
        panel.show_charts(MatchCharts(panel.ref, self.history, self.charts, self._chart_ascii))
        panel.wickets = self.history.wickets(panel.ref)
        panel.guard.diagnostics = self.diagnostics
        self.spoilers.follow(panel)
        self.sync.follow(panel)
        self.provider(panel.ref.provider).watch(panel.ref.id)
        state = self.diagnostics.connections.get(panel.ref.provider)
        if state is not None:
            panel.set_polling(state.via == "polling")
            if state.phase != "live":
                panel.set_stale(True)

    def unfollow(self, ref: MatchRef) -> MatchPanel | None:
        panel = self.panels.pop(ref, None)
        if panel is not None:
            self.providers[ref.provider].unwatch(ref.id)
            self.history.drop(ref)
            self.charts.drop(ref)
            self.delivery.forget(panel)
            self._stale_after.pop(panel, None)
            self.spoilers.unfollow(ref)
            self.sync.forget(ref)
        return panel

    def _learn_sport(self, panel: MatchPanel) -> None:
        """A sport outside the key's allowlist: learn which (the add dialog marks it)."""

        async def learn() -> None:
            ref = panel.ref
            try:
                summary = await self.provider(ref.provider).lookup(ref.id)
            except OSError:
                return
            if summary is not None:
                self.uncovered.setdefault(ref.provider, set()).add(summary.sport)

        self._board.run_worker(learn(), group=f"sport:{panel.ref}", exit_on_error=False)

    def _look_up(self, panel: MatchPanel, event: MatchFailed) -> None:
        """The feed refused a match: ask the catalog what it is, in the background.
        The refusal settles (settled observers see it) once the answer is shown."""

        async def look_up() -> None:
            try:
                await self._what_is(panel)
            finally:
                self._settle(event)

        self._board.run_worker(
            look_up(), group=f"lookup:{panel.ref}", exclusive=True, exit_on_error=False
        )

    async def _what_is(self, panel: MatchPanel) -> None:
        """Finished: final score and result, no retry. Scheduled: teams and kick-off,
        asked again at kick-off. Unknown to the catalog: "no such match", no retry.
        Anything else (the catalog is down, the match is live after all): ask again."""
        ref, wait = panel.ref, self.retry_failed_after
        try:
            summary = await self.provider(ref.provider).lookup(ref.id)
        except OSError as exc:
            log.info("catalog lookup of %s failed: %s", ref, exc)
            summary = panel.summary  # what we knew before, if anything
        else:
            if summary is None and self._waiting(panel):
                title = SPECS[ref.provider].title if ref.provider in SPECS else ref.provider
                said = f" (the stream said: {panel.error})" if panel.error else ""
                panel.fail(f"no such match: {title} has no match {ref.id}{said}", final=True)
                return
        if not self._waiting(panel):
            return  # removed, or live again while we asked
        if summary is not None:
            panel.show_summary(summary)
            if summary.status == "finished":
                return  # over: nothing to ask for again
            kickoff = start_moment(summary.start_time)
            if summary.status == "scheduled" and kickoff is not None:
                due = kickoff - time.time()
                if 0 < due < wait:
                    wait = due + 1.0  # at kick-off, not up to a minute late
        self._board.set_timer(wait, lambda: self._retry(panel))

    def _waiting(self, panel: MatchPanel) -> bool:
        """`panel` is still shown, refused, and has no live state."""
        shown = self.panels.get(panel.ref) is panel
        return shown and panel.error is not None and panel.snapshot is None

    # -- charts -------------------------------------------------------------------

    def chart(self, panel: MatchPanel) -> Tracker | None:
        """What `panel`'s charts show, fed from its history up to the state it shows."""
        history, behind = self.history.get(panel.ref), panel.delay > 0
        return self.charts.update(panel.ref, history, panel.snapshot, behind=behind)

    def _chart_ascii(self) -> bool:
        return self.chart_ascii

    def _retry(self, panel: MatchPanel) -> None:
        """Ask again for a refused match: a scheduled one comes alive at kick-off."""
        if self.panels.get(panel.ref) is panel and panel.error is not None and not panel.finished:
            provider = self.provider(panel.ref.provider)
            provider.unwatch(panel.ref.id)
            provider.watch(panel.ref.id)

    # -- events from providers ------------------------------------------------------

    def handle_event(self, event: ProviderEvent) -> None:
        """Route one provider event (`handle_events` with one)."""
        self.handle_events((event,))

    def handle_events(self, events: Iterable[ProviderEvent]) -> None:
        """Route a read's events in order, then tell observers of each.

        The per-frame path: a snapshot's routing is inlined here and what it
        uses is looked up once a read; the wall clock is read once a read (the
        frames of one read arrived together). Each panel is handed only the
        newest of its snapshots in the read (`Delivery` keeps only the newest
        anyway), before anything else is routed and at the end. A bug routing
        one event is contained: it must not stop the feed or the rest of the read.
        """
        panels, observers = self.panels, self._observers
        history, moments = self.history, self.sync.moments
        newest: dict[MatchPanel, Snapshot] = {}
        now: float | None = None
        for event in events:
            try:
                if type(event) is not MatchUpdated:
                    if newest:
                        self._deliver(newest)
                    settles_later = self._route(event)
                    for observer in observers:
                        observer(event)
                    if self._settled and not settles_later:
                        self._settle(event)
                    continue
                panel = panels.get(event.ref)
                if panel is not None:
                    if now is None:
                        now = self.clock()
                    ref, snapshot = event.ref, event.snapshot
                    try:
                        history.add(ref, event.received_at or now, snapshot)
                    except Exception as exc:  # the panel shows the snapshot all the same
                        self.diagnostics.contain("history_error", exc, str(ref))
                    moments.seen(ref, now, snapshot)  # `BroadcastSync.seen`, a call less
                    if panel.delay:
                        self.spoilers.deliver(panel, now, snapshot)
                    else:
                        newest[panel] = snapshot
                for observer in observers:
                    observer(event)
            except Exception as exc:  # one event's bug must not stop the feed
                self.diagnostics.contain("route_error", exc, type(event).__name__)
        if newest:
            self._deliver(newest)
        if now is not None:
            self._status.frame_seen()

    def _deliver(self, newest: dict[MatchPanel, Snapshot]) -> None:
        """Hand each panel its newest snapshot of the read (if it is still followed)."""
        deliver, panels = self.delivery.deliver, self.panels
        for panel, snapshot in newest.items():
            if panels.get(panel.ref) is panel:
                try:
                    deliver(panel, snapshot)
                except Exception as exc:  # one panel's bug must not stop the rest
                    self.diagnostics.contain("route_error", exc, "MatchUpdated")
        newest.clear()

    def _route(self, event: ProviderEvent) -> bool:
        """Route anything but a snapshot; True if it settles later (a refusal looked up)."""
        if isinstance(event, FrameRejected):
            self.diagnostics.recent.append((time.time(), event))
            self._status.rejected = self.diagnostics.rejected_total
            log.info("rejected frame from %s: %s: %s", event.provider, event.kind, event.reason)
        elif isinstance(event, MatchFailed):
            panel = self.panels.get(event.ref)
            if panel is not None and panel.snapshot is not None and panel.finished:
                # Over, and it shows its final state: asked for again after a
                # reconnect it is refused as "not live", which is no news.
                log.info("%s is finished; the server says: %s", event.ref, event.message)
            elif panel is not None:
                panel.fail(event.message, final=event.final)
                if event.kind == "not_enabled":
                    self._learn_sport(panel)
                if not event.final:
                    self._look_up(panel, event)
                    return True
        elif isinstance(event, ConnectionChanged):
            self._connection_changed(event)
        elif isinstance(event, MatchStale):
            panel = self.panels.get(event.ref)
            if panel is not None:
                self._set_stale(panel, event.stale, event.reason if event.ended else "")
        elif isinstance(event, Notice):
            self._board.notice(event.message)
        return False

    def _settle(self, event: ProviderEvent) -> None:
        for observer in tuple(self._settled):
            observer(event)

    def _connection_changed(self, event: ConnectionChanged) -> None:
        self.diagnostics.connection_changed(event, time.time())
        log.info("%s connection: %s %s", event.provider, event.phase, event.detail)
        # A panel is fresh again with its own next snapshot; per-match providers
        # say which panels are stale themselves (`MatchStale`).
        polling = event.via == "polling"
        for ref, panel in self.panels.items():
            if ref.provider == event.provider:
                panel.set_polling(polling)
                if event.phase != "live" and not event.per_match:
                    self._set_stale(panel, True)
