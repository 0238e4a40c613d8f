"""What the main screen does when a provider's connection changes.

`ConnectionView` is mixed into the app: the status line, the polling banner,
and the refused-key notice in place of the grid (`render/refusal_notice.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoreboard.core.events import ConnectionChanged
from scoreboard.providers.registry import KEY_ENV, SPECS
from scoreboard.settings import config_path
from scoreboard.ui.render.refusal_notice import refusal_notice

if TYPE_CHECKING:
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from scoreboard.core.diagnostics import Diagnostics
    from scoreboard.settings import Settings
    from scoreboard.ui.widgets.panel_grid import PanelGrid
    from scoreboard.ui.widgets.status_bar import StatusBar

    _Base = App[None]
else:
    _Base = object


class ConnectionView(_Base):
    """The app's side of connection changes (a mixin)."""

    settings: Settings
    _status: StatusBar
    _banner: Static
    _grid: PanelGrid
    _refused: VerticalScroll
    _refused_text: Static
    _refused_event: ConnectionChanged | None
    _key_refused: bool

    if TYPE_CHECKING:

        @property
        def diagnostics(self) -> Diagnostics: ...

    def connection_changed(self, event: ConnectionChanged) -> None:
        """The session's word that a provider's connection changed."""
        self._status.set_connection(event)
        if event.phase == "refused":
            self._banner.display = False
            self._show_refused(event)
        elif event.phase == "live":
            self._key_refused = False
            self._grid.display, self._refused.display = True, False
            self._show_banner(event)

    def _show_banner(self, event: ConnectionChanged) -> None:
        """The polling banner: shown with a polling provider's word, gone when it streams."""
        if event.via == "polling":
            self._banner.update(f"ⓘ {event.provider.capitalize()}: {event.detail}")
            self._banner.display = True
        elif self._banner.display and not any(
            c.via == "polling" for c in self.diagnostics.connections.values()
        ):
            self._banner.display = False

    def _show_refused(self, event: ConnectionChanged) -> None:
        self._refused_event = event
        self._key_refused = True
        spec = SPECS.get(event.provider)
        self._refused_text.update(
            refusal_notice(
                title=spec.title if spec else event.provider.capitalize(),
                key_env=KEY_ENV.get(event.provider, "the provider's key variable"),
                config=str(config_path()),
                detail=event.detail,
                key_sent=bool(self.settings.provider_settings(event.provider).api_key),
            )
        )
        self._grid.display, self._refused.display = False, True
