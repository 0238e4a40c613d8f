"""The Live now list, as text: groups by sport and competition, one row per match.

| status | row |
|---|---|
| live | `● LIVE 67'  Arsenal 3 - 2 Chelsea` (the panel's own snapshot when shown) |
| scheduled | `◷ 19:33 in 3 min  Tottenham Hotspur v Manchester United` |
| finished | `■ FT  Everton 1 - 1 Brighton & Hove Albion` (and the result, if any) |

Followed matches come first, in a group of their own. Pure layout: no
Textual; every wire string through `lit`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from rich.text import Text

from scoreboard.core.catalog import start_moment
from scoreboard.core.derive import total_text
from scoreboard.core.events import MatchSummary
from scoreboard.core.models import CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.names import fold
from scoreboard.core.shortline import minute_text
from scoreboard.core.text import safe_text
from scoreboard.providers.registry import SPECS
from scoreboard.ui.render.common import DIM, lit

STATUS_ORDER = {"live": 0, "suspended": 1, "scheduled": 2, "finished": 3}
FOLLOWED = "★ Followed"
#: Cells for the state column: `◷ Sat 19:33 in 45 min` fits (longer countdowns are cut).
STATE_WIDTH = 22


def countdown(seconds: float) -> str:
    """`in 45 s`, `in 3 min`, `in 2 h 5 min`; `starting` once the time has come."""
    if seconds <= 0:
        return "starting"
    if seconds < 60:
        return f"in {int(seconds)} s"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"in {minutes} min"
    return f"in {minutes // 60} h {minutes % 60} min"


def kickoff_text(entry: MatchSummary, now: float, tz: tzinfo | None) -> str:
    """`19:33 in 3 min` (local time, or `Sat 19:33` another day); empty if unknown."""
    start = start_moment(entry.start_time)
    if start is None:
        return ""
    when = datetime.fromtimestamp(start, tz)
    today = datetime.fromtimestamp(now, tz).date()
    clock = when.strftime("%H:%M") if when.date() == today else when.strftime("%a %H:%M")
    return f"{clock} {countdown(start - now)}"


def haystack(entry: MatchSummary) -> str:
    return fold(
        " ".join((str(entry.ref.id), entry.sport, entry.home, entry.away, entry.competition))
    )


def matches_filter(entry: MatchSummary, needle: str) -> bool:
    wanted = fold(needle)
    return not wanted or wanted in haystack(entry)


def grouped(
    entries: Iterable[MatchSummary], followed: Callable[[MatchSummary], bool]
) -> list[tuple[str, list[MatchSummary]]]:
    """[(heading, entries)]: followed first, then by sport and competition, live first."""
    groups: dict[str, list[MatchSummary]] = {}
    for entry in entries:
        if followed(entry):
            heading = FOLLOWED
        else:
            # Safe at entry (`catalog_entry`); said again here, as every wire string is.
            sport = safe_text(entry.sport, 40).capitalize() or "Other"
            # A catalog without competitions (Scorelytics) is named instead: a bare
            # "Soccer" group read as a competition left out.
            competition = safe_text(entry.competition, 120)
            where = competition or f"{_title(entry.ref.provider)} (no competition)"
            heading = f"{sport} · {where}"
        groups.setdefault(heading, []).append(entry)
    for rows in groups.values():
        rows.sort(key=lambda e: (STATUS_ORDER.get(e.status, 4), e.start_time, str(e.ref)))
    order = sorted(groups, key=lambda h: (h != FOLLOWED, fold(h)))
    return [(heading, groups[heading]) for heading in order]


def row_text(
    entry: MatchSummary,
    *,
    live: Snapshot | None,
    now: float,
    tz: tzinfo | None,
    shown: bool,
    followed: bool,
    hidden: bool = False,
) -> Text:
    """One match's row (see the module's table); `live` is its panel's snapshot, if shown.

    `hidden`: its panel hides the score, so the row shows only who plays.
    """
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append("★ " if followed else "  ", style="bold")
    status = live.status if live is not None else entry.status
    home_score, away_score, clock = _score(entry, live)
    if hidden:
        status, home_score, away_score = "hidden", "", ""
        state = Text("◌ SCORES HIDDEN", style=DIM)
    elif status in ("live", "suspended"):
        state = Text(f"● {'LIVE' if status == 'live' else 'SUSPENDED'} {clock}", style="bold")
    elif status == "scheduled":
        when = kickoff_text(entry, now, tz) or "start time not given"
        state = Text(f"◷ {when}", style=DIM)
    elif status == "finished":
        state = Text("■ FT", style=DIM)
    else:
        state = lit(status.upper(), DIM, limit=STATE_WIDTH)
    state.truncate(STATE_WIDTH, pad=True)
    row.append_text(state)
    row.append(" ")
    if entry.sport == "cricket":
        row.append_text(lit(entry.home, "bold", limit=32))
        row.append(f" {home_score}" if home_score else "")
        row.append(" v ", style=DIM)
        row.append_text(lit(entry.away, "bold", limit=32))
        row.append(f" {away_score}" if away_score else "")
    else:
        row.append_text(lit(entry.home, "bold", limit=32))
        if home_score or away_score:
            row.append(f"  {home_score or '-'} - {away_score or '-'}  ", style="bold")
        else:
            row.append(" v ", style=DIM)
        row.append_text(lit(entry.away, "bold", limit=32))
    if entry.result and status == "finished":  # never when hidden: status is "hidden"
        row.append(" · ", style=DIM)
        row.append_text(lit(entry.result, DIM, limit=60))
    if shown:
        row.append("  (shown)", style=DIM)
    return row


def _title(provider: str) -> str:
    spec = SPECS.get(provider)
    return spec.title if spec is not None else provider.capitalize()


def _score(entry: MatchSummary, live: Snapshot | None) -> tuple[str, str, str]:
    """(home score, away score, clock): from the live panel when there is one."""
    if isinstance(live, SoccerSnapshot):
        clock = minute_text(live.clock) if live.status == "live" else ""
        return str(live.score.home), str(live.score.away), clock
    if isinstance(live, CricketSnapshot):
        return total_text(live.score.home), total_text(live.score.away), ""
    return entry.score_home, entry.score_away, entry.clock
