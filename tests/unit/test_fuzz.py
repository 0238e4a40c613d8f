"""Property-based fuzzing of the frame decoder and of what the panels draw from it.

Beyond random bytes (tests/test_feed.py), these build frames that are
*structurally valid but hostile*: the right shape with extreme numbers,
wrong types in one place, hostile text everywhere, odd nesting. For every
one, the decoder either returns a snapshot or raises `FrameError` with a
known kind and a reason that never quotes the frame; and whatever it
returns, every panel and detail view renders it without raising, inert
(no control characters or bidi overrides) and within its width.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from helpers.rendering import ACTIVE, check_rendering, check_snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.core.text import MAX_TEXT, safe_text
from scoreboard.providers.scorelytics.state import WireError, parse_message, parse_snapshot
from scoreboard.providers.sportrix.wire import FrameError, SnapshotFrame, decode_frame

KINDS = {
    "not_json",
    "not_object",
    "unknown_op",
    "missing_data",
    "bad_match_id",
    "invalid_field",
    "missing_field",
    "too_deep",
}
CANARY = "ZZcanaryZZ"
#: Examples per property; `FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py` for a deeper run.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# -- building blocks -------------------------------------------------------------------------------

hostile_fragments = st.sampled_from(
    [
        "[bold]",
        "[/]",
        "[link=https://evil.example]",
        "[@click=app.quit]",
        "\x1b[2J",
        "\x1b]0;title\x07",
        "\x9b31m",
        "\u202e",
        "\u2066",
        "\x00",
        "\r\n",
        "東京",
        "👨‍👩‍👧‍👦",
        "Z̴̡a̵",
        "x" * 300,
        CANARY,
    ]
)
#: msgspec decodes JSON integers of up to 4,300 digits (Python's default
#: `int` <-> `str` limit); longer ones are rejected as `invalid_field`.
PARSER_MAX = 10**4300 - 1
#: Unicode digits and numeric characters: `"²".isdigit()` holds and `int("²")` fails.
unicode_numbers = st.text(st.characters(categories=("Nd", "Nl", "No")), min_size=1, max_size=8)
#: Long strings, cheap to build: one fragment repeated up to 50,000 times.
huge_strings = st.builds(
    lambda text, times: text * times,
    st.sampled_from(["x", "9", "東京", "\x1b[2J", "²", "\u202e"]),
    st.integers(500, 50_000),
)
names = st.one_of(
    st.text(max_size=30),
    st.lists(hostile_fragments | st.text(max_size=5), max_size=6).map("".join),
    unicode_numbers,
    huge_strings,
)
integers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=-PARSER_MAX, max_value=PARSER_MAX),
    st.sampled_from([10**400, PARSER_MAX, -PARSER_MAX, 2**63, 2**64, 10**12, 10**12 - 1]),
)
numbers = st.one_of(
    integers,
    # What JSON can carry: a strict encoder never writes NaN or Infinity
    # (msgspec rejects them: not_json); they reach models elsewhere (below).
    st.floats(allow_nan=False, allow_infinity=False),
)
#: Whole-number fields (a float there is a type error, which the next test covers).
counts = st.one_of(st.integers(min_value=0, max_value=500), integers)
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731


def pair(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"home": values, "away": values})


events = st.lists(
    st.fixed_dictionaries(
        {
            "minute": maybe(counts),
            "added_time": maybe(counts),
            "type": st.sampled_from(["goal", "yellow_card", "substitution", "var"]) | names,
            "team": st.sampled_from(["home", "away"]) | names,
            "player": names,
            "assist": maybe(names),
            "detail": maybe(names),
        }
    ),
    max_size=6,
)

soccer = st.fixed_dictionaries(
    {
        "match_id": st.integers(min_value=1, max_value=2**31),
        "sport": st.just("soccer"),
        "status": st.sampled_from(["live", "finished", "scheduled"]) | names,
        "home": names,
        "away": names,
        "score": pair(counts),
        "clock": st.fixed_dictionaries(
            {
                "minute": counts,
                "second": counts,
                "period": st.sampled_from(["1H", "HT", "2H", "ET1", "PEN", "FT"]) | names,
                "added_time": maybe(counts),
            }
        ),
        "phase": st.fixed_dictionaries({"code": maybe(names), "label": maybe(names)}),
    },
    optional={
        "competition": maybe(names),
        "venue": maybe(names),
        "stats": st.dictionaries(
            st.sampled_from(["possession", "shots", "xg"]) | names, pair(numbers), max_size=8
        ),
        "events": events,
        "penalties": maybe(pair(counts)),
        "extra": st.recursive(st.integers(), lambda c: st.lists(c, max_size=3), max_leaves=10),
    },
)

overs = st.one_of(
    st.builds(lambda o, b: f"{o}.{b}", st.integers(0, 60), st.integers(0, 9)),
    st.builds(lambda o, b: f"{o}.{b}", st.integers(0, PARSER_MAX), unicode_numbers),
    st.builds(lambda o, b: f"{o}.{b}", unicode_numbers, st.integers(0, 9)),
    st.builds(lambda digits: "1" * digits, st.integers(1, 10_000)),
    names,
)
total = st.fixed_dictionaries({"runs": counts, "wickets": counts, "overs": overs})
batter = st.fixed_dictionaries(
    {"name": names, "runs": counts, "balls": counts},
    optional={"fours": counts, "sixes": counts, "on_strike": st.booleans()},
)
bowler = st.fixed_dictionaries(
    {"name": names, "overs": overs},
    optional={"maidens": counts, "runs": counts, "wickets": counts},
)
cricket = st.fixed_dictionaries(
    {
        "match_id": st.integers(min_value=1, max_value=2**31),
        "sport": st.just("cricket"),
        "status": st.sampled_from(["live", "finished"]) | names,
        "home": names,
        "away": names,
        "innings": counts,
        "batting": st.sampled_from(["home", "away"]) | names,
        "score": st.fixed_dictionaries({"home": maybe(total), "away": maybe(total)}),
        "over": st.fixed_dictionaries(
            {"number": counts, "ball": counts, "balls": st.lists(names, max_size=10)}
        ),
        "batsmen": st.lists(batter, max_size=3),
        "bowler": bowler,
    },
    optional={
        "format": st.sampled_from(["T20", "ODI", "Test"]) | names,
        "target": maybe(counts),
        "result": maybe(names),
        "scorecard": st.lists(
            st.fixed_dictionaries(
                {
                    "innings": counts,
                    "team": st.sampled_from(["home", "away"]),
                    "runs": counts,
                    "wickets": counts,
                    "overs": overs,
                    "batting": st.lists(
                        st.fixed_dictionaries(
                            {"name": names, "runs": counts, "balls": counts},
                            optional={"dismissal": maybe(names)},
                        ),
                        max_size=4,
                    ),
                    "bowling": st.lists(bowler, max_size=3),
                },
                optional={"extras": st.dictionaries(st.sampled_from(["byes", "wides"]), counts)},
            ),
            max_size=3,
        ),
    },
)
other_sport = st.fixed_dictionaries(
    {
        "match_id": st.integers(min_value=1, max_value=2**31),
        "sport": names | st.none(),
        "status": names,
        "home": names,
        "away": names,
    },
    optional={"score": st.recursive(numbers | names, lambda c: pair(c), max_leaves=4)},
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | names,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(names, c, max_size=3),
    max_leaves=8,
)

# -- checks ----------------------------------------------------------------------------------------


def encode(data: Any, op: str = "update") -> str:
    # allow_nan: Python writes huge floats as Infinity, which a strict server never
    # would; msgspec rejects that token, which is fine (not_json).
    return json.dumps({"op": op, "data": data}, ensure_ascii=False)


#: Terminal widths a panel or the detail view may be drawn at.
widths = st.integers(30, 200)


def decode_or_reject(raw: str | bytes) -> SnapshotFrame | None:
    try:
        frame = decode_frame(raw)
    except FrameError as exc:
        assert exc.kind in KINDS, exc.kind
        assert CANARY not in str(exc)  # a rejection never quotes the frame
        return None
    return frame if isinstance(frame, SnapshotFrame) else None


# -- properties ------------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(soccer, cricket, other_sport), st.sampled_from(["snapshot", "update"]), widths)
def test_hostile_but_well_formed_snapshots_decode_and_render_safely(
    data: dict[str, Any], op: str, width: int
) -> None:
    frame = decode_or_reject(encode(data, op))
    if frame is not None:
        assert frame.snapshot.match_id == data["match_id"]
        check_rendering(frame, width)


@FUZZ
@given(st.one_of(soccer, cricket), st.data(), widths)
def test_one_field_of_the_wrong_type_anywhere_is_rejected_or_harmless(
    data: dict[str, Any], draw: st.DataObject, width: int
) -> None:
    """Replace the value at one random path (top level or nested) with any JSON value."""
    target: Any = data
    path = []
    while isinstance(target, dict | list) and target:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = draw.draw(st.sampled_from(keys))
        path.append(key)
        if not isinstance(target[key], dict | list) or draw.draw(st.booleans()):
            target[key] = draw.draw(json_values)
            break
        target = target[key]
    frame = decode_or_reject(encode(data))
    if frame is not None:
        check_rendering(frame, width)


@FUZZ
@given(soccer, st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=3)), max_size=5))
def test_byte_level_corruption_of_a_frame_is_only_ever_a_frame_error(
    data: dict[str, Any], edits: list[tuple[int, bytes]]
) -> None:
    raw = bytearray(encode(data).encode())
    for at, chunk in edits:
        at %= len(raw)
        raw[at : at + len(chunk)] = chunk
    frame = decode_or_reject(bytes(raw))
    if frame is not None:
        check_rendering(frame)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=60_000), st.sampled_from("[{"))
def test_any_nesting_depth_is_decoded_or_rejected_without_crashing(depth: int, open_: str) -> None:
    close = "]" if open_ == "[" else "}"
    inner = '{"a":' * depth + "1" + "}" * depth if open_ == "{" else open_ * depth + close * depth
    for raw in (
        '{"op": "update", "data": ' + inner + "}",
        '{"op": "update", "data": {"match_id": 1, "status": "live", "home": "A", "away": "B", '
        '"unknown": ' + inner + "}}",
        '{"op": "error", "error": ' + inner + "}",
        '{"op": "update", "junk": ' + inner + ', "data": {"match_id": 1}}',
    ):
        decode_or_reject(raw)


@FUZZ
@given(st.text() | st.lists(hostile_fragments, max_size=8).map("".join), st.integers(1, 300))
def test_safe_text_is_inert_bounded_and_idempotent(text: str, limit: int) -> None:
    shown = safe_text(text, limit)
    assert not ACTIVE.search(shown)
    assert len(shown) <= limit
    assert safe_text(shown, limit) == shown
    if text.isprintable() and len(text) <= limit:
        assert shown == text  # ordinary text is kept exactly


def test_extreme_numbers_in_stats_render() -> None:
    """Found by fuzzing: floats the JSON can carry but arithmetic cannot."""
    base = {
        "match_id": 1,
        "sport": "soccer",
        "status": "live",
        "home": "A",
        "away": "B",
        "score": {"home": 2**62, "away": -(2**62)},
        "clock": {"minute": 2**62, "second": -1, "period": "2H", "added_time": 2**62},
        "phase": {"label": "x"},
    }
    for home, away in [(1e308, 1e308), (1e308, -1e308), (-5, 5), (0, 0), (5e-324, 0)]:
        data = {**base, "stats": {"possession": {"home": home, "away": away}}}
        frame = decode_or_reject(encode(data))
        assert frame is not None
        check_rendering(frame)
    assert math.isinf(1e308 * 10)  # the sum of two such values overflows
    assert MAX_TEXT >= 40


# -- Scorelytics: a REST parser that accepts NaN and Infinity, and socket messages --------------

rest_numbers = st.one_of(
    integers, st.floats(), st.sampled_from([float("nan"), float("inf"), -float("inf")])
)
rest_body = st.fixed_dictionaries(
    {"home_score": rest_numbers, "away_score": rest_numbers, "status_code": rest_numbers},
    optional={
        "minute": maybe(rest_numbers),
        "period": maybe(rest_numbers),
        "game_clock_secs": maybe(rest_numbers),
        "home_team": maybe(names),
        "away_team": maybe(names),
    },
)


@FUZZ
@given(rest_body, st.sampled_from(["football", "basketball"]), names, widths)
def test_scorelytics_rest_and_socket_values_render_or_are_refused_by_kind(
    body: dict[str, Any], sport: str, team: str, width: int
) -> None:
    """`json.loads` (the REST client's parser) reads NaN and Infinity; msgspec does not."""
    raw = json.dumps(body)  # NaN and Infinity as the tokens a lax server would send
    try:
        state = parse_snapshot(json.loads(raw), "abc", sport)
    except WireError as exc:
        assert exc.kind == "snapshot"
        return
    check_snapshot(state.snapshot(), width)
    update = {"home": body["home_score"], "minute": body.get("minute"), "period": 3}
    message = json.dumps({"type": "score_update", "match_id": "abc", "data": update})
    try:
        state.apply(parse_message(message))
    except WireError as exc:
        assert exc.kind in {"not_json", "malformed"}
        return
    check_snapshot(state.snapshot(), width)
