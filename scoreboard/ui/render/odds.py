"""Win probability on screen: `MUM 64 %`, or soccer's three-way `ARS 48 % · draw 27 %`.

Drawn from the snapshot a layout is handed, which is the one the panel
SHOWS (a delayed panel's held-back state, never the newest), and only by the
sport layouts a hidden panel does not use, so `h` hides it with the score.
The numbers come from `core.winprob` (docs/win-probability.md); a match the
models cannot read (not live, extra time, Test cricket) shows nothing.

`with_odds` adds it to a line only where there is room: a panel too narrow
for it keeps its line as it was.
"""

from __future__ import annotations

from rich.text import Text

from scoreboard.core.models import Snapshot
from scoreboard.core.winprob import win_probability
from scoreboard.ui.render.codes import team_code_of
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.styles import DIM


def percent(chance: float) -> str:
    return f"{round(chance * 100)} %"


def odds_text(snap: Snapshot, *, draw: bool = True) -> str:
    """The likelier side's chance (`MUM 64 %`), with soccer's draw unless not `draw`;
    "" when none."""
    chances = win_probability(snap)
    if chances is None:
        return ""
    side, chance = (
        ("home", chances.home) if chances.home >= chances.away else ("away", chances.away)
    )
    code = (
        team_code_of(snap.home, snap.away) if side == "home" else team_code_of(snap.away, snap.home)
    )
    text = f"{code} {percent(chance)}"
    if draw and chances.draw is not None:
        text += f"{sep()}draw {percent(chances.draw)}"
    return text


def with_odds(line: Text, snap: Snapshot, width: int, gap: str | None = None) -> Text:
    """`line` and, if it fits in `width` cells, the odds after it (after `gap`); soccer's
    without the draw where only that fits."""
    joint = (sep() if gap is None else gap) if line.plain else ""
    room = width - line.cell_len - len(joint)
    odds = odds_text(snap)
    if len(odds) > room and " draw " in odds:
        odds = odds_text(snap, draw=False)
    if not odds or len(odds) > room:
        return line
    return Text.assemble(line, joint, (odds, DIM))
