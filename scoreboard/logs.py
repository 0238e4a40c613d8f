"""The log file: levels, rotation, and filters that keep API keys and control bytes out.

`InertRecords` runs on our handler, so it covers every record that reaches
the file, from any logger (websockets' debug log quotes close reasons and
headers from the server as they came): control characters, escapes, bidi
marks and line separators are written as visible escapes (`\\x1b`), so
`tail -f` or `less` on the log never acts on them and a record stays one line.
"""

from __future__ import annotations

import errno
import io
import logging
import logging.handlers
import os
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from scoreboard.providers.registry import KEY_ENV
from scoreboard.state import default_state_dir

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replace any known secret in a record's final message with `***`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 4]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        text = record.exc_text or ""
        for secret in self.secrets:
            message = message.replace(secret, "***")
            text = text.replace(secret, "***")
        record.msg, record.args, record.exc_text = message, (), text or None
        return True


_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SEPARATORS = "\u2028\u2029\x85"


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _inert_table(keep_newlines: bool) -> dict[int, str]:
    codes = [*range(0x20), 0x7F, *range(0x80, 0xA0), *map(ord, _BIDI + _SEPARATORS)]
    kept = {ord("\t")} | ({ord("\n")} if keep_newlines else set())
    return {code: _visible(chr(code)) for code in codes if code not in kept}


_ONE_LINE = _inert_table(keep_newlines=False)
_LINES = _inert_table(keep_newlines=True)


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, bidi and separator character written as a visible escape."""
    return text.translate(_LINES if keep_newlines else _ONE_LINE)


class InertRecords(logging.Filter):
    """Make every record's message (and traceback text) inert: see `inert`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the logger's bug; keep what it gave
            message = f"{record.msg!r} {record.args!r}"
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = inert(message), ()
        if record.exc_text:
            record.exc_text = inert(record.exc_text, keep_newlines=True)
        if record.stack_info:
            record.stack_info = inert(record.stack_info, keep_newlines=True)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file, the ones rotation creates too, is mode 600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # an older file may have been created wider
        # A text mode ("a"), so `open` gives the TextIOWrapper the handler expects.
        return cast(
            io.TextIOWrapper, open(fd, self.mode, encoding=self.encoding, errors=self.errors)
        )


def setup_logging(path: Path, *, debug: bool = False, secrets: Iterable[str] = ()) -> Path | None:
    """Log to `path` (rotated, mode 600); returns the path, or None if it cannot be written."""
    try:
        return install_logging(path, debug=debug, secrets=secrets)
    except OSError:
        return None  # logging is a help, never a reason not to start


def install_logging(
    path: Path,
    *,
    debug: bool = False,
    secrets: Iterable[str] = (),
    own_dir: Path | None = None,
) -> Path:
    """Log to `path` (rotated, mode 600); `OSError` if it cannot be written.

    Missing directories are made only under the app's own state directory
    (`own_dir`, by default `~/.local/state/sportrix-tui`): a `--log-file` elsewhere
    whose directory is missing is an error to warn about, never a tree made
    wherever it points (as root, `/nonexistent/...`).
    Calling it again replaces the handler it installed before (no duplicate lines).
    """
    root = logging.getLogger("scoreboard")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, PrivateRotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    _make_parent(path, default_state_dir() if own_dir is None else own_dir)
    handler = PrivateRotatingFileHandler(path, maxBytes=5 << 20, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(
        RedactSecrets([*secrets, *(os.environ.get(name, "") for name in KEY_ENV.values())])
    )
    handler.addFilter(InertRecords())  # after the redaction: it sees the final text
    root.addHandler(handler)
    return path


def _make_parent(path: Path, own_dir: Path) -> None:
    parent = path.parent
    if parent.is_dir():
        return
    there = parent
    while not there.exists() and there != there.parent:
        there = there.parent
    if not there.is_dir():  # a file where a directory should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(there))
    if not parent.resolve().is_relative_to(own_dir.resolve()):
        raise FileNotFoundError(errno.ENOENT, "its directory does not exist", str(parent))
    parent.mkdir(parents=True, exist_ok=True, mode=0o700)
