"""Small pure-Python fitting and scoring tools: Nelder-Mead, Brier, reliability."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence


def held_out(match_id: str) -> bool:
    """Two matches in five are kept out of fitting, fixed by a hash of the id."""
    return int(hashlib.sha256(match_id.encode()).hexdigest(), 16) % 5 < 2


def nelder_mead(
    f: Callable[[list[float]], float],
    start: Sequence[float],
    step: Sequence[float],
    iterations: int = 400,
    tolerance: float = 1e-9,
) -> list[float]:
    """Minimise f from `start` (deterministic: same data, same answer)."""
    simplex = [list(start)]
    for i, s in enumerate(step):
        point = list(start)
        point[i] += s
        simplex.append(point)
    values = [f(p) for p in simplex]
    for _ in range(iterations):
        order = sorted(range(len(simplex)), key=lambda i: values[i])
        simplex = [simplex[i] for i in order]
        values = [values[i] for i in order]
        if abs(values[-1] - values[0]) <= tolerance * (abs(values[0]) + tolerance):
            break
        n = len(simplex) - 1
        centroid = [sum(p[j] for p in simplex[:-1]) / n for j in range(n)]
        worst = simplex[-1]

        def towards(
            t: float, worst: list[float] = worst, centroid: list[float] = centroid
        ) -> list[float]:
            return [c + t * (w - c) for c, w in zip(centroid, worst, strict=True)]

        reflected = towards(-1.0)
        fr = f(reflected)
        if fr < values[0]:
            expanded = towards(-2.0)
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = towards(0.5)
            fc = f(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:
                best = simplex[0]
                simplex = [best] + [
                    [b + 0.5 * (x - b) for b, x in zip(best, p, strict=True)] for p in simplex[1:]
                ]
                values = [values[0]] + [f(p) for p in simplex[1:]]
    return simplex[min(range(len(simplex)), key=lambda i: values[i])]


def brier(forecasts: Sequence[Sequence[float]], outcomes: Sequence[int]) -> float:
    """Mean squared error of probability vectors against the outcome's index.

    Two-way forecasts are scored on the first entry alone (the usual binary
    Brier score, 0.25 for a coin toss); three-way ones on all three.
    """
    total = 0.0
    for probs, outcome in zip(forecasts, outcomes, strict=True):
        if len(probs) == 2:
            total += (probs[0] - (outcome == 0)) ** 2
        else:
            total += sum((p - (i == outcome)) ** 2 for i, p in enumerate(probs))
    return total / len(outcomes)


def reliability(
    chances: Sequence[float], happened: Sequence[bool], bins: int = 10
) -> list[tuple[str, int, float, float]]:
    """(bin, states, mean forecast, observed share) for each non-empty bin."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (c, h)
            for c, h in zip(chances, happened, strict=True)
            if low <= c < high or (b == bins - 1 and c == 1.0)
        ]
        if members:
            mean = sum(c for c, _ in members) / len(members)
            share = sum(h for _, h in members) / len(members)
            rows.append((f"{low:.1f}-{high:.1f}", len(members), mean, share))
    return rows


def golden(f: Callable[[float], float], low: float, high: float, steps: int = 60) -> float:
    """Minimise a one-dimensional f on [low, high]."""
    ratio = (5**0.5 - 1) / 2
    a, b = low, high
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(steps):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = f(d)
    return (a + b) / 2
