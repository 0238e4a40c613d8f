"""The simulator's fixed list of matches.

Ids, teams, sports and the status each match starts in are the same for
every seed; the seed only changes how the matches unfold. Live matches are
fast-forwarded at construction so that the first look shows variety (early,
mid-game, stoppage time, half-time, late; a chase, an innings break), then
every engine is anchored so that its current state is dated `epoch`.
`build_catalog` does that at once; `lazy_catalog` (what a server serves)
does it for each match when it is first asked for (`scoreboard.sim.lazy`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

import msgspec

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.cricket import CricketEngine
from scoreboard.sim.engines.simulated import MatchSetup, SimulatedMatch
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.sim.engines.timeline import DEFAULT_EPOCH
from scoreboard.sim.lazy import LazyMatch

LIVE_SOCCER_ID = 41282
LIVE_CRICKET_ID = 41300


class _Match(msgspec.Struct, frozen=True):
    """Who plays whom, and where: what every catalog entry names."""

    match_id: int
    home: str
    away: str
    competition: str
    venue: str

    def setup(self, common: MatchSetup, kickoff_after: float = 0.0) -> MatchSetup:
        """`common` (seed, epoch) with this entry's competition, venue and kick-off."""
        place: MatchSetup = {"competition": self.competition, "venue": self.venue}
        return {**common, **place, "kickoff_after": kickoff_after}


class _Soccer(_Match, frozen=True):
    strengths: tuple[float, float] = (1.0, 1.0)
    locales: tuple[str, str] = ("en", "en")
    knockout: bool = False
    tempo: float = 1.0


class _Cricket(_Match, frozen=True):
    fmt: str = "T20"
    locales: tuple[str, str] = ("en", "en")


def _soccer(spec: _Soccer, common: MatchSetup, kickoff_after: float = 0.0) -> SoccerEngine:
    return SoccerEngine(
        spec.match_id,
        spec.home,
        spec.away,
        knockout=spec.knockout,
        home_strength=spec.strengths[0],
        away_strength=spec.strengths[1],
        tempo=spec.tempo,
        home_locale=spec.locales[0],
        away_locale=spec.locales[1],
        **spec.setup(common, kickoff_after),
    )


def _cricket(spec: _Cricket, common: MatchSetup, kickoff_after: float = 0.0) -> CricketEngine:
    return CricketEngine(
        spec.match_id,
        spec.home,
        spec.away,
        fmt=spec.fmt,
        home_locale=spec.locales[0],
        away_locale=spec.locales[1],
        **spec.setup(common, kickoff_after),
    )


# --- predicates that say where a live match is shown first ----------------


def _soccer_at(minute: int, period: str) -> Callable[[SoccerEngine], bool]:
    def reached(e: SoccerEngine) -> bool:
        return e.period == period and e.clock[0] >= minute

    return reached


def _soccer_with_goals(minute: int, latest: int) -> Callable[[SoccerEngine], bool]:
    """Second half from `minute`, once a goal is on the board (at the latest `latest`)."""

    def reached(e: SoccerEngine) -> bool:
        if e.period != "2H":
            return False
        m = e.clock[0]
        return m >= latest or (m >= minute and sum(e.score) > 0)

    return reached


def _first_half_stoppage(e: SoccerEngine) -> bool:
    return e.period == "1H" and e.clock[2] is not None


def _half_time(e: SoccerEngine) -> bool:
    return e.period == "HT"


def _first_innings(overs: int) -> Callable[[CricketEngine], bool]:
    def reached(e: CricketEngine) -> bool:
        return e.innings_number == 2 or e.in_break or e.legal_balls >= overs * 6

    return reached


def _chase(overs: int) -> Callable[[CricketEngine], bool]:
    """Into the chase, stopping early if the chase is about to finish."""

    def reached(e: CricketEngine) -> bool:
        if e.innings_number < 2:
            return False
        assert e.target is not None
        # Far enough from the end that the catalog's few extra balls cannot finish it.
        close = e.wickets >= 6 or e.runs >= e.target - 25
        return close or e.legal_balls >= overs * 6

    return reached


def _innings_break(e: CricketEngine) -> bool:
    return e.in_break


_LIVE_SOCCER: list[tuple[_Soccer, Callable[[SoccerEngine], bool]]] = [
    (
        _Soccer(
            LIVE_SOCCER_ID,
            "Arsenal",
            "Chelsea",
            "Premier League",
            "Emirates Stadium",
            (1.1, 1.0),
            tempo=1.3,  # a London derby: open, with goals on the board early
        ),
        _soccer_with_goals(58, 72),
    ),
    (
        _Soccer(41283, "Liverpool", "Manchester City", "Premier League", "Anfield", (1.05, 1.1)),
        _soccer_at(11, "1H"),
    ),
    (
        _Soccer(
            41284,
            "Real Madrid",
            "Barcelona",
            "La Liga",
            "Santiago Bernabéu",
            (1.1, 1.1),
            ("es", "es"),
        ),
        _first_half_stoppage,
    ),
    (
        _Soccer(
            41285,
            "Bayern Munich",
            "Borussia Dortmund",
            "Bundesliga",
            "Allianz Arena",
            (1.2, 0.95),
            ("de", "de"),
        ),
        _half_time,
    ),
    (
        _Soccer(41286, "Inter", "Juventus", "Serie A", "San Siro", (1.05, 1.0), ("it", "it")),
        _soccer_at(84, "2H"),
    ),
    (
        _Soccer(
            41287,
            "Paris Saint-Germain",
            "Marseille",
            "Ligue 1",
            "Parc des Princes",
            (1.25, 0.9),
            ("fr", "fr"),
        ),
        _soccer_at(31, "1H"),
    ),
    (
        _Soccer(
            41288,
            "Newcastle United",
            "Aston Villa",
            "FA Cup",
            "St James' Park",
            (1.0, 1.0),
            knockout=True,
        ),
        _soccer_at(77, "2H"),
    ),
    (
        _Soccer(41289, "Celtic", "Rangers", "Scottish Premiership", "Celtic Park", (1.05, 1.0)),
        _soccer_at(2, "1H"),
    ),
]

_LIVE_CRICKET: list[tuple[_Cricket, Callable[[CricketEngine], bool]]] = [
    (
        _Cricket(
            LIVE_CRICKET_ID,
            "Mumbai Indians",
            "Chennai Super Kings",
            "IPL",
            "Wankhede Stadium, Mumbai",
            "T20",
            ("in", "in"),
        ),
        _chase(7),
    ),
    (
        _Cricket(
            41301,
            "Royal Challengers Bengaluru",
            "Kolkata Knight Riders",
            "IPL",
            "M. Chinnaswamy Stadium, Bengaluru",
            "T20",
            ("in", "in"),
        ),
        _first_innings(3),
    ),
    (
        _Cricket(
            41302,
            "India",
            "Australia",
            "ODI series",
            "Narendra Modi Stadium, Ahmedabad",
            "ODI",
            ("in", "au"),
        ),
        _first_innings(31),
    ),
    (
        _Cricket(
            41303, "Surrey", "Somerset", "Vitality Blast", "The Oval, London", "T20", ("en", "en")
        ),
        _innings_break,
    ),
    (
        _Cricket(
            41304,
            "Pakistan",
            "New Zealand",
            "T20I series",
            "Gaddafi Stadium, Lahore",
            "T20",
            ("pk", "nz"),
        ),
        _chase(12),
    ),
]

_SCHEDULED_SOCCER = [
    (
        _Soccer(
            41310,
            "Tottenham Hotspur",
            "Manchester United",
            "Premier League",
            "Tottenham Hotspur Stadium",
        ),
        3 * 60,
    ),
    (
        _Soccer(
            41312, "Ajax", "PSV", "Eredivisie", "Johan Cruijff ArenA", (1.0, 1.05), ("nl", "nl")
        ),
        9 * 60,
    ),
]
_SCHEDULED_CRICKET = [
    (
        _Cricket(
            41311,
            "Sydney Sixers",
            "Perth Scorchers",
            "Big Bash League",
            "Sydney Cricket Ground",
            "T20",
            ("au", "au"),
        ),
        6 * 60,
    ),
]

_FINISHED_SOCCER = [
    _Soccer(41320, "Everton", "Brighton & Hove Albion", "Premier League", "Goodison Park"),
    _Soccer(
        41322,
        "Benfica",
        "Porto",
        "Taça de Portugal",
        "Estádio da Luz",
        (1.0, 1.0),
        ("pt", "pt"),
        knockout=True,
    ),
]
_FINISHED_CRICKET = [
    _Cricket(
        41321,
        "Rajasthan Royals",
        "Delhi Capitals",
        "IPL",
        "Sawai Mansingh Stadium, Jaipur",
        "T20",
        ("in", "in"),
    ),
]


class _Recipe(msgspec.Struct, frozen=True):
    """How to make one catalog match as it is first shown, and what is known before."""

    match_id: int
    sport: str
    step_seconds: float
    #: Its status once made: "live", "scheduled" or "finished".
    status: str
    #: The engine, constructed and brought to where the catalog shows it first.
    make: Callable[[], SimulatedMatch]


def _live_soccer(
    spec: _Soccer, where: Callable[[SoccerEngine], bool], common: MatchSetup
) -> SoccerEngine:
    s = _soccer(spec, common)
    s.advance_until(where)
    # A few seconds more, the same for every seed, so the clocks are not all at :00.
    s.advance(spec.match_id * 37 % 59)
    return s


def _live_cricket(
    spec: _Cricket, at: Callable[[CricketEngine], bool], common: MatchSetup
) -> CricketEngine:
    c = _cricket(spec, common)
    c.advance_until(at)
    # One to three balls into the over (at most 21 runs), the same for every seed.
    c.advance(spec.match_id % 3 + 1)
    return c


def _finished(engine: SimulatedMatch) -> SimulatedMatch:
    engine.play_to_end()
    return engine


def _recipes(common: MatchSetup) -> list[_Recipe]:
    """Every catalog match's recipe, in the catalog's order of construction."""
    soccer, cricket = SoccerEngine.step_seconds, CricketEngine.step_seconds
    out: list[_Recipe] = []
    for s, where in _LIVE_SOCCER:
        out.append(
            _Recipe(s.match_id, "soccer", soccer, "live", partial(_live_soccer, s, where, common))
        )
    for c, at in _LIVE_CRICKET:
        out.append(
            _Recipe(c.match_id, "cricket", cricket, "live", partial(_live_cricket, c, at, common))
        )
    for s, delay in _SCHEDULED_SOCCER:
        out.append(
            _Recipe(s.match_id, "soccer", soccer, "scheduled", partial(_soccer, s, common, delay))
        )
    for c, delay in _SCHEDULED_CRICKET:
        out.append(
            _Recipe(
                c.match_id, "cricket", cricket, "scheduled", partial(_cricket, c, common, delay)
            )
        )
    for s in _FINISHED_SOCCER:
        out.append(
            _Recipe(s.match_id, "soccer", soccer, "finished", partial(_finished_soccer, s, common))
        )
    for c in _FINISHED_CRICKET:
        out.append(
            _Recipe(
                c.match_id, "cricket", cricket, "finished", partial(_finished_cricket, c, common)
            )
        )
    return sorted(out, key=lambda r: r.match_id)


def _finished_soccer(spec: _Soccer, common: MatchSetup) -> SimulatedMatch:
    return _finished(_soccer(spec, common))


def _finished_cricket(spec: _Cricket, common: MatchSetup) -> SimulatedMatch:
    return _finished(_cricket(spec, common))


def _made(recipe: _Recipe, now: datetime, speed: float) -> SimulatedMatch:
    """The recipe's engine, its times paced for `speed` and its current state dated `now`
    (a finished match ended two hours before)."""
    engine = recipe.make()
    engine.pace(speed)
    if engine.status == "live":
        engine.anchor(now)
    elif engine.status == "finished":
        engine.anchor(now - timedelta(hours=2))
    return engine


def build_catalog(
    seed: int = 0, epoch: datetime | None = None, speed: float = 1.0
) -> list[MatchEngine]:
    """Every simulated match, ordered by id; the current state of each is dated `epoch`.

    `epoch` defaults to a fixed instant so output is reproducible; a server
    passes the wall-clock time it starts at, and its `speed`, so that start
    times and `updated_at` are the wall-clock moments they happen at.
    """
    now = epoch if epoch is not None else DEFAULT_EPOCH
    return [_made(r, now, speed) for r in _recipes(MatchSetup(seed=seed, epoch=now))]


def lazy_catalog(
    seed: int = 0, epoch: datetime | None = None, speed: float = 1.0
) -> list[MatchEngine]:
    """`build_catalog`'s matches, each made only when first asked for (`LazyMatch`):
    at any moment in the same state as the eager one stepped alike."""
    now = epoch if epoch is not None else DEFAULT_EPOCH
    return [
        LazyMatch(
            r.match_id,
            r.sport,
            step_seconds=r.step_seconds,
            built_status=r.status,
            build=partial(_made, r, now, speed),
        )
        for r in _recipes(MatchSetup(seed=seed, epoch=now))
    ]
