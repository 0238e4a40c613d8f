"""The fuzz test of everything from outside that is not a frame (issue 24, "Done when").

Hypothesis fills every string field of catalog entries, REST live answers,
recording lines and state files with control characters, escape sequences,
bidi marks, huge and nested values. Two halves:

- in process, many examples: each input goes where the app takes it in (the
  providers' catalog parsing, Live now's rows, the recording reader, the
  state readers) and must neither raise nor yield text a terminal would act on;
- through the real CLI on a pty, a few examples: a hostile loopback REST
  server answers the catalog and the polled live answers, the app shows them
  (and Live now), quits cleanly, and neither the pty's bytes, the log, nor
  `--once`'s stdout hold a control byte from outside.

The default run keeps to ~20 s; `pytest -m soak` (FUZZ_SOAK_EXAMPLES) runs more.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from helpers.hostile_rest import HostileRest
from helpers.terminal import TerminalRun
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from scoreboard.providers.registry import PROVIDERS
from scoreboard.providers.scorelytics.provider import _summary as scorelytics_summary
from scoreboard.providers.sportrix.provider import _summary as sportrix_summary
from scoreboard.recording.format import MAGIC, VERSION
from scoreboard.recording.reader import RecordingError, read_recording
from scoreboard.sim.runner import SimulatorThread
from scoreboard.state import load_session, read_json
from scoreboard.ui.render.live_now import grouped, kickoff_text, row_text

#: What a terminal, a log reader or `jq -r` would act on: C0 (but newline and tab),
#: DEL, C1, bidi overrides and isolates, line and paragraph separators.
ACTIVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
ACTIVE_ONE_LINE = re.compile(ACTIVE.pattern[:-1] + "\n\t]")

FRAGMENTS = [
    "\x1b]0;PWNED\x07",
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]9;PWNED\x07",
    "\x1bP+q544e\x1b\\",
    "\x1b_PWNED\x1b\\",
    "\x9d0;PWNED\x9c",
    "\x9b2J",
    "\x1b[2J",
    "\x1b",
    "\x07",
    "\x00",
    "\x85",
    "\u2028",
    "\u202e",
    "\u2066",
    "\r\n",
    "[bold]",
    "²",
    "東京",
    "x" * 300,
]
hostile_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=6).map("".join),
    st.text(max_size=20),
    st.builds(
        lambda s, n: s * n, st.sampled_from(["x", "\x1b]0;", "\u202e"]), st.integers(1, 5000)
    ),
)
hostile_value = st.recursive(
    st.one_of(
        hostile_text,
        st.integers(-(2**70), 2**70),
        st.sampled_from([10**400, -(10**400), 2**64, 1e308, True, None]),
        st.floats(allow_nan=False),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
#: A catalog entry: usable ids and shapes, every other field anything.
CATALOG_FIELDS = ("sport", "status", "home", "away", "competition", "start_time", "result")
catalog_entry = st.fixed_dictionaries(
    {"match_id": st.integers(1, 10**6)},
    optional={
        **{name: hostile_value for name in CATALOG_FIELDS},
        **{name: hostile_text for name in CATALOG_FIELDS},
        "start_time": st.sampled_from(
            ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59Z"]
        )
        | hostile_text,
        "score": hostile_value,
        "clock": hostile_value,
    },
)
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SOAK = settings(FUZZ, max_examples=int(os.environ.get("FUZZ_SOAK_EXAMPLES", "2000")))


def inert(text: str) -> bool:
    return not ACTIVE_ONE_LINE.search(text)


def shown(renderable: object) -> str:
    console = Console(width=200, color_system=None, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text().rstrip("\n")


# -- in process, many examples -----------------------------------------------------------


def check_catalog(entries: list[dict[str, Any]]) -> None:
    summaries = [s for item in entries if (s := sportrix_summary(item)) is not None]
    summaries += [
        s for item in entries for sport in ("football",) if (s := scorelytics_summary(item, sport))
    ]
    for summary in summaries:
        for name in summary.__struct_fields__:
            value = getattr(summary, name)
            assert not isinstance(value, str) or inert(value), (name, value)
    for tz in (UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))):
        for heading, rows in grouped(summaries, lambda e: e.ref.id == 1):
            assert inert(heading)
            for entry in rows:
                kickoff_text(entry, 1.8e9, tz)
                row = row_text(entry, live=None, now=1.8e9, tz=tz, shown=False, followed=False)
                assert inert(row.plain)
                assert inert(shown(row))


@FUZZ
@given(st.lists(catalog_entry, max_size=6))
def test_hostile_catalogs_parse_and_render_inert(entries: list[dict[str, Any]]) -> None:
    check_catalog(entries)


recording_line = st.one_of(
    st.fixed_dictionaries(
        {"t": st.floats(allow_nan=False) | hostile_value, "p": hostile_text | st.just("sportrix")},
        optional={
            "k": hostile_text | st.sampled_from(["frame", "snapshot", "message"]),
            "raw": hostile_value,
            "json": hostile_value,
            "b64": hostile_value,
            "m": hostile_value,
            "s": hostile_value,
        },
    ).map(json.dumps),
    hostile_text,
    st.builds(lambda n: "[" * n + "]" * n, st.integers(1000, 200_000)),
)


def check_recording(tmp: Path, name: str, lines: list[str]) -> None:
    path = tmp / name
    header = json.dumps({"recording": MAGIC, "version": VERSION, "matches": ["41282"]})
    path.write_text("\n".join([header, *lines]) + "\n", errors="surrogatepass")
    try:
        recording = read_recording(path, PROVIDERS)
    except RecordingError as exc:
        assert inert(str(exc)), str(exc)
        return
    assert inert(recording.report())


@FUZZ
@given(st.lists(recording_line, max_size=5), hostile_text)
def test_hostile_recordings_read_without_crashing(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], name: str
) -> None:
    tmp = tmp_path_factory.mktemp("rec")
    safe_name = (name.replace("/", "_").replace("\x00", "_") or "x")[:40] + ".jsonl"
    try:
        check_recording(tmp, safe_name, lines)
    except UnicodeEncodeError:  # a lone surrogate cannot be a file's name here
        check_recording(tmp, "rec.jsonl", lines)


state_bytes = st.one_of(
    st.binary(max_size=200),
    hostile_value.map(lambda v: json.dumps({"matches": v, "density": v, "focus": v}).encode()),
    st.builds(lambda n: b"[" * n, st.integers(1000, 200_000)),
    st.builds(lambda n: b'{"matches": ' + b"[" * n, st.integers(1000, 200_000)),
)


@FUZZ
@given(state_bytes)
def test_hostile_state_files_never_stop_a_start(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    tmp = tmp_path_factory.mktemp("state")
    for reader in (read_json, load_session):
        path = tmp / "state.json"
        path.write_bytes(data)
        result = reader(path)
        if isinstance(result, tuple) and result[1]:
            assert inert(result[1])


@pytest.mark.soak
@SOAK
@given(st.lists(catalog_entry, max_size=10))
def test_soak_hostile_catalogs(entries: list[dict[str, Any]]) -> None:
    check_catalog(entries)


# -- through the real CLI, a few examples ---------------------------------------------------


def hostile_strings(value: Any, text: str, keep: frozenset[str]) -> Any:
    """`value` with every string in it (but those under `keep` keys) made `text`."""
    if isinstance(value, dict):
        return {k: v if k in keep else hostile_strings(v, text, keep) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile_strings(v, text, keep) for v in value]
    return text if isinstance(value, str) else value


KEEP = frozenset({"sport", "status", "updated_at", "period", "code", "type", "team", "batting"})
#: Bytes a pty may receive only from Textual and the app themselves (see below).
FORBIDDEN = [b"\x1b]0;", b"\x1b]52;", b"\x1b]8;", b"\x1b]9;", b"\x1bP", b"\x1b_", b"PWNED"]


def env_for(tmp: Path, rest: HostileRest) -> dict[str, str]:
    config = tmp / "config.toml"
    config.write_text(f'[sportrix]\nurl = "ws://127.0.0.1:9/v1/stream"\nrest_url = "{rest.base}"\n')
    return {"SPORTRIX_API_KEY": "sk_fuzz_test", "SPORTRIX_TUI_CONFIG": str(config)}


@pytest.fixture(scope="module")
def live_answer() -> dict[str, Any]:
    with SimulatorThread(speed=0) as sim:
        return sim.snapshot(41282)


@pytest.mark.parametrize("seed", [1, 2])
def test_hostile_rest_through_the_cli_reaches_no_terminal_stdout_or_log(
    tmp_path: Path, live_answer: dict[str, Any], seed: int
) -> None:
    text = "Zed " + "".join(FRAGMENTS[seed::3]) + " FC"
    answer = {**hostile_strings(live_answer, text, KEEP), "match_id": 7}
    catalog = [{**hostile_strings(answer, text, KEEP), "home": "Zed Sentinel"}]
    with HostileRest({"/v1/matches": catalog, "/v1/matches/7/live": answer}) as rest:
        env = env_for(tmp_path, rest)
        log = tmp_path / "app.log"
        args = ["-m", "scoreboard", "--log-file", str(log), "--debug", "--poll", "--match", "7"]
        terminal = TerminalRun(args, log, size=(140, 40), **env)
        try:
            terminal.until(lambda: b"Zed" in terminal.output and b"\x1b[?1000h" in terminal.output)
            terminal.send(b"l")
            terminal.until(lambda: b"Zed Sentinel" in terminal.output)
            terminal.send(b"\x03")
            assert terminal.wait() == 0, terminal.tail()
        finally:
            terminal.close()
        once = subprocess.run(
            [sys.executable, "-m", "scoreboard", "--once", "--poll", "--log-file",
             str(tmp_path / "once.log"), "--format", "json", "--match", "7"],
            capture_output=True, timeout=60, check=False,
            env={k: v for k, v in os.environ.items() if not k.startswith("SPORTRIX")} | env,
        )  # fmt: skip
    found = [seq for seq in FORBIDDEN if seq in terminal.output]
    assert not found, found
    # Textual's own OSC 22 (the pointer) and the app's title (OSC 2), drawn from safe text.
    assert set(re.findall(rb"\x1b\](\d*)", terminal.output)) <= {b"22", b"2"}
    for title in re.findall(rb"\x1b\]2;([^\x07]*)\x07", terminal.output):
        assert not ACTIVE.search(title.decode()), title
    for path in (log, tmp_path / "once.log"):
        logged = path.read_text(errors="replace") if path.exists() else ""
        assert not ACTIVE.search(logged), ACTIVE.findall(logged)[:5]
    assert once.returncode == 0, once.stderr
    assert b"Zed" in once.stdout
    assert not ACTIVE.search(once.stdout.decode()), once.stdout[:300]
