"""From the current Textual theme to every colour the app draws.

Two products, both computed once per theme change:

- **Theme variables** of our own (`$home`, `$away`, `$goal-flash`, `$stale`,
  `$failed`) for the CSS, offered by `ScoreboardApp.get_theme_variable_defaults`
  so that every theme has them; a theme that sets one itself wins.
- A **Rich theme** that maps the renderers' style names
  (`render/styles.py`) to colours, pushed onto the app's console, so text
  drawn by pure render code takes the theme's colours at paint time.

Every colour is one of the theme's own, adjusted (`colour.readable`) until it
reads on the theme's background. Home and away are the theme's primary colour
and whichever of its other colours stays furthest from it for readers with a
colour-vision deficiency (`palette = "colour-blind"`, the default), or its
primary and error colours (`palette = "classic"`: blue against red in most
themes). With NO_COLOR every name maps to attributes only (bold, reverse, dim).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.style import Style
from rich.theme import Theme as RichTheme
from textual.color import Color

from scoreboard.ui.look import colour
from scoreboard.ui.render import styles

PALETTES = ("colour-blind", "classic")
DEFAULT_PALETTE = "colour-blind"
#: Our theme variables, with the theme colour each starts from.
OWN_VARIABLES = {
    "home": "primary",
    "away": "warning",
    "goal-flash": "success",
    "stale": "warning",
    "failed": "error",
}
#: Where the away colour may come from, in order of preference on a tie.
_AWAY_CANDIDATES = (
    "warning",
    "text-warning",
    "error",
    "text-error",
    "accent",
    "text-accent",
    "secondary",
    "success",
)
#: Text contrast we hold every colour to (WCAG AA for normal text).
TEXT_CONTRAST = 4.5


def _css(value: Color) -> str:
    return value.css if colour.is_ansi(value) else value.hex6


def own_variables(generated: Mapping[str, str], palette: str = DEFAULT_PALETTE) -> dict[str, str]:
    """Our theme variables for a theme's generated design variables."""
    background = colour.parse(generated["background"])
    if colour.is_ansi(background):  # the terminal's own palette: take the colours as they are
        chosen = {name: generated[source] for name, source in OWN_VARIABLES.items()}
        if palette == "classic":
            chosen["away"] = generated["error"]
        return chosen

    def text(name: str) -> Color:
        return colour.readable(colour.parse(generated[name], background), background)

    home = text("primary")
    if palette == "classic":
        away = text("error")
    else:
        away = max(
            (text(name) for name in _AWAY_CANDIDATES),
            key=lambda option: colour.worst_difference(home, option),
        )
    return {
        "home": _css(home),
        "away": _css(away),
        "goal-flash": _css(colour.parse(generated["success"], background)),
        "stale": _css(colour.parse(generated["warning"], background)),
        "failed": _css(colour.parse(generated["error"], background)),
    }


@dataclass(frozen=True, eq=False)
class Palette:
    """What every style name means in one theme; compared by identity."""

    theme: str
    rich_theme: RichTheme
    #: The resolved colours, by role (tests measure contrast on these).
    colours: dict[str, Color] = field(default_factory=dict)


def build_palette(theme: str, variables: Mapping[str, str], *, no_color: bool = False) -> Palette:
    """The palette for a theme's full set of CSS variables (ours included)."""
    if no_color:
        return Palette(theme, RichTheme(_monochrome(), inherit=False))
    background = colour.parse(variables["background"])
    if colour.is_ansi(background):
        return _ansi_palette(theme, variables)
    foreground = colour.parse(variables["foreground"], background)

    def text(name: str, minimum: float = TEXT_CONTRAST) -> Color:
        return colour.readable(colour.parse(variables[name], background), background, minimum)

    colours = {
        "background": background,
        "foreground": foreground,
        "home": text("home"),
        "away": text("away"),
        "dim": text("foreground-muted"),
        "error": text("error"),
        "warn": text("warning"),
        "good": text("success"),
        "accent": text("accent"),
        "secondary": text("secondary"),
        "primary": text("primary"),
    }
    theme_styles: dict[str, Style] = {
        styles.HOME: Style(color=colours["home"].rich_color),
        styles.AWAY: Style(color=colours["away"].rich_color),
        styles.HOME_TEAM: Style(color=colours["home"].rich_color, bold=True),
        styles.AWAY_TEAM: Style(color=colours["away"].rich_color, bold=True),
        styles.DIM: Style(color=colours["dim"].rich_color),
        styles.ERROR: Style(color=colours["error"].rich_color, bold=True),
        styles.WARN: Style(color=colours["warn"].rich_color),
        styles.GOOD: Style(color=colours["good"].rich_color, bold=True),
        styles.ACCENT: Style(color=colours["accent"].rich_color, bold=True),
        styles.SCORE: Style(bold=True, reverse=True),
        styles.CARD_YELLOW: Style(color=colours["warn"].rich_color, bold=True),
        styles.CARD_RED: Style(color=colours["error"].rich_color, bold=True),
        styles.SUBSTITUTION: Style(color=colours["secondary"].rich_color),
        styles.BALL_OUT: Style(color=colours["error"].rich_color, bold=True),
        styles.BALL_FOUR: Style(color=colours["primary"].rich_color, bold=True),
        styles.BALL_SIX: Style(color=colours["accent"].rich_color, bold=True),
    }
    for kind, fill in _badge_fills(variables, background).items():
        ink = _ink(fill, foreground, background)
        fill = colour.readable(fill, ink, TEXT_CONTRAST)
        colours[f"badge.{kind}"], colours[f"badge.{kind}.text"] = fill, ink
        theme_styles[styles.badge(kind)] = Style(
            color=ink.rich_color, bgcolor=fill.rich_color, bold=True
        )
    wicket = colours["badge.unavailable"], colours["badge.unavailable.text"]
    theme_styles[styles.BALL_WICKET] = Style(
        color=wicket[1].rich_color, bgcolor=wicket[0].rich_color, bold=True
    )
    return Palette(theme, RichTheme(theme_styles, inherit=False), colours)


def _badge_fills(variables: Mapping[str, str], background: Color) -> dict[str, Color]:
    def fill(name: str) -> Color:
        return colour.parse(variables[name], background)

    return {
        "live": fill("success"),
        "scheduled": fill("secondary"),
        "finished": fill("foreground-muted"),
        "suspended": fill("error"),
        "abandoned": fill("error-darken-2"),
        "half-time": fill("warning"),
        "stale": fill("stale"),
        "unavailable": fill("failed"),
        "goal": fill("goal-flash"),
        "other": fill("foreground"),
    }


def _ink(fill: Color, foreground: Color, background: Color) -> Color:
    """The theme's foreground or background, whichever reads better on `fill`."""
    return max((foreground, background), key=lambda ink: colour.contrast(ink, fill))


def _ansi_palette(theme: str, variables: Mapping[str, str]) -> Palette:
    """Terminal palette themes: the terminal's colours, badges in reverse video."""

    def ansi(name: str, *, bold: bool = False, reverse: bool = False) -> Style:
        return Style(color=colour.parse(variables[name]).rich_color, bold=bold, reverse=reverse)

    theme_styles = {
        styles.HOME: ansi("home"),
        styles.AWAY: ansi("away"),
        styles.HOME_TEAM: ansi("home", bold=True),
        styles.AWAY_TEAM: ansi("away", bold=True),
        styles.DIM: Style(dim=True),
        styles.ERROR: ansi("error", bold=True),
        styles.WARN: ansi("warning"),
        styles.GOOD: ansi("success", bold=True),
        styles.ACCENT: ansi("accent", bold=True),
        styles.SCORE: Style(bold=True, reverse=True),
        styles.CARD_YELLOW: ansi("warning", bold=True),
        styles.CARD_RED: ansi("error", bold=True),
        styles.SUBSTITUTION: ansi("secondary"),
        styles.BALL_OUT: ansi("error", bold=True),
        styles.BALL_FOUR: ansi("primary", bold=True),
        styles.BALL_SIX: ansi("accent", bold=True),
        styles.BALL_WICKET: ansi("error", bold=True, reverse=True),
    }
    fills = {
        "live": "success",
        "scheduled": "secondary",
        "finished": "foreground",
        "suspended": "error",
        "abandoned": "error",
        "half-time": "warning",
        "stale": "stale",
        "unavailable": "failed",
        "goal": "goal-flash",
        "other": "foreground",
    }
    for kind, name in fills.items():
        theme_styles[styles.badge(kind)] = ansi(name, bold=True, reverse=True)
    return Palette(theme, RichTheme(theme_styles, inherit=False))


def _monochrome() -> dict[str, Style]:
    """NO_COLOR: meaning by attributes alone."""
    bold, plain = Style(bold=True), Style()
    theme_styles = {
        styles.HOME: plain,
        styles.AWAY: plain,
        styles.HOME_TEAM: bold,
        styles.AWAY_TEAM: bold,
        styles.DIM: Style(dim=True),
        styles.ERROR: bold,
        styles.WARN: plain,
        styles.GOOD: bold,
        styles.ACCENT: bold,
        styles.SCORE: Style(bold=True, reverse=True),
        styles.CARD_YELLOW: bold,
        styles.CARD_RED: bold,
        styles.SUBSTITUTION: plain,
        styles.BALL_OUT: bold,
        styles.BALL_FOUR: bold,
        styles.BALL_SIX: bold,
        styles.BALL_WICKET: Style(bold=True, reverse=True),
    }
    for kind in styles.BADGES:
        theme_styles[styles.badge(kind)] = Style(bold=True, reverse=True)
    return theme_styles
