"""Chart data from a match's history (`core.charts`) and the charts drawn from it."""

from __future__ import annotations

import msgspec
import pytest
from rich.text import Text

from scoreboard.core.charts import ChartFeed
from scoreboard.core.charts.basketball import BasketballTracker
from scoreboard.core.charts.cricket import CricketTracker, ball_runs
from scoreboard.core.charts.soccer import SoccerTracker
from scoreboard.core.history import MatchHistory
from scoreboard.core.models import (
    BasketballSnapshot,
    Clock,
    CricketSnapshot,
    Score,
    SoccerSnapshot,
    StatPair,
)
from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.cricket import CricketEngine
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.ui.look.ascii import wants_ascii
from scoreboard.ui.render.charts import basketball, cricket, soccer
from scoreboard.ui.render.charts.canvas import since_text
from scoreboard.ui.render.charts.sections import (
    SPORTS,
    detail_charts,
    panel_line,
)
from scoreboard.ui.render.layout import blank


def _states(engine: object, model: type, limit: int = 20_000) -> list:
    snaps = [msgspec.convert(engine.snapshot(), model)]  # type: ignore[attr-defined]
    while engine.status != "finished" and len(snaps) < limit:  # type: ignore[attr-defined]
        engine.step()  # type: ignore[attr-defined]
        snaps.append(msgspec.convert(engine.snapshot(), model))  # type: ignore[attr-defined]
    return snaps


@pytest.fixture(scope="module")
def t20() -> list[CricketSnapshot]:
    return _states(CricketEngine(2, "Home XI", "Away XI", seed=5), CricketSnapshot)


@pytest.fixture(scope="module")
def ninety() -> list[SoccerSnapshot]:
    return _states(SoccerEngine(1, "Home FC", "Away FC", seed=3, tempo=1.5), SoccerSnapshot)


def _history(snaps: list, step: float = 1.0) -> MatchHistory:
    history = MatchHistory()
    for i, snap in enumerate(snaps):
        history.add(i * step, snap)
    return history


# -- cricket -----------------------------------------------------------------------------


def test_worm_and_manhattan_agree_with_the_scorecard(t20: list[CricketSnapshot]) -> None:
    tracker = ChartFeed().update(_history(t20, 20.0), t20[-1])
    assert isinstance(tracker, CricketTracker) and tracker.whole
    card = {i.innings: i for i in t20[-1].scorecard or ()}
    assert sorted(tracker.innings) == sorted(card) == [1, 2]
    for chart in tracker.ordered():
        innings = card[chart.number]
        overs = chart.over_runs()
        assert all(runs is not None for _, runs, _ in overs)
        assert sum(runs or 0 for _, runs, _ in overs) == innings.runs  # the Manhattan's bars
        assert sum(w for *_, w in overs) == innings.wickets == len(chart.fallen)
        assert chart.worm()[0] == (0, 0) and chart.worm()[-1][1] == innings.runs  # the worm
        assert sum(p.runs for p in chart.partnerships()) == innings.runs
        out = {e.name for e in innings.batting if e.dismissal and e.dismissal != "not out"}
        assert {w.batter for w in chart.fallen} == out


def test_the_chase_rates_are_the_panels_at_each_over_end(t20: list[CricketSnapshot]) -> None:
    from scoreboard.core import derive

    tracker = CricketTracker()
    expected = {}
    for i, snap in enumerate(t20):
        tracker.feed(float(i), snap)
        if snap.innings == 2 and snap.over and snap.over.number and not snap.over.balls:
            expected[snap.over.number] = (derive.current_rate(snap), derive.required_rate(snap))
    chase = tracker.innings[2]
    assert chase.target == t20[-1].target
    assert expected and all(chase.rates[over] == rates for over, rates in expected.items())


def test_a_chart_joined_mid_innings_starts_where_it_joined(t20: list[CricketSnapshot]) -> None:
    join = next(i for i, s in enumerate(t20) if s.innings == 2 and s.over and s.over.number == 7)
    join += 2  # two balls into the eighth over
    tracker = ChartFeed().update(_history(t20[join:], 20.0), t20[-1])
    assert isinstance(tracker, CricketTracker) and not tracker.whole
    assert tracker.first_clock.startswith("over 7.")
    first = tracker.innings[1]  # over before the app joined: its total, from the scorecard
    assert first.runs == t20[-1].scorecard[0].runs and not first.ends  # type: ignore[index]
    overs = tracker.innings[2].over_runs()
    assert [runs is None for _, runs, _ in overs[:7]] == [True] * 7
    # The over it joined in is known from the balls it had: the total less their runs.
    assert all(runs is not None for _, runs, _ in overs[7:])


def test_every_other_ball_missing_still_gives_each_over_it_can(
    t20: list[CricketSnapshot],
) -> None:
    full, half = CricketTracker(), CricketTracker()
    for i, snap in enumerate(t20):
        full.feed(float(i), snap)
        if i % 2 or i == len(t20) - 1:
            half.feed(float(i), snap)
    for a, b in zip(full.ordered(), half.ordered(), strict=True):
        runs = {over: r for over, r, _ in a.over_runs()}
        known = [(over, r) for over, r, _ in b.over_runs() if r is not None]
        assert len(known) >= len(runs) - 2  # an over none of whose balls came is not known
        assert all(runs[over] == r for over, r in known)
        assert len(b.fallen) == len(a.fallen)


@pytest.mark.parametrize(
    ("code", "adds"),
    [("0", (0, 0)), ("6", (6, 0)), ("W", (0, 1)), ("W+1", (1, 1)), ("wd", (1, 0)),
     ("wd4", (5, 0)), ("nb", (1, 0)), ("nb4", (5, 0)), ("lb1", (1, 0)), ("b2", (2, 0)),
     ("7x", None), ("", None), ("lb", None), ("W+", None)],
)  # fmt: skip
def test_ball_codes(code: str, adds: tuple[int, int] | None) -> None:
    assert ball_runs(code) == adds


# -- soccer ------------------------------------------------------------------------------


def _minute(minute: int, shots: tuple[int, int], on_target: tuple[int, int] = (0, 0),
            corners: tuple[int, int] = (0, 0), possession: tuple[int, int] = (50, 50)
            ) -> SoccerSnapshot:  # fmt: skip
    period = "1H" if minute < 45 else "2H"
    stats = {
        "shots": StatPair(*shots),
        "shots_on_target": StatPair(*on_target),
        "corners": StatPair(*corners),
        "possession": StatPair(*possession),
    }
    return SoccerSnapshot(
        match_id=1, status="live", home="H", away="A", score=Score(0, 0),
        clock=Clock(minute=minute, second=30, period=period), stats=stats,
    )  # fmt: skip


def test_the_momentum_index_as_docs_charts_md_has_it() -> None:
    tracker = SoccerTracker()
    states = [
        _minute(0, (0, 0)),
        _minute(1, (1, 0)),  # a shot off target: 1
        _minute(2, (2, 0), on_target=(1, 0)),  # a shot on target: 2, plus half of 1
        _minute(3, (2, 0), corners=(0, 1)),  # away's corner: 0.5; home's pressure halves
        _minute(4, (2, 0), corners=(0, 1)),
    ]
    for i, snap in enumerate(states):
        tracker.feed(float(i), snap)
    momentum = {slot[1]: (round(h, 3), round(a, 3)) for slot, h, a in tracker.momentum()}
    assert momentum == {
        0: (0.0, 0.0),
        1: (1.0, 0.0),
        2: (2.5, 0.0),
        3: (1.25, 0.5),
        4: (0.625, 0.25),
    }


def test_possession_counts_only_when_one_side_has_more_of_the_ball() -> None:
    tracker = SoccerTracker()
    for i, minute in enumerate(range(0, 10)):
        tracker.feed(float(i), _minute(minute, (0, 0), possession=(75, 25)))
    home, away = tracker.momentum()[-1][1:]
    assert away == 0.0 and home == pytest.approx(1.0, abs=0.01)  # 2 * 0.75 - 1, carried


def test_incremental_feed_equals_rebuilding_from_history(ninety: list[SoccerSnapshot]) -> None:
    history, feed = MatchHistory(), ChartFeed()
    for i, snap in enumerate(ninety):
        history.add(float(i), snap)
        if i % 7 == 0 or i == len(ninety) - 1:
            tracker = feed.update(history, snap)
    again = ChartFeed().update(history, ninety[-1])
    assert isinstance(tracker, SoccerTracker) and isinstance(again, SoccerTracker)
    assert tracker.minutes == again.minutes and tracker.momentum() == again.momentum()
    assert len(tracker.minutes) >= 95  # every minute, stoppage included
    assert tracker.xg()[-1][1:] == (
        ninety[-1].stats["xg"].home,  # type: ignore[index]
        ninety[-1].stats["xg"].away,  # type: ignore[index]
    )


def test_a_delayed_panel_charts_nothing_it_does_not_show(ninety: list[SoccerSnapshot]) -> None:
    history, feed = MatchHistory(), ChartFeed()
    for i, snap in enumerate(ninety[:3000]):
        history.add(float(i), snap)
    shown = ninety[2000]  # 45 s delay and more: the panel is well behind
    tracker = feed.update(history, shown, behind=True)
    assert isinstance(tracker, SoccerTracker) and shown.clock is not None
    last = list(tracker.minutes)[-1]
    assert last == ("1H" if shown.clock.period == "1H" else "2H", shown.clock.minute, 0) or (
        last[2] == shown.clock.added_time
    )
    feed.update(history, ninety[2999], behind=True)  # caught up: the rest comes in
    assert len(tracker.minutes) > list(tracker.minutes).index(last) + 10


def test_a_clock_that_goes_back_neither_stalls_nor_decodes_every_paint(
    ninety: list[SoccerSnapshot],
) -> None:
    history, feed = MatchHistory(), ChartFeed()
    for i, snap in enumerate(ninety[3000:3100] + ninety[:100]):  # 2H, then 1H again
        history.add(float(i), snap)
        feed.update(history, snap)
    assert feed.rebuilt == 0  # every paint took the newest state, decoding nothing
    tracker = feed.tracker
    assert isinstance(tracker, SoccerTracker)
    assert ninety[99].clock is not None and ("1H", ninety[99].clock.minute, 0) in tracker.minutes


def test_a_state_the_history_has_not_kept_yet_is_charted_once(
    ninety: list[SoccerSnapshot],
) -> None:
    history, feed = MatchHistory(), ChartFeed()
    for i, snap in enumerate(ninety[:600]):
        history.add(float(i), snap)
    tracker = feed.update(history, ninety[700])  # the panel's newest, still waiting
    assert isinstance(tracker, SoccerTracker)
    version = tracker.version
    assert feed.update(history, ninety[700]) is tracker and tracker.version == version


# -- basketball --------------------------------------------------------------------------


def test_the_lead_tracker_follows_the_margin_period_by_period() -> None:
    engine = BasketballEngine(3, "H", "A", seed=4)
    tracker = BasketballTracker()
    for i, snap in enumerate(_states(engine, BasketballSnapshot)):
        tracker.feed(float(i), snap)
    assert tracker.whole and [p.number for p in tracker.ordered()][:4] == [1, 2, 3, 4]
    last = tracker.ordered()[-1]
    assert last.points[-1][1] == engine.score[0] - engine.score[1]


# -- drawing -----------------------------------------------------------------------------


ASCII = {chr(c) for c in range(32, 127)}


@pytest.fixture(scope="module")
def trackers(t20: list, ninety: list) -> list[tuple[object, object]]:
    """Each sport's tracker, from the start and joined half-way, with its last state."""
    bball = _states(BasketballEngine(3, "Boston", "Lakers", seed=4), BasketballSnapshot)
    out = []
    for snaps, step in ((t20, 20.0), (ninety, 1.0), (bball, 1.0)):
        out.append((ChartFeed().update(_history(snaps, step), snaps[-1]), snaps[-1]))
        middle = snaps[len(snaps) // 2 :]  # joined half-way: "since"
        out.append((ChartFeed().update(_history(middle, step), middle[-1]), middle[-1]))
    return out


@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("width", [30, 60, 80, 106])
def test_every_chart_line_is_exactly_as_wide_as_asked(
    trackers: list, width: int, ascii: bool
) -> None:
    for tracker, snap in trackers:
        for _, draw in SPORTS[type(snap)].charts:
            lines = draw(tracker, snap, width, ascii, None)
            assert lines and all(isinstance(line, Text) for line in lines)
            assert {line.cell_len for line in lines} == {width}
            if ascii:  # besides the wire's own text (`c †Root`), and `…` for cut text
                wire = set(msgspec.json.encode(snap).decode()) | {"…"}
                assert all(set(line.plain) <= wire | ASCII for line in lines)
        line = SPORTS[type(snap)].line(tracker, snap, width, ascii)
        assert line is not None and line.cell_len == width


def test_a_chart_says_since_when_it_starts_mid_match(trackers: list) -> None:
    for tracker, snap in trackers:
        first = detail_charts([], tracker, snap, ascii=False)[0].line(1, 80).plain  # type: ignore[arg-type]
        assert ("since" in first) is (not tracker.whole), first  # type: ignore[attr-defined]


def test_since_text_is_in_the_time_zone_given() -> None:
    from datetime import UTC, timedelta, timezone

    assert since_text(0.0, "58'", UTC) == "since 00:00 (58')"
    assert since_text(0.0, "", timezone(timedelta(hours=5, minutes=30))) == "since 05:30"
    assert since_text(1e300, "") == "since ?"


def test_the_panel_line_takes_the_blank_under_the_score(ninety: list) -> None:
    tracker = ChartFeed().update(_history(ninety), ninety[-1])
    lines = [Text("score"), Text("clock"), blank(40), Text("stats")]
    drawn = panel_line(lines, tracker, ninety[-1], 40, ascii=False)
    assert drawn[:2] == lines[:2] and drawn[3] is lines[3] and drawn[2] is not lines[2]
    assert panel_line(lines, tracker, ninety[-1], 40, ascii=False)[2] is drawn[2]  # kept
    crowded = [Text("score"), Text("clock"), Text("note"), Text("stats")]
    assert panel_line(crowded, tracker, ninety[-1], 40, ascii=False) == crowded


def test_charts_of_hostile_numbers_draw_without_raising() -> None:
    inf = float("inf")
    snaps = [
        SoccerSnapshot(
            match_id=1, status="live", home="H" * 500, away="\x1b[31mA", score=Score(10**400, -3),
            clock=Clock(minute=m, second=-5, period=p, added_time=a),
            stats={"shots": StatPair(10**400, -1), "xg": StatPair(inf, float("nan")),
                   "possession": StatPair(0, 0), "corners": StatPair(1e308, 1e308)},
        )
        for m, p, a in ((3, "1H", None), (45, "1H", 10**6), (-7, "2H", None), (200, "ET2", 2))
    ]  # fmt: skip
    tracker = SoccerTracker()
    for i, snap in enumerate(snaps):
        tracker.feed(float(i), snap)
    for draw in (soccer.momentum_lines, soccer.xg_lines, soccer.timeline_lines):
        for ascii in (False, True):
            assert {line.cell_len for line in draw(tracker, snaps[-1], 70, ascii)} == {70}
    bad = CricketSnapshot.__struct_fields__  # every field present: decode a hostile frame
    assert "scorecard" in bad
    frame = {
        "match_id": 2, "status": "live", "home": "H", "away": "A", "innings": 10**9,
        "batting": "home", "target": -4, "format": "T20",
        "score": {"home": {"runs": 10**400, "wickets": 99, "overs": "999999.5"}},
        "over": {"number": -1, "ball": 9, "balls": ["W+9", "nb99", "?"]},
    }  # fmt: skip
    hostile = msgspec.convert(frame, CricketSnapshot)
    tracker_c = CricketTracker()
    tracker_c.feed(0.0, hostile)
    for cdraw in (cricket.worm_lines, cricket.manhattan_lines, cricket.chase_lines):
        assert {line.cell_len for line in cdraw(tracker_c, hostile, 60, False)} <= {60}
    assert cricket.overs_spark(tracker_c, 40, False).cell_len == 40
    game = BasketballSnapshot(
        match_id=3, status="live", home="H", away="A", score=Score(10**400, 0), period=25,
        game_clock_secs=10**9,
    )  # fmt: skip
    tracker_b = BasketballTracker()
    tracker_b.feed(0.0, game)
    assert {line.cell_len for line in basketball.lead_lines(tracker_b, game, 50, False)} == {50}


@pytest.mark.parametrize(
    ("environ", "ascii"),
    [({"TERM": "linux"}, True), ({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8"}, False),
     ({"TERM": "xterm", "LANG": "C"}, True), ({"TERM": "vt220"}, True),
     ({"LC_ALL": "de_DE.ISO-8859-1", "LANG": "de_DE.UTF-8"}, True), ({}, False)],
)  # fmt: skip
def test_terminals_that_cannot_draw_braille_get_ascii_charts(
    environ: dict[str, str], ascii: bool
) -> None:
    assert wants_ascii(environ) is ascii
