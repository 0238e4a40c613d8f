"""Soccer match engine: one `step()` is one second of match clock.

Clock (`clock = {minute, second, period, added_time}`):

* Regulation time shows elapsed match time with `added_time` null: the
  first half runs 0:00 → 44:59, the second 45:00 → 89:59, extra time
  90:00 → 104:59 and 105:00 → 119:59.
* Stoppage time keeps `minute` at the period's end (45, 90, 105, 120) and
  sets `added_time` to the stoppage minute being played, 1 … announced, with
  `second` counting 0 → 59 inside it: minute 45, added_time 2, second 13 is
  "45+2" (13 s into the second added minute). The tuple
  `(minute, added_time or 0, second)` therefore only grows inside a period.
  The amount announced is decided when regulation time of the period runs
  out (first half at least 1, second half at least 2).
* Breaks freeze the clock: HT at 45:00 for 15 simulated minutes, ETHT at
  105:00 for one minute. Extra time (knock-out ties level after 90) and
  the shoot-out follow the previous period without a break.
* PEN: clock frozen at 120:00, one kick every 40 s; `penalties` is the
  tally and `penalty_kicks` (an extra field clients may ignore) the kicks.
* FT: status `finished`, clock at 90:00 or 120:00 with `added_time` null.

While the ball is in play every step changes the clock, so `step()`
returns True; in breaks it returns True only when the period changes.

Events use the football convention: something at 8:12 happened in minute
9; in stoppage time it is minute 45/90/... with `added_time` N. For an
`own_goal`, `team` is the side credited with the goal and `player` the
opponent who put it in. A second yellow is two events, `second_yellow` then
`red_card`, and counts in both card stats. `substitution`: `player` comes
on, `detail` names who goes off.
"""

from __future__ import annotations

from typing import Any, Unpack

from scoreboard.sim.engines.names import SoccerPlayer, soccer_squad
from scoreboard.sim.engines.simulated import MatchSetup, SimulatedMatch

SIDES = ("home", "away")

PERIOD_LABELS = {
    "1H": "First half",
    "HT": "Half-time",
    "2H": "Second half",
    "ET1": "Extra time \u2013 first half",
    "ETHT": "Extra time \u2013 half-time",
    "ET2": "Extra time \u2013 second half",
    "PEN": "Penalty shoot-out",
    "FT": "Full-time",
}

#: Periods with the ball in play: (clock minute at kick-off, regulation minutes).
_PLAY = {"1H": (0, 45), "2H": (45, 45), "ET1": (90, 15), "ET2": (105, 15)}
#: Breaks: (frozen clock minute, length in seconds, period that follows).
_BREAKS = {"HT": (45, 15 * 60, "2H"), "ETHT": (105, 60, "ET2")}

STAT_NAMES = (
    "possession",
    "shots",
    "shots_on_target",
    "corners",
    "fouls",
    "offsides",
    "yellow_cards",
    "red_cards",
    "saves",
    "xg",
)
_COUNTED = STAT_NAMES[1:-1]

#: Baseline rates per team per 90 minutes.
_PER_90 = {
    "shot": 11.5,
    "corner": 3.3,
    "foul": 11.0,
    "offside": 2.0,
    "penalty": 0.14,
    "own_goal": 0.05,
}
_SHOOTOUT_GAP = 40  # seconds between kicks
_MAX_SUBS = 5

_SCORER_WEIGHT = {"GK": 0.0, "DF": 1.0, "MF": 3.0, "FW": 6.0}
_ASSIST_WEIGHT = {"GK": 0.05, "DF": 1.5, "MF": 4.0, "FW": 3.0}
_FOUL_WEIGHT = {"GK": 0.0, "DF": 3.0, "MF": 3.0, "FW": 1.5}
_OFF_WEIGHT = {"GK": 0.0, "DF": 1.0, "MF": 2.5, "FW": 3.0}


class SoccerEngine(SimulatedMatch):
    """A believable, seed-deterministic soccer match.

    `status` is "scheduled" until `kickoff_after` simulated seconds have
    passed (0: live at once). `knockout` ties that are level after 90
    minutes go to extra time and then penalties. `home_strength` and
    `away_strength` (around 1.0) tilt chances and possession; `tempo` (around
    1.0) scales how open the game is (shots, corners, offsides, penalties).
    """

    sport = "soccer"
    step_seconds = 1.0

    def __init__(
        self,
        match_id: int,
        home: str,
        away: str,
        *,
        knockout: bool = False,
        home_strength: float = 1.0,
        away_strength: float = 1.0,
        tempo: float = 1.0,
        home_locale: str = "en",
        away_locale: str = "en",
        **setup: Unpack[MatchSetup],
    ) -> None:
        super().__init__(match_id, home, away, **setup)
        self.knockout = knockout
        self._strength = (home_strength * 1.08, away_strength)
        self._tempo = tempo
        self._period: str | None = "1H" if self._status == "live" else None
        self._secs = 0  # seconds into the current period (or break)
        self._announced = 0  # stoppage minutes announced for the current period
        self._final_minute = 90
        self._score = [0, 0]
        self._stats: dict[str, list[int]] = {name: [0, 0] for name in _COUNTED}
        self._xg = [0.0, 0.0]
        self._poss = [0, 0]
        self._ball = 0
        self._events: list[dict[str, Any]] = []
        self._penalties: list[int] | None = None
        self._kicks: list[list[tuple[str, bool]]] = [[], []]
        self._kick_first = 0
        squads = (soccer_squad(home, home_locale), soccer_squad(away, away_locale))
        self._on_pitch: list[list[SoccerPlayer]] = [list(s.starters) for s in squads]
        self._bench: list[list[SoccerPlayer]] = [
            [p for p in s.bench if p.position != "GK"] for s in squads
        ]
        self._booked: list[set[str]] = [set(), set()]
        self._came_on: list[set[str]] = [set(), set()]
        self._subs_used = [0, 0]
        self._sub_plan: list[list[tuple[str, int, int]]] = [self._plan_subs(), self._plan_subs()]
        self._table: list[tuple[float, str, int]] = []
        self._any_rate = 0.0
        self._lose_ball = (0.1, 0.1)
        self._rebuild_rates()

    # --- MatchEngine ------------------------------------------------------

    @property
    def period(self) -> str | None:
        """`1H` … `FT`; None before kick-off."""
        return self._period

    @property
    def score(self) -> tuple[int, int]:
        return self._score[0], self._score[1]

    @property
    def clock(self) -> tuple[int, int, int | None]:
        """(minute, second, added_time) as shown on the clock."""
        return self._clock()

    def _kick_off(self) -> None:
        self._start_period("1H")

    def _play(self) -> bool:
        period = self._period
        assert period is not None
        if period in _BREAKS:
            self._secs += 1
            _, length, following = _BREAKS[period]
            if self._secs < length:
                return False
            self._start_period(following)
            return self._changed()
        if period == "PEN":
            self._secs += 1
            if self._secs % _SHOOTOUT_GAP:
                return False
            self._take_kick()
            return self._changed()
        self._secs += 1
        _, length = _PLAY[period]
        if self._secs == length * 60:
            self._announce_stoppage(period)
        if self._secs >= (length + self._announced) * 60:
            self._end_period(period)
        else:
            self._play_second(period)
        return self._changed()

    def snapshot(self) -> dict[str, Any]:
        snap = self._common()
        snap["score"] = {"home": self._score[0], "away": self._score[1]}
        if self._period is None:
            snap["phase"] = {"code": "NS", "label": "Not started"}
            snap["events"] = []
            return snap
        minute, second, added = self._clock()
        snap["clock"] = {
            "minute": minute,
            "second": second,
            "period": self._period,
            "added_time": added,
        }
        snap["phase"] = {"code": self._period, "label": PERIOD_LABELS[self._period]}
        snap["stats"] = self._stats_view()
        snap["events"] = [dict(e) for e in self._events]
        if self._penalties is not None:
            snap["penalties"] = {"home": self._penalties[0], "away": self._penalties[1]}
            snap["penalty_kicks"] = {
                side: [{"player": name, "scored": scored} for name, scored in kicks]
                for side, kicks in zip(SIDES, self._kicks, strict=True)
            }
        return snap

    # --- clock and periods ------------------------------------------------

    def _clock(self) -> tuple[int, int, int | None]:
        period = self._period
        if period is None:
            return 0, 0, None
        if period in _PLAY:
            base, length = _PLAY[period]
            regulation = length * 60
            if self._secs < regulation:
                return base + self._secs // 60, self._secs % 60, None
            extra = self._secs - regulation
            return base + length, extra % 60, extra // 60 + 1
        if period in _BREAKS:
            return _BREAKS[period][0], 0, None
        if period == "PEN":
            return 120, 0, None
        return self._final_minute, 0, None

    def _event_clock(self) -> tuple[int, int | None]:
        minute, _, added = self._clock()
        return (minute, added) if added is not None else (minute + 1, None)

    def _start_period(self, period: str) -> None:
        self._period = period
        self._secs = 0
        self._announced = 0
        if period in _PLAY:
            # Kick-off alternates: home starts the first half and extra time.
            self._ball = 1 if period in ("2H", "ET2") else 0
            self._rebuild_rates()

    def _announce_stoppage(self, period: str) -> None:
        busy = sum(1 for e in self._events if e["type"] in ("goal", "substitution", "var"))
        if period == "1H":
            self._announced = 1 + self._rng.choice((0, 0, 1, 1, 2, 3)) + (busy > 2)
        elif period == "2H":
            self._announced = 2 + self._rng.choice((1, 2, 2, 3, 3, 4)) + min(busy // 5, 2)
        else:
            self._announced = self._rng.choice((0, 1, 1, 2))

    def _end_period(self, period: str) -> None:
        level = self._score[0] == self._score[1]
        if period == "1H":
            self._start_period("HT")
        elif period == "2H" and self.knockout and level:
            self._start_period("ET1")
        elif period == "ET1":
            self._start_period("ETHT")
        elif period == "ET2" and level:
            self._penalties = [0, 0]
            self._kick_first = self._rng.randrange(2)
            self._start_period("PEN")
        else:
            self._final_minute = 120 if period == "ET2" else 90
            self._finish()

    def _finish(self) -> None:
        self._period = "FT"
        self._secs = 0
        self._status = "finished"

    # --- play -------------------------------------------------------------

    def _rebuild_rates(self) -> None:
        """Per-second event table from strength, men sent off and the score."""
        reds = self._stats["red_cards"]
        minute = self._clock()[0]
        attack = []
        for s in (0, 1):
            o = 1 - s
            factor = (self._strength[s] / self._strength[o]) ** 0.8
            factor *= 0.78 ** reds[s] * 1.12 ** reds[o]
            diff = self._score[s] - self._score[o]
            if minute >= 70 and diff < 0:
                factor *= 1.25
            elif minute >= 75 and diff > 0:
                factor *= 0.85
            attack.append(factor)
        table: list[tuple[float, str, int]] = []
        total = 0.0
        for kind, per90 in _PER_90.items():
            for s in (0, 1):
                rate = per90 / 5400.0
                if kind != "foul":
                    rate *= attack[s] * self._tempo
                total += rate
                table.append((total, kind, s))
        self._table = table
        self._any_rate = total
        self._lose_ball = (0.1 / attack[0] ** 0.5, 0.1 / attack[1] ** 0.5)

    def _play_second(self, period: str) -> None:
        rng = self._rng
        if rng.random() < self._lose_ball[self._ball]:
            self._ball ^= 1
        self._poss[self._ball] += 1
        if self._secs % 60 == 0:
            self._rebuild_rates()
        if period == "2H":
            for s in (0, 1):
                plan = self._sub_plan[s]
                if plan and plan[0][0] == "2H" and self._secs >= plan[0][1]:
                    self._substitute(s, plan.pop(0)[2])
        r = rng.random()
        if r >= self._any_rate:
            return
        for cum, kind, side in self._table:
            if r < cum:
                getattr(self, f"_on_{kind}")(side)
                return

    def _event(
        self,
        kind: str,
        side: int,
        player: str,
        assist: str | None = None,
        detail: str | None = None,
    ) -> None:
        minute, added = self._event_clock()
        self._events.append(
            {
                "minute": minute,
                "added_time": added,
                "type": kind,
                "team": SIDES[side],
                "player": player,
                "assist": assist,
                "detail": detail,
            }
        )

    def _pick(
        self,
        side: int,
        weights: dict[str, float],
        exclude: str | None = None,
    ) -> SoccerPlayer:
        players = [p for p in self._on_pitch[side] if p.name != exclude]
        w = [weights[p.position] for p in players]
        if not any(w):
            w = [1.0] * len(players)
        return self._rng.choices(players, w)[0]

    def _on_shot(self, side: int) -> None:
        rng = self._rng
        stats = self._stats
        xg = min(0.8, 0.02 + rng.expovariate(1 / 0.085))
        stats["shots"][side] += 1
        self._xg[side] += xg
        u = rng.random()
        if u < xg:
            shooter = self._pick(side, _SCORER_WEIGHT)
            assist = None
            if rng.random() < 0.72:
                assist = self._pick(side, _ASSIST_WEIGHT, exclude=shooter.name).name
            if rng.random() < 0.07:  # VAR chalks it off
                stats["offsides"][side] += 1
                self._event("var", side, shooter.name, detail="Goal disallowed \u2013 offside")
                return
            stats["shots_on_target"][side] += 1
            self._score[side] += 1
            self._event("goal", side, shooter.name, assist)
            if rng.random() < 0.08:
                self._event("var", side, shooter.name, detail="Goal confirmed")
            self._rebuild_rates()
        elif u < xg + 0.29 * (1 - xg):
            stats["shots_on_target"][side] += 1
            stats["saves"][1 - side] += 1
            if rng.random() < 0.3:
                stats["corners"][side] += 1
        elif rng.random() < 0.2:
            stats["corners"][side] += 1

    def _on_corner(self, side: int) -> None:
        self._stats["corners"][side] += 1

    def _on_offside(self, side: int) -> None:
        self._stats["offsides"][side] += 1

    def _on_foul(self, side: int) -> None:
        """A foul committed by `side`, perhaps a card."""
        self._stats["fouls"][side] += 1
        roll = self._rng.random()
        if roll < 0.16:
            self._caution(side, self._fouler(side))
        elif roll < 0.165:
            self._send_off(side, self._fouler(side), "Serious foul play")

    def _fouler(self, side: int) -> SoccerPlayer:
        """Who committed the foul: booked players tread carefully."""
        players = self._on_pitch[side]
        booked = self._booked[side]
        weights = [_FOUL_WEIGHT[p.position] * (0.3 if p.name in booked else 1.0) for p in players]
        return self._rng.choices(players, weights)[0]

    def _caution(self, side: int, player: SoccerPlayer) -> None:
        stats = self._stats
        stats["yellow_cards"][side] += 1
        if player.name not in self._booked[side]:
            self._booked[side].add(player.name)
            self._event("yellow_card", side, player.name)
            return
        self._event("second_yellow", side, player.name)
        self._send_off(side, player, "Second yellow card")

    def _send_off(self, side: int, player: SoccerPlayer, detail: str) -> None:
        if len(self._on_pitch[side]) <= 8:  # keep the match alive
            return
        self._stats["red_cards"][side] += 1
        self._on_pitch[side].remove(player)
        self._event("red_card", side, player.name, detail=detail)
        self._rebuild_rates()

    def _on_penalty(self, side: int) -> None:
        rng = self._rng
        other = 1 - side
        self._stats["fouls"][other] += 1
        fouler = self._fouler(other)
        taker = max(self._on_pitch[side], key=lambda p: _SCORER_WEIGHT[p.position])
        if rng.random() < 0.12:
            if rng.random() < 0.35:
                self._event("var", side, taker.name, detail="Penalty overturned")
                return
            self._event("var", side, taker.name, detail="Penalty confirmed")
        if rng.random() < 0.3:
            self._caution(other, fouler)
        stats = self._stats
        stats["shots"][side] += 1
        self._xg[side] += 0.76
        roll = rng.random()
        if roll < 0.77:
            stats["shots_on_target"][side] += 1
            self._score[side] += 1
            self._event("penalty_goal", side, taker.name)
            self._rebuild_rates()
        elif roll < 0.91:
            stats["shots_on_target"][side] += 1
            stats["saves"][other] += 1
            self._event("penalty_missed", side, taker.name, detail="Saved")
        else:
            self._event("penalty_missed", side, taker.name, detail="Wide")

    def _on_own_goal(self, side: int) -> None:
        scorer = self._pick(1 - side, {"GK": 0.3, "DF": 4.0, "MF": 1.5, "FW": 0.5})
        self._score[side] += 1
        self._event("own_goal", side, scorer.name)
        self._rebuild_rates()

    # --- substitutions ----------------------------------------------------

    def _plan_subs(self) -> list[tuple[str, int, int]]:
        """[(period, second of period, how many)]: up to five subs in at most three windows."""
        rng = self._rng
        total = rng.choice((3, 4, 4, 5, 5, 5))
        plan: list[tuple[str, int, int]] = []
        if rng.random() < 0.25:
            plan.append(("2H", 0, 1))
            total -= 1
        minutes = sorted(rng.sample(range(11, 44), 3))
        while total > 0 and minutes:
            count = min(total, rng.choice((1, 1, 2, 2, 3)))
            if len(minutes) == 1:
                count = total
            plan.append(("2H", minutes.pop(0) * 60 + rng.randrange(60), count))
            total -= count
        return plan

    def _substitute(self, side: int, count: int) -> None:
        rng = self._rng
        for _ in range(count):
            if self._subs_used[side] >= _MAX_SUBS or not self._bench[side]:
                return
            candidates = [
                p
                for p in self._on_pitch[side]
                if p.position != "GK" and p.name not in self._came_on[side]
            ]
            if not candidates:
                return
            weights = [
                _OFF_WEIGHT[p.position] * (2.0 if p.name in self._booked[side] else 1.0)
                for p in candidates
            ]
            off = rng.choices(candidates, weights)[0]
            bench = self._bench[side]
            same = [p for p in bench if p.position == off.position]
            on = rng.choice(same or bench)
            bench.remove(on)
            pitch = self._on_pitch[side]
            pitch[pitch.index(off)] = on
            self._came_on[side].add(on.name)
            self._subs_used[side] += 1
            self._event("substitution", side, on.name, detail=off.name)

    # --- shoot-out --------------------------------------------------------

    def _take_kick(self) -> None:
        assert self._penalties is not None
        first = self._kick_first
        taken = [len(k) for k in self._kicks]
        side = first if taken[first] == taken[1 - first] else 1 - first
        order = sorted(
            self._on_pitch[side],
            key=lambda p: -_SCORER_WEIGHT[p.position] - _ASSIST_WEIGHT[p.position],
        )
        taker = order[taken[side] % len(order)]
        scored = self._rng.random() < 0.76
        self._kicks[side].append((taker.name, scored))
        if scored:
            self._penalties[side] += 1
        if self._shootout_decided():
            self._finish()
            self._final_minute = 120

    def _shootout_decided(self) -> bool:
        assert self._penalties is not None
        goals = self._penalties
        taken = [len(k) for k in self._kicks]
        if taken[0] <= 5 and taken[1] <= 5:
            for s in (0, 1):
                o = 1 - s
                if goals[s] + (5 - taken[s]) < goals[o]:
                    return True
            return taken[0] == taken[1] == 5 and goals[0] != goals[1]
        return taken[0] == taken[1] and goals[0] != goals[1]

    # --- output -----------------------------------------------------------

    def _stats_view(self) -> dict[str, dict[str, int | float]]:
        h, a = self._poss
        home_poss = round(100 * h / (h + a)) if h + a else 50
        view: dict[str, dict[str, int | float]] = {
            "possession": {"home": home_poss, "away": 100 - home_poss},
        }
        for name in _COUNTED:
            home, away = self._stats[name]
            view[name] = {"home": home, "away": away}
        view["xg"] = {"home": round(self._xg[0], 2), "away": round(self._xg[1], 2)}
        return view
