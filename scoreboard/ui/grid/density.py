"""How much each panel shows: full, compact (about five rows) or ticker (one line).

- *full*: the whole panel: score, clock, stats, latest events (or the crease).
- *compact*: teams and score, clock and phase, the last notable event; for
  cricket both totals, the chase and this over.
- *ticker*: one line per match, like a scores strip: badge, teams, score,
  clock, last event.

Panels are as high as their content. `auto` (the default until `z` is
pressed) picks by terminal size: full from 40 rows, compact from 24 rows,
the ticker below that. `z` steps through auto, full, compact and ticker (from
auto, to the stop after the one auto shows); the choice, `auto` included, is
remembered in the user's state directory (`view.json`); `--density` or
`density = ...` in the config wins over it.
"""

from __future__ import annotations

from pathlib import Path

from scoreboard import state

DENSITIES = ("full", "compact", "ticker")
#: Narrowest a panel gets before the grid drops a column, by density.
MIN_WIDTH = {"full": 52, "compact": 38, "ticker": 76}
#: Terminal rows from which `auto` shows full and compact panels.
FULL_FROM_ROWS = 40
COMPACT_FROM_ROWS = 24


def auto_density(width: int, height: int) -> str:
    """The density `auto` shows at a terminal size."""
    if height >= FULL_FROM_ROWS and width >= MIN_WIDTH["full"]:
        return "full"
    if height >= COMPACT_FROM_ROWS:
        return "compact"
    return "ticker"


#: The stops of `z`, in order; `auto` is one of them, so a chosen size can be undone.
CHOICES = ("auto", *DENSITIES)


def next_choice(choice: str, auto_shows: str) -> str:
    """What `z` chooses after `choice`; from `auto`, the stop after the one auto shows
    now (pressing `z` always changes what is on screen)."""
    index = CHOICES.index(choice) if choice in CHOICES else 0
    following = CHOICES[(index + 1) % len(CHOICES)]
    if choice == "auto" and following == auto_shows:
        following = CHOICES[(index + 2) % len(CHOICES)]
    return following


def columns_for(density: str, width: int, panels: int) -> int:
    """Grid columns: as many as fit, never more than there are panels."""
    return max(1, min(width // MIN_WIDTH[density], max(panels, 1)))


class DensityMemory:
    """The density chosen with `z`, kept in `<state dir>/view.json` (None: not kept)."""

    def __init__(self, state_dir: Path | None) -> None:
        self.path = None if state_dir is None else state_dir / "view.json"
        #: Why the kept choice could not be read (said once the app runs), if it could not.
        self.problem: str | None = None

    def load(self) -> str | None:
        if self.path is None:
            return None
        data, self.problem = state.read_json_said(self.path)
        density = data.get("density")
        return density if density in CHOICES else None

    def save(self, density: str) -> None:
        if self.path is not None:
            data = state.read_json(self.path)
            data["density"] = density
            state.write_json(self.path, data)
