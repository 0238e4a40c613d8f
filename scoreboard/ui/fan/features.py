"""Following what matters: the fan's parts, built and wired together.

`FanFeatures` is a part the app owns. It builds the catalogs
(`catalogs.py`), following (`following.py`), alerts and the title
(`alerts/`), what changed recently (`recent.py`), the remembered session
(`remembered.py`) and the fan's keys (`keys.py`), and wires them together.
What they watch hangs off the feed router's settled output
(`settled_observers`), so they follow what panels *show*. The app tells it
of matches added and removed and of focus changes; it asks the board
(`FanBoard`) for no more than its parts do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from scoreboard.core.events import MatchFailed, MatchRef, ProviderEvent
from scoreboard.settings import Settings
from scoreboard.ui.fan.alerts.center import AlertCenter
from scoreboard.ui.fan.alerts.channels import AlertBoard
from scoreboard.ui.fan.alerts.escapes import Terminal
from scoreboard.ui.fan.alerts.title import TitleKeeper
from scoreboard.ui.fan.catalogs import CatalogBoard, Catalogs
from scoreboard.ui.fan.following import Following, FollowingBoard
from scoreboard.ui.fan.keys import FanKeys, KeysBoard
from scoreboard.ui.fan.recent import RecentActivity, RecentBoard
from scoreboard.ui.fan.remembered import KeeperBoard, SessionKeeper
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

log = logging.getLogger("scoreboard.ui.fan.features")

Observer = Callable[[ProviderEvent], None]


class FanBoard(
    AlertBoard, CatalogBoard, FollowingBoard, KeeperBoard, KeysBoard, RecentBoard, Protocol
):
    """What the fan's parts need of the board, together."""


class FanFeatures:
    """Catalogs, following, alerts, the title, recent activity, the remembered session
    and the fan's keys (see the module doc)."""

    def __init__(
        self,
        board: FanBoard,
        settings: Settings,
        terminal: Terminal,
        status: StatusBar,
        *,
        app_title: str,
    ) -> None:
        self._board = board
        self._settings = settings
        self.terminal = terminal
        self.catalogs = Catalogs(
            board, settings, interval=settings.catalog_refresh, wall=board.wall_clock
        )
        self.following = Following(
            board, self.catalogs, settings.follow, changed=lambda: self.remembered.changed()
        )
        self.remembered = SessionKeeper(
            board, self.following, settings.session_path, keep_shown=settings.remember_shown
        )
        self.recent = RecentActivity(board, wall=lambda: board.wall_clock())  # swappable (replay)
        self.recent.sort_recent = settings.sort == "recent"
        self.alerts = AlertCenter(board, settings.alerts, terminal, in_scope=self._in_alert_scope)
        self.alerts.on_moment(self.recent.moment)
        # A panel hiding its score (--spoilers hide) gives nothing away by alert or title.
        self.alerts.suppressors.append(self._hidden)
        self.title = TitleKeeper(
            board,
            terminal,
            app_title=app_title,
            suppressed=self.alerts.suppressed,
            latest_followed=self._latest_followed,
            followed=self.following.is_followed,
        )
        self.keys = FanKeys(
            board,
            catalogs=self.catalogs,
            following=self.following,
            alerts=self.alerts,
            recent=self.recent,
            status=status,
            hidden=self._hidden,
        )
        self.catalogs.listen(self.following.catalog_read)
        self.catalogs.listen(self._catalog_read)

    def settled_observers(self) -> list[Observer]:
        """What watches the router's settled output: alerts, following, a refused match's
        catalog entry, and the title (when it is an alert channel)."""
        observers: list[Observer] = [
            self.alerts.observe,
            self.following.observe,
            self._refused_match,
        ]
        if "title" in self._settings.alerts.channels:
            observers.append(self.title.observe)
        return observers

    # -- the app's life ----------------------------------------------------------------

    def start(self) -> tuple[list[str], str | None]:
        """Read what is remembered; the matches to show and the one to focus."""
        settings = self._settings
        remembered = self.remembered.load()
        self.recent.start()
        if self.following.rules:
            self.catalogs.want("following")
        if remembered is not None and settings.remember_shown:
            # One read now: a remembered match may have finished since (its result shows).
            for name in {text.partition(":")[0] for text in remembered.matches}:
                if name in settings.providers:
                    self.catalogs.refresh(name, force=True)
            return list(remembered.matches), remembered.focus
        return list(settings.matches), None

    def stop(self) -> None:
        self.remembered.save()
        self.title.restore()

    # -- what the app tells ------------------------------------------------------------

    def added(self, panel: MatchPanel) -> None:
        """`panel` was added to the grid."""
        self.following.mark(panel.ref)
        summary = self.catalogs.find(panel.ref)
        if summary is not None and summary.status == "finished":
            panel.set_summary(summary)
        self.remembered.changed()

    def removed(self, panel: MatchPanel, index: int) -> None:
        """`panel` left the grid from `index`."""
        self.keys.removed(panel, index)
        if self.following.is_followed(panel.ref):
            self.following.dismissed.add(str(panel.ref))
        self.alerts.forget(panel.ref)
        self.recent.forget(panel.ref)
        self.remembered.changed()
        self.title.update()

    def focus_changed(self) -> None:
        self.title.update()
        self.remembered.changed()

    # -- wiring ------------------------------------------------------------------------

    def _refused_match(self, event: ProviderEvent) -> None:
        """A refused match may have finished: the catalog says, and its panel shows the result."""
        if isinstance(event, MatchFailed):
            interval = self.catalogs.interval
            self.catalogs.refresh(event.ref.provider, stale_after=interval, force=True)

    def _catalog_read(self, provider: str) -> None:
        for ref, panel in self._board.cards.items():
            if ref.provider == provider and panel.snapshot is None:
                summary = self.catalogs.find(ref)
                if summary is not None and summary.status == "finished":
                    panel.set_summary(summary)

    def _hidden(self, ref: MatchRef) -> bool:
        panel = self._board.cards.get(ref)
        return panel is not None and panel.hidden

    def forget_moments(self, ref: MatchRef) -> None:
        """A replay went back to its start: the moments seen so far may lie ahead now."""
        self.alerts.forget(ref)
        self.recent.forget(ref)
        panel = self._board.cards.get(ref)
        if panel is not None:
            panel.set_marks(recent="")

    def _in_alert_scope(self, ref: MatchRef) -> bool:
        return self._settings.alerts.scope == "all" or self.following.is_followed(ref)

    def _latest_followed(self) -> MatchRef | None:
        followed = [ref for ref in self._board.cards if self.following.is_followed(ref)]
        if not followed:
            return None
        latest: MatchRef = max(followed, key=self.recent.last_active)
        return latest
