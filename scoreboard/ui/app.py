"""The Textual app: composition, bindings and actions over a grid of match panels.

Providers, routing and delivery are the session's (`session.py`); theming,
following, time and the grid's layout each live in a mixin of their own (`theming.py`,
`fan.py`, `time_controls.py`, `grid_layout.py`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.core.events import ConnectionChanged, MatchRef, MatchSummary
from scoreboard.providers.base import Provider
from scoreboard.providers.registry import SPECS, parse_match_text
from scoreboard.settings import Settings
from scoreboard.ui.commands import app_commands
from scoreboard.ui.fan.features import FAN_BINDINGS, FanFeatures
from scoreboard.ui.feed.router import ProviderFactory, Session
from scoreboard.ui.feed.time_controls import TIME_BINDINGS, TimeControls
from scoreboard.ui.grid.connection import ConnectionView
from scoreboard.ui.grid.layout import GridLayout
from scoreboard.ui.look.filters import Looks
from scoreboard.ui.look.palette import Palette
from scoreboard.ui.look.theme import ThemedApp
from scoreboard.ui.paint.crash import LogsCrashes
from scoreboard.ui.screens.add_match import AddMatchScreen
from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen
from scoreboard.ui.screens.help import HelpScreen
from scoreboard.ui.screens.main import MainScreen
from scoreboard.ui.watchdog import LoopWatchdog
from scoreboard.ui.widgets.keys_footer import KeysFooter
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.panel_grid import PanelGrid
from scoreboard.ui.widgets.status_bar import StatusBar

log = logging.getLogger("scoreboard.ui.app")


class ScoreboardApp(GridLayout, Looks, ConnectionView, ThemedApp, FanFeatures, LogsCrashes):
    """Live panels for every followed match, over one connection per provider."""

    CSS_PATH = "app.tcss"
    TITLE = "sportrix-tui"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("a", "add_match", "Add"),
        Binding("d,delete", "remove_match", "Remove"),
        Binding("enter", "open_detail", "Detail"),
        Binding("i", "diagnostics", "Diagnostics"),
        Binding("z", "cycle_density", "Size"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        # Textual binds Ctrl+C to copy (in inputs) and to a "press Ctrl+Q" hint;
        # there is nothing to copy here, and in a terminal viewer Ctrl+C quits.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("up", "move(0, -1)", "Up", show=False),
        Binding("down", "move(0, 1)", "Down", show=False),
        Binding("left", "move(-1, 0)", "Left", show=False),
        Binding("right", "move(1, 0)", "Right", show=False),
        *TIME_BINDINGS,
        *FAN_BINDINGS,
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        provider_factory: ProviderFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        **time_options: Any,
    ) -> None:
        self.settings = settings
        # Before Textual's init, which asks for the theme variables (`ui/theming.py`).
        self.palette: Palette | None = None
        self._palettes: dict[str, Palette] = {}
        self._init_looks()
        super().__init__()
        self.time = TimeControls(self, **time_options)  # replay=, recorder=
        self._clock = clock
        #: The time of day, for countdowns and "2 min ago" (scenes freeze it).
        self.wall_clock = wall_clock
        self.session = Session(self, provider_factory or self.time.provider_factory())
        self._watchdog = LoopWatchdog(self.session.diagnostics.loop_lag)
        self._columns = 1
        self._refused_event: ConnectionChanged | None = None
        self._key_refused = False
        self._mounted = False
        if settings.theme:
            self.theme = settings.theme
        self._setup_fan()
        self.set_class(self.ascii, "-ascii")

    @property
    def cards(self) -> dict[MatchRef, MatchPanel]:
        """The shown panels by match, in the order they were added."""
        return self.session.panels

    @property
    def providers(self) -> dict[str, Provider]:
        return self.session.providers

    @property
    def diagnostics(self) -> Diagnostics:
        return self.session.diagnostics

    @property
    def status(self) -> StatusBar:
        return self._status

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Kept as attributes: events arrive while a modal screen is on top, and
        # `query_one` would search that screen instead.
        self._grid = PanelGrid(id="grid", classes=f"-{self.density}")
        self.session.delivery.target = self._grid
        self._empty = Static(
            Text.assemble(
                "No matches yet. Press ",
                ("a", "bold"),
                " to add one, ",
                ("?", "bold"),
                " for help.",
            ),
            id="empty",
        )
        #: Why panels say POLLING (the provider's own words), while it polls.
        self._banner = Static(id="poll-banner", markup=False)
        self._refused = VerticalScroll(id="refused")
        self._refused_text = Static(id="refused-text")
        self._status = StatusBar(clock=self._clock)
        yield self._banner
        with self._grid:
            yield self._empty
        with self._refused, Center():
            yield self._refused_text
        yield self._status
        yield KeysFooter()

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(id="_default")

    def on_mount(self) -> None:
        self._mounted = True
        self._watchdog.start()
        self._status.demo = self.settings.demo
        self.time.mounted()
        self.provider(self.settings.provider)  # connect now: a bad key shows at once
        matches, focus = self._start_fan()
        errors = self.add_matches(matches)
        if errors:
            self.notify("\n".join(errors), title="Not added", severity="error", markup=False)
        for warning in self.settings.warnings:
            self.notice(warning)
        cards = list(self.cards.values())
        focused = next((c for c in cards if str(c.ref) == focus), cards[0] if cards else None)
        if focused is not None:
            self._focus(focused)
        self._update_count()

    # -- providers ----------------------------------------------------------------

    def provider(self, name: str) -> Provider:
        """The running provider called `name`, started on first use."""
        return self.session.provider(name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.session.worker_changed(event)

    async def on_unmount(self) -> None:
        self._watchdog.stop()
        self._stop_fan()
        await self.session.close()
        self.time.closing()

    @property
    def key_refused(self) -> bool:
        """The refusal screen is up: a provider refused the key and has not been live since.

        (`cli.py` asks once the app has ended, so this is not read off the widgets.)
        """
        return self._key_refused

    def notice(self, message: str) -> None:
        """Say `message` in the status line, as a toast and in diagnostics."""
        self.diagnostics.notices.append((time.time(), message))
        self._status.set_notice(message)
        self.notify(message, severity="warning", markup=False)

    # -- matches ------------------------------------------------------------------

    def parse_match(self, text: str) -> MatchRef:
        """`41282` (default provider) or `provider:id`; `ValueError` says what is wrong."""
        return MatchRef(*parse_match_text(text, self.settings.provider))

    def validate_match(self, text: str) -> str | None:
        """Why `text` cannot be added, or None if it can."""
        try:
            ref = self.parse_match(text)
        except ValueError as exc:
            return str(exc)
        if ref in self.cards:
            return f"{self._label(ref)} is already on screen"
        return None

    def _label(self, ref: MatchRef) -> str:
        return str(ref.id) if ref.provider == self.settings.provider else str(ref)

    def add_match(self, text: str, *, focus: bool = True, index: int | None = None) -> MatchPanel:
        """Show and follow a match (at `index` in the grid, else last); `ValueError`
        for a bad or duplicate id."""
        card = self._new_card(text)
        panels = self._grid.panels
        if index is not None and index < len(panels):
            self._grid.mount(card, before=panels[max(index, 0)])
        else:
            self._grid.mount(card)
        self._follow(card)
        if focus:
            card.focus()
        self._update_count()
        return card

    def add_matches(self, texts: Iterable[str]) -> list[str]:
        """Show and follow many matches (start-up), after the panels already shown;
        returns why any could not be added.

        One mount for all of them: Textual's mount walks the grid's children,
        so mounting 10,000 panels one by one was quadratic (docs/decisions.md,
        "Many matches").
        """
        errors: list[str] = []
        cards: list[MatchPanel] = []
        batch: set[MatchRef] = set()
        for text in texts:
            try:
                card = self._new_card(text)
            except ValueError as exc:
                errors.append(str(exc))
                continue
            if card.ref in batch:
                errors.append(f"{card.label} is already on screen")
                continue
            batch.add(card.ref)
            cards.append(card)
        if cards:
            self._grid.mount(*cards)
        for card in cards:
            self._follow(card)
        self._update_count()
        return errors

    def _new_card(self, text: str) -> MatchPanel:
        """A panel for `text`; `ValueError` for a bad or duplicate id."""
        error = self.validate_match(text)
        if error is not None:
            raise ValueError(error)
        ref = self.parse_match(text)
        return MatchPanel(ref, label=self._label(ref), density=self.density)

    def _follow(self, card: MatchPanel) -> None:
        self.session.follow(card)
        self._fan_added(card)
        log.info("following %s", card.ref)

    def remove_match(self, ref: MatchRef) -> None:
        card = self.session.unfollow(ref)
        if card is None:
            return
        index = self._card_index(card)
        cards = list(self.cards.values())
        if card.has_focus and cards:
            self._focus(cards[max(min(index, len(cards) - 1), 0)])
        card.remove()
        self._fan_removed(card, index)
        self._update_count()
        log.info("stopped following %s", ref)

    def _card_index(self, card: MatchPanel) -> int:
        return self._grid.panels.index(card)

    def _update_count(self) -> None:
        self._set_columns()
        self._status.matches = len(self.cards)
        self._status.refresh()
        self._set_columns()
        self._empty.display = not self.cards

    @property
    def focused_card(self) -> MatchPanel | None:
        try:
            focused = self.focused
        except ScreenStackError:  # shutting down: focus events outlive the screens
            return None
        return focused if isinstance(focused, MatchPanel) else None

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        hidden = ("remove_match", "open_detail", "move", "time", "follow")
        if action in hidden and self._refused.display:
            return False  # the refusal hides the panels: keys must not act on them
        if action == "follow":
            return self.focused_card is not None and not isinstance(self.screen, _Modal)
        if action in ("remove_match", "open_detail", "time"):
            ok = self.time.available(str(parameters[0])) if parameters else self.focused_card
            return bool(ok) and not isinstance(self.screen, _Modal)
        return True

    def action_add_match(self) -> None:
        def added(text: str | None) -> None:
            if text:
                try:
                    self.add_match(text)
                except ValueError as exc:
                    self.notify(str(exc), severity="error", markup=False)

        example = SPECS[self.settings.provider].example_id
        dialog = AddMatchScreen(self.validate_match, self._live_catalog, example, self._cannot_open)
        self.push_screen(dialog, added)

    async def _live_catalog(self) -> list[MatchSummary]:
        """The live catalog without the matches already on screen."""
        entries = await self.provider(self.settings.provider).catalog()
        return [entry for entry in entries if entry.ref not in self.cards]

    def _cannot_open(self, entry: MatchSummary) -> str | None:
        """Why the key cannot open `entry`, as far as this session has learnt."""
        if entry.sport in self.session.uncovered.get(entry.ref.provider, ()):
            return f"your key does not cover {entry.sport}"
        return None

    def action_remove_match(self) -> None:
        card = self.focused_card
        if card is not None:
            self.remove_match(card.ref)

    def action_open_detail(self) -> None:
        card = self.focused_card
        if card is not None:
            self.push_screen(MatchDetailScreen(card))

    def action_time(self, what: str) -> None:  # replay, delay, hidden, missed
        self.time.do(what)

    def action_diagnostics(self) -> None:
        self.push_screen(DiagnosticsScreen(self.diagnostics))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from app_commands(self, screen)
        yield from super().get_system_commands(screen)


_Modal = (AddMatchScreen, DiagnosticsScreen, HelpScreen)


def make_app(settings: Settings, **kwargs: object) -> ScoreboardApp:
    """The app factory the CLI, the tests and the snapshot tests share."""
    return ScoreboardApp(settings, **kwargs)  # type: ignore[arg-type]
