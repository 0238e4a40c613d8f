"""The pulse as a small meter: rising bars and the number, readable without colour.

`pulse_meter(87)` is `▂▄▆█  87`: one bar for each quarter reached (a bar from
1, two from 26, ...), dots for the rest, then the number, so a glance, a screen
reader and a colour-blind eye read the same thing. `ascii=True` draws `||||  87`.
The bars carry a style name (`styles.py`): the theme colours them; nothing is
told by colour alone. Pure: Rich only.
"""

from __future__ import annotations

from rich.text import Text

from scoreboard.ui.render import styles

CELLS = 4
BARS = "▂▄▆█"
ASCII_BAR = "|"
#: A pulse from here on reads as hot (its bars in the theme's accent).
HOT = 75


def pulse_meter(value: int, *, ascii: bool = False, label: bool = False) -> Text:
    """`▂▄··  37`: the pulse (0..100, clamped) as bars and a number, 8 cells wide."""
    value = min(max(int(value), 0), 100)
    lit = -(-value * CELLS // 100)  # a quarter begun lights its bar
    bars = (ASCII_BAR * CELLS if ascii else BARS)[:lit]
    empty = ("." if ascii else "·") * (CELLS - lit)
    text = Text("pulse ", styles.DIM) if label else Text()
    text.append(bars, styles.ACCENT if value >= HOT else styles.WARN if lit > 1 else styles.DIM)
    text.append(empty, styles.DIM)
    text.append(f" {value:>3}")
    return text
