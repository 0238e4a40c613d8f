"""Fit and score the soccer model on the committed openfootball sample."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cricket_fit import Scores
from fitting import brier, held_out, nelder_mead, reliability

from scoreboard.core.winprob.soccer import minutes_left, model_chances

#: Moments scored in matches with goal minutes: (period, minute) as a live clock shows them.
MOMENTS = (
    [("1H", m) for m in range(0, 45, 5)] + [("HT", 45)] + [("2H", m) for m in range(45, 90, 5)]
)
MOMENTS += [("2H", 89)]


@dataclass(frozen=True)
class State:
    lead: int
    played: float
    left: tuple[float, float]
    outcome: int  # 0 home win, 1 draw, 2 away win (over the 90 minutes)


def result(ft: list[int]) -> int:
    return 0 if ft[0] > ft[1] else 1 if ft[0] == ft[1] else 2


def _score_at(goals: list[list[int]], period: str, minute: int) -> tuple[int, int]:
    def before(goal: list[int]) -> bool:
        at, _added, _side = goal
        if period == "1H":
            return at < minute
        if period == "HT":
            return at <= 45
        return at <= 45 or at < minute

    score = [0, 0]
    for goal in goals:
        if before(goal):
            score[goal[2]] += 1
    return score[0], score[1]


def states(match: dict[str, Any]) -> list[State]:
    outcome = result(match["ft"])
    moments: list[tuple[str, int, tuple[int, int]]]
    if match["goals"] is None:
        moments = [("1H", 0, (0, 0)), ("HT", 45, (match["ht"][0], match["ht"][1]))]
    else:
        moments = [(p, m, _score_at(match["goals"], p, m)) for p, m in MOMENTS]
    out = []
    for period, minute, (home, away) in moments:
        left = minutes_left(minute, period, None)
        assert left is not None
        out.append(State(home - away, float(minute), left, outcome))
    return out


def split(matches: list[dict[str, Any]], test: bool) -> list[State]:
    return [s for m in matches if held_out(m["id"]) == test for s in states(m)]


def fit(matches: list[dict[str, Any]]) -> tuple[float, float, float]:
    # Many states repeat (same lead at the same minute): score each once, weighted.
    counts: Counter[tuple[int, float, tuple[float, float], int]] = Counter(
        (s.lead, s.played, s.left, s.outcome) for s in split(matches, test=False)
    )

    def loss(x: list[float]) -> float:
        if min(x) <= 0:
            return math.inf
        fitted = (x[0], x[1], x[2])
        total = 0.0
        for (lead, played, left, outcome), n in counts.items():
            chances = model_chances(lead, played, left, fitted=fitted)
            total -= n * math.log(max(chances[outcome], 1e-9))
        return total

    best = nelder_mead(loss, [1.5, 1.2, 1.2], [0.2, 0.2, 0.2], iterations=200)
    return (float(f"{best[0]:.4g}"), float(f"{best[1]:.4g}"), float(f"{best[2]:.4g}"))


def score(matches: list[dict[str, Any]], fitted: tuple[float, float, float]) -> Scores:
    train = split(matches, test=False)
    test = split(matches, test=True)
    # Base rates from the fitted matches (one vote a match, not a state).
    finals = [s.outcome for s in train if s.played == 0]
    rates = [finals.count(k) / len(finals) for k in range(3)]
    model = [list(model_chances(s.lead, s.played, s.left, fitted=fitted)) for s in test]
    leader = [[float(s.lead > 0), float(s.lead == 0), float(s.lead < 0)] for s in test]
    outcomes = [s.outcome for s in test]
    table = reliability(
        [p for probs in model for p in probs],
        [s.outcome == k for s in test for k in range(3)],
    )
    return Scores(
        len(test),
        brier(model, outcomes),
        brier([rates] * len(test), outcomes),
        brier(leader, outcomes),
        table,
    )
