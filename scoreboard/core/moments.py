"""A moment worth an alert beyond `core.notable`'s: a close game, a followed player's milestone.

Each detector lists, for one snapshot, every moment it shows with a `key` that
names that moment and stays the same in every later snapshot; `Seen` keeps the
keys one match has fired, so a reconnect, a resubscribe or a replayed frame
never fires an old moment again (the rule `core.notable` set for goals).
"""

from __future__ import annotations

from collections.abc import Iterable

from msgspec import Struct

#: Most keys kept for one match (a long Test has a few hundred moments at most).
MAX_KEYS = 4096


class Moment(Struct, frozen=True):
    """`kind` (`close_game`, `fifty`, `sub_on`, ...), what names it, and how to say it."""

    kind: str
    key: tuple[object, ...]
    #: `Close game: level at 80'`, `V Kohli on 49`: what happened (made safe).
    text: str
    #: The followed player it is about, as the snapshot names him (made safe); "" if none.
    player: str = ""
    #: The match minute (`81'`) or overs (`17.3 ov`), if known.
    when: str = ""


class Seen:
    """The keys one match has fired: `fresh` keeps each moment to its first sighting."""

    def __init__(self) -> None:
        self._keys: dict[tuple[object, ...], None] = {}

    def fresh(self, moments: Iterable[Moment]) -> list[Moment]:
        """The moments not seen before, now remembered (past MAX_KEYS the oldest are let go)."""
        new = []
        for moment in moments:
            if moment.key in self._keys:
                continue
            self._keys[moment.key] = None
            new.append(moment)
        while len(self._keys) > MAX_KEYS:
            del self._keys[next(iter(self._keys))]
        return new

    def teach(self, moments: Iterable[Moment]) -> None:
        """Remember without firing (the first snapshot of a match: its past is not news)."""
        self.fresh(moments)

    def __contains__(self, key: object) -> bool:
        return key in self._keys
