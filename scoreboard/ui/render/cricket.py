"""Cricket: the panel body (totals, chase, rates, batters, bowler, this over)
and the detail view (the full scorecard of every innings)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from scoreboard.core import derive
from scoreboard.core.models import BattingEntry, Bowler, CricketSnapshot, Innings, Total
from scoreboard.core.names import name_forms
from scoreboard.core.text import safe_text
from scoreboard.core.wickets import WicketLog
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.glyphs import glyphs, sep
from scoreboard.ui.render.layout import (
    Justify,
    Piece,
    blank,
    fit,
    flex_row,
    row,
    squeeze,
    words_piece,
)
from scoreboard.ui.render.odds import with_odds
from scoreboard.ui.render.sections import Block, Rows, Section, gap, heading, note
from scoreboard.ui.render.styles import (
    AWAY,
    AWAY_TEAM,
    BALL_FOUR,
    BALL_OUT,
    BALL_SIX,
    BALL_WICKET,
    DIM,
    HOME,
    HOME_TEAM,
)

_BALL_STYLES = {"W": BALL_WICKET, "4": BALL_FOUR, "6": BALL_SIX}


#: The numbers columns of the panel: (heading, width).
BATTER_COLUMNS = (("R", 3), ("B", 3), ("4s", 2), ("6s", 2), ("SR", 6))
BOWLER_COLUMNS = (("O", 4), ("M", 2), ("R", 3), ("W", 2), ("Econ", 6))


def cricket_lines(snap: CricketSnapshot, width: int) -> list[Text]:
    """The panel: both totals, the chase, rates and odds, then who is at the crease."""
    return [
        *totals(snap, width),
        situation(snap, width),
        fit(with_odds(rates(snap), snap, width), width),
        blank(width),
        *crease(snap, width),
    ]


def cricket_detail(snap: CricketSnapshot) -> list[Section]:
    """The totals and the chase, who is at the crease, then every innings' scorecard."""
    sections: list[Section] = [
        Block(
            lambda width: [
                *totals(snap, width),
                situation(snap, width),
                fit(rates(snap), width),
            ]
        )
    ]
    if snap.batsmen or snap.bowler or snap.over:
        sections += [heading("At the crease"), Block(lambda width: crease(snap, width))]
    for innings in snap.scorecard or []:
        sections += innings_sections(snap, innings)
    if not snap.scorecard:
        sections += [gap(), note("No scorecard sent.")]
    return sections


def wicket_lines(log: WicketLog, snap: CricketSnapshot, width: int) -> list[Text]:
    """`Last wkt  D. Conway c Chahar b Jacks 26 (19) · 37/1 (4.2)` and `Partnership  13 (11)`,
    as far as the app saw them (see `core/wickets.py`)."""
    lines = []
    fall = log.last(snap)
    if fall is not None:
        # Cut the dismissal's words and shorten the name before the figures go.
        pieces = [
            Piece("Last wkt  ", DIM),
            Piece(name_forms(safe_text(fall.batter, 40)) if fall.batter else "?", rank=1),
        ]
        if fall.how:
            pieces.append(words_piece(f" {safe_text(fall.how, 40)}", DIM))
        if fall.batter_runs is not None:
            faced = f" ({derive.count_text(fall.batter_balls)})" if fall.batter_balls else ""
            pieces.append(Piece(f" {derive.count_text(fall.batter_runs)}{faced}"))
        score = f"{derive.count_text(fall.runs)}/{fall.wicket} ({safe_text(fall.overs, 8)})"
        pieces.append(Piece(f" · {score}", DIM))
        lines.append(squeeze(pieces, width))
    stand = log.partnership(snap)
    if stand is not None:
        runs, balls = stand
        line = styled("Partnership  ", DIM)
        line.append(f"{derive.count_text(runs)} ({balls} ball{'s' if balls != 1 else ''})")
        lines.append(fit(line, width))
    return lines


def totals(snap: CricketSnapshot, width: int) -> list[Text]:
    """`▶ Chennai Super Kings        45/1 (7.0)`: one line a side, `▶` batting."""
    lines = []
    sides = (("home", snap.home, HOME, HOME_TEAM), ("away", snap.away, AWAY, AWAY_TEAM))
    for side, name, plain, strong in sides:
        total: Total | None = getattr(snap.score, side)
        batting = snap.batting == side and snap.status == "live"
        score = styled(derive.total_text(total) or "yet to bat", "bold" if total else DIM)
        lines.append(
            flex_row(
                [
                    (styled(glyphs().batting if batting else " ", "bold"), 1, "left"),
                    (lit(name, strong if batting else plain), None, "left"),
                    (score, min(score.cell_len, width // 2), "right"),
                ],
                width,
            )
        )
    return lines


def crease(snap: CricketSnapshot, width: int) -> list[Text]:
    """The two batters, the bowler and this over, whichever were sent."""
    lines = []
    if snap.batsmen:
        lines.append(_numbers_row(Text("Batter"), BATTER_COLUMNS, None, width, heading=True))
        for batter in snap.batsmen:
            name = lit(batter.name, "bold" if batter.on_strike else "", limit=40)
            if batter.on_strike:
                name.append("*", style="bold")
            numbers = _batting_numbers(batter.runs, batter.balls, batter.fours, batter.sixes)
            lines.append(_numbers_row(name, BATTER_COLUMNS, numbers, width))
    if snap.bowler:
        bowler = snap.bowler
        lines.append(_numbers_row(Text("Bowler"), BOWLER_COLUMNS, None, width, heading=True))
        numbers = [
            safe_text(bowler.overs, 8),
            derive.count_text(bowler.maidens),
            derive.count_text(bowler.runs),
            derive.count_text(bowler.wickets),
            derive.rate_text(derive.economy(bowler.runs, bowler.overs)),
        ]
        lines.append(_numbers_row(lit(bowler.name, limit=40), BOWLER_COLUMNS, numbers, width))
    over = over_line(snap)
    if over.plain:
        lines.append(fit(over, width))
    return lines


def over_line(snap: CricketSnapshot) -> Text:
    """This over (`Over 8: 1 · 4 W`), or nothing: no over "to come" once the innings
    is over (the innings break, full time)."""
    over = snap.over
    if over is None or (derive.innings_over(snap) and not over.balls):
        return Text()
    return this_over(snap)


def _numbers_row(
    name: Text,
    columns: tuple[tuple[str, int], ...],
    numbers: list[str] | None,
    width: int,
    *,
    heading: bool = False,
) -> Text:
    values = [heading for heading, _ in columns] if numbers is None else numbers
    cells: list[tuple[Text | str, int | None, Justify]] = [(" ", 0, "left"), (name, None, "left")]
    cells += [(value, size, "right") for value, (_, size) in zip(values, columns, strict=True)]
    line = flex_row(cells, width)
    if heading:
        line.stylize(DIM)
        line.stylize("bold")
    return line


def situation(snap: CricketSnapshot, width: int | None = None) -> Text:
    """The result, or the chase (`Target 177 · needs 32 from 22 balls`), or the innings.

    With `width`, the line fits it: the chase's words go before its figures
    (`needs 148 from 114 balls`, `needs 148 off 114`, `148 off 114`)."""
    if snap.result:
        line = lit(snap.result, "bold")
        return line if width is None else fit(line, width)
    pieces: list[Piece] = []
    if snap.target is not None:
        pieces.append(Piece((f"Target {derive.count_text(snap.target)}",), "bold"))
        forms = chase_forms(snap)
        if forms:
            pieces.append(Piece(tuple(f"{sep()}{form}" for form in forms), rank=1))
    elif snap.innings:
        pieces.append(Piece(f"Innings {derive.count_text(snap.innings)}", "bold"))
    if width is not None:
        return squeeze(pieces, width)
    return Text.assemble(*((p.forms[0], p.style) for p in pieces))


def chase_forms(snap: CricketSnapshot) -> tuple[str, ...]:
    """The chase, longest first, its figures kept to the last: `needs 148 from 114 balls`,
    `needs 148 off 114`, `148 off 114`; () when there is no chase."""
    chase, text = derive.chase(snap), derive.chase_text(snap)
    if chase is None or not text:
        return ()
    needed, left = chase
    if not needed or left is None:
        return (text,)
    runs, balls = derive.count_text(needed), derive.count_text(left)
    return (text, f"needs {runs} off {balls}", f"{runs} off {balls}")


def rates(snap: CricketSnapshot) -> Text:
    """`CRR 8.88 · RRR 8.73`: current and (when chasing) required run rate."""
    parts = []
    crr = derive.current_rate(snap)
    if crr is not None:
        parts.append(f"CRR {derive.rate_text(crr)}")
    # No rate is required of an innings that is over (all out with balls left).
    rrr = None if derive.innings_over(snap) else derive.required_rate(snap)
    if rrr is not None:
        parts.append(f"RRR {derive.rate_text(rrr)}")
    return styled(sep().join(parts), DIM)


def _batting_numbers(runs: int, balls: int, fours: int, sixes: int) -> list[str]:
    rate = derive.rate_text(derive.strike_rate(runs, balls), decimals=1)
    return [*map(derive.count_text, (runs, balls, fours, sixes)), rate]


def bowler_line(bowler: Bowler, width: int, *, current: bool = False) -> Text:
    """A bowler's figures; `current`: bowling now (marked `*`, like the striker)."""
    name = lit(bowler.name, "bold" if current else "", limit=40)
    if current:
        name.append("*", style="bold")
    numbers = [
        safe_text(bowler.overs, 8),
        derive.count_text(bowler.maidens),
        derive.count_text(bowler.runs),
        derive.count_text(bowler.wickets),
        derive.rate_text(derive.economy(bowler.runs, bowler.overs)),
    ]
    return _numbers_row(name, SCORECARD_BOWLING, numbers, width)


def bowler_header(width: int) -> Text:
    return _numbers_row(Text("Bowler"), SCORECARD_BOWLING, None, width, heading=True)


def this_over(snap: CricketSnapshot) -> Text:
    over = snap.over
    assert over is not None
    number = over.number + 1
    if derive.innings_over(snap) and over.ball == 0 and over.number:
        number = over.number  # the innings ended with an over: its balls are that over's
    line = styled(f"Over {derive.count_text(number)}: ", DIM)
    if not over.balls:
        line.append("first ball to come", style=DIM)
    for code in over.balls:
        shown = glyphs().dot_ball if code == "0" else code
        style = _BALL_STYLES.get(code, BALL_OUT if code.startswith("W") else "")
        line.append_text(lit(shown, style, limit=6))
        line.append(" ")
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def innings_sections(snap: CricketSnapshot, innings: Innings) -> list[Section]:
    """One innings: its total, every batter, the extras, every bowler."""
    team = snap.home if innings.team == "home" else snap.away
    title = Text.assemble(
        lit(team, HOME_TEAM if innings.team == "home" else AWAY_TEAM, limit=60),
        (f"  innings {derive.count_text(innings.innings)}  ", DIM),
        (derive.total_text(Total(innings.runs, innings.wickets, innings.overs)), "bold"),
    )
    extras = innings.extras
    extras_line = styled("Extras ", DIM)
    if extras is not None:
        parts = (extras.byes, extras.leg_byes, extras.wides, extras.no_balls, extras.penalty)
        b, lb, w, nb, p = map(derive.count_text, parts)
        extras_line.append(
            f"{derive.count_text(extras.total)} (b {b}, lb {lb}, w {w}, nb {nb}, p {p})"
        )
    else:
        extras_line.append("-")
    names = max((cell_len(safe_text(b.name, 40)) for b in innings.batting), default=6)
    bowling = list(innings.bowling)
    current = snap.bowler if _in_progress(snap, innings) else None
    if current is not None and current.name not in {b.name for b in bowling}:
        bowling.append(current)  # a new bowler's first over: not on the card yet

    def bowling_line(bowler: Bowler, width: int) -> Text:
        return bowler_line(
            bowler, width, current=current is not None and bowler.name == current.name
        )

    return [
        Block(lambda width: [blank(width), fit(title, width)]),
        Rows(
            innings.batting,
            lambda entry, width: batting_line(entry, width, names),
            header=lambda width: batting_header(width, names),
        ),
        Block(lambda width: [fit(extras_line, width)]),
        Rows(bowling, bowling_line, header=bowler_header),
    ]


def _in_progress(snap: CricketSnapshot, innings: Innings) -> bool:
    """`innings` is the one being played now."""
    last = snap.scorecard[-1] if snap.scorecard else None
    live = snap.status == "live" and innings.team == snap.batting
    return live and (innings.innings == snap.innings or innings is last)


#: The scorecard's numbers columns: (heading, width).
SCORECARD_BATTING = (("R", 4), ("B", 4), ("4s", 3), ("6s", 3), ("SR", 6))
SCORECARD_BOWLING = (("O", 5), ("M", 3), ("R", 4), ("W", 3), ("Econ", 6))


def batting_line(entry: BattingEntry, width: int, names: int = 24) -> Text:
    """`Rohit Sharma  c Kohli b Starc      45  30  3  1  150.0`: name, how out (right
    after the longest name of the innings, `names` cells), numbers."""
    numbers = _batting_numbers(entry.runs, entry.balls, entry.fours, entry.sixes)
    return _batting_row(
        lit(entry.name, limit=40), lit(entry.dismissal or "", DIM, limit=60), numbers, width, names
    )


def batting_header(width: int, names: int = 24) -> Text:
    columns = [name for name, _ in SCORECARD_BATTING]
    line = _batting_row(Text("Batter"), Text(""), columns, width, names)
    line.stylize(DIM)
    line.stylize("bold")
    return line


def _batting_row(name: Text, how: Text, numbers: list[str], width: int, names: int) -> Text:
    fixed = sum(size for _, size in SCORECARD_BATTING) + len(SCORECARD_BATTING) + 2
    rest = max(width - fixed, 0)
    # The name column is as wide as the innings' longest name (at most 2/5 of the
    # room), so the dismissal reads right after it, not far across the line.
    name_cells = min(max(names, 6) + 1, rest * 2 // 5)
    cells: list[tuple[Text | str, int, Justify]] = [
        (" ", 0, "left"),
        (name, name_cells, "left"),
        (how, rest - name_cells, "left"),
    ]
    cells += [
        (value, size, "right") for value, (_, size) in zip(numbers, SCORECARD_BATTING, strict=True)
    ]
    return fit(row(*cells), width)
