"""Every configured provider's REST catalog, read at a modest pace.

The Live now screen lists what these hold, and following adds matches from
them. Each provider's catalog is read every `interval` seconds (60 by
default) while something wants it (follow entries, or the Live now screen
open), never sooner than `MIN_GAP` after the last request, and never before
a `Retry-After` the provider sent (a 429, or any error status carrying it)
has passed. A read that fails keeps the last good list and says why
(`error`), so nothing already shown is lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from textual.timer import Timer

from scoreboard.core.events import MatchRef, MatchSummary
from scoreboard.providers.base import Provider
from scoreboard.settings import Settings
from scoreboard.ui.board import Timers, Workers

log = logging.getLogger("scoreboard.ui.fan.catalogs")

DEFAULT_INTERVAL = 60.0
#: The shortest wait between two reads of one provider's catalog, whoever asks.
MIN_GAP = 5.0
#: Longest wait honoured from a `Retry-After` (a silly value must not park us for days).
MAX_RETRY_AFTER = 3600.0

Listener = Callable[[str], None]


class CatalogBoard(Timers, Workers, Protocol):
    """What the catalogs need of the board: timers, workers and the running providers."""

    def provider(self, name: str) -> Provider:
        """The running provider called `name`, started on first use."""
        ...


@dataclass
class ProviderCatalog:
    """One provider's catalog: the last good list and how the last read went."""

    name: str
    entries: list[MatchSummary] = field(default_factory=list)
    #: Wall-clock time of the last good read.
    fetched_at: float | None = None
    #: Why the last read failed (safe to show), or None.
    error: str | None = None
    #: When the next read may happen (monotonic), and when it is planned.
    not_before: float = 0.0
    due: float = 0.0
    reading: bool = False
    timer: Timer | None = None
    #: Read once even if nobody wants the catalogs (a remembered match may have finished).
    forced: bool = False


class Catalogs:
    """The catalogs of every provider that has a key, refreshed as described above."""

    def __init__(
        self,
        board: CatalogBoard,
        settings: Settings,
        *,
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._board = board
        self._settings = settings
        self.interval = interval
        self._clock = clock
        self._wall = wall
        self.catalogs: dict[str, ProviderCatalog] = {}
        self._listeners: list[Listener] = []
        #: Whoever needs fresh catalogs says so here (following, the Live now screen).
        self.wanted: set[str] = set()

    # -- reading ----------------------------------------------------------------------

    def providers(self) -> list[str]:
        """Providers whose catalog can be read: those with a key."""
        settings = self._settings
        return [name for name, p in settings.providers.items() if p.api_key] or [settings.provider]

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(provider)` after each read of that provider's catalog (good or not)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def want(self, who: str, on: bool = True) -> None:
        """`who` needs the catalogs read (or no longer does); reading starts at once."""
        if on:
            first = not self.wanted
            self.wanted.add(who)
            if first:
                for name in self.providers():
                    self.refresh(name, stale_after=self.interval)
        else:
            self.wanted.discard(who)

    def refresh(self, name: str, *, stale_after: float = 0.0, force: bool = False) -> None:
        """Read `name`'s catalog as soon as allowed, unless it is younger than `stale_after`
        (`force`: even if nobody wants the catalogs)."""
        catalog = self.catalogs.setdefault(name, ProviderCatalog(name))
        catalog.forced = catalog.forced or force
        if catalog.reading:
            return
        if catalog.fetched_at is not None and self._wall() - catalog.fetched_at < stale_after:
            return
        self._plan(catalog, self._clock())

    def _plan(self, catalog: ProviderCatalog, at: float) -> None:
        at = max(at, catalog.not_before)
        if catalog.timer is not None and catalog.due <= at:
            return  # already planned, no later than that
        if catalog.timer is not None:
            catalog.timer.stop()
        catalog.due = at
        delay = max(0.01, at - self._clock())  # a Textual timer of 0 s divides by zero
        catalog.timer = self._board.set_timer(delay, lambda: self._start(catalog))

    def _start(self, catalog: ProviderCatalog) -> None:
        catalog.timer = None
        if not self.wanted and not catalog.forced:
            return  # nobody needs it now; `want` starts again
        catalog.forced = False
        catalog.reading = True
        self._board.run_worker(self._read(catalog), group="catalogs", exit_on_error=False)

    async def _read(self, catalog: ProviderCatalog) -> None:
        started = self._clock()
        catalog.not_before = started + MIN_GAP
        wait = self.interval
        try:
            entries = await self._board.provider(catalog.name).listing()
        except Exception as exc:
            retry_after = getattr(exc, "retry_after", None)
            status = getattr(exc, "status", None)
            if isinstance(retry_after, int | float) and retry_after > 0:
                wait = max(wait, min(float(retry_after), MAX_RETRY_AFTER))
                catalog.not_before = max(catalog.not_before, started + wait)
            said = f" (HTTP {status})" if status and str(status) not in str(exc) else ""
            catalog.error = f"{exc}{said}" if str(exc) else type(exc).__name__
            log.info("catalog of %s not read: %s; next try in %.0f s", catalog.name, exc, wait)
        else:
            catalog.entries = entries
            catalog.fetched_at = self._wall()
            catalog.error = None
        finally:
            catalog.reading = False
        self._plan(catalog, started + wait)
        for listener in tuple(self._listeners):
            listener(catalog.name)

    # -- looking up -------------------------------------------------------------------

    def entries(self) -> list[MatchSummary]:
        """Every entry of every catalog, provider by provider."""
        return [entry for c in self.catalogs.values() for entry in c.entries]

    def find(self, ref: MatchRef) -> MatchSummary | None:
        catalog = self.catalogs.get(ref.provider)
        if catalog is None:
            return None
        return next((e for e in catalog.entries if e.ref == ref), None)

    def retry_in(self, name: str) -> float | None:
        """Seconds until the next planned read of `name`, if one is planned."""
        catalog = self.catalogs.get(name)
        if catalog is None or catalog.timer is None:
            return None
        return max(0.0, catalog.due - self._clock())
