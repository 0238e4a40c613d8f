"""Team and competition names as people type them: matching and short codes.

`fold` is what two names are compared by: case, accents and punctuation
ignored, so `atletico` finds "Atlético Madrid" and `Ødegaard` finds
"Odegaard". `name_matches` then asks for whole words, in order: `Bayern`
finds "Bayern Munich", `Manchester` both Manchester clubs, `Man` neither.
`team_code` gives the three-letter code of a scoreline (`ARS 1-0 CHE`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Letters that do not decompose into a base letter and a mark.
_PLAIN = str.maketrans(
    {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
     "ł": "l", "Ł": "l", "\u0131": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ß": "ss"}
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
#: Words that say what kind of club a name is, not which: skipped for a code.
_PREFIXES = frozenset({"fc", "afc", "ac", "as", "sc", "sv", "cf", "cd", "real", "club", "the"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """`text` without case, accents or anything but letters and digits between words."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(bare.casefold()))


def words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def name_matches(wanted: str, name: str) -> bool:
    """True when `name` holds the words of `wanted`, in order, ignoring case and accents."""
    want, have = words(wanted), words(name)
    if not want or len(want) > len(have):
        return False
    span = len(want)
    return any(have[i : i + span] == want for i in range(len(have) - span + 1))


def team_code(name: str, other: str | None = None) -> str:
    """A three-letter code: `Arsenal` ARS, `Chennai Super Kings` CSK, `Real Madrid` MAD.

    With `other` (the opponent's name), two codes that would read the same
    are told apart: `Manchester City` MCI against `Manchester United` MUN.
    """
    code = _code(name)
    if other is not None and _code(other) == code:
        code = _initial_and_last(name) or code
    return code


def _code(name: str) -> str:
    parts = words(name)
    if not parts:
        return "?"
    if len(parts) >= 3:
        return "".join(part[0] for part in parts[:3]).upper()
    kept = [part for part in parts if part not in _PREFIXES] or list(parts)
    return kept[0][:3].upper()


def _initial_and_last(name: str) -> str:
    parts = words(name)
    if len(parts) < 2:
        return ""
    return (parts[0][0] + parts[-1][:2]).upper()


#: Lower-case words that belong to a surname: `de Kock`, `du Plessis`, `van der Dussen`.
PARTICLES = frozenset(
    {"de", "du", "da", "das", "di", "der", "den", "van", "von", "ver", "le", "la", "ten", "ter",
     "te", "al", "el", "bin", "ibn", "ul", "st", "mac", "dos"}
)  # fmt: skip


def surname(name: str) -> str:
    """The surname with its particles: `Quinton de Kock` de Kock, `Faf du Plessis`
    du Plessis, `MS Dhoni` Dhoni; a single word as it is."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in PARTICLES:
        start -= 1
    return " ".join(parts[start:])


def initial_and_surname(name: str) -> str:
    """`Hardik Pandya` H Pandya, `Quinton de Kock` Q de Kock, `MS Dhoni` MS Dhoni."""
    parts = name.split()
    last = surname(name)
    given = parts[: len(parts) - len(last.split())]
    if not given:
        return last
    first = given[0]
    initials = first if first.isupper() and len(first) <= 3 else first[0]
    return f"{initials} {last}"


def short_names(names: list[str] | tuple[str, ...]) -> dict[str, str]:
    """A short form of each name, unique among `names` (one innings' batters):
    the surname with its particles, else the initial and surname, else the name."""
    names = tuple(dict.fromkeys(names))
    forms: dict[str, str] = {}
    for shorten in (surname, initial_and_surname):
        taken: dict[str, int] = {}
        for name in names:
            if name not in forms:
                form = fold(shorten(name))
                taken[form] = taken.get(form, 0) + 1
        for name in names:
            if name not in forms and taken.get(fold(shorten(name)), 0) == 1:
                forms[name] = shorten(name)
    for name in names:
        forms.setdefault(name, name)
    return forms


def name_forms(name: str) -> tuple[str, ...]:
    """`name`, then shorter: `Quinton de Kock`, `Q de Kock`, `de Kock` (for a line
    that must fit: shorten the name before cutting the figures after it)."""
    return tuple(dict.fromkeys((name, initial_and_surname(name), surname(name))))
