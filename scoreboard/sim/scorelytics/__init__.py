"""The simulated Scorelytics API: REST snapshots and one socket per match.

It shares the Sportrix simulator's port, router and clock:
`attach_scorelytics(server)` registers its routes and its matches, and
`ScorelyticsControl(sim)` reaches it from another thread (tests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from scoreboard.sim.scorelytics.catalog import build_scorelytics_catalog
from scoreboard.sim.scorelytics.keys import DEMO_KEY
from scoreboard.sim.scorelytics.service import ScorelyticsSim

if TYPE_CHECKING:
    from scoreboard.sim.runner import SimulatorThread
    from scoreboard.sim.server import SportrixServer

__all__ = ["DEMO_KEY", "ScorelyticsControl", "ScorelyticsSim", "attach_scorelytics"]

EXTENSION = "scorelytics"
T = TypeVar("T")


def attach_scorelytics(server: SportrixServer, *, seed: int = 0) -> ScorelyticsSim:
    """Serve the Scorelytics catalog for `seed` on `server` (before it starts); each
    match is made when first asked for (`scorelytics.matches.Later`)."""
    sim = ScorelyticsSim(build_scorelytics_catalog(seed, lazy=True))
    sim.register(server.router)
    for match in sim.matches.values():
        server.ticker.add(match)
    server.change_listeners.append(sim.on_change)
    server.extensions[EXTENSION] = sim
    return sim


class ScorelyticsControl:
    """Thread-safe access to a `SimulatorThread`'s Scorelytics API (for tests)."""

    def __init__(self, sim: SimulatorThread) -> None:
        self._sim = sim

    def call(self, fn: Callable[[ScorelyticsSim], T]) -> T:
        return self._sim.call(lambda server: fn(server.extensions[EXTENSION]))

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`: what `--url` takes for Scorelytics."""
        return self._sim.rest_url.removesuffix("/v1")

    def fields(self, key: str) -> dict[str, Any]:
        return self.call(lambda s: s.matches[key].fields())

    def rest_reads(self, key: str) -> int:
        return self.call(lambda s: s.counters.rest_reads[key])

    def handshakes(self, key: str) -> int:
        return self.call(lambda s: s.counters.handshakes[key])

    def refused(self, status: int) -> int:
        return self.call(lambda s: s.counters.handshakes_refused[status])

    def close_codes(self, key: str) -> list[int | None]:
        return self.call(lambda s: list(s.counters.close_codes.get(key, [])))

    def open_sockets(self) -> dict[str, int]:
        return self.call(lambda s: s.open_sockets())

    def refuse_upgrades(self, status: int | None) -> None:
        self.call(lambda s: s.refuse_upgrades(status))

    def send_raw(self, key: str, payload: str | bytes) -> None:
        self.call(lambda s: s.send_raw(key, payload))

    def drop(self, key: str | None = None) -> int:
        return self.call(lambda s: s.drop(key))
