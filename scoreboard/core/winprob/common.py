"""What every sport's model returns, and the normal distribution they share."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WinProbability:
    """Chances, each in [0, 1], summing to 1 (with `draw` when the sport has one).

    Cricket's first innings adds the batting side's `projected` total and the
    `par` total a typical chase would make; both None elsewhere.
    """

    home: float
    away: float
    draw: float | None = None
    projected: int | None = None
    par: int | None = None

    def leader(self) -> tuple[str, float]:
        """("home" | "away" | "draw", chance) of the likeliest result."""
        options = [("home", self.home), ("away", self.away)]
        if self.draw is not None:
            options.append(("draw", self.draw))
        return max(options, key=lambda item: item[1])


def normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def clamp(p: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(max(p, low), high)


def two_way(home: float) -> WinProbability:
    home = clamp(home)
    return WinProbability(home=home, away=1.0 - home)
