"""`--replay FILE`: read a recording back, as far as it is valid.

A recording that a crash cut short (a truncated last line, a gzip stream
without its end), or that has garbage lines, is read up to what is valid:
every line that cannot be used is skipped and named with its line number and
why (`Recording.skipped`). A file that is not a recording at all, or of a
version this app does not know, is refused with `RecordingError`, whose
message says what is wrong (the CLI exits with status 2).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import msgspec

from scoreboard.core.text import safe_text
from scoreboard.recording.format import KINDS, MAGIC, VERSION, Header, Line

#: Most skipped lines named one by one; the rest are counted.
SKIPPED_NAMED = 20


class RecordingError(ValueError):
    """The file cannot be replayed at all; the message says why."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One recorded frame: when it was received, from whom, and its text."""

    line: int
    t: float
    provider: str
    kind: str
    raw: str | bytes
    match: str | None = None
    sport: str | None = None


@dataclass
class Recording:
    path: Path
    frames: list[Frame] = field(default_factory=list)
    #: (line number, why) for each line not used, in order.
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: The stream ended early (a cut-off gzip member), after this many lines.
    cut_off_after: int | None = None
    #: The matches the recording app followed at start (from the first header).
    matches: list[str] = field(default_factory=list)

    @property
    def start(self) -> float:
        return self.frames[0].t if self.frames else 0.0

    @property
    def end(self) -> float:
        return self.frames[-1].t if self.frames else 0.0

    def report(self) -> str:
        """What was skipped and where, in a line or two; "" if nothing was."""
        parts = [f"line {n}: {why}" for n, why in self.skipped[:SKIPPED_NAMED]]
        if len(self.skipped) > SKIPPED_NAMED:
            parts.append(f"and {len(self.skipped) - SKIPPED_NAMED} more")
        text = ""
        if parts:
            noun = "line" if len(self.skipped) == 1 else "lines"
            text = f"skipped {len(self.skipped)} {noun} of {self.path.name}: " + "; ".join(parts)
        if self.cut_off_after is not None:
            cut = f"{self.path.name} is cut off after line {self.cut_off_after} (read up to there)"
            text = f"{text}; {cut}" if text else cut
        return text


_header = msgspec.json.Decoder(Header).decode
_line = msgspec.json.Decoder(Line).decode


def read_recording(path: Path, providers: tuple[str, ...]) -> Recording:
    """Every usable frame of the recording at `path`; `RecordingError` if none can be."""
    recording = Recording(path)
    lines = _lines(path, recording)
    try:
        first = next(lines)
    except StopIteration:
        raise RecordingError(f"{path} is empty: not a sportrix-tui recording") from None
    recording.matches = _check_header(path, first).matches
    for number, text in lines:
        if not text.strip():
            continue
        frame = _frame(number, text, providers, recording)
        if frame is not None:
            frames = recording.frames
            if frames and frame.t < frames[-1].t:  # the wall clock stepped back (NTP)
                frame = replace(frame, t=frames[-1].t)  # played in the file's order
            frames.append(frame)
    if not recording.frames:
        report = recording.report()
        raise RecordingError(
            f"{path} holds no frames to replay" + (f" ({report})" if report else "")
        )
    return recording


def _lines(path: Path, recording: Recording) -> Iterator[tuple[int, bytes]]:
    try:
        with path.open("rb") as probe:
            magic = probe.read(2)
    except OSError as exc:
        raise RecordingError(f"cannot read {path}: {exc.strerror or exc}") from None
    number = 0
    try:
        with gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb") as stream:
            for number, text in enumerate(stream, 1):
                yield number, text
    except (EOFError, zlib.error, gzip.BadGzipFile):
        recording.cut_off_after = number
    except OSError as exc:
        raise RecordingError(f"cannot read {path}: {exc.strerror or exc}") from None


def _check_header(path: Path, first: tuple[int, bytes]) -> Header:
    try:
        header = _header(first[1])
    except (msgspec.DecodeError, msgspec.ValidationError):
        raise RecordingError(
            f"{path} is not a sportrix-tui recording (line 1 is not its header)"
        ) from None
    if header.recording != MAGIC:
        raise RecordingError(f"{path} is not a sportrix-tui recording (line 1 is not its header)")
    if header.version != VERSION:
        raise RecordingError(
            f"{path} is a version {header.version} recording; this sportrix-tui "
            f"{'' if header.version > VERSION else 'no longer '}reads version {VERSION} only"
            + (": upgrade to replay it" if header.version > VERSION else "")
        )
    return header


def _frame(
    number: int, text: bytes, providers: tuple[str, ...], recording: Recording
) -> Frame | None:
    def skip(why: str) -> None:
        recording.skipped.append((number, why))

    try:
        line = _line(text)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        if not text.endswith(b"\n"):
            skip("truncated (the recording was cut off here)")
        elif text.lstrip().startswith(b'{"recording"'):
            _header_again(number, text, skip)
        else:
            skip(f"not a recorded frame ({safe_text(str(exc), 80)})")
        return None
    if line.p not in providers:
        skip(f"unknown provider {safe_text(line.p, 24)!r}")
        return None
    if line.k not in KINDS:
        skip(f"unknown kind {safe_text(line.k, 24)!r}")
        return None
    if len(line.json):
        try:
            raw: str | bytes = bytes(memoryview(line.json)).decode("utf-8")
        except UnicodeDecodeError:
            skip("a frame that is not UTF-8")
            return None
    elif line.raw is not None:
        raw = line.raw
    elif line.b64 is not None:
        try:
            raw = base64.b64decode(line.b64, validate=True)
        except (binascii.Error, ValueError):
            skip("binary frame that is not valid base64")
            return None
    else:
        skip("a frame without its text")
        return None
    if line.k != "frame" and not line.m:
        skip(f"a {line.k} without its match")
        return None
    return Frame(number, line.t, line.p, line.k, raw, line.m, line.s)


def _header_again(number: int, text: bytes, skip: object) -> None:
    """A later run appended to the file: its header must be of the same version."""
    try:
        header = _header(text)
    except (msgspec.DecodeError, msgspec.ValidationError):
        skip("not a recorded frame")  # type: ignore[operator]
        return
    if header.version != VERSION:
        skip(f"a version {header.version} header: the frames after it may not read right")  # type: ignore[operator]
