"""Simulator match engines and catalog: whole matches played step by step.

Every invariant is checked after every step; nothing is mocked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from scoreboard.sim.catalog import LIVE_CRICKET_ID, LIVE_SOCCER_ID, build_catalog
from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.cricket import BOWLER_QUOTA, FORMAT_OVERS, CricketEngine
from scoreboard.sim.engines.soccer import PERIOD_LABELS, SoccerEngine

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
#: Whole matches are slow to replay and a seed does not shrink usefully: no shrinking.
NO_SHRINK = (Phase.explicit, Phase.generate)
FEW = settings(max_examples=3, deadline=None, derandomize=True, phases=NO_SHRINK)
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
BALL_CODE = re.compile(r"^(?:[0-6]|W(?:\+[1-6])?|wd[1-6]?|nb[1-6]?|lb[1-6]|b[1-6])$")
STATUSES = {"scheduled", "live", "finished"}


# --- driving ---------------------------------------------------------------


def frames(engine: MatchEngine, limit: int = 50_000) -> Iterator[tuple[bool, dict[str, Any]]]:
    """(changed, snapshot) for the starting state and after every step to the end."""
    yield True, engine.snapshot()
    for _ in range(limit):
        if engine.status == "finished":
            return
        changed = engine.step()
        yield changed, engine.snapshot()
    raise AssertionError(f"match {engine.match_id} did not finish in {limit} steps")


def check_common(snap: dict[str, Any], engine: MatchEngine) -> None:
    assert snap["match_id"] == engine.match_id
    assert snap["sport"] == engine.sport
    assert snap["status"] == engine.status
    assert snap["status"] in STATUSES
    assert isinstance(snap["home"], str) and snap["home"]
    assert isinstance(snap["away"], str) and snap["away"]
    assert isinstance(snap["competition"], str)
    assert RFC3339_UTC.match(snap["updated_at"])
    assert json.loads(json.dumps(snap)) == snap


def check_change_report(changed: bool, prev: dict[str, Any] | None, snap: dict[str, Any]) -> None:
    """`step()` says True exactly when the snapshot changed; updated_at follows."""
    if prev is None:
        return
    if changed:
        assert snap != prev
        assert snap["updated_at"] >= prev["updated_at"]
    else:
        assert snap == prev


# --- soccer ----------------------------------------------------------------

PERIOD_ORDER = ["1H", "HT", "2H", "ET1", "ETHT", "ET2", "PEN", "FT"]
PLAY_END = {"1H": 45, "2H": 90, "ET1": 105, "ET2": 120}
GOAL_TYPES = {"goal", "own_goal", "penalty_goal"}
EVENT_TYPES = GOAL_TYPES | {
    "penalty_missed",
    "yellow_card",
    "second_yellow",
    "red_card",
    "substitution",
    "var",
}


EVENT_KEYS = {"minute", "added_time", "type", "team", "player", "assist", "detail"}


class EventTally:
    """(type, team) -> count over a growing event list, checking each new event once."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.seen = 0
        self.last = (0, 0)

    def update(self, events: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
        for i in range(self.seen, len(events)):
            e = events[i]
            assert e.keys() == EVENT_KEYS
            assert e["type"] in EVENT_TYPES and e["team"] in ("home", "away")
            assert isinstance(e["player"], str) and e["player"]
            key = (e["minute"], e["added_time"] or 0)
            assert key >= self.last, "events must be oldest first"
            self.last = key
            self.counts[e["type"], e["team"]] += 1
            if e["type"] == "second_yellow":  # always followed by the red, same player
                nxt = events[i + 1] if i + 1 < len(events) else None
                assert nxt is not None and nxt["type"] == "red_card"
                assert nxt["player"] == e["player"] and nxt["team"] == e["team"]
        self.seen = len(events)
        return self.counts


def side_counts(counts: Counter[tuple[str, str]], types: set[str]) -> list[int]:
    home = away = 0
    for t in types:
        home += counts[t, "home"]
        away += counts[t, "away"]
    return [home, away]


def check_soccer_state(snap: dict[str, Any], tally: EventTally | None = None) -> None:
    stats = snap.get("stats")
    events = snap["events"]
    counts = (tally or EventTally()).update(events)
    score = snap["score"]
    assert isinstance(score["home"], int) and isinstance(score["away"], int)
    assert [score["home"], score["away"]] == side_counts(counts, GOAL_TYPES)
    if snap["status"] == "scheduled":
        assert score == {"home": 0, "away": 0}
        assert events == []
        assert "clock" not in snap
        return
    clock, phase = snap["clock"], snap["phase"]
    period = clock["period"]
    assert period in PERIOD_ORDER
    assert phase == {"code": period, "label": PERIOD_LABELS[period]}
    assert (snap["status"] == "finished") == (period == "FT")
    assert 0 <= clock["second"] < 60
    if clock["added_time"] is not None:
        assert period in PLAY_END and clock["minute"] == PLAY_END[period]
        assert clock["added_time"] >= 1
    elif period in PLAY_END:
        assert PLAY_END[period] - (45 if period in ("1H", "2H") else 15) <= clock["minute"]
        assert clock["minute"] < PLAY_END[period]

    assert stats is not None
    for name in (
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
    ):
        assert set(stats[name]) == {"home", "away"}
    poss = stats["possession"]
    assert isinstance(poss["home"], int) and isinstance(poss["away"], int)
    assert poss["home"] + poss["away"] == 100 and 0 <= poss["home"] <= 100
    yellows = side_counts(counts, {"yellow_card", "second_yellow"})
    reds = side_counts(counts, {"red_card"})
    non_own = side_counts(counts, {"goal", "penalty_goal"})
    subs = side_counts(counts, {"substitution"})
    for i, side in enumerate(("home", "away")):
        other = "away" if side == "home" else "home"
        shots, on_target = stats["shots"][side], stats["shots_on_target"][side]
        assert non_own[i] <= on_target <= shots
        assert stats["saves"][side] <= stats["shots_on_target"][other]
        assert stats["saves"][side] + non_own[1 - i] <= stats["shots_on_target"][other]
        assert stats["yellow_cards"][side] == yellows[i]
        assert stats["red_cards"][side] == reds[i]
        assert subs[i] <= 5
        xg = stats["xg"][side]
        assert isinstance(xg, float) and round(xg, 2) == xg
        assert (xg > 0) == (shots > 0)
        assert xg >= 0.02 * shots - 0.005
    if "penalties" in snap:
        assert period in ("PEN", "FT")
        assert score["home"] == score["away"]
    if period == "FT":
        assert clock["added_time"] is None and clock["minute"] in (90, 120)


def check_soccer_progress(prev: dict[str, Any], snap: dict[str, Any]) -> None:
    """The clock only runs forward inside a period; periods come in order."""
    if prev["status"] == "scheduled" or snap["status"] == "scheduled":
        return
    p, s = prev["clock"], snap["clock"]
    pi, si = PERIOD_ORDER.index(p["period"]), PERIOD_ORDER.index(s["period"])
    assert si >= pi
    if si == pi:
        before = (p["minute"], p["added_time"] or 0, p["second"])
        after = (s["minute"], s["added_time"] or 0, s["second"])
        if p["period"] in PLAY_END:
            assert after > before
        else:
            assert after == before
    else:
        allowed = {
            "1H": {"HT"},
            "HT": {"2H"},
            "2H": {"ET1", "FT"},
            "ET1": {"ETHT"},
            "ETHT": {"ET2"},
            "ET2": {"PEN", "FT"},
            "PEN": {"FT"},
        }
        assert s["period"] in allowed[p["period"]]
    # history only grows, counting stats never go down, xg grows with shots
    assert snap["events"][: len(prev["events"])] == prev["events"]
    for name, values in snap["stats"].items():
        if name == "possession":
            continue
        for side in ("home", "away"):
            assert values[side] >= prev["stats"][name][side]
    for side in ("home", "away"):
        if snap["stats"]["shots"][side] > prev["stats"]["shots"][side]:
            assert snap["stats"]["xg"][side] > prev["stats"]["xg"][side]


def check_soccer_lineups(snap: dict[str, Any]) -> None:
    """Sent-off and substituted players take no further part; subs in ≤ 3 windows + HT."""
    for side in ("home", "away"):
        gone: set[str] = set()
        came_on: set[str] = set()
        windows: set[int] = set()
        for e in snap["events"]:
            if e["team"] != side:
                continue
            if e["type"] == "substitution":
                assert e["detail"] not in gone and e["player"] not in came_on
                gone.add(e["detail"])
                came_on.add(e["player"])
                if e["minute"] != 46:
                    windows.add(e["minute"])
            elif e["type"] in ("goal", "penalty_goal", "yellow_card", "penalty_missed"):
                assert e["player"] not in gone
            if e["type"] == "red_card":
                gone.add(e["player"])
        assert len(windows) <= 3


def play_soccer(engine: SoccerEngine) -> list[dict[str, Any]]:
    prev: dict[str, Any] | None = None
    history = []
    tally = EventTally()
    for changed, snap in frames(engine):
        check_common(snap, engine)
        check_change_report(changed, prev, snap)
        check_soccer_state(snap, tally)
        if prev is not None:
            check_soccer_progress(prev, snap)
            in_play = prev["status"] == "live" and prev["clock"]["period"] in PLAY_END
            if in_play and snap["clock"]["period"] == prev["clock"]["period"]:
                assert changed, "the clock second is state: every second in play changes"
        prev = snap
        history.append(snap)
    assert prev is not None
    check_soccer_lineups(prev)
    assert prev["status"] == "finished"
    if engine.knockout:
        pens = prev.get("penalties")
        decided = pens if pens is not None else prev["score"]
        assert decided["home"] != decided["away"], "a cup tie needs a winner"
    return history


# --- cricket ---------------------------------------------------------------


def balls_of(overs: str) -> int:
    whole, part = overs.split(".")
    assert 0 <= int(part) <= 5
    return int(whole) * 6 + int(part)


def check_innings_card(card: dict[str, Any], fmt: str) -> None:
    extras = card["extras"]
    assert set(extras) == {"byes", "leg_byes", "wides", "no_balls", "penalty"}
    batting, bowling = card["batting"], card["bowling"]
    assert card["runs"] == sum(b["runs"] for b in batting) + sum(extras.values())
    dismissed = [b for b in batting if b["dismissal"] != "not out"]
    assert card["wickets"] == len(dismissed) <= 10
    run_outs = sum(b["dismissal"].startswith("run out") for b in dismissed)
    assert sum(b["runs"] for b in bowling) == (
        card["runs"] - extras["byes"] - extras["leg_byes"] - extras["penalty"]
    )
    assert sum(b["wickets"] for b in bowling) == card["wickets"] - run_outs
    assert balls_of(card["overs"]) == sum(balls_of(b["overs"]) for b in bowling)
    assert balls_of(card["overs"]) <= FORMAT_OVERS[fmt] * 6
    assert len({b["name"] for b in batting}) == len(batting) <= 11
    not_out = len(batting) - len(dismissed)
    assert not_out == (1 if card["wickets"] == 10 else 2)
    for b in batting:
        assert b["runs"] >= 4 * b["fours"] + 6 * b["sixes"]
        assert re.match(r"^(not out|b |c |lbw b |run out \(|st †)", b["dismissal"])
    for b in bowling:
        assert balls_of(b["overs"]) <= BOWLER_QUOTA[fmt] * 6
        assert b["maidens"] <= balls_of(b["overs"]) // 6


def check_cricket_state(snap: dict[str, Any], fmt: str) -> None:
    assert snap["format"] == fmt
    assert snap["innings"] in (1, 2)
    score = snap["score"]
    if snap["status"] == "scheduled":
        assert score == {"home": None, "away": None}
        return
    cards = snap["scorecard"]
    assert len(cards) == snap["innings"]
    for card in cards:
        check_innings_card(card, fmt)
        total = score[card["team"]]
        assert total == {"runs": card["runs"], "wickets": card["wickets"], "overs": card["overs"]}
    current = cards[-1]
    assert snap["batting"] == current["team"]
    if len(cards) == 2:
        assert cards[0]["team"] != cards[1]["team"]
        first = cards[0]
        assert first["wickets"] == 10 or balls_of(first["overs"]) == FORMAT_OVERS[fmt] * 6
        assert snap["target"] == first["runs"] + 1
        if snap["status"] == "live":
            assert current["runs"] < snap["target"]
    else:
        assert "target" not in snap
        assert score["away" if current["team"] == "home" else "home"] is None
    over = snap["over"]
    legal = balls_of(current["overs"])
    assert over["number"] == legal // 6 and over["ball"] == legal % 6
    assert 0 <= over["ball"] <= 5
    for code in over["balls"]:
        assert BALL_CODE.match(code), code
    assert sum(not c.startswith(("wd", "nb")) for c in over["balls"]) == over["ball"]
    batsmen = snap["batsmen"]
    not_out = [b for b in current["batting"] if b["dismissal"] == "not out"]
    assert [b["name"] for b in batsmen] == [b["name"] for b in not_out]
    for shown, card_entry in zip(batsmen, not_out, strict=True):
        for key in ("runs", "balls", "fours", "sixes"):
            assert shown[key] == card_entry[key]
    if len(batsmen) == 2:
        assert sum(b["on_strike"] for b in batsmen) == 1
    bowler = snap["bowler"]
    assert set(bowler) == {"name", "overs", "maidens", "runs", "wickets"}
    carded = {b["name"]: b for b in current["bowling"]}
    if bowler["name"] in carded:
        assert carded[bowler["name"]] == bowler
    else:
        assert bowler == {
            "name": bowler["name"],
            "overs": "0.0",
            "maidens": 0,
            "runs": 0,
            "wickets": 0,
        }
    if snap["status"] == "finished":
        check_result(snap)
    else:
        assert "result" not in snap


def check_result(snap: dict[str, Any]) -> None:
    first, second = snap["scorecard"]
    names = {"home": snap["home"], "away": snap["away"]}
    result = snap["result"]
    if second["runs"] >= snap["target"]:
        left = 10 - second["wickets"]
        plural = "s" if left != 1 else ""
        assert result == f"{names[second['team']]} won by {left} wicket{plural}"
    elif second["runs"] == first["runs"]:
        assert result == "Match tied"
    else:
        margin = first["runs"] - second["runs"]
        plural = "s" if margin != 1 else ""
        assert result == f"{names[first['team']]} won by {margin} run{plural}"


def striker(snap: dict[str, Any]) -> str:
    return next(b["name"] for b in snap["batsmen"] if b["on_strike"])


def check_strike_rotation(prev: dict[str, Any], snap: dict[str, Any]) -> None:
    """Ends change on odd runs and at the end of an over (checked when no wicket fell).

    The batters stay where they are once the innings is over.
    """
    if prev["innings"] != snap["innings"] or "batsmen" not in prev:
        return
    if snap["phase"]["code"] in ("BREAK", "RESULT"):
        return
    names = [b["name"] for b in snap["batsmen"]]
    if [b["name"] for b in prev["batsmen"]] != names or len(names) != 2:
        return
    before, after = prev["score"][prev["batting"]], snap["score"][snap["batting"]]
    if after == before:  # no delivery (a break step)
        return
    ran = after["runs"] - before["runs"]
    over_done = snap["over"]["number"] > prev["over"]["number"]
    if not over_done and snap["over"]["balls"][-1].startswith(("wd", "nb")):
        ran -= 1  # the wide / no-ball run itself is nobody's running
    swaps = ran % 2 + (1 if over_done else 0)
    expected = striker(prev)
    if swaps % 2:
        expected = next(n for n in names if n != expected)
    assert striker(snap) == expected


def play_cricket(engine: CricketEngine) -> list[dict[str, Any]]:
    prev: dict[str, Any] | None = None
    history = []
    over_bowler: dict[tuple[int, int], str] = {}
    for changed, snap in frames(engine):
        check_common(snap, engine)
        check_change_report(changed, prev, snap)
        check_cricket_state(snap, engine.format)
        if snap["status"] != "scheduled" and snap["over"]["balls"]:
            key = (snap["innings"], snap["over"]["number"])
            assert over_bowler.setdefault(key, snap["bowler"]["name"]) == snap["bowler"]["name"]
            before = over_bowler.get((snap["innings"], snap["over"]["number"] - 1))
            assert before != snap["bowler"]["name"], "no bowler bowls two overs running"
        if prev is not None and prev["status"] == "live" and snap["status"] != "finished":
            in_break = prev.get("phase", {}).get("code") == "BREAK"
            if not in_break:
                assert changed, "every delivery changes the snapshot"
            check_strike_rotation(prev, snap)
        prev = snap
        history.append(snap)
    assert prev is not None and prev["status"] == "finished"
    assert prev["innings"] == 2 and prev["result"]
    return history


def play(engine: MatchEngine) -> list[dict[str, Any]]:
    if isinstance(engine, SoccerEngine):
        return play_soccer(engine)
    assert isinstance(engine, CricketEngine)
    return play_cricket(engine)


# --- tests: whole matches --------------------------------------------------


@settings(max_examples=1, deadline=None, derandomize=True, phases=NO_SHRINK)
@given(seed=SEEDS)
def test_every_catalog_match_keeps_its_invariants_to_the_end(seed: int) -> None:
    for engine in build_catalog(seed):
        play(engine)


@settings(max_examples=4, deadline=None, derandomize=True, phases=NO_SHRINK)
@given(seed=SEEDS, fmt=st.sampled_from(["T20", "ODI"]), bat_first=st.sampled_from(["home", "away"]))
def test_fresh_cricket_matches_keep_their_invariants(seed: int, fmt: str, bat_first: str) -> None:
    engine = CricketEngine(
        9001,
        "England",
        "South Africa",
        competition="Test",
        seed=seed,
        fmt=fmt,
        bat_first=bat_first,
        away_locale="za",
    )
    history = play(engine)
    assert history[-1]["scorecard"][0]["team"] == bat_first


@FEW
@given(seed=SEEDS, knockout=st.booleans())
def test_fresh_soccer_matches_keep_their_invariants(seed: int, knockout: bool) -> None:
    engine = SoccerEngine(
        9002,
        "Leeds United",
        "Sunderland",
        competition="Cup",
        seed=seed,
        knockout=knockout,
        home_strength=1.1,
    )
    play(engine)


def _seed_reaching(period: str) -> int:
    for seed in range(400):
        engine = SoccerEngine(
            9003, "Hull City", "Stoke City", competition="FA Cup", seed=seed, knockout=True
        )
        engine.advance_until(lambda e: e.period in (period, "FT"))
        if engine.period == period:
            return seed
    raise AssertionError(f"no cup tie reached {period}")


def test_a_level_cup_tie_goes_through_extra_time_to_penalties() -> None:
    seed = _seed_reaching("PEN")
    engine = SoccerEngine(
        9003, "Hull City", "Stoke City", competition="FA Cup", seed=seed, knockout=True
    )
    history = play(engine)
    periods = [s["clock"]["period"] for s in history]
    for period in ("ET1", "ETHT", "ET2", "PEN"):
        assert period in periods
    last = history[-1]
    assert last["clock"] == {"minute": 120, "second": 0, "period": "FT", "added_time": None}
    pens = last["penalties"]
    assert pens["home"] != pens["away"]
    kicks = last["penalty_kicks"]
    assert sum(k["scored"] for k in kicks["home"]) == pens["home"]
    assert sum(k["scored"] for k in kicks["away"]) == pens["away"]
    assert abs(len(kicks["home"]) - len(kicks["away"])) <= 1
    labels = {s["phase"]["label"] for s in history}
    assert {"Extra time \u2013 first half", "Penalty shoot-out", "Full-time"} <= labels


def test_soccer_half_time_and_stoppage_time_look_right() -> None:
    engine = SoccerEngine(9004, "Fulham", "Brentford", seed=7)
    engine.advance_until(lambda e: e.clock[2] is not None)
    clock = engine.snapshot()["clock"]
    assert clock == {"minute": 45, "second": 0, "period": "1H", "added_time": 1}
    engine.advance_until(lambda e: e.period == "HT")
    ht_start = engine.elapsed
    assert engine.snapshot()["clock"] == {
        "minute": 45,
        "second": 0,
        "period": "HT",
        "added_time": None,
    }
    frozen = engine.snapshot()
    assert [engine.step() for _ in range(10)] == [False] * 10
    assert engine.snapshot() == frozen
    engine.advance_until(lambda e: e.period == "2H")
    assert engine.elapsed - ht_start == 15 * 60
    assert engine.snapshot()["clock"] == {
        "minute": 45,
        "second": 0,
        "period": "2H",
        "added_time": None,
    }


# --- tests: determinism and isolation -------------------------------------


def _sequence(engine: MatchEngine, steps: int) -> list[str]:
    out = [json.dumps(engine.snapshot(), sort_keys=True)]
    for _ in range(steps):
        engine.step()
        out.append(json.dumps(engine.snapshot(), sort_keys=True))
    return out


@FEW
@given(seed=SEEDS)
def test_same_seed_same_match_different_seed_different_match(seed: int) -> None:
    def soccer(s: int) -> SoccerEngine:
        return SoccerEngine(9005, "Wolves", "Burnley", seed=s)

    def cricket(s: int) -> CricketEngine:
        return CricketEngine(9006, "Kent", "Essex", seed=s)

    assert _sequence(soccer(seed), 3000) == _sequence(soccer(seed), 3000)
    assert _sequence(soccer(seed), 3000) != _sequence(soccer(seed + 1), 3000)
    assert _sequence(cricket(seed), 150) == _sequence(cricket(seed), 150)
    assert _sequence(cricket(seed), 150) != _sequence(cricket(seed + 1), 150)


@FEW
@given(seed=SEEDS)
def test_catalog_is_deterministic_per_seed(seed: int) -> None:
    first = [e.snapshot() for e in build_catalog(seed)]
    again = [e.snapshot() for e in build_catalog(seed)]
    assert first == again
    other = [e.snapshot() for e in build_catalog(seed + 1)]
    assert other != first


def test_catalog_shape_is_the_same_for_every_seed() -> None:
    def shape(seed: int) -> list[tuple[Any, ...]]:
        return [
            (
                e.match_id,
                e.sport,
                e.status,
                e.summary()["home"],
                e.summary()["away"],
                e.summary()["competition"],
            )
            for e in build_catalog(seed)
        ]

    reference = shape(0)
    for seed in (1, 2, 99, 123456):
        assert shape(seed) == reference


def test_catalog_contents() -> None:
    catalog = build_catalog()
    by_id = {e.match_id: e for e in catalog}
    assert len(by_id) == len(catalog)
    assert all(41000 <= i < 42000 for i in by_id)
    arsenal = by_id[LIVE_SOCCER_ID]
    assert (arsenal.sport, arsenal.status) == ("soccer", "live")
    assert arsenal.summary()["home"] == "Arsenal" and arsenal.summary()["away"] == "Chelsea"
    assert arsenal.summary()["competition"] == "Premier League"
    assert 55 <= arsenal.snapshot()["clock"]["minute"] <= 75
    mi = by_id[LIVE_CRICKET_ID]
    assert (mi.sport, mi.status) == ("cricket", "live")
    assert isinstance(mi, CricketEngine) and mi.format == "T20"

    def count(sport: str, status: str) -> int:
        return sum(1 for e in catalog if e.sport == sport and e.status == status)

    assert count("soccer", "live") >= 7
    assert count("cricket", "live") >= 4
    assert any(
        isinstance(e, CricketEngine) and e.format == "ODI" and e.status == "live" for e in catalog
    )
    assert any(isinstance(e, SoccerEngine) and e.knockout and e.status == "live" for e in catalog)
    scheduled = [e for e in catalog if e.status == "scheduled"]
    assert len(scheduled) >= 3 and {e.sport for e in scheduled} == {"soccer", "cricket"}
    assert sum(1 for e in catalog if e.status == "finished") >= 3
    periods = {
        e.snapshot()["clock"]["period"]
        for e in catalog
        if isinstance(e, SoccerEngine) and e.status == "live"
    }
    assert {"1H", "HT", "2H"} <= periods
    assert any(
        isinstance(e, SoccerEngine)
        and e.status == "live"
        and e.clock[2] is not None
        and e.period == "1H"
        for e in catalog
    )
    assert any(
        isinstance(e, CricketEngine) and e.status == "live" and e.target is not None
        for e in catalog
    )


def test_scheduled_matches_kick_off_during_a_run() -> None:
    for engine in build_catalog():
        if engine.status != "scheduled":
            continue
        snap = engine.snapshot()
        assert set(snap) >= {"match_id", "sport", "status", "home", "away", "score"}
        steps = 0
        while engine.status == "scheduled":
            assert engine.step() is (engine.status == "live")
            steps += 1
        assert 2 * 60 <= steps * engine.step_seconds <= 10 * 60 + engine.step_seconds
        assert engine.status == "live"


def test_catalog_is_anchored_at_the_epoch() -> None:
    epoch = datetime(2030, 5, 4, 12, 0, tzinfo=UTC)
    catalog = build_catalog(3, epoch)
    for engine in catalog:
        snap = engine.snapshot()
        summary = engine.summary()
        contract = {"match_id", "sport", "status", "home", "away", "competition", "start_time"}
        assert contract <= set(summary) <= contract | {"score", "clock", "result"}
        if engine.status != "scheduled":
            assert summary["score"] == snap["score"]
            assert summary.get("clock") == snap.get("clock")
            assert summary.get("result") == snap.get("result")
        if engine.status == "live":
            assert snap["updated_at"] <= "2030-05-04T12:00:00Z"
            assert summary["start_time"] < "2030-05-04T12:00:00Z"
        elif engine.status == "scheduled":
            assert summary["start_time"] > "2030-05-04T12:00:00Z"
        else:
            assert snap["updated_at"] < "2030-05-04T12:00:00Z"


def test_start_times_follow_the_speed_they_are_paced_for() -> None:
    """At --speed 10 a kick-off 180 simulated seconds away is 18 s of wall time away."""
    epoch = datetime(2030, 5, 4, 12, 0, tzinfo=UTC)
    normal = {e.match_id: e.summary() for e in build_catalog(3, epoch)}
    fast = {e.match_id: e.summary() for e in build_catalog(3, epoch, speed=10)}
    assert normal[41310]["start_time"] == "2030-05-04T12:03:00Z"
    assert fast[41310]["start_time"] == "2030-05-04T12:00:18Z"
    assert fast[41311]["start_time"] == "2030-05-04T12:00:36Z"
    # A live match 60-odd minutes in started 6-odd minutes ago at ten times the pace.
    assert "2030-05-04T11:50:00Z" < fast[41282]["start_time"] < "2030-05-04T11:55:00Z"


def test_snapshots_share_no_mutable_state() -> None:
    for engine in build_catalog():
        first = engine.snapshot()
        pristine = json.loads(json.dumps(first))
        for value in first.values():
            if isinstance(value, dict | list):
                value.clear()
        assert engine.snapshot() == pristine


def test_live_view_drops_stats_events_and_scorecard() -> None:
    for engine in build_catalog():
        view = engine.live_view()
        assert not {"stats", "events", "scorecard"} & set(view)
        assert view["match_id"] == engine.match_id


@pytest.mark.parametrize("fmt", ["T20", "ODI"])
def test_cricket_break_then_chase(fmt: str) -> None:
    engine = CricketEngine(9007, "Hampshire", "Sussex", seed=11, fmt=fmt, bat_first="home")
    engine.advance_until(lambda e: e.in_break)
    snap = engine.snapshot()
    assert snap["innings"] == 1 and snap["batting"] == "home" and "target" not in snap
    assert snap["phase"]["code"] == "BREAK"
    first_runs = snap["score"]["home"]["runs"]
    engine.advance_until(lambda e: e.innings_number == 2)
    snap = engine.snapshot()
    assert snap["batting"] == "away" and snap["target"] == first_runs + 1
    assert snap["score"]["away"] == {"runs": 0, "wickets": 0, "overs": "0.0"}
    assert snap["over"] == {"number": 0, "ball": 0, "balls": []}
    assert all(b["runs"] == 0 and b["balls"] == 0 for b in snap["batsmen"])
