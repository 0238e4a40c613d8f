"""A panel's title and badge line, and what it shows of a match known only from the catalog.

The title is the match's label, `★ ` first for a followed team's match, then
the competition and the sport's label (`T20`). The bottom border holds the
latest notable moment (`⚽ B. Saka 67' · 2\u2032 ago`) beside the status badge.
A remembered match that finished while the app was closed has no feed: its
panel shows the catalog's final score and result instead.
"""

from __future__ import annotations

from rich.text import Text

from scoreboard.core.events import MatchSummary
from scoreboard.core.models import Snapshot, SoccerSnapshot
from scoreboard.ui.render.common import lit, score_row, styled
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.styles import DIM


def panel_title(
    label: str,
    snap: Snapshot | None,
    summary: MatchSummary | None,
    extra: str | None,
    *,
    followed: bool,
) -> Text:
    """`★ 41282 · Premier League`; `extra` is the sport's label (`T20`)."""
    title = Text("★ " if followed else "", style="bold")
    title.append(label, style="bold")
    competition = snap.competition if snap is not None else summary and summary.competition
    if extra and competition and extra.casefold() in competition.casefold().split():
        extra = None  # "ODI series", not "ODI series · ODI"
    for part in (competition, extra):
        if part:
            title.append(sep(), style=DIM)
            title.append_text(lit(part, limit=40))
    return title


def summary_lines(summary: MatchSummary, width: int) -> list[Text]:
    """A finished match from the catalog: teams and final score, the result, how to clear it."""
    score = (
        f"{summary.score_home} - {summary.score_away}"
        if summary.score_home and summary.score_away
        else (summary.score_home or summary.score_away or "v")
    )
    lines = [blank(width), score_row(summary.home, summary.away, lit(score).plain, width)]
    result = summary.result or goals_result(summary)
    if result:
        lines.append(fit(lit(result, "bold"), width, "center"))  # under the score
    lines.append(blank(width))
    lines.append(fit(styled("Finished. Press c to clear finished matches.", DIM), width))
    return lines


def goals_result(summary: MatchSummary) -> str:
    """`Brighton & Hove Albion won 4-3`, `Draw 1-1`: a finished match's result from its
    goal counts when the catalog words none (it does for cricket)."""
    home, away = summary.score_home, summary.score_away
    if summary.status != "finished" or not (home.isdigit() and away.isdigit()):
        return ""
    h, a = int(home), int(away)
    if h == a:
        return f"Draw {h}-{a}"
    return f"{summary.home if h > a else summary.away} won {max(h, a)}-{min(h, a)}"


def half_time(snap: Snapshot) -> bool:
    clock = snap.clock if isinstance(snap, SoccerSnapshot) else None
    return clock is not None and clock.period in ("HT", "ETHT")
