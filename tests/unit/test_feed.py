"""The contract layer: decoding, rejection, derived values, safe text."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreboard.core import derive
from scoreboard.core.models import CricketSnapshot, GenericSnapshot, SoccerSnapshot
from scoreboard.core.text import safe_text
from scoreboard.providers.sportrix.wire import ErrorFrame, FrameError, SnapshotFrame, decode_frame

SOCCER = {
    "match_id": 41282,
    "sport": "soccer",
    "status": "live",
    "home": "Arsenal",
    "away": "Chelsea",
    "competition": "Premier League",
    "score": {"home": 3, "away": 2},
    "clock": {"minute": 67, "second": 12, "period": "2H", "added_time": None},
    "phase": {"code": "2H", "label": "Second half"},
    "stats": {"possession": {"home": 56, "away": 44}, "xg": {"home": 2.31, "away": 1.12}},
    "events": [
        {
            "minute": 9,
            "added_time": None,
            "type": "goal",
            "team": "home",
            "player": "B. Saka",
            "assist": "M. Ødegaard",
            "detail": None,
        }
    ],
    "updated_at": "2026-11-21T20:41:07Z",
}

CRICKET = {
    "match_id": 41300,
    "sport": "cricket",
    "status": "live",
    "format": "T20",
    "home": "Mumbai",
    "away": "Chennai",
    "innings": 2,
    "batting": "away",
    "score": {
        "home": {"runs": 176, "wickets": 6, "overs": "20.0"},
        "away": {"runs": 145, "wickets": 3, "overs": "16.2"},
    },
    "target": 177,
    "over": {"number": 16, "ball": 2, "balls": ["1", "W"]},
    "batsmen": [
        {"name": "A", "runs": 40, "balls": 30, "fours": 3, "sixes": 1, "on_strike": True},
        {"name": "B", "runs": 2, "balls": 1, "fours": 0, "sixes": 0, "on_strike": False},
    ],
    "bowler": {"name": "C", "overs": "3.2", "maidens": 0, "runs": 30, "wickets": 2},
}


def frame(data: object, op: str = "update") -> str:
    return json.dumps({"op": op, "data": data})


def test_soccer_frame_decodes_every_contract_field() -> None:
    decoded = decode_frame(frame(SOCCER, "snapshot"))
    assert isinstance(decoded, SnapshotFrame) and decoded.op == "snapshot"
    snap = decoded.snapshot
    assert isinstance(snap, SoccerSnapshot)
    assert (snap.score.home, snap.score.away) == (3, 2)
    assert derive.clock_text(snap.clock) == "67:12"
    assert snap.stats is not None and snap.stats["xg"].home == 2.31
    assert snap.events is not None and snap.events[0].assist == "M. Ødegaard"


def test_cricket_frame_and_derived_values() -> None:
    snap = decode_frame(frame(CRICKET)).snapshot  # type: ignore[union-attr]
    assert isinstance(snap, CricketSnapshot)
    assert derive.total_text(snap.score.away) == "145/3 (16.2)"
    assert derive.chase_text(snap) == "needs 32 from 22 balls"
    assert derive.rate_text(derive.current_rate(snap)) == "8.88"
    assert derive.rate_text(derive.required_rate(snap)) == "8.73"


def test_unknown_or_missing_sport_still_decodes_with_numeric_score() -> None:
    data = {
        "match_id": 7,
        "status": "live",
        "home": "A",
        "away": "B",
        "score": {"home": 101, "away": 99},
        "sport": "curling",
    }
    snap = decode_frame(frame(data)).snapshot  # type: ignore[union-attr]
    assert isinstance(snap, GenericSnapshot) and snap.score_pair == (101, 99)
    del data["sport"]
    data["score"] = {"home": {"runs": 1}}
    snap = decode_frame(frame(data)).snapshot  # type: ignore[union-attr]
    assert isinstance(snap, GenericSnapshot) and snap.score_pair is None


def test_error_frame() -> None:
    assert decode_frame('{"op":"error","error":"match not live or not found"}') == ErrorFrame(
        "match not live or not found"
    )


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("not json", "not_json"),
        ("[1, 2]", "not_object"),
        ('{"data": {}}', "unknown_op"),
        ('{"op": "goal", "data": {}}', "unknown_op"),
        ('{"op": "update"}', "missing_data"),
        ('{"op": "update", "data": [1]}', "not_object"),
        ('{"op": "error", "error": 5}', "invalid_field"),
        (frame({**SOCCER, "match_id": "41282"}), "bad_match_id"),
        (frame({**SOCCER, "match_id": True}), "bad_match_id"),
        (frame({**SOCCER, "match_id": -1}), "bad_match_id"),
        (frame({k: v for k, v in SOCCER.items() if k != "match_id"}), "bad_match_id"),
        (frame({**SOCCER, "score": {"home": "3", "away": 2}}), "invalid_field"),
        (frame({**SOCCER, "home": None}), "invalid_field"),
        (frame({**SOCCER, "clock": None}), "missing_field"),
        (frame({**CRICKET, "batsmen": None}), "missing_field"),
        (frame({**CRICKET, "score": {"home": {"runs": "x"}}}), "invalid_field"),
        ('{"op": "update", "data": ' + "[" * 5000 + "]" * 5000 + "}", "too_deep"),
    ],
)
def test_bad_frames_are_rejected_with_a_category(raw: str, kind: str) -> None:
    with pytest.raises(FrameError) as info:
        decode_frame(raw)
    assert info.value.kind == kind


def test_rejection_reason_never_echoes_the_frame() -> None:
    secret = "[bold]sk_live_secret\x1b[31m"
    with pytest.raises(FrameError) as info:
        decode_frame(frame({**SOCCER, "score": {"home": secret, "away": 1}}))
    assert "sk_live" not in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_decoder_never_raises_anything_but_frame_error(raw: bytes | str) -> None:
    with contextlib.suppress(FrameError):
        decode_frame(raw)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={k: json_values for k in SOCCER}))
def test_mutated_snapshots_decode_or_are_rejected_cleanly(data: dict[str, object]) -> None:
    try:
        result = decode_frame(frame({**SOCCER, **data}))
    except FrameError:
        return
    assert isinstance(result, SnapshotFrame)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Arsenal", "Arsenal"),
        ("[bold red]Chelsea[/]", "[bold red]Chelsea[/]"),
        ("Evil\x1b[2J\x1b]0;title\x07FC", "EvilFC"),
        ("line\nbreak\ttab", "line break tab"),
        ("abc\u202edcba", "abcdcba"),
        ("bell\x07\x00\x9b31m", "bell"),
        ("東京ヴェルディ ⚽", "東京ヴェルディ ⚽"),
    ],
)
def test_safe_text_is_literal_and_inert(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


def test_safe_text_caps_length() -> None:
    assert len(safe_text("x" * 10_000)) == 200


@pytest.mark.parametrize(
    ("overs", "balls"), [("16.2", 98), ("20", 120), ("0.0", 0), ("3.6", None), ("x", None)]
)
def test_overs_notation(overs: str, balls: int | None) -> None:
    assert derive.overs_to_balls(overs) == balls


def test_clock_text_for_added_time_and_breaks() -> None:
    from scoreboard.core.models import Clock

    assert derive.clock_text(Clock(45, 30, "1H", 2)) == "45+2"
    assert derive.clock_text(Clock(45, 0, "HT")) == "HT"
    assert derive.clock_text(Clock(5, 3, "2H")) == "5:03"
