"""Shared fixtures: a running simulator to test against (never a mocked socket).

- `sim`: the bundled Sportrix simulator (catalog seed 7, real-time clock,
  demo keys) on a free loopback port, stopped after the test. Use `sim.url`
  (`ws://127.0.0.1:PORT/v1/stream`), `sim.rest_url`, `sim.faults`,
  `sim.subscriptions()`, `sim.stats()`.
- `sim_factory`: start simulators with options, all stopped after the test:
  `sim_factory(speed=0)` (frozen: move it with `sim.advance(seconds)`),
  `sim_factory(keys={...})`, `sim_factory(flood_matches=20, flood_rate=500, stamp=True)`.
  It takes `SimulatorThread`'s arguments (`SimOptions` in `scoreboard/sim/runner.py`).
- `frozen`: `sim_factory(speed=0)`, for tests that move time themselves.
- `log_file`: a log path under `tmp_path`; whatever `setup_logging` installs
  during a test is removed after it.

Elsewhere: `tests/integration/conftest.py` (`api`: the Scorelytics side of
`frozen`) and the `tests/helpers` package (`helpers.app` to drive the app,
`helpers.events.Events` to drive a provider's events, `helpers.chaos`).

Demo keys: `sk_demo` (everything), `sk_demo_scores` (REST live only),
`sk_demo_soccer` (soccer only), `sk_demo_disabled`, `sk_demo_expired`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from scoreboard.sim.runner import SimulatorThread


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    """Undo what a test's `setup_logging` did to the package logger (level, file handlers),
    so a later test sees the logging it set up itself."""
    logger = logging.getLogger("scoreboard")
    level, handlers = logger.level, list(logger.handlers)
    yield
    for handler in list(logger.handlers):
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def _isolated_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the app remembers (the session, the density) goes to a fresh state directory,
    never the user's: a remembered session must not change what a test starts with."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def sim() -> Iterator[SimulatorThread]:
    """A running simulator: seed 7, speed 1 (real time), demo keys, free port."""
    with SimulatorThread(seed=7, speed=1.0) as server:
        yield server


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    """Where a test's log goes (its handler is removed after the test, as above).

    A file that needs the log set up first overrides this with a fixture of the
    same name that calls `setup_logging(log_file, ...)`.
    """
    (tmp_path / "logs").mkdir(exist_ok=True)  # the app makes directories only in its own
    return tmp_path / "logs" / "sportrix-tui.log"


@pytest.fixture
def frozen(sim_factory: Callable[..., SimulatorThread]) -> SimulatorThread:
    """A simulator whose matches move only when the test calls `advance()` (speed 0)."""
    return sim_factory(speed=0)


@pytest.fixture
def sim_factory() -> Iterator[Callable[..., SimulatorThread]]:
    """`sim_factory(**SimulatorThread options)` → a started simulator, stopped at teardown."""
    started: list[SimulatorThread] = []

    def make(**options: Any) -> SimulatorThread:
        options.setdefault("seed", 7)
        server = SimulatorThread(**options).start()
        started.append(server)
        return server

    yield make
    for server in reversed(started):
        server.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every snapshot test `snapshot`: its SVGs hold for the pinned Textual only, so
    .ci/run's newest-Textual run leaves them out (`-m 'not snapshot'`)."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)


# -- figures: numbers the chaos and soak tests print in the terminal summary ---------------

FIGURES = pytest.StashKey[list[tuple[str, dict[str, Any]]]]()


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[..., None]:
    """`figures(frames=..., reconnects=...)`: report numbers under "reliability figures"."""

    def note(**values: Any) -> None:
        request.config.stash.setdefault(FIGURES, []).append((request.node.nodeid, values))

    return note


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    rows = config.stash.get(FIGURES, [])
    if not rows:
        return
    terminalreporter.section("reliability figures")
    for nodeid, values in rows:
        terminalreporter.write_line(nodeid.rsplit("/", 1)[-1])
        for name, value in values.items():
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            terminalreporter.write_line(f"    {name:<28} {shown}")
