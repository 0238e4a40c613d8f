"""Following what matters: the app's parts and actions for it.

`FanFeatures` is mixed into the app. It builds the catalogs (`catalogs.py`),
following (`following.py`), alerts and the title (`alerts/`), what changed
recently (`recent.py`) and the remembered session (`remember.py`), wires them
to the session's settled observers (so they follow what panels *show*), and
holds the actions: `l` Live now, `f` follow, `F` what you follow, `u` undo
a removal, `n` mute, `c` clear finished matches.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from datetime import tzinfo
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from scoreboard.core.events import MatchFailed, MatchRef, ProviderEvent
from scoreboard.core.follows import FollowRule
from scoreboard.ui.fan.alerts.center import AlertCenter
from scoreboard.ui.fan.alerts.title import TitleKeeper
from scoreboard.ui.fan.catalogs import Catalogs
from scoreboard.ui.fan.following import Following
from scoreboard.ui.fan.recent import RecentActivity
from scoreboard.ui.fan.remembered import SessionKeeper
from scoreboard.ui.paint.terminal import Terminal
from scoreboard.ui.screens.follow import FollowChoiceScreen, FollowsScreen
from scoreboard.ui.screens.live_now import LiveNowScreen
from scoreboard.ui.widgets.match_panel import MatchPanel

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from scoreboard.settings import Settings
    from scoreboard.ui.app import ScoreboardApp
    from scoreboard.ui.feed.router import Session
    from scoreboard.ui.widgets.panel_grid import PanelGrid
    from scoreboard.ui.widgets.status_bar import StatusBar

    _Base = App[None]
else:
    _Base = object

log = logging.getLogger("scoreboard.ui.fan.features")

FAN_BINDINGS = [
    Binding("l", "live_now", "Live"),
    Binding("f", "follow", "Follow", show=False),
    Binding("F", "follows", "Following", show=False),
    Binding("u", "undo_remove", "Undo", show=False),
    Binding("n", "mute", "Mute", show=False),
    Binding("c", "clear_finished", "Clear finished", show=False),
]
#: Removals `u` can undo, newest last.
UNDO_DEPTH = 20


class FanFeatures(_Base):
    """Mixed into `ScoreboardApp` (see the module docstring)."""

    #: Local time for kick-off times; scenes pin it (None: the machine's zone).
    timezone: tzinfo | None = None

    if TYPE_CHECKING:  # what the app provides
        settings: Settings
        session: Session
        wall_clock: Callable[[], float]
        _grid: PanelGrid

        @property
        def cards(self) -> dict[MatchRef, MatchPanel]: ...
        @property
        def focused_card(self) -> MatchPanel | None: ...
        @property
        def status(self) -> StatusBar: ...
        def add_match(
            self, text: str, *, focus: bool = True, index: int | None = None
        ) -> MatchPanel: ...
        def remove_match(self, ref: MatchRef) -> None: ...
        def validate_match(self, text: str) -> str | None: ...
        def _focus(self, card: MatchPanel) -> None: ...

    def _setup_fan(self) -> None:
        settings = self.settings
        app = cast("ScoreboardApp", self)
        self.terminal = Terminal(app)
        self.catalogs = Catalogs(app, interval=settings.catalog_refresh, wall=self.wall_clock)
        self.following = Following(app, settings.follow)
        self.remembered = SessionKeeper(
            app, settings.session_path, keep_shown=settings.remember_shown
        )
        self.recent = RecentActivity(app, wall=lambda: self.wall_clock())  # swappable (replay)
        self.recent.sort_recent = settings.sort == "recent"
        self.alerts = AlertCenter(
            app, settings.alerts, self.terminal, in_scope=self._in_alert_scope
        )
        self.alerts.on_moment(self.recent.moment)
        self.alerts.falls = lambda ref: app.session.history.falls(ref)
        self.session.forgotten.append(self._forget_moments)
        # A panel hiding its score (--spoilers hide) gives nothing away by alert or title.
        self.alerts.suppressors.append(lambda ref: getattr(self.cards.get(ref), "hidden", False))
        self.title_keeper = TitleKeeper(
            app,
            self.terminal,
            suppressed=self.alerts.suppressed,
            latest_followed=self._latest_followed,
            followed=self.following.is_followed,
        )
        self._removed: list[tuple[str, int]] = []
        observe = self.session.observe
        observe(self.alerts.observe, settled=True)
        observe(self.following.observe, settled=True)
        observe(self._fan_event, settled=True)
        if "title" in settings.alerts.channels:
            observe(self.title_keeper.observe, settled=True)
        self.catalogs.listen(self.following.catalog_read)
        self.catalogs.listen(self._catalog_read)

    def _start_fan(self) -> tuple[list[str], str | None]:
        """Read what is remembered; the matches to show and the one to focus."""
        remembered = self.remembered.load()
        self.recent.start()
        if self.following.rules:
            self.catalogs.want("following")
        if remembered is not None and self.settings.remember_shown:
            # One read now: a remembered match may have finished since (its result shows).
            for name in {text.partition(":")[0] for text in remembered.matches}:
                if name in self.settings.providers:
                    self.catalogs.refresh(name, force=True)
            return list(remembered.matches), remembered.focus
        return list(self.settings.matches), None

    def _stop_fan(self) -> None:
        self.remembered.save()
        self.title_keeper.restore()

    # -- hooks the app calls ------------------------------------------------------------

    def shown_refs(self) -> list[MatchRef]:
        """The shown matches in their order on screen."""
        return [card.ref for card in self._grid.panels]

    def reorder(self, refs: list[MatchRef]) -> None:
        """Put the panels of `refs` in that order (the rest after them)."""
        panels = [self.cards[ref] for ref in refs if ref in self.cards]
        for before, panel in itertools.pairwise(panels):
            self._grid.move_child(panel, after=before)
        if panels:
            self._grid.move_child(panels[0], before=0)
        self.remembered.changed()

    def _fan_added(self, panel: MatchPanel) -> None:
        self.following.mark(panel.ref)
        summary = self.catalogs.find(panel.ref)
        if summary is not None and summary.status == "finished":
            panel.set_summary(summary)
        self.remembered.changed()

    def _fan_removed(self, panel: MatchPanel, index: int) -> None:
        self._removed = [*self._removed[-UNDO_DEPTH + 1 :], (str(panel.ref), index)]
        if self.following.is_followed(panel.ref):
            self.following.dismissed.add(str(panel.ref))
        self.alerts.forget(panel.ref)
        self.recent.forget(panel.ref)
        self.remembered.changed()
        self.title_keeper.update()

    def _fan_event(self, event: ProviderEvent) -> None:
        """A refused match may have finished: the catalog says, and its panel shows the result."""
        if isinstance(event, MatchFailed):
            interval = self.catalogs.interval
            self.catalogs.refresh(event.ref.provider, stale_after=interval, force=True)

    def _catalog_read(self, provider: str) -> None:
        for ref, panel in self.cards.items():
            if ref.provider == provider and panel.snapshot is None:
                summary = self.catalogs.find(ref)
                if summary is not None and summary.status == "finished":
                    panel.set_summary(summary)

    def _forget_moments(self, ref: MatchRef) -> None:
        """A replay went back to its start: the moments seen so far may lie ahead now."""
        self.alerts.forget(ref)
        self.recent.forget(ref)
        panel = self.cards.get(ref)
        if panel is not None:
            panel.set_marks(recent="")

    def _in_alert_scope(self, ref: MatchRef) -> bool:
        return self.settings.alerts.scope == "all" or self.following.is_followed(ref)

    def _latest_followed(self) -> MatchRef | None:
        followed = [ref for ref in self.cards if self.following.is_followed(ref)]
        if not followed:
            return None
        latest: MatchRef = max(followed, key=self.recent.last_active)
        return latest

    def on_descendant_focus(self) -> None:
        self.title_keeper.update()
        self.remembered.changed()

    # -- actions -------------------------------------------------------------------------

    def action_live_now(self) -> None:
        def chosen(ref: MatchRef | None) -> None:
            if ref is None:
                return
            panel = self.cards.get(ref)
            if panel is None:
                try:
                    self.add_match(str(ref))
                except ValueError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                return
            self._focus(panel)

        self.push_screen(LiveNowScreen(), chosen)

    def action_follow(self) -> None:
        if self.focused_card is not None:
            self.follow_from(self.focused_card)

    def follow_from(self, panel: MatchPanel) -> None:
        """The follow dialog for `panel`'s teams, competition or the match itself."""
        info = panel.snapshot or panel.summary or self.catalogs.find(panel.ref)
        choices: list[tuple[str, FollowRule]] = []
        if info is not None:
            choices.append(("Home team", FollowRule("team", info.home)))
            choices.append(("Away team", FollowRule("team", info.away)))
            if info.competition:
                choices.append(("Competition", FollowRule("competition", info.competition)))
        choices.append(("This match only", FollowRule("match", str(panel.ref))))
        followed = {rule.key for rule in self.following.rules}
        title = f"Follow from {panel.label}" + (f": {info.home} v {info.away}" if info else "")

        def picked(rule: FollowRule | None) -> None:
            if rule is None:
                return
            if rule.key in followed:
                self.following.unfollow(rule)
                self.notify(f"No longer following {rule.describe()}", markup=False)
            elif self.following.follow(rule):
                self.notify(f"Following {rule.describe()}", markup=False)

        rows = [(what, rule, rule.key in followed) for what, rule in choices]
        self.push_screen(FollowChoiceScreen(title, rows), picked)

    def action_follows(self) -> None:
        def rules() -> list[tuple[FollowRule, str]]:
            return [
                (rule, "config file" if self.following.is_configured(rule) else "added here")
                for rule in self.following.rules
            ]

        self.push_screen(FollowsScreen(rules, self.following.unfollow))

    def action_undo_remove(self) -> None:
        while self._removed:
            text, index = self._removed.pop()
            if self.validate_match(text) is None:
                panel = self.add_match(text, index=index)
                self.following.dismissed.discard(text)
                self.notify(f"{panel.label} is back", markup=False)
                return
        self.notify("Nothing to undo", markup=False)

    def action_mute(self) -> None:
        self.alerts.muted = not self.alerts.muted
        self.status.muted = self.alerts.muted
        self.status.refresh()
        self.notify("Alerts muted for this session" if self.alerts.muted else "Alerts on")

    def action_clear_finished(self) -> None:
        finished = [ref for ref, panel in self.cards.items() if panel.finished]
        for ref in finished:
            self.remove_match(ref)
        said = f"Cleared {len(finished)} finished" if finished else "No finished matches"
        self.notify(f"{said} (u brings one back)" if finished else said, markup=False)

    def action_sort_recent(self) -> None:
        self.recent.sort_recent = not self.recent.sort_recent
        if self.recent.sort_recent:
            self.recent.sort()
        self.notify(
            "Most recently active first" if self.recent.sort_recent else "Order as added",
            markup=False,
        )

    def fan_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Live now", "Every match of every catalog", self.action_live_now)
        target = screen.focused
        if isinstance(target, MatchPanel) and self.cards.get(target.ref) is target:
            panel = target
            yield SystemCommand(
                "Follow",
                f"{panel.label}: follow its team or competition",
                lambda: self.follow_from(panel),
            )
        yield SystemCommand("Following", "What you follow; unfollow", self.action_follows)
        yield SystemCommand(
            "Undo remove", "Bring back the last removed match", self.action_undo_remove
        )
        yield SystemCommand(
            "Mute alerts" if not self.alerts.muted else "Unmute alerts",
            "Alerts on or off for this session",
            self.action_mute,
        )
        yield SystemCommand("Clear finished", "Remove finished matches", self.action_clear_finished)
        yield SystemCommand(
            "Sort by recent activity",
            "Most recently active matches first (toggle)",
            self.action_sort_recent,
        )
