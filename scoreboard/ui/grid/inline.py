"""`--inline`: the ticker under the shell prompt.

The app runs with Textual's inline driver (`App.run(inline=True)`), at the
ticker density, the grid at most `MOST_LINES` lines high (the rest scroll,
and the arrows still reach them), and under it `+3 more` for the matches
that do not fit. The keys and alerts are the app's own; on exit the final
lines stay in the scrollback (`inline_no_clear`). Where the inline driver
cannot run (not a terminal, Windows), `why_not_inline` says why and the CLI
exits 2 before anything starts.
"""

from __future__ import annotations

import sys
from typing import TextIO

from textual.widgets import Static

#: The most match lines shown under the prompt.
MOST_LINES = 8


def why_not_inline(stdin: TextIO, stdout: TextIO, platform: str = sys.platform) -> str | None:
    """Why `--inline` cannot run here (None: it can)."""
    if platform == "win32":
        return "--inline is not available on Windows (Textual has no inline driver there)"
    for name, stream in (("stdin", stdin), ("stdout", stdout)):
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):  # closed, or no stream at all
            tty = False
        if not tty:
            return f"--inline runs under a terminal's prompt, and {name} is not a terminal"
    return None


class InlineMore(Static):
    """`+3 more`: the matches past the inline ticker's last line."""

    DEFAULT_CSS = """
    InlineMore { display: none; height: 1; padding: 0 1; color: $text-muted; }
    """

    def count(self, matches: int) -> None:
        extra = matches - MOST_LINES
        self.display = extra > 0
        if extra > 0:
            self.update(f"+{extra} more (arrows scroll)")
