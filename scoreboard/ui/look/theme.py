"""The app's side of theming: our theme variables, and a palette per theme.

`ThemedApp` is mixed into the app. Textual asks for the CSS variables on
every theme change; that is when the render palette (`ui/palette.py`: the
named styles pure render code uses) is swapped and what holds text styled
under the old one is redrawn. docs/decisions.md ("Colours") has the why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoreboard.ui.look.palette import Palette, build_palette, own_variables

if TYPE_CHECKING:
    from textual.app import App
    from textual.containers import VerticalScroll

    from scoreboard.core.events import ConnectionChanged, MatchRef
    from scoreboard.settings import Settings
    from scoreboard.ui.widgets.match_panel import MatchPanel
    from scoreboard.ui.widgets.status_bar import StatusBar

    _Base = App[None]
else:
    _Base = object


class ThemedApp(_Base):
    """Theme variables and palettes for the app (a mixin)."""

    settings: Settings
    palette: Palette | None
    _palettes: dict[str, Palette]
    _status: StatusBar
    _refused: VerticalScroll
    _refused_event: ConnectionChanged | None
    _mounted: bool

    if TYPE_CHECKING:

        @property
        def cards(self) -> dict[MatchRef, MatchPanel]: ...

        def _show_refused(self, event: ConnectionChanged) -> None: ...

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our own theme variables (`$home`, `$away`, `$goal-flash`, `$stale`,
        `$failed`), derived from the current theme; a theme may set its own."""
        generated = self.current_theme.to_color_system().generate()
        return own_variables(generated, self.settings.palette)

    def get_css_variables(self) -> dict[str, str]:
        """Textual asks for these on every theme change: the moment to swap palettes."""
        variables = super().get_css_variables()
        self._use_palette(variables)
        return variables

    def _use_palette(self, variables: dict[str, str]) -> None:
        name = self.current_theme.name
        palette = self._palettes.get(name)
        if palette is None:
            palette = build_palette(name, variables, no_color=self.no_color)
            self._palettes[name] = palette
        if palette is self.palette:
            return
        if self.palette is not None:
            self.console.pop_theme()
        self.console.push_theme(palette.rich_theme)
        self.palette = palette
        self.call_next(self._palette_changed)

    def _palette_changed(self) -> None:
        """Redraw what holds text styled under the old palette."""
        if not self._mounted:
            return
        for panel in self.cards.values():
            panel.restyle()
        self._status.refresh()
        if self._refused.display and self._refused_event is not None:
            self._show_refused(self._refused_event)
