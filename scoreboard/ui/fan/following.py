"""Following teams, competitions and matches: marks, and matches that add themselves.

The rules are the config's `follow = [...]`, plus what was followed with
`f`, less what was unfollowed with `F` (both remembered, `scoreboard.state`).
Whenever a catalog is read, a followed match that is live is added (unless
the user removed it), and a scheduled one gets a kick-off watch: at its
`start_time` its catalog is read again, and again every few seconds while it
has not started, so it appears as it kicks off. An entry that matches
nothing in any catalog is said once.

A catalog is a list from outside: a broad rule (`follow = ["Arsenal"]`
against a catalog listing thousands of its matches) must not subscribe to
them all on the user's key. At most `MAX_AUTO_ADDED` matches are shown
because following added them, and at most `MAX_KICKOFF_WATCHES` kick-offs
are watched; the first time a read leaves matches out, the screen says so.

`Following` is a part the app owns: it asks the board (`FollowingBoard`)
for the cards, to add a match, timers, the time of day and a word; it reads
the catalogs (`Catalogs`) and says when its rules changed (`changed`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from textual.timer import Timer

from scoreboard.core.catalog import start_moment
from scoreboard.core.events import MatchRef, MatchSummary, MatchUpdated, ProviderEvent
from scoreboard.core.follows import FollowRule, followed_by, unique
from scoreboard.core.models import Snapshot
from scoreboard.ui.board import Cards, Matches, Notifies, Timers
from scoreboard.ui.fan.catalogs import Catalogs

log = logging.getLogger("scoreboard.ui.fan.following")

IN_PLAY = ("live", "suspended")
#: After `start_time`, how soon the catalog is read again and for how long.
KICKOFF_GRACE = 1.5
KICKOFF_RECHECK = 5.0
KICKOFF_WATCH_SECONDS = 2 * 3600.0
#: Most matches on screen that following added by itself (the user adds more with `a`).
MAX_AUTO_ADDED = 16
#: Most kick-offs watched at once.
MAX_KICKOFF_WATCHES = 64


class FollowingBoard(Cards, Matches, Notifies, Timers, Protocol):
    """What following needs of the board: cards, adding a match, a word, timers, the time."""

    #: The time of day (scenes freeze it).
    wall_clock: Callable[[], float]


class Following:
    """The follow rules, the ★ marks, and followed matches that add themselves."""

    def __init__(
        self,
        board: FollowingBoard,
        catalogs: Catalogs,
        configured: tuple[FollowRule, ...],
        *,
        changed: Callable[[], None],
    ) -> None:
        self._board = board
        self._catalogs = catalogs
        #: Told when the rules changed (the remembered session keeps them).
        self._changed = changed
        self.configured = tuple(configured)
        self.added: list[FollowRule] = []
        self.removed: list[FollowRule] = []
        #: Followed matches the user removed: not added again by themselves.
        self.dismissed: set[str] = set()
        self._reported: set[tuple[str, str]] = set()
        self._kickoffs: dict[MatchRef, Timer] = {}
        self._marks: dict[MatchRef, bool] = {}
        #: Matches following added by itself (those still shown count against the cap).
        self._auto_added: set[MatchRef] = set()
        self._said_cap = False

    # -- the rules ------------------------------------------------------------------------

    @property
    def rules(self) -> list[FollowRule]:
        gone = {rule.key for rule in self.removed}
        return [r for r in unique([*self.configured, *self.added]) if r.key not in gone]

    def is_configured(self, rule: FollowRule) -> bool:
        return any(r.key == rule.key for r in self.configured)

    def follow(self, rule: FollowRule) -> bool:
        """Follow `rule`; False if it was followed already."""
        if any(r.key == rule.key for r in self.rules):
            return False
        self.removed = [r for r in self.removed if r.key != rule.key]
        if not self.is_configured(rule):
            self.added.append(rule)
        self._rules_changed()
        return True

    def unfollow(self, rule: FollowRule) -> None:
        self.added = [r for r in self.added if r.key != rule.key]
        if self.is_configured(rule) and all(r.key != rule.key for r in self.removed):
            self.removed.append(rule)
        self._rules_changed()

    def _rules_changed(self) -> None:
        self._marks.clear()
        for panel in self._board.cards.values():
            self.mark(panel.ref)
        self._catalogs.want("following", bool(self.rules))
        self._changed()
        self.catalog_read(None)

    # -- which matches ----------------------------------------------------------------------

    def rules_for(self, ref: MatchRef) -> list[FollowRule]:
        """The rules that follow `ref`, from its panel's snapshot or its catalog entry."""
        rules = self.rules
        if not rules:
            return []
        panel = self._board.cards.get(ref)
        info: Snapshot | MatchSummary | None = panel.snapshot if panel is not None else None
        info = info or self._catalogs.find(ref)
        if info is None:
            return [r for r in rules if r.kind == "match" and r.value == str(ref)]
        return followed_by(rules, str(ref), info.home, info.away, info.competition)

    def is_followed(self, ref: MatchRef) -> bool:
        followed = self._marks.get(ref)
        if followed is None:
            followed = self._marks[ref] = bool(self.rules_for(ref))
        return followed

    def mark(self, ref: MatchRef) -> None:
        self._marks.pop(ref, None)
        panel = self._board.cards.get(ref)
        if panel is not None:
            panel.set_marks(followed=self.is_followed(ref))

    def observe(self, event: ProviderEvent) -> None:
        """Settled observer: a panel's first snapshot tells its teams, so mark it then."""
        if isinstance(event, MatchUpdated) and event.ref not in self._marks and self.rules:
            self.mark(event.ref)

    # -- matches that add themselves ----------------------------------------------------------

    def catalog_read(self, provider: str | None) -> None:
        """A catalog was read (None: the rules changed): add what kicked off, watch the rest."""
        rules = self.rules
        if not rules:
            return
        matched: set[tuple[str, str]] = set()
        cards = self._board.cards
        room = MAX_AUTO_ADDED - sum(ref in cards for ref in self._auto_added)
        left_out = 0
        for entry in self._catalogs.entries():
            found = followed_by(rules, str(entry.ref), entry.home, entry.away, entry.competition)
            if not found:
                continue
            matched.update(rule.key for rule in found)
            if entry.ref in self._board.cards:
                if self._marks.get(entry.ref) is not True:
                    self.mark(entry.ref)
                continue
            if str(entry.ref) in self.dismissed:
                continue
            if entry.status in IN_PLAY:
                if room <= 0:
                    left_out += 1
                    continue
                room -= self._add(entry)
            elif entry.status == "scheduled":
                self._watch_kickoff(entry)
        self._report_unmatched(rules, matched)
        if left_out:
            self._say_capped(left_out)

    def _say_capped(self, left_out: int) -> None:
        log.warning("following: %d more followed live matches not added (cap)", left_out)
        if self._said_cap:
            return
        self._said_cap = True
        self._board.notify(
            f"following added {MAX_AUTO_ADDED} matches by itself and left {left_out} more "
            "followed live matches out, so a broad follow does not subscribe to them all "
            "on your key; add any of them with a or from Live now (l)",
            title="Following",
            severity="warning",
            markup=False,
        )

    def _add(self, entry: MatchSummary) -> bool:
        """Add a followed match; False if it could not be."""
        timer = self._kickoffs.pop(entry.ref, None)
        if timer is not None:
            timer.stop()
        try:
            self._board.add_match(str(entry.ref), focus=False)
        except ValueError as exc:
            log.info("followed match %s not added: %s", entry.ref, exc)
            return False
        log.info("followed match %s added by itself (%s)", entry.ref, entry.status)
        self._auto_added.add(entry.ref)
        self.mark(entry.ref)
        return True

    def _watch_kickoff(self, entry: MatchSummary) -> None:
        start = start_moment(entry.start_time)
        if start is None or entry.ref in self._kickoffs:
            return
        if len(self._kickoffs) >= MAX_KICKOFF_WATCHES:
            return  # a list from outside: the regular reads will see the rest start
        now = self._board.wall_clock()
        if now - start > KICKOFF_WATCH_SECONDS:
            return  # long overdue: the regular reads will see it start
        wait = start + KICKOFF_GRACE - now if start > now else KICKOFF_RECHECK
        self._kickoffs[entry.ref] = self._board.set_timer(
            max(wait, 0.01), lambda: self._kickoff_due(entry.ref)
        )

    def _kickoff_due(self, ref: MatchRef) -> None:
        self._kickoffs.pop(ref, None)
        self._catalogs.refresh(ref.provider)  # catalog_read adds it, or watches again

    def _report_unmatched(self, rules: list[FollowRule], matched: set[tuple[str, str]]) -> None:
        """Say once which entries match nothing, when every catalog has been read."""
        catalogs = self._catalogs
        read = [catalogs.catalogs.get(name) for name in catalogs.providers()]
        if not all(c is not None and c.fetched_at is not None for c in read):
            return
        for rule in rules:
            told = rule.key in matched or rule.key in self._reported
            if told or rule.kind in ("match", "player"):  # a player follows no team
                continue
            self._reported.add(rule.key)
            self._board.notify(
                f"follow {rule.text!r} matches no team or competition in any catalog "
                "(checked case and accents); it stays followed in case one appears",
                title="Following",
                severity="warning",
                markup=False,
            )
            log.warning("follow entry %r matches nothing in any catalog", rule.text)
