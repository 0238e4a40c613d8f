"""A swing: one moment that moves a match's win probability by 25 points or more.

`swing(old, new)` compares the model's chances (`core.winprob`) before and
after a change the fan sees and names the side it went to, as a `Notable`
of kind `swing`, so it goes through the alerts like a goal (its key is the
moment and the new chance: a repeated frame is no new swing). It is an
opt-in alert kind (`events = [..., "swing"]`), not one of `notable.KINDS`,
the kinds alerted by default.
"""

from __future__ import annotations

from scoreboard.core.charts.odds import moment_of
from scoreboard.core.models import Snapshot
from scoreboard.core.names import team_code
from scoreboard.core.notable import Notable
from scoreboard.core.winprob import win_probability

KIND = "swing"
#: The least move of the home side's chance that is a swing.
LEAST = 0.25


def swing(old: Snapshot, new: Snapshot) -> Notable | None:
    """The swing from `old` to `new`, or None (a small move, or no model for it)."""
    before, after = win_probability(old), win_probability(new)
    if before is None or after is None or abs(after.home - before.home) < LEAST:
        return None
    # Named by the side whose chance moved most (soccer's draw takes a share), the
    # side that gained when both moved as much (two-way sports).
    home = (abs(after.home - before.home), after.home > before.home)
    away = (abs(after.away - before.away), after.away > before.away)
    if home >= away:
        code, was, now = team_code(new.home, new.away), before.home, after.home
    else:
        code, was, now = team_code(new.away, new.home), before.away, after.away
    when = moment_of(new)
    text = f"{code} {round(was * 100)} % → {round(now * 100)} %"
    return Notable(KIND, (KIND, when, round(after.home * 100)), text, when)
