"""Following Sportrix matches by polling `GET /matches/{id}/live` (the `live_scores` scope).

For keys the stream refuses (it needs `live_scores_statistics`) and for
`--poll`. The endpoint sends the snapshot without `stats`, `events` and
`scorecard`, so panels show score, clock, phase and status, nothing more.

Scheduling (`_schedule`): each match is asked once per `interval`; request
starts are at least `interval / n` apart for n matches, so twenty matches
are spread over the interval rather than sent in a burst. Each request is
its own task, all sharing the provider's pooled `httpx` client (one
keep-alive connection per origin), so one slow answer holds up only its own
match, and each has a whole deadline (`PollOptions.timeout`).

Answers:

| answer | what happens |
|---|---|
| 200 | `MatchUpdated` when the state changed (else the panel is only made fresh) |
| 429 | every match waits `Retry-After` (or a backoff if absent), then they resume spread out |
| 5xx, network, bad body | that match backs off (capped, jittered); its panel is stale meanwhile |
| 404 | `MatchFailed`: "no such match", or why not (scheduled, finished) from `GET /matches/{id}` |
| 401 | `refused`, and polling ends: the app shows the refusal screen |

The provider-level `ConnectionChanged` (`via="polling"`, `per_match`) sums
it up: `connecting` until the key is known good, `live` with the banner,
`reconnecting` while rate limited or while every match is failing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from scoreboard.core.events import (
    ConnectionChanged,
    ConnectionPhase,
    FrameRejected,
    MatchFailed,
    MatchRef,
    MatchStale,
    MatchUpdated,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.net.backoff import Backoff
from scoreboard.net.rest import (
    RestAuthError,
    RestClient,
    RestError,
    RestRateLimited,
    RestStatusError,
)
from scoreboard.providers.sportrix.polled import (
    PROVIDER,
    Polled,
    PollOptions,
    banner,
)
from scoreboard.providers.sportrix.wire import FrameError, decode_snapshot

__all__ = ["PollOptions", "SportrixPoller", "banner"]
log = logging.getLogger(__name__)
#: A 429's `Retry-After` shorter than this (0, a date in the past) is replaced by the backoff.
MIN_RETRY_AFTER = 1.0
#: Until the key is confirmed, the next request waits this long for the first answer.
FIRST_ANSWER_WAIT = 1.0


@dataclass(eq=False)
class _Run:
    queue: asyncio.Queue[ProviderEvent | None] = field(default_factory=asyncio.Queue)
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class SportrixPoller:
    """Polls every watched match; `events()` yields what changed."""

    def __init__(
        self,
        base: str,
        api_key: str | None,
        *,
        key_source: str = "no key configured",
        stats: ProviderStats | None = None,
        options: PollOptions | None = None,
        forced: bool = True,
        refusal: str | None = None,
        rest: RestClient | None = None,
    ) -> None:
        self.options = options or PollOptions()
        self.interval = self.options.every
        self.stats = stats or ProviderStats()
        self.forced = forced
        #: The stream's 401 detail when polling is the fallback: shown if REST refuses too.
        self.refusal = refusal
        #: The provider's client when it has one (one pool per origin); else our own.
        self._own_rest = rest is None
        self.rest = rest or RestClient(
            base, api_key, key_source=key_source, timeout=self.options.timeout
        )
        self._timeout = self.options.timeout
        self._rng = self.options.rng or random.Random()
        self._matches: dict[int, Polled] = {}
        self._run: _Run | None = None
        self._closing = False
        #: No request starts before this (a 429's Retry-After).
        self._resume_at = 0.0
        self._rate_limited: str | None = None
        self._last_start = -1e9
        #: The key was accepted by the live endpoint at least once.
        self.confirmed = False
        self._last_phase: tuple[object, ...] = ()

    # -- watching ---------------------------------------------------------------------

    def watch(self, match_id: int) -> None:
        if match_id in self._matches:
            return
        base = 2 * self.interval
        backoff = Backoff(base, max(self.options.backoff_cap, base), rng=self._rng)
        self._matches[match_id] = Polled(MatchRef(PROVIDER, match_id), time.monotonic(), backoff)
        self._poke()

    def unwatch(self, match_id: int) -> None:
        polled = self._matches.pop(match_id, None)
        if polled is not None and polled.task is not None:
            polled.task.cancel()
        self._poke()

    @property
    def watched(self) -> frozenset[int]:
        return frozenset(self._matches)

    def _poke(self) -> None:
        if self._run is not None:
            self._run.wake.set()

    # -- running ----------------------------------------------------------------------

    async def close(self) -> None:
        self._closing = True
        if self._run is not None:
            self._run.queue.put_nowait(None)
            self._run.wake.set()

    async def events(self) -> AsyncIterator[ProviderEvent]:
        if self._run is not None:
            raise RuntimeError("events() is already running for this poller")
        run = self._run = _Run()
        scheduler = asyncio.create_task(self._schedule(run))
        try:
            yield self._phase_event("connecting", self._asking())
            while not self._closing:
                event = await run.queue.get()
                if event is None:
                    break
                yield event
                if isinstance(event, ConnectionChanged) and event.phase == "refused":
                    return
            yield self._phase_event("closed", "polling stopped")
        finally:
            scheduler.cancel()
            tasks = [p.task for p in self._matches.values() if p.task is not None]
            for task in tasks:
                task.cancel()
            await asyncio.gather(scheduler, *tasks, return_exceptions=True)
            if self._own_rest:
                await self.rest.aclose()
            self._run = None

    def _asking(self) -> str:
        where = f"{self.rest.base}/matches/{{id}}/live"
        if self.refusal is not None:
            return f"the stream refused the key; asking {where} whether it can poll"
        return f"asking {where}"

    async def _schedule(self, run: _Run) -> None:
        """Start each match's next request when it is due, spread out, one at a time each."""
        self.rest.prepare()  # the pool's set-up is no request's time
        if self.refusal is not None and not self._matches:
            await self._probe(run)
        while not self._closing:
            run.wake.clear()
            now = time.monotonic()
            ready = [p for p in self._matches.values() if p.task is None and not p.ended]
            wait: float | None = None
            if ready:
                polled = min(ready, key=lambda p: p.due)
                active = sum(1 for p in self._matches.values() if not p.ended)
                gap = self.interval / max(active, 1)
                if not self.confirmed and self._in_flight():
                    # The first answer first (for a while): it opens the pooled connection
                    # the others then reuse, and tells whether the key is good.
                    gap = max(gap, min(FIRST_ANSWER_WAIT, self.interval))
                start = max(polled.due, self._last_start + gap, self._resume_at)
                if start <= now:
                    self._last_start = now
                    polled.task = asyncio.create_task(self._poll(run, polled))
                    continue
                wait = start - now
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(run.wake.wait(), wait)

    def _in_flight(self) -> bool:
        return any(p.task is not None for p in self._matches.values())

    async def _poll(self, run: _Run, polled: Polled) -> None:
        started = [time.monotonic()]
        try:
            await self._ask(run, polled, started)
        finally:
            polled.task = None
            if not polled.ended:
                polled.due = max(polled.due, time.monotonic() + self.interval / 2)
            self._publish(run)
            run.wake.set()

    async def _ask(self, run: _Run, polled: Polled, started: list[float]) -> None:
        """One request; `started[0]` becomes when it went on the wire (not when it
        waited for a connection), so a match is never asked twice within `interval`."""

        def sent() -> None:
            started[0] = time.monotonic()

        match_id = polled.match_id
        try:
            body = await self.rest.get_body(
                f"/matches/{match_id}/live", timeout=self._timeout, on_sent=sent
            )
        except RestAuthError as exc:
            self._refused(run, str(exc))
            return
        except RestRateLimited as exc:
            self._limited(run, polled, exc)
            return
        except RestStatusError as exc:
            if exc.status == 404:
                self._accepted(run)
                await self._not_live(run, polled)
                return
            self._failed(run, polled, exc.short, exc.retry_after)
            return
        except RestError as exc:
            self._failed(run, polled, exc.short, None)
            return
        if self._matches.get(match_id) is not polled:
            return  # unwatched meanwhile
        self._accepted(run)
        self.stats.frames += 1
        self.stats.last_frame_at = time.time()
        try:
            snapshot = decode_snapshot(body)
            if snapshot.match_id != match_id:
                raise FrameError("wrong_match", f"asked for {match_id}, got another match")
        except FrameError as exc:
            self.stats.reject(exc.kind)
            run.queue.put_nowait(FrameRejected(PROVIDER, exc.kind, exc.reason))
            self._failed(run, polled, f"bad answer: {exc.reason}", None)
            return
        polled.due = started[0] + self.interval
        polled.backoff.reset()
        polled.failing = None
        if snapshot != polled.last:
            polled.last = snapshot
            polled.stale = False
            run.queue.put_nowait(MatchUpdated(polled.ref, snapshot))
        elif polled.stale:
            polled.stale = False
            run.queue.put_nowait(MatchStale(polled.ref, False))

    async def _probe(self, run: _Run) -> None:
        """Nothing watched yet: ask the live endpoint about a live match of the catalog,
        so a key that cannot poll either gets the refusal screen at once."""
        try:
            listed = await self.rest.get_json("/matches", {"status": "live"}, timeout=self._timeout)
            ids = [m.get("match_id") for m in listed if isinstance(m, dict)]
            first = next(i for i in ids if type(i) is int and i > 0)
            await self.rest.get_body(f"/matches/{first}/live", timeout=self._timeout)
        except RestAuthError as exc:
            self._refused(run, str(exc))
            return
        except RestStatusError as exc:
            if exc.status != 404:
                log.info("sportrix polling probe: %s", exc)
                return  # cannot tell yet: the first watched match's answer will
        except (RestError, TypeError, StopIteration) as exc:
            log.info("sportrix polling probe inconclusive: %s", exc)
            return
        self._accepted(run)
        self._publish(run)

    # -- outcomes ---------------------------------------------------------------------

    def _accepted(self, run: _Run) -> None:
        """The live endpoint took the key (a 200 or a 404)."""
        if not self.confirmed:
            self.confirmed = True
            log.info("sportrix polling every %g s", self.interval)

    def _refused(self, run: _Run, detail: str) -> None:
        if self.refusal is not None and not self.confirmed:
            detail = (
                f"{self.refusal} The REST live endpoint refused it too, so polling cannot "
                "help: the key needs the live_scores scope (REST) or live_scores_statistics "
                "(the stream)."
            )
        log.warning("sportrix polling refused: %s", detail)
        self._closing = True
        run.queue.put_nowait(ConnectionChanged(PROVIDER, "refused", detail, via="polling"))

    def _limited(self, run: _Run, polled: Polled, exc: RestRateLimited) -> None:
        now = time.monotonic()
        # A Retry-After of 0 or in the past is no reason to ask again at once, every time.
        asked = exc.retry_after is not None and exc.retry_after >= MIN_RETRY_AFTER
        backoff = polled.backoff.next_delay()
        wait = exc.retry_after if asked and exc.retry_after is not None else backoff
        self._resume_at = max(self._resume_at, now + wait)
        self._rate_limited = f"rate limited (HTTP 429): next request in {wait:g} s" + (
            ", as the server asked" if asked else ""
        )
        log.info("sportrix polling: %s", self._rate_limited)
        polled.due = self._resume_at
        for other in self._matches.values():
            # Old news by the time the wait is over: say so now.
            if now + wait > other.due + self.interval and not other.stale and other.last:
                other.stale = True
                run.queue.put_nowait(MatchStale(other.ref, True, self._rate_limited))

    def _failed(self, run: _Run, polled: Polled, reason: str, retry_after: float | None) -> None:
        if self._matches.get(polled.match_id) is not polled:
            return
        delay = polled.backoff.next_delay()
        if retry_after is not None:
            delay = max(delay, retry_after)
        now = time.monotonic()
        polled.due = polled.retry_at = now + delay
        polled.failing = reason
        log.info("sportrix poll of %d failed, again in %.1f s: %s", polled.match_id, delay, reason)
        if not polled.stale and polled.last is not None:
            polled.stale = True
            run.queue.put_nowait(MatchStale(polled.ref, True, reason))

    async def _not_live(self, run: _Run, polled: Polled) -> None:
        """A 404: no such match, or one that is not live (asked of `GET /matches/{id}`)."""
        message = "no such match"
        try:
            summary = await self.rest.get_json(f"/matches/{polled.match_id}", timeout=self._timeout)
        except RestStatusError as exc:
            if exc.status != 404:
                message = "not live or not found"
        except RestError:
            message = "not live or not found"
        else:
            status = summary.get("status") if isinstance(summary, dict) else None
            if status == "scheduled":
                message = "not live yet (scheduled)"
            elif status == "finished":
                message = "finished: the REST live endpoint serves live matches only"
            elif isinstance(status, str):
                message = "not live"
        if self._matches.get(polled.match_id) is not polled:
            return
        polled.ended = True
        polled.failing = None
        # Unknown to the catalog too: asking again cannot help (the app does not retry).
        run.queue.put_nowait(MatchFailed(polled.ref, message, final=message == "no such match"))

    # -- the provider-level summary ------------------------------------------------------

    def _phase_event(
        self, phase: ConnectionPhase, detail: str, retry_in: float | None = None, attempt: int = 0
    ) -> ConnectionChanged:
        return ConnectionChanged(
            PROVIDER, phase, detail, retry_in, attempt, per_match=True, via="polling"
        )

    def _publish(self, run: _Run) -> None:
        if self._closing:
            return
        event = self.connection()
        key = (event.phase, event.detail, event.attempt)
        if key != self._last_phase:
            self._last_phase = key
            run.queue.put_nowait(event)

    def connection(self) -> ConnectionChanged:
        """Polling summed up for the status bar."""
        now = time.monotonic()
        if self._resume_at > now and self._rate_limited:
            return self._phase_event(
                "reconnecting", self._rate_limited, retry_in=self._resume_at - now
            )
        active = [p for p in self._matches.values() if not p.ended]
        failing = [p for p in active if p.failing is not None]
        if active and len(failing) == len(active):  # before the first answer too: say why
            first = min(failing, key=lambda p: p.retry_at)
            attempt = max(p.backoff.attempt for p in failing)
            return self._phase_event(
                "reconnecting",
                f"every poll failing; {first.match_id}: {first.failing}",
                retry_in=max(0.0, first.retry_at - now),
                attempt=attempt,
            )
        if not self.confirmed:
            return self._phase_event("connecting", self._asking())
        self._rate_limited = None
        return self._phase_event("live", banner(self.interval, self.forced))
