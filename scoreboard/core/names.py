"""Team and competition names as people type them: matching and short codes.

`fold` is what two names are compared by: case, accents and punctuation
ignored, so `atletico` finds "Atlético Madrid" and `Ødegaard` finds
"Odegaard". `name_matches` then asks for whole words, in order: `Bayern`
finds "Bayern Munich", `Manchester` both Manchester clubs, `Man` neither.
`team_code` gives the three-letter code of a scoreline (`ARS 1-0 CHE`), and
`TeamCodes` keeps the codes of every team on one screen apart (`MUN`, `MCI`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
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


def _alternatives(name: str) -> list[str]:
    """Codes for `name` other than its usual one, best first: `MUN` (the initial and
    the last word), `MAU` (two letters and the last word's initial), `BRN` (the
    initial and the next consonants: Barnsley against Barcelona)."""
    parts = list(words(name)) or ["?"]
    first, last = parts[0], parts[-1]
    found = [(first[0] + last[:2]).upper(), (first[:2] + last[0]).upper()] if len(parts) > 1 else []
    joined = "".join(parts)
    consonants = [ch for ch in joined[1:] if ch.isalpha() and ch not in "aeiouy"]
    found += [(joined[0] + "".join(consonants[:2])).upper(), (joined[:3] + joined[-1]).upper()]
    return [code for code in dict.fromkeys(found) if len(code) >= 3] or [_code(name)]


class TeamCodes:
    """Team codes unique among every team one screen has shown: `MAN` for Manchester
    United alone, `MUN` and `MCI` once both Manchester clubs are on it.

    A team keeps its code for as long as the screen runs, so it does not change as
    matches come and go, with one exception: a team whose code says only the
    first word it shares with a newcomer (`MAN`) takes one of its own then. A
    newcomer whose usual code is taken gets another (`MCI`, `NZE`, `BRN`), or a
    digit as a last resort (`ARS2`). At most `limit` teams are kept; past that
    the oldest go.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._codes: dict[str, str] = {}
        #: How many teams hold or held each usual code (`MAN`: 2 once both clubs came).
        self._usual: dict[str, list[str]] = {}

    @property
    def known(self) -> Mapping[str, str]:
        """Every team given a code, and its code (read-only: `add` gives codes)."""
        return self._codes

    def code(self, name: str, other: str | None = None) -> str:
        """`name`'s code on this screen (`team_code` for a team it has not shown)."""
        return self._codes.get(name) or team_code(name, other)

    def add(self, names: Iterable[str]) -> set[str]:
        """Give each new name in `names` a code; the names whose code changed."""
        changed: set[str] = set()
        for name in names:
            if name not in self._codes:
                changed |= self._add(name)
        return changed

    def _add(self, name: str) -> set[str]:
        if len(self._codes) >= self.limit:
            oldest = next(iter(self._codes))
            del self._codes[oldest]
            self._usual.get(_code(oldest), [oldest]).remove(oldest)
        usual = _code(name)
        rivals = self._usual.setdefault(usual, [])
        rivals.append(name)
        taken = set(self._codes.values())
        if len(rivals) == 1 and usual not in taken:
            self._codes[name] = usual
            return set()
        changed = set()
        for rival in rivals[:-1]:
            # Manchester United held `MAN`: against Manchester City it says no more
            # than "Manchester", so it takes a code of its own too (`MUN`). Arsenal
            # keeps `ARS` against Arsenal Tula, Newcastle `NEW` against New Zealand.
            held = words(rival)
            if self._codes.get(rival) == usual and len(held) > 1 and held[0] == words(name)[0]:
                self._codes[rival] = self._free(rival, taken)
                taken.add(self._codes[rival])
                changed.add(rival)
        self._codes[name] = self._free(name, taken)
        return changed

    @staticmethod
    def _free(name: str, taken: set[str]) -> str:
        options = _alternatives(name)
        for code in options:
            if code not in taken:
                return code
        return next(
            f"{options[0]}{n}" for n in range(2, len(taken) + 3) if f"{options[0]}{n}" not in taken
        )


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
