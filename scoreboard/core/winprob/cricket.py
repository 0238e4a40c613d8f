"""Limited-overs cricket: the chase, and the first innings against par.

The runs a side will still make from `b` legal balls with `w` wickets in hand
are modelled as roughly normal with mean

    E(b, w) = Z(w) * (1 - exp(-rate * b / Z(w))),   Z(w) = per_wicket * w ** shape

(the shape of Duckworth-Lewis's resource curve: with balls to spare, runs are
capped by the wickets left; with wickets to spare, by the balls) and variance
`spread * E + spread2 * E**2` (ball-to-ball luck grows with E, the gap between
a strong and a weak batting side with its square). A chase needing `r` is won
when those runs reach `r`:

    P(win) = Phi((E - r + 0.5 + chase_shift) / (chase_scale * sd))

Late in a chase the normal curve is too blunt (needing 2 from the last ball is
not a coin toss), so from `ENDGAME` legal balls (or runs needed) down the
chance is worked out ball by ball instead (needing three from ten overs is not
a matter of average scoring but of not losing the wickets): each legal ball
scores 0, 1, 2, 3, 4 or 6 or takes a wicket with the chances in `death` (the
last overs of real chases), tilted towards the big hits when the rate needed
is above the usual one (by `exp(pressure * runs * (needed rate - usual rate))`:
batters swing harder), and a delivery is a wide or no-ball (one run, the ball
bowled again) with chance `extra`; a chase that ends one run short is a tie,
won half the time (the super over). Between `ENDGAME` balls (or runs) and
twice that the two answers are blended.

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
from functools import lru_cache

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
    spread: float  # variance of the runs still to come, per expected run ...
    spread2: float  # ... and per expected run squared
    chase_scale: float  # widens (>1) or narrows the spread for the chase's outcome
    chase_shift: float  # runs the chase does better (>0) than its expected runs say
    first_scale: float  # the same two for the first innings' outcome
    first_shift: float
    death: tuple[float, ...]  # a legal ball at the death: P(0, 1, 2, 3, 4, 6 runs), P(wicket)
    extra: float  # chance a delivery at the death is a wide or no-ball
    pressure: float  # how much harder batters hit when behind the rate (see above)


#: Runs each entry of `CricketParams.death` stands for (the last: a wicket).
DEATH_RUNS = (0, 1, 2, 3, 4, 6)
#: Legal balls left (or runs needed) from which a chase is worked out ball by ball.
ENDGAME = 12
#: The most balls worked out ball by ball (a small target with overs to spare).
HORIZON = 3 * ENDGAME


#: Fitted by `python tools/winprob/evaluate.py --fit` (do not edit by hand).
PARAMS: dict[str, CricketParams] = {
    "T20": CricketParams(
        balls=120,
        rate=2.216,
        per_wicket=3.832,
        shape=1.695,
        spread=0.3159,
        spread2=0.08802,
        chase_scale=1.144,
        chase_shift=2.068,
        first_scale=0.8817,
        first_shift=5.831,
        death=(0.2634, 0.3917, 0.1069, 0.003973, 0.08582, 0.04569, 0.1025),
        extra=0.04187,
        pressure=0.1375,
    ),
    "ODI": CricketParams(
        balls=300,
        rate=1.936,
        per_wicket=8.232,
        shape=1.516,
        spread=6.618,
        spread2=0.04247,
        chase_scale=1.362,
        chase_shift=7.336,
        first_scale=1.147,
        first_shift=-8.047,
        death=(0.3603, 0.3554, 0.08211, 0.006127, 0.08578, 0.02819, 0.08211),
        extra=0.03088,
        pressure=0.008179,
    ),
}


def expected_runs(p: CricketParams, balls_left: int, wickets_left: int) -> float:
    if balls_left <= 0 or wickets_left <= 0:
        return 0.0
    cap: float = p.per_wicket * float(wickets_left) ** p.shape
    return cap * (1.0 - math.exp(-p.rate * balls_left / cap))


def _variance(p: CricketParams, expected: float) -> float:
    return p.spread * expected + p.spread2 * expected**2


def _sd(p: CricketParams, expected: float) -> float:
    return math.sqrt(_variance(p, expected)) + 1e-9


def chase_win(p: CricketParams, needed: int, balls_left: int, wickets_left: int) -> float:
    """Chance the chasing side scores `needed` more runs before it runs out."""
    if needed <= 0:
        return 1.0
    if balls_left <= 0 or wickets_left <= 0:
        return 0.5 if needed == 1 else 0.0
    # Ball by ball in full up to ENDGAME balls left or runs needed, the normal curve
    # from twice that, and a blend between (so that no run or ball makes a jump).
    late = max(_share(balls_left), _share(needed))
    normal = _chase_normal(p, needed, balls_left, wickets_left)
    if late == 0.0:
        return normal
    # Bounded work (a cold call stays a few thousand states): wickets past five
    # barely matter this late, and beyond HORIZON balls the ball-by-ball answer
    # only bounds the chance from below (more balls can only help).
    ball_by_ball = _endgame(
        p.death, p.extra, p.pressure, needed, min(balls_left, HORIZON), min(wickets_left, 5)
    )
    if balls_left > HORIZON:
        return max(normal, ball_by_ball)
    return late * ball_by_ball + (1 - late) * normal


def _share(count: int) -> float:
    """How far into the endgame a count of balls (or runs) is: 1 at ENDGAME, 0 at twice it."""
    return min(max((2 * ENDGAME - count) / ENDGAME, 0.0), 1.0)


def _chase_normal(p: CricketParams, needed: int, balls_left: int, wickets_left: int) -> float:
    mean = expected_runs(p, balls_left, wickets_left)
    return normal_cdf((mean - needed + 0.5 + p.chase_shift) / (p.chase_scale * _sd(p, mean)))


def _tilted(death: tuple[float, ...], pressure: float, needed: int, balls: int) -> list[float]:
    """The run chances of one legal ball, leaning to big hits when behind the rate."""
    runs = death[:-1]
    usual = sum(r * c for r, c in zip(DEATH_RUNS, runs, strict=True)) / sum(runs)
    # Capped: past two runs a ball above the usual rate nobody can swing harder.
    lean = pressure * min(max(needed / balls - usual, 0.0), 2.0)
    weights = [c * math.exp(lean * r) for r, c in zip(DEATH_RUNS, runs, strict=True)]
    scale = sum(runs) / sum(weights)
    return [w * scale for w in weights]


@lru_cache(maxsize=1 << 18)
def _endgame(
    death: tuple[float, ...], extra: float, pressure: float, needed: int, balls: int, wickets: int
) -> float:
    """Ball by ball: the chance of scoring `needed` from `balls` legal balls.

    One call per state at most (cached), with a plain loop so that a long
    chase of a small target recurses one frame a ball.
    """
    if needed <= 0:
        return 1.0
    if balls <= 0 or wickets <= 0:
        return 0.5 if needed == 1 else 0.0
    if needed > 6 * balls + 6:
        return 0.0  # a six every ball and more wides than a side ever gets: never seen
    odds = _tilted(death, pressure, needed, balls)
    legal = 0.0
    for runs, chance in zip(DEATH_RUNS, odds, strict=True):
        legal += chance * _endgame(death, extra, pressure, needed - runs, balls - 1, wickets)
    legal += death[-1] * _endgame(death, extra, pressure, needed, balls - 1, wickets - 1)
    wide = _endgame(death, extra, pressure, needed - 1, balls, wickets)
    return extra * wide + (1 - extra) * legal


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
    spread = math.sqrt(_variance(p, still) + _variance(p, chase)) + 1e-9
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
