"""Fit and score the cricket model on the committed cricsheet sample."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from fitting import brier, golden, held_out, nelder_mead, reliability

from scoreboard.core.winprob.cricket import (
    DEATH_RUNS,
    ENDGAME,
    CricketParams,
    chase_win,
    expected_runs,
    first_innings,
)

FULL_BALLS = {"T20": 120, "ODI": 300}


@dataclass(frozen=True)
class Innings:
    """(runs, wickets) after each legal ball: points[k] is the state after k balls."""

    points: list[tuple[int, int]]
    total: int


def parse(tokens: str) -> Innings:
    runs = wickets = 0
    points = [(0, 0)]
    for token in tokens.split():
        runs += int(token.rstrip("xW"))
        wickets += "W" in token
        if "x" not in token:
            points.append((runs, wickets))
        else:
            points[-1] = (runs, wickets)
    return Innings(points, runs)


@dataclass(frozen=True)
class Row:
    """One moment: balls and wickets left, runs so far (or still needed), the outcome."""

    balls_left: int
    wickets_left: int
    runs: int
    outcome: int  # chase rows: the chaser won; first-innings rows: the side batting first won
    remaining: int = 0  # first-innings rows: runs still to come in that innings
    target: int = 0  # chase rows: the target


def rows(match: dict[str, Any], every: int) -> tuple[list[Row], list[Row]]:
    """(first-innings rows, chase rows) every `every` legal balls."""
    full = FULL_BALLS[match["format"]]
    first, second = (parse(t) for t in match["innings"])
    target = first.total + 1
    won = match["chaser_won"]
    first_rows = [
        Row(full - k, 10 - w, r, 1 - won, first.total - r)
        for k, (r, w) in enumerate(first.points)
        if k % every == 0 and k < full and w < 10
    ]
    chase_rows = []
    for k, (r, w) in enumerate(second.points):
        if r >= target or w >= 10 or k >= full:
            break
        if k % every == 0 or full - k <= 6:
            chase_rows.append(Row(full - k, 10 - w, target - r, won, target=target))
    return first_rows, chase_rows


def split(
    matches: list[dict[str, Any]], fmt: str, every: int, test: bool
) -> tuple[list[Row], list[Row]]:
    first: list[Row] = []
    chase: list[Row] = []
    for m in matches:
        if m["format"] == fmt and held_out(m["id"]) == test:
            f, c = rows(m, every)
            first += f
            chase += c
    return first, chase


def _log_loss(chances: list[float], outcomes: list[int]) -> float:
    eps = 1e-6
    return -sum(
        math.log(max(p, eps)) if o else math.log(max(1 - p, eps))
        for p, o in zip(chances, outcomes, strict=True)
    )


def death_odds(matches: list[dict[str, Any]], fmt: str) -> tuple[tuple[float, ...], float]:
    """What a legal ball brings in the last 2 * ENDGAME balls of the fitted chases."""
    full = FULL_BALLS[fmt]
    counts = [0] * (len(DEATH_RUNS) + 1)
    extras = 0
    for m in matches:
        if m["format"] != fmt or held_out(m["id"]):
            continue
        legal = 0
        for token in m["innings"][1].split():
            late = legal >= full - 2 * ENDGAME
            if "x" in token:
                extras += late
                continue
            legal += 1
            if not late:
                continue
            if "W" in token:
                counts[-1] += 1
            else:
                runs = int(token.rstrip("xW"))
                # 5s (overthrows) are rare: counted as 4s, and 7s as 6s.
                nearest = min(range(len(DEATH_RUNS)), key=lambda i: abs(DEATH_RUNS[i] - runs))
                counts[nearest] += 1
    balls = sum(counts)
    return tuple(float(f"{c / balls:.4g}") for c in counts), float(
        f"{extras / (balls + extras):.4g}"
    )


def fit(matches: list[dict[str, Any]], fmt: str) -> CricketParams:
    first, chase = split(matches, fmt, every=6, test=False)
    full = FULL_BALLS[fmt]
    death, extra = death_odds(matches, fmt)
    base = CricketParams(full, 1.3, 20.0, 1.0, 2.0, 0.0, 1.0, 0.0, 1.0, 0.0, death, extra, 0.0)

    def squares(x: list[float]) -> float:
        if min(x) <= 0:
            return math.inf
        p = replace(base, rate=x[0], per_wicket=x[1], shape=x[2])
        return sum(
            (row.remaining - expected_runs(p, row.balls_left, row.wickets_left)) ** 2
            for row in first
        )

    rate, per_wicket, shape = nelder_mead(squares, [1.3, 20.0, 1.0], [0.2, 5.0, 0.2])
    p = replace(base, rate=rate, per_wicket=per_wicket, shape=shape)
    means = [expected_runs(p, r.balls_left, r.wickets_left) for r in first]
    # Squared misses regressed on E and E**2 (no intercept): two normal equations.
    squared = [(r.remaining - m) ** 2 for r, m in zip(first, means, strict=True)]
    s11 = sum(m * m for m in means)
    s12 = sum(m**3 for m in means)
    s22 = sum(m**4 for m in means)
    t1 = sum(q * m for q, m in zip(squared, means, strict=True))
    t2 = sum(q * m * m for q, m in zip(squared, means, strict=True))
    det = s11 * s22 - s12 * s12
    spread, spread2 = (t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det
    p = replace(p, spread=max(spread, 0.1), spread2=max(spread2, 0.0))

    def chase_loss(x: list[float]) -> float:
        if x[0] <= 0:
            return math.inf
        q = replace(p, chase_scale=x[0], chase_shift=x[1])
        return _log_loss(
            [chase_win(q, r.runs, r.balls_left, r.wickets_left) for r in chase],
            [r.outcome for r in chase],
        )

    scale, shift = nelder_mead(chase_loss, [1.0, 0.0], [0.2, 5.0], iterations=200)
    p = replace(p, chase_scale=scale, chase_shift=shift)
    late = [r for r in chase if r.balls_left <= ENDGAME]

    def late_loss(pressure: float) -> float:
        q = replace(p, pressure=pressure)
        return _log_loss(
            [chase_win(q, r.runs, r.balls_left, r.wickets_left) for r in late],
            [r.outcome for r in late],
        )

    p = replace(p, pressure=golden(late_loss, 0.0, 3.0, steps=20))

    def first_loss(x: list[float]) -> float:
        if x[0] <= 0:
            return math.inf
        q = replace(p, first_scale=x[0], first_shift=x[1])
        return _log_loss(
            [first_innings(q, r.runs, r.balls_left, r.wickets_left)[0] for r in first],
            [r.outcome for r in first],
        )

    scale, shift = nelder_mead(first_loss, [1.0, 0.0], [0.2, 5.0], iterations=200)
    p = replace(p, first_scale=scale, first_shift=shift)
    return rounded(p)


def rounded(p: CricketParams) -> CricketParams:
    return CricketParams(
        p.balls,
        *(
            float(f"{v:.4g}")
            for v in (
                p.rate,
                p.per_wicket,
                p.shape,
                p.spread,
                p.spread2,
                p.chase_scale,
                p.chase_shift,
                p.first_scale,
                p.first_shift,
            )
        ),
        p.death,
        p.extra,
        float(f"{p.pressure:.4g}"),
    )


@dataclass(frozen=True)
class Scores:
    states: int
    model: float
    base_rate: float
    leader: float
    table: list[tuple[str, int, float, float]]


def _rate_leader(row: Row, full: int, runs_so_far: int, chase: bool, par_total: float) -> float:
    """The plain baseline: whoever the current run rate says is ahead wins (1 or 0)."""
    bowled = full - row.balls_left
    if bowled == 0:
        return 0.5
    projected = runs_so_far + runs_so_far / bowled * row.balls_left
    if chase:
        return 1.0 if projected >= par_total else 0.0
    return 1.0 if projected > par_total else 0.0


def score(matches: list[dict[str, Any]], fmt: str, p: CricketParams) -> tuple[Scores, Scores]:
    """(chase scores, first-innings scores) on the held-out matches, every ball."""
    train_first, train_chase = split(matches, fmt, every=1, test=False)
    first, chase = split(matches, fmt, every=1, test=True)
    full = FULL_BALLS[fmt]
    chase_rate = sum(r.outcome for r in train_chase) / len(train_chase)
    first_rate = sum(r.outcome for r in train_first) / len(train_first)
    typical = sorted(r.runs + r.remaining for r in train_first if r.balls_left == full)
    median_total = typical[len(typical) // 2]

    chase_p = [chase_win(p, r.runs, r.balls_left, r.wickets_left) for r in chase]
    # In a chase "runs" is what is still needed: the runs so far are target - needed,
    # and the target is what the run rate has to reach.
    chase_leader = []
    for r in chase:
        chase_leader.append(_rate_leader(r, full, r.target - r.runs, True, r.target))
    first_p = [first_innings(p, r.runs, r.balls_left, r.wickets_left)[0] for r in first]
    first_leader = [_rate_leader(r, full, r.runs, False, median_total) for r in first]
    return (
        _scores(chase_p, chase_leader, chase_rate, [r.outcome for r in chase]),
        _scores(first_p, first_leader, first_rate, [r.outcome for r in first]),
    )


def _scores(model: list[float], leader: list[float], rate: float, outcomes: list[int]) -> Scores:
    as_index = [1 - o for o in outcomes]  # index 0 = the event happened

    def two(ps: list[float]) -> list[list[float]]:
        return [[q, 1 - q] for q in ps]

    return Scores(
        len(outcomes),
        brier(two(model), as_index),
        brier(two([rate] * len(outcomes)), as_index),
        brier(two(leader), as_index),
        reliability(model, [bool(o) for o in outcomes]),
    )
