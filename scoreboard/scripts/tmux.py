"""`--format tmux`: every match on one line with tmux style codes, for `status-right`.

Each match is its status line (`status_line`, already made safe), bold while
live and dim otherwise, the matches parted by ` | `. tmux reads `#[...]` in
that output as a style and `#(...)` as a command to run, so every `#` of
the text (a team name, a cricket result, whatever came from the wire)
becomes `##`, tmux's literal `#`: only the codes written here are codes.
The styles are attributes, not colours, so the bar keeps its own theme.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoreboard.core.models import Snapshot
from scoreboard.scripts.schema import status_line

SEPARATOR = " | "


def tmux_escape(text: str) -> str:
    """`text` with every `#` doubled: tmux shows it and never reads it as a code."""
    return text.replace("#", "##")


def tmux_match(snap: Snapshot) -> str:
    text = tmux_escape(status_line(snap))
    if snap.status == "live":
        return f"#[bold]{text}#[nobold]"
    return f"#[dim]{text}#[nodim]"


def tmux_line(snaps: Iterable[Snapshot]) -> str:
    """The matches in order, on one line ("" for none)."""
    return SEPARATOR.join(tmux_match(snap) for snap in snaps)
