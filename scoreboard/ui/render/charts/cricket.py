"""Cricket charts: the worm, the Manhattan, the chase, fall of wickets and partnerships.

Drawn from `core.charts.cricket.CricketTracker`. Each innings is drawn in
its batting side's style and labelled with the team's name and total; a
wicket is `●` (`W` in ASCII) wherever it is marked. An over whose start was
not seen (the app joined mid-innings) has no bar, and its stretch of axis
is dotted.
"""

from __future__ import annotations

import math
from datetime import tzinfo

from rich.text import Text

from scoreboard.core import derive
from scoreboard.core.charts.cricket import CricketTracker, InningsChart
from scoreboard.core.models import CricketSnapshot
from scoreboard.core.names import short_names, team_code
from scoreboard.core.text import safe_text
from scoreboard.ui.render.charts.canvas import (
    EIGHTHS,
    Plot,
    axis_row,
    bar_cells,
    end_labels,
    gutter,
    join,
    label_row,
    number_label,
    scale_of,
    since_text,
    title,
)
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.layout import Piece, fit, squeeze, words_piece
from scoreboard.ui.render.styles import AWAY, AWAY_TEAM, BALL_OUT, DIM, HOME, HOME_TEAM, WARN

WORM_ROWS = 7
MANHATTAN_ROWS = 5
CHASE_ROWS = 5
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def _team(snap: CricketSnapshot, chart: InningsChart) -> tuple[str, str, str]:
    """(name, line style, name style) of the side that batted in `chart`."""
    if chart.team == "home":
        return snap.home, HOME, HOME_TEAM
    return snap.away, AWAY, AWAY_TEAM


def coverage(tracker: CricketTracker, tz: tzinfo | None = None) -> str:
    """What the charts cover: "" for the whole match, else `since 14:02 (58')`."""
    return "" if tracker.whole else since_text(tracker.first_time, tracker.first_clock, tz)


def _overs(balls: int) -> str:
    return f"{balls // 6}.{balls % 6}" if balls % 6 else f"{balls // 6}"


def _mark(ascii: bool) -> str:
    return "W" if ascii else "●"


def _total_overs(tracker: CricketTracker) -> int:
    seen = max((math.ceil(i.balls / 6) for i in tracker.innings.values()), default=0)
    return max(tracker.scheduled_overs() or 0, seen, 1)


def _over_ticks(overs: int) -> list[int]:
    step = 5 if overs <= 25 else 10 if overs <= 60 else 25
    return [0, *range(step, overs + 1, step)]


def worm_lines(
    tracker: CricketTracker,
    snap: CricketSnapshot,
    width: int,
    ascii: bool,
    tz: tzinfo | None = None,
) -> list[Text]:
    """Runs against overs for every innings on one chart, wickets marked on the lines."""
    innings = tracker.ordered()
    lines = [title("Worm", width, coverage(tracker, tz))]
    if not innings:
        return [*lines, fit(styled("No innings started yet.", DIM), width)]
    left, margin = 5, min(24, max(width // 4, 10))
    plot = Plot(
        max(width - left - margin - 1, 4),
        WORM_ROWS,
        [_team(snap, c)[1] for c in innings],
        ascii=ascii,
        chars=["*", "+", "o", "x"],
    )
    overs = _total_overs(tracker)
    scale = scale_of(max(c.runs for c in innings), 50)

    def x(balls: int) -> int:
        return round(min(balls / (overs * 6), 1.0) * (plot.width - 1))

    def y(runs: int) -> int:
        return round(min(runs / scale, 1.0) * (plot.height - 1))

    ends = []
    for index, chart in enumerate(innings):
        points = [(x(b), y(r)) for b, r in chart.worm()]
        plot.polyline(points, index)
        name, _, strong = _team(snap, chart)
        for wicket in chart.fallen:
            plot.mark(x(wicket.balls), y(wicket.runs), _mark(ascii), strong)
        # The team's name gives way (cut by words, then its code) before its score does.
        other = snap.away if chart.team == "home" else snap.home
        shown = safe_text(name, 30)
        text = squeeze(
            [
                Piece((*words_piece(shown).forms[:-1], team_code(shown, other)), strong, 1),
                Piece(f" {chart.runs}/{chart.wickets}", "bold"),
            ],
            margin,
        )
        ends.append((points[-1][1], text))
    lines += _plot_rows(plot, end_labels(plot, ends, margin), scale, left, width)
    ticks = _over_ticks(overs)
    lines += _over_axis(plot, ticks, [x(t * 6) // plot.xres for t in ticks], left, width, ascii)
    lines.append(fit(styled(f"{_mark(ascii)} a wicket", DIM), width))
    return lines


def manhattan_lines(
    tracker: CricketTracker,
    snap: CricketSnapshot,
    width: int,
    ascii: bool,
    tz: tzinfo | None = None,
) -> list[Text]:
    """Runs in each over as bars, one chart per innings, wickets above the bars."""
    lines = [title("Manhattan: runs per over", width, coverage(tracker, tz))]
    innings = tracker.ordered()
    if not innings:
        return [*lines, fit(styled("No innings started yet.", DIM), width)]
    for chart in innings:
        lines += _manhattan(tracker, snap, chart, width, ascii)
    lines.append(fit(styled(f"{_mark(ascii)} a wicket in the over", DIM), width))
    return lines


def _manhattan(
    tracker: CricketTracker, snap: CricketSnapshot, chart: InningsChart, width: int, ascii: bool
) -> list[Text]:
    name, style, strong = _team(snap, chart)
    overs = chart.over_runs()
    total = max(tracker.scheduled_overs() or 0, len(overs), 1)
    left = 4
    cols = max(width - left - 1, 4)
    per = max(math.ceil(total / cols), 1)  # overs to a bar when they do not fit
    bars = math.ceil(total / per)
    slot = max(cols // bars, 1)
    bar = 1 if slot <= 2 else min(slot - 1, 3)
    runs: list[int | None] = []
    falls: list[int] = []
    for start in range(0, bars * per, per):
        group = overs[start : start + per]
        known = [r for _, r, _ in group]
        runs.append(None if not group or None in known else sum(r or 0 for r in known))
        falls.append(sum(w for *_, w in group))
    scale = scale_of(max((r for r in runs if r is not None), default=0), 12)
    heading = Text.assemble(
        lit(name, strong, limit=40),
        "  ",
        (f"{chart.runs}/{chart.wickets} ({_overs(chart.balls)} ov)", "bold"),
    )
    if per > 1:
        heading.append(f"  {per} overs to a bar", DIM)
    out = [fit(heading, width)]
    columns = [
        bar_cells(r or 0, scale, MANHATTAN_ROWS, up=True, ascii=ascii, eighths=True) for r in runs
    ]
    marks = Text(no_wrap=True)
    for fall in falls:
        shown = (_mark(ascii) * fall if fall <= bar else str(fall)) if fall else ""
        marks.append(fit(Text(shown), bar, "center").plain, strong)
        marks.append(" " * (slot - bar))
    out.append(join(width, " " * left, marks))
    for row in reversed(range(MANHATTAN_ROWS)):
        line = Text(no_wrap=True)
        for cells in columns:
            line.append(cells[row] * bar, style)
            line.append(" " * (slot - bar))
        tick = {MANHATTAN_ROWS - 1: number_label(scale), 0: ""}.get(row, "")
        out.append(join(width, gutter(tick, left - 1), " ", line))
    seen = [r is not None for r in runs for _ in range(slot)]
    out.append(join(width, gutter("0", left - 1), " ", axis_row(bars * slot, seen, ascii)))
    ticks = [t for t in _over_ticks(total) if t] or [1]
    out.append(
        join(
            width,
            " " * left,
            label_row(bars * slot, [(((t - 1) // per) * slot, str(t)) for t in [1, *ticks]]),
        )
    )
    return out


def chase_lines(
    tracker: CricketTracker,
    snap: CricketSnapshot,
    width: int,
    ascii: bool,
    tz: tzinfo | None = None,
) -> list[Text]:
    """For a chase: the current run rate against the required rate, over by over."""
    chart = next((c for c in reversed(tracker.ordered()) if c.target is not None), None)
    if chart is None:
        return []
    name, style, strong = _team(snap, chart)
    lines = [title("Chase: current against required run rate", width, coverage(tracker, tz))]
    lines.append(fit(_chase_summary(snap, chart, name, strong), width))
    rates = sorted(chart.rates.items())
    points = [(over, crr, rrr) for over, (crr, rrr) in rates]
    if not points:
        return [*lines, fit(styled("The first over of the chase is still to finish.", DIM), width)]
    left, margin = 5, 12
    plot = Plot(
        max(width - left - margin - 1, 4), CHASE_ROWS, [style, WARN], ascii=ascii, chars=["*", "o"]
    )
    overs = max(tracker.scheduled_overs() or 0, points[-1][0], 1)
    peak = max(max(v for v in (c, r) if v is not None) for _, c, r in points if c or r)
    scale = scale_of(min(peak, 36.0), 12)

    def x(over: int) -> int:
        return round(min(over / overs, 1.0) * (plot.width - 1))

    def y(rate: float) -> int:
        return round(min(rate / scale, 1.0) * (plot.height - 1))

    ends: list[tuple[int, Text]] = []
    for series, label in ((1, "CRR"), (2, "RRR")):
        found = [(x(p[0]), y(p[series])) for p in points if p[series] is not None]  # type: ignore[arg-type]
        if not found:
            continue
        plot.polyline(found, series - 1, dashed=series == 2)
        value = (chart.crr, chart.rrr)[series - 1]
        end = Text.assemble(
            (label, (strong, WARN)[series - 1]), " ", (derive.rate_text(value), "bold")
        )
        ends.append((found[-1][1], end))
    lines += _plot_rows(plot, end_labels(plot, ends, margin), scale, left, width)
    ticks = _over_ticks(overs)
    lines += _over_axis(plot, ticks, [x(t) // plot.xres for t in ticks], left, width, ascii)
    legend = Text.assemble(
        ("CRR", strong),
        (" runs an over so far (solid)   ", DIM),
        ("RRR", WARN),
        (" runs an over needed (dashed)", DIM),
    )
    lines.append(fit(legend, width))
    return lines


def _chase_summary(snap: CricketSnapshot, chart: InningsChart, name: str, strong: str) -> Text:
    """`Team  Target 180 · needs 23 from 14 balls` (the need while the chase is on)."""
    summary = Text.assemble(
        lit(name, strong, limit=40),
        "  ",
        (f"Target {derive.count_text(chart.target or 0)}", "bold"),
    )
    needs = derive.chase_text(snap) if snap.innings == chart.number and not snap.result else ""
    if needs:
        summary.append(f" · {needs}")
    return summary


def _plot_rows(plot: Plot, labels: list[Text], scale: float, left: int, width: int) -> list[Text]:
    """The plot's rows: the scale's top and 0 in the gutter, each line's label on the right."""
    lines = []
    for row, text in enumerate(plot.lines()):
        tick = {0: number_label(scale), plot.rows - 1: "0"}.get(row, "")
        lines.append(join(width, gutter(tick, left - 1), " ", text, " ", labels[row]))
    return lines


def _over_axis(
    plot: Plot, ticks: list[int], cols: list[int], left: int, width: int, ascii: bool
) -> list[Text]:
    """The overs axis under a plot: tick marks at `cols`, the overs they stand for below."""
    return [
        join(width, " " * left, axis_row(plot.cols, [True] * plot.cols, ascii, cols)),
        join(
            width,
            " " * left,
            label_row(plot.cols, [(c, str(t)) for c, t in zip(cols, ticks, strict=True)]),
            styled(" overs", DIM),
        ),
    ]


def wickets_lines(
    tracker: CricketTracker, snap: CricketSnapshot, width: int, tz: tzinfo | None = None
) -> list[Text]:
    """Fall of wickets, a line each: `3-87  Suryakumar Yadav  c Dube b Ahmed  11.2 ov`."""
    lines = [title("Fall of wickets", width, coverage(tracker, tz))]
    any_shown = False
    for chart in tracker.ordered():
        if not chart.fallen:
            continue
        any_shown = True
        name, _, strong = _team(snap, chart)
        lines.append(fit(lit(name, strong, limit=60), width))
        for wicket in chart.fallen:
            name_width = min(24, max(width // 4, 8))
            lines.append(
                fit(
                    Text.assemble(
                        (f"  {wicket.number}-{wicket.runs}".ljust(10), "bold"),
                        fit(lit(wicket.batter or "?", limit=40), name_width),
                        "  ",
                        fit(lit(wicket.dismissal, DIM, limit=40), name_width + 4),
                        "  ",
                        (f"{derive.fall_overs(wicket.balls)} ov".rjust(8), DIM),
                    ),
                    width,
                )
            )
    if not any_shown:
        lines.append(fit(styled("No wicket has fallen since the charts began.", DIM), width))
    return lines


def partnership_lines(
    tracker: CricketTracker,
    snap: CricketSnapshot,
    width: int,
    ascii: bool,
    tz: tzinfo | None = None,
) -> list[Text]:
    """Each partnership seen from its start: the pair, runs (balls), a bar of its runs."""
    lines = [title("Partnerships", width, coverage(tracker, tz))]
    shown = False
    for chart in tracker.ordered():
        partnerships = chart.partnerships()
        if not partnerships:
            continue
        shown = True
        name, style, strong = _team(snap, chart)
        lines.append(fit(lit(name, strong, limit=60), width))
        peak = max(p.runs for p in partnerships) or 1
        pair_width = min(34, max(width // 3, 12))
        room = max(width - pair_width - 7 - 12 - 10, 0)
        # Names as short as they stay unique in the innings, particles kept (`de Kock`).
        forms = short_names([name for p in partnerships for name in p.pair])
        for p in partnerships:
            pair = " & ".join(forms[n] for n in p.pair) or "?"
            line = Text.assemble((f"  {_ORDINALS.get(p.wicket, f'{p.wicket}th')}".ljust(7), DIM))
            line.append_text(fit(lit(pair, limit=60), pair_width))
            line.append(f" {p.runs:>4} ({p.balls})".ljust(12), "bold")
            line.append(
                ("#" if ascii else "━") * max(round(p.runs / peak * room), 1 if p.runs else 0),
                style,
            )
            if p.unbroken:
                line.append("  unbroken", DIM)
            lines.append(fit(line, width))
    if not shown:
        lines.append(fit(styled("No partnership seen from its start yet.", DIM), width))
    return lines


def overs_spark(tracker: CricketTracker, width: int, ascii: bool) -> Text:
    """The panel's one line: the batting side's runs in each over, wicket overs underlined
    (from the first over seen: a panel that joined mid-innings does not start blank)."""
    chart = tracker.current()
    line = Text(no_wrap=True)
    if chart is None:
        return fit(line, width)
    overs = chart.over_runs()
    while overs and overs[0][1] is None:
        overs = overs[1:]
    overs = overs[-width:]
    scale = scale_of(max((r for _, r, _ in overs if r is not None), default=0), 12)
    ramp = " .:-=+*#%@"
    for _, runs, falls in overs:
        if runs is None:
            line.append(" ")
            continue
        if ascii:
            glyph = "W" if falls else ramp[min(round(runs / scale * 9), 9)] if runs else "_"
        else:
            glyph = EIGHTHS[min(max(round(runs / scale * 8), 1), 8) - 1]
        line.append(glyph, BALL_OUT if falls else (HOME if chart.team == "home" else AWAY))
        if falls:  # told by the line under it too, not by colour alone
            line.stylize("underline", len(line) - 1, len(line))
    label = "  runs per over"
    if line.cell_len + len(label) <= width:
        line.append(label, DIM)
    return fit(line, width)
