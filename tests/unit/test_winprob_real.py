"""Win probability on real matches' states, fed through the snapshot models.

The states come from the committed samples (tests/data/winprob/: cricsheet
ball by ball, openfootball goal minutes, NBA line scores), rebuilt as the snapshots a provider
would send at that moment. These check behaviour anyone would expect at known
moments; the calibration itself is `test_winprob_fit.py`'s job.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scoreboard.core.models import (
    BasketballSnapshot,
    Clock,
    CricketScore,
    CricketSnapshot,
    Score,
    SoccerSnapshot,
    StatPair,
    Total,
)
from scoreboard.core.winprob import win_probability

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "winprob"))

from cricket_fit import parse  # noqa: E402
from fitting import held_out  # noqa: E402
from soccer_fit import MOMENTS  # noqa: E402
from soccer_fit import _score_at as score_at  # noqa: E402

DATA = ROOT / "tests" / "data" / "winprob"


def _matches(name: str) -> list[dict[str, Any]]:
    matches: list[dict[str, Any]] = json.loads((DATA / name).read_text())["matches"]
    return [m for m in matches if held_out(m["id"])]


def _overs(balls: int) -> str:
    return f"{balls // 6}.{balls % 6}"


def cricket_snap(
    match: dict[str, Any], innings: int, runs: int, wickets: int, balls: int, first_total: int = 0
) -> CricketSnapshot:
    """The snapshot at that moment: the side batting first is home, the chaser away."""
    now = Total(runs, wickets, _overs(balls))
    full = 120 if match["format"] == "T20" else 300
    if innings == 1:
        score = CricketScore(home=now)
    else:
        score = CricketScore(home=Total(first_total, 10, _overs(full)), away=now)
    return CricketSnapshot(
        match_id=match["id"],
        status="live",
        home=match["teams"][0],
        away=match["teams"][1],
        sport="cricket",
        innings=innings,
        score=score,
        format=match["format"],
        batting="home" if innings == 1 else "away",
        target=first_total + 1 if innings == 2 else None,
    )


def chase_moments(fmt: str) -> Iterator[tuple[dict[str, Any], int, int, int, int, float]]:
    """(match, needed, balls left, wickets left, bowled, chaser's chance) at every real ball."""
    full = 120 if fmt == "T20" else 300
    for match in _matches("cricket.json"):
        if match["format"] != fmt:
            continue
        first, second = (parse(t) for t in match["innings"])
        for k, (runs, wickets) in enumerate(second.points):
            if runs > first.total or wickets >= 10 or k >= full:
                break
            snap = cricket_snap(match, 2, runs, wickets, k, first.total)
            chances = win_probability(snap)
            assert chances is not None
            yield match, first.total + 1 - runs, full - k, 10 - wickets, k, chances.away


@pytest.mark.parametrize("fmt", ["T20", "ODI"])
def test_needing_one_with_wickets_in_hand_the_chase_is_all_but_won(fmt: str) -> None:
    seen = 0
    for _match, needed, balls_left, wickets_left, _k, chance in chase_moments(fmt):
        if needed == 1 and wickets_left >= 3:
            seen += 1
            # Off the last ball a dot is a tie (a super over); from three balls on, near-certain.
            floor = 0.95 if balls_left >= 3 else 0.8
            assert chance > floor, (needed, balls_left, chance)
    assert seen >= 20


@pytest.mark.parametrize("fmt", ["T20", "ODI"])
def test_needing_more_than_six_a_ball_at_the_end_is_all_but_lost(fmt: str) -> None:
    seen = 0
    for _match, needed, balls_left, _w, _k, chance in chase_moments(fmt):
        if balls_left <= 6 and needed > 6 * balls_left + 1:  # not even a tie off the bat
            seen += 1
            assert chance < 0.02
    assert seen >= 5


def test_a_wicket_or_a_dot_ball_never_helps_the_chase() -> None:
    """At every real T20 chase state, one more wicket down or one more run needed lowers it."""
    for match, needed, _balls_left, wickets_left, k, chance in chase_moments("T20"):
        first_total = sum(int(t.rstrip("xW")) for t in match["innings"][0].split())
        runs = first_total + 1 - needed
        if wickets_left > 1:
            worse = win_probability(cricket_snap(match, 2, runs, 11 - wickets_left, k, first_total))
            assert worse is not None and worse.away <= chance + 1e-6
        if runs > 0:
            slower = win_probability(
                cricket_snap(match, 2, runs - 1, 10 - wickets_left, k, first_total)
            )
            assert slower is not None and slower.away <= chance + 1e-6


def test_the_first_innings_projects_a_total_that_ends_at_the_real_one() -> None:
    for match in _matches("cricket.json")[:60]:
        first = parse(match["innings"][0])
        full = 120 if match["format"] == "T20" else 300
        start = win_probability(cricket_snap(match, 1, 0, 0, 0))
        assert start is not None and start.par is not None and start.projected is not None
        assert 0.4 < start.home < 0.7  # nobody knows much before a ball is bowled
        assert abs(start.projected - start.par) < 25
        balls = min(len(first.points) - 1, full)
        runs, wickets = first.points[balls]
        if wickets < 10 and balls < full:
            balls = full  # a side that was not all out batted its overs
        end = win_probability(cricket_snap(match, 1, runs, wickets, balls))
        assert end is not None and end.projected == runs


def soccer_snap(
    match: dict[str, Any], period: str, minute: int, home: int, away: int
) -> SoccerSnapshot:
    return SoccerSnapshot(
        match_id=match["id"],
        status="live",
        home=match["teams"][0],
        away=match["teams"][1],
        sport="soccer",
        score=Score(home, away),
        clock=Clock(minute=minute, second=0, period=period),
    )


def test_a_level_game_at_89_minutes_most_likely_ends_a_draw() -> None:
    level = 0
    for match in _matches("soccer.json"):
        if match["goals"] is None:
            continue
        home, away = score_at(match["goals"], "2H", 89)
        chances = win_probability(soccer_snap(match, "2H", 89, home, away))
        assert chances is not None and chances.draw is not None
        assert abs(chances.home + chances.draw + chances.away - 1) < 1e-9
        if home == away:
            level += 1
            assert chances.leader()[0] == "draw" and chances.draw > 0.8
        else:
            assert chances.leader()[0] == ("home" if home > away else "away")
    assert level >= 10


def test_the_chances_follow_the_score_through_real_matches() -> None:
    """Over every real match's moments the leader's chance grows as the clock runs down."""
    for match in _matches("soccer.json"):
        if match["goals"] is None:
            continue
        previous: tuple[int, int, float] | None = None
        for period, minute in MOMENTS:
            home, away = score_at(match["goals"], period, minute)
            chances = win_probability(soccer_snap(match, period, minute, home, away))
            assert chances is not None and chances.draw is not None
            if previous is not None and previous[:2] == (home, away) and home != away:
                leader = chances.home if home > away else chances.away
                assert leader >= previous[2] - 1e-9, (match["id"], period, minute)
            previous = (home, away, chances.home if home > away else chances.away)
        del previous
    kick_off = win_probability(soccer_snap(_matches("soccer.json")[0], "1H", 0, 0, 0))
    assert kick_off is not None and kick_off.home > kick_off.away


def test_stoppage_time_past_the_board_is_not_yet_certain() -> None:
    match = _matches("soccer.json")[0]
    late = SoccerSnapshot(
        **{**_fields(soccer_snap(match, "2H", 97, 1, 1)), "clock": Clock(97, 30, "2H", 4)}
    )
    chances = win_probability(late)
    assert chances is not None and chances.draw is not None
    assert 0.9 < chances.draw < 1.0


def test_xg_and_red_cards_move_a_level_game() -> None:
    match = _matches("soccer.json")[0]
    plain = soccer_snap(match, "2H", 60, 1, 1)
    busy = SoccerSnapshot(**{**_fields(plain), "stats": {"xg": StatPair(2.4, 0.3)}})
    red = SoccerSnapshot(**{**_fields(plain), "stats": {"red_cards": StatPair(1, 0)}})
    base, xg, down = (win_probability(s) for s in (plain, busy, red))
    assert base is not None and xg is not None and down is not None
    assert xg.home > base.home and down.home < base.home


def _fields(snap: SoccerSnapshot) -> dict[str, Any]:
    return {name: getattr(snap, name) for name in snap.__struct_fields__}


def basketball(home: int, away: int, period: int, clock: int) -> BasketballSnapshot:
    return BasketballSnapshot(
        match_id=1,
        status="live",
        home="H",
        away="A",
        score=Score(home, away),
        period=period,
        game_clock_secs=clock,
    )


def test_basketball_follows_sterns_model() -> None:
    tip_off = win_probability(basketball(0, 0, 1, 720))
    assert tip_off is not None and round(tip_off.home, 2) == 0.59  # the fitted home edge
    late = win_probability(basketball(100, 103, 4, 10))
    assert late is not None and late.home < 0.05
    comfortable = win_probability(basketball(110, 90, 4, 300))
    assert comfortable is not None and comfortable.home > 0.99
    overtime = win_probability(basketball(120, 120, 5, 300))
    assert overtime is not None and 0.5 < overtime.home < 0.6


def test_real_nba_games_lean_towards_their_winners_as_the_quarters_go_by() -> None:
    """Held-out NBA games, as the snapshot a feed sends at each quarter break."""
    games = _matches("basketball.json")
    assert len(games) > 50
    given_to_winner: list[list[float]] = [[], [], [], []]
    for game in games:
        home_won = game["final"][0] > game["final"][1]
        home = away = 0
        for period in range(1, 5):  # the start of each quarter: the score after the last
            chance = win_probability(basketball(home, away, period, 720))
            assert chance is not None
            given_to_winner[period - 1].append(chance.home if home_won else chance.away)
            home += game["quarters"][period - 1][0]
            away += game["quarters"][period - 1][1]
        # Whoever leads by 15 with a quarter to go is all but home.
        lead = sum(h - a for h, a in game["quarters"][:3])
        if abs(lead) >= 15:
            late = win_probability(basketball(max(lead, 0), max(-lead, 0), 4, 720))
            assert late is not None and max(late.home, late.away) > 0.9
    means = [sum(chances) / len(chances) for chances in given_to_winner]
    assert means == sorted(means) and means[0] > 0.5 and means[3] > 0.7


def test_no_number_when_the_snapshot_cannot_tell() -> None:
    match = _matches("soccer.json")[0]
    finished = SoccerSnapshot(
        **{**_fields(soccer_snap(match, "2H", 90, 1, 0)), "status": "finished"}
    )
    assert win_probability(finished) is None
    assert win_probability(soccer_snap(match, "PEN", 120, 1, 1)) is None
    test_match = cricket_snap(_matches("cricket.json")[0], 1, 10, 0, 12)
    unknown = CricketSnapshot(
        **{name: getattr(test_match, name) for name in test_match.__struct_fields__}
        | {"format": "Test"}
    )
    assert win_probability(unknown) is None
    assert win_probability(basketball(10, 8, None, None)) is None  # type: ignore[arg-type]
