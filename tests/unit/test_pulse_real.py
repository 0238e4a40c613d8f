"""The pulse, close games and followed players on REAL matches (cricsheet, StatsBomb).

Each real match's successive snapshots go through the detectors as the app
would see them. Where a moment should fire is worked out from the source data
here (cricsheet's deliveries, StatsBomb's rows), never from the frames the
detectors read, so a slip in either shows as a mismatch. Every moment fires at
that ball or minute, once; replaying the whole match (a reconnect that sends
everything again) and skipping frames (a burst) fire nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import msgspec
import pytest

from scoreboard.core.closegame import DEFAULT, CloseGameSettings, close_game_moments
from scoreboard.core.models import Snapshot
from scoreboard.core.moments import Moment, Seen
from scoreboard.core.players import PlayerWatch
from scoreboard.core.pulse import PulseTracker
from scoreboard.providers.sportrix.wire import decode_snapshot
from scoreboard.sim import real

CRICKET = ["ipl-2019-final", "wt20-2016-final", "ct-2004-final", "wc-2019-semi"]
SOCCER = [n for n in ("barcelona-girona-2018", "turkey-italy-2021", "barcelona-alaves-2018")]
_OVERS = {"T20": 20, "ODI": 50}


@cache
def snapshots(name: str) -> tuple[Snapshot, ...]:
    match = real.load(name)
    return tuple(decode_snapshot(msgspec.json.encode(f.data)) for f in match.frames)


def needs(name: str) -> None:
    if name not in real.names():
        pytest.skip(f"{name}: its data is not here")


# -- the truth, from cricsheet's deliveries ------------------------------------------------------


def deliveries(doc: dict[str, Any]) -> Iterator[tuple[int, int, dict[str, Any], dict[str, int]]]:
    """(frame index, innings, delivery, state after it): one frame before each innings, one
    after every delivery (docs/simulator.md); state: runs, wickets, legal balls, target."""
    frame = 0
    target = 0
    for number, innings in enumerate((i for i in doc["innings"] if not i.get("super_over")), 1):
        frame += 1  # the frame before its first ball
        runs = wickets = balls = 0
        for over in innings["overs"]:
            for ball in over["deliveries"]:
                frame += 1
                runs += ball["runs"]["total"]
                extras = ball.get("extras", {})
                if "wides" not in extras and "noballs" not in extras:
                    balls += 1
                wickets += sum(
                    1 for w in ball.get("wickets", []) if w["kind"] not in ("retired hurt",)
                )
                yield (
                    frame - 1,
                    number,
                    ball,
                    {
                        "runs": runs,
                        "wickets": wickets,
                        "balls": balls,
                        "target": target,
                    },
                )
        target = runs + 1


def first_fifty_frames(doc: dict[str, Any]) -> dict[tuple[int, str], tuple[int, int]]:
    """(innings, batter) -> (frame where he reached 50, frame where he was first on 49)."""
    scored: dict[tuple[int, str], int] = {}
    found: dict[tuple[int, str], list[int]] = {}
    for frame, innings, ball, _ in deliveries(doc):
        key = (innings, ball["batter"])
        scored[key] = scored.get(key, 0) + ball["runs"]["batter"]
        marks = found.setdefault(key, [-1, -1])
        if scored[key] >= 50 and marks[0] < 0:
            marks[0] = frame
        if scored[key] == 49 and marks[1] < 0:
            marks[1] = frame
    return {k: (v[0], v[1]) for k, v in found.items() if v[0] >= 0}


def close_chase_frame(doc: dict[str, Any], fmt: str, s: CloseGameSettings) -> int | None:
    """The first ball after which the chase is in its last overs and within reach."""
    limit = _OVERS[fmt] * 6
    for frame, innings, _, state in deliveries(doc):
        if innings != 2:
            continue
        needed, left = state["target"] - state["runs"], limit - state["balls"]
        if needed <= 0 or left <= 0 or state["wickets"] >= 10:
            continue
        rate = needed * 6 / left
        if left <= s.cricket_overs * 6 and s.cricket_min_rate <= rate <= s.cricket_max_rate:
            return frame
    return None


def fire_all(name: str, watch: Any, frames: tuple[Snapshot, ...]) -> list[tuple[int, Moment]]:
    return [(i, m) for i, snap in enumerate(frames) for m in watch(snap)]


def close_watch(settings: CloseGameSettings = DEFAULT) -> Any:
    seen = Seen()
    return lambda snap: seen.fresh(close_game_moments(snap, settings))


# -- close games --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CRICKET)
def test_a_close_chase_fires_at_the_ball_the_scorecard_says_once(name: str) -> None:
    match = real.load(name)
    frames = snapshots(name)
    watch = close_watch()
    fired = [(i, m) for i, m in fire_all(name, watch, frames) if m.key[1] == "last_overs"]
    fmt = match.source["info"].get("match_type", "T20")
    expected = close_chase_frame(
        match.source, "T20" if fmt == "T20" else "ODI", CloseGameSettings()
    )
    assert [i for i, _ in fired] == ([expected] if expected is not None else [])
    # A reconnect sends everything again: nothing fires twice.
    assert fire_all(name, watch, frames) == []


def test_the_ipl_2019_final_is_a_close_chase_from_its_eighteenth_over() -> None:
    frames = snapshots("ipl-2019-final")
    fired = fire_all("ipl-2019-final", close_watch(), frames)
    assert [m.text for _, m in fired] == ["Close game: CSK need 38 from 18 balls"]
    assert real.load("ipl-2019-final").frames[fired[0][0]].clock == "2:16.6"


def test_the_thresholds_are_the_config_s() -> None:
    # Two overs instead of three: the IPL final fires later, at 18.0 (from the data: 2:17.6).
    settings = CloseGameSettings(cricket_overs=2)
    fired = fire_all("ipl-2019-final", close_watch(settings), snapshots("ipl-2019-final"))
    frame = real.load("ipl-2019-final").frames[fired[0][0]]
    assert frame.clock == "2:17.6"
    doc = real.load("ipl-2019-final").source
    assert fired[0][0] == close_chase_frame(doc, "T20", settings)


def test_a_chase_with_two_wickets_left_within_reach_is_close() -> None:
    # CT final 2004: West Indies 147/8 chasing 218 (the famous Bradshaw-Browne stand).
    fired = fire_all("ct-2004-final", close_watch(), snapshots("ct-2004-final"))
    kinds = [(m.key[1], real.load("ct-2004-final").frames[i].clock) for i, m in fired]
    doc = real.load("ct-2004-final").source
    eighth = next(f for f, inn, _, st in deliveries(doc) if inn == 2 and st["wickets"] == 8)
    assert kinds[0] == ("last_wickets", real.load("ct-2004-final").frames[eighth].clock)
    assert [k for k, _ in kinds].count("last_wickets") == 1


@pytest.mark.parametrize("name", SOCCER)
def test_a_level_or_one_goal_game_at_80_fires_once(name: str) -> None:
    needs(name)
    frames = snapshots(name)
    fired = fire_all(name, close_watch(), frames)
    clocks = [real.load(name).frames[i].clock for i, _ in fired]
    # The truth from StatsBomb's rows: the goals' margin at the 80th minute.
    doc = real.load(name).source
    cols = doc["columns"]
    home = away = 0
    for row in doc["events"]:
        event = dict(zip(cols, row, strict=True))
        if event["period"] == 2 and event["minute"] >= 80:
            break
        goal = event["kind"] == "shot" and (event["extra"] or {}).get("outcome") == "Goal"
        if goal or event["kind"] == "own_goal":
            side = event["team"] if event["kind"] == "shot" else 1 - event["team"]
            home, away = home + (side == 0), away + (side == 1)
    assert clocks == (["2H 80:00"] if abs(home - away) <= 1 else [])
    assert fire_all(name, close_watch(), frames[::7]) != [] or abs(home - away) > 1


# -- followed players ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CRICKET)
def test_every_fifty_and_49_fires_at_its_ball_once(name: str) -> None:
    doc = real.load(name).source
    truth = first_fifty_frames(doc)
    followed = sorted({batter for _, batter in truth})
    watch = PlayerWatch(followed)
    frames = snapshots(name)
    fired = fire_all(name, watch.observe, frames)
    fifties = {(m.key[2], m.player): i for i, m in fired if m.kind == "fifty"}
    on_49 = {(m.key[2], m.player): i for i, m in fired if m.kind == "on_49"}
    assert fifties == {k: v[0] for k, v in truth.items()}
    # On 49 only when he stood on 49 (a boundary from 47 skips it).
    assert on_49 == {k: v[1] for k, v in truth.items() if v[1] >= 0}
    assert fire_all(name, watch.observe, frames) == []


def test_a_hundred_and_99_fire_for_trescothick_at_the_oval_2004() -> None:
    watch = PlayerWatch(["Marcus Trescothick"])  # cricsheet: "ME Trescothick"
    fired = fire_all("ct-2004-final", watch.observe, snapshots("ct-2004-final"))
    clocks = {m.kind: real.load("ct-2004-final").frames[i].clock for i, m in fired}
    assert list(clocks) == ["on_49", "fifty", "on_99", "hundred"]
    assert clocks["hundred"] == "1:46.3"


def test_a_bowler_s_third_wicket_fires_at_the_ball_it_fell() -> None:
    # World Cup semi 2019: Matt Henry (cricsheet "MJ Henry") took three.
    doc = real.load("wc-2019-semi").source
    taken, third = 0, None
    for frame, _, ball, _ in deliveries(doc):
        for w in ball.get("wickets", []):
            if ball["bowler"] == "MJ Henry" and w["kind"] in ("caught", "bowled", "lbw"):
                taken += 1
                third = frame if taken == 3 else third
    watch = PlayerWatch(["Matt Henry"])
    fired = fire_all("wc-2019-semi", watch.observe, snapshots("wc-2019-semi"))
    assert [(m.kind, i) for i, m in fired] == [("three_wickets", third)]


@pytest.mark.parametrize("name", SOCCER)
def test_goals_cards_and_substitutions_fire_at_their_minute_once(name: str) -> None:
    needs(name)
    doc = real.load(name).source
    cols = doc["columns"]
    truth = []
    for row in doc["events"]:
        e = dict(zip(cols, row, strict=True))
        goal = e["kind"] == "shot" and (e["extra"] or {}).get("outcome") == "Goal"
        if goal:
            truth.append(("goal", e["player"], e["period"], e["minute"], e["second"]))
    players = sorted({t[1] for t in truth})
    watch = PlayerWatch(players)
    frames = snapshots(name)
    fired = [(i, m) for i, m in fire_all(name, watch.observe, frames) if m.kind == "goal"]
    clocks = [real.load(name).frames[i].clock for i, _ in fired]
    assert [m.player for _, m in fired] == [t[1] for t in truth]
    assert clocks == [f"{p}H {mi:02d}:{s:02d}" for _, _, p, mi, s in truth]
    assert fire_all(name, watch.observe, frames) == []


def test_a_player_coming_on_and_going_off() -> None:
    needs("turkey-italy-2021")
    watch = PlayerWatch(["Lorenzo Insigne", "Federico Chiesa"])
    fired = fire_all("turkey-italy-2021", watch.observe, snapshots("turkey-italy-2021"))
    said = [m.text for _, m in fired]
    assert said == [
        "Lorenzo Insigne goal 79'",
        "Federico Chiesa comes on 81'",
        "Lorenzo Insigne goes off 81'",
    ]


# -- the pulse ----------------------------------------------------------------------------------


def pulses(name: str) -> list[int]:
    tracker = PulseTracker()
    match = real.load(name)
    return [
        tracker.observe(s, f.at).value for s, f in zip(snapshots(name), match.frames, strict=True)
    ]


def test_the_ipl_final_s_last_over_beats_every_first_innings_ball() -> None:
    values = pulses("ipl-2019-final")
    frames = real.load("ipl-2019-final").frames
    chase_start = real.load("ipl-2019-final").index("2:start")
    last_over = [
        v
        for v, f, s in zip(values, frames, snapshots("ipl-2019-final"), strict=True)
        if f.clock.startswith("2:19.") and s.status == "live"
    ]
    assert len(last_over) == 5  # the last ball ends it
    assert min(last_over) > max(values[:chase_start])
    assert min(last_over) >= 75
    assert values[-1] == 0  # finished: nothing at stake


def test_a_level_game_late_beats_a_settled_one_late() -> None:
    needs("barcelona-girona-2018")
    needs("turkey-italy-2021")
    level = pulses("barcelona-girona-2018")  # 2-2 at 89'
    settled = pulses("turkey-italy-2021")  # 0-3 at 89'
    at = real.load("barcelona-girona-2018").index("2H 89:00")
    at2 = real.load("turkey-italy-2021").index("2H 89:00")
    assert level[at] >= 85 and settled[at2] <= 25


def test_a_goal_lifts_the_pulse_and_it_fades_within_minutes() -> None:
    needs("turkey-italy-2021")
    match = real.load("turkey-italy-2021")
    tracker = PulseTracker()
    goal = match.index("2H 52:12")  # Demiral's own goal, 0-1
    for snap, frame in zip(snapshots("turkey-italy-2021")[: goal + 1], match.frames, strict=False):
        after = tracker.observe(snap, frame.at)
    before = tracker.pulse(match.frames[goal].at + 600)  # ten minutes on: faded
    assert after.recent > 0.25 and before.recent == 0
    assert after.value > before.value + 20


@pytest.mark.parametrize("name", ["wt20-2016-final", "barcelona-girona-2018"])
def test_a_replayed_match_adds_no_bump(name: str) -> None:
    needs(name)
    match = real.load(name)
    tracker = PulseTracker()
    for snap, frame in zip(snapshots(name), match.frames, strict=True):
        tracker.observe(snap, frame.at)
    end = match.frames[-1].at + 3600
    # Everything sent again (a reconnect), an hour later: no goal, wicket or lead change is new.
    again = [tracker.observe(s, end + i).recent for i, s in enumerate(snapshots(name))]
    assert max(again) == 0


def test_one_watch_per_match_gives_every_kind_once_on_the_ipl_final() -> None:
    from scoreboard.core.watch import MatchWatch

    match = real.load("ipl-2019-final")
    watch = MatchWatch(players=["Shane Watson"], pulse_levels=[80])
    said = []
    for snap, frame in zip(snapshots("ipl-2019-final"), match.frames, strict=True):
        said += [(frame.clock, m.text) for m in watch.observe(snap, frame.at)]
    assert said == [
        ("2:15.4", "SR Watson fifty (50)"),
        ("2:16.6", "Close game: CSK need 38 from 18 balls"),
        ("2:18.2", "Pulse 89 (≥ 80): CSK need 17 from 10"),  # Dhoni... no: a wicket at 18.2
    ]
    # A reconnect sends it all again: nothing new.
    end = match.frames[-1].at
    assert [m for s in snapshots("ipl-2019-final") for m in watch.observe(s, end)] == []


@pytest.mark.parametrize("name", ["wc-2019-semi", "ct-2004-final"])
def test_in_bursts_each_fifty_fires_once_at_the_first_frame_that_shows_it(name: str) -> None:
    truth = first_fifty_frames(real.load(name).source)
    watch = PlayerWatch(sorted({batter for _, batter in truth}))
    kept = list(range(0, len(snapshots(name)), 5))  # a frame in five reaches the app
    fired = [(kept[i], m) for i, s in enumerate(snapshots(name)[::5]) for m in watch.observe(s)]
    fifties = {(m.key[2], m.player): at for at, m in fired if m.kind == "fifty"}
    assert fifties == {k: min(f for f in kept if f >= v[0]) for k, v in truth.items()}
