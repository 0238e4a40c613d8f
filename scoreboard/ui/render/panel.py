"""Compact panels and ticker lines: a match panel's text when it shows less.

Pure: `MatchPanel` (ui/widgets) hands over what it knows (`PanelState`) and
draws the result; the full panel is the widget's own (`MatchPanel.full_body`).
What the panel's state means is always written, never told by colour alone:
a ticker line starts with `▶` (`>` in ASCII) when focused, its badge says
`GOAL` or `WKT` while it flashes, `STALE`, `ERROR` or `HIDE`; a delayed line
says so before its event (`synced: 38 s`), as a panel does on its border.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from rich.console import Console
from rich.text import Text

from scoreboard.core.events import MatchSummary
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.common import lit, short_badge, styled
from scoreboard.ui.render.compact import compact_lines, ticker_line, ticker_teams_line
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.hidden import HIDDEN_SCORE, hidden_lines
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.pulse import pulse_meter
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM, ERROR, SCORE, badge
from scoreboard.ui.render.summary import half_time

Card = Callable[[Snapshot, int], list[Text]]
#: Runs a layout so that its failure costs one update, not the app (`GuardedView.card`).
Guard = Callable[[Snapshot, int, Card], list[Text]]


@dataclass(frozen=True)
class PanelState:
    """Everything a compact panel's or a ticker line's text depends on, but the width."""

    label: str
    snapshot: Snapshot | None
    error: str | None
    stale: bool = False
    focused: bool = False
    #: Flashing for a goal or a wicket.
    flashing: bool = False
    density: str = "compact"
    #: Followed by polling REST.
    polling: bool = False
    #: The sport's short label (`T20`), worked out by the panel.
    extra: str | None = None
    #: Scores hidden (`render/hidden.py`): nothing that gives the result away.
    hidden: bool = False
    #: The catalog's word on a match without a feed (a finished one's result).
    summary: MatchSummary | None = None
    #: Said in place of "Waiting for ..." (a delay holds the first state: when it shows).
    wait_note: str = ""
    #: The match's pulse, drawn as a meter at the end of a ticker line (None: none).
    pulse: int | None = None
    #: A ticker line's word on its delay (`synced: 38 s`, `delayed 45 s`; "": live).
    delay_note: str = ""


#: The narrowest ticker line that still has room for the pulse meter.
PULSE_TICKER_MIN = 60
#: The meter's cells (`render/pulse.py`: `▂▄··  37`).
PULSE_CELLS = 8


def error_line(error: str, width: int) -> Text:
    return fit(Text.assemble((f"{glyphs().warning} ", ERROR), lit(error, "bold")), width)


def panel_body(
    state: PanelState, width: int, console: Console, guard: Guard | None = None
) -> list[Text]:
    """A compact panel's lines, or a ticker's one line."""
    snap, error = state.snapshot, state.error

    def run(layout: Card, shown: Snapshot) -> list[Text]:
        return layout(shown, width) if guard is None else guard(shown, width, layout)

    if state.density == "ticker":
        if snap is None or error is not None or state.hidden:
            return [_ticker(state, width)]
        return run(lambda shown, width: [_ticker(replace(state, snapshot=shown), width)], snap)
    if snap is None:
        waiting = state.wait_note or f"Waiting for {state.label}{glyphs().ellipsis}"
        return [fit(styled(waiting, DIM), width)]
    lines = hidden_lines(snap, width) if state.hidden else run(compact_lines, snap)
    return lines if error is None else [error_line(error, width), *lines]


def _flash_short(state: PanelState) -> str | None:
    if not state.flashing or state.snapshot is None:
        return None
    return view_for(state.snapshot).flash_short or None


def _ticker(state: PanelState, width: int) -> Text:
    """One ticker row; from `PULSE_TICKER_MIN` cells every row keeps the pulse meter's
    cells at its end (blank where it has none), so all rows share their columns."""
    if width < PULSE_TICKER_MIN:
        return _ticker_row(state, width)
    snap = state.snapshot
    live = snap is not None and snap.status == "live" and not state.hidden
    meter = (
        pulse_meter(state.pulse, ascii=glyphs().ascii)
        if live and state.pulse is not None and state.error is None
        else Text(" " * PULSE_CELLS)
    )
    return Text.assemble(_ticker_row(state, width - PULSE_CELLS - 1), " ", meter)


def _ticker_row(state: PanelState, width: int) -> Text:
    snap, summary = state.snapshot, state.summary
    if snap is None and summary is not None:  # in the live rows' columns (compact.py)
        score = styled(
            f" {lit(summary.score_home).plain} - {lit(summary.score_away).plain} ", SCORE
        )
        return ticker_teams_line(
            (summary.home, summary.away),
            score,
            lit(summary.result, DIM),
            short_badge(summary.status),
            width,
            focused=state.focused,
        )
    if state.error is not None:
        mark, note = styled(" ERROR ", badge("unavailable")), lit(state.error, "bold")
    elif snap is None:
        waiting = state.wait_note or f"waiting{glyphs().ellipsis}"
        mark, note = styled(" ", DIM), styled(f"{state.label}: {waiting}", DIM)
    elif state.hidden:  # no score, no status, no events: who plays
        return ticker_teams_line(
            (snap.home, snap.away),
            Text(f" {HIDDEN_SCORE} "),
            _delay_lead(state) or Text(),
            styled(" HIDE ", "bold reverse"),
            width,
            focused=state.focused,
        )
    else:
        mark = short_badge(
            snap.status,
            half_time=half_time(snap),
            stale=state.stale,
            flash=_flash_short(state),
        )
        note = Text()
    lead = _delay_lead(state)
    return ticker_line(snap, mark, width, focused=state.focused, note=note, lead=lead)


def _delay_lead(state: PanelState) -> Text | None:
    """`synced: 38 s` for a delayed line. A finished match's result is not held back
    (a hidden one keeps it: its going would give the result away)."""
    snap = state.snapshot
    over = not state.hidden and snap is not None and snap.status == "finished"
    if not state.delay_note or over:
        return None
    return Text(f" {state.delay_note} ", style="reverse")
