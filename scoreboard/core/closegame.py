"""Close-game moments (`Close game: ...`): per sport, once per match and situation.

Situations (each threshold a key of `[alerts.close_game]`, default in brackets):

- soccer `late`: level or within `soccer_margin` (1) from `soccer_minute` (80) of the
  second half; `extra_time` and `shootout` when they start (`soccer_extra_time`,
  `soccer_shootout`: true).
- cricket `last_overs`: a chase in its last `cricket_overs` (3) overs needing between
  `cricket_min_rate` (6) and `cricket_max_rate` (15) an over; `last_wickets`: a chase
  with `cricket_wickets` (2) wickets left needing at most `cricket_max_rate`.
- basketball `late`: within `basketball_margin` (5) with `basketball_seconds` (120) or
  less left in the 4th quarter or an overtime; `overtime`: each overtime period.

`close_game_moments(snap, settings)` lists the situations a snapshot is in;
each key names the situation (and the innings or period), so `moments.Seen`
fires each once. A state is news however it is first seen: a match opened at
85' with the score level does fire `late`. A finished match fires nothing.
Pure: no clock, no Textual, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoreboard.core.derive import FORMAT_OVERS, batting_total, event_minute, overs_to_balls
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.moments import Moment
from scoreboard.core.names import team_code

KIND = "close_game"
QUARTERS = 4


@dataclass(frozen=True)
class CloseGameSettings:
    """Every threshold of a close game; the defaults are what a fan would choose."""

    soccer_minute: int = 80
    soccer_margin: int = 1
    soccer_extra_time: bool = True
    soccer_shootout: bool = True
    cricket_overs: int = 3
    cricket_wickets: int = 2
    cricket_min_rate: float = 6.0
    cricket_max_rate: float = 15.0
    basketball_margin: int = 5
    basketball_seconds: int = 120
    basketball_overtime: bool = True


DEFAULT = CloseGameSettings()


def close_game_moments(snap: Snapshot, settings: CloseGameSettings = DEFAULT) -> list[Moment]:
    """Every close-game situation `snap` is in (empty unless live)."""
    if snap.status != "live":
        return []
    if isinstance(snap, SoccerSnapshot):
        return _soccer(snap, settings)
    if isinstance(snap, CricketSnapshot):
        return _cricket(snap, settings)
    if isinstance(snap, BasketballSnapshot):
        return _basketball(snap, settings)
    return []


def _moment(situation: tuple[object, ...], text: str, when: str = "") -> Moment:
    return Moment(KIND, (KIND, *situation), f"Close game: {text}", when=when)


def _soccer(snap: SoccerSnapshot, s: CloseGameSettings) -> list[Moment]:
    clock = snap.clock
    if clock is None:
        return []
    home, away = snap.score.home, snap.score.away
    margin = abs(home - away)
    if margin == 0:
        state = f"level at {home}-{away}"
    else:
        ahead, behind = (snap.home, snap.away) if home > away else (snap.away, snap.home)
        state = f"{team_code(ahead, behind)} lead {max(home, away)}-{min(home, away)}"
    when = event_minute(clock.minute, clock.added_time)
    found = []
    if clock.period == "2H" and clock.minute >= s.soccer_minute and margin <= s.soccer_margin:
        found.append(_moment(("late",), f"{state}, {when}", when))
    if clock.period in ("ET1", "ETHT", "ET2") and s.soccer_extra_time:
        found.append(_moment(("extra_time",), f"extra time, {state}", when))
    if clock.period == "PEN" and s.soccer_shootout:
        pens = snap.penalties
        tally = f" ({pens.home}-{pens.away})" if pens is not None else ""
        found.append(_moment(("shootout",), f"penalty shoot-out{tally}", "PEN"))
    return found


def _cricket(snap: CricketSnapshot, s: CloseGameSettings) -> list[Moment]:
    total = batting_total(snap)
    overs = FORMAT_OVERS.get(snap.format or "")
    if total is None or snap.target is None or overs is None:
        return []
    bowled = overs_to_balls(total.overs)
    if bowled is None:
        return []
    needed = snap.target - total.runs
    balls_left = overs * 6 - bowled
    wickets_left = 10 - total.wickets
    if needed <= 0 or balls_left <= 0 or wickets_left <= 0:
        return []
    rate = needed * 6 / balls_left
    side = snap.home if snap.batting == "home" else snap.away
    other = snap.away if snap.batting == "home" else snap.home
    balls = "ball" if balls_left == 1 else "balls"
    text = f"{team_code(side, other)} need {needed} from {balls_left} {balls}"
    when = f"{total.overs} ov"
    found = []
    if balls_left <= s.cricket_overs * 6 and s.cricket_min_rate <= rate <= s.cricket_max_rate:
        found.append(_moment(("last_overs", snap.innings), text, when))
    if wickets_left <= s.cricket_wickets and rate <= s.cricket_max_rate:
        wickets = "wicket" if wickets_left == 1 else "wickets"
        found.append(
            _moment(("last_wickets", snap.innings), f"{text}, {wickets_left} {wickets} left", when)
        )
    return found


def _basketball(snap: BasketballSnapshot, s: CloseGameSettings) -> list[Moment]:
    period, clock = snap.period, snap.game_clock_secs
    if period is None or clock is None:
        return []
    home, away = snap.score.home, snap.score.away
    margin = abs(home - away)
    name = f"Q{period}" if period <= QUARTERS else f"OT{period - QUARTERS}"
    left = f"{clock // 60}:{clock % 60:02d}"
    state = f"tied {home}-{away}" if margin == 0 else f"{max(home, away)}-{min(home, away)}"
    found = []
    if period >= QUARTERS and clock <= s.basketball_seconds and margin <= s.basketball_margin:
        found.append(_moment(("late", period), f"{state}, {left} left in {name}", f"{name} {left}"))
    if period > QUARTERS and s.basketball_overtime:
        found.append(_moment(("overtime", period), f"overtime ({name}), {state}", name))
    return found
