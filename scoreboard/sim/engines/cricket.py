"""Cricket match engine (limited overs): one `step()` is one delivery.

Formats: "T20" (20 overs, 4 per bowler) and "ODI" (50 overs, 10 per
bowler). Each side bats once; the side batting second chases `target`
(first-innings runs + 1). An innings ends when ten wickets fall, its overs
are used up or the target is reached.

Snapshot choices the contract leaves open:

* After the sixth legal ball `over` moves on at once: `{number: n + 1,
  ball: 0, balls: []}`, the batters have swapped ends, and `bowler` is
  already the bowler of the next over (with his figures so far; he joins
  the scorecard's bowling list when he bowls his first ball).
* Innings break: for `INNINGS_BREAK_STEPS[format]` steps after the first
  innings closes the snapshot keeps `innings: 1` and `batting` = the side
  that batted, showing the completed innings (over, not-out batters, last
  bowler). Then `innings` becomes 2, `batting` flips, `target` appears and
  the second side's total starts at 0/0 in 0.0 overs.
* After an all-out only one batter is not out, so `batsmen` has one entry.
* Ball codes: "0"…"6" off the bat, "W" a wicket, "W+1" a run-out after a
  completed run, "wd" a wide ("wd1", "wd4": wide plus runs taken or a
  boundary), "nb" a no-ball ("nb4": plus four off the bat), "lb1"/"b2" leg
  byes and byes. Wides and no-balls are not legal deliveries.
* Dismissal text uses surnames: "b Bumrah", "c Jadeja b Bumrah",
  "lbw b Bumrah", "run out (Jadeja)", "st †Dhoni b Ashwin".
* An extra field `phase` {code, label} says "First innings" / "Innings
  break" / "Second innings" / "Result"; clients may ignore it.
"""

from __future__ import annotations

from typing import Any, Unpack

from scoreboard.sim.engines.cricket_innings import SIDES, Batter, Bowler, Innings, surname
from scoreboard.sim.engines.names import CricketSquad, cricket_squad
from scoreboard.sim.engines.simulated import MatchSetup, SimulatedMatch

FORMAT_OVERS = {"T20": 20, "ODI": 50}
BOWLER_QUOTA = {"T20": 4, "ODI": 10}
INNINGS_BREAK_STEPS = {"T20": 15, "ODI": 24}

#: Outcome weights of a legal delivery that is not byes / leg-byes.
_BASE_WEIGHTS = {
    "T20": {"0": 34.0, "1": 37.0, "2": 8.0, "3": 0.8, "4": 13.0, "6": 5.2, "W": 5.0},
    "ODI": {"0": 50.0, "1": 33.0, "2": 6.0, "3": 0.9, "4": 6.5, "6": 1.2, "W": 2.4},
}
#: Chance that a delivery is a wide, by format.
_WIDE_P = {"T20": 0.032, "ODI": 0.021}
_NO_BALL_P = 0.007
_BYES_P = 0.025


class CricketEngine(SimulatedMatch):
    """A believable, seed-deterministic limited-overs match.

    `fmt` is "T20" or "ODI". `bat_first` ("home"/"away") skips the toss.
    `status` is "scheduled" until `kickoff_after` simulated seconds passed.
    """

    sport = "cricket"
    step_seconds = 20.0

    def __init__(
        self,
        match_id: int,
        home: str,
        away: str,
        *,
        fmt: str = "T20",
        bat_first: str | None = None,
        home_locale: str = "en",
        away_locale: str = "en",
        **setup: Unpack[MatchSetup],
    ) -> None:
        super().__init__(match_id, home, away, **setup)
        if fmt not in FORMAT_OVERS:
            raise ValueError(f"unknown cricket format {fmt!r}")
        self.format = fmt
        self._max_balls = FORMAT_OVERS[fmt] * 6
        self._quota_balls = BOWLER_QUOTA[fmt] * 6
        self._squads: tuple[CricketSquad, CricketSquad] = (
            cricket_squad(home, home_locale),
            cricket_squad(away, away_locale),
        )
        toss = self._rng.randrange(2)
        first = SIDES.index(bat_first) if bat_first is not None else toss
        self._order = (first, 1 - first)
        self._innings: list[Innings] = []
        self._break_left = 0
        self._target: int | None = None
        self._result: str | None = None
        if self._status == "live":
            self._open_innings()

    # --- MatchEngine ------------------------------------------------------

    @property
    def innings_number(self) -> int:
        return max(1, len(self._innings))

    @property
    def in_break(self) -> bool:
        return self._break_left > 0

    @property
    def legal_balls(self) -> int:
        """Legal balls bowled in the current innings."""
        return self._innings[-1].legal_balls if self._innings else 0

    @property
    def wickets(self) -> int:
        return self._innings[-1].wickets if self._innings else 0

    @property
    def runs(self) -> int:
        return self._innings[-1].runs if self._innings else 0

    @property
    def target(self) -> int | None:
        return self._target

    @property
    def result(self) -> str | None:
        return self._result

    def _kick_off(self) -> None:
        self._open_innings()

    def _play(self) -> bool:
        if self._break_left > 0:
            self._break_left -= 1
            if self._break_left > 0:
                return False
            self._target = self._innings[0].runs + 1
            self._open_innings()
            return self._changed()
        self._deliver()
        return self._changed()

    def snapshot(self) -> dict[str, Any]:
        snap = self._common()
        snap["format"] = self.format
        snap["innings"] = self.innings_number
        score: dict[str, Any] = {"home": None, "away": None}
        for inn in self._innings:
            score[SIDES[inn.team]] = inn.total()
        snap["score"] = score
        if not self._innings:
            snap["phase"] = {"code": "NS", "label": "Not started"}
            return snap
        inn = self._innings[-1]
        snap["phase"] = self._phase()
        snap["batting"] = SIDES[inn.team]
        if self._target is not None:
            snap["target"] = self._target
        snap["over"] = {
            "number": inn.legal_balls // 6,
            "ball": inn.legal_balls % 6,
            "balls": list(inn.over_codes),
        }
        snap["batsmen"] = inn.batsmen()
        shown = inn.bowler if inn.bowler is not None else inn.last_over_bowler
        if shown is not None:
            bowling_side = self._squads[1 - inn.team]
            figures = inn.bowlers.get(shown) or Bowler(bowling_side.players[shown], shown)
            snap["bowler"] = figures.figures()
        snap["scorecard"] = [i.card() for i in self._innings]
        if self._result is not None:
            snap["result"] = self._result
        return snap

    # --- innings flow -----------------------------------------------------

    def _phase(self) -> dict[str, str]:
        if self._status == "finished":
            return {"code": "RESULT", "label": "Result"}
        if self._break_left > 0:
            return {"code": "BREAK", "label": "Innings break"}
        if len(self._innings) == 1:
            return {"code": "INN1", "label": "First innings"}
        return {"code": "INN2", "label": "Second innings"}

    def _open_innings(self) -> None:
        team = self._order[len(self._innings)]
        squad = self._squads[team]
        inn = Innings(number=len(self._innings) + 1, team=team)
        inn.batters = [Batter(squad.players[0]), Batter(squad.players[1])]
        self._innings.append(inn)
        self._choose_bowler(inn)

    def _choose_bowler(self, inn: Innings) -> None:
        """Next over's bowler: quota left, never the previous over's bowler."""
        squad = self._squads[1 - inn.team]
        eligible = []
        weights = []
        for rank, idx in enumerate(squad.bowlers):
            used = inn.bowlers[idx].balls if idx in inn.bowlers else 0
            if idx == inn.last_over_bowler or used >= self._quota_balls:
                continue
            left = (self._quota_balls - used) / 6
            eligible.append(idx)
            weights.append((0.25 if rank == len(squad.bowlers) - 1 else 1.0) * (1 + left))
        inn.bowler = self._rng.choices(eligible, weights)[0]

    def _close_innings(self, inn: Innings) -> None:
        inn.closed = True
        inn.last_over_bowler = inn.bowler  # bowled the last ball, so shown in the break
        inn.bowler = None
        if len(self._innings) == 1:
            self._break_left = INNINGS_BREAK_STEPS[self.format]
            return
        self._status = "finished"
        self._result = self._result_text()

    def _result_text(self) -> str:
        first, second = self._innings
        assert self._target is not None
        if second.runs >= self._target:
            left = 10 - second.wickets
            name = self.home if second.team == 0 else self.away
            return f"{name} won by {left} wicket{'s' if left != 1 else ''}"
        margin = self._target - 1 - second.runs
        if margin == 0:
            return "Match tied"
        name = self.home if first.team == 0 else self.away
        return f"{name} won by {margin} run{'s' if margin != 1 else ''}"

    # --- one delivery -----------------------------------------------------

    def _aggression(self, inn: Innings) -> float:
        over = inn.legal_balls // 6
        overs = self._max_balls // 6
        if over >= overs - (4 if overs == 20 else 10):
            a = 1.35
        elif over < (6 if overs == 20 else 10):
            a = 1.1
        else:
            a = 0.9
        if self._target is not None:
            need = self._target - inn.runs
            left = max(1, self._max_balls - inn.legal_balls)
            par = 8.5 if overs == 20 else 5.6
            a *= min(1.7, max(0.6, (need * 6 / left) / par)) ** 0.6
        if inn.wickets >= 7:
            a *= 0.85
        return a

    def _deliver(self) -> None:
        """Bowl one ball: a wide, a no-ball, byes, or a stroke (runs or a wicket)."""
        inn = self._innings[-1]
        bowler = self._bowler(inn)
        striker = inn.batters[inn.striker]
        r = self._rng.random()
        wide_p = _WIDE_P[self.format]
        if r < wide_p:
            self._wide(inn, bowler)
            self._after_ball(inn, legal=False)
            return
        if r < wide_p + _NO_BALL_P:
            self._no_ball(inn, bowler, striker)
            self._after_ball(inn, legal=False)
            return
        inn.legal_balls += 1
        bowler.balls += 1
        striker.balls += 1
        if r < wide_p + _NO_BALL_P + _BYES_P:
            self._byes(inn)
        else:
            self._stroke(inn, bowler, striker)
        self._after_ball(inn, legal=True)

    def _bowler(self, inn: Innings) -> Bowler:
        """The over's bowler, added to the bowling card on their first ball."""
        assert inn.bowler is not None
        bowler_idx = inn.bowler
        bowler = inn.bowlers.get(bowler_idx)
        if bowler is None:
            bowler = Bowler(self._squads[1 - inn.team].players[bowler_idx], bowler_idx)
            inn.bowlers[bowler_idx] = bowler
            inn.bowling_order.append(bowler_idx)
        return bowler

    def _wide(self, inn: Innings, bowler: Bowler) -> None:
        extra = self._rng.choices((0, 1, 4), (90, 6, 4))[0]
        inn.wides += 1 + extra
        inn.runs += 1 + extra
        bowler.runs += 1 + extra
        inn.over_runs += 1 + extra
        inn.over_codes.append("wd" + (str(extra) if extra else ""))
        if extra % 2:
            inn.swap()

    def _no_ball(self, inn: Innings, bowler: Bowler, striker: Batter) -> None:
        bat = self._rng.choices((0, 1, 2, 4, 6), (50, 25, 6, 14, 5))[0]
        inn.no_balls += 1
        inn.runs += 1 + bat
        bowler.runs += 1 + bat
        inn.over_runs += 1 + bat
        striker.credit(bat)
        inn.over_codes.append("nb" + (str(bat) if bat else ""))
        if bat % 2:
            inn.swap()

    def _byes(self, inn: Innings) -> None:
        """Byes or leg byes off a legal ball: the batting side's, nobody's runs."""
        rng = self._rng
        runs = rng.choices((1, 2, 4), (70, 12, 18))[0]
        if rng.random() < 0.7:
            inn.leg_byes += runs
            code = f"lb{runs}"
        else:
            inn.byes += runs
            code = f"b{runs}"
        inn.runs += runs
        inn.over_codes.append(code)
        if runs % 2:
            inn.swap()

    def _stroke(self, inn: Innings, bowler: Bowler, striker: Batter) -> None:
        """A legal ball the striker plays: runs off the bat, or a wicket."""
        a = self._aggression(inn)
        weights = dict(_BASE_WEIGHTS[self.format])
        for key in ("4", "6"):
            weights[key] *= a
        weights["W"] *= a**0.8 * (1.25 if inn.wickets >= 7 else 1.0)
        outcome = self._rng.choices(list(weights), list(weights.values()))[0]
        if outcome == "W":
            self._wicket(inn, bowler)
            return
        runs = int(outcome)
        striker.credit(runs)
        inn.runs += runs
        bowler.runs += runs
        inn.over_runs += runs
        inn.over_codes.append(outcome)
        if runs % 2:
            inn.swap()

    def _wicket(self, inn: Innings, bowler: Bowler) -> None:
        rng = self._rng
        fielding = self._squads[1 - inn.team]
        spinner = bowler.index in fielding.spinners
        kinds = ("caught", "bowled", "lbw", "run out", "stumped")
        kind = rng.choices(kinds, (55, 19, 14, 6, 6 if spinner else 0))[0]
        b = surname(bowler.name)
        keeper = surname(fielding.players[fielding.keeper])
        if kind == "run out":
            completed = rng.choices((0, 1), (70, 30))[0]
            striker = inn.batters[inn.striker]
            striker.credit(completed)
            inn.runs += completed
            bowler.runs += completed
            inn.over_runs += completed
            if completed:
                inn.swap()
            thrower = rng.choice([p for i, p in enumerate(fielding.players) if i != bowler.index])
            out_slot = "striker" if rng.random() < 0.6 else "non_striker"
            inn.over_codes.append("W" + (f"+{completed}" if completed else ""))
            inn.dismiss(out_slot, f"run out ({surname(thrower)})", self._squads[inn.team])
            return
        bowler.wickets += 1
        inn.over_codes.append("W")
        if kind == "caught":
            if rng.random() < 0.2:
                text = f"c †{keeper} b {b}"
            else:
                catcher = rng.choice(
                    [p for i, p in enumerate(fielding.players) if i != fielding.keeper]
                )
                text = f"c {surname(catcher)} b {b}" if catcher != bowler.name else f"c & b {b}"
        elif kind == "bowled":
            text = f"b {b}"
        elif kind == "lbw":
            text = f"lbw b {b}"
        else:
            text = f"st †{keeper} b {b}"
        inn.dismiss("striker", text, self._squads[inn.team])

    def _after_ball(self, inn: Innings, *, legal: bool) -> None:
        over_done = legal and inn.legal_balls % 6 == 0
        bowler = inn.bowlers[inn.bowler] if inn.bowler is not None else None
        if over_done and bowler is not None and inn.over_runs == 0:
            bowler.maidens += 1
        target_reached = self._target is not None and inn.runs >= self._target
        if inn.wickets >= 10 or inn.legal_balls >= self._max_balls or target_reached:
            if over_done:
                inn.over_codes = []
            self._close_innings(inn)
            return
        if over_done:
            inn.over_codes = []
            inn.over_runs = 0
            inn.last_over_bowler = inn.bowler
            inn.swap()
            self._choose_bowler(inn)
