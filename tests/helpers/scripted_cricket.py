"""A cricket match played from a script of ball codes, as the Sportrix frames a
feed would send for it (`live-snapshot.md`), written as a recording.

For the regression tests of derived facts (issue 22) until real matches are in
the simulator: real names (Quinton de Kock, Faf du Plessis, two Pandyas in one
innings), the codes the contract names (`W+1`, `wd`, `lb1`), and frames as close
together as a burst brings them (`spacing`). Each call to `ball` is one frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoreboard.recording.writer import Recorder
from scoreboard.sim.frames import encode_frame

EPOCH = 1_795_287_600.0
SIDES = ("home", "away")
#: An over of singles and a boundary (8 runs, strike changes four times).
STEADY = "1 0 4 1 1 1"

#: Mumbai Indians and Chennai Super Kings as they lined up in 2020.
MI = (
    "Rohit Sharma", "Quinton de Kock", "Suryakumar Yadav", "Saurabh Tiwary",
    "Hardik Pandya", "Kieron Pollard", "Krunal Pandya", "James Pattinson",
    "Rahul Chahar", "Trent Boult", "Jasprit Bumrah",
)  # fmt: skip
CSK = (
    "Murali Vijay", "Shane Watson", "Faf du Plessis", "Ambati Rayudu", "Sam Curran",
    "Ravindra Jadeja", "MS Dhoni", "Deepak Chahar", "Piyush Chawla", "Lungi Ngidi",
    "Shardul Thakur",
)  # fmt: skip


@dataclass(frozen=True)
class Fall:
    innings: int
    wicket: int
    runs: int
    balls: int
    batter: str
    how: str
    batter_runs: int
    batter_balls: int
    pair: tuple[str, str]


@dataclass
class Bat:
    name: str
    runs: int = 0
    balls: int = 0
    fours: int = 0
    sixes: int = 0
    dismissal: str | None = None


@dataclass
class Bowl:
    name: str
    balls: int = 0
    runs: int = 0
    wickets: int = 0


@dataclass
class Inn:
    number: int
    team: str
    order: tuple[str, ...]
    bowlers: tuple[str, ...]
    runs: int = 0
    wickets: int = 0
    legal: int = 0
    wides: int = 0
    leg_byes: int = 0
    batters: list[Bat] = field(default_factory=list)
    striker: int = 0
    other: int = 1
    codes: list[str] = field(default_factory=list)
    figures: dict[str, Bowl] = field(default_factory=dict)
    bowler: str = ""

    def total(self) -> dict[str, Any]:
        return {"runs": self.runs, "wickets": self.wickets, "overs": overs(self.legal)}


def overs(balls: int) -> str:
    return f"{balls // 6}.{balls % 6}"


class ScriptedMatch:
    """A limited-overs match between MI (home) and CSK (away), MI batting first."""

    def __init__(self, match_id: int = 41900, fmt: str = "T20") -> None:
        self.match_id = match_id
        self.format = fmt
        self.max_balls = {"T20": 120, "ODI": 300}[fmt] if fmt in ("T20", "ODI") else 120
        self.innings: list[Inn] = []
        self.status = "live"
        self.result: str | None = None
        self.target: int | None = None
        self.frames: list[dict[str, Any]] = []
        #: Every wicket as it fell: the truth the app's derived facts are checked against.
        self.falls: list[Fall] = []
        #: The index in `frames` of the frame each wicket fell in.
        self.fell_in: list[int] = []

    # -- playing ---------------------------------------------------------------------

    def open(self, team: str, order: tuple[str, ...], bowlers: tuple[str, ...]) -> Inn:
        inn = Inn(len(self.innings) + 1, team, order, bowlers)
        inn.batters = [Bat(order[0]), Bat(order[1])]
        inn.bowler = bowlers[0]
        if self.innings:
            self.target = self.innings[0].runs + 1
        self.innings.append(inn)
        self.frames.append(self.snapshot())
        return inn

    @property
    def inn(self) -> Inn:
        return self.innings[-1]

    def striker(self) -> Bat:
        return self.inn.batters[self.inn.striker]

    def ball(self, code: str, how: str = "") -> dict[str, Any]:
        """One delivery: `code` as the contract writes it; `how` the dismissal text
        of a wicket (the striker is out, after the runs of a `W+1`)."""
        inn = self.inn
        bowler = inn.figures.setdefault(inn.bowler, Bowl(inn.bowler))
        bat = self.striker()
        pair = (inn.batters[inn.striker].name, inn.batters[inn.other].name)
        legal, runs, swap = True, 0, False
        if code.isdigit():
            runs = int(code)
            bat.runs += runs
            bat.fours += runs == 4
            bat.sixes += runs == 6
            bowler.runs += runs
            swap = runs % 2 == 1
        elif code == "wd":
            legal, runs = False, 1
            inn.wides += 1
            bowler.runs += 1
        elif code.startswith("lb"):
            runs = int(code[2:])
            inn.leg_byes += runs
            swap = runs % 2 == 1
        elif code.startswith("W"):
            runs = int(code[2:]) if code.startswith("W+") else 0
            bat.runs += runs
            bowler.runs += runs
        else:
            raise ValueError(code)
        if legal:
            bat.balls += 1
            bowler.balls += 1
            inn.legal += 1
        inn.runs += runs
        inn.codes.append(code)
        if swap and not code.startswith("W"):
            inn.striker, inn.other = inn.other, inn.striker
        if code.startswith("W"):
            swap = runs % 2 == 1
            if swap:  # they crossed: the striker was run out at the other end
                inn.striker, inn.other = inn.other, inn.striker
            slot = "other" if swap else "striker"
            index = getattr(inn, slot)
            inn.batters[index].dismissal = how or "b " + inn.bowler.split()[-1]
            self.falls.append(
                Fall(
                    inn.number,
                    inn.wickets + 1,
                    inn.runs,
                    inn.legal,
                    bat.name,
                    how,
                    bat.runs,
                    bat.balls,
                    pair,
                )
            )
            if not how.startswith("run out"):
                bowler.wickets += 1
            inn.wickets += 1
            if inn.wickets < 10:
                inn.batters.append(Bat(inn.order[len(inn.batters)]))
                setattr(inn, slot, len(inn.batters) - 1)
        chased = self.target is not None and inn.runs >= self.target
        if legal and inn.legal % 6 == 0 and not chased and inn.wickets < 10:
            inn.striker, inn.other = inn.other, inn.striker
            if inn.legal < self.max_balls:
                inn.codes = []
                inn.bowler = inn.bowlers[(inn.legal // 6) % len(inn.bowlers)]
        if inn.legal >= self.max_balls or inn.wickets >= 10 or chased:
            self._close()
        snap = self.snapshot()
        self.frames.append(snap)
        if code.startswith("W"):
            self.fell_in.append(len(self.frames) - 1)
        return snap

    def to_strike(self, name: str) -> None:
        """Singles until `name` faces."""
        while self.striker().name != name:
            self.ball("1")

    def until_ball(self, balls: int, codes: str = STEADY) -> None:
        """`codes` over and over until `balls` legal balls are bowled in the innings."""
        while True:
            for code in codes.split():
                if self.inn.legal >= balls:
                    return
                self.ball(code)

    def play(self, codes: str) -> None:
        """Several balls: codes separated by spaces (no wickets among them)."""
        for code in codes.split():
            self.ball(code)

    def _close(self) -> None:
        if len(self.innings) < 2:
            return
        first, second = self.innings
        assert self.target is not None
        self.status = "finished"
        if second.runs >= self.target:
            left = 10 - second.wickets
            self.result = f"{self.name(second.team)} won by {left} wickets"
        else:
            self.result = f"{self.name(first.team)} won by {self.target - 1 - second.runs} runs"

    def name(self, team: str) -> str:
        return "Mumbai Indians" if team == "home" else "Chennai Super Kings"

    def idle(self, count: int = 1) -> None:
        """Frames that change nothing derived (the innings break, a quiet spell)."""
        for _ in range(count):
            self.frames.append(self.snapshot())

    # -- the frame ---------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        inn = self.inn
        score: dict[str, Any] = {"home": None, "away": None}
        for i in self.innings:
            score[i.team] = i.total()
        snap: dict[str, Any] = {
            "match_id": self.match_id,
            "sport": "cricket",
            "status": self.status,
            "home": "Mumbai Indians",
            "away": "Chennai Super Kings",
            "competition": "Indian Premier League",
            "format": self.format,
            "innings": inn.number,
            "batting": inn.team,
            "score": score,
            "over": {"number": inn.legal // 6, "ball": inn.legal % 6, "balls": list(inn.codes)},
            "batsmen": [
                {
                    "name": b.name,
                    "runs": b.runs,
                    "balls": b.balls,
                    "fours": b.fours,
                    "sixes": b.sixes,
                    "on_strike": index == inn.striker,
                }
                for index, b in enumerate(inn.batters)
                if b.dismissal is None and index in (inn.striker, inn.other)
            ],
            "bowler": _figures(inn.figures.get(inn.bowler) or Bowl(inn.bowler)),
            "scorecard": [_card(i) for i in self.innings],
        }
        if self.target is not None:
            snap["target"] = self.target
        if self.result is not None:
            snap["result"] = self.result
        return snap

    def record(
        self,
        path: Path,
        spacing: float = 0.04,
        start: int = 0,
        stop: int | None = None,
        lead: float = 16.0,
    ) -> Path:
        """Frames `start` to `stop`, `spacing` seconds apart (receive time), as a
        Sportrix recording (the app joins at `start`, `lead` seconds before the rest
        come: time to show the first state before the burst)."""
        clock = _Clock()
        recorder = Recorder(path, matches=(str(self.match_id),), clock=clock)
        for index, snap in enumerate(self.frames[start:stop]):
            clock.t = EPOCH + index * spacing + (lead if index else 0.0)
            op = "snapshot" if index == 0 else "update"
            recorder.write("sportrix", "frame", encode_frame(op, snap).decode())
        recorder.close()
        return path


class _Clock:
    t = EPOCH

    def __call__(self) -> float:
        return self.t


def _figures(b: Bowl) -> dict[str, Any]:
    return {
        "name": b.name,
        "overs": overs(b.balls),
        "maidens": 0,
        "runs": b.runs,
        "wickets": b.wickets,
    }


def _card(inn: Inn) -> dict[str, Any]:
    return {
        "innings": inn.number,
        "team": inn.team,
        "runs": inn.runs,
        "wickets": inn.wickets,
        "overs": overs(inn.legal),
        "extras": {
            "byes": 0,
            "leg_byes": inn.leg_byes,
            "wides": inn.wides,
            "no_balls": 0,
            "penalty": 0,
        },
        "batting": [
            {
                "name": b.name,
                "dismissal": b.dismissal or "not out",
                "runs": b.runs,
                "balls": b.balls,
                "fours": b.fours,
                "sixes": b.sixes,
            }
            for b in inn.batters
        ],
        "bowling": [_figures(b) for b in inn.figures.values()],
    }


MI_BOWLERS = ("Trent Boult", "Jasprit Bumrah", "James Pattinson", "Rahul Chahar", "Krunal Pandya")
CSK_BOWLERS = ("Deepak Chahar", "Sam Curran", "Lungi Ngidi", "Piyush Chawla", "Shardul Thakur")


def mi_v_csk() -> ScriptedMatch:
    """MI 20 overs, seven down (the seventh on the last ball), then CSK all out.

    Innings 1: Rohit Sharma out on the sixth ball of the fourth over (3.6);
    Quinton de Kock caught by MS Dhoni off SN Thakur; Saurabh Tiwary run out
    after a completed run (`W+1`); Suryakumar Yadav past fifty; Hardik and
    Krunal Pandya bat together; wickets on the last two balls. Innings 2: Faf
    du Plessis and Shane Watson stand together; CSK are all out.
    """
    m = ScriptedMatch()
    m.open("home", MI, CSK_BOWLERS)
    m.until_ball(23)
    m.to_strike("Rohit Sharma")
    m.until_ball(23, "0")
    m.ball("W", "c MS Dhoni b DL Chahar")  # Rohit, 3.6
    m.play("wd")
    m.until_ball(42, "1 4 1 0 1 4")
    m.to_strike("Quinton de Kock")
    m.ball("W", "c MS Dhoni b SN Thakur")
    m.until_ball(60, "1 4 1 4 0 lb1")
    m.to_strike("Saurabh Tiwary")
    m.ball("W+1", "run out (Jadeja)")
    m.until_ball(84, "4 6 1 4")  # Suryakumar Yadav past fifty
    m.to_strike("Suryakumar Yadav")
    m.ball("W", "c Rayudu b Curran")
    m.until_ball(90, "1 1 4")
    m.to_strike("Kieron Pollard")
    m.ball("W", "b Ngidi")  # Krunal joins Hardik
    m.until_ball(118, "1 0 4 1 6 1")
    m.ball("W", "c Dhoni b Thakur")  # 19.5
    m.ball("W", "b Thakur")  # 19.6: the last ball
    m.idle(8)  # the innings break
    m.open("away", CSK, MI_BOWLERS)
    m.until_ball(6, "0")
    m.to_strike("Murali Vijay")
    m.ball("W", "lbw b Boult")
    m.until_ball(30, "1 4 1 0 1 4")  # du Plessis and Watson
    while m.inn.wickets < 10:
        m.play("1 0 2")
        m.ball("W", "b Bumrah")
    m.idle(3)
    return m
