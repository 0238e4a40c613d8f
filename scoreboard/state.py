"""What the app remembers between runs, in the user's state directory.

Small JSON files, one per concern (`view.json`: the chosen density; others
add their own), each written atomically (a temporary file in the same
directory, flushed, then renamed over the old one) with mode 0600, so a crash
mid-write leaves the old file and nobody else can read it. A file that is
missing, unreadable or not what we wrote reads as empty: remembering is a
convenience, never a reason not to start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_state_path

log = logging.getLogger("scoreboard.state")

APP_NAME = "sportrix-tui"


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


def read_json(path: Path) -> dict[str, Any]:
    """The JSON object in `path`, or {} if it is missing or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> bool:
    """Write `data` to `path` atomically (mode 0600); False (logged) if it cannot."""
    try:
        write_atomic(path, json.dumps(data, indent=2, sort_keys=True).encode() + b"\n")
    except OSError as exc:
        log.warning("cannot save %s: %s", path, exc)
        return False
    return True
