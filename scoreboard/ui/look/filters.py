"""How the app's output reaches the terminal, whatever it can draw: ASCII, NO_COLOR.

`Looks` is a part the app owns. It holds the one ASCII decision
(`look/ascii.py`: `--ascii`, else the terminal's word) and acts on it: the
glyph set the pure renderers draw with (`render/glyphs.py`), the line
filters (`StripColour` for NO_COLOR, `AsciiFilter` in ASCII mode) and the
footer's key names in words. The app's Textual hooks (`get_line_filters`,
`get_key_display`) hand their work to it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor

from scoreboard.ui.look.ascii import AsciiFilter, StripColour, decide_ascii
from scoreboard.ui.render import glyphs as glyph_sets

#: Key names the footer would draw with a symbol, in words for ASCII mode.
_ASCII_KEYS = {"enter": "Enter", "escape": "Esc", "delete": "Del", "tab": "Tab"}


class Looks:
    """The ASCII decision, the glyph set and the line filters (see the module doc)."""

    def __init__(self, configured_ascii: bool | None, environ: Mapping[str, str] | None = None):
        #: ASCII mode, decided once for everything drawn (panels, charts, Textual's widgets).
        self.ascii = decide_ascii(configured_ascii, os.environ if environ is None else environ)
        glyph_sets.use(glyph_sets.ASCII if self.ascii else glyph_sets.UNICODE)
        self._strip_colour = StripColour()
        self._ascii_filter = AsciiFilter()

    def line_filters(self, textual: Sequence[LineFilter], no_color: bool) -> list[LineFilter]:
        """Textual's own filters (`textual`), with ours for NO_COLOR and ASCII mode."""
        filters = list(textual)
        if no_color:
            # Textual's monochrome filter still sends grey colours: none at all instead.
            filters = [f for f in filters if not isinstance(f, (Monochrome, NoColor))]
            filters.append(self._strip_colour)
        if self.ascii:
            filters.append(self._ascii_filter)
        return filters

    def key_display(self, binding: Binding, shown: str) -> str:
        """How the footer names `binding`'s key (`shown`: Textual's way), in words if ASCII."""
        if self.ascii and not shown.isascii():
            key = binding.key.split(",")[0]
            return _ASCII_KEYS.get(key, key)
        return shown
