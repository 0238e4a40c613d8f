"""What `--once` and `--watch` print: one short line per match, and a stable JSON schema.

The schema is documented in docs/scripts.md; `SCHEMA` is its version, bumped
only when a field changes meaning or goes away (new fields may be added).
Every string that came from the wire is made safe (`safe_text`): each field
as it is taken, and the whole record once more on its way out (`safe_json`:
every string of it, keys too), so no field can forget it and a line can go
straight into a tmux status bar, a terminal, or `jq -r`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scoreboard.core.events import MatchRef
from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.core.notable import Notable
from scoreboard.core.shortline import code_of, cricket_line, short_line
from scoreboard.core.text import safe_text

#: The version of the JSON schema (docs/scripts.md).
SCHEMA = 1
_NAME = 80
#: The longest string in a record (a line, a result).
_LONGEST = 200
#: Records are a few levels deep; nothing from outside makes them deeper.
_DEPTH = 8


def status_line(snap: Snapshot, codes: Mapping[str, str] | None = None) -> str:
    """`ARS 1-0 CHE 67'`, `MUM 135/10 · CSK 50/1 (7.3) need 86`: short enough for a status bar
    (cricket: `core.shortline.cricket_line`).

    Made safe as a whole: it quotes wire fields (cricket overs, a status, a result).
    `codes`: the team codes of the whole run (`TeamCodes.known`), so two teams never
    share one (New Zealand and Newcastle are not both `NEW`).
    """
    return safe_text(_status_line(snap, codes), _LONGEST)


def _status_line(snap: Snapshot, codes: Mapping[str, str] | None) -> str:
    if not isinstance(snap, CricketSnapshot):
        return short_line(snap, codes)
    return cricket_line(snap, codes)


def safe_json(value: Any, depth: int = 0) -> Any:
    """`value` with every string in it (keys too) passed through `safe_text`."""
    if isinstance(value, str):
        return safe_text(value, _LONGEST)
    if depth > _DEPTH:
        return None
    if isinstance(value, dict):
        return {safe_text(k, _NAME): safe_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json(v, depth + 1) for v in value]
    return value


def match_json(
    ref: MatchRef, snap: Snapshot, via: str, codes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One match in the stable schema (docs/scripts.md); `codes` as in `status_line`."""
    return {
        "ref": str(ref),
        "provider": ref.provider,
        "id": ref.id,
        "via": via,
        "sport": _text(snap.sport),
        "status": _text(snap.status),
        "competition": _text(snap.competition),
        "home": _side(snap, "home", codes),
        "away": _side(snap, "away", codes),
        "clock": _clock(snap),
        "phase": _phase(snap),
        "cricket": _cricket(snap),
        "line": status_line(snap, codes),
        "updated_at": _text(snap.updated_at),
        "win_probability": _win_probability(snap),
    }


def _win_probability(snap: Snapshot) -> dict[str, Any] | None:
    """The app's own model (docs/win-probability.md), rounded; null when it cannot tell."""
    from scoreboard.core.winprob import win_probability  # here: one hunk beside match_json

    chances = win_probability(snap)
    if chances is None:
        return None
    return {
        "home": round(chances.home, 3),
        "draw": None if chances.draw is None else round(chances.draw, 3),
        "away": round(chances.away, 3),
        "projected": chances.projected,
        "par": chances.par,
    }


def moment_json(moment: Notable) -> dict[str, Any]:
    return {"kind": moment.kind, "text": _text(moment.text), "when": _text(moment.when or None)}


def _text(value: str | None) -> str | None:
    return None if value is None else safe_text(value, _NAME)


def _side(snap: Snapshot, side: str, codes: Mapping[str, str] | None) -> dict[str, Any]:
    name = getattr(snap, side)
    other = getattr(snap, "away" if side == "home" else "home")
    score: Any = None
    if isinstance(snap, SoccerSnapshot | BasketballSnapshot):
        score = getattr(snap.score, side)
    elif isinstance(snap, CricketSnapshot):
        total = getattr(snap.score, side)
        if total is not None:
            score = {"runs": total.runs, "wickets": total.wickets, "overs": _text(total.overs)}
    elif isinstance(snap, GenericSnapshot) and snap.score_pair is not None:
        score = snap.score_pair[0 if side == "home" else 1]
    return {"name": safe_text(name, _NAME), "code": code_of(name, other, codes), "score": score}


def _clock(snap: Snapshot) -> dict[str, Any] | None:
    if isinstance(snap, SoccerSnapshot) and snap.clock is not None:
        clock = snap.clock
        return {
            "minute": clock.minute,
            "second": clock.second,
            "period": safe_text(clock.period, 12),
            "added_time": clock.added_time,
        }
    if isinstance(snap, BasketballSnapshot) and snap.period is not None:
        return {"period": snap.period, "game_clock_secs": snap.game_clock_secs}
    return None


def _phase(snap: Snapshot) -> dict[str, Any] | None:
    if isinstance(snap, SoccerSnapshot) and snap.phase is not None:
        return {"code": _text(snap.phase.code), "label": _text(snap.phase.label)}
    return None


def _cricket(snap: Snapshot) -> dict[str, Any] | None:
    if not isinstance(snap, CricketSnapshot):
        return None
    over = snap.over
    return {
        "format": _text(snap.format),
        "innings": snap.innings,
        "batting": _text(snap.batting),
        "target": snap.target,
        "over": None if over is None else {"number": over.number, "ball": over.ball},
        "result": _text(snap.result),
    }
