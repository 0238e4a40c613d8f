"""What the main screen shows when a provider's connection changes.

`ConnectionNotice` is a part the app owns, watching the feed router's output
(`FeedRouter.observe`): the status line's connection, the polling banner
over the grid, and the refused-key notice in place of the grid
(`render/refusal_notice.py`).
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.core.events import ConnectionChanged, ProviderEvent
from scoreboard.providers.registry import KEY_ENV, SPECS
from scoreboard.settings import Settings, config_path
from scoreboard.ui.render.refusal_notice import refusal_notice
from scoreboard.ui.widgets.status_bar import StatusBar


class ConnectionNotice:
    """The status line, the polling banner and the refused-key notice (see the module doc)."""

    def __init__(
        self, settings: Settings, diagnostics: Diagnostics, status: StatusBar, grid: Widget
    ) -> None:
        self._settings = settings
        self._diagnostics = diagnostics
        self._status = status
        self._grid = grid
        #: Why panels say POLLING (the provider's own words), while it polls.
        self.banner = Static(id="poll-banner", markup=False)
        #: The refused-key notice, shown in place of the grid.
        self.refused = VerticalScroll(id="refused")
        self.refused_text = Static(id="refused-text")
        self._refused_event: ConnectionChanged | None = None
        #: The refusal is up: a provider refused the key and has not been live since.
        self.key_refused = False

    @property
    def hides_grid(self) -> bool:
        """The refusal is shown instead of the panels (keys must not act on them)."""
        return bool(self.refused.display)

    def observe(self, event: ProviderEvent) -> None:
        """The router's observer: a provider's connection changed."""
        if not isinstance(event, ConnectionChanged):
            return
        self._status.set_connection(event)
        if event.phase == "refused":
            self.banner.display = False
            self._show_refused(event)
        elif event.phase == "live":
            self.key_refused = False
            self._grid.display, self.refused.display = True, False
            self._show_banner(event)

    def redraw(self) -> None:
        """The palette changed: the refusal notice is drawn again in its colours."""
        if self.refused.display and self._refused_event is not None:
            self._show_refused(self._refused_event)

    def _show_banner(self, event: ConnectionChanged) -> None:
        """The polling banner: shown with a polling provider's word, gone when it streams."""
        if event.via == "polling":
            self.banner.update(f"ⓘ {event.provider.capitalize()}: {event.detail}")
            self.banner.display = True
        elif self.banner.display and not any(
            c.via == "polling" for c in self._diagnostics.connections.values()
        ):
            self.banner.display = False

    def _show_refused(self, event: ConnectionChanged) -> None:
        self._refused_event = event
        self.key_refused = True
        spec = SPECS.get(event.provider)
        self.refused_text.update(
            refusal_notice(
                title=spec.title if spec else event.provider.capitalize(),
                key_env=KEY_ENV.get(event.provider, "the provider's key variable"),
                config=str(config_path()),
                detail=event.detail,
                key_sent=bool(self._settings.provider_settings(event.provider).api_key),
            )
        )
        self._grid.display, self.refused.display = False, True
