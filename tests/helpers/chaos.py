"""Helpers for the chaos and soak tests: the real app, small timings, and measurements.

- `chaos_app()` builds the real app whose Sportrix provider uses small
  `StreamOptions` (so every fault resolves in about a second), records every
  provider event it handles and, at every connection change, counts the TCP
  sockets the process holds to the simulator (`client_sockets`), which is
  the client-side proof of "one socket at a time".
- `expected()` / `mismatched()` compare every panel with the simulator's
  current state, decoded exactly as the client decodes it.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import msgspec

from helpers.app import all_live, settings_for, until, watch_events
from scoreboard.core.events import (
    ConnectionChanged,
    FrameRejected,
    MatchRef,
    MatchUpdated,
    ProviderEvent,
)
from scoreboard.core.models import Snapshot
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.providers.sportrix.stream import StreamOptions
from scoreboard.providers.sportrix.wire import decode_snapshot
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp

#: Timings small enough that each fault is detected and repaired in about a second.
CHAOS = StreamOptions(
    open_timeout=2.0,
    ping_interval=0.5,
    ping_timeout=1.5,
    answer_timeout=1.5,
    close_timeout=0.3,
    backoff_base=0.05,
    backoff_cap=0.5,
    healthy_after=2.0,
)

#: TCP states in which a client socket is still held: SYN_SENT, ESTABLISHED, CLOSE_WAIT.
_HELD = {"01", "02", "08"}


def client_sockets(port: int) -> int | None:
    """TCP sockets of this host connected *to* `port` and not yet closed (None off Linux).

    The simulator's own sockets have `port` as their local port, so only the
    client's side is counted.
    """
    if not sys.platform.startswith("linux"):
        return None
    held = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, remote, state = parts[1], parts[2], parts[3]
            if (
                int(remote.rsplit(":", 1)[1], 16) == port
                and int(local.rsplit(":", 1)[1], 16) != port
                and state in _HELD
            ):
                held += 1
    return held


@dataclass
class Recorder:
    """What the app handled, and the most sockets it held when a connection changed.

    Match updates are only counted (keeping them would hold every snapshot of
    a soak in memory); every other event is kept.
    """

    port: int
    events: list[ProviderEvent] = field(default_factory=list)
    #: Every event handled, updates included.
    handled: int = 0
    sockets_max: int = 0
    #: Panels still shown as live right after the connection went down (must stay 0).
    stale_violations: int = 0

    def connection_events(self, phase: str | None = None) -> list[ConnectionChanged]:
        return [
            e
            for e in self.events
            if isinstance(e, ConnectionChanged) and (phase is None or e.phase == phase)
        ]

    def rejected(self) -> Counter[str]:
        return Counter(e.kind for e in self.events if isinstance(e, FrameRejected))

    def sample(self) -> None:
        held = client_sockets(self.port)
        if held is not None:
            self.sockets_max = max(self.sockets_max, held)


def record(app: ScoreboardApp, port: int) -> Recorder:
    """Record every event `app` handles (and wake `until()` after each one)."""
    watch_events(app)
    recorder = Recorder(port)

    def recording(event: ProviderEvent) -> None:
        recorder.handled += 1
        if not isinstance(event, MatchUpdated):
            recorder.events.append(event)
        if isinstance(event, ConnectionChanged):
            recorder.sample()
            if event.phase != "live":
                # A panel whose snapshot (received before the drop) is still on its
                # way turns stale as that lands, in the same paint (`FeedRouter`).
                recorder.stale_violations += sum(
                    1
                    for c in app.cards.values()
                    if c.snapshot is not None and not c.stale and not c.waiting
                )

    app.feed.observe(recording)
    return recorder


def chaos_app(
    sim: SimulatorThread,
    *matches: str,
    options: StreamOptions | None = CHAOS,
    seed: int = 7,
    key: str = "sk_demo",
    log_dir: Path | None = None,
    **settings: Any,
) -> tuple[ScoreboardApp, Recorder]:
    """The real app against `sim`; `options=None` keeps the default provider (and options)."""
    config = replace(settings_for(sim, *matches, key=key, log_dir=log_dir), **settings)
    if options is None:
        app = ScoreboardApp(config)
    else:
        opts = replace(options, rng=random.Random(seed))

        def factory(name: str) -> SportrixProvider:
            return SportrixProvider(config.provider_settings(name), opts)

        app = ScoreboardApp(config, provider_factory=factory)  # type: ignore[arg-type]
    return app, record(app, sim.port)


def expected(sim: SimulatorThread, ids: list[int]) -> dict[int, Snapshot]:
    """The server's current state of each match, decoded as the client decodes it."""
    return {i: decode_snapshot(msgspec.json.encode(sim.snapshot(i))) for i in ids}


def mismatched(app: ScoreboardApp, want: dict[int, Snapshot]) -> list[int]:
    """Matches whose panel does not show `want` as live, fresh, error-free state."""
    wrong = []
    for match_id, snap in want.items():
        card = app.cards.get(MatchRef("sportrix", match_id))
        if card is None or card.snapshot != snap or card.stale or card.error is not None:
            wrong.append(match_id)
    return wrong


class Chaos:
    """Seeded random faults against a running app, each at a random point.

    Every fault waits for its own effect on the app (a `reconnecting` event,
    the rejections counted), never for a fixed time; windowed faults (stall,
    mute, accept-then-close, delay) are switched off once the app has seen them.
    """

    FAULTS = (
        "drop",
        "cut",
        "restart",
        "stall",
        "accept_then_close",
        "mute_pongs",
        "delay",
        "bad_frames",
    )

    def __init__(
        self,
        sim: SimulatorThread,
        app: ScoreboardApp,
        recorder: Recorder,
        rng: random.Random,
        *,
        advance: tuple[float, float] = (2.0, 20.0),
        calm: tuple[int, int] = (0, 3),
        faults: tuple[str, ...] = FAULTS,
    ) -> None:
        self.sim, self.app, self.rec, self.rng = sim, app, recorder, rng
        self.advance_range = advance
        #: How many events (frames) to let through between two faults.
        self.calm = calm
        self.faults = faults
        self.injected: Counter[str] = Counter()
        #: Bad frames sent on purpose (each must be counted as rejected).
        self.bad_sent = 0

    async def round(self) -> str:
        """Wait until every panel is live, move the matches on, then break something."""
        await until(self.app, lambda: all_live(self.app), timeout=20)
        self.sim.advance(self.rng.uniform(*self.advance_range))
        seen, wanted = self.rec.handled, self.rng.randint(*self.calm)
        await until(self.app, lambda: self.rec.handled >= seen + wanted, timeout=30)
        name = self.rng.choice(self.faults)
        await getattr(self, f"_{name}")()
        self.injected[name] += 1
        return name

    def quiet(self) -> None:
        """Every fault switch off."""
        faults = self.sim.faults
        faults.stall(False)
        faults.accept_then_close(False)
        faults.mute_pongs(False)
        faults.set_delay(0)

    # -- the faults ----------------------------------------------------------------

    def _mark(self) -> int:
        return len(self.rec.connection_events("reconnecting"))

    async def _reconnects(self, mark: int, count: int = 1, detail: str = "") -> None:
        def seen() -> bool:
            later = self.rec.connection_events("reconnecting")[mark:]
            return sum(1 for e in later if detail in e.detail) >= count

        await until(self.app, seen, timeout=15)

    async def _drop(self) -> None:
        mark = self._mark()
        self.sim.faults.drop_connections()
        await self._reconnects(mark)

    async def _cut(self) -> None:
        mark = self._mark()
        self.sim.faults.cut_mid_frame(fraction=self.rng.uniform(0.05, 0.95))
        await self._reconnects(mark)

    async def _restart(self) -> None:
        mark = self._mark()
        abrupt = self.rng.random() < 0.5
        downtime = self.rng.choice((0.0, 0.2, 0.8))
        await asyncio.to_thread(self.sim.restart, abrupt=abrupt, downtime=downtime)
        await self._reconnects(mark)

    async def _stall(self) -> None:
        """A server that accepts and then never sends: the subscribes go unanswered."""
        self.sim.faults.stall(True)
        mark = self._mark()
        self.sim.faults.drop_connections()
        await self._reconnects(mark, detail="stalled")
        self.sim.faults.stall(False)

    async def _accept_then_close(self) -> None:
        self.sim.faults.accept_then_close(True)
        mark = self._mark()
        self.sim.faults.drop_connections()
        await self._reconnects(mark, self.rng.randint(2, 4))
        self.sim.faults.accept_then_close(False)

    async def _mute_pongs(self) -> None:
        """Half-open: the server stops reading, so pings go unanswered."""
        self.sim.faults.mute_pongs(True)
        await self._reconnects(self._mark())
        self.sim.faults.mute_pongs(False)

    async def _delay(self) -> None:
        """Slow delivery while every match is resubscribed."""
        self.sim.faults.set_delay(self.rng.uniform(0.05, 0.25))
        mark = self._mark()
        self.sim.faults.drop_connections()
        await self._reconnects(mark)
        await until(self.app, lambda: all_live(self.app), timeout=20)
        self.sim.faults.set_delay(0)

    async def _bad_frames(self) -> None:
        ids = [ref.id for ref in self.app.cards]
        frames = self.rng.sample(bad_frames(int(self.rng.choice(ids))), 3)
        before = sum(self.rec.rejected().values())
        for payload in frames:
            self.sim.faults.send_raw(payload)
        self.bad_sent += len(frames)
        await until(self.app, lambda: sum(self.rec.rejected().values()) >= before + len(frames))


def bad_frames(match_id: int) -> list[str]:
    """One frame of each kind the client must reject (none may change a panel)."""
    good = {"match_id": match_id, "sport": "soccer", "status": "live", "home": "A", "away": "B"}
    return [
        "{not json",
        "[1, 2, 3]",
        '"just a string"',
        json.dumps({"op": "delta", "data": good}),
        json.dumps({"data": good}),
        json.dumps({"op": "update"}),
        json.dumps({"op": "update", "data": {**good, "match_id": -1}}),
        json.dumps({"op": "update", "data": {**good, "match_id": "41282"}}),
        json.dumps({"op": "update", "data": {k: v for k, v in good.items() if k != "match_id"}}),
        json.dumps({"op": "update", "data": {**good, "match_id": 99_999_999}}),
        json.dumps({"op": "update", "data": {**good, "score": {"home": "3", "away": 0}}}),
        json.dumps({"op": "update", "data": {**good, "home": ["A"]}}),
        json.dumps({"op": "update", "data": {**good, "score": {"home": 1, "away": 0}}}),
        '{"op": "update", "data": ' + "[" * 10_000 + "]" * 10_000 + "}",
    ]
