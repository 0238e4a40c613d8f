"""One innings of a simulated cricket match: batters, bowlers, totals, scorecard.

Plain state the cricket engine (`cricket.py`) updates ball by ball; this
module holds it and turns it into the snapshot's `batsmen`, totals and
`scorecard` entries. No randomness here: every draw stays in the engine.
"""

from __future__ import annotations

from typing import Any

import msgspec

from scoreboard.sim.engines.names import CricketSquad

SIDES = ("home", "away")


def overs_text(balls: int) -> str:
    """Cricket notation: 98 legal balls -> "16.2"."""
    return f"{balls // 6}.{balls % 6}"


def surname(name: str) -> str:
    return name.split(" ", 1)[1] if " " in name else name


class Batter(msgspec.Struct):
    name: str
    runs: int = 0
    balls: int = 0
    fours: int = 0
    sixes: int = 0
    dismissal: str | None = None  # None while not out

    def row(self) -> dict[str, Any]:
        """The batter's line of a `scorecard` entry."""
        return {
            "name": self.name,
            "dismissal": self.dismissal or "not out",
            "runs": self.runs,
            "balls": self.balls,
            "fours": self.fours,
            "sixes": self.sixes,
        }

    def at_crease(self, on_strike: bool) -> dict[str, Any]:
        """The batter in the snapshot's `batsmen`."""
        return {
            "name": self.name,
            "runs": self.runs,
            "balls": self.balls,
            "fours": self.fours,
            "sixes": self.sixes,
            "on_strike": on_strike,
        }

    def credit(self, runs: int) -> None:
        """Runs off the bat (a four or a six counted as one)."""
        self.runs += runs
        if runs == 4:
            self.fours += 1
        elif runs == 6:
            self.sixes += 1


class Bowler(msgspec.Struct):
    name: str
    index: int = -1  # position in the bowling side's squad (-1: a real match's, by name)
    balls: int = 0  # legal deliveries
    maidens: int = 0
    runs: int = 0
    wickets: int = 0

    def figures(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "overs": overs_text(self.balls),
            "maidens": self.maidens,
            "runs": self.runs,
            "wickets": self.wickets,
        }


class Innings(msgspec.Struct):
    number: int
    team: int  # batting side: 0 home, 1 away
    batters: list[Batter] = msgspec.field(default_factory=list)
    striker: int = 0  # index into batters
    non_striker: int = 1
    next_in: int = 2  # batting-order position of the next batter
    bowlers: dict[int, Bowler] = msgspec.field(default_factory=dict)  # squad index -> figures
    bowling_order: list[int] = msgspec.field(
        default_factory=list
    )  # squad indexes, first ball order
    bowler: int | None = None  # squad index of this over's bowler
    last_over_bowler: int | None = None
    over_runs: int = 0  # conceded by the bowler in this over
    over_codes: list[str] = msgspec.field(default_factory=list)
    byes: int = 0
    leg_byes: int = 0
    wides: int = 0
    no_balls: int = 0
    penalty: int = 0
    runs: int = 0
    wickets: int = 0
    legal_balls: int = 0
    closed: bool = False

    def swap(self) -> None:
        """The batters change ends."""
        self.striker, self.non_striker = self.non_striker, self.striker

    def dismiss(self, slot: str, text: str, squad: CricketSquad) -> None:
        """The batter at `slot` ("striker"/"non_striker") is out; the next one from `squad` in."""
        out = self.striker if slot == "striker" else self.non_striker
        self.batters[out].dismissal = text
        self.wickets += 1
        if self.wickets >= 10:
            return
        self.batters.append(Batter(squad.players[self.next_in]))
        self.next_in += 1
        new = len(self.batters) - 1
        if slot == "striker":
            self.striker = new
        else:
            self.non_striker = new

    def total(self) -> dict[str, Any]:
        return {"runs": self.runs, "wickets": self.wickets, "overs": overs_text(self.legal_balls)}

    def batsmen(self) -> list[dict[str, Any]]:
        """The snapshot's `batsmen`: the batters not out, who is on strike."""
        return [
            b.at_crease(i == self.striker)
            for i, b in enumerate(self.batters)
            if b.dismissal is None
        ]

    def card(self) -> dict[str, Any]:
        """This innings' `scorecard` entry."""
        return {
            "innings": self.number,
            "team": SIDES[self.team],
            "runs": self.runs,
            "wickets": self.wickets,
            "overs": overs_text(self.legal_balls),
            "extras": {
                "byes": self.byes,
                "leg_byes": self.leg_byes,
                "wides": self.wides,
                "no_balls": self.no_balls,
                "penalty": self.penalty,
            },
            "batting": [b.row() for b in self.batters],
            "bowling": [self.bowlers[i].figures() for i in self.bowling_order],
        }
