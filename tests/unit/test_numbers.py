"""Every number the wire can carry renders, or its frame is rejected by name.

The four inputs that used to crash the app (issue 11) are regression cases
here, at the model and renderer level; `tests/app/test_hostile_numbers.py` sends them
through the real app and simulator.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from helpers.rendering import check_rendering, check_snapshot

from scoreboard.core import derive
from scoreboard.core.models import GenericSnapshot, Score, SoccerSnapshot, StatPair
from scoreboard.providers.scorelytics.state import WireError, parse_snapshot
from scoreboard.providers.sportrix.wire import FrameError, decode_frame
from scoreboard.ui.render.common import bar, home_share

HUGE = 10**400
OVERS_5000 = "1" * 5000

SOCCER: dict[str, Any] = {
    "match_id": 41282,
    "sport": "soccer",
    "status": "live",
    "home": "Arsenal",
    "away": "Chelsea",
    "score": {"home": 3, "away": 2},
    "clock": {"minute": 67, "second": 12, "period": "2H"},
    "phase": {"code": "2H", "label": "Second half"},
    "stats": {"possession": {"home": 56, "away": 44}},
}
CRICKET: dict[str, Any] = {
    "match_id": 41300,
    "sport": "cricket",
    "status": "live",
    "format": "T20",
    "home": "Mumbai",
    "away": "Chennai",
    "innings": 2,
    "batting": "away",
    "target": 177,
    "score": {
        "home": {"runs": 176, "wickets": 6, "overs": "20.0"},
        "away": {"runs": 145, "wickets": 3, "overs": "16.2"},
    },
    "over": {"number": 16, "ball": 2, "balls": ["1", "W"]},
    "batsmen": [{"name": "A", "runs": 40, "balls": 30, "on_strike": True}],
    "bowler": {"name": "C", "overs": "3.2", "runs": 30, "wickets": 1},
    "scorecard": [
        {"innings": 1, "team": "home", "runs": 176, "wickets": 6, "overs": "20.0",
         "batting": [{"name": "A", "runs": 40, "balls": 30}],
         "bowling": [{"name": "C", "overs": "4.0", "runs": 30, "wickets": 1}]},
    ],
}  # fmt: skip


def frame(data: dict[str, Any]) -> str:
    return json.dumps({"op": "update", "data": data})


def with_batting_total(runs: int, overs: str) -> dict[str, Any]:
    score = {**CRICKET["score"], "away": {"runs": runs, "wickets": 3, "overs": overs}}
    bowler = {**CRICKET["bowler"], "runs": runs, "overs": overs}
    return {**CRICKET, "score": score, "bowler": bowler}


# -- the four inputs of the issue ----------------------------------------------------------------


def test_a_soccer_stat_of_ten_to_the_400_renders() -> None:
    data = {
        **SOCCER,
        "stats": {"shots": {"home": HUGE, "away": 3}, "xg": {"home": 1.5, "away": HUGE}},
    }
    lines = check_rendering(decode_frame(frame(data)), 80)
    shots = next(line for line in lines if "Shots" in line)
    assert "1.0e400" in shots and "3" in shots


def test_cricket_runs_of_ten_to_the_400_render_without_a_run_rate() -> None:
    lines = check_rendering(decode_frame(frame(with_batting_total(HUGE, "16.2"))), 80)
    text = "\n".join(lines)
    assert "1.0e400/3 (16.2)" in text
    assert "CRR" not in text  # too large for a float: no rate rather than a crash


@pytest.mark.parametrize("overs", ["16.²", "١٦.2", "16.٢", "²", "Ⅻ.1"])
def test_overs_in_unicode_digits_are_shown_but_not_counted(overs: str) -> None:
    assert overs.replace(".", "").isdigit() or not overs.isascii()
    assert derive.overs_to_balls(overs) is None
    lines = check_rendering(decode_frame(frame(with_batting_total(145, overs))), 80)
    assert f"145/3 ({overs})" in "\n".join(lines)


def test_an_overs_string_of_5000_digits_renders_cut_short() -> None:
    assert derive.overs_to_balls(OVERS_5000) is None  # int() would refuse it
    assert derive.overs_to_balls(OVERS_5000 + ".2") is None
    lines = check_rendering(decode_frame(frame(with_batting_total(145, OVERS_5000))), 30, 80)
    assert "145/3 (11111111111…)" in "\n".join(lines)


# -- the parser's limits -------------------------------------------------------------------------


def test_integers_past_the_parsers_limit_are_rejected_by_name() -> None:
    raw = frame({**SOCCER, "score": {"home": 918273, "away": 0}}).replace("918273", "1" * 4301)
    with pytest.raises(FrameError) as caught:
        decode_frame(raw)
    assert caught.value.kind == "invalid_field"
    largest = {**SOCCER, "score": {"home": 10**4300 - 1, "away": 0}}
    lines = check_rendering(decode_frame(frame(largest)), 80)
    assert "9.9e4299 - 0" in "\n".join(lines)


def test_floats_past_the_double_range_are_rejected_by_name() -> None:
    raw = frame(SOCCER).replace('"home": 56', '"home": 1e400')
    with pytest.raises(FrameError) as caught:
        decode_frame(raw)
    assert caught.value.kind == "invalid_field"


@pytest.fixture
def short_int_strings() -> Iterator[None]:
    """A process whose `int` <-> `str` limit is lower than msgspec's (PYTHONINTMAXSTRDIGITS)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    yield
    sys.set_int_max_str_digits(limit)


def test_huge_integers_render_whatever_the_int_string_limit(short_int_strings: None) -> None:
    snap = SoccerSnapshot(
        match_id=1, status="live", home="A", away="B", score=Score(10**4000, -(10**700)),
        stats={"shots": StatPair(10**4000, 1)},
    )  # fmt: skip
    assert "1.0e4000 - -1.0e700" in "\n".join(check_snapshot(snap, 80))


# -- what no JSON parser here accepts, but a model may hold --------------------------------------


@pytest.mark.parametrize(
    ("home", "away"),
    [
        (float("nan"), 1),
        (float("inf"), 1),
        (float("-inf"), float("inf")),
        (HUGE, 1.5),
        (1e308, 1e308),
    ],
)
def test_any_float_in_a_stat_or_a_score_renders(home: float, away: float) -> None:
    soccer = SoccerSnapshot(
        match_id=1, status="live", home="A", away="B", score=Score(0, 0),
        stats={"possession": StatPair(home, away), "xg": StatPair(away, home)},
    )  # fmt: skip
    check_snapshot(soccer, 80)
    generic = GenericSnapshot(match_id=1, status="live", home="A", away="B",
                              score={"home": home, "away": away})  # fmt: skip
    check_snapshot(generic, 80)


def test_scorelytics_rest_numbers_that_are_not_whole_counts_are_refused() -> None:
    for token in ("NaN", "Infinity", "-Infinity", "1e400", "2.5"):
        body = json.loads(f'{{"home_score": {token}, "away_score": 1, "status_code": 2}}')
        with pytest.raises(WireError) as caught:
            parse_snapshot(body, "abc", "football")
        assert caught.value.kind == "snapshot"
    state = parse_snapshot(
        {"home_score": HUGE, "away_score": 1, "status_code": 2}, "abc", "football"
    )
    assert "1.0e400 - 1" in "\n".join(check_snapshot(state.snapshot(), 80))


# -- the formatting helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (-7, "-7"), (10**12 - 1, "999999999999"), (10**12, "1.0e12"), (HUGE, "1.0e400"),
     (HUGE - 1, "9.9e399"), (-(10**4299) * 7, "-7.0e4299")],
)  # fmt: skip
def test_count_text_is_exact_for_ordinary_numbers_and_short_for_huge_ones(
    value: int, text: str
) -> None:
    assert derive.count_text(value) == text


def test_number_text_for_floats() -> None:
    assert derive.number_text(2.31, decimals=2) == "2.31"
    assert derive.number_text(3.0) == "3"
    assert derive.number_text(1e308) == "1.0e308"
    assert derive.number_text(float("nan")) == "NaN"
    assert derive.number_text(float("-inf")) == "-∞"


def test_rates_too_large_for_a_float_are_none() -> None:
    assert derive.run_rate(HUGE, 98) is None
    assert derive.strike_rate(HUGE, 1) is None
    assert derive.run_rate(145, 98) == pytest.approx(8.877, abs=1e-3)
    assert derive.rate_text(None) == "-"


def test_bars_split_exactly_whatever_the_size() -> None:
    assert home_share(HUGE, 0) == 1
    assert home_share(HUGE, 1.5) is not None and home_share(HUGE, 1.5) > 0.99  # type: ignore[operator]
    assert home_share(1e308, 1e308) == 0.5
    assert home_share(float("nan"), 1) is None
    assert home_share(0, 0) is None
    assert home_share(-1, 3) is None
    assert bar(3, 1, 8).spans[0].end == 6
