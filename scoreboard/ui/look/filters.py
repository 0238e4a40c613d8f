"""How the app looks, whatever the terminal: ASCII, NO_COLOR, density.

`Looks` is a mixin for the Textual app. It holds the glue between Textual and
the pure render code:

- (the palette, swapped on every theme change, is `ui/theming.py`'s);
- the line filters: `StripColour` for NO_COLOR, `AsciiFilter` in ASCII mode
  (`ui/terminal.py`), and the glyph set the renderers draw with;
- the density (`ui/density.py`): `z` cycles it, it is remembered in the
  user's state directory, and `auto` follows the terminal's size.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor

from scoreboard.settings import Settings
from scoreboard.ui.grid.density import DensityMemory, auto_density, next_density
from scoreboard.ui.look.ascii import AsciiFilter, StripColour, wants_ascii
from scoreboard.ui.render import glyphs as glyph_sets

if TYPE_CHECKING:
    _Base = App[None]
else:
    _Base = object

#: Key names the footer would draw with a symbol, in words for ASCII mode.
_ASCII_KEYS = {"enter": "Enter", "escape": "Esc", "delete": "Del", "tab": "Tab"}


class Looks(_Base):
    """Mixin for the app: palette, glyphs, filters and density."""

    settings: Settings

    def _init_looks(self) -> None:
        """Call before `App.__init__` (which asks for the theme variables)."""
        configured = self.settings.ascii
        self.ascii = wants_ascii(os.environ) if configured is None else configured
        glyph_sets.use(glyph_sets.ASCII if self.ascii else glyph_sets.UNICODE)
        self._strip_colour = StripColour()
        self._ascii_filter = AsciiFilter()
        self._memory = DensityMemory(self.settings.state_dir)
        #: What the user asked for (`auto`, or one density), and what is shown.
        self.density_choice = self.settings.density or self._memory.load() or "auto"
        self.density = "full"

    # -- terminal -------------------------------------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = list(super().get_line_filters())
        if self.no_color:
            # Textual's monochrome filter still sends grey colours: none at all instead.
            filters = [f for f in filters if not isinstance(f, (Monochrome, NoColor))]
            filters.append(self._strip_colour)
        if self.ascii:
            filters.append(self._ascii_filter)
        return filters

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        if self.ascii and not shown.isascii():
            key = binding.key.split(",")[0]
            return _ASCII_KEYS.get(key, key)
        return shown

    # -- density --------------------------------------------------------------------

    def shown_density(self, width: int, height: int) -> str:
        """The density to show at this terminal size."""
        choice = self.density_choice
        return auto_density(width, height) if choice == "auto" else choice

    def action_cycle_density(self) -> None:
        """`z`: full, compact, ticker, full... The choice is remembered."""
        self.density_choice = next_density(self.density)
        self._memory.save(self.density_choice)
        self.apply_density(self.density_choice)
        self.notify(f"Panels: {self.density_choice} (z for the next)", timeout=2)

    def apply_density(self, density: str) -> None:
        """Show every panel at `density` (the app implements this)."""
        raise NotImplementedError
