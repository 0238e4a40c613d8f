"""What the user follows: teams, competitions and single matches.

A follow entry is typed as in the config's `follow = [...]`:

| typed | follows |
|---|---|
| `Arsenal`, `team:Arsenal` | every match Arsenal play, home or away |
| `competition:IPL` | every match of that competition |
| `sportrix:41282` | that one match |
| `player:Virat Kohli` | that player's moments in any shown match (`core.players`) |

Names are matched by `core.names.name_matches` (whole words, case and
accents ignored), so `atletico` follows "Atlético Madrid"; a player's also
by initials (`core.players.player_matches`: `Virat Kohli` finds "V Kohli").
A player rule follows no match: it picks moments, not panels.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Literal

from msgspec import Struct

from scoreboard.core.names import fold, name_matches
from scoreboard.core.text import safe_text

FollowKind = Literal["team", "competition", "match", "player"]
_PREFIXES: dict[str, FollowKind] = {
    "team": "team",
    "competition": "competition",
    "player": "player",
}


class FollowRule(Struct, frozen=True):
    """One follow entry; `text` is how it is written in the config."""

    kind: FollowKind
    value: str

    @property
    def text(self) -> str:
        return self.value if self.kind in ("team", "match") else f"{self.kind}:{self.value}"

    @property
    def key(self) -> tuple[str, str]:
        """Two rules with the same key follow the same thing (`ARSENAL` = `Arsenal`)."""
        return (self.kind, self.value if self.kind == "match" else fold(self.value))

    def describe(self) -> str:
        shown = safe_text(self.value, 60)
        return {
            "team": f"team {shown}",
            "competition": f"competition {shown}",
            "player": f"player {shown}",
        }.get(self.kind, f"match {shown}")

    def matches(self, ref: str, home: str, away: str, competition: str | None) -> bool:
        """Whether this rule follows the match `ref` (`provider:id`) between home and away."""
        if self.kind == "match":
            return ref == self.value
        if self.kind == "player":
            return False
        if self.kind == "competition":
            return bool(competition) and name_matches(self.value, competition or "")
        return name_matches(self.value, home) or name_matches(self.value, away)


def parse_follow(
    text: object,
    providers: Collection[str],
    parse_match: Callable[[str], str] | None = None,
) -> FollowRule:
    """A follow entry as typed; `ValueError` says what is wrong with it.

    `providers` are the known provider names (`sportrix:41282` is a match,
    anything else before a colon is a kind or part of a name); `parse_match`
    checks a match id and returns it as `provider:id`.
    """
    if not isinstance(text, str):
        raise ValueError(f"a follow entry must be a string, got {type(text).__name__}")
    entry = text.strip()
    head, colon, rest = entry.partition(":")
    kind: FollowKind = "team"
    value = entry
    if colon and head.strip().casefold() in _PREFIXES:
        kind, value = _PREFIXES[head.strip().casefold()], rest.strip()
    elif colon and head.strip() in providers:
        value = parse_match(entry) if parse_match is not None else entry
        return FollowRule("match", value)
    if not fold(value):
        what = "a team name" if kind == "team" else f"a {kind} name"
        raise ValueError(f"follow entry {safe_text(entry, 40)!r} needs {what}")
    return FollowRule(kind, value)


def followed_by(
    rules: Iterable[FollowRule], ref: str, home: str, away: str, competition: str | None
) -> list[FollowRule]:
    """The rules that follow this match, in order."""
    return [rule for rule in rules if rule.matches(ref, home, away, competition)]


def followed_players(rules: Iterable[FollowRule]) -> list[str]:
    """The names of the players followed, in order (`player:` entries)."""
    return [rule.value for rule in rules if rule.kind == "player"]


def unique(rules: Iterable[FollowRule]) -> list[FollowRule]:
    """`rules` without repeats (by `FollowRule.key`), first kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for rule in rules:
        if rule.key not in seen:
            seen.add(rule.key)
            out.append(rule)
    return out
