"""`--record FILE`: append every received frame to a recording, flushed once a second.

The file is opened append-only with mode 0600 (a recording is the user's
data, like the log). An existing file is appended to only if it is a regular
file that starts as a recording does (our header, plain or gzip as its name
says), wherever a symlink leads: anything else is refused (`NotARecording`,
exit status 2), never written to. An existing recording others can read is
tightened to 0600, and the log says so. Lines are buffered in memory and written 64 KiB at a
time, and at most a second apart (`flush_interval`: from the app's
one-second timer), so a crash or `kill -9` loses at most the last second.
A `.gz` file is one gzip member per run, sync-flushed each time, so
whatever reached the disk decompresses.

The Sportrix stream hands over each socket read's text frames at once,
before decoding them (`run_tap`): they share the read's receive time, so the
whole read is one `bytes.join` into the buffer, and a frame the decoder then
refuses is moved out of the run into a text line in its place. A frame on
its own (Scorelytics) costs one `time.time()` and one line formatted. The key
is looked for once per 64 KiB written, not once per frame (a line holding
it is rewritten, redacted, before the buffer reaches the file). The
benchmark's `record` phase measures it: +27 % CPU per frame at saturation
frame by frame after the batched stream, +12.5 % with runs.
"""

from __future__ import annotations

import base64
import gzip
import logging
import os
import stat
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from scoreboard import __version__
from scoreboard.recording.format import MAGIC, VERSION, Header, Line
from scoreboard.recording.reader import shown_path

log = logging.getLogger(__name__)

#: What a provider's tap is called with: kind, raw text, match id, sport path, parsed.
Tap = Callable[[str, "str | bytes", "str | None", "str | None", bool], None]
#: What a provider's run tap is called with: kind, the text frames of one read.
RunTap = Callable[[str, Sequence[bytes]], None]
#: Buffered lines are written once they reach this size (a write per ~160 small
#: frames; bigger writes cost more CPU per byte), and by the app's one-second timer.
WRITE_CHUNK = 1 << 16


#: Bytes of an existing file read to check that it starts as a recording.
HEAD_BYTES = 1 << 16


class NotARecording(ValueError):
    """`--record` names a file that is not a recording: it is not written to."""


def _head_line(head: bytes, gz: bool) -> bytes:
    """The first line of a file's first `HEAD_BYTES` (decompressed if `gz`); b"" if none."""
    if gz:
        if not head.startswith(b"\x1f\x8b"):
            return b""
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
        except zlib.error:
            return b""
    return head.split(b"\n", 1)[0]


def _open_recording(path: Path) -> tuple[int, bool]:
    """An fd to append to `path`, and whether its mode was tightened; `NotARecording` or
    `OSError` if it cannot be."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(path, flags, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARecording(f"{shown_path(path)} is not a regular file: not recording to it")
        if info.st_size:
            line = _head_line(os.pread(fd, HEAD_BYTES, 0), path.suffix == ".gz")
            try:
                header = msgspec.json.decode(line, type=Header)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                header = None
            if header is None or header.recording != MAGIC:
                kind = "a gzip recording" if path.suffix == ".gz" else "a recording"
                raise NotARecording(
                    f"{shown_path(path)} exists and is not {kind}: not appending to it "
                    "(name a new file, or an earlier recording)"
                )
        tightened = bool(info.st_mode & 0o077)
        if tightened:
            os.fchmod(fd, 0o600)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, tightened


def _prefix(provider: str, kind: str, match: str | None, sport: str | None) -> bytes:
    """The start of a line, up to the receive time: `{"p":"sportrix","k":"frame","t":`."""
    fields = {"p": provider, "k": kind, "m": match, "s": sport}
    shown = {name: value for name, value in fields.items() if value is not None}
    return msgspec.json.encode(shown)[:-1] + b',"t":'


@dataclass(slots=True)
class _Run:
    """The frames of one read, just recorded as `json` lines from `start` in the buffer."""

    provider: str
    kind: str
    frames: Sequence[bytes]
    start: int
    t: float
    #: Frames the decoder refused since, by index, as the frame tap was given them:
    #: recorded as text (or binary) instead.
    refused: dict[int, str | bytes] = field(default_factory=dict)


class Recorder:
    """Appends recorded frames to `path`; `tap(provider)` gives a provider its hook."""

    def __init__(
        self,
        path: Path,
        *,
        secrets: list[str] | None = None,
        matches: tuple[str, ...] = (),
        flush_interval: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.flush_interval = flush_interval
        self.error: str | None = None
        self._clock = clock
        self._secrets = [s for s in secrets or () if s]
        self._secret_bytes = [s.encode() for s in self._secrets]
        self._encode = msgspec.json.Encoder().encode
        #: Lines not yet written; written when it reaches WRITE_CHUNK, and by `flush`.
        self._buffer = bytearray()
        #: The last read recorded by a run tap, while it is still in the buffer.
        self._run: _Run | None = None
        self._flush_at = time.monotonic() + flush_interval
        fd, tightened = _open_recording(path)
        if tightened:
            log.warning("the recording %s could be read by others: made owner-only (0600)", path)
        #: Whether the existing recording's mode was tightened to 0600.
        self.tightened = tightened
        self._raw: BinaryIO = os.fdopen(fd, "ab", buffering=0)
        self._gzip = path.suffix == ".gz"
        self._out: BinaryIO | None = (
            gzip.GzipFile(fileobj=self._raw, mode="ab") if self._gzip else self._raw  # type: ignore[assignment]
        )
        header = Header(MAGIC, VERSION, started_at=clock(), app=__version__, matches=list(matches))
        self._buffer += self._encode(header) + b"\n"
        self.flush()

    def tap(self, provider: str) -> Tap:
        """The hook for `provider`'s decode path: call it with every frame received.

        A text frame the decoder parsed, on one line (nearly every frame)
        takes a short path: the line is a prefix made once per kind and match,
        the receive time (to the millisecond, formatted once a millisecond),
        and the frame's own text as the `json` value, byte for byte (no
        escaping). A line that holds the key is found and rewritten when the
        buffer is written (`_redacted`). Anything else goes through `write`,
        as an escaped `raw` string. The benchmark's `record` phase measures
        the cost.
        """
        #: Per kind (a Sportrix frame: no match or sport), or per (kind, match,
        #: sport): [prefix, the millisecond stamped, prefix + time + key].
        lines: dict[object, list[Any]] = {}
        clock, write = self._clock, self.write

        def record(
            kind: str, raw: str | bytes, match: str | None, sport: str | None, parsed: bool
        ) -> None:
            if type(raw) is bytes and parsed:  # a text frame's UTF-8, as received
                if b"\n" in raw:
                    write(provider, kind, raw.decode(), match, sport)
                    return
                text = raw
            elif type(raw) is str and parsed and "\n" not in raw:
                text = raw.encode()
            else:  # a binary frame (a `bytes` subclass or not parsed), or not JSON
                if not parsed and self._refused(provider, kind, raw):
                    return
                write(provider, kind, raw, match, sport)
                return
            if self._out is None:
                return
            key = kind if match is None and sport is None else (kind, match, sport)
            line = lines.get(key)
            if line is None:
                line = lines[key] = [_prefix(provider, kind, match, sport), 0, b""]
            now = clock()
            ms = int(now * 1000)
            if ms != line[1]:  # the start of the line, up to the frame, made once a millisecond
                line[1], line[2] = ms, b'%s%.3f,"json":' % (line[0], now)
            buffer = self._buffer
            buffer += line[2]
            buffer += text
            buffer += b"}\n"
            if len(buffer) >= WRITE_CHUNK:
                self._write()

        return record

    def run_tap(self, provider: str) -> RunTap:
        """The hook for a stream that receives many text frames a read: call it with
        them all, before decoding, then the frame tap with each one the decoder
        refuses (`parsed=False`), which moves it out of the run.

        The frames share the read's receive time, so the run is one join: the
        lines' common start, time included, between frames. A frame on more
        than one line makes the run go frame by frame.
        """
        prefixes: dict[str, bytes] = {}
        tap = self.tap(provider)

        def record_run(kind: str, frames: Sequence[bytes]) -> None:
            if self._out is None or not frames:
                return
            if len(self._buffer) >= WRITE_CHUNK:  # before: the last run stays refusable
                self._write()
            prefix = prefixes.get(kind)
            if prefix is None:
                prefix = prefixes[kind] = _prefix(provider, kind, None, None)
            now = round(self._clock(), 3)  # as the lines say it (a refused one too)
            head = b'%s%.3f,"json":' % (prefix, now)
            joined = (b"}\n" + head).join(frames)
            if joined.count(b"\n") != len(frames) - 1:  # a frame on more than one line
                self._run = None
                for frame in frames:
                    tap(kind, frame, None, None, True)
                return
            buffer = self._buffer
            self._run = _Run(provider, kind, frames, len(buffer), now)
            buffer += head
            buffer += joined
            buffer += b"}\n"

        return record_run

    def _refused(self, provider: str, kind: str, raw: str | bytes) -> bool:
        """A frame of the last run that the decoder refused: its line is rewritten as
        text, in its place; False if it is not one (record it as any other)."""
        run = self._run
        if run is None or run.provider != provider or run.kind != kind:
            return False
        data = raw.encode() if isinstance(raw, str) else raw
        index = next(
            (i for i, f in enumerate(run.frames) if i not in run.refused and f == data), None
        )
        if index is None:
            return False
        run.refused[index] = raw
        del self._buffer[run.start :]
        prefix = _prefix(provider, kind, None, None)
        for i, frame in enumerate(run.frames):
            refused = run.refused.get(i)
            if refused is not None:
                self._buffer += self._line(run.t, provider, kind, refused, None, None)
            else:
                self._buffer += b'%s%.3f,"json":%s}\n' % (prefix, run.t, frame)
        return True

    def write(
        self,
        provider: str,
        kind: str,
        raw: str | bytes,
        match: str | None = None,
        sport: str | None = None,
    ) -> None:
        if self._out is None:
            return
        self._buffer += self._line(self._clock(), provider, kind, raw, match, sport)
        if len(self._buffer) >= WRITE_CHUNK or time.monotonic() >= self._flush_at:
            self.flush()

    def _line(
        self,
        t: float,
        provider: str,
        kind: str,
        raw: str | bytes,
        match: str | None,
        sport: str | None,
    ) -> bytes:
        """One line with the text as an escaped `raw` string (bytes: `b64`), redacted."""
        if isinstance(raw, str):
            for secret in self._secrets:
                if secret in raw:
                    raw = raw.replace(secret, "<redacted>")
            line = Line(t, provider, kind, raw=raw, m=match, s=sport)
        else:
            data = bytes(raw)
            for key in self._secret_bytes:
                data = data.replace(key, b"<redacted>")
            line = Line(t, provider, kind, b64=base64.b64encode(data).decode(), m=match)
        return self._encode(line) + b"\n"

    def _redacted(self, buffer: bytearray) -> bytearray:
        """`buffer` with every line that holds the key rewritten through `write`'s
        redaction (the short path copies a frame's text as it came).

        Only a short-path line can hold it: `{prefix "t":T,"json":FRAME}`, the
        frame's text the bytes between `"json":` and the closing brace.
        """
        out = bytearray()
        for line in buffer.splitlines(keepends=True):
            if not any(key in line for key in self._secret_bytes):
                out += line
                continue
            try:
                recorded: Line | None = msgspec.json.decode(line, type=Line)
            except (msgspec.DecodeError, msgspec.ValidationError):  # a header
                recorded = None
            if recorded is None or not len(recorded.json):
                for key in self._secret_bytes:
                    line = line.replace(key, b"<redacted>")
                out += line
                continue
            raw = bytes(recorded.json).decode("utf-8", "replace")
            for secret in self._secrets:
                raw = raw.replace(secret, "<redacted>")
            fixed = Line(recorded.t, recorded.p, recorded.k, raw=raw, m=recorded.m, s=recorded.s)
            out += self._encode(fixed) + b"\n"
        return out

    def flush(self) -> None:
        """Write what is buffered, through to the file (the app calls this once a second)."""
        self._flush_at = time.monotonic() + self.flush_interval
        self._write(sync=self._gzip)

    def _write(self, *, sync: bool = False) -> None:
        """Hand the buffered lines to the file (64 KiB at a time costs the least CPU)."""
        out = self._out
        if out is None:
            return
        try:
            if self._buffer:
                if self._secret_bytes and any(key in self._buffer for key in self._secret_bytes):
                    self._buffer = self._redacted(self._buffer)
                out.write(self._buffer)
                self._buffer.clear()
                self._run = None
            if sync:
                out.flush(zlib.Z_SYNC_FLUSH)  # type: ignore[call-arg]
        except OSError as exc:
            self.error = f"cannot write the recording {self.path}: {exc.strerror or exc}"
            log.error("%s; recording stopped", self.error)
            self._close_quietly()

    def close(self) -> None:
        self.flush()
        self._close_quietly()

    def _close_quietly(self) -> None:
        out, self._out = self._out, None
        if out is None:
            return
        try:
            out.close()
            if out is not self._raw:
                self._raw.close()
        except OSError:
            pass
