"""The simulated Scorelytics matches: fixed ids, teams and starting states.

`abc123` (football, live) and `xyz789` (basketball, live) are the page's
examples and always present; `jkl345` is a basketball game in its last
minutes (run it to the end with `--speed`), `def456` a football match that
kicks off two simulated minutes after start, `ghi012` a finished game. The
seed only changes how the matches unfold.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.sim.scorelytics.matches import Later, ScorelyticsMatch, Wrapped

FOOTBALL_LIVE = "abc123"
BASKETBALL_LIVE = "xyz789"
BASKETBALL_LATE = "jkl345"
FOOTBALL_SCHEDULED = "def456"
BASKETBALL_FINISHED = "ghi012"
#: Integer ids of the wrapped engines: the shared ticker keys matches by them.
_ENGINE_IDS = {
    FOOTBALL_LIVE: 770001,
    BASKETBALL_LIVE: 770002,
    BASKETBALL_LATE: 770003,
    FOOTBALL_SCHEDULED: 770004,
    BASKETBALL_FINISHED: 770005,
}


def _football_live(seed: int) -> Wrapped:
    football = SoccerEngine(
        _ENGINE_IDS[FOOTBALL_LIVE],
        "AC Milan",
        "Napoli",
        competition="Serie A",
        seed=seed,
        tempo=1.3,
    )
    football.advance_until(lambda e: e.period == "2H" and e.clock[0] >= 66)
    return football


def _basketball_live(seed: int) -> Wrapped:
    basketball = BasketballEngine(
        _ENGINE_IDS[BASKETBALL_LIVE], "Boston Celtics", "Los Angeles Lakers", seed=seed
    )
    basketball.advance_until(lambda e: e.period == 3 and e.game_clock_secs <= 300)
    return basketball


def _basketball_late(seed: int) -> Wrapped:
    late = BasketballEngine(
        _ENGINE_IDS[BASKETBALL_LATE], "Miami Heat", "New York Knicks", seed=seed
    )
    late.advance_until(lambda e: e.period == 4 and e.game_clock_secs <= 90)
    return late


def _football_scheduled(seed: int) -> Wrapped:
    return SoccerEngine(
        _ENGINE_IDS[FOOTBALL_SCHEDULED], "Ajax", "Feyenoord", seed=seed, kickoff_after=120
    )


def _basketball_finished(seed: int) -> Wrapped:
    finished = BasketballEngine(
        _ENGINE_IDS[BASKETBALL_FINISHED], "Golden State Warriors", "Denver Nuggets", seed=seed
    )
    finished.play_to_end()
    return finished


#: Id, sport, over already, and how to make each match, in the catalog's order.
_RECIPES: list[tuple[str, str, bool, Callable[[int], Wrapped]]] = [
    (FOOTBALL_LIVE, "soccer", False, _football_live),
    (BASKETBALL_LIVE, "basketball", False, _basketball_live),
    (BASKETBALL_LATE, "basketball", False, _basketball_late),
    (FOOTBALL_SCHEDULED, "soccer", False, _football_scheduled),
    (BASKETBALL_FINISHED, "basketball", True, _basketball_finished),
]


def build_scorelytics_catalog(seed: int = 0, *, lazy: bool = False) -> list[ScorelyticsMatch]:
    """Every simulated Scorelytics match, in a fixed order; `lazy`: each made when
    first asked for (`Later`), at every moment what the eager one would be."""
    if not lazy:
        return [ScorelyticsMatch(key, make(seed)) for key, _, _, make in _RECIPES]
    return [
        ScorelyticsMatch(key, Later(_ENGINE_IDS[key], sport, ended, partial(make, seed)))
        for key, sport, ended, make in _RECIPES
    ]
