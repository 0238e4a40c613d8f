"""A panel with no live state: why (the provider's word), what the catalog knows, what next.

Pure text layout, like the sports' cards. A refused match shows the server's
whole explanation (wrapped, never cut after the URL) and whether the app
asks again; once the catalog has said what the match is, a finished one
shows its final score and result (`summary.py`) and a scheduled one its
kick-off with a countdown (`kickoff.py`).
"""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text

from scoreboard.core.events import MatchSummary
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.kickoff import kickoff_lines
from scoreboard.ui.render.layout import blank, wrapped
from scoreboard.ui.render.styles import DIM, ERROR
from scoreboard.ui.render.summary import summary_lines


def unavailable_lines(
    error: str,
    *,
    final: bool,
    label: str,
    summary: MatchSummary | None,
    width: int,
    now: float,
    tz: tzinfo | None = None,
) -> list[Text]:
    """The lines of a panel whose match the server refused (no snapshot yet)."""
    # The catalog says why there is no live state (not started, over): the provider's
    # "not live or not found", by stream or by REST, would only repeat it.
    if summary is not None and summary.status == "scheduled":
        return kickoff_lines(summary, width, now, label, tz)
    if summary is not None and summary.status == "finished":
        return summary_lines(summary, width)
    why = Text.assemble(styled("⚠ ", ERROR), lit(error, "bold", limit=400))
    retry = "" if final else "Asking again every minute. "
    note = styled(f"{retry}Press d to remove {label}.", DIM)
    return [blank(width), *wrapped(why, width), *wrapped(note, width)]
