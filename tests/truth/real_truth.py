"""The truth about a real match, computed straight from its source data.

Written apart from both the app (`scoreboard/core`, `scoreboard/ui`) and the
simulator's conversion (`scoreboard/sim/real`), so that a mistake in either
shows up as a mismatch here instead of agreeing with itself.

Cricket: cricsheet's JSON (innings → overs → deliveries). Soccer: the compact
StatsBomb rows (period, minute, second, kind, team, player, extra, possession).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SIDES = ("home", "away")


# --- cricket ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fall:
    wicket: int
    runs: int
    balls: int  # legal balls bowled when it fell
    batter: str
    pair: frozenset[str]  # the two at the crease on that ball

    @property
    def overs(self) -> str:
        return f"{self.balls // 6}.{self.balls % 6}"


@dataclass(frozen=True)
class Stand:
    wicket: int  # the wicket it was for (1: the openers)
    runs: int
    balls: int
    pair: frozenset[str]
    unbroken: bool


@dataclass(frozen=True)
class Ball:
    """The state after one delivery."""

    runs: int
    wickets: int
    balls: int


@dataclass
class Innings:
    number: int
    team: str  # "home" / "away"
    runs: int = 0
    wickets: int = 0
    balls: int = 0
    batting: dict[str, list[int]] = field(default_factory=dict)  # runs, balls, 4s, 6s
    out: set[str] = field(default_factory=set)
    bowling: dict[str, list[int]] = field(default_factory=dict)  # balls, runs, wickets
    falls: list[Fall] = field(default_factory=list)
    stands: list[Stand] = field(default_factory=list)
    overs: dict[int, list[int]] = field(default_factory=dict)  # over from 1 -> runs, wickets
    after: list[Ball] = field(default_factory=list)

    @property
    def total(self) -> str:
        return f"{self.runs}/{self.wickets} ({self.balls // 6}.{self.balls % 6})"


_BOWLER = {"bowled", "caught", "lbw", "stumped", "caught and bowled", "hit wicket"}
_NO_WICKET = {"retired hurt", "retired not out"}


def cricket_truth(doc: dict[str, Any]) -> list[Innings]:
    teams = doc["info"]["teams"]
    out = []
    for number, raw in enumerate((i for i in doc["innings"] if not i.get("super_over")), 1):
        inn = Innings(number, SIDES[teams.index(raw["team"])])
        stand_from = (0, 0)
        pair: frozenset[str] = frozenset()
        last_wicket = False
        for over in raw["overs"]:
            for d in over["deliveries"]:
                _deliver(inn, over["over"] + 1, d)
                pair = frozenset((d["batter"], d["non_striker"]))
                fell = [w for w in d.get("wickets", []) if w["kind"] not in _NO_WICKET]
                for w in fell:
                    inn.falls.append(
                        Fall(
                            inn.wickets - len(fell) + 1 + fell.index(w),
                            inn.runs,
                            inn.balls,
                            w["player_out"],
                            pair,
                        )
                    )
                    inn.stands.append(
                        Stand(
                            len(inn.stands) + 1,
                            inn.runs - stand_from[0],
                            inn.balls - stand_from[1],
                            pair,
                            False,
                        )
                    )
                    stand_from = (inn.runs, inn.balls)
                last_wicket = bool(fell)
                inn.after.append(Ball(inn.runs, inn.wickets, inn.balls))
        if not last_wicket and inn.wickets < 10:
            inn.stands.append(
                Stand(
                    len(inn.stands) + 1,
                    inn.runs - stand_from[0],
                    inn.balls - stand_from[1],
                    pair,
                    True,
                )
            )
        out.append(inn)
    return out


def _deliver(inn: Innings, over: int, d: dict[str, Any]) -> None:
    runs, extras = d["runs"], d.get("extras", {})
    wide, noball = extras.get("wides", 0), extras.get("noballs", 0)
    bat = inn.batting.setdefault(d["batter"], [0, 0, 0, 0])
    inn.batting.setdefault(d["non_striker"], [0, 0, 0, 0])
    bat[0] += runs["batter"]
    bat[1] += 0 if wide else 1
    bat[2] += runs["batter"] == 4 and not runs.get("non_boundary")
    bat[3] += runs["batter"] == 6
    bowl = inn.bowling.setdefault(d["bowler"], [0, 0, 0])
    legal = not wide and not noball
    bowl[0] += legal
    bowl[1] += runs["batter"] + wide + noball
    inn.runs += runs["total"]
    inn.balls += legal
    this_over = inn.overs.setdefault(over, [0, 0])
    this_over[0] += runs["total"]
    for w in d.get("wickets", []):
        inn.out.add(w["player_out"])
        inn.batting.setdefault(w["player_out"], [0, 0, 0, 0])
        if w["kind"] not in _NO_WICKET:
            inn.wickets += 1
            this_over[1] += 1
        if w["kind"] in _BOWLER:
            bowl[2] += 1


def result(doc: dict[str, Any]) -> str:
    outcome = doc["info"]["outcome"]
    (unit, margin), *_ = outcome["by"].items()
    unit = unit.rstrip("s")
    return f"{outcome['winner']} won by {margin} {unit}{'' if margin == 1 else 's'}"


def target(innings: list[Innings]) -> int:
    return innings[0].runs + 1


def short_names(name: str) -> set[str]:
    """The forms in which a batter may be named: "Q de Kock", "de Kock"."""
    words = name.split()
    forms = {name}
    if len(words) > 1 and (words[0].isupper() or len(words[0]) <= 3):
        forms.add(" ".join(words[1:]))
    return forms


# --- soccer -----------------------------------------------------------------------

_END = {1: 45, 2: 90, 3: 105, 4: 120}


def minute_of(period: int, minute: int) -> tuple[int, int | None]:
    """8:12 is minute 9; 47:30 of the first half is 45 + 3."""
    end = _END.get(period)
    if end is not None and minute >= end:
        return end, minute - end + 1
    return minute + 1, None


@dataclass(frozen=True)
class Event:
    minute: int
    added: int | None
    kind: str
    side: str
    player: str


@dataclass
class SoccerTruth:
    home: str
    away: str
    score: list[int] = field(default_factory=lambda: [0, 0])
    events: list[Event] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)
    #: Stoppage minutes played in each half (from the half's last event).
    added: dict[int, int] = field(default_factory=dict)


def soccer_truth(doc: dict[str, Any], upto: int | None = None) -> SoccerTruth:
    """The match after its first `upto` rows (all of them: None)."""
    truth = SoccerTruth(doc["home"], doc["away"])
    count = truth.counts
    for name in (
        "shots",
        "shots_on_target",
        "corners",
        "fouls",
        "offsides",
        "yellow_cards",
        "red_cards",
        "saves",
    ):
        count[name] = [0, 0]
    for period, minute, _second, kind, team, player, extra, _poss in doc["events"][:upto]:
        if period in _END and minute >= _END[period]:
            truth.added[period] = minute - _END[period] + 1
        if team is None:
            continue
        when = minute_of(period, minute)
        side = SIDES[team]
        if kind == "shot" and period < 5:
            count["shots"][team] += 1
            if extra["outcome"] in ("Goal", "Saved", "Saved To Post", "Saved to Post"):
                count["shots_on_target"][team] += 1
            if extra["outcome"] == "Goal":
                truth.score[team] += 1
                kind_name = "penalty_goal" if extra["type"] == "Penalty" else "goal"
                truth.events.append(Event(*when, kind_name, side, player))
        elif kind == "own_goal":
            truth.score[1 - team] += 1
            truth.events.append(Event(*when, "own_goal", SIDES[1 - team], player))
        elif kind == "card":
            names = {
                "Yellow Card": ["yellow_card"],
                "Second Yellow": ["second_yellow", "red_card"],
                "Red Card": ["red_card"],
            }[extra]
            for name in names:
                truth.events.append(Event(*when, name, side, player))
            if extra != "Red Card":
                count["yellow_cards"][team] += 1
            if extra != "Yellow Card":
                count["red_cards"][team] += 1
        elif kind == "sub":
            truth.events.append(Event(*when, "substitution", side, extra))
        elif kind in ("corner", "foul", "offside", "save"):
            count[
                {"corner": "corners", "foul": "fouls", "offside": "offsides", "save": "saves"}[kind]
            ][team] += 1
    return truth
