"""A cricsheet match (JSON, ball by ball) as the Sportrix snapshots a live feed would send.

One frame before the first ball of each innings and one after every
delivery (wides and no-balls included). The shape follows the bundled
cricket engine (`scoreboard/sim/engines/cricket.py`) wherever the contract
leaves a choice open: the over moves on at once after its sixth legal ball,
`bowler` is then already the next over's bowler, the last ball of the first
innings shows phase "Innings break", the chase opens at 0/0 with `target`.

What cricsheet does not say is derived (docs/simulator.md, "Real matches"):
who is on strike and who is in next come from the following delivery;
the times between balls are made up from what usually happens (`GAPS`).
Home is cricsheet's first team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoreboard.sim.engines.cricket_innings import SIDES, Batter, Bowler, overs_text
from scoreboard.sim.real.frames import TimedFrame

#: Simulated seconds before a delivery: a legal ball, after a wide/no-ball, a new
#: over, a new batter, the innings break (T20 / others).
GAPS = {"ball": 35.0, "extra": 30.0, "over": 50.0, "wicket": 75.0}
BREAK = {"T20": 20 * 60.0, "ODI": 40 * 60.0}

#: Dismissals credited to the bowler.
BOWLER_KINDS = frozenset({"bowled", "caught", "lbw", "stumped", "caught and bowled", "hit wicket"})
#: Leaving the field without a wicket falling.
NOT_A_WICKET = frozenset({"retired hurt", "retired not out"})


@dataclass
class _Innings:
    number: int
    team: int
    batters: dict[str, Batter] = field(default_factory=dict)
    bowlers: dict[str, Bowler] = field(default_factory=dict)
    extras: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("byes", "leg_byes", "wides", "no_balls", "penalty"), 0
        )
    )
    runs: int = 0
    wickets: int = 0
    legal: int = 0
    codes: list[str] = field(default_factory=list)
    striker: str = ""
    non_striker: str = ""
    bowler: str = ""
    over_conceded: int = 0
    over_bowlers: set[str] = field(default_factory=set)

    def come_in(self, striker: str, non_striker: str, bowler: str) -> None:
        for name in (striker, non_striker):
            if name not in self.batters:
                self.batters[name] = Batter(name)
        self.striker, self.non_striker, self.bowler = striker, non_striker, bowler

    def total(self) -> dict[str, Any]:
        return {"runs": self.runs, "wickets": self.wickets, "overs": overs_text(self.legal)}

    def card(self) -> dict[str, Any]:
        return {
            "innings": self.number,
            "team": SIDES[self.team],
            "runs": self.runs,
            "wickets": self.wickets,
            "overs": overs_text(self.legal),
            "extras": dict(self.extras),
            "batting": [b.row() for b in self.batters.values()],
            "bowling": [b.figures() for b in self.bowlers.values()],
        }

    def batsmen(self) -> list[dict[str, Any]]:
        shown = []
        for name in (self.striker, self.non_striker):
            bat = self.batters.get(name)
            if bat is not None and bat.dismissal is None:
                shown.append(bat.at_crease(name == self.striker))
        return shown


def ball_code(delivery: dict[str, Any]) -> str:
    """The contract's code for one delivery: "4", "W", "W+1", "wd", "wd4", "nb1", "lb2"."""
    runs = delivery["runs"]
    extras = delivery.get("extras", {})
    total = runs["total"]
    if delivery.get("wickets"):
        return "W" + (f"+{total}" if total else "")
    if "wides" in extras:
        return "wd" + (str(total - 1) if total > 1 else "")
    if "noballs" in extras:
        return "nb" + (str(total - 1) if total > 1 else "")
    if "byes" in extras:
        return f"b{extras['byes']}"
    if "legbyes" in extras:
        return f"lb{extras['legbyes']}"
    return str(runs["batter"])


def dismissal(wicket: dict[str, Any], bowler: str) -> str:
    """Scorecard text for a cricsheet wicket: "c MS Dhoni b SN Thakur", "run out (MJ Guptill)"."""
    kind = wicket["kind"]
    fielders = [
        f"sub ({f['name']})" if f.get("substitute") else f.get("name", "?")
        for f in wicket.get("fielders", [])
    ]
    if kind == "caught":
        if fielders and fielders[0] == bowler:
            return f"c & b {bowler}"
        return f"c {fielders[0] if fielders else '?'} b {bowler}"
    if kind == "caught and bowled":
        return f"c & b {bowler}"
    if kind == "bowled":
        return f"b {bowler}"
    if kind == "lbw":
        return f"lbw b {bowler}"
    if kind == "stumped":
        return f"st \u2020{fielders[0] if fielders else '?'} b {bowler}"
    if kind == "hit wicket":
        return f"hit wicket b {bowler}"
    if kind == "run out":
        return f"run out ({'/'.join(fielders)})" if fielders else "run out"
    return str(kind)


def _apply(inn: _Innings, d: dict[str, Any]) -> bool:
    """Score one delivery into `inn`; True if it was a legal ball."""
    runs = d["runs"]
    extras = d.get("extras", {})
    wides, noballs = extras.get("wides", 0), extras.get("noballs", 0)
    legal = not wides and not noballs
    bat = inn.batters[d["batter"]]
    bowl = inn.bowlers.setdefault(d["bowler"], Bowler(d["bowler"]))
    if not wides:
        bat.balls += 1
    bat.runs += runs["batter"]
    if runs["batter"] == 4 and not runs.get("non_boundary"):
        bat.fours += 1
    elif runs["batter"] == 6:
        bat.sixes += 1
    conceded = runs["batter"] + wides + noballs
    bowl.runs += conceded
    inn.over_conceded += conceded
    inn.over_bowlers.add(d["bowler"])
    inn.runs += runs["total"]
    for key, ours in (
        ("byes", "byes"),
        ("legbyes", "leg_byes"),
        ("wides", "wides"),
        ("noballs", "no_balls"),
        ("penalty", "penalty"),
    ):
        inn.extras[ours] += extras.get(key, 0)
    if legal:
        inn.legal += 1
        bowl.balls += 1
    for w in d.get("wickets", []):
        out = inn.batters.setdefault(w["player_out"], Batter(w["player_out"]))
        out.dismissal = dismissal(w, d["bowler"])
        if w["kind"] not in NOT_A_WICKET:
            inn.wickets += 1
        if w["kind"] in BOWLER_KINDS:
            bowl.wickets += 1
    inn.codes.append(ball_code(d))
    return legal


def _over_done(inn: _Innings, bowler: str) -> None:
    if inn.over_conceded == 0 and inn.over_bowlers == {bowler}:
        inn.bowlers[bowler].maidens += 1
    inn.codes = []
    inn.over_conceded = 0
    inn.over_bowlers = set()


def result_text(info: dict[str, Any]) -> str:
    outcome = info.get("outcome", {})
    if outcome.get("result") == "tie":
        return "Match tied"
    if outcome.get("result") == "no result":
        return "No result"
    if "winner" not in outcome:
        return str(outcome.get("result", "Result"))
    (unit, margin), *_ = outcome["by"].items()
    unit = unit.rstrip("s")
    text = f"{outcome['winner']} won by {margin} {unit}{'s' if margin != 1 else ''}"
    method = outcome.get("method")
    return f"{text} ({method})" if method else text


class _Builder:
    """Walks the deliveries, keeping the time and the frames."""

    def __init__(self, doc: dict[str, Any], match_id: int) -> None:
        info = doc["info"]
        self.doc = doc
        self.info = info
        self.teams: list[str] = info["teams"]
        self.format = info.get("match_type", "T20")
        event = info.get("event", {})
        competition = event.get("name")
        if competition and event.get("stage"):
            competition = f"{competition}, {event['stage']}"
        self.base = {
            "match_id": match_id,
            "sport": "cricket",
            "status": "live",
            "home": self.teams[0],
            "away": self.teams[1],
            "competition": competition,
            "venue": info.get("venue"),
            "format": self.format,
        }
        self.innings: list[_Innings] = []
        self.frames: list[TimedFrame] = []
        self.at = 0.0
        self.target: int | None = None

    def emit(self, clock: str, phase: tuple[str, str], *, status: str = "live") -> None:
        inn = self.innings[-1]
        snap: dict[str, Any] = dict(self.base, status=status)
        snap["innings"] = inn.number
        snap["batting"] = SIDES[inn.team]
        score: dict[str, Any] = {"home": None, "away": None}
        for i in self.innings:
            score[SIDES[i.team]] = i.total()
        snap["score"] = score
        if self.target is not None:
            snap["target"] = self.target
        snap["over"] = {"number": inn.legal // 6, "ball": inn.legal % 6, "balls": list(inn.codes)}
        snap["batsmen"] = inn.batsmen()
        bowler = inn.bowlers.get(inn.bowler) or Bowler(inn.bowler)
        snap["bowler"] = bowler.figures()
        snap["scorecard"] = [i.card() for i in self.innings]
        snap["phase"] = {"code": phase[0], "label": phase[1]}
        if status == "finished":
            snap["result"] = result_text(self.info)
        self.frames.append(TimedFrame(round(self.at, 3), clock, snap))

    def build(self) -> list[TimedFrame]:
        played = [i for i in self.doc["innings"] if not i.get("super_over")]
        for number, raw in enumerate(played, start=1):
            self.play_innings(number, raw, last=number == len(played))
        return self.frames

    def play_innings(self, number: int, raw: dict[str, Any], *, last: bool) -> None:
        team = self.teams.index(raw["team"])
        deliveries = [d for over in raw["overs"] for d in over["deliveries"]]
        over_of = [over["over"] for over in raw["overs"] for _ in over["deliveries"]]
        inn = _Innings(number, team)
        self.innings.append(inn)
        if number == 2:
            self.at += BREAK.get(self.format, BREAK["ODI"])
            revised = raw.get("target", {}).get("runs")
            self.target = revised or self.innings[0].runs + 1
        first = deliveries[0]
        inn.come_in(first["batter"], first["non_striker"], first["bowler"])
        phase = ("INN1", "First innings") if number == 1 else ("INN2", "Second innings")
        self.emit(f"{number}:start", phase)
        for k, d in enumerate(deliveries):
            self.at += self.gap_before(deliveries, over_of, k)
            inn.come_in(d["batter"], d["non_striker"], d["bowler"])
            label = f"{number}:{inn.legal // 6}.{inn.legal % 6 + 1}"
            legal = _apply(inn, d)
            if legal and inn.legal % 6 == 0:
                _over_done(inn, d["bowler"])
            nxt = deliveries[k + 1] if k + 1 < len(deliveries) else None
            if nxt is not None:
                inn.come_in(nxt["batter"], nxt["non_striker"], nxt["bowler"])
                self.emit(label, phase)
            elif last:
                self.emit(label, ("RESULT", "Result"), status="finished")
            else:
                self.emit(label, ("BREAK", "Innings break"))

    def gap_before(self, deliveries: list[dict[str, Any]], over_of: list[int], k: int) -> float:
        if k == 0:
            return GAPS["ball"]
        prev = deliveries[k - 1]
        gap = GAPS["ball"]
        extras = prev.get("extras", {})
        if "wides" in extras or "noballs" in extras:
            gap = GAPS["extra"]
        if prev.get("wickets"):
            gap += GAPS["wicket"]
        if over_of[k] != over_of[k - 1]:
            gap += GAPS["over"]
        return gap


def cricket_frames(doc: dict[str, Any], match_id: int) -> list[TimedFrame]:
    """Every state of the cricsheet match `doc`, in order."""
    return _Builder(doc, match_id).build()
