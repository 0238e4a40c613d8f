"""A panel's side of time on the fan's side: hidden scores, a delay, what you missed.

Pure functions of what `MatchPanel` keeps:

- `hidden`: the panel shows `render.hidden` lines and a neutral badge, and
  never flashes;
- `delay`: shown as `delayed 45 s` (the feed holds the frames back, `ui/feed/delay.py`),
  or `synced: 38 s` when the delay came from broadcast sync (`s`, `ui/feed/sync.py`);
- `seen`: the state the user last saw, set when a notable change arrives
  while they could not see the panel (hidden, scrolled off screen, another
  screen on top, the terminal without focus, or a delay skipped). Until
  they open the summary (`missed()`, the `m` key) the panel wears a marker.
"""

from __future__ import annotations

import re

from rich.text import Text

from scoreboard.core.derive import event_minute, total_text
from scoreboard.core.models import CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.notable import Notable, notables
from scoreboard.core.text import safe_text
from scoreboard.ui.render.hidden import HIDDEN_BADGE


def delay_words(delay: float, *, synced: bool) -> str:
    """`synced: 38 s` (lined up with the fan's stream by `s`) or `delayed 45 s`."""
    return f"synced: {delay:g} s" if synced else f"delayed {delay:g} s"


def time_badges(*, missed: bool, delay: float, hidden: bool, synced: bool = False) -> list[Text]:
    """What a panel's subtitle shows of time besides the status badge."""
    parts = []
    if missed:
        parts.append(Text(" ● missed: m ", style="bold reverse"))
    if delay:
        parts.append(Text(f" {delay_words(delay, synced=synced)} ", style="reverse"))
    if hidden:
        parts.append(Text(HIDDEN_BADGE, style="bold reverse"))
    return parts


def missed_since(seen: Snapshot | None, current: Snapshot | None) -> list[Notable]:
    """The notable moments from `seen` to `current`, and the cards, oldest first."""
    if current is None or seen is None:
        return []
    known = {n.key for n in notables(seen)}
    moments = [n for n in notables(current, seen) if n.key not in known]
    return sorted(moments + _cards(seen, current), key=_time_order)


def has_news(seen: Snapshot, current: Snapshot) -> bool:
    """Would the summary list anything from `seen` to `current`? (The marker shows
    only then: a substitution or a new period changes the state, but says nothing.)"""
    return bool(score_change(seen, current) or missed_since(seen, current))


#: Where a moment without a minute sorts: half-time after the first half's added time.
_PERIOD_AT = {"HT": 45.99, "ETHT": 105.99, "FT": 10_000.0}
_MINUTE = re.compile(r"(\d+)(?:\+(\d+))?'")
_OVERS = re.compile(r"(\d+)(?:\.(\d))?\s*ov")


def _time_order(moment: Notable) -> float:
    """A moment's place in time from its `when` (`68'`, `90+3'`, `HT`, `16.2 ov`, `FT`);
    one without a time keeps its place among its neighbours (the sort is stable)."""
    when = moment.when.strip()
    if when in _PERIOD_AT:
        return _PERIOD_AT[when]
    found = _MINUTE.search(when)
    if found:
        return int(found[1]) + int(found[2] or 0) / 100
    found = _OVERS.search(when)
    if found:
        return int(found[1]) + int(found[2] or 0) / 10
    return 10_000.0 if moment.kind == "full_time" else 0.0


#: Soccer events the summary lists beside the notable moments (cards of every colour).
CARDS = {"yellow_card": "Yellow card", "second_yellow": "Second yellow"}


def _cards(seen: Snapshot, now: Snapshot) -> list[Notable]:
    """Yellow cards since `seen` (red cards, goals and penalties are notable already)."""
    if not isinstance(now, SoccerSnapshot) or not isinstance(seen, SoccerSnapshot):
        return []
    before = list(seen.events or ())
    found = []
    for event in now.events or ():
        if event in before:
            before.remove(event)
        elif event.type in CARDS:
            who = safe_text(event.player or "", 60)
            when = event_minute(event.minute, event.added_time)
            found.append(Notable(event.type, ("card", event.type, who, when), who, when))
    return found


def score_change(seen: Snapshot, now: Snapshot) -> str:
    """`1 - 0 → 2 - 1` (soccer, basketball), `MUM 120/2 → 145/4` (cricket), or ""."""
    if isinstance(now, CricketSnapshot) and isinstance(seen, CricketSnapshot):
        side = now.batting or "home"
        before = getattr(seen.score, side)
        after = getattr(now.score, side)
        if after is None or before == after:
            return ""
        team = now.home if side == "home" else now.away
        was = total_text(before) if before is not None else "0/0"
        return f"{team} {was} → {total_text(after)}"
    old_score, new_score = getattr(seen, "score", None), getattr(now, "score", None)
    if old_score == new_score or not hasattr(new_score, "home"):
        return ""
    return f"{old_score.home} - {old_score.away} → {new_score.home} - {new_score.away}"  # type: ignore[union-attr]
