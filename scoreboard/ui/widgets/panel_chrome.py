"""A panel's border: its title (label, competition, followed mark) and its badges.

Pure functions of the panel's state (`PanelFacts`); `MatchPanel._update_chrome`
redraws the border only when `chrome_key` says what it shows changed.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from scoreboard.ui.render.common import (
    ended_badge,
    flash_badge,
    sport_name,
    status_badge,
    styled,
)
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.layout import Piece, fit, squeeze, words_piece
from scoreboard.ui.render.pulse import pulse_meter
from scoreboard.ui.render.sports import view_for
from scoreboard.ui.render.styles import DIM, badge
from scoreboard.ui.render.summary import half_time as _half_time
from scoreboard.ui.render.summary import panel_title
from scoreboard.ui.widgets.panel_facts import PanelFacts
from scoreboard.ui.widgets.panel_time import time_badges

#: The fewest cells worth showing a moment in, beside the badges.
MOMENT_MIN = 8


def chrome_key(panel: PanelFacts, width: int) -> tuple[object, ...]:
    """Everything the title and the badges depend on (not the whole snapshot)."""
    snap = panel.snapshot
    summary = panel.summary
    return (
        None if snap is None else (snap.status, snap.competition, _half_time(snap)),
        panel.stale,
        panel.ended,
        panel.error is not None,
        panel.polling,
        (panel.hidden, panel.delay, panel.synced, panel.has_missed),
        panel.followed,
        panel.recent,
        panel.pulse,
        None if summary is None else summary.status,
        panel.focus_mark,
        panel.highlighted,
        panel.density,
        width,
    )


def title(panel: PanelFacts) -> Text:
    """` GOAL ` while it flashes, the focus mark, then the match's title."""
    snap = panel.snapshot
    extra = panel.guard.label(snap) if snap is not None else None
    named = panel_title(panel.label, snap, panel.summary, extra, followed=panel.followed)
    return Text.assemble(*_title_marks(panel), named)


def subtitle(panel: PanelFacts, width: int) -> Text:
    """The badges on the bottom border, the latest moment beside them if there is room."""
    snap, summary = panel.snapshot, panel.summary
    # A finished match shows its result: no delay holds anything back any more (a
    # hidden one keeps its badge: its going would give the result away).
    known = snap if snap is not None else summary
    over = not panel.hidden and known is not None and known.status == "finished"
    timed = time_badges(
        missed=panel.has_missed,
        delay=0 if over else panel.delay,
        hidden=panel.hidden,
        synced=panel.synced,
    )
    if snap is not None:
        shown = (
            (Text(" STALE ", style="bold reverse") if panel.stale else Text())
            if panel.hidden
            else ended_badge(panel.ended)
            if panel.ended and snap.status != "finished"
            else status_badge(
                snap.status,
                half_time=_half_time(snap),
                stale=panel.stale,
                polling=panel.polling,
                sport=sport_name(snap),
            )
        )
        badges = [b for b in (*timed, shown) if b]
        # The latest moment gives a hidden score away: hidden panels keep it to themselves.
        recent = panel.recent if not panel.hidden else ""
        if panel.pulse is not None and not panel.hidden and snap.status == "live":
            badges.insert(0, _meter(panel.pulse, recent, badges, width))
        moment = _moment(recent, badges, width) if recent else []
        return Text(" ").join([*moment, *badges])
    if summary is not None and summary.status != "live":
        # The badge (FULL-TIME) gives a hidden score away.
        said = [] if panel.hidden else [status_badge(summary.status, sport=summary.sport)]
        return Text(" ").join([*timed, *said])
    if panel.error is not None:
        return styled(" UNAVAILABLE ", badge("unavailable"))
    return Text(" ").join(timed)


def flash_word(panel: PanelFacts) -> str | None:
    """`GOAL`, `WICKET` while the panel flashes for one."""
    snap = panel.snapshot
    if not panel.highlighted or snap is None:
        return None
    return view_for(snap).flash_word or None


def _meter(pulse: int, recent: str, badges: list[Text], width: int) -> Text:
    """The pulse meter (`▂▄··  41`); its bars alone (`▂▄··`) where the number would cut
    the latest moment short: what just happened is worth more cells than the figure."""
    meter = pulse_meter(pulse, ascii=glyphs().ascii)
    whole = Text.assemble(" ", meter, " ")
    if recent and cell_len(recent) > _moment_room([whole, *badges], width):
        bars = meter[: meter.plain.index(" ")]
        return Text.assemble(" ", bars, " ")
    return whole


def _moment_room(badges: list[Text], width: int) -> int:
    """The cells the bottom border leaves a moment beside `badges`."""
    # The border keeps a corner and a rule each side; a space joins each badge.
    return width - 4 - sum(b.cell_len + 1 for b in badges) - 2


def _moment(recent: str, badges: list[Text], width: int) -> list[Text]:
    """The latest moment, cut to the room the badges leave on the bottom border
    (the status badge always shows), or nothing where fewer than 8 cells are left.
    """
    room = _moment_room(badges, width)
    if room < MOMENT_MIN:
        return []
    return [styled(f" {_cut_moment(recent, room).plain} ", DIM)]


def _cut_moment(recent: str, room: int) -> Text:
    """`recent` in `room` cells, cut a word at a time from its end, never inside a word,
    keeping its mark, its first word and a closing minute: `⚽ K. Havertz 4'` -> `⚽ K.… 4'`,
    `☝ Watson 80 · CSK 146/6 (19.4)` -> `☝ Watson 80…` (not `⚽ K. Have…`).
    How long ago (`· 2 min ago`) goes first, so it never takes the minute's place."""
    head, dot, tail = recent.rpartition(" · ")
    if cell_len(recent) > room and dot and (tail.endswith(" ago") or tail == "just now"):
        recent = head
    words = recent.split()
    if cell_len(recent) <= room or len(words) < 3:
        return fit(recent, min(room, cell_len(recent)))
    last = words[-1]
    minute = last if last.endswith("'") and last[:-1].replace("+", "").isdigit() else ""
    middle = words[1:-1] if minute else words[1:]
    shrinking = words_piece(" " + " ".join(middle)).forms
    if not minute:  # the words say who: never down to the mark alone
        shrinking = shrinking[:-1]
    pieces = [Piece(words[0]), Piece(shrinking), *([Piece(f" {minute}")] if minute else [])]
    cut = squeeze(pieces, room)
    cut.rstrip()
    return cut


def _title_marks(panel: PanelFacts) -> list[Text]:
    """Before the title: ` GOAL ` while it flashes, the focus mark when focused."""
    marks = []
    word = flash_word(panel)
    if word:
        marks += [flash_badge(word), Text(" ")]
    if panel.focus_mark:
        marks.append(styled(f"{glyphs().focus} ", "bold"))
    return marks
