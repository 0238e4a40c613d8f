"""Start and stop the simulator from Python: in a thread or in the current loop.

```python
with SimulatorThread(seed=7) as sim:          # own event loop, daemon thread
    connect(sim.url, additional_headers={"X-API-Key": "sk_demo"})
    sim.faults.drop_connections()

async with serve_simulator(seed=7, speed=0) as sim:   # this loop (plain async tests)
    ...
```

Both take the same keywords (`SimOptions`, as does `build_server`) and serve
the bundled catalog (`scoreboard.sim.catalog.build_catalog`) unless
`engines` is given, plus `flood_matches` synthetic matches.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypedDict, TypeVar, Unpack

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.faults import FaultsProxy
from scoreboard.sim.flood import flood_engines, staggered_first_steps
from scoreboard.sim.keys import ApiKey, KeyStore, load_keys
from scoreboard.sim.restfaults import RestHit
from scoreboard.sim.server import SportrixServer

T = TypeVar("T")
#: Keys: a mapping or list of ApiKey, a KeyStore, a TOML keys file, or None (demo keys).
KeysOption = Mapping[str, ApiKey] | Iterable[ApiKey] | KeyStore | str | os.PathLike[str] | None
#: Engines: a list, a factory, or None (the bundled catalog for `seed`).
EnginesOption = Iterable[MatchEngine] | Callable[[], Iterable[MatchEngine]] | None

START_TIMEOUT = 30.0
CALL_TIMEOUT = 30.0


class SimOptions(TypedDict, total=False):
    """How to run a simulator: `build_server`, `serve_simulator` and `SimulatorThread` take these.

    Defaults (in `build_server`): seed 0, real time (speed 1; 0 freezes the
    clock), 127.0.0.1 on a free port, the demo keys, the bundled catalog
    dated now (or its fixed epoch when frozen), no flood, no send stamps.
    """

    seed: int
    #: Simulated seconds per real second; 0: nothing moves until `advance()`.
    speed: float
    host: str
    port: int
    keys: KeysOption
    #: Synthetic matches added to the catalog, and their frames per second in all.
    flood_matches: int
    flood_rate: float
    #: Events in each flood match's timeline and stats in each (heavy snapshots).
    flood_events: int
    flood_stats: int
    #: Stamp each frame with its send time (`sent_at`), for latency figures.
    stamp: bool
    engines: EnginesOption
    #: The instant the catalog's current states are dated.
    epoch: datetime | None
    #: Real matches to serve too, by name (`scoreboard.sim.real.names()`), ids 700001...
    real: Iterable[str]
    #: Where each real match starts: name -> frame index or clock label ("2:18.1").
    real_start: Mapping[str, int | str]
    #: Real seconds between a real match's frames (None: the match's own spacing).
    real_gap: float | None
    #: Frames of a real match released together, back to back on the socket.
    real_burst: int
    #: Real matches wait at their start until their first subscriber.
    real_hold: bool


def _checked(options: SimOptions) -> SimOptions:
    unknown = options.keys() - SimOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown simulator option {', '.join(sorted(unknown))}")
    return options


def catalog_engines(
    seed: int, epoch: datetime | None = None, speed: float = 1.0
) -> list[MatchEngine]:
    """The bundled catalog for `seed`, its times paced for a server at `speed`; each
    match is brought to its minute when first asked for (`scoreboard.sim.lazy`)."""
    from scoreboard.sim.catalog import lazy_catalog

    return lazy_catalog(seed=seed, epoch=epoch, speed=speed)


def _key_store(keys: KeysOption) -> KeyStore:
    if keys is None:
        return KeyStore()
    if isinstance(keys, KeyStore):
        return keys
    if isinstance(keys, str | os.PathLike):
        return KeyStore(load_keys(Path(keys)))
    return KeyStore(keys)


def build_server(**options: Unpack[SimOptions]) -> SportrixServer:
    """A configured, not yet listening server (raises ValueError/KeysFileError on bad options)."""
    _checked(options)
    seed = options.get("seed", 0)
    speed = options.get("speed", 1.0)
    flood_matches = options.get("flood_matches", 0)
    engines = options.get("engines")
    epoch = options.get("epoch")
    if engines is None:
        if epoch is None and speed > 0:
            # A running clock: date the catalog's current states "now". A frozen
            # server keeps the catalog's fixed epoch so its output is reproducible.
            epoch = datetime.now(UTC)
        matches = catalog_engines(seed, epoch, speed)
    elif callable(engines):
        matches = list(engines())
    else:
        matches = list(engines)
    server = SportrixServer(
        matches,
        keys=_key_store(options.get("keys")),
        speed=speed,
        stamp=options.get("stamp", False),
        host=options.get("host", "127.0.0.1"),
        port=options.get("port", 0),
        # Flood mode measures the client: skip per-connection deflate on the hot path.
        compression=flood_matches == 0,
    )
    from scoreboard.sim.scorelytics import attach_scorelytics

    attach_scorelytics(server, seed=seed)  # the second provider, on the same port
    flood = flood_engines(
        flood_matches,
        options.get("flood_rate", 0.0),
        speed=speed or 1.0,
        events=options.get("flood_events", 0),
        stats=options.get("flood_stats", 0),
    )
    for engine, due in zip(flood, staggered_first_steps(flood), strict=True):
        server.add_engine(engine, first_due=due)
    for replay in real_engines(options, speed, epoch):
        server.add_engine(replay)
    return server


def real_engines(options: SimOptions, speed: float, epoch: datetime | None) -> list[MatchEngine]:
    """The real matches `options` asks for, each starting where `real_start` says."""
    names = list(options.get("real", ()))
    if not names:
        return []
    from scoreboard.sim.real import load
    from scoreboard.sim.real.engine import ReplayEngine

    starts = options.get("real_start", {})
    unknown = set(starts) - set(names)
    if unknown:
        raise ValueError(f"real_start names a match not served: {', '.join(sorted(unknown))}")
    from scoreboard.sim.engines.timeline import DEFAULT_EPOCH
    from scoreboard.sim.real import names as present

    missing = [n for n in names if n not in present()]
    if missing:
        raise ValueError(
            f"no data for real match {', '.join(missing)} (here: {', '.join(present())})"
        )
    now = epoch if epoch is not None else datetime.now(UTC) if speed > 0 else DEFAULT_EPOCH
    engines: list[MatchEngine] = []
    for name in names:
        engine = ReplayEngine(
            load(name),
            start=starts.get(name, 0),
            speed=speed,
            gap=options.get("real_gap"),
            burst=options.get("real_burst", 1),
            hold=options.get("real_hold", False),
        )
        engine.anchor(now)
        engines.append(engine)
    return engines


@asynccontextmanager
async def serve_simulator(**options: Unpack[SimOptions]) -> AsyncIterator[SportrixServer]:
    """Run the simulator in the current event loop for the duration of the block."""
    server = build_server(**options)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


class SimulatorThread:
    """The simulator on its own event loop in a daemon thread.

    Every method is thread-safe: it runs on the simulator's loop and waits
    for the result. `faults` is a thread-safe `Faults` (see `faults.py`).
    """

    def __init__(self, **options: Unpack[SimOptions]) -> None:
        self._options = _checked(options)
        self._server: SportrixServer | None = None
        #: The last server started, so addresses still read after stop().
        self._last: SportrixServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None
        self._error: BaseException | None = None
        self.faults = FaultsProxy(lambda: self._require().faults, self._call)

    # -- lifecycle -------------------------------------------------------------

    def start(self) -> Self:
        """Start serving; returns once listening. Raises OSError if the port is busy."""
        if self._thread is not None:
            raise RuntimeError("simulator already started")
        server = build_server(**self._options)
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(server, ready), name="sportrix-sim", daemon=True
        )
        self._thread.start()
        if not ready.wait(START_TIMEOUT):
            raise TimeoutError("simulator did not start listening in time")
        error, self._error = self._error, None
        if error is not None:
            self._thread.join()
            self._thread = None
            raise error
        return self

    def _run(self, server: SportrixServer, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main(server, ready))
        finally:
            loop.close()

    async def _main(self, server: SportrixServer, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        try:
            await server.start()
        except BaseException as exc:
            self._error = exc
            ready.set()
            return
        self._server = self._last = server
        ready.set()
        try:
            await self._stopping.wait()
        finally:
            await server.stop()
            self._server = None

    def stop(self) -> None:
        """Close every connection and stop the thread (idempotent)."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        if thread is None or loop is None or stopping is None:
            return
        if thread.is_alive():
            loop.call_soon_threadsafe(stopping.set)
            thread.join(CALL_TIMEOUT)
        self._thread = None

    def restart(self, *, abrupt: bool = False, downtime: float = 0.0) -> None:
        """Stop listening, drop every connection, listen again on the same port."""
        server = self._require()
        self._run_coroutine(server.restart(abrupt=abrupt, downtime=downtime))

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._addressed().port

    @property
    def url(self) -> str:
        """`ws://127.0.0.1:PORT/v1/stream` (still readable after `stop()`)."""
        return self._addressed().url

    @property
    def rest_url(self) -> str:
        """`http://127.0.0.1:PORT/v1`"""
        return self._addressed().rest_url

    def _addressed(self) -> SportrixServer:
        server = self._server or self._last
        if server is None:
            raise RuntimeError("simulator was never started (call start() first)")
        return server

    # -- introspection and simulated time -----------------------------------------

    def subscriptions(self) -> dict[int, set[int]]:
        """Connection id → subscribed match ids, for every open stream connection."""
        return self._call(lambda: self._require().subscriptions())

    def stats(self) -> dict[str, Any]:
        """Counters: connections_open/max/total, frames_sent, updates_coalesced, faults..."""
        return self._call(lambda: self._require().stats())

    def advance(self, seconds: float) -> list[int]:
        """Step every engine by `seconds` of simulated time now (works at speed 0)."""
        return self._call(lambda: self._require().advance(seconds))

    def rest_log(self, path: str | None = None) -> list[RestHit]:
        """REST requests that reached a route (every one, or those for exactly `path`):
        arrival `at` (this process's `time.monotonic()`), `path`, `status` answered."""
        return self._call(lambda: self._require().rest_log.hits(path))

    def call(self, fn: Callable[[SportrixServer], T]) -> T:
        """`fn(server)` run on the simulator's loop; its result (for other providers' state)."""
        return self._call(lambda: fn(self._require()))

    def snapshot(self, match_id: int) -> dict[str, Any]:
        """The current live snapshot of one match, as a subscriber would get it."""
        return self._call(lambda: self._require().engines[match_id].snapshot())

    def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.01
    ) -> None:
        """Wait for server-side state (`predicate()` true), or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            time.sleep(interval)

    # -- plumbing ----------------------------------------------------------------

    def _require(self) -> SportrixServer:
        if self._server is None:
            raise RuntimeError("simulator is not running (call start() first)")
        return self._server

    def _call(self, fn: Callable[[], T]) -> T:
        async def run() -> T:
            return fn()

        return self._run_coroutine(run())

    def _run_coroutine(self, coro: Coroutine[Any, Any, T]) -> T:
        loop = self._loop
        if loop is None or self._thread is None:
            coro.close()
            raise RuntimeError("simulator is not running (call start() first)")
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("use the server object directly on the simulator's own loop")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(CALL_TIMEOUT)
