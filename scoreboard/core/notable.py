"""Notable moments a snapshot shows: goals, cards, wickets, milestones, phases.

`notables(snap)` lists every notable moment the snapshot holds, each with a
`key` that names *that* moment and stays the same in every later snapshot
(the same goal has the same key after a reconnect, a resubscribe or a
replayed frame). Whoever alerts keeps the keys it has seen, so an old goal
never fires twice; the first snapshot of a match only teaches its keys.

| kind | soccer | cricket |
|---|---|---|
| `goal` | `goal`, `own_goal`, `penalty_goal` events (the score when no events) | |
| `red_card` | `red_card` events | |
| `penalty` | a penalty awarded (`penalty_awarded`, or VAR confirming one) | |
| `penalty_missed` | `penalty_missed` events | |
| `var` | VAR overturning a decision (`var` events saying overturned/disallowed) | |
| `wicket`, `fifty`, `hundred` | | a wicket; a batter reaching 50 or 100 |
| `kick_off`, `half_time`, `full_time` | the phases | play starts; `full_time` is the result |

Pure: no Textual, no Rich. Every text here is wire text made safe (`safe_text`).
"""

from __future__ import annotations

from msgspec import Struct

from scoreboard.core.derive import count_text, event_minute, overs_to_balls, total_text
from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    Event,
    Snapshot,
    SoccerSnapshot,
    Total,
)
from scoreboard.core.names import initial_and_surname, surname, team_code
from scoreboard.core.text import safe_text
from scoreboard.core.wickets import Fall, WicketLog

#: Every kind, in the order `[alerts] events` lists them.
KINDS = (
    "goal",
    "red_card",
    "penalty",
    "penalty_missed",
    "var",
    "wicket",
    "fifty",
    "hundred",
    "kick_off",
    "half_time",
    "full_time",
)
#: What marks each kind on a panel and in an alert (a symbol and a word: never colour alone).
ICONS = {
    "goal": "⚽",
    "red_card": "🟥",
    "penalty": "◎",
    "penalty_missed": "✗",
    "var": "▣",
    "wicket": "☝",
    "fifty": "50",
    "hundred": "100",
    "kick_off": "⚑",  # not ▶: that marks the focused panel and the batting side
    "half_time": "⏸",
    "full_time": "■",
}
LABELS = {
    "goal": "Goal",
    "red_card": "Red card",
    "penalty": "Penalty",
    "penalty_missed": "Penalty missed",
    "var": "VAR",
    "wicket": "Wicket",
    "fifty": "Fifty",
    "hundred": "Hundred",
    "kick_off": "Kick-off",
    "half_time": "Half-time",
    "full_time": "Full-time",
}
_GOALS = {"goal": "", "own_goal": " (og)", "penalty_goal": " (pen)"}
#: A match seen for the first time this early has just started: its kick-off is news.
_JUST_STARTED_MINUTES = 2
_JUST_STARTED_BALLS = 6


class Notable(Struct, frozen=True):
    """One notable moment: `kind` (see `KINDS`), what names it, and how to say it."""

    kind: str
    key: tuple[object, ...]
    #: `B. Saka`, `R. Sharma b Bumrah 45 · MUM 145/4 (16.2)`: what happened.
    text: str
    #: The match minute (`67'`) or overs (`16.2 ov`), if known.
    when: str = ""
    #: When in the match it happened, as far as a snapshot tells (sorts moments in
    #: match order): soccer (minute, added time), cricket (innings, wickets, rank).
    at: tuple[float, ...] = ()
    #: A shorter `text` for a narrow place, its figures kept (`Tiwary 16 · MUM 99/3 (10.2)`).
    short: str = ""

    @property
    def icon(self) -> str:
        return ICONS.get(self.kind, "•")

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)


def notables(
    snap: Snapshot, previous: Snapshot | None = None, falls: WicketLog | None = None
) -> list[Notable]:
    """Every notable moment `snap` shows, oldest first in match order (a first-innings
    fifty before a second-innings wicket). `previous` helps name a wicket; `falls`
    (the match's `WicketLog`, fed every state) tells the score it fell at."""
    if isinstance(snap, SoccerSnapshot):
        return sorted(_soccer(snap), key=_order)
    if isinstance(snap, CricketSnapshot):
        older = previous if isinstance(previous, CricketSnapshot) else None
        return sorted(_cricket(snap, older, falls), key=_order)
    found = []
    if isinstance(snap, BasketballSnapshot) and snap.status != "scheduled":
        found.append(Notable("kick_off", ("kick_off",), "Tip-off"))
    if snap.status == "finished":
        found.append(Notable("full_time", ("full_time",), "Final"))
    return found


def _order(notable: Notable) -> tuple[float, ...]:
    return notable.at


def latest(found: list[Notable], snap: Snapshot) -> Notable | None:
    """The newest of `found` (from `notables`) in match order, for a match first seen
    now: not a kick-off long gone (`Kick-off 0'` at 90+2 is no news)."""
    for notable in reversed(found):
        if notable.kind != "kick_off" or just_started(snap):
            return notable
    return None


def worth_a_look(old: Snapshot, new: Snapshot) -> bool:
    """Cheap: could `new` hold a notable moment `old` did not? (Most frames are clock ticks.)"""
    if type(old) is not type(new) or old.status != new.status:
        return True
    if isinstance(new, SoccerSnapshot) and isinstance(old, SoccerSnapshot):
        old_events, new_events = old.events or [], new.events or []
        return (
            old.score != new.score
            or len(old_events) != len(new_events)
            or (bool(new_events) and old_events[-1] != new_events[-1])
            or _period(old) != _period(new)
        )
    if isinstance(new, CricketSnapshot) and isinstance(old, CricketSnapshot):
        return (
            old.score != new.score
            or old.innings != new.innings
            or old.result != new.result
            or any(b.runs >= 50 for b in new.batsmen or ())
        )
    return old.score != new.score


def just_started(snap: Snapshot) -> bool:
    """Play began moments ago: a match first seen now should announce its kick-off."""
    if snap.status != "live":
        return False
    if isinstance(snap, SoccerSnapshot):
        clock = snap.clock
        return clock is not None and clock.period == "1H" and clock.minute < _JUST_STARTED_MINUTES
    if isinstance(snap, CricketSnapshot):
        total = snap.score.home if snap.batting == "home" else snap.score.away
        balls = overs_to_balls(total.overs) if total is not None else 0
        return snap.innings == 1 and (balls or 0) <= _JUST_STARTED_BALLS
    return False


# -- soccer ----------------------------------------------------------------------------


def _period(snap: SoccerSnapshot) -> str | None:
    return snap.clock.period if snap.clock is not None else None


def _soccer(snap: SoccerSnapshot) -> list[Notable]:
    found: list[Notable] = []
    if snap.status != "scheduled" and (snap.clock is not None or snap.status == "live"):
        found.append(Notable("kick_off", ("kick_off",), "Kick-off", "0'", (0, 0)))
    if snap.events is None:
        found.extend(_score_goals(snap))
    else:
        counts: dict[tuple[object, ...], int] = {}
        for event in snap.events:
            notable = _soccer_event(event, counts)
            if notable is not None:
                found.append(notable)
    period = _period(snap)
    if period in ("HT", "ETHT"):
        minute = 45 if period == "HT" else 105
        found.append(
            Notable("half_time", ("half_time", period), _score_text(snap), period, (minute, 99))
        )
    if snap.status == "finished":
        found.append(Notable("full_time", ("full_time",), _score_text(snap), "FT", (10**6, 0)))
    return found


def _soccer_event(event: Event, counts: dict[tuple[object, ...], int]) -> Notable | None:
    kind = _event_kind(event)
    if kind is None:
        return None
    ident = (event.type, event.minute, event.added_time, event.team, event.player)
    seen = counts.get(ident, 0)
    counts[ident] = seen + 1  # the same content twice is two moments
    when = event_minute(event.minute, event.added_time)
    who = safe_text(event.player or "", 60)
    if kind == "goal":
        text = f"{who}{_GOALS.get(event.type, '')}"
    elif event.detail:
        text = f"{who}: {safe_text(event.detail, 60)}" if who else safe_text(event.detail, 60)
    else:
        text = who
    at = (event.minute or 0, event.added_time or 0)
    return Notable(kind, ("event", *ident, seen), text.strip() or LABELS[kind], when, at)


def _event_kind(event: Event) -> str | None:
    kind = event.type
    if kind in _GOALS:
        return "goal"
    if kind in ("red_card", "penalty_missed"):
        return kind
    if kind in ("penalty_awarded", "penalty"):
        return "penalty"
    if kind == "var":
        detail = (event.detail or "").casefold()
        if "overturn" in detail or "disallow" in detail:
            return "var"
        if "penalty" in detail and ("confirm" in detail or "award" in detail):
            return "penalty"
    return None


def _score_goals(snap: SoccerSnapshot | BasketballSnapshot) -> list[Notable]:
    """Goals told only by the score (a feed without events): the n-th goal of a side."""
    minute = snap.clock.minute if isinstance(snap, SoccerSnapshot) and snap.clock else 0
    return [
        Notable(
            "goal", ("score", side, n), f"{safe_text(getattr(snap, side), 60)} scores", at=(minute,)
        )
        for side in ("home", "away")
        for n in range(1, min(getattr(snap.score, side), 99) + 1)
    ]


def _score_text(snap: SoccerSnapshot) -> str:
    return f"{snap.score.home}-{snap.score.away}"


# -- cricket ---------------------------------------------------------------------------


def _cricket(
    snap: CricketSnapshot, previous: CricketSnapshot | None, falls: WicketLog | None
) -> list[Notable]:
    found: list[Notable] = []
    if snap.status != "scheduled":
        found.append(Notable("kick_off", ("kick_off",), "Play starts", at=(0,)))
    for side in ("home", "away"):
        total = getattr(snap.score, side)
        if total is None:
            continue
        innings = _innings_of(snap, side)
        other = snap.away if side == "home" else snap.home
        code = team_code(getattr(snap, side), other)
        for n in range(1, min(total.wickets, 10) + 1):
            # The score when it fell is known only if we saw it fall (no fall-of-wickets
            # in the contract): the same wicket reads the same however it was first seen.
            text = f"{code} wicket {n}"
            fall = falls.fall(innings, n) if falls is not None else None
            short = ""
            if fall is not None and fall.batter:
                text = _fall_text(fall, code)  # seen falling: every wicket of a burst named
                short = _fall_text(fall, code, surname(safe_text(fall.batter, 60)), how=False)
            elif n == total.wickets and snap.batting == side:
                text = _wicket_text(snap, previous, code, total) or text
            key = ("wicket", innings, side, n)
            found.append(Notable("wicket", key, text, at=(innings, n, 1), short=short))
    wickets = _wickets_by_batter(snap)
    for innings, name, runs in _batters(snap):
        shown = safe_text(name, 60)
        # Before the wicket that ended the innings of its batter, or after the latest one.
        fell = wickets.get((innings, name))
        at = float(fell) - 0.5 if fell is not None else _wickets_in(snap, innings) + 0.5
        # The milestone, not the score now: "reached 50", never "50 ... 53".
        if runs >= 50:
            found.append(
                Notable(
                    "fifty",
                    ("fifty", innings, name),
                    f"{shown} reached 50",
                    at=(innings, at),
                    short=f"{initial_and_surname(shown)} reached 50",
                )
            )
        if runs >= 100:
            found.append(
                Notable(
                    "hundred",
                    ("hundred", innings, name),
                    f"{shown} reached 100",
                    at=(innings, at + 0.1),
                    short=f"{initial_and_surname(shown)} reached 100",
                )
            )
    if snap.status == "finished" or snap.result:
        text = safe_text(snap.result, 80) if snap.result else "Match over"
        found.append(Notable("full_time", ("full_time",), text, at=(99,)))
    return found


def _fall_text(fall: Fall, code: str, who: str = "", *, how: bool = True) -> str:
    """`SR Watson run out 80 · CSK 146/6 (18.4)`: who, how, their score (the card's:
    a run completed before a run out counts) and the total when it fell."""
    who = who or safe_text(fall.batter, 60)
    dismissal = f" {safe_text(fall.how, 40)}" if fall.how and how else ""
    runs = f" {count_text(fall.batter_runs)}" if fall.batter_runs is not None else ""
    score = f"{count_text(fall.runs)}/{count_text(fall.wicket)} ({safe_text(fall.overs, 12)})"
    return f"{who}{dismissal}{runs} · {code} {score}"


def _wicket_text(
    snap: CricketSnapshot, previous: CricketSnapshot | None, code: str, total: Total
) -> str:
    """A wicket not seen falling: who left the crease since `previous`, with this total."""
    out = _dismissed(snap, previous, snap.batting or "")
    return f"{out} · {code} {total_text(total)}" if out else ""


def _wickets_by_batter(snap: CricketSnapshot) -> dict[tuple[int, str], int]:
    """(innings, batter) -> the wicket that was theirs, in scorecard order of dismissal
    (a batting order lists the out before those who came in after them)."""
    found: dict[tuple[int, str], int] = {}
    for innings in snap.scorecard or ():
        out = [e.name for e in innings.batting if e.dismissal and e.dismissal != "not out"]
        for number, name in enumerate(out, 1):
            found[(innings.innings, name)] = number
    return found


def _wickets_in(snap: CricketSnapshot, innings: int) -> int:
    for card in snap.scorecard or ():
        if card.innings == innings:
            return card.wickets
    return 0


def _innings_of(snap: CricketSnapshot, side: str) -> int:
    """Which innings `side`'s current total belongs to (each side bats once in limited overs)."""
    for innings in snap.scorecard or ():
        if innings.team == side:
            number = innings.innings
            if snap.batting == side:
                number = max(number, snap.innings)
            return number
    return snap.innings if snap.batting == side else 0


def _batters(snap: CricketSnapshot) -> list[tuple[int, str, int]]:
    """(innings, name, runs) of everyone who batted, from the scorecard and the crease."""
    found: dict[tuple[int, str], int] = {}
    for innings in snap.scorecard or ():
        for entry in innings.batting:
            found[(innings.innings, entry.name)] = entry.runs
    for batter in snap.batsmen or ():
        key = (snap.innings, batter.name)
        found[key] = max(found.get(key, 0), batter.runs)
    return [(innings, name, runs) for (innings, name), runs in found.items()]


def _dismissed(snap: CricketSnapshot, previous: CricketSnapshot | None, side: str) -> str:
    """Who is out: at the crease before and gone now, with the scorecard's dismissal."""
    if previous is None or snap.batting != side or previous.batting != side:
        return ""
    now = {b.name for b in snap.batsmen or ()}
    gone = [b for b in previous.batsmen or () if b.name not in now]
    if not gone:
        return ""
    batter = gone[0]
    how, runs = "", batter.runs
    for innings in snap.scorecard or ():
        for entry in innings.batting:
            if entry.name == batter.name and entry.dismissal:
                # The card's score: a run completed before a run out (`W+1`) counts.
                how, runs = f" {safe_text(entry.dismissal, 40)}", entry.runs
    return f"{safe_text(batter.name, 60)}{how} {count_text(runs)}"
