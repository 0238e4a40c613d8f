"""A panel's side of time on the fan's side: hidden scores, a delay, what you missed.

`PanelTime` is mixed into `MatchPanel`. It keeps:

- `hidden`: the panel shows `render.hidden` lines and a neutral badge, and
  never flashes;
- `delay`: shown as `delayed 45 s` (the session holds the frames back);
- `seen`: the state the user last saw, set when a notable change arrives
  while they could not see the panel (hidden, scrolled off screen, another
  screen on top, the terminal without focus, or a delay skipped). Until
  they open the summary (`missed()`, the `m` key) the panel wears a marker.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.errors import NoWidget

from scoreboard.core.derive import event_minute, total_text
from scoreboard.core.history_kinds import is_notable
from scoreboard.core.models import CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.notable import Notable, notables
from scoreboard.core.text import safe_text
from scoreboard.ui.render.hidden import HIDDEN_BADGE


class PanelTime:
    """Mixin state and helpers; `MatchPanel` calls `_time_*` from its own methods."""

    hidden: bool = False
    delay: float = 0.0
    #: The last state the user saw before something notable they did not see.
    seen: Snapshot | None = None
    #: The next snapshot arrives by skipping a delay: nobody saw what came between.
    _skipping: bool = False
    #: Set by the detail view while it shows this panel's match.
    in_detail: bool = False

    # -- state ---------------------------------------------------------------------------

    def set_hidden(self, hidden: bool) -> None:
        if hidden == self.hidden:
            return
        self.hidden = hidden
        self._time_restyle()

    def set_delay(self, seconds: float) -> None:
        if seconds != self.delay:
            if seconds < self.delay:
                self._skipping = True
            self.delay = seconds
            self._time_restyle()

    def deliver_skipping(self) -> None:
        """The next snapshot jumps over held ones (a delay removed)."""
        self._skipping = True

    def note_unseen(self, last_seen: Snapshot | None) -> None:
        """The user last saw `last_seen`: what came since is news (the marker shows)."""
        self.seen = last_seen
        self._time_restyle()

    def mark_seen(self) -> None:
        """The user looked at the summary: nothing is missed any more."""
        if self.seen is not None:
            self.seen = None
            self._time_restyle()

    @property
    def has_missed(self) -> bool:
        return self.seen is not None

    def missed(self) -> tuple[Snapshot | None, list[Notable]]:
        """(what was last seen, the notable moments since), oldest first."""
        current: Snapshot | None = getattr(self, "snapshot", None)
        seen = self.seen
        if current is None or seen is None:
            return seen, []
        known = {n.key for n in notables(seen)}
        moments = [n for n in notables(current, seen) if n.key not in known]
        return seen, moments + _cards(seen, current)

    def can_be_seen(self) -> bool:
        """Could the user see this panel's news right now?"""
        if self.hidden:
            return False
        widget = self  # a Widget at runtime
        app = widget.app  # type: ignore[attr-defined]
        if not app.app_focus:
            return False
        if self.in_detail:
            return True
        screen = widget.screen  # type: ignore[attr-defined]
        if not screen.is_current:
            return False
        try:  # in the layout, and some of it inside what the grid shows (not scrolled away)
            return bool(screen.find_widget(widget).visible_region)
        except NoWidget:
            return False

    # -- hooks from MatchPanel ------------------------------------------------------------

    def _time_applied(self, old: Snapshot | None, new: Snapshot) -> None:
        """After each apply: note the last seen state if this news goes unseen."""
        skipping, self._skipping = self._skipping, False
        if old is None or self.seen is not None:
            return
        if (skipping or not self.can_be_seen()) and is_notable(old, new):
            self.seen = old
            self._time_restyle()

    def _time_badges(self) -> list[Text]:
        """What the subtitle shows besides the status badge."""
        parts = []
        if self.seen is not None:
            parts.append(Text(" ● missed: m ", style="bold reverse"))
        if self.delay:
            parts.append(Text(f" delayed {self.delay:g} s ", style="reverse"))
        if self.hidden:
            parts.append(Text(HIDDEN_BADGE, style="bold reverse"))
        return parts

    def _time_key(self) -> tuple[object, ...]:
        return (self.hidden, self.delay, self.seen is not None)

    def _time_restyle(self) -> None:
        """Hidden, delay or missed changed: redraw the whole panel and its chrome."""
        panel: Any = self  # a MatchPanel
        panel._whole = True
        panel.updates += 1
        panel._update_chrome()
        panel.refresh()
        panel._changed()


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
