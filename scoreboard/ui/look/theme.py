"""The app's side of theming: our theme variables, and a palette per theme.

`Palettes` is a part the app owns. Textual asks the app for the CSS
variables on every theme change; the app hands them to `Palettes.use`, which
swaps the render palette (`look/palette.py`: the named styles pure render
code uses) on the app's console, and says whether it changed, so the app
redraws what holds text styled under the old one. docs/decisions.md
("Colours") has the why.
"""

from __future__ import annotations

from rich.console import Console
from textual.theme import Theme

from scoreboard.ui.look.palette import Palette, build_palette, own_variables


class Palettes:
    """Theme variables and the render palette of the current theme (one per theme, kept)."""

    def __init__(self, palette: str) -> None:
        #: The configured palette (`colour-blind` or `classic`).
        self.kind = palette
        #: The palette in use (None until Textual first asks for the variables).
        self.current: Palette | None = None
        self._by_theme: dict[str, Palette] = {}

    def variable_defaults(self, theme: Theme) -> dict[str, str]:
        """Our own theme variables (`$home`, `$away`, `$goal-flash`, `$stale`,
        `$failed`), derived from `theme`; a theme may set its own."""
        generated = theme.to_color_system().generate()
        return own_variables(generated, self.kind)

    def use(self, theme: str, variables: dict[str, str], console: Console, no_color: bool) -> bool:
        """Make `theme`'s palette the console's; True if it changed (redraw what was styled)."""
        palette = self._by_theme.get(theme)
        if palette is None:
            palette = build_palette(theme, variables, no_color=no_color)
            self._by_theme[theme] = palette
        if palette is self.current:
            return False
        if self.current is not None:
            console.pop_theme()
        console.push_theme(palette.rich_theme)
        self.current = palette
        return True
