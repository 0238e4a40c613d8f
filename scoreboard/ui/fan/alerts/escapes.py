"""Escapes for the terminal itself: its title, desktop notifications, the title stack.

Textual offers no public way to write to the terminal, so what is composed
here is written through the app's driver by `paint/driver.py` (the fence),
in order with Textual's own output. Everything written is kept in `written`
(the last 200), which diagnostics and tests read.

Inside tmux an escape tmux does not know is wrapped for passthrough
(`allow-passthrough on` lets it reach the terminal); titles need no wrapping.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Mapping
from typing import Protocol

from scoreboard.core.text import safe_text

#: Save the window and icon titles on the terminal's title stack / restore them (xterm).
PUSH_TITLE = "\x1b[22;0t"
POP_TITLE = "\x1b[23;0t"
_SEPARATORS = re.compile(r"[;\x07\x1b\\]")


class Writer(Protocol):
    """Where escapes go (`paint.driver.DriverWriter`: the app's terminal)."""

    @property
    def attached(self) -> bool: ...

    def write(self, sequence: str) -> bool: ...


class Terminal:
    """Writes escapes to the app's terminal (nothing when there is none, as in tests)."""

    def __init__(self, writer: Writer, environ: Mapping[str, str] | None = None) -> None:
        self._writer = writer
        self.env = os.environ if environ is None else environ
        self.written: deque[str] = deque(maxlen=200)
        self._title_pushed = False
        self.title: str | None = None

    @property
    def in_tmux(self) -> bool:
        return bool(self.env.get("TMUX"))

    def write(self, sequence: str, *, passthrough: bool = False) -> bool:
        """Write `sequence`; False when no terminal is attached."""
        if not self._writer.attached:
            return False
        if passthrough and self.in_tmux:
            sequence = "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
        self.written.append(sequence)
        return self._writer.write(sequence)

    # -- title -------------------------------------------------------------------------

    def set_title(self, text: str) -> None:
        """Set the window title (OSC 2), saving the user's title first (once)."""
        text = safe_text(text, 120)
        if text == self.title:
            return
        if not self._title_pushed:
            self._title_pushed = self.write(PUSH_TITLE)
        if self.write(f"\x1b]2;{text}\x07"):
            self.title = text

    def restore_title(self) -> None:
        """Give back the title the terminal had before `set_title` (from the title stack)."""
        if self._title_pushed:
            self.write(POP_TITLE)
            self._title_pushed = False
            self.title = None

    # -- desktop notifications ---------------------------------------------------------

    def notify(self, kind: str, title: str, body: str) -> bool:
        """A desktop notification by escape: `osc777` (VTE, foot, WezTerm, Ghostty,
        urxvt) or `osc9` (iTerm2, kitty, ConEmu)."""
        title, body = _field(title), _field(body)
        if kind == "osc777":
            return self.write(f"\x1b]777;notify;{title};{body}\x1b\\", passthrough=True)
        return self.write(f"\x1b]9;{title}: {body}\x07", passthrough=True)


def notification_escape(env: Mapping[str, str]) -> str | None:
    """Which notification escape this terminal understands, from its environment, or None."""
    program = env.get("TERM_PROGRAM", "") or env.get("LC_TERMINAL", "")
    term = env.get("TERM", "")
    if program in ("iTerm.app", "iTerm2") or env.get("ConEmuPID"):
        return "osc9"
    if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
        return "osc9"
    if program in ("WezTerm", "ghostty") or term == "xterm-ghostty":
        return "osc777"
    if env.get("VTE_VERSION") or term.startswith(("foot", "rxvt")):
        return "osc777"
    return None


def _field(text: str) -> str:
    """Wire text made safe for an OSC field: inert, and no separator that ends it early."""
    return _SEPARATORS.sub(" ", safe_text(text, 200))
