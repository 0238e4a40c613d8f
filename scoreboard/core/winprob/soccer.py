"""Soccer: home win, draw and away win (over the 90 minutes) from the snapshot.

The goals each side still scores are Poisson. A side's rate over a whole
match (goals a 90) starts from a prior, `HOME_RATE` or `AWAY_RATE`, and leans
towards what its xG so far says about this match as the match goes on:

    rate = (prior * XG_WEIGHT + xg_so_far) / (XG_WEIGHT + played / 90)

A red card scales a side's rate by `RED_CARD` (its opponent's by the inverse).
Second halves hold more goals than first ones: a minute of the second half
counts `SECOND_HALF` times a minute of the first. The chance of each result
sums the two Poissons' outcomes on top of the current score.

HOME_RATE, AWAY_RATE and SECOND_HALF are fitted on real matches by
`tools/winprob/evaluate.py`; XG_WEIGHT and RED_CARD are judgement, not fitted
(no public match data with xG at every moment could be had here): see
docs/win-probability.md.
"""

from __future__ import annotations

import math

from scoreboard.core.models import SoccerSnapshot
from scoreboard.core.winprob.common import WinProbability

#: Fitted by `python tools/winprob/evaluate.py --fit` (do not edit by hand).
HOME_RATE = 1.182
AWAY_RATE = 1.059
SECOND_HALF = 1.321
#: Not fitted: a whole match's worth of prior against the match's own xG.
XG_WEIGHT = 1.0
#: Not fitted: ten men score about a third less and concede about a third more.
RED_CARD = 0.7

HALF = 45
#: Minutes assumed added at the end of each half when the clock says none.
ADDED = {"1H": 2, "2H": 5}
MAX_GOALS = 12
#: Periods in which the 90 minutes are over: the model says nothing there.
_AFTER_90 = {"ET1", "ETHT", "ET2", "PEN", "FT"}


def minutes_left(minute: int, period: str, added_time: int | None) -> tuple[float, float] | None:
    """(first-half, second-half) minutes still to play, stoppage time included."""
    if period in _AFTER_90:
        return None
    if period == "HT":
        return 0.0, HALF + ADDED["2H"]
    if period not in ADDED:
        return None
    end = HALF if period == "1H" else 2 * HALF
    added = ADDED[period] if added_time is None else added_time
    # While the half is being played a goal can still come, past the announced time too.
    left = max(end + added - minute, 0.5)
    if period == "1H":
        return left, HALF + ADDED["2H"]
    return 0.0, left


def _poisson(mean: float) -> list[float]:
    probs = [math.exp(-mean)]
    for k in range(1, MAX_GOALS + 1):
        probs.append(probs[-1] * mean / k)
    return probs


def result_chances(lead: int, home_goals: float, away_goals: float) -> tuple[float, float, float]:
    """(home, draw, away) given the lead now and each side's expected goals still to come."""
    home = _poisson(home_goals)
    away = _poisson(away_goals)
    win = draw = loss = 0.0
    for i, ph in enumerate(home):
        for j, pa in enumerate(away):
            final = lead + i - j
            if final > 0:
                win += ph * pa
            elif final == 0:
                draw += ph * pa
            else:
                loss += ph * pa
    total = win + draw + loss
    return win / total, draw / total, loss / total


def side_rate(prior: float, xg: float | None, played: float, weight: float) -> float:
    """Goals a 90 for one side: the prior, pulled towards this match's xG rate."""
    if xg is None or played <= 0:
        return prior
    return (prior * weight + xg) / (weight + played / (2 * HALF))


def model_chances(
    lead: int,
    played: float,
    left: tuple[float, float],
    xg: tuple[float, float] | None = None,
    reds: tuple[int, int] = (0, 0),
    fitted: tuple[float, float, float] | None = None,
) -> tuple[float, float, float]:
    """The whole model on plain numbers (the fitting script calls it too)."""
    home_prior, away_prior, second = fitted or (HOME_RATE, AWAY_RATE, SECOND_HALF)
    home_rate = side_rate(home_prior, xg[0] if xg else None, played, XG_WEIGHT)
    away_rate = side_rate(away_prior, xg[1] if xg else None, played, XG_WEIGHT)
    men_down = reds[0] - reds[1]
    home_rate *= RED_CARD**men_down
    away_rate /= RED_CARD**men_down
    # Per-minute weights: a first-half minute 2/(1+s), a second-half one 2s/(1+s),
    # so that 90 minutes add up to one match's rate.
    matches_left = (left[0] + second * left[1]) * 2 / (1 + second) / (2 * HALF)
    return result_chances(lead, home_rate * matches_left, away_rate * matches_left)


def soccer_probability(snap: SoccerSnapshot) -> WinProbability | None:
    clock = snap.clock
    if clock is None:
        return None
    left = minutes_left(clock.minute, clock.period, clock.added_time)
    if left is None:
        return None
    stats = snap.stats or {}
    xg_pair = stats.get("xg")
    xg = (float(xg_pair.home), float(xg_pair.away)) if xg_pair is not None else None
    red_pair = stats.get("red_cards")
    reds = (int(red_pair.home), int(red_pair.away)) if red_pair is not None else (0, 0)
    played = min(clock.minute, 2 * HALF)
    home, draw, away = model_chances(snap.score.home - snap.score.away, played, left, xg, reds)
    return WinProbability(home=home, away=away, draw=draw)
