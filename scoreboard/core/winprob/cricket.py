"""Limited-overs cricket: the chase, and the first innings against par.

The runs a side will still make from `b` legal balls with `w` wickets in hand
are modelled as roughly normal with mean

    E(b, w) = Z(w) * (1 - exp(-rate * b / Z(w))),   Z(w) = per_wicket * w ** shape

(the shape of Duckworth-Lewis's resource curve: with balls to spare, runs are
capped by the wickets left; with wickets to spare, by the balls) and variance
`spread * E`. A chase needing `r` is won when those runs reach `r`:

    P(win) = Phi((E - r + 0.5 + chase_shift) / (chase_scale * sd))

In a first innings the batting side's projected total is the runs so far plus
E; a chase from the start expects E(all balls, ten wickets), and the side
batting first wins when its total beats the chase's: with both spreads added,

    P(win) = Phi((projected - chase + first_shift) / (first_scale * sd_both))

`par` is the total that makes that an even game: chase - first_shift.

The constants are fitted per format on cricsheet matches by
`tools/winprob/evaluate.py`; `docs/win-probability.md` has the numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoreboard.core.derive import batting_total, overs_to_balls
from scoreboard.core.models import CricketSnapshot
from scoreboard.core.winprob.common import WinProbability, clamp, normal_cdf

WICKETS = 10


@dataclass(frozen=True, slots=True)
class CricketParams:
    balls: int  # legal balls in a full innings
    rate: float  # runs a legal ball when few balls are left
    per_wicket: float  # with unlimited balls, runs one wicket in hand is worth ...
    shape: float  # ... and w wickets per_wicket * w ** shape
    spread: float  # variance of the runs still to come, per expected run
    chase_scale: float  # widens (>1) or narrows the spread for the chase's outcome
    chase_shift: float  # runs the chase does better (>0) than its expected runs say
    first_scale: float  # the same two for the first innings' outcome
    first_shift: float


#: Fitted by `python tools/winprob/evaluate.py --fit` (do not edit by hand).
PARAMS: dict[str, CricketParams] = {
    "T20": CricketParams(120, 2.216, 3.832, 1.695, 9.238, 0.9774, 1.114, 0.9724, 5.743),
    "ODI": CricketParams(300, 1.936, 8.232, 1.516, 13.76, 1.293, 4.289, 1.213, -8.023),
}


def expected_runs(p: CricketParams, balls_left: int, wickets_left: int) -> float:
    if balls_left <= 0 or wickets_left <= 0:
        return 0.0
    cap = p.per_wicket * wickets_left**p.shape
    return cap * (1.0 - math.exp(-p.rate * balls_left / cap))


def _sd(p: CricketParams, expected: float) -> float:
    return math.sqrt(p.spread * expected) + 1e-9


def chase_win(p: CricketParams, needed: int, balls_left: int, wickets_left: int) -> float:
    """Chance the chasing side scores `needed` more runs before it runs out."""
    if needed <= 0:
        return 1.0
    if balls_left <= 0 or wickets_left <= 0:
        return 0.0
    mean = expected_runs(p, balls_left, wickets_left)
    return normal_cdf((mean - needed + 0.5 + p.chase_shift) / (p.chase_scale * _sd(p, mean)))


def chase_expects(p: CricketParams) -> float:
    """What a chase expects to make from a whole innings."""
    return expected_runs(p, p.balls, WICKETS)


def par(p: CricketParams) -> float:
    """The first-innings total that makes the match an even one."""
    return chase_expects(p) - p.first_shift


def first_innings(
    p: CricketParams, runs: int, balls_left: int, wickets_left: int
) -> tuple[float, float]:
    """(chance the side batting first wins, its projected total)."""
    still = expected_runs(p, balls_left, wickets_left)
    projected = runs + still
    chase = chase_expects(p)
    spread = math.sqrt(p.spread * (still + chase)) + 1e-9
    win = normal_cdf((projected - chase + p.first_shift) / (p.first_scale * spread))
    return win, projected


def cricket_probability(snap: CricketSnapshot) -> WinProbability | None:
    params = PARAMS.get(snap.format or "")
    total = batting_total(snap)
    if params is None or total is None:
        return None
    bowled = overs_to_balls(total.overs)
    if bowled is None or not 0 <= total.wickets <= WICKETS:
        return None
    balls_left = max(params.balls - bowled, 0)
    wickets_left = WICKETS - total.wickets
    batting_home = snap.batting == "home"
    target = snap.target if snap.target is not None else _target_from_other(snap)
    if target is not None:
        batting = chase_win(params, target - total.runs, balls_left, wickets_left)
        extra: dict[str, int] = {}
    else:
        batting, projected = first_innings(params, total.runs, balls_left, wickets_left)
        extra = {"projected": round(projected), "par": round(par(params))}
    batting = clamp(batting)
    home = batting if batting_home else 1.0 - batting
    return WinProbability(home=home, away=1.0 - home, **extra)


def _target_from_other(snap: CricketSnapshot) -> int | None:
    """In a second innings sent without `target`, the other side's total plus one."""
    if snap.innings < 2:
        return None
    other = snap.score.away if snap.batting == "home" else snap.score.home
    return None if other is None else other.runs + 1
