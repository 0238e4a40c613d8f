"""Followed players (`follow = ["player:Virat Kohli"]`) and the moments that alert for them.

| kind | sport | when |
|---|---|---|
| `goal`, `own_goal` | soccer | a goal (or a penalty goal) by the player; an own goal |
| `yellow_card`, `red_card` | soccer | a card (a second yellow is a red) |
| `sub_on`, `sub_off` | soccer | the player comes on, or goes off |
| `on_49`, `on_99` | cricket | a batter at the crease on 49 or 99 |
| `fifty`, `hundred` | cricket | a batter reaching 50 or 100 |
| `three_wickets` ... `five_wickets` | cricket | a bowler's 3rd, 4th, 5th wicket of an innings |
| `hat_trick_ball` | cricket | a bowler on a hat-trick: his last two legal balls took wickets |

Names match as team names do (`core.names`: whole words, case and accents
ignored), and a followed full name also finds the initials a scorecard uses:
`Virat Kohli` finds "V Kohli", `MS Dhoni` and `Mahendra Singh Dhoni` find
"MS Dhoni". Every moment has a key that names it in every later snapshot
(`moments.Seen`), so nothing fires twice; `PlayerWatch` is one match's state
(the hat-trick needs the bowler's previous balls) and lets the first snapshot
only teach. Pure: no clock, no Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from scoreboard.core.derive import event_minute, overs_to_balls
from scoreboard.core.models import Bowler, CricketSnapshot, Event, Snapshot, SoccerSnapshot
from scoreboard.core.moments import Moment, Seen
from scoreboard.core.names import name_matches, words
from scoreboard.core.text import safe_text

PLAYER_KINDS = (
    "goal",
    "own_goal",
    "yellow_card",
    "red_card",
    "sub_on",
    "sub_off",
    "on_49",
    "on_99",
    "fifty",
    "hundred",
    "three_wickets",
    "four_wickets",
    "five_wickets",
    "hat_trick_ball",
)
LABELS = {
    "goal": "goal",
    "own_goal": "own goal",
    "yellow_card": "yellow card",
    "red_card": "red card",
    "sub_on": "comes on",
    "sub_off": "goes off",
    "on_49": "on 49",
    "on_99": "on 99",
    "fifty": "fifty",
    "hundred": "hundred",
    "three_wickets": "third wicket",
    "four_wickets": "fourth wicket",
    "five_wickets": "five wickets",
    "hat_trick_ball": "on a hat-trick",
}
_EVENTS = {
    "goal": "goal",
    "penalty_goal": "goal",
    "own_goal": "own_goal",
    "yellow_card": "yellow_card",
    "second_yellow": "red_card",
    "red_card": "red_card",
}
_WICKETS = {3: "three_wickets", 4: "four_wickets", 5: "five_wickets"}
#: Initials a scorecard writes before a surname: `V`, `MS`, `LRPL`.
_MAX_INITIALS = 4


def player_matches(wanted: str, name: str) -> bool:
    """`name` is the player `wanted` names: whole words, or initials for the first names."""
    if name_matches(wanted, name):
        return True
    want, have = words(wanted), words(name)
    if len(want) < 2 or len(have) < 2 or want[-1] != have[-1]:
        return False
    given = "".join(have[:-1])
    if len(given) > _MAX_INITIALS or any(len(w) > _MAX_INITIALS for w in have[:-1]):
        return False
    initials = "".join(w[0] for w in want[:-1])
    return given.startswith(initials) or initials.startswith(given)


def is_followed(name: str, followed: Sequence[str]) -> bool:
    return _followed(name, tuple(followed))


@lru_cache(maxsize=4096)
def _followed(name: str, followed: tuple[str, ...]) -> bool:
    """Cached: a scorecard names the same twenty players in every frame."""
    return any(player_matches(wanted, name) for wanted in followed)


def player_moments(snap: Snapshot, followed: Sequence[str]) -> list[Moment]:
    """Every moment of a followed player `snap` shows (the hat-trick ball aside: `PlayerWatch`)."""
    if not followed:
        return []
    if isinstance(snap, SoccerSnapshot):
        return _soccer(snap, followed)
    if isinstance(snap, CricketSnapshot):
        return _batting(snap, followed) + _bowling(snap, followed)
    return []


def _moment(
    kind: str, key: tuple[object, ...], name: str, extra: str = "", when: str = ""
) -> Moment:
    shown = safe_text(name, 60)
    text = f"{shown} {LABELS[kind]}{extra}"
    return Moment(kind, ("player", kind, *key), text, player=shown, when=when)


# -- soccer ------------------------------------------------------------------------------------


def _soccer(snap: SoccerSnapshot, followed: Sequence[str]) -> list[Moment]:
    found: list[Moment] = []
    counts: dict[tuple[object, ...], int] = {}
    for event in snap.events or ():
        ident = (event.type, event.minute, event.added_time, event.team, event.player, event.detail)
        seen = counts.get(ident, 0)
        counts[ident] = seen + 1  # the same content twice is two moments
        found.extend(_soccer_event(event, (*ident, seen), followed))
    return found


def _soccer_event(event: Event, ident: tuple[object, ...], followed: Sequence[str]) -> list[Moment]:
    when = event_minute(event.minute, event.added_time)
    extra = f" {when}" if when else ""
    found = []
    kind = _EVENTS.get(event.type)
    if kind is not None and event.player and is_followed(event.player, followed):
        found.append(_moment(kind, ident, event.player, extra, when))
    if event.type == "substitution":
        if event.player and is_followed(event.player, followed):
            found.append(_moment("sub_on", ident, event.player, extra, when))
        if event.detail and is_followed(event.detail, followed):
            found.append(_moment("sub_off", ident, event.detail, extra, when))
    return found


# -- cricket -----------------------------------------------------------------------------------


def _batting(snap: CricketSnapshot, followed: Sequence[str]) -> list[Moment]:
    found = []
    crease = {b.name for b in snap.batsmen or ()}
    runs_of: dict[tuple[int, str], int] = {}
    for card in snap.scorecard or ():
        for entry in card.batting:
            runs_of[(card.innings, entry.name)] = entry.runs
    for batter in snap.batsmen or ():
        key = (snap.innings, batter.name)
        runs_of[key] = max(runs_of.get(key, 0), batter.runs)
    for (innings, name), runs in runs_of.items():
        if not is_followed(name, followed):
            continue
        at_crease = innings == snap.innings and name in crease
        for kind, value in (("on_49", 49), ("on_99", 99)):
            if at_crease and runs == value:
                found.append(_moment(kind, (innings, name), name))
        if runs >= 50:
            found.append(_moment("fifty", (innings, name), name, f" ({runs})"))
        if runs >= 100:
            found.append(_moment("hundred", (innings, name), name, f" ({runs})"))
    return found


def _bowlers(snap: CricketSnapshot) -> dict[tuple[int, str], int]:
    """(innings, bowler) -> wickets, from the scorecard and the bowler on now."""
    wickets: dict[tuple[int, str], int] = {}
    for innings in snap.scorecard or ():
        for bowler in innings.bowling:
            wickets[(innings.innings, bowler.name)] = bowler.wickets
    if snap.bowler is not None:
        key = (snap.innings, snap.bowler.name)
        wickets[key] = max(wickets.get(key, 0), snap.bowler.wickets)
    return wickets


def _bowling(snap: CricketSnapshot, followed: Sequence[str]) -> list[Moment]:
    found = []
    for (innings, name), taken in _bowlers(snap).items():
        if not is_followed(name, followed):
            continue
        for count in range(3, min(taken, 5) + 1):
            found.append(_moment(_WICKETS[count], (innings, name), name, f" ({taken} wickets)"))
    return found


class PlayerWatch:
    """One match's followed-player moments over its successive snapshots, each fired once."""

    def __init__(self, followed: Sequence[str]) -> None:
        self.followed = tuple(followed)
        self._seen = Seen()
        self._started = False
        #: (innings, bowler) -> (legal balls, wickets, wickets in a row to his last ball).
        self._spells: dict[tuple[int, str], tuple[int, int, int]] = {}

    def observe(self, snap: Snapshot) -> list[Moment]:
        """The followed players' moments new in `snap` (none from the first snapshot)."""
        moments = player_moments(snap, self.followed)
        if isinstance(snap, CricketSnapshot) and snap.bowler is not None:
            moments.extend(self._hat_trick(snap, snap.bowler))
        if not self._started:
            self._started = True
            self._seen.teach(moments)
            return []
        return self._seen.fresh(moments)

    def _hat_trick(self, snap: CricketSnapshot, bowler: Bowler) -> list[Moment]:
        balls = overs_to_balls(bowler.overs)
        if balls is None:
            return []
        key = (snap.innings, bowler.name)
        before = self._spells.get(key)
        streak = 0
        if before is not None:
            old_balls, old_wickets, streak = before
            bowled, took = balls - old_balls, bowler.wickets - old_wickets
            if bowled <= 0:
                return []
            if took == bowled:
                streak += bowled
            elif took <= 0:
                streak = 0
            else:  # frames were skipped: read the over's last balls
                streak = min(_trailing_wickets(snap), took)
        self._spells[key] = (balls, bowler.wickets, streak)
        if streak < 2 or not is_followed(bowler.name, self.followed):
            return []
        return [_moment("hat_trick_ball", (snap.innings, bowler.name, bowler.wickets), bowler.name)]


def _trailing_wickets(snap: CricketSnapshot) -> int:
    """Wickets in a row at the end of this over's legal balls (wides and no-balls skipped)."""
    count = 0
    for code in reversed(snap.over.balls if snap.over is not None else []):
        if code.startswith(("wd", "nb")):
            continue
        if not code.startswith("W"):
            break
        count += 1
    return count


#: The most players a snapshot offers to follow.
MAX_OFFERED = 6


def players_in(snap: Snapshot) -> list[str]:
    """Players a fan might follow from `snap`: at the crease and bowling, or the latest
    events' players (newest first), each once, at most `MAX_OFFERED` (names as sent)."""
    names: list[str] = []
    if isinstance(snap, CricketSnapshot):
        names += [b.name for b in snap.batsmen or ()]
        if snap.bowler is not None:
            names.append(snap.bowler.name)
    elif isinstance(snap, SoccerSnapshot):
        for event in reversed(snap.events or ()):
            names += [n for n in (event.player, event.assist) if n]
    return [n for n in dict.fromkeys(names) if n.strip()][:MAX_OFFERED]
