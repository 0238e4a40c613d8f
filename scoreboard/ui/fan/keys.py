"""The fan's keys and palette entries: Live now, follow, undo a removal, mute, clear.

Every key goes to one action, `app.action_fan(what)`, which hands it to
`FanKeys.do`, so the keys table (`FAN_BINDINGS`) is the only list of them:
`l` Live now, `f` follow, `F` what you follow, `u` undo a removal, `n` mute,
`c` clear finished matches; the palette adds sorting by recent activity.
`FanKeys` is owned by the fan's part (`fan/features.py`) and asks the board
(`KeysBoard`) for the cards, adding and removing matches, the focus, screens
and a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import tzinfo
from typing import Protocol

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from scoreboard.config import SettingsError
from scoreboard.core.events import MatchRef
from scoreboard.core.follows import FollowRule
from scoreboard.core.players import players_in
from scoreboard.settings import config_path, reload_alerts
from scoreboard.ui.board import Cards, Matches, Notifies, Screens, panel_focused_on
from scoreboard.ui.fan.alerts.center import AlertCenter
from scoreboard.ui.fan.catalogs import Catalogs
from scoreboard.ui.fan.editor import Suspends, edit
from scoreboard.ui.fan.following import Following
from scoreboard.ui.fan.pulse import PulseMeters
from scoreboard.ui.fan.recent import RecentActivity
from scoreboard.ui.fan.redzone import RedZone
from scoreboard.ui.screens.alert_rules import AlertRulesScreen
from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.screens.follow import FollowChoiceScreen, FollowsScreen
from scoreboard.ui.screens.live_now import LiveNowScreen
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

FAN_BINDINGS = [
    Binding("l", "fan('live_now')", "Live"),
    Binding("f", "fan('follow')", "Follow", show=False),
    Binding("F", "fan('follows')", "Following", show=False),
    Binding("u", "fan('undo_remove')", "Undo", show=False),
    Binding("n", "fan('mute')", "Mute", show=False),
    Binding("c", "fan('clear_finished')", "Clear finished", show=False),
    Binding("r", "fan('redzone')", "RedZone", show=False),
]
#: Removals `u` can undo, newest last.
UNDO_DEPTH = 20


class KeysBoard(Cards, Matches, Notifies, Screens, Suspends, Protocol):
    """What the fan's keys need of the board."""

    @property
    def screen(self) -> Screen[object]:
        """The screen on top (the detail view's `f` follows from its match)."""
        ...

    #: The time of day, and the zone kick-off times are shown in (scenes pin both).
    wall_clock: Callable[[], float]
    timezone: tzinfo | None

    def focus_card(self, card: MatchPanel) -> None: ...


class FanKeys:
    """The fan's actions (see the module doc); `do(what)` runs one by name."""

    def __init__(
        self,
        board: KeysBoard,
        *,
        catalogs: Catalogs,
        following: Following,
        alerts: AlertCenter,
        recent: RecentActivity,
        pulse: PulseMeters,
        redzone: RedZone,
        status: StatusBar,
        hidden: Callable[[MatchRef], bool],
    ) -> None:
        self._board = board
        self._catalogs = catalogs
        self._following = following
        self._alerts = alerts
        self._recent = recent
        self._pulse = pulse
        self.redzone = redzone
        self._status = status
        self._hidden = hidden
        #: Removed matches and where they stood, newest last (what `u` brings back).
        self._removed: list[tuple[str, int]] = []
        self._actions: dict[str, Callable[[], None]] = {
            "live_now": self.live_now,
            "follow": self.follow,
            "follows": self.follows,
            "undo_remove": self.undo_remove,
            "mute": self.mute,
            "clear_finished": self.clear_finished,
            "sort_recent": self.sort_recent,
            "sort_pulse": self.sort_pulse,
            "redzone": redzone.toggle,
            "alert_rules": self.alert_rules,
        }

    def do(self, what: str) -> None:
        """The action called `what` (a key of `FAN_BINDINGS`, or a palette entry)."""
        self._actions[what]()

    def removed(self, panel: MatchPanel, index: int) -> None:
        """`panel` left the grid from `index`: `u` can bring it back there."""
        self._removed = [*self._removed[-UNDO_DEPTH + 1 :], (str(panel.ref), index)]

    # -- the actions -------------------------------------------------------------------

    def live_now(self) -> None:
        board = self._board

        def chosen(ref: MatchRef | None) -> None:
            if ref is None:
                return
            panel = board.cards.get(ref)
            if panel is None:
                try:
                    board.add_match(str(ref))
                except ValueError as exc:
                    board.notify(str(exc), severity="error", markup=False)
                return
            board.focus_card(panel)

        screen = LiveNowScreen(
            self._catalogs,
            board.cards,
            followed=self._following.is_followed,
            hidden=self._hidden,
            wall_clock=board.wall_clock,
            timezone=board.timezone,
        )
        board.push_screen(screen, chosen)

    def follow(self) -> None:
        """`f`: the focused panel's follow choices; in the detail view, its match's
        (with its batters, bowler and latest events' players)."""
        card = self._board.focused_card
        if card is None:
            detail = self._board.screen
            card = detail.card if isinstance(detail, MatchDetailScreen) else None
        if card is not None:
            self.follow_from(card)

    def follow_from(self, panel: MatchPanel) -> None:
        """The follow dialog for `panel`'s teams, competition or the match itself."""
        info = panel.snapshot or panel.summary or self._catalogs.find(panel.ref)
        choices: list[tuple[str, FollowRule]] = []
        if info is not None:
            choices.append(("Home team", FollowRule("team", info.home)))
            choices.append(("Away team", FollowRule("team", info.away)))
            if info.competition:
                choices.append(("Competition", FollowRule("competition", info.competition)))
        choices.append(("This match only", FollowRule("match", str(panel.ref))))
        if panel.snapshot is not None:  # its players: their moments alert in any match
            for name in players_in(panel.snapshot):
                choices.append(("Player", FollowRule("player", name)))
        following = self._following
        followed = {rule.key for rule in following.rules}
        title = f"Follow from {panel.label}" + (f": {info.home} v {info.away}" if info else "")

        def picked(rule: FollowRule | None) -> None:
            if rule is None:
                return
            if rule.key in followed:
                following.unfollow(rule)
                self._board.notify(f"No longer following {rule.describe()}", markup=False)
            elif following.follow(rule):
                self._board.notify(f"Following {rule.describe()}", markup=False)

        rows = [(what, rule, rule.key in followed) for what, rule in choices]
        self._board.push_screen(FollowChoiceScreen(title, rows), picked)

    def follows(self) -> None:
        following = self._following

        def rules() -> list[tuple[FollowRule, str]]:
            return [
                (rule, "config file" if following.is_configured(rule) else "added here")
                for rule in following.rules
            ]

        self._board.push_screen(FollowsScreen(rules, following.unfollow))

    def undo_remove(self) -> None:
        board = self._board
        while self._removed:
            text, index = self._removed.pop()
            if board.validate_match(text) is None:
                panel = board.add_match(text, index=index)
                self._following.dismissed.discard(text)
                board.notify(f"{panel.label} is back", markup=False)
                return
        board.notify("Nothing to undo", markup=False)

    def mute(self) -> None:
        alerts = self._alerts
        alerts.muted = not alerts.muted
        self._status.muted = alerts.muted
        self._status.refresh()
        self._board.notify("Alerts muted for this session" if alerts.muted else "Alerts on")

    def clear_finished(self) -> None:
        finished = [ref for ref, panel in self._board.cards.items() if panel.finished]
        for ref in finished:
            self._board.remove_match(ref)
        said = f"Cleared {len(finished)} finished" if finished else "No finished matches"
        self._board.notify(f"{said} (u brings one back)" if finished else said, markup=False)

    def alert_rules(self) -> None:
        """The rules in force; `e` edits the config and reads the rules again."""
        alerts = self._alerts

        def closed(edit_config: bool | None) -> None:
            if edit_config:
                self.edit_rules()

        self._board.push_screen(AlertRulesScreen(lambda: alerts.settings), closed)

    def edit_rules(self) -> None:
        path = config_path()
        if not edit(self._board, path):
            self._board.notify("The editor did not start ($VISUAL, $EDITOR)", severity="error")
            return
        try:
            settings = reload_alerts(path)
        except SettingsError as exc:
            self._board.notify(f"Rules unchanged: {exc}", severity="error", markup=False)
            return
        self._alerts.reload(settings)
        count = len(settings.rules)
        self._board.notify(f"Alert rules reloaded: {count} rule{'s' * (count != 1)}", markup=False)

    def sort_pulse(self) -> None:
        meters = self._pulse
        meters.sort_pulse = not meters.sort_pulse
        if meters.sort_pulse:
            self._recent.sort_recent = False
            meters.sort()
        self._board.notify(
            "Highest pulse first (docs/pulse.md)" if meters.sort_pulse else "Order as added",
            markup=False,
        )

    def sort_recent(self) -> None:
        recent = self._recent
        recent.sort_recent = not recent.sort_recent
        if recent.sort_recent:
            self._pulse.sort_pulse = False
        if recent.sort_recent:
            recent.sort()
        self._board.notify(
            "Most recently active first" if recent.sort_recent else "Order as added",
            markup=False,
        )

    # -- the command palette -----------------------------------------------------------

    def commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The fan's palette entries; those for a panel act on the one `screen` focuses."""
        yield SystemCommand("Live now", "Every match of every catalog", self.live_now)
        panel = panel_focused_on(self._board, screen)
        if panel is not None:
            yield SystemCommand(
                "Follow",
                f"{panel.label}: follow its team or competition",
                lambda: self.follow_from(panel),
            )
        yield SystemCommand("Following", "What you follow; unfollow", self.follows)
        yield SystemCommand("Undo remove", "Bring back the last removed match", self.undo_remove)
        yield SystemCommand(
            "Mute alerts" if not self._alerts.muted else "Unmute alerts",
            "Alerts on or off for this session",
            self.mute,
        )
        yield SystemCommand("Clear finished", "Remove finished matches", self.clear_finished)
        yield SystemCommand(
            "Sort by recent activity",
            "Most recently active matches first (toggle)",
            self.sort_recent,
        )
        yield SystemCommand(
            "Alert rules", "The [[alerts.rule]] tables and quiet hours; e edits", self.alert_rules
        )
        yield SystemCommand(
            "RedZone",
            "Focus the match with the most at stake, switching as it changes (r)",
            self.redzone.toggle,
        )
        yield SystemCommand(
            "Sort by pulse",
            "Matches with the most at stake first, every 10 s (toggle)",
            self.sort_pulse,
        )
