"""The pulse, close games and followed players on situations written by hand (issue 27).

The real matches are in test_pulse_real.py; these are the situations they do not
hold: basketball, extra time, a shoot-out, a hat-trick ball, hostile names.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from scoreboard.core.closegame import close_game_moments
from scoreboard.core.models import SPORT_MODELS, Snapshot
from scoreboard.core.moments import Seen
from scoreboard.core.players import PlayerWatch, player_matches
from scoreboard.core.pulse import PulseTracker, match_pulse
from scoreboard.ui.render.pulse import pulse_meter


def soccer(minute: int, home: int, away: int, period: str = "2H", **more: Any) -> Snapshot:
    data = {
        "match_id": 1,
        "sport": "soccer",
        "status": "live",
        "home": "Arsenal",
        "away": "Chelsea",
        "score": {"home": home, "away": away},
        "clock": {"minute": minute, "second": 0, "period": period, "added_time": None},
        "phase": {"code": period, "label": period},
        **more,
    }
    return msgspec.convert(data, SPORT_MODELS["soccer"])


def basketball(period: int, secs: int, home: int, away: int) -> Snapshot:
    data = {
        "match_id": 2,
        "sport": "basketball",
        "status": "live",
        "home": "Boston Celtics",
        "away": "Miami Heat",
        "score": {"home": home, "away": away},
        "period": period,
        "game_clock_secs": secs,
    }
    return msgspec.convert(data, SPORT_MODELS["basketball"])


def chase(runs: int, wickets: int, overs: str, target: int, bowler: dict[str, Any] | None = None,
          balls: list[str] | None = None) -> Snapshot:  # fmt: skip
    data = {
        "match_id": 3,
        "sport": "cricket",
        "status": "live",
        "format": "T20",
        "home": "Mumbai Indians",
        "away": "Chennai Super Kings",
        "innings": 2,
        "batting": "away",
        "target": target,
        "score": {"home": {"runs": target - 1, "wickets": 8, "overs": "20.0"},
                  "away": {"runs": runs, "wickets": wickets, "overs": overs}},
        "over": {"number": int(overs.split(".")[0]), "ball": int(overs.split(".")[1]),
                 "balls": balls or []},
        "batsmen": [{"name": "SR Watson", "runs": 40, "balls": 30}],
        "bowler": bowler or {"name": "JJ Bumrah", "overs": "3.0", "wickets": 1},
    }  # fmt: skip
    return msgspec.convert(data, SPORT_MODELS["cricket"])


def test_the_pulse_orders_four_situations_as_a_fan_would() -> None:
    early_level = match_pulse(soccer(10, 0, 0)).value
    late_three_up = match_pulse(soccer(88, 3, 0)).value
    late_one_goal = match_pulse(soccer(88, 1, 0)).value
    late_level = match_pulse(soccer(88, 1, 1)).value
    shootout = match_pulse(soccer(120, 1, 1, period="PEN")).value
    assert late_three_up < early_level < late_one_goal < late_level < shootout
    assert match_pulse(soccer(88, 1, 1)).why == "level at 88'"


def test_basketball_margin_in_the_last_minutes_and_overtime() -> None:
    blowout = match_pulse(basketball(4, 90, 110, 88)).value
    first_quarter = match_pulse(basketball(1, 300, 20, 18)).value
    close_late = match_pulse(basketball(4, 90, 101, 99)).value
    overtime = match_pulse(basketball(5, 60, 110, 110)).value
    assert blowout < first_quarter < close_late <= overtime
    assert match_pulse(basketball(5, 60, 110, 110)).why == "tied, 1:00 left in overtime"


def test_a_chase_s_rate_against_what_is_left() -> None:
    easy = match_pulse(chase(140, 2, "18.0", 150)).value  # 10 from 12, 8 wickets
    hopeless = match_pulse(chase(100, 7, "18.0", 150)).value  # 50 from 12
    knife_edge = match_pulse(chase(139, 6, "19.0", 150)).value  # 11 from 6
    early = match_pulse(chase(30, 0, "4.0", 150)).value
    assert hopeless < easy < knife_edge and early < knife_edge
    assert match_pulse(chase(139, 6, "19.0", 150)).why == "CSK need 11 from 6"


def test_what_just_happened_fades_and_the_caller_owns_the_clock() -> None:
    tracker = PulseTracker()
    tracker.observe(soccer(60, 0, 0), now=1000.0)
    goal = [{"type": "goal", "minute": 61, "team": "home", "player": "B. Saka"}]
    lifted = tracker.observe(soccer(61, 1, 0, events=goal), now=1060.0)
    assert lifted.recent == pytest.approx(0.45)  # a goal and a lead change
    assert tracker.pulse(1060.0 + 90).recent == pytest.approx(0.225)  # halved
    assert tracker.pulse(1060.0 + 400).recent == 0  # gone
    # The same goal sent again is not news.
    assert tracker.observe(soccer(62, 1, 0, events=goal), now=2000.0).recent == 0


def test_the_first_snapshot_only_teaches() -> None:
    goal = [{"type": "goal", "minute": 5, "team": "home", "player": "B. Saka"}]
    assert PulseTracker().observe(soccer(6, 1, 0, events=goal), now=0.0).recent == 0


def test_close_game_situations_fire_once_each() -> None:
    seen = Seen()
    fired = []
    for snap in (
        soccer(79, 1, 1),
        soccer(80, 1, 1),
        soccer(84, 2, 1),
        soccer(86, 3, 1),
        soccer(89, 3, 2),  # back within one: the same situation, already told
        soccer(95, 3, 3, period="ET1"),
        soccer(120, 3, 3, period="PEN", penalties={"home": 0, "away": 0}),
    ):
        fired += [m.text for m in seen.fresh(close_game_moments(snap))]
    assert fired == [
        "Close game: level at 1-1, 80'",
        "Close game: extra time, level at 3-3",
        "Close game: penalty shoot-out (0-0)",
    ]


def test_basketball_close_game_and_each_overtime() -> None:
    seen = Seen()
    fired = []
    for snap in (
        basketball(4, 130, 100, 97),
        basketball(4, 119, 100, 97),
        basketball(4, 30, 100, 98),
        basketball(5, 300, 102, 102),
        basketball(6, 300, 110, 110),
    ):
        fired += [m.key for m in seen.fresh(close_game_moments(snap))]
    assert fired == [
        ("close_game", "late", 4),
        ("close_game", "overtime", 5),
        ("close_game", "overtime", 6),
    ]


def test_a_hat_trick_ball_across_overs_and_never_twice() -> None:
    watch = PlayerWatch(["Jasprit Bumrah"])

    def bowled(overs: str, wickets: int, balls: list[str]) -> list[str]:
        bowler = {"name": "JJ Bumrah", "overs": overs, "wickets": wickets}
        return [m.text for m in watch.observe(chase(100, wickets, "15.5", 160, bowler, balls))]

    assert bowled("2.5", 1, ["1", "0", "0", "1", "0"]) == []
    assert bowled("3.0", 2, ["1", "0", "0", "1", "0", "W"]) == []
    # His next over, first ball: a second wicket in a row, across the overs.
    assert bowled("3.1", 3, ["W"]) == [
        "JJ Bumrah third wicket (3 wickets)",
        "JJ Bumrah on a hat-trick",
    ]
    assert bowled("3.1", 3, ["W"]) == []  # the same frame again
    assert bowled("3.2", 3, ["W", "1"]) == []  # the hat-trick ball went for a single
    # A run out on a legal ball is not his: no hat-trick after it.
    assert bowled("3.3", 4, ["W", "1", "W"]) == ["JJ Bumrah fourth wicket (4 wickets)"]
    assert bowled("3.4", 4, ["W", "1", "W", "W"]) == []


def test_player_names_match_as_teams_do_and_by_initials() -> None:
    assert player_matches("Virat Kohli", "V Kohli")
    assert player_matches("kohli", "V Kohli")
    assert player_matches("MS Dhoni", "MS Dhoni")
    assert player_matches("Mahendra Singh Dhoni", "MS Dhoni")
    assert player_matches("Yusuf Yazici", "Yusuf Yaz\u0131c\u0131")
    assert player_matches("Odegaard", "Martin Ødegaard")
    assert not player_matches("Virat Kohli", "VS Kohli Junior")
    assert not player_matches("Rohit Sharma", "I Sharma")
    assert not player_matches("Koh", "V Kohli")


def test_a_hostile_player_name_is_made_safe() -> None:
    goal = [{"type": "goal", "minute": 61, "team": "home", "player": "Evil \x1b[31m Saka\x07"}]
    watch = PlayerWatch(["Saka"])
    watch.observe(soccer(60, 0, 0))
    [moment] = watch.observe(soccer(61, 1, 0, events=goal))
    assert "\x1b" not in moment.text and "\x07" not in moment.text and "Saka" in moment.text


@pytest.mark.parametrize(
    ("value", "unicode", "ascii"),
    [
        (0, "····   0", "....   0"),
        (1, "▂···   1", "|...   1"),
        (37, "▂▄··  37", "||..  37"),
        (76, "▂▄▆█  76", "||||  76"),
        (100, "▂▄▆█ 100", "|||| 100"),
    ],
)
def test_the_meter_reads_without_colour(value: int, unicode: str, ascii: str) -> None:
    assert pulse_meter(value).plain == unicode
    assert pulse_meter(value, ascii=True).plain == ascii
    assert pulse_meter(value, label=True).plain == f"pulse {unicode}"


def test_the_meter_holds_out_of_range_values() -> None:
    assert pulse_meter(-5).plain == "····   0"
    assert pulse_meter(250).plain == "▂▄▆█ 100"


def test_follow_player_entries_pick_moments_not_matches() -> None:
    from scoreboard.core.follows import FollowRule, followed_players, parse_follow

    rule = parse_follow("player: Virat Kohli", ("sportrix",))
    assert rule == FollowRule("player", "Virat Kohli")
    assert rule.text == "player:Virat Kohli" and rule.describe() == "player Virat Kohli"
    assert not rule.matches("sportrix:1", "Virat Kohli XI", "India", "IPL")  # follows no match
    assert followed_players([rule, parse_follow("Arsenal", ())]) == ["Virat Kohli"]
    with pytest.raises(ValueError, match="needs a player name"):
        parse_follow("player:  ", ())


def test_a_pulse_level_fires_once_until_the_pulse_falls_well_below() -> None:
    from scoreboard.core.pulse import PulseLevels

    levels = PulseLevels([85, 60])
    minute = iter(range(1, 100))

    def at(value: int) -> list[int]:
        return levels.observe(value, (3, next(minute)))

    assert at(90) == []  # opened hot: not news
    assert at(84) == [] and at(86) == []  # hovering
    assert at(50) == []  # 20 below 85 re-arms it; 60 is still spent
    assert at(88) == [85]
    assert at(30) == [] and at(95) == [60, 85]
    # Old frames sent again (a replay) rise past both levels: not news.
    assert levels.observe(10, (3, 1)) == [] and levels.observe(99, (3, 2)) == []


def test_redzone_switches_only_when_clearly_overtaken_after_a_minute() -> None:
    from scoreboard.core.pulse import RedZonePick

    zone = RedZonePick()
    assert zone.pick({"a": 50, "b": 70}, 0.0) == "b"  # the highest at once
    assert zone.pick({"a": 79, "b": 70}, 10.0) == "b"  # ahead, not clearly
    assert zone.pick({"a": 85, "b": 70}, 30.0) == "b"  # clearly, but b had only 30 s
    assert zone.pick({"a": 85, "b": 70}, 60.0) == "a"  # a minute: it switches
    assert zone.pick({"a": 85, "b": 99}, 70.0) == "a"  # and a has its minute too
    assert zone.pick({"b": 99}, 71.0) == "b"  # a finished: replaced at once
    assert zone.pick({}, 72.0) is None
