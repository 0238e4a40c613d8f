"""A StatsBomb match (the compact conversion in `tests/data/real/statsbomb/`) as Sportrix
snapshots.

One frame per kept StatsBomb event (shot, own goal, card, substitution,
corner, foul, offside, save, period start and end) and one at every minute
boundary (the clock and possession move on), in the order StatsBomb lists
them. The shape follows the bundled soccer engine: the clock and its added
time as `scoreboard/sim/engines/soccer_periods.py` describes, events in the
football convention (8:12 is minute 9; 47:30 of the first half is 45 with
`added_time` 3), an own goal credited to the side that benefits with the
player who put it in, a second yellow as `second_yellow` then `red_card`
(counted in both card stats), a substitution's `player` coming on.

Derived where StatsBomb has no such field (docs/simulator.md, "Real
matches"): stats are counted from the events (shots on target: goals and
saved shots; saves: the goalkeeper's saves; possession: share of the time
each side had the ball, from StatsBomb's possession team on every event);
half-time lasts 15 simulated minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoreboard.sim.real.frames import TimedFrame

SIDES = ("home", "away")
PERIODS = {1: "1H", 2: "2H", 3: "ET1", 4: "ET2", 5: "PEN"}
LABELS = {
    "1H": "First half",
    "HT": "Half-time",
    "2H": "Second half",
    "ET1": "Extra time \u2013 first half",
    "ETHT": "Extra time \u2013 half-time",
    "ET2": "Extra time \u2013 second half",
    "PEN": "Penalty shoot-out",
    "FT": "Full-time",
}
#: Clock minute at which each period's regulation time ends, and where its clock starts.
PERIOD_END = {1: 45, 2: 90, 3: 105, 4: 120}
PERIOD_START = {1: 0, 2: 45, 3: 90, 4: 105}
#: Simulated seconds of the break after a period (half-time, the one in extra time).
BREAK_AFTER = {1: 15 * 60.0, 3: 60.0}
#: The stat each counted kind of row adds to.
COUNTS = {"corner": "corners", "foul": "fouls", "offside": "offsides", "save": "saves"}
ON_TARGET = frozenset({"Goal", "Saved", "Saved To Post", "Saved to Post"})
STATS = (
    "shots",
    "shots_on_target",
    "corners",
    "fouls",
    "offsides",
    "yellow_cards",
    "red_cards",
    "saves",
)


def match_clock(period: int, minute: int, second: int) -> tuple[int, int, int | None]:
    """(minute, second, added_time) shown at StatsBomb's `minute:second` of `period`."""
    end = PERIOD_END.get(period)
    if end is None or minute < end:
        return minute, second, None
    return end, second, minute - end + 1


def event_minute(period: int, minute: int, second: int) -> tuple[int, int | None]:
    """The event's minute in the football convention, and its added time."""
    shown, _, added = match_clock(period, minute, second)
    return (shown, added) if added is not None else (minute + 1, None)


@dataclass
class _State:
    period: str | None = None
    clock: tuple[int, int, int | None] = (0, 0, None)
    status: str = "live"
    score: list[int] = field(default_factory=lambda: [0, 0])
    counts: dict[str, list[int]] = field(default_factory=lambda: {n: [0, 0] for n in STATS})
    xg: list[float] = field(default_factory=lambda: [0.0, 0.0])
    possession: list[int] = field(default_factory=lambda: [0, 0])
    events: list[dict[str, Any]] = field(default_factory=list)
    penalties: list[int] | None = None

    def count(self, stat: str, side: int) -> None:
        self.counts[stat][side] += 1

    def stats(self) -> dict[str, dict[str, int | float]]:
        h, a = self.possession
        home = round(100 * h / (h + a)) if h + a else 50
        view: dict[str, dict[str, int | float]] = {"possession": {"home": home, "away": 100 - home}}
        for name in STATS:
            view[name] = {"home": self.counts[name][0], "away": self.counts[name][1]}
        view["xg"] = {"home": round(self.xg[0], 2), "away": round(self.xg[1], 2)}
        return view


def _event(
    kind: str, side: int, player: str | None, when: tuple[int, int | None], **more: Any
) -> dict[str, Any]:
    return {
        "minute": when[0],
        "added_time": when[1],
        "type": kind,
        "team": SIDES[side],
        "player": player or "",
        "assist": more.get("assist"),
        "detail": more.get("detail"),
    }


def _shot(
    state: _State,
    period: int,
    side: int,
    player: str | None,
    extra: dict[str, Any],
    when: tuple[int, int | None],
) -> None:
    outcome, kind = extra["outcome"], extra["type"]
    if period == 5:
        assert state.penalties is not None
        if outcome == "Goal":
            state.penalties[side] += 1
        return
    state.count("shots", side)
    state.xg[side] += extra.get("xg", 0.0)
    if outcome in ON_TARGET:
        state.count("shots_on_target", side)
    if outcome == "Goal":
        state.score[side] += 1
        name = "penalty_goal" if kind == "Penalty" else "goal"
        state.events.append(_event(name, side, player, when, assist=extra.get("assist")))
    elif kind == "Penalty":
        state.events.append(_event("penalty_missed", side, player, when))


def _card(
    state: _State, side: int, player: str | None, card: str, when: tuple[int, int | None]
) -> None:
    if card == "Yellow Card":
        state.count("yellow_cards", side)
        state.events.append(_event("yellow_card", side, player, when))
    elif card == "Second Yellow":
        state.count("yellow_cards", side)
        state.count("red_cards", side)
        state.events.append(_event("second_yellow", side, player, when))
        state.events.append(_event("red_card", side, player, when))
    else:
        state.count("red_cards", side)
        state.events.append(_event("red_card", side, player, when))


def apply_row(state: _State, row: list[Any], *, final: bool = False) -> None:
    """One compact StatsBomb row into the state (the clock included); `final`: the
    row is the match's last period's end."""
    period, minute, second, kind, side, player, extra, possession = row
    state.possession = list(possession)
    if kind == "start":
        state.period = PERIODS[period]
        state.clock = (PERIOD_START.get(period, 120), 0, None)
        if period == 5:
            state.penalties = [0, 0]
        return
    if kind == "end":
        _end_period(state, period, final)
        return
    if period < 5:
        state.clock = match_clock(period, minute, second)
    when = event_minute(period, minute, second)
    if kind == "shot":
        _shot(state, period, side, player, extra, when)
    elif kind == "own_goal":
        credited = 1 - side
        state.score[credited] += 1
        state.events.append(_event("own_goal", credited, player, when))
    elif kind == "card":
        _card(state, side, player, extra, when)
    elif kind == "sub":
        state.events.append(_event("substitution", side, extra, when, detail=player))
    elif kind in ("corner", "foul", "offside", "save"):
        state.count(COUNTS[kind], side)


def _end_period(state: _State, period: int, final: bool) -> None:
    """The whistle at the end of `period`: a break, full time, or (after 90 or 120
    minutes level) straight on to extra time or the shoot-out, as the engine does."""
    if period == 1:
        state.period, state.clock = "HT", (45, 0, None)
    elif period == 3:
        state.period, state.clock = "ETHT", (105, 0, None)
    elif final:
        state.period, state.status = "FT", "finished"
        state.clock = (90 if period == 2 else 120, 0, None)
    else:
        state.clock = (PERIOD_END[period], 0, None)


def _snapshot(base: dict[str, Any], state: _State) -> dict[str, Any]:
    snap = dict(base, status=state.status)
    snap["score"] = {"home": state.score[0], "away": state.score[1]}
    period = state.period or "1H"
    minute, second, added = state.clock
    snap["clock"] = {"minute": minute, "second": second, "period": period, "added_time": added}
    snap["phase"] = {"code": period, "label": LABELS[period]}
    snap["stats"] = state.stats()
    snap["events"] = [dict(e) for e in state.events]
    if state.penalties is not None:
        snap["penalties"] = {"home": state.penalties[0], "away": state.penalties[1]}
    return snap


def _label(row: list[Any]) -> str:
    period, minute, second, kind = row[0], row[1], row[2], row[3]
    name = PERIODS.get(period, str(period))
    if kind == "end":
        return f"{name} end"
    return f"{name} {minute:02d}:{second:02d}"


def soccer_frames(doc: dict[str, Any], match_id: int) -> list[TimedFrame]:
    """Every state of the compact StatsBomb match `doc`, in order."""
    base = {
        "match_id": match_id,
        "sport": "soccer",
        "home": doc["home"],
        "away": doc["away"],
        "competition": doc.get("competition"),
        "venue": doc.get("venue"),
    }
    rows: list[list[Any]] = doc["events"]
    last_period = max(r[0] for r in rows)
    state = _State()
    frames: list[TimedFrame] = []
    offset = 0.0  # simulated seconds before the current period's clock starts
    period_clock0 = 0.0
    at = 0.0
    for row in rows:
        period, minute, second, kind = row[0], row[1], row[2], row[3]
        if kind == "start":
            period_clock0 = PERIOD_START.get(period, 120) * 60.0
            offset = at
        at = max(at, offset + minute * 60 + second - period_clock0) if period < 5 else at + 40.0
        apply_row(state, row, final=kind == "end" and period == last_period)
        frames.append(TimedFrame(round(at, 3), _label(row), _snapshot(base, state)))
        if kind == "end":
            at += BREAK_AFTER.get(period, 0.0)
    return frames
