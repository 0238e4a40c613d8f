"""Every kind of damaged recording: read as far as it is valid and said where, or refused."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import screen_until
from helpers.recordings import record_session, replay_app

from scoreboard import exits
from scoreboard.cli import main
from scoreboard.recording.format import MAGIC, VERSION
from scoreboard.sim.runner import SimulatorThread


@pytest.fixture(scope="module")
def good_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A real recording's lines (header first), made once for this module."""
    import asyncio

    path = tmp_path_factory.mktemp("rec") / "good.jsonl"
    with SimulatorThread(seed=7, speed=0) as sim:
        asyncio.run(record_session(sim, path, steps=2))
    return path.read_text().splitlines(keepends=True)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines))
    return path


def replay_exit(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--replay", str(path)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("", "is empty: not a sportrix-tui recording"),
        ("hello\n", "is not a sportrix-tui recording (line 1 is not its header)"),
        (json.dumps({"recording": "other", "version": 1}) + "\n", "is not a sportrix-tui"),
        (
            json.dumps({"recording": MAGIC, "version": VERSION + 1}) + "\n",
            f"is a version {VERSION + 1} recording; this sportrix-tui reads version "
            f"{VERSION} only: upgrade to replay it",
        ),
        (json.dumps({"recording": MAGIC, "version": VERSION}) + "\n", "holds no frames to replay"),
    ],
)
def test_what_cannot_be_replayed_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, said: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    status, err = replay_exit(path, capsys)
    assert status == exits.USAGE
    assert said in err
    assert err.count("\n") == 1


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = replay_exit(tmp_path / "nowhere.jsonl", capsys)
    assert status == exits.USAGE
    assert "cannot read" in err and "nowhere.jsonl" in err


async def test_damaged_lines_are_skipped_and_named(good_lines: list[str], tmp_path: Path) -> None:
    lines = list(good_lines)
    frame = json.loads(lines[1])
    lines.insert(2, "garbage that is not json\n")  # line 3
    lines.insert(3, json.dumps({**frame, "p": "nosuch"}) + "\n")  # line 4
    lines.insert(4, json.dumps({**frame, "k": "weird"}) + "\n")  # line 5
    lines.insert(5, json.dumps({"t": 1.0, "p": "sportrix", "k": "frame"}) + "\n")  # line 6
    nonsense = {k: v for k, v in frame.items() if k != "json"} | {"raw": '{"op": "nonsense"}'}
    lines.insert(6, json.dumps(nonsense) + "\n")  # line 7: decoded, rejected
    cut = lines[-1][: len(lines[-1]) // 2]  # the last line, cut off by a crash
    path = write(tmp_path / "damaged.jsonl", [*lines[:-1], cut])
    last = len(lines)

    app = replay_app(path, replay_speed=1000.0)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        notice = app.status.notice or ""
        assert "skipped 5 lines of damaged.jsonl" in notice
        assert "line 3: not a recorded frame" in notice
        assert "line 4: unknown provider 'nosuch'" in notice
        assert "line 5: unknown kind 'weird'" in notice
        assert "line 6: a frame without its text" in notice
        assert f"line {last}: truncated (the recording was cut off here)" in notice
        # The frame that decodes to nonsense is the decoder's business: counted as rejected.
        await screen_until(pilot, lambda: app.diagnostics.rejected_total >= 1, 5)
        assert all(c.snapshot is not None for c in app.cards.values())


async def test_a_gzip_recording_cut_short_is_read_up_to_the_cut(
    good_lines: list[str], tmp_path: Path
) -> None:
    whole = gzip.compress("".join(good_lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    app = replay_app(path, replay_speed=1000.0)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        assert "cut.jsonl.gz is cut off after line" in (app.status.notice or "")
        assert 0 < len(player.frames) < len(good_lines) - 1


def test_a_recording_appended_to_by_a_later_run_reads_whole(
    good_lines: list[str], tmp_path: Path, sim_factory: Callable[..., SimulatorThread]
) -> None:
    from scoreboard.providers.registry import PROVIDERS
    from scoreboard.recording.reader import read_recording

    path = write(tmp_path / "twice.jsonl", [*good_lines, *good_lines])
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    assert len(recording.frames) == 2 * (len(good_lines) - 1)


async def test_a_recording_whose_clock_stepped_back_plays_to_its_end(
    good_lines: list[str], tmp_path: Path
) -> None:
    """The wall clock can step back while recording (NTP): a frame stamped before the
    one above it plays in the file's order, and the replay still reaches the end
    (it used to wait for a moment beyond the recording's last frame, forever)."""
    lines = list(good_lines)
    middle = json.loads(lines[2])
    last_t = json.loads(lines[-1])["t"]
    lines[2] = json.dumps({**middle, "t": last_t + 0.0004}) + "\n"  # after the last frame
    lines.insert(3, json.dumps({**middle, "t": middle["t"] - 30.0}) + "\n")  # 30 s back
    path = write(tmp_path / "stepped.jsonl", lines)

    app = replay_app(path, replay_speed=1000.0)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        times = [frame.t for frame in player.frames]
        assert times == sorted(times) and len(times) == len(lines) - 1
        await screen_until(pilot, lambda: player.finished, 10)
        assert all(c.snapshot is not None for c in app.cards.values())
        assert not app.status.notice or "skipped" not in app.status.notice
