"""`--replay FILE`: read a recording back, as far as it is valid.

A recording that a crash cut short (a truncated last line, a gzip stream
without its end), or that has garbage lines, is read up to what is valid:
every line that cannot be used is skipped and named with its line number and
why (`Recording.skipped`). A file that is not a recording at all, or of a
version this app does not know, is refused with `RecordingError`, whose
message says what is wrong (the CLI exits with status 2).

Every read is bounded before anything is held: the file is read in
`CHUNK`-byte pieces (decompressed, for a `.gz`), a line longer than
`MAX_LINE` is skipped (and named) as it streams past, never kept whole, and a
file that expands to more than `MAX_READ` is refused. Runs of blank lines are
skipped at C speed. `progress` is told how far the read has got every
`PROGRESS_STEP` bytes, so a big file says so while it is read. A line nested
too deep for the decoder (`RecursionError`) is a bad line like any other.
The file's name, in every message, is made safe to print (`safe_text`).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import os
import re
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import msgspec

from scoreboard.core.text import safe_text
from scoreboard.recording.format import KINDS, MAGIC, VERSION, Header, Line

#: Most skipped lines named one by one; the rest are counted.
SKIPPED_NAMED = 20
#: Most matches kept from a header's list (a list from outside is capped).
MAX_MATCHES = 1000
#: Bytes read (decompressed) at a time.
CHUNK = 1 << 20
#: Longest line kept: a 1 MiB frame (the default `max_frame_bytes`) escaped as a
#: `raw` string at its worst (`\u00XX` for every byte) fits, with room to spare.
MAX_LINE = 8 << 20
#: Most bytes a recording may expand to: beyond this it is refused, not read on.
MAX_READ = 1 << 30
#: `progress` is called each time this many more bytes have been read.
PROGRESS_STEP = 64 << 20
#: Of the time between two appended sessions (a later run's header), what a replay
#: plays: the rest is skipped, so a replay never waits out the hours nobody recorded.
SESSION_GAP_KEPT = 1.0
#: What decoding a line may raise for a line that is not one we wrote.
_BAD_LINE = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)
_BLANK = re.compile(rb"[ \t\r\n]*")

#: Told (bytes read so far, the file's size on disk) as a big file is read.
Progress = Callable[[int, int], None]


def shown_path(path: Path | str) -> str:
    """A file's name as it may be printed: no control byte, escape or bidi override."""
    return safe_text(str(path), 400)


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
    #: Seconds skipped between appended sessions, one entry per gap skipped.
    gaps: list[float] = field(default_factory=list)
    #: A later session's header was read: its first frame follows a gap.
    new_session: bool = False

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
        name = shown_path(self.path.name)
        if parts:
            noun = "line" if len(self.skipped) == 1 else "lines"
            text = f"skipped {len(self.skipped)} {noun} of {name}: " + "; ".join(parts)
        if self.cut_off_after is not None:
            cut = f"{name} is cut off after line {self.cut_off_after} (read up to there)"
            text = f"{text}; {cut}" if text else cut
        return text

    def gaps_text(self) -> str:
        """`skipped 8 min between 2 recorded sessions`; "" if no gap was skipped."""
        if not self.gaps:
            return ""
        total = sum(self.gaps)
        said = f"{total / 60:.0f} min" if total >= 90 else f"{total:.0f} s"
        return f"skipped {said} between {len(self.gaps) + 1} recorded sessions"


_header = msgspec.json.Decoder(Header).decode
_line = msgspec.json.Decoder(Line).decode


def read_recording(
    path: Path, providers: tuple[str, ...], progress: Progress | None = None
) -> Recording:
    """Every usable frame of the recording at `path`; `RecordingError` if none can be."""
    recording = Recording(path)
    shown = shown_path(path)
    lines = _lines(path, recording, progress)
    try:
        first = next(lines)
    except StopIteration:
        raise RecordingError(f"{shown} is empty: not a sportrix-tui recording") from None
    recording.matches = _check_header(shown, first).matches[:MAX_MATCHES]
    skipped = 0.0  # seconds of gaps between sessions taken out of the timeline so far
    for number, text in lines:
        frame = _frame(number, text, providers, recording)
        if frame is not None:
            frames = recording.frames
            t = frame.t - skipped
            if recording.new_session and frames:
                recording.new_session = False
                gap = t - frames[-1].t - SESSION_GAP_KEPT
                if gap > 0:
                    skipped += gap
                    recording.gaps.append(gap)
                    t -= gap
            if frames and t < frames[-1].t:  # the wall clock stepped back (NTP)
                t = frames[-1].t  # played in the file's order
            if t != frame.t:
                frame = replace(frame, t=t)
            frames.append(frame)
    if not recording.frames:
        report = recording.report()
        raise RecordingError(
            f"{shown} holds no frames to replay" + (f" ({report})" if report else "")
        )
    return recording


#: What `_lines` yields for a line longer than MAX_LINE, in place of its text.
TOO_LONG = b""


def _lines(
    path: Path, recording: Recording, progress: Progress | None
) -> Iterator[tuple[int, bytes]]:
    """(line number, text) of every line that is not blank, read in bounded chunks."""
    shown = shown_path(path)
    try:
        with path.open("rb") as probe:
            magic = probe.read(2)
            size = os.fstat(probe.fileno()).st_size
    except OSError as exc:
        raise RecordingError(f"cannot read {shown}: {exc.strerror or exc}") from None
    reader = _Chunks(progress, size)
    try:
        with gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb") as stream:
            yield from reader.lines(stream)
    except (EOFError, zlib.error, gzip.BadGzipFile):
        recording.cut_off_after = reader.number
    except OSError as exc:
        raise RecordingError(f"cannot read {shown}: {exc.strerror or exc}") from None
    except _TooBig:
        raise RecordingError(
            f"{shown} expands to more than {MAX_READ >> 20} MiB: too big to replay "
            f"(read {reader.number} lines; split it, or replay a shorter recording)"
        ) from None


class _TooBig(Exception):
    pass


class _Stream(Protocol):
    """A plain or gzip file: `read1` gives what was there before a cut-off gzip end."""

    def read1(self, size: int = ..., /) -> bytes: ...


class _Chunks:
    """Splits a stream into lines a chunk at a time; never holds more than MAX_LINE of one."""

    def __init__(self, progress: Progress | None, size: int) -> None:
        self.progress = progress
        self.size = size
        #: The number of the last line started.
        self.number = 0
        self.read = 0
        self._told = 0

    def _chunk(self, stream: _Stream) -> bytes:
        chunk = stream.read1(CHUNK)
        self.read += len(chunk)
        if self.read > MAX_READ:
            raise _TooBig
        if self.progress is not None and self.read - self._told >= PROGRESS_STEP:
            self._told = self.read
            self.progress(self.read, self.size)
        return chunk

    def lines(self, stream: _Stream) -> Iterator[tuple[int, bytes]]:
        pending = bytearray()  # the start of a line not ended yet (at most MAX_LINE)
        skipping = False  # inside a line longer than MAX_LINE: drop up to its end
        while chunk := self._chunk(stream):
            if skipping or pending:
                end = chunk.find(b"\n")
                if end < 0:
                    if not skipping:
                        pending += chunk
                        if len(pending) > MAX_LINE:
                            pending.clear()
                            skipping = True
                            yield self._next(), TOO_LONG
                    continue
                if not skipping:
                    too_long = len(pending) + end + 1 > MAX_LINE
                    line = TOO_LONG if too_long else bytes(pending + chunk[: end + 1])
                    pending.clear()
                    yield self._next(), line
                skipping = False
                chunk = chunk[end + 1 :]
            rest = yield from self._whole_lines(chunk)
            pending += rest
            if len(pending) > MAX_LINE:
                pending.clear()
                skipping = True
                yield self._next(), TOO_LONG
        if pending and not skipping:
            yield self._next(), bytes(pending)

    def _next(self) -> int:
        self.number += 1
        return self.number

    def _whole_lines(self, data: bytes) -> Generator[tuple[int, bytes], None, bytes]:
        """Every ended line of `data` (blank runs skipped at C speed); returns the rest."""
        pos = 0
        while pos < len(data):
            blank = _BLANK.match(data, pos).end()  # type: ignore[union-attr]
            self.number += data.count(b"\n", pos, blank)
            pos = blank
            end = data.find(b"\n", pos)
            if end < 0:
                return data[pos:]
            yield self._next(), TOO_LONG if end + 1 - pos > MAX_LINE else data[pos : end + 1]
            pos = end + 1
        return b""


def _check_header(shown: str, first: tuple[int, bytes]) -> Header:
    try:
        header = _header(first[1])
    except _BAD_LINE:
        raise RecordingError(
            f"{shown} is not a sportrix-tui recording (line 1 is not its header)"
        ) from None
    if header.recording != MAGIC:
        raise RecordingError(f"{shown} is not a sportrix-tui recording (line 1 is not its header)")
    if header.version != VERSION:
        raise RecordingError(
            f"{shown} is a version {header.version} recording; this sportrix-tui "
            f"{'' if header.version > VERSION else 'no longer '}reads version {VERSION} only"
            + (": upgrade to replay it" if header.version > VERSION else "")
        )
    return header


def _frame(
    number: int, text: bytes, providers: tuple[str, ...], recording: Recording
) -> Frame | None:
    def skip(why: str) -> None:
        recording.skipped.append((number, why))

    if not text:  # TOO_LONG: a real line holds at least its newline
        skip(f"longer than {MAX_LINE >> 20} MiB (not read)")
        return None
    try:
        line = _line(text)
    except RecursionError:
        skip("nested too deep to be a recorded frame")
        return None
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        if not text.endswith(b"\n"):
            skip("truncated (the recording was cut off here)")
        elif text.lstrip().startswith(b'{"recording"'):
            _header_again(number, text, skip)
            recording.new_session = True
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
    except _BAD_LINE:
        skip("not a recorded frame")  # type: ignore[operator]
        return
    if header.version != VERSION:
        skip(f"a version {header.version} header: the frames after it may not read right")  # type: ignore[operator]
