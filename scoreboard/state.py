"""What the app remembers between runs, in the user's state directory.

Small JSON files, one per concern (`view.json`: the chosen density;
`session.json`: the remembered session), each written atomically (a
temporary file in the same directory, flushed and fsynced, then renamed over
the old one, and the directory fsynced) with mode 0600, so a crash or a
`kill -9` mid-write leaves the old file or the new one, never half of one,
and nobody else can read it. A file that is missing, unreadable or not what
we wrote reads as empty: remembering is a convenience, never a reason not to
start. A file that is there but cannot be used (not JSON, nested too deep for
the decoder, bigger than `MAX_STATE_BYTES`) is set aside as `<name>.bad`, and
the log says so, so the next start does not trip on it again.

`session.json` (`RememberedSession`) holds the shown matches in order, the
focused one, what was followed or unfollowed in the app, and followed
matches the user removed (not added back by themselves). `--demo` keeps its
own (`demo-session.json`), so demo ids never mix with real ones.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import msgspec
from platformdirs import user_state_path

from scoreboard.core.text import safe_text

log = logging.getLogger("scoreboard.state")

APP_NAME = "sportrix-tui"
#: Largest state file read: ours are a few KiB.
MAX_STATE_BYTES = 1 << 20


def default_state_dir() -> Path:
    """Where the app keeps what it remembers (`~/.local/state/sportrix-tui` on Linux)."""
    return user_state_path(APP_NAME)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` in one step, readable only by its owner.

    The directory is made (mode 0700) if it is missing. Raises `OSError`.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp makes it 0600 already; say so
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX; skipped where a directory cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_bytes(path: Path) -> bytes:
    """At most `MAX_STATE_BYTES` of `path`; `ValueError` if it holds more (`OSError`s raised)."""
    with path.open("rb") as file:
        data = file.read(MAX_STATE_BYTES + 1)
    if len(data) > MAX_STATE_BYTES:
        raise ValueError(f"bigger than {MAX_STATE_BYTES >> 10} KiB")
    return data


def read_json(path: Path) -> dict[str, Any]:
    """The JSON object in `path`, or {} if it is missing or not one (set aside, logged)."""
    return read_json_said(path)[0]


def read_json_said(path: Path) -> tuple[dict[str, Any], str | None]:
    """`read_json`, and the sentence saying why the file was not used (None: it was,
    or there was none), for the app to show as well as log."""
    try:
        data = json.loads(read_bytes(path).decode("utf-8"))
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        problem = f"ignoring {safe_text(str(path), 400)}: {safe_text(str(exc), 200)}"
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = "nested too deep" if isinstance(exc, RecursionError) else safe_text(str(exc), 120)
        problem = set_aside(path, f"is not a state file ({why})", "state file")
    else:
        if isinstance(data, dict):
            return data, None
        problem = set_aside(path, "is not a state file (not a JSON object)", "state file")
    log.warning("%s", problem)
    return {}, problem


def write_json(path: Path, data: dict[str, Any]) -> bool:
    """Write `data` to `path` atomically (mode 0600); False (logged) if it cannot."""
    try:
        write_atomic(path, json.dumps(data, indent=2, sort_keys=True).encode() + b"\n")
    except OSError as exc:
        log.warning("cannot save %s: %s", path, exc)
        return False
    return True


# -- the remembered session --------------------------------------------------------------

SESSION_VERSION = 1
#: Most entries of each list of a session file kept: a list from outside is capped
#: (10,000 panels is the most the app is measured with, docs/decisions.md).
MAX_REMEMBERED = 10_000


def session_path(*, demo: bool = False) -> Path:
    return default_state_dir() / ("demo-session.json" if demo else "session.json")


class RememberedSession(msgspec.Struct, kw_only=True):
    """The session file's content; every list holds matches as `provider:id`."""

    version: int = SESSION_VERSION
    #: The shown matches, in their order on screen.
    matches: list[str] = []
    #: The focused match, if one was.
    focus: str | None = None
    #: Follow entries added in the app (`f`), as typed.
    followed: list[str] = []
    #: Follow entries removed in the app (`F`), config ones included.
    unfollowed: list[str] = []
    #: Matches of followed teams the user removed: not added again by themselves.
    dismissed: list[str] = []
    #: Broadcast-synced delays (`s`), seconds by match.
    delays: dict[str, float] = {}


_decoder = msgspec.json.Decoder(RememberedSession)
_encoder = msgspec.json.Encoder()


def load_session(path: Path) -> tuple[RememberedSession | None, str | None]:
    """(the remembered session or None, why it could not be read or None).

    A missing file is no session and no problem; an unreadable one, or one
    from a newer version, is set aside as `<name>.bad` and said once.
    """
    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"cannot read the remembered session {path}: {exc.strerror or exc}"
    except ValueError as exc:
        return None, set_aside(path, f"is not a session file ({exc})")
    try:
        session = _decoder.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        return None, set_aside(path, f"is not a session file ({safe_text(str(exc), 120)})")
    except RecursionError:
        return None, set_aside(path, "is not a session file (nested too deep)")
    if session.version != SESSION_VERSION:
        return None, set_aside(path, f"has version {session.version}, not {SESSION_VERSION}")
    for name in ("matches", "followed", "unfollowed", "dismissed"):  # a list from outside: capped
        setattr(session, name, getattr(session, name)[:MAX_REMEMBERED])
    session.delays = _delays(session.delays)
    return session, None


#: The longest synced delay kept (the delay's own cap) and the longest match text.
_LONGEST_DELAY = 3600.0
_LONGEST_REF = 200


def _delays(delays: dict[str, float]) -> dict[str, float]:
    """The remembered delays worth keeping: capped in number, each a real delay."""
    kept: dict[str, float] = {}
    for ref, seconds in delays.items():
        if len(kept) >= MAX_REMEMBERED:
            break
        if len(ref) <= _LONGEST_REF and 0 <= seconds <= _LONGEST_DELAY:  # NaN fails too
            kept[ref] = float(seconds)
    return kept


def set_aside(path: Path, why: str, what: str = "remembered session") -> str:
    """Move an unusable state file to `<name>.bad`; the sentence saying so."""
    bad = path.with_name(path.name + ".bad")
    shown = safe_text(str(path), 400)
    try:
        os.replace(path, bad)
    except OSError:
        return f"the {what} {shown} {why}; starting without it"
    return f"the {what} {shown} {why}; kept as {safe_text(bad.name)}, starting without it"


def save_session(path: Path, session: RememberedSession) -> None:
    """Write `session` atomically (see `write_atomic`); `OSError` if it cannot be."""
    write_atomic(path, _encoder.encode(session) + b"\n")
