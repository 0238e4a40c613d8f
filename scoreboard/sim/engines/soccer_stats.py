"""The numbers of a simulated soccer match: how often things happen, and what is counted.

`chances` turns the state of the game into the per-second table the soccer
engine (`soccer.py`) draws from; `stats_view` is the snapshot's `stats`.
"""

from __future__ import annotations

import msgspec

STAT_NAMES = (
    "possession",
    "shots",
    "shots_on_target",
    "corners",
    "fouls",
    "offsides",
    "yellow_cards",
    "red_cards",
    "saves",
    "xg",
)
#: The stats that are plain counts per side.
COUNTED = STAT_NAMES[1:-1]

#: Baseline rates per team per 90 minutes.
_PER_90 = {
    "shot": 11.5,
    "corner": 3.3,
    "foul": 11.0,
    "offside": 2.0,
    "penalty": 0.14,
    "own_goal": 0.05,
}


class Chances(msgspec.Struct, frozen=True):
    #: (cumulative rate, kind, side) per second: a draw below a rate is that event.
    table: list[tuple[float, str, int]]
    #: The chance that anything at all happens in a second.
    any: float
    #: Per side: the chance of losing the ball in a second.
    lose_ball: tuple[float, float]


#: Before kick-off: nothing happens.
NO_CHANCES = Chances([], 0.0, (0.1, 0.1))


def chances(
    strength: tuple[float, float],
    reds: list[int],
    score: list[int],
    minute: int,
    tempo: float,
) -> Chances:
    """The per-second event table from strength, men sent off and the score."""
    attack = []
    for s in (0, 1):
        o = 1 - s
        factor = (strength[s] / strength[o]) ** 0.8
        factor *= 0.78 ** reds[s] * 1.12 ** reds[o]
        diff = score[s] - score[o]
        if minute >= 70 and diff < 0:
            factor *= 1.25
        elif minute >= 75 and diff > 0:
            factor *= 0.85
        attack.append(factor)
    table: list[tuple[float, str, int]] = []
    total = 0.0
    for kind, per90 in _PER_90.items():
        for s in (0, 1):
            rate = per90 / 5400.0
            if kind != "foul":
                rate *= attack[s] * tempo
            total += rate
            table.append((total, kind, s))
    return Chances(table, total, (0.1 / attack[0] ** 0.5, 0.1 / attack[1] ** 0.5))


def stats_view(
    counts: dict[str, list[int]], xg: list[float], possession: list[int]
) -> dict[str, dict[str, int | float]]:
    """The snapshot's `stats`: possession in per cent, the counts, xG to two places."""
    h, a = possession
    home_poss = round(100 * h / (h + a)) if h + a else 50
    view: dict[str, dict[str, int | float]] = {
        "possession": {"home": home_poss, "away": 100 - home_poss},
    }
    for name in COUNTED:
        home, away = counts[name]
        view[name] = {"home": home, "away": away}
    view["xg"] = {"home": round(xg[0], 2), "away": round(xg[1], 2)}
    return view
