"""One side's players in a simulated soccer match: who is on, who is booked, who comes on.

The soccer engine (`soccer.py`) draws every random choice from its own
match RNG and passes it in, so a lineup adds no randomness of its own and a
seed still gives the same match.
"""

from __future__ import annotations

import random

import msgspec

from scoreboard.sim.engines.names import SoccerPlayer, SoccerSquad

MAX_SUBS = 5

#: How likely each position is to score, assist, foul and be taken off.
SCORER_WEIGHT = {"GK": 0.0, "DF": 1.0, "MF": 3.0, "FW": 6.0}
ASSIST_WEIGHT = {"GK": 0.05, "DF": 1.5, "MF": 4.0, "FW": 3.0}
OWN_GOAL_WEIGHT = {"GK": 0.3, "DF": 4.0, "MF": 1.5, "FW": 0.5}
_FOUL_WEIGHT = {"GK": 0.0, "DF": 3.0, "MF": 3.0, "FW": 1.5}
_OFF_WEIGHT = {"GK": 0.0, "DF": 1.0, "MF": 2.5, "FW": 3.0}

#: (period, second of period, how many players come on)
SubWindow = tuple[str, int, int]


def plan_subs(rng: random.Random) -> list[SubWindow]:
    """Up to five substitutions in at most three second-half windows."""
    total = rng.choice((3, 4, 4, 5, 5, 5))
    plan: list[SubWindow] = []
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


class Lineup(msgspec.Struct):
    on_pitch: list[SoccerPlayer]
    #: Outfield substitutes still on the bench.
    bench: list[SoccerPlayer]
    sub_plan: list[SubWindow]
    booked: set[str] = msgspec.field(default_factory=set)
    came_on: set[str] = msgspec.field(default_factory=set)
    subs_used: int = 0

    @classmethod
    def of(cls, squad: SoccerSquad, rng: random.Random) -> Lineup:
        bench = [p for p in squad.bench if p.position != "GK"]
        return cls(list(squad.starters), bench, plan_subs(rng))

    def pick(
        self, rng: random.Random, weights: dict[str, float], exclude: str | None = None
    ) -> SoccerPlayer:
        """A player on the pitch, by position `weights` (anyone if they are all zero)."""
        players = [p for p in self.on_pitch if p.name != exclude]
        w = [weights[p.position] for p in players]
        if not any(w):
            w = [1.0] * len(players)
        return rng.choices(players, w)[0]

    def fouler(self, rng: random.Random) -> SoccerPlayer:
        """Who committed a foul: booked players tread carefully."""
        players = self.on_pitch
        booked = self.booked
        weights = [_FOUL_WEIGHT[p.position] * (0.3 if p.name in booked else 1.0) for p in players]
        return rng.choices(players, weights)[0]

    def penalty_taker(self) -> SoccerPlayer:
        return max(self.on_pitch, key=lambda p: SCORER_WEIGHT[p.position])

    def kick_order(self) -> list[SoccerPlayer]:
        """Shoot-out takers, most likely scorers first."""
        return sorted(
            self.on_pitch, key=lambda p: -SCORER_WEIGHT[p.position] - ASSIST_WEIGHT[p.position]
        )

    def substitute(self, rng: random.Random) -> tuple[SoccerPlayer, SoccerPlayer] | None:
        """One substitution (who comes on, who goes off), or None if none is left to make."""
        if self.subs_used >= MAX_SUBS or not self.bench:
            return None
        candidates = [p for p in self.on_pitch if p.position != "GK" and p.name not in self.came_on]
        if not candidates:
            return None
        weights = [
            _OFF_WEIGHT[p.position] * (2.0 if p.name in self.booked else 1.0) for p in candidates
        ]
        off = rng.choices(candidates, weights)[0]
        bench = self.bench
        same = [p for p in bench if p.position == off.position]
        on = rng.choice(same or bench)
        bench.remove(on)
        pitch = self.on_pitch
        pitch[pitch.index(off)] = on
        self.came_on.add(on.name)
        self.subs_used += 1
        return on, off
