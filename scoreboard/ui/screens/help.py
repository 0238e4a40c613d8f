"""`?`: what the keys do and what the marks on a panel mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# sportrix-tui

| key | does |
|---|---|
| `a` | add a match: type its id, or pick a live match from the list |
| `d`, `Delete` | remove the focused match |
| `Enter` | open the focused match in detail (`Escape` goes back, `q` quits) |
| arrows, `Tab` | move between matches |
| `l` | Live now: every match of every catalog (type to filter, `Enter` adds) |
| `f` / `F` | follow the focused match's team or competition / what you follow |
| `u` | undo the last removal |
| `c` | clear finished matches |
| `n` | mute or unmute alerts for this session |
| `i` | diagnostics: connection, frames, rejected frames |
| `Ctrl+P` | command palette: every action by name |
| `?` | this help |
| `q`, `Ctrl+C` | quit |
| `h` / `H` | hide the focused match's score / every score (again: reveal) |
| `+` / `-` | show the focused match 15 s later / sooner (a spoiler delay) |
| `m` | what you missed in the focused match since you last saw it |
| in detail: `←` `→`, `[` `]`, `End` | rewind a state, a minute; back to live |
| replay: `space`, `.`, `[` `]`, `{` `}`, `e` | pause; a frame; 10 s; 1 min; next event |

**On a panel**: `LIVE`, `HALF-TIME`, `FULL-TIME`, `SUSPENDED` badges say where the
match stands. A green flash is a goal or a wicket. `STALE` means the connection
dropped: the panel shows the last state received and comes back live by itself.
`★` before the title: a team you follow. Beside the badge: the latest notable
moment and how long ago (`⚽ B. Saka 61' · 2\u2032 ago`).
`SCORES HIDDEN` hides what would give the result away; `delayed 45 s` runs that far
behind the feed; `● missed: m` marks news you have not seen yet.

**Soccer**: ⚽ goal (OG own goal, P penalty), `Y` yellow card, `2Y` second yellow (sent off),
`R` red card, ⇄ substitution.
**Cricket**: `*` marks the striker, `▶` the side batting; in *this over* `·` is a dot
ball, `W` a wicket, `wd`/`nb` wides and no-balls, `lb`/`b` leg-byes and byes.

Press `Escape` to close.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
