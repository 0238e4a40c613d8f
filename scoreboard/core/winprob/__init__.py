"""Win probability computed from a snapshot alone (`docs/win-probability.md`).

`win_probability(snap)` returns the chances of each side winning (and of a
draw, for soccer), or None when the snapshot holds too little to say (no
clock, a format the models do not know, a sport with no model). Each sport's
model is a pure function of the snapshot with a handful of constants fitted
offline on real matches (`tools/winprob/evaluate.py`); nothing here reads a
file, keeps state or needs numpy.
"""

from __future__ import annotations

from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.winprob.basketball import basketball_probability
from scoreboard.core.winprob.common import WinProbability
from scoreboard.core.winprob.cricket import cricket_probability
from scoreboard.core.winprob.soccer import soccer_probability

__all__ = ["WinProbability", "win_probability"]


def win_probability(snap: Snapshot) -> WinProbability | None:
    """The model's chances for a live match; None when it cannot tell."""
    if snap.status != "live":
        return None
    try:
        return _model(snap)
    except (OverflowError, ValueError, ZeroDivisionError):
        # Numbers from outside past what a float holds (runs of 10**400): no estimate,
        # rather than a panel, a chart or `--once` that cannot draw.
        return None


def _model(snap: Snapshot) -> WinProbability | None:
    if isinstance(snap, SoccerSnapshot):
        return soccer_probability(snap)
    if isinstance(snap, CricketSnapshot):
        return cricket_probability(snap)
    if isinstance(snap, BasketballSnapshot):
        return basketball_probability(snap)
    return None
