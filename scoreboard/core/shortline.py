"""One short line per match: `ARS 1-0 CHE 67'`, for a terminal title or a status bar.

Team names become three-letter codes (`core.names.team_code`); the soccer
clock shows whole minutes (`67'`, `45+2'`, `HT`, `FT`), so the line changes
once a minute rather than every second. Pure text, safe to put anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoreboard.core import derive
from scoreboard.core.derive import MinuteClock, clock_text, count_text, total_text
from scoreboard.core.models import (
    BasketballSnapshot,
    Clock,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
    Total,
)
from scoreboard.core.names import team_code
from scoreboard.core.text import safe_text

_STANDING = ("HT", "ETHT", "PEN", "FT")


def short_line(snap: Snapshot, codes: Mapping[str, str] | None = None) -> str:
    """`ARS 1-0 CHE 67'`, `MUM 145/3 (16.2) v CSK`, `BOS 88-80 LAL Q3`.

    `codes` (a `core.names.TeamCodes`' `known`) gives the codes one screen or run uses,
    so two teams followed together never share one; a team not in it gets `team_code`."""
    home = code_of(snap.home, snap.away, codes)
    away = code_of(snap.away, snap.home, codes)
    if isinstance(snap, SoccerSnapshot):
        line = f"{home} {snap.score.home}-{snap.score.away} {away}"
        when = minute_text(snap.clock) if snap.status == "live" else _status(snap.status)
        return f"{line} {when}".strip()
    if isinstance(snap, CricketSnapshot):
        sides = []
        for code, total in ((home, snap.score.home), (away, snap.score.away)):
            sides.append(f"{code} {total_text(total)}".strip())
        line = " v ".join(sides)
        return f"{line} {_status(snap.status)}".strip()
    if isinstance(snap, BasketballSnapshot):
        line = f"{home} {snap.score.home}-{snap.score.away} {away}"
        period = f"Q{snap.period}" if snap.status == "live" and snap.period else ""
        return f"{line} {period or _status(snap.status)}".strip()
    if isinstance(snap, GenericSnapshot) and snap.score_pair is not None:
        h, a = snap.score_pair
        return f"{home} {h}-{a} {away} {_status(snap.status)}".strip()
    return f"{home} v {away} {_status(snap.status)}".strip()


def cricket_line(snap: CricketSnapshot, codes: Mapping[str, str] | None = None) -> str:
    """`MUM 70/2 (10.1) · CSK yet to bat`, `MUM 67/1 (7.3) need 108 · CSK 174/6`: each
    side's total, the batting side's with its overs and, chasing, what it needs right
    beside it (whichever side it is); the result or the status after. `codes` as in
    `short_line`."""
    sides = []
    chase = derive.chase(snap) if snap.status == "live" else None
    for side, other in (("home", "away"), ("away", "home")):
        code = code_of(getattr(snap, side), getattr(snap, other), codes)
        total: Total | None = getattr(snap.score, side)
        if total is None:
            sides.append(f"{code} yet to bat" if snap.status == "live" else code)
        elif snap.batting == side and snap.status == "live":
            part = f"{code} {total_text(total)}"
            if chase is not None and chase[0] > 0:
                part += f" need {count_text(chase[0])}"
            sides.append(part)
        else:
            sides.append(f"{code} {count_text(total.runs)}/{count_text(total.wickets)}")
    line = " · ".join(sides)
    if snap.status == "live":
        return line
    if snap.result:
        return f"{line} {safe_text(snap.result, 40)}"
    if snap.status != "scheduled":
        return f"{line} {safe_text(snap.status, 12).upper()}"
    return line


def code_of(name: str, other: str, codes: Mapping[str, str] | None = None) -> str:
    """`name`'s code in `codes` if it has one there, else `team_code(name, other)`."""
    return (codes or {}).get(name) or team_code(name, other)


def minute_text(clock: Clock | None) -> str:
    """The soccer clock in whole minutes as fans say it: `67'` at 66:12, `45+2'`, `HT`."""
    if clock is None:
        return ""
    if clock.period in _STANDING or isinstance(clock, MinuteClock):
        return clock_text(clock)
    if clock.added_time:
        return f"{clock.minute}+{clock.added_time}'"
    return f"{clock.minute + 1}'"  # 66:12 is the 67th minute


def _status(status: str) -> str:
    return {"live": "", "finished": "FT", "scheduled": "", "half-time": "HT"}.get(
        status, safe_text(status, 12).upper()
    )
