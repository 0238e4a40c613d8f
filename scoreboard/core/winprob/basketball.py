"""Basketball: Stern's Brownian-motion model, fitted on real NBA games.

H. S. Stern, "A Brownian Motion Model for the Progress of Sports Scores",
JASA 89 (1994): the home side's lead over a game behaves like Brownian motion
with drift `MU` points per game (home advantage) and variance `SIGMA**2` per
game, so with a fraction `t` of the game left and a lead `l`

    P(home wins) = Phi((l + MU * t) / (SIGMA * sqrt(t)))

MU and SIGMA are estimated, as Stern did, from quarter-by-quarter margins: of
the fitted part of 153 NBA games of 2023-24 (tests/data/winprob/basketball.json,
`python tools/winprob/evaluate.py --fit`; Stern's 1991-92 values were 4.87 and
15.82). The game is four 12-minute quarters (the simulator's and the NBA's),
and overtime 5 minutes; a level game at the end goes to overtime (one half).
"""

from __future__ import annotations

import math

from scoreboard.core.models import BasketballSnapshot
from scoreboard.core.winprob.common import WinProbability, normal_cdf, two_way

MU = 3.967
SIGMA = 16.68
QUARTERS = 4
QUARTER_SECS = 12 * 60
OVERTIME_SECS = 5 * 60
GAME_SECS = QUARTERS * QUARTER_SECS


def seconds_left(period: int, clock_secs: int) -> int:
    """Regulation seconds still to play (in overtime, what is left of it)."""
    if period <= QUARTERS:
        clock = min(max(clock_secs, 0), QUARTER_SECS)
        return (QUARTERS - period) * QUARTER_SECS + clock
    return min(max(clock_secs, 0), OVERTIME_SECS)


def home_chance(lead: int, left_secs: int, fitted: tuple[float, float] | None = None) -> float:
    """Stern's chance for the home side leading by `lead` with `left_secs` to play.

    `fitted` is (MU, SIGMA) to try instead of the committed ones (the fitting
    script calls this too).
    """
    if left_secs <= 0:
        return 1.0 if lead > 0 else 0.0 if lead < 0 else 0.5
    mu, sigma = fitted or (MU, SIGMA)
    t = left_secs / GAME_SECS
    return normal_cdf((lead + mu * t) / (sigma * math.sqrt(t)))


def basketball_probability(snap: BasketballSnapshot) -> WinProbability | None:
    if snap.period is None or snap.game_clock_secs is None or snap.period < 1:
        return None
    # A lead past a thousand points is as decided as one of a thousand; an integer from
    # outside may be too big for a float.
    lead = min(max(snap.score.home - snap.score.away, -1000), 1000)
    return two_way(home_chance(lead, seconds_left(snap.period, snap.game_clock_secs)))
