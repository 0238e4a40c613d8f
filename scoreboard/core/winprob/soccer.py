"""Soccer: home win, draw and away win from the score, the clock and xG.

The goals each side still scores are Poisson with mean `rate * minutes_left / 90`,
where a side's rate blends a prior (`HOME_RATE`, `AWAY_RATE`: goals a match) with
what its xG so far says about this match, weighted by how much of it has been
played (`XG_WEIGHT` full matches' worth of prior):

    rate = (prior * XG_WEIGHT + xg_so_far * 90 / minutes_played) / (XG_WEIGHT + played / 90)

with `played / 90` in the weight so that a 5th-minute xG barely moves it.
A red card scales a side's rate by `RED_CARD` (and its opponent's by the inverse).
The chance of each result is the Skellam-like sum over the two Poissons, added
to the current score. Constants fitted on StatsBomb open data by
`tools/winprob/evaluate.py`.
"""

from __future__ import annotations

import math

from scoreboard.core.models import SoccerSnapshot
from scoreboard.core.winprob.common import WinProbability

#: Fitted by `python tools/winprob/evaluate.py --fit` (do not edit by hand).
HOME_RATE = 1.45
AWAY_RATE = 1.15
XG_WEIGHT = 1.0
RED_CARD = 0.7

REGULATION = 90
#: Minutes assumed added at the end of each half when the clock gives none.
ADDED = {"1H": 2, "2H": 4}
MAX_GOALS = 12
_ENDED_PERIODS = {"PEN", "FT", "ET1", "ETHT", "ET2"}


def minutes_left(minute: int, period: str, added_time: int | None) -> float | None:
    """Regulation minutes still to play, stoppage time included; None in extra time."""
    if period in _ENDED_PERIODS:
        return None
    if period == "HT":
        return REGULATION / 2 + ADDED["2H"]
    end = 45 if period == "1H" else REGULATION
    extra = added_time if added_time is not None else ADDED.get(period, 0)
    left = max(end - minute, 0) + (extra if minute >= end - 1 else ADDED.get(period, 0))
    if period == "1H":
        left += REGULATION / 2 + ADDED["2H"]
    return float(max(left, 0.5 if minute < end + extra else 0.0))


def _poisson(mean: float) -> list[float]:
    probs = [math.exp(-mean)]
    for k in range(1, MAX_GOALS + 1):
        probs.append(probs[-1] * mean / k)
    return probs


def result_chances(
    lead: int, home_rate: float, away_rate: float, left: float
) -> tuple[float, float, float]:
    """(home, draw, away) with `lead` now and the two rates (goals a 90) for `left` minutes."""
    home = _poisson(home_rate * left / REGULATION)
    away = _poisson(away_rate * left / REGULATION)
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
    if xg is None or played <= 0:
        return prior
    played_share = played / REGULATION
    return (prior * weight + xg) / (weight + played_share)


def model_chances(
    lead: int,
    played: float,
    left: float,
    xg: tuple[float, float] | None,
    reds: tuple[int, int],
    params: tuple[float, float, float, float] | None = None,
) -> tuple[float, float, float]:
    """The whole model on plain numbers (the fitting script calls it too)."""
    home_prior, away_prior, weight, red = params or (HOME_RATE, AWAY_RATE, XG_WEIGHT, RED_CARD)
    home_rate = side_rate(home_prior, xg[0] if xg else None, played, weight)
    away_rate = side_rate(away_prior, xg[1] if xg else None, played, weight)
    men_down = reds[0] - reds[1]
    home_rate *= red**men_down
    away_rate /= red**men_down
    return result_chances(lead, home_rate, away_rate, left)


def soccer_probability(snap: SoccerSnapshot) -> WinProbability | None:
    clock = snap.clock
    if clock is None:
        return None
    left = minutes_left(clock.minute, clock.period, clock.added_time)
    if left is None:
        return None
    played = min(clock.minute, REGULATION)
    stats = snap.stats or {}
    xg_pair = stats.get("xg")
    xg = (float(xg_pair.home), float(xg_pair.away)) if xg_pair is not None else None
    red_pair = stats.get("red_cards")
    reds = (int(red_pair.home), int(red_pair.away)) if red_pair is not None else (0, 0)
    home, draw, away = model_chances(snap.score.home - snap.score.away, played, left, xg, reds)
    return WinProbability(home=home, away=away, draw=draw)
