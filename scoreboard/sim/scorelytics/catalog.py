"""The simulated Scorelytics matches: fixed ids, teams and starting states.

`abc123` (football, live) and `xyz789` (basketball, live) are the page's
examples and always present; `jkl345` is a basketball game in its last
minutes (run it to the end with `--speed`), `def456` a football match that
kicks off two simulated minutes after start, `ghi012` a finished game. The
seed only changes how the matches unfold.
"""

from __future__ import annotations

from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.sim.scorelytics.matches import ScorelyticsMatch

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


def build_scorelytics_catalog(seed: int = 0) -> list[ScorelyticsMatch]:
    """Every simulated Scorelytics match, in a fixed order."""
    ids = _ENGINE_IDS
    football = SoccerEngine(
        ids[FOOTBALL_LIVE], "AC Milan", "Napoli", competition="Serie A", seed=seed, tempo=1.3
    )
    football.advance_until(lambda e: e.period == "2H" and e.clock[0] >= 66)
    basketball = BasketballEngine(
        ids[BASKETBALL_LIVE], "Boston Celtics", "Los Angeles Lakers", seed=seed
    )
    basketball.advance_until(lambda e: e.period == 3 and e.game_clock_secs <= 300)
    late = BasketballEngine(ids[BASKETBALL_LATE], "Miami Heat", "New York Knicks", seed=seed)
    late.advance_until(lambda e: e.period == 4 and e.game_clock_secs <= 90)
    scheduled = SoccerEngine(
        ids[FOOTBALL_SCHEDULED], "Ajax", "Feyenoord", seed=seed, kickoff_after=120
    )
    finished = BasketballEngine(
        ids[BASKETBALL_FINISHED], "Golden State Warriors", "Denver Nuggets", seed=seed
    )
    finished.play_to_end()
    return [
        ScorelyticsMatch(FOOTBALL_LIVE, football),
        ScorelyticsMatch(BASKETBALL_LIVE, basketball),
        ScorelyticsMatch(BASKETBALL_LATE, late),
        ScorelyticsMatch(FOOTBALL_SCHEDULED, scheduled),
        ScorelyticsMatch(BASKETBALL_FINISHED, finished),
    ]
