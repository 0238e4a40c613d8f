"""Capped exponential backoff with jitter, for reconnecting to a stream.

Pure and synchronous: the connection asks for the next delay after each
failed or short-lived connection and resets it once a connection has proven
healthy. Jitter spreads many clients' reconnects after a server restart.
"""

from __future__ import annotations

import random


class Backoff:
    """Delays `base * 2**n`, capped at `cap`, each shortened by up to `jitter` (a fraction).

    With the default `jitter=0.5` a delay lies in `[ceiling / 2, ceiling]`, so
    successive delays never shrink until the cap is reached, and no delay
    ever exceeds `cap`.
    """

    def __init__(
        self,
        base: float = 0.5,
        cap: float = 10.0,
        *,
        jitter: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError("backoff needs 0 < base <= cap")
        if not 0 <= jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")
        self.base = base
        self.cap = cap
        self.jitter = jitter
        self._rng = rng or random.Random()
        #: Delays handed out since the last reset: the number of the coming retry.
        self.attempt = 0

    def ceiling(self) -> float:
        """The largest delay the next call may return."""
        # The exponent is bounded so that a long outage cannot overflow a float.
        return min(self.cap, self.base * 2.0 ** min(self.attempt, 62))

    def next_delay(self) -> float:
        """Seconds to wait before the next attempt; each call counts one attempt."""
        ceiling = self.ceiling()
        self.attempt += 1
        return ceiling * (1.0 - self.jitter * self._rng.random())

    def longest(self) -> float:
        """The cap itself, without jitter, counted as an attempt: for a failure that
        waiting will not fix soon (a wrong URL's 404), retried as seldom as allowed."""
        self.attempt += 1
        return self.cap

    def reset(self) -> None:
        """Start again from `base` (after a connection stayed healthy)."""
        self.attempt = 0
