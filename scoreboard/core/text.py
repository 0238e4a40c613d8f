"""Making untrusted wire text safe to put on a terminal.

Everything a provider sends is display text from a stranger. It is shown
literally: never parsed as Rich or Textual markup (render it through
`rich.text.Text`, not a markup string), and with anything a terminal would
act on removed: escape sequences, C0/C1 control characters, and the Unicode
bidirectional overrides that can make text read differently from what it is.
Wide characters (CJK, emoji) are kept; the layout measures them by cell width.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Longest text kept from one field; the layout truncates further to fit.
MAX_TEXT = 200

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b.?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c\x1b]*(?:\x07|\x9c)?"  # 8-bit OSC ... BEL or ST (its payload too)
    r"|[\x90\x98\x9e\x9f][^\x9c\x1b]*\x9c?"  # 8-bit DCS, SOS, PM, APC strings
)
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_WHITESPACE = "\t\n\r\v\f\x85\u2028\u2029"
_TABLE = {ord(c): None for c in _BIDI} | {ord(c): " " for c in _WHITESPACE}


@lru_cache(maxsize=8192)
def safe_text(value: object, limit: int = MAX_TEXT) -> str:
    """`value` as one line of plain, inert text, at most `limit` characters."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and len(text) <= limit:
        return text
    text = _ESCAPES.sub("", text).translate(_TABLE)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
