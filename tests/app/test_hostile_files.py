"""Files made to hurt, through the real CLI: recordings and the files --record names.

Each test runs `python -m scoreboard` (a subprocess, or on a pty) and checks
what a user sees: the exit status, the raw bytes of stderr, the memory the
process peaked at, and that a file which is not a recording is never written
to (issue 24, items 4, 7, 13 and 17).
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import screen_until, toasts
from helpers.app import time_app as looks_app
from helpers.terminal import TerminalRun

from scoreboard import exits
from scoreboard.recording.format import MAGIC, VERSION
from scoreboard.recording.reader import MAX_LINE, PROGRESS_STEP
from scoreboard.sim.runner import SimulatorThread

HEADER = json.dumps({"recording": MAGIC, "version": VERSION}) + "\n"
#: Runs the CLI and says, last on stderr, the most memory the process held (KiB).
PEAK = """
import resource, sys
from scoreboard.cli import main
status = main(sys.argv[1:])
print("peak-kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
raise SystemExit(status)
"""


def cli(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPORTRIX", "XDG_"))}
    env |= {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "cfg"), "TERM": "dumb"}
    log = tmp_path / "app.log"
    command = [sys.executable, "-c", PEAK, "--log-file", str(log), *map(str, args)]
    return subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)


def peak_kib(result: subprocess.CompletedProcess[bytes]) -> int:
    return int(result.stderr.rsplit(b"peak-kib", 1)[1])


def said(result: subprocess.CompletedProcess[bytes]) -> bytes:
    """Stderr without the peak line."""
    return result.stderr.rsplit(b"peak-kib", 1)[0]


def test_a_refused_replay_file_name_is_printed_inert(tmp_path: Path) -> None:
    name = "evil\x1b]0;PWNED\x07\x1b]52;c;cm0K\x07\x9b2J\u202e.jsonl"
    path = tmp_path / name
    path.write_text("hello\n")
    result = cli(tmp_path, "--replay", path)
    assert result.returncode == exits.USAGE
    err = said(result)
    assert b"is not a sportrix-tui recording" in err and b"evil" in err
    for active in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()):
        assert active not in err, err


def test_a_line_nested_too_deep_is_skipped_and_named(tmp_path: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    path = tmp_path / "deep.jsonl"
    path.write_text(
        HEADER
        + '{"t": 1.0, "p": "sportrix", "k": "frame", "json": ' + deep + "}\n"
        + deep + "\n"
    )  # fmt: skip
    result = cli(tmp_path, "--replay", path)
    err = said(result).decode()
    assert result.returncode == exits.USAGE, err
    assert "Traceback" not in err and "RecursionError" not in err
    assert "line 2: nested too deep" in err and "line 3: not a recorded frame" in err
    assert err.count("\n") == 1


def test_a_line_longer_than_the_bound_is_never_held(tmp_path: Path) -> None:
    """A small .gz that expands to one huge line: skipped as it streams past."""
    small = tmp_path / "small.jsonl"
    small.write_text(HEADER + "not a frame\n")
    baseline = peak_kib(cli(tmp_path, "--replay", small))

    huge = 12 * MAX_LINE  # 96 MiB in one line
    path = tmp_path / "one-line.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(HEADER.encode())
        block = b"x" * (1 << 20)
        for _ in range(huge >> 20):
            out.write(block)
        out.write(b"\n")
    assert path.stat().st_size < 1 << 20
    result = cli(tmp_path, "--replay", path)
    err = said(result).decode()
    assert result.returncode == exits.USAGE
    assert f"line 2: longer than {MAX_LINE >> 20} MiB" in err
    # Never more than a bounded line (and a chunk) held, not the line itself.
    assert peak_kib(result) - baseline < (2 * MAX_LINE) >> 10, (baseline, peak_kib(result))


def test_a_big_recording_says_how_far_its_read_has_got(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(HEADER.encode())
        block = b"\n" * (1 << 20)
        for _ in range((3 * PROGRESS_STEP) >> 20):
            out.write(block)
    log = tmp_path / "app.log"
    terminal = TerminalRun(["-m", "scoreboard", "--log-file", str(log), "--replay", str(path)], log)
    try:
        assert terminal.wait(60) == exits.USAGE
        out = terminal.output.decode(errors="replace")
        assert f"reading blank.jsonl.gz: {PROGRESS_STEP >> 20} MiB" in out
        assert f"{2 * PROGRESS_STEP >> 20} MiB" in out
        assert "holds no frames to replay" in out
    finally:
        terminal.close()


@pytest.mark.soak
def test_a_recording_that_expands_past_the_bound_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(HEADER.encode())
        block = b"\n" * (1 << 20)
        for _ in range(1025):
            out.write(block)
    result = cli(tmp_path, "--replay", path)
    assert result.returncode == exits.USAGE
    assert b"expands to more than 1024 MiB: too big to replay" in said(result)


def not_a_recording(tmp_path: Path, kind: str) -> tuple[Path, Path | None]:
    """(the path --record is given, the file it leads to that must stay untouched)."""
    target = tmp_path / "notes.txt"
    target.write_text("precious notes\n")
    if kind == "symlink":
        link = tmp_path / "rec.jsonl"
        link.symlink_to(target)
        return link, target
    if kind == "plain file":
        return target, target
    if kind == "gzip name, plain recording":
        path = tmp_path / "rec.jsonl.gz"
        path.write_text(HEADER)
        return path, path
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    return fifo, None


@pytest.mark.parametrize("kind", ["symlink", "plain file", "gzip name, plain recording", "fifo"])
def test_record_never_appends_to_what_is_not_a_recording(tmp_path: Path, kind: str) -> None:
    path, target = not_a_recording(tmp_path, kind)
    before = target.read_bytes() if target else b""
    result = cli(tmp_path, "--demo", "--record", path)
    err = said(result).decode()
    assert result.returncode == exits.USAGE, err
    assert "not appending to it" in err or "not a regular file" in err
    if target is not None:
        assert target.read_bytes() == before


def test_an_existing_recording_others_can_read_is_made_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "rec.jsonl"
    path.write_text(HEADER)
    path.chmod(0o644)
    link = tmp_path / "link.jsonl"
    link.symlink_to(path)  # a symlink to a recording is a recording
    log = tmp_path / "app.log"
    terminal = TerminalRun(
        ["-m", "scoreboard", "--log-file", str(log), "--demo", "--record", str(link)], log
    )
    try:
        terminal.until(lambda: terminal.logged("sportrix connection: live"))
        terminal.send(b"q")
        assert terminal.wait() == exits.OK
    finally:
        terminal.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "made owner-only" in terminal.output.decode(errors="replace")
    assert path.read_text().count('"recording"') == 2  # appended: a second run's header


def test_state_files_nested_too_deep_are_set_aside_and_the_app_starts(tmp_path: Path) -> None:
    state = tmp_path / "home" / ".local" / "state" / "sportrix-tui"
    state.mkdir(parents=True)
    (state / "view.json").write_text("[" * 100_000)
    (state / "demo-session.json").write_text('{"matches": ' + "[" * 100_000)
    log = tmp_path / "app.log"
    terminal = TerminalRun(["-m", "scoreboard", "--log-file", str(log), "--demo"], log)
    try:
        terminal.until(lambda: terminal.logged("sportrix connection: live"))
        terminal.send(b"q")
        assert terminal.wait() == exits.OK, terminal.tail()
    finally:
        terminal.close()
    assert (state / "view.json.bad").exists() and (state / "demo-session.json.bad").exists()
    assert "view.json is not a state file (nested too deep)" in log.read_text()


@pytest.mark.parametrize("content", ["{not json", '["full"]'])
async def test_an_unreadable_view_file_is_said_on_screen_and_z_still_remembers(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path, content: str
) -> None:
    """A `view.json` that is not JSON, or not an object: the app starts at auto, says on
    screen (not only in the log) that it set the file aside, and the next `z` writes a
    good one beside the `.bad` copy."""
    state = tmp_path / "state"
    state.mkdir()
    (state / "view.json").write_text(content)
    app = looks_app(sim_factory(speed=0), "41282", state_dir=state)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await screen_until(pilot, lambda: app.grid.density_choice == "auto", 5)
        await screen_until(
            pilot, lambda: any("view.json is not a state file" in t for t in toasts(app)), 5
        )
        await pilot.press("z")
    assert (state / "view.json.bad").read_text() == content
    assert json.loads((state / "view.json").read_text())["density"] != "auto"
