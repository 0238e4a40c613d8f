"""The team codes of the one screen this process draws (`core.names.TeamCodes`).

Codes must be unique among the matches on screen (`MUN` and `MCI`, never `MAN`
twice), which no one panel can know: the grid tells `screen_codes().add()` the
teams of each snapshot it hands over, and the renderers (the ticker's columns,
the side of each event) read `team_code_of`. One per process, as the glyph set
is: one terminal, one screen.
"""

from __future__ import annotations

from scoreboard.core.names import TeamCodes

_codes = TeamCodes()


def screen_codes() -> TeamCodes:
    """The codes of the teams this screen has shown."""
    return _codes


def team_code_of(name: str, other: str | None = None) -> str:
    """`name`'s code on this screen: `ARS`, `MUN`."""
    return _codes.code(name, other)


def reset_codes() -> None:
    """Forget every team (a new app in the same process: the tests)."""
    global _codes
    _codes = TeamCodes()


__all__ = ["reset_codes", "screen_codes", "team_code_of"]
