"""Which renderer draws which sport, and which changes deserve a highlight.

Adding a sport means adding its model in `core.models` and a row here;
no panel or screen changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.ui.render.basketball import basketball_lines
from scoreboard.ui.render.cricket import cricket_detail, cricket_lines
from scoreboard.ui.render.generic import generic_lines
from scoreboard.ui.render.sections import Block, Section
from scoreboard.ui.render.soccer import soccer_detail, soccer_lines


@dataclass(frozen=True)
class SportView:
    #: (snapshot, width) -> the panel's lines, each exactly `width` cells.
    card: Callable[[Any, int], list[Text]]
    #: snapshot -> the detail view's sections (`render/sections.py`).
    detail: Callable[[Any], list[Section]]
    #: (old, new) -> True when the change deserves a highlight (a goal, a wicket).
    highlight: Callable[[Any, Any], bool]
    #: A short label for the panel's title (`T20`, ...), if any.
    label: Callable[[Any], str | None] = lambda snap: None
    #: What a highlight is, in words for the title (`GOAL`) and a ticker's badge (`WKT`).
    flash_word: str = ""
    flash_short: str = ""


def _goals(old: SoccerSnapshot | BasketballSnapshot, new: SoccerSnapshot) -> bool:
    return new.score.home + new.score.away > old.score.home + old.score.away


def _wickets(old: CricketSnapshot, new: CricketSnapshot) -> bool:
    def wickets(snap: CricketSnapshot) -> int:
        return sum(t.wickets for t in (snap.score.home, snap.score.away) if t is not None)

    return new.innings == old.innings and wickets(new) > wickets(old)


def _as_detail(lines: Callable[[Any, int], list[Text]]) -> Callable[[Any], list[Section]]:
    """A detail view that is the panel itself, for sports with little to add."""
    return lambda snap: [Block(lambda width: lines(snap, width))]


VIEWS: dict[type, SportView] = {
    SoccerSnapshot: SportView(
        soccer_lines, soccer_detail, _goals, flash_word="GOAL", flash_short="GOAL"
    ),
    CricketSnapshot: SportView(
        cricket_lines,
        cricket_detail,
        _wickets,
        lambda s: s.format,
        flash_word="WICKET",
        flash_short="WKT",
    ),
    BasketballSnapshot: SportView(
        basketball_lines, _as_detail(basketball_lines), lambda old, new: False
    ),
    GenericSnapshot: SportView(generic_lines, _as_detail(generic_lines), lambda old, new: False),
}


def view_for(snapshot: Snapshot) -> SportView:
    return VIEWS.get(type(snapshot), VIEWS[GenericSnapshot])
