"""What the terminal can show: ASCII only or Unicode, colour or none.

- `decide_ascii(configured, environ)`: the app's one ASCII decision, made
  once at start (`look/filters.py`): `--ascii`/`--no-ascii` (or `ascii = ...`)
  if given, else the terminal's word. Panels, charts, the footer and the
  glyph set (`render/glyphs.py`) all follow it.
- `wants_ascii(environ)`: a terminal that cannot draw emoji, braille, arrows
  or box drawing. The Linux console (`TERM=linux`), serial and vt-class
  terminals, `TERM=dumb`, and a locale that is not UTF-8 (`LANG=C`,
  `LC_ALL=en_US.ISO-8859-1`) get ASCII by themselves; `--no-ascii` (or
  `ascii = false`) overrides.
- `AsciiFilter`: the last line of defence in ASCII mode. Our renderers draw
  ASCII themselves (`render/glyphs.py`, with words where a symbol stood);
  this line filter turns what Textual's own widgets draw (borders, scroll
  bars, the footer's separator, markdown bullets, `…`) into ASCII of the same
  width. It leaves letters of every script alone, so team and player names
  keep their accents and CJK (a middle dot in a name becomes `.`).
- `StripColour`: NO_COLOR. Textual's own answer (a monochrome filter) still
  sends grey colour codes; this one removes every colour and keeps bold,
  reverse, underline and dim, so the layout stays readable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

#: Terminals known not to draw box drawing, emoji or braille.
ASCII_TERMS = ("linux", "dumb", "vt52", "vt100", "vt102", "vt220", "vt320", "ansi", "cons25")


def wants_ascii(environ: Mapping[str, str]) -> bool:
    """True where the terminal says it cannot draw what Unicode mode needs."""
    term = environ.get("TERM", "").lower()
    if term in ASCII_TERMS or term.startswith(("vt1", "vt2", "linux-")):
        return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if value:  # the first one set decides, as in the C library
            encoding = value.partition(".")[2].partition("@")[0].lower().replace("-", "")
            return encoding not in ("utf8", "utf16")
    return False


def decide_ascii(configured: bool | None, environ: Mapping[str, str]) -> bool:
    """ASCII mode: what the user configured, else what the terminal says it can draw."""
    return wants_ascii(environ) if configured is None else configured


#: Single characters our renderers never draw in ASCII mode but Textual's widgets may.
_NAMED = {
    "…": "~",
    # Our renderers draw their own separator (`render/glyphs.py`); this catches
    # text made where no glyph set reaches (core's alert and summary lines).
    "·": ".",
    "•": "*",
    "◦": "o",
    "‣": ">",
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2032": "'",
    "\u2033": '"',
    "⏎": "<",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "✖": "x",
    "⚠": "!",
    "★": "*",
    "☆": "*",
}


def _ascii_for(char: str) -> str | None:
    """A same-width ASCII stand-in for a drawing character, or None to keep it."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    name = unicodedata.name(char, "")
    if 0x2500 <= code <= 0x257F:  # box drawing
        if "DIAGONAL" in name:
            return "X" if "CROSS" in name else "/" if "UPPER RIGHT" in name else "\\"
        words = set(name.split())
        across = bool(words & {"HORIZONTAL", "LEFT", "RIGHT"}) or (
            "DASH" in name and "VERTICAL" not in name
        )
        down = bool(words & {"VERTICAL", "UP", "DOWN"})
        if (across and down) or "ARC" in words:
            return "+"
        if across:
            return "=" if "DOUBLE" in words else "-"
        return "|"
    if 0x2580 <= code <= 0x259F:  # block elements: scroll bars, tall borders
        if "LEFT" in name or "RIGHT" in name:
            return "|"
        if "LOWER" in name:
            return "_"
        if "UPPER" in name:
            return "-"
        return "#"
    if 0x2800 <= code <= 0x28FF:  # braille (charts)
        return "." if code != 0x2800 else " "
    if 0x2190 <= code <= 0x21FF:  # arrows
        for word, stand_in in (("LEFT RIGHT", "="), ("LEFT", "<"), ("RIGHT", ">")):
            if word in name:
                return stand_in
        return "^" if "UP" in name else "v" if "DOWN" in name else "-"
    if 0x25A0 <= code <= 0x25FF:  # geometric shapes
        if "RIGHT-POINTING" in name:
            return ">"
        if "LEFT-POINTING" in name:
            return "<"
        if "UP-POINTING" in name:
            return "^"
        if "DOWN-POINTING" in name:
            return "v"
        return "o" if "CIRCLE" in name else "#"
    return None


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    ranges = [
        range(0x00B7, 0x00B8),
        range(0x2010, 0x2070),
        range(0x2190, 0x2200),
        range(0x2300, 0x2400),
        range(0x2500, 0x2600),
        range(0x2700, 0x2800),
        range(0x2800, 0x2900),
        range(0x2600, 0x2700),
    ]
    table: dict[int, str] = {}
    for block in ranges:
        for code in block:
            stand_in = _ascii_for(chr(code))
            if stand_in is not None:
                table[code] = stand_in
    return table


def to_ascii(text: str) -> str:
    """`text` with drawing characters made ASCII, cell for cell; letters untouched."""
    return text if text.isascii() else text.translate(_table())


class AsciiFilter(LineFilter):
    """ASCII mode: drawing characters from any widget become ASCII of the same width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.text.isascii()
            else Segment(to_ascii(segment.text), segment.style, segment.control)
            for segment in segments
        ]


class StripColour(LineFilter):
    """NO_COLOR: no colour at all; bold, dim, italic, underline and reverse stay."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, _colourless(style), control)
            if style is not None and (style.color is not None or style.bgcolor is not None)
            else Segment(text, style, control)
            for text, style, control in segments
        ]


@lru_cache(maxsize=1024)
def _colourless(style: Style) -> Style:
    return style.without_color
