"""Scorelytics wire format → normalised state: parsing, merge rules, status codes. Pure."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreboard.core import derive
from scoreboard.core.models import BasketballSnapshot, Score, SoccerSnapshot
from scoreboard.providers.scorelytics.state import (
    MatchState,
    ScoreUpdate,
    StatusChange,
    WireError,
    parse_message,
    parse_snapshot,
    status_text,
)
from scoreboard.ui.render.basketball import game_clock

FOOTBALL = {
    "id": "abc123",
    "sport": "football",
    "home_team": "AC Milan",
    "away_team": "Napoli",
    "home_score": 2,
    "away_score": 1,
    "status_code": 2,
    "minute": 67,
}
BASKETBALL = {
    "id": "xyz789",
    "sport": "basketball",
    "home_team": "Boston Celtics",
    "away_team": "Los Angeles Lakers",
    "home_score": 84,
    "away_score": 81,
    "status_code": 2,
    "period": 25,
    "game_clock_secs": 180,
}


def msg(kind: str, data: object, match_id: object = "abc123") -> str:
    return json.dumps({"type": kind, "match_id": match_id, "data": data})


def test_football_snapshot_normalises_to_soccer_with_a_minute_only_clock() -> None:
    snap = parse_snapshot(FOOTBALL, "abc123", "football").snapshot()
    assert isinstance(snap, SoccerSnapshot)
    assert (snap.match_id, snap.sport, snap.status) == ("abc123", "soccer", "live")
    assert (snap.home, snap.away, snap.score) == ("AC Milan", "Napoli", Score(2, 1))
    assert derive.clock_text(snap.clock) == "67'"


def test_basketball_snapshot_keeps_the_period_as_sent_and_the_clock_in_seconds() -> None:
    snap = parse_snapshot(BASKETBALL, "xyz789", "basketball").snapshot()
    assert isinstance(snap, BasketballSnapshot)
    assert (snap.sport, snap.period, snap.game_clock_secs) == ("basketball", 25, 180)
    assert game_clock(snap.game_clock_secs) == "3:00"
    assert snap.score == Score(84, 81)


@pytest.mark.parametrize(
    ("code", "text"), [(1, "scheduled"), (2, "live"), (3, "finished"), (7, "status 7")]
)
def test_status_codes(code: int, text: str) -> None:
    assert status_text(code) == text
    body = {**FOOTBALL, "status_code": code}
    assert parse_snapshot(body, "abc123", "football").snapshot().status == text


@pytest.mark.parametrize("names", [{}, {"home_team": None, "away_team": ""}, {"home_team": 7}])
def test_missing_team_names_show_as_home_and_away(names: dict[str, object]) -> None:
    body = {k: v for k, v in FOOTBALL.items() if k not in ("home_team", "away_team")}
    snap = parse_snapshot({**body, **names}, "abc123", "football").snapshot()
    assert (snap.home, snap.away) == ("Home", "Away")


def test_a_scheduled_match_without_a_minute_has_no_clock() -> None:
    body = {**FOOTBALL, "status_code": 1, "minute": None}
    snap = parse_snapshot(body, "abc123", "football").snapshot()
    assert isinstance(snap, SoccerSnapshot)
    assert snap.clock is None and derive.clock_text(snap.clock) == ""


@pytest.mark.parametrize(
    "body",
    [
        [],
        "x",
        {**FOOTBALL, "id": "other"},
        {k: v for k, v in FOOTBALL.items() if k != "home_score"},
        {**FOOTBALL, "away_score": "1"},
        {**FOOTBALL, "status_code": True},
        {**FOOTBALL, "minute": -1},
        {**FOOTBALL, "minute": 6.5},
    ],
)
def test_malformed_snapshots_are_refused(body: object) -> None:
    with pytest.raises(WireError) as info:
        parse_snapshot(body, "abc123", "football")
    assert info.value.kind == "snapshot"


def test_score_update_merges_and_absent_fields_keep_their_last_value() -> None:
    state = parse_snapshot(FOOTBALL, "abc123", "football")
    assert state.apply(parse_message(msg("score_update", {"home": 3, "away": 1, "minute": 70})))
    assert (state.home_score, state.away_score, state.minute) == (3, 1, 70)
    # Only the minute: the score stays (the page's JS would set it to undefined).
    assert state.apply(parse_message(msg("score_update", {"minute": 71})))
    assert (state.home_score, state.away_score, state.minute) == (3, 1, 71)
    # null is "absent", as the page's `??` treats it.
    assert state.apply(parse_message(msg("score_update", {"home": None, "away": 2})))
    assert (state.home_score, state.away_score, state.minute) == (3, 2, 71)
    assert not state.apply(parse_message(msg("score_update", {})))
    assert not state.apply(parse_message(msg("score_update", {"home": 3, "away": 2})))


def test_basketball_updates_carry_period_and_game_clock() -> None:
    state = parse_snapshot(BASKETBALL, "xyz789", "basketball")
    update = {"home": 86, "away": 81, "period": 25, "game_clock_secs": 151}
    state.apply(parse_message(msg("score_update", update, "xyz789")))
    snap = state.snapshot()
    assert isinstance(snap, BasketballSnapshot)
    assert (snap.score, snap.period, snap.game_clock_secs) == (Score(86, 81), 25, 151)
    state.apply(parse_message(msg("score_update", {"game_clock_secs": 150}, "xyz789")))
    assert (state.home_score, state.period, state.game_clock_secs) == (86, 25, 150)


def test_status_change_sets_the_new_code_whatever_the_old_one() -> None:
    state = parse_snapshot(FOOTBALL, "abc123", "football")
    assert parse_message(msg("status_change", {"from": 2, "to": 3})) == StatusChange("abc123", 2, 3)
    assert state.apply(parse_message(msg("status_change", {"from": 1, "to": 3})))
    assert state.finished and state.snapshot().status == "finished"
    assert not state.apply(parse_message(msg("status_change", {"to": 3})))


def test_numeric_match_ids_are_read_as_text() -> None:
    assert parse_message(msg("score_update", {"home": 1}, 42)) == ScoreUpdate(
        "42", {"home_score": 1}
    )


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b'{"type": "score_update"}', "binary"),
        ("{not json", "not_json"),
        ("[1, 2]", "malformed"),
        ('{"match_id": "abc123", "data": {}}', "malformed"),
        (msg("goal", {}), "unknown_type"),
        (msg("score_update", {}, None), "malformed"),
        (msg("score_update", {}, ""), "malformed"),
        (msg("score_update", [1]), "malformed"),
        (msg("score_update", {"home": "2"}), "malformed"),
        (msg("score_update", {"home": 2.5}), "malformed"),
        (msg("score_update", {"home": False}), "malformed"),
        (msg("score_update", {"game_clock_secs": -3}), "malformed"),
        (msg("status_change", {"from": 2}), "malformed"),
        (msg("status_change", {"from": "2", "to": 3}), "malformed"),
    ],
)
def test_malformed_messages_are_rejected_with_a_kind(raw: str | bytes, kind: str) -> None:
    with pytest.raises(WireError) as info:
        parse_message(raw)
    assert info.value.kind == kind
    assert "abc123" not in info.value.reason  # never quotes the message


def test_a_rejected_message_changes_nothing() -> None:
    state = parse_snapshot(FOOTBALL, "abc123", "football")
    before = MatchState(**{f: getattr(state, f) for f in MatchState.__dataclass_fields__})
    with pytest.raises(WireError):
        state.apply(parse_message(msg("score_update", {"home": 9, "away": "x"})))
    assert state == before


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_no_input_crashes_the_parser(raw: str | bytes) -> None:
    with contextlib.suppress(WireError):
        parse_message(raw)


@given(
    st.dictionaries(
        st.sampled_from(["home", "away", "minute", "period", "game_clock_secs", "extra"]),
        st.one_of(st.none(), st.integers(-5, 500), st.text(max_size=3), st.booleans()),
    )
)
def test_merge_applies_a_message_whole_or_not_at_all(data: dict[str, object]) -> None:
    state = parse_snapshot(BASKETBALL, "xyz789", "basketball")
    fields = ("home_score", "away_score", "period", "game_clock_secs", "minute")
    old = {f: getattr(state, f) for f in fields}
    try:
        message = parse_message(msg("score_update", data, "xyz789"))
    except WireError:
        assert {f: getattr(state, f) for f in fields} == old
        return
    state.apply(message)
    keys = {"home": "home_score", "away": "away_score"}
    for key, value in data.items():
        field = keys.get(key, key)
        if field in fields:
            assert getattr(state, field) == (old[field] if value is None else value)
