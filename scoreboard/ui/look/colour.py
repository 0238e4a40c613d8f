"""Colour arithmetic for the palette: contrast, readability, colour-vision deficiency.

Pure functions over `textual.color.Color`; no colour is named here. The
palette (`look/palette.py`) picks its colours from the current Textual theme and
uses these to keep them readable on the theme's background and apart from
each other for readers with a colour-vision deficiency.

- Contrast is the WCAG 2 ratio of relative luminances (1 to 21).
- Deficiencies are simulated with the Machado, Oliveira and Fernandes (2009)
  matrices at full severity (protanopia, deuteranopia, tritanopia) in linear
  RGB; differences are measured in Oklab, where 0.1 is a clear difference
  between two text colours and 0.05 is about the least one reads at a glance.
"""

from __future__ import annotations

import re

from textual.color import Color

Matrix = tuple[tuple[float, float, float], ...]

#: Machado et al. 2009, severity 1.0, for linear RGB.
DEFICIENCIES: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

_ALPHA = re.compile(r"^(?P<colour>.+?)\s+(?P<percent>\d+(?:\.\d+)?)%$")


def parse(value: str, background: Color | None = None) -> Color:
    """A theme variable's colour (`#E0E0E099`, `ansi_blue`, `auto 60%`), made opaque.

    `auto` is the readable text colour on `background`; an alpha (a `NN%`
    suffix or a fourth hex byte) is blended over `background`.
    """
    text, alpha = value.strip(), 1.0
    match = _ALPHA.match(text)
    if match:
        text, alpha = match["colour"], float(match["percent"]) / 100
    if text == "auto":
        if background is None:
            raise ValueError("'auto' needs a background")
        colour = background.get_contrast_text(1.0)
    else:
        colour = Color.parse(text)
    if alpha != 1.0:
        colour = colour.multiply_alpha(alpha)
    if colour.a < 1.0 and background is not None and colour.ansi is None:
        colour = background.blend(colour.with_alpha(1.0), colour.a)
    return colour


def is_ansi(colour: Color) -> bool:
    """A terminal palette colour: the terminal decides what it looks like."""
    return colour.ansi is not None


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _linear_rgb(colour: Color) -> tuple[float, float, float]:
    r, g, b = colour.normalized
    return _linear(r), _linear(g), _linear(b)


def luminance(colour: Color) -> float:
    r, g, b = _linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two opaque colours."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable(colour: Color, background: Color, minimum: float = 4.5) -> Color:
    """`colour`, lightened or darkened just enough to read on `background`."""
    if is_ansi(colour) or is_ansi(background) or contrast(colour, background) >= minimum:
        return colour
    towards_light = luminance(background) < 0.18
    best = colour
    for step in range(1, 21):
        amount = step * 0.05
        best = colour.lighten(amount) if towards_light else colour.darken(amount)
        if contrast(best, background) >= minimum:
            return best
    return background.get_contrast_text(1.0)


def _oklab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    lc = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    mc = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    sc = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    return (
        0.2104542553 * lc + 0.7936177850 * mc - 0.0040720468 * sc,
        1.9779984951 * lc - 2.4285922050 * mc + 0.4505937099 * sc,
        0.0259040371 * lc + 0.7827717662 * mc - 0.8086757660 * sc,
    )


def _simulate(rgb: tuple[float, float, float], matrix: Matrix) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = (row[0] * r + row[1] * g + row[2] * b for row in matrix)
    return x, y, z


def difference(one: Color, other: Color, deficiency: str | None = None) -> float:
    """How far apart two colours look (Oklab distance), to a reader with `deficiency`."""
    a, b = _linear_rgb(one), _linear_rgb(other)
    if deficiency is not None:
        matrix = DEFICIENCIES[deficiency]
        a, b = _simulate(a, matrix), _simulate(b, matrix)
    la, lb = _oklab(a), _oklab(b)
    return float(sum((x - y) ** 2 for x, y in zip(la, lb, strict=True)) ** 0.5)


def worst_difference(one: Color, other: Color) -> float:
    """The smallest `difference` over normal vision and the three deficiencies."""
    return min(difference(one, other, kind) for kind in (None, *DEFICIENCIES))
