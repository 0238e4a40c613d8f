"""The recorder: append-only 0600 lines, flushed by time, the key never written."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

from scoreboard.providers.registry import PROVIDERS
from scoreboard.recording.reader import read_recording
from scoreboard.recording.writer import Recorder

FRAME = '{"op":"update","data":{"match_id":1,"sport":"soccer","status":"live","home":"A"}}'


def test_frames_are_kept_exactly_and_the_key_never(tmp_path: Path) -> None:
    path = tmp_path / "rec.jsonl"
    recorder = Recorder(path, secrets=["sk_secret"], clock=lambda: 100.0)
    tap = recorder.tap("sportrix")
    tap("frame", FRAME, None, None, True)
    tap("frame", '{"error": "bad key sk_secret"}', None, None, True)  # an echo of the key
    tap("frame", "not json at all\nsecond line", None, None, False)
    tap("frame", b"\x00\x01binary sk_secret", None, None, False)
    recorder.tap("scorelytics")("message", '{"match_id": "abc"}', "abc", None, True)
    recorder.close()
    text = path.read_text()
    assert "sk_secret" not in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    raws = [frame.raw for frame in recording.frames]
    assert raws[0] == FRAME  # byte for byte
    assert raws[1] == '{"error": "bad key <redacted>"}'
    assert raws[2] == "not json at all\nsecond line"
    assert raws[3] == b"\x00\x01binary <redacted>"
    assert recording.frames[4].match == "abc" and recording.frames[4].provider == "scorelytics"
    assert all(frame.t == 100.0 for frame in recording.frames)
    assert len(text.splitlines()) == 6  # the header and one line a frame


def test_a_key_that_looks_like_a_number_is_redacted_and_every_line_still_reads(
    tmp_path: Path,
) -> None:
    """The key is looked for in what is written, not per frame: a frame that holds
    it anywhere (even as digits outside a string, a header's match list) is
    rewritten, and the frames around it stay byte for byte."""
    path = tmp_path / "rec.jsonl"
    recorder = Recorder(path, secrets=["987654"], matches=("987654",), clock=lambda: 7.0)
    tap = recorder.tap("sportrix")
    echo = '{"op":"update","n":19876543,"key":"987654"}'
    before, after = FRAME, FRAME[:-1] + ',"x":2}'
    for raw in (before, echo, after):
        tap("frame", raw, None, None, True)
    recorder.close()
    assert "987654" not in path.read_text()
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    assert [frame.raw for frame in recording.frames] == [
        before,
        '{"op":"update","n":1<redacted>3,"key":"<redacted>"}',
        after,
    ]


def test_lines_reach_the_file_by_the_next_flush(tmp_path: Path) -> None:
    path = tmp_path / "rec.jsonl"
    recorder = Recorder(path)
    tap = recorder.tap("sportrix")
    for _ in range(10):
        tap("frame", FRAME, None, None, True)
    before = len(path.read_text().splitlines())
    recorder.flush()  # the app's one-second timer
    after = path.read_text().splitlines()
    assert before == 1  # buffered: only the header so far
    assert len(after) == 11 and json.loads(after[-1])["json"]["op"] == "update"
    for _ in range(600):  # past 64 KiB: written without waiting for the timer
        tap("frame", FRAME, None, None, True)
    assert len(path.read_text().splitlines()) > 11
    recorder.close()


def test_a_gzip_recording_is_readable_after_each_flush(tmp_path: Path) -> None:
    path = tmp_path / "rec.jsonl.gz"
    recorder = Recorder(path)
    tap = recorder.tap("sportrix")
    for _ in range(5):
        tap("frame", FRAME, None, None, True)
    recorder.flush()
    # No close: as after kill -9. Whatever was flushed decompresses.
    recording = read_recording(path, PROVIDERS)
    assert len(recording.frames) == 5
    assert recording.cut_off_after is not None  # the member has no end yet, and it says so
    recorder.close()
    assert len(gzip.decompress(path.read_bytes()).splitlines()) == 6


def test_a_second_run_appends(tmp_path: Path) -> None:
    path = tmp_path / "rec.jsonl"
    for _ in range(2):
        recorder = Recorder(path)
        recorder.tap("sportrix")("frame", FRAME, None, None, True)
        recorder.close()
    recording = read_recording(path, PROVIDERS)
    assert len(recording.frames) == 2 and not recording.skipped
