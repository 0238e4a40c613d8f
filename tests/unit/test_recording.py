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


def test_a_text_frame_given_as_its_utf8_is_kept_byte_for_byte(tmp_path: Path) -> None:
    """The Sportrix stream hands a parsed text frame over as the UTF-8 it received;
    a `bytes` subclass (its binary messages) or an unparsed one is binary."""

    class Binary(bytes):
        pass

    path = tmp_path / "rec.jsonl"
    recorder = Recorder(path, secrets=["sk_secret"], clock=lambda: 3.0)
    tap = recorder.tap("sportrix")
    text = '{"op":"update","home":"Atlético Madrid"}'
    tap("frame", text.encode(), None, None, True)
    tap("frame", b'{"op":"update",\n"n":1}', None, None, True)  # JSON across two lines
    tap("frame", b'{"echo":"sk_secret"}', None, None, True)
    tap("frame", Binary(b'{"op":"update"}'), None, None, True)
    tap("frame", b"\xff\x00", None, None, False)
    recorder.close()
    assert "sk_secret" not in path.read_text()
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    assert [frame.raw for frame in recording.frames] == [
        text,
        '{"op":"update",\n"n":1}',
        '{"echo":"<redacted>"}',
        b'{"op":"update"}',
        b"\xff\x00",
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


def test_a_read_is_recorded_as_one_run_and_refused_frames_keep_their_place(
    tmp_path: Path,
) -> None:
    """The Sportrix stream hands over each read's frames before decoding them, then
    each one the decoder refused: that one is kept as text where it was."""

    class Binary(bytes):
        pass

    path = tmp_path / "rec.jsonl"
    recorder = Recorder(path, secrets=["sk_secret"], clock=lambda: 5.0)
    run, tap = recorder.run_tap("sportrix"), recorder.tap("sportrix")
    good, bad = FRAME.encode(), b'{"op": not json'
    binary = Binary(b"\x00\x01")
    run("frame", [good, bad, b'{"echo":"sk_secret"}', binary, good])
    tap("frame", bad.decode(), None, None, False)  # as the stream says it: text
    tap("frame", binary, None, None, False)
    run("frame", [good, b'{"a":\n1}'])  # a frame on two lines: frame by frame
    recorder.close()
    assert "sk_secret" not in path.read_text()
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    assert [frame.raw for frame in recording.frames] == [
        FRAME,
        '{"op": not json',
        '{"echo":"<redacted>"}',
        b"\x00\x01",
        FRAME,
        FRAME,
        '{"a":\n1}',
    ]
    assert {frame.t for frame in recording.frames} == {5.0}
