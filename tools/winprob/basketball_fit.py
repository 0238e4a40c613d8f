"""Fit and score the basketball model on the committed NBA line-score sample."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cricket_fit import Scores
from fitting import brier, held_out, nelder_mead, reliability

from scoreboard.core.winprob.basketball import GAME_SECS, QUARTER_SECS, home_chance

BasketballParams = tuple[float, float]


@dataclass(frozen=True)
class State:
    lead: int  # home minus away
    left: int  # regulation seconds still to play
    home_won: bool  # overtime included


def states(match: dict[str, Any]) -> list[State]:
    """Tip-off and the end of each of the first three quarters (a line score's moments)."""
    won = match["final"][0] > match["final"][1]
    out = [State(0, GAME_SECS, won)]
    lead = 0
    for quarter, (home, away) in enumerate(match["quarters"][:3], start=1):
        lead += home - away
        out.append(State(lead, GAME_SECS - quarter * QUARTER_SECS, won))
    return out


def split(matches: list[dict[str, Any]], test: bool) -> list[State]:
    return [s for m in matches if held_out(m["id"]) == test for s in states(m)]


def fit(matches: list[dict[str, Any]]) -> BasketballParams:
    """MU and SIGMA (a game's worth) from the fitted games' quarter-by-quarter margins.

    Under the model each quarter's margin (home minus away) is an independent
    normal draw with mean MU/4 and variance SIGMA**2/4, so their maximum
    likelihood estimates are the mean and the variance of those margins, scaled
    to a whole game: Stern's own way of estimating them. It uses every quarter's
    margin, not only who won (a fit on the results alone is far noisier on a
    sample this size; docs/win-probability.md has both).
    """
    margins = [
        home - away for m in matches if not held_out(m["id"]) for home, away in m["quarters"]
    ]
    per_quarter = sum(margins) / len(margins)
    spread = sum((d - per_quarter) ** 2 for d in margins) / len(margins)
    quarters = GAME_SECS // QUARTER_SECS
    mu, sigma = per_quarter * quarters, math.sqrt(spread * quarters)
    return (float(f"{mu:.4g}"), float(f"{sigma:.4g}"))


def fit_on_results(matches: list[dict[str, Any]]) -> BasketballParams:
    """MU and SIGMA by maximum likelihood of the result at each fitted moment (for the docs)."""
    counts: Counter[State] = Counter(split(matches, test=False))

    def loss(x: list[float]) -> float:
        if x[1] <= 0:
            return math.inf
        total = 0.0
        for state, n in counts.items():
            p = home_chance(state.lead, state.left, fitted=(x[0], x[1]))
            total -= n * math.log(max(p if state.home_won else 1.0 - p, 1e-9))
        return total

    best = nelder_mead(loss, [4.87, 15.82], [1.0, 2.0], iterations=300)
    return (float(f"{best[0]:.4g}"), float(f"{best[1]:.4g}"))


def _leader(lead: int) -> list[float]:
    return [1.0, 0.0] if lead > 0 else [0.0, 1.0] if lead < 0 else [0.5, 0.5]


def score(matches: list[dict[str, Any]], fitted: BasketballParams) -> Scores:
    train = split(matches, test=False)
    test = split(matches, test=True)
    # Base rate from the fitted games (one vote a game, not a state).
    finals = [s.home_won for s in train if s.left == GAME_SECS]
    rate = sum(finals) / len(finals)
    chances = [home_chance(s.lead, s.left, fitted=fitted) for s in test]
    outcomes = [0 if s.home_won else 1 for s in test]
    return Scores(
        len(test),
        brier([[p, 1.0 - p] for p in chances], outcomes),
        brier([[rate, 1.0 - rate]] * len(test), outcomes),
        brier([_leader(s.lead) for s in test], outcomes),
        reliability(chances, [s.home_won for s in test]),
    )
