"""`?`: what the keys do and what the marks on a panel mean.

A key table whose key column never wraps (`d`, `Delete` stays on one line),
with no rules between rows, so that the whole help fits 120x40; narrower
terminals scroll it.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.styles import DIM

#: (keys, what they do); `x` marks a key.
KEYS: tuple[tuple[str, str], ...] = (
    ("`a`", "add a match: type its id, or pick a live match from the list"),
    ("`d`, `Delete`", "remove the focused match"),
    ("`Enter`", "open the focused match in detail (`Escape` goes back, `q` quits)"),
    ("arrows, `Tab`", "move between matches"),
    ("`l`", "Live now: every match of every catalog (type to filter, `Enter` adds)"),
    ("`f` / `F`", "follow the focused match's team or competition / what you follow"),
    ("`u` / `c`", "undo the last removal / clear finished matches"),
    ("`n` / `Ctrl+P`", "mute or unmute alerts / command palette: every action by name, the theme"),
    ("`r`", "RedZone: focus the match with the most at stake (pulse); arrows leave"),
    ("`z`", "panel size: auto (by terminal size), full, compact, ticker (one line)"),
    ("`?` / `i`", "this help / diagnostics: connection, frames, rejected frames"),
    ("`q`, `Ctrl+C`", "quit"),
    ("`h` / `H`", "hide the focused match's score / every score (again: reveal)"),
    ("`+` / `-`", "show the focused match 15 s later / sooner (a spoiler delay)"),
    ("`s` / `S`", "sync to your stream at its latest goal, wicket or basket / for its provider"),
    ("`m`", "what you missed in the focused match since you last saw it"),
    ("`←` `→` `[` `]` `End`", "in detail: rewind a state, a minute; back to live"),
    ("`space` `.` `[` `]` `{` `}` `e`", "replay: pause; a frame; 10 s; 1 min; next event"),
    ("`<` / `>`", "replay: half / double speed (x0.25 at the slowest)"),
)

NOTES: tuple[str, ...] = (
    "**On a panel**: `LIVE`, `HALF-TIME`, `FULL-TIME`, `SUSPENDED` badges say where the "
    "match stands. A goal or a wicket flashes the panel and puts `GOAL` or `WICKET` in "
    "its title. `STALE`: the connection dropped; the last state stays until it is back. "
    "Before the title, `▶`: the focused match; `★`: a team you follow. Beside the "
    "badge: the latest notable moment and how long ago (`⚽ B. Saka 61' · 2\u2032 ago`). "
    "`SCORES HIDDEN` hides what would give the result away; `delayed 45 s` runs that far "
    "behind the feed (`synced: 38 s`: lined up with your stream by `s`, moved by `+`/`-`); "
    "`● missed: m` marks news you have not seen yet. `▂▄▆█  85`: the "
    "match's pulse, how much is at stake (0-100).",
    "**Soccer**: ⚽ goal (OG own goal, P penalty), `Y` yellow card, `2Y` second yellow "
    "(sent off), `R` red card, ⇄ substitution. In a stat bar `━━━` is the home side's "
    "share, `───` the away side's.",
    "**Cricket**: `*` marks the striker (in the detail scorecard the bowler of the over "
    "too), `▶` the side batting; "
    "in *this over* `·` is a dot ball, `W` a wicket, `wd`/`nb` wides and no-balls, "
    "`lb`/`b` leg-byes and byes. Last wkt and Partnership: as the app saw them.",
)

#: Everything the help says, as plain text (`x` and **x** marks kept), for searching.
HELP = "\n".join([*(f"{k}  {v}" for k, v in KEYS), *NOTES, "Press `Escape` to close."])


def marked(text: str) -> Text:
    """`key` in bold, **word** in bold, *word* in italics: the help's own text only."""
    line = Text()
    for part in re.split(r"(`[^`]+`|\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if part.startswith("`"):
            line.append(part[1:-1], style="bold")
        elif part.startswith("**"):
            line.append(part[2:-2], style="bold")
        elif part.startswith("*") and len(part) > 1:
            line.append(part[1:-1], style="italic")
        else:
            line.append(part)
    return line


def _symbols(text: str) -> str:
    """`text` with the symbols the panels draw in the glyph set in use (`--ascii`)."""
    g = glyphs()
    if not g.ascii:
        return text
    for unicode, ascii in (
        ("⚽", g.goal), ("⇄", g.substitution), ("▶", g.batting), ("·", g.dot_ball),
        ("━━━", g.bar_home * 3), ("───", g.bar_away * 3), ("←", "Left"), ("→", "Right"),
    ):  # fmt: skip
        text = text.replace(unicode, ascii)
    return text


def help_renderable() -> Group:
    keys = Table.grid(padding=(0, 2))
    keys.add_column(no_wrap=True)  # a key never breaks over two lines
    keys.add_column(ratio=1)
    for key, does in KEYS:
        keys.add_row(marked(_symbols(key)), marked(_symbols(does)))
    notes = [marked(_symbols(note)) for note in NOTES]
    close = marked("Press `Escape` to close.")
    close.stylize(DIM)
    title = Text("sportrix-tui: keys and symbols", style="bold", justify="center")
    return Group(title, Text(""), keys, *(item for note in notes for item in (Text(""), note)),
                 Text(""), close)  # fmt: skip


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 104; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen #help-body { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(help_renderable(), id="help-body")
