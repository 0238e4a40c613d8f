"""Soccer match engine: one `step()` is one second of match clock.

The clock and the periods (`clock = {minute, second, period, added_time}`)
are described in `soccer_periods.py`.

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
from scoreboard.sim.engines.soccer_lineup import (
    ASSIST_WEIGHT,
    OWN_GOAL_WEIGHT,
    SCORER_WEIGHT,
    Lineup,
)
from scoreboard.sim.engines.soccer_periods import (
    BREAKS,
    PERIOD_LABELS,
    PLAY,
    SHOOTOUT_GAP,
    SIDES,
    Shootout,
    period_clock,
)
from scoreboard.sim.engines.soccer_stats import (
    COUNTED,
    NO_CHANCES,
    chances,
    stats_view,
)


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
        self._stats: dict[str, list[int]] = {name: [0, 0] for name in COUNTED}
        self._xg = [0.0, 0.0]
        self._poss = [0, 0]
        self._ball = 0
        self._events: list[dict[str, Any]] = []
        self._shootout: Shootout | None = None
        squads = (soccer_squad(home, home_locale), soccer_squad(away, away_locale))
        self._sides = (Lineup.of(squads[0], self._rng), Lineup.of(squads[1], self._rng))
        self._chances = NO_CHANCES
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
        if period in BREAKS:
            self._secs += 1
            _, length, following = BREAKS[period]
            if self._secs < length:
                return False
            self._start_period(following)
            return self._changed()
        if period == "PEN":
            self._secs += 1
            if self._secs % SHOOTOUT_GAP:
                return False
            self._take_kick()
            return self._changed()
        self._secs += 1
        _, length = PLAY[period]
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
        snap["stats"] = stats_view(self._stats, self._xg, self._poss)
        snap["events"] = [dict(e) for e in self._events]
        if self._shootout is not None:
            goals, kicks = self._shootout.goals, self._shootout.kicks
            snap["penalties"] = {"home": goals[0], "away": goals[1]}
            snap["penalty_kicks"] = {
                side: [{"player": name, "scored": scored} for name, scored in taken]
                for side, taken in zip(SIDES, kicks, strict=True)
            }
        return snap

    # --- clock and periods ------------------------------------------------

    def _clock(self) -> tuple[int, int, int | None]:
        return period_clock(self._period, self._secs, self._final_minute)

    def _event_clock(self) -> tuple[int, int | None]:
        minute, _, added = self._clock()
        return (minute, added) if added is not None else (minute + 1, None)

    def _start_period(self, period: str) -> None:
        self._period = period
        self._secs = 0
        self._announced = 0
        if period in PLAY:
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
            self._shootout = Shootout(first=self._rng.randrange(2))
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
        reds, minute = self._stats["red_cards"], self._clock()[0]
        self._chances = chances(self._strength, reds, self._score, minute, self._tempo)

    def _play_second(self, period: str) -> None:
        rng = self._rng
        if rng.random() < self._chances.lose_ball[self._ball]:
            self._ball ^= 1
        self._poss[self._ball] += 1
        if self._secs % 60 == 0:
            self._rebuild_rates()
        if period == "2H":
            for s in (0, 1):
                plan = self._sides[s].sub_plan
                if plan and plan[0][0] == "2H" and self._secs >= plan[0][1]:
                    self._substitute(s, plan.pop(0)[2])
        r = rng.random()
        odds = self._chances
        if r >= odds.any:
            return
        for cum, kind, side in odds.table:
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
        self, side: int, weights: dict[str, float], exclude: str | None = None
    ) -> SoccerPlayer:
        return self._sides[side].pick(self._rng, weights, exclude)

    def _on_shot(self, side: int) -> None:
        rng = self._rng
        stats = self._stats
        xg = min(0.8, 0.02 + rng.expovariate(1 / 0.085))
        stats["shots"][side] += 1
        self._xg[side] += xg
        u = rng.random()
        if u < xg:
            shooter = self._pick(side, SCORER_WEIGHT)
            assist = None
            if rng.random() < 0.72:
                assist = self._pick(side, ASSIST_WEIGHT, exclude=shooter.name).name
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
        return self._sides[side].fouler(self._rng)

    def _caution(self, side: int, player: SoccerPlayer) -> None:
        stats = self._stats
        stats["yellow_cards"][side] += 1
        booked = self._sides[side].booked
        if player.name not in booked:
            booked.add(player.name)
            self._event("yellow_card", side, player.name)
            return
        self._event("second_yellow", side, player.name)
        self._send_off(side, player, "Second yellow card")

    def _send_off(self, side: int, player: SoccerPlayer, detail: str) -> None:
        on_pitch = self._sides[side].on_pitch
        if len(on_pitch) <= 8:  # keep the match alive
            return
        self._stats["red_cards"][side] += 1
        on_pitch.remove(player)
        self._event("red_card", side, player.name, detail=detail)
        self._rebuild_rates()

    def _on_penalty(self, side: int) -> None:
        rng = self._rng
        other = 1 - side
        self._stats["fouls"][other] += 1
        fouler = self._fouler(other)
        taker = self._sides[side].penalty_taker()
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
        scorer = self._pick(1 - side, OWN_GOAL_WEIGHT)
        self._score[side] += 1
        self._event("own_goal", side, scorer.name)
        self._rebuild_rates()

    # --- substitutions ----------------------------------------------------

    def _substitute(self, side: int, count: int) -> None:
        for _ in range(count):
            change = self._sides[side].substitute(self._rng)
            if change is None:
                return
            on, off = change
            self._event("substitution", side, on.name, detail=off.name)

    # --- shoot-out --------------------------------------------------------

    def _take_kick(self) -> None:
        shootout = self._shootout
        assert shootout is not None
        side = shootout.next_side()
        order = self._sides[side].kick_order()
        taker = order[len(shootout.kicks[side]) % len(order)]
        shootout.record(side, taker.name, self._rng.random() < 0.76)
        if shootout.decided():
            self._finish()
            self._final_minute = 120
