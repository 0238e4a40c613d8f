"""The Textual app: a thin `App` composing the parts it owns.

Each part takes a small Protocol of what it needs from the board
(`ui/board.py`), never this class, and no part imports this module (an
import contract says so):

- `feed`: the feed router (`feed/router.py`): providers, routing, delivery to
  the panels, the delay line and the history the charts are fed from;
- `time`: replay, delay and hidden keys (`feed/time_controls.py`);
- `grid`: the grid of panels, its density and columns (`grid/layout.py`);
- `connection`: the status line's connection, the polling banner and the
  refused-key notice (`grid/connection.py`), watching the router's output;
- `fan`: catalogs, following, alerts, the title, recent activity, the
  remembered session and the fan's keys (`fan/features.py`), watching the
  router's settled output;
- `looks` and `palettes`: the ASCII decision and line filters
  (`look/filters.py`), the theme's palette (`look/theme.py`).

Keys dispatch to a part's method (`action_time(what)`, `action_fan(what)`,
`action_move`, `action_cycle_density`); what stays here is adding and
removing matches, which touches several parts, and the dialogs.
docs/architecture.md is the map.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from typing import Any

from textual.app import ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.command import SearchIcon
from textual.containers import Center
from textual.events import Resize
from textual.filter import LineFilter
from textual.screen import Screen
from textual.worker import Worker

from scoreboard.core.diagnostics import Diagnostics
from scoreboard.core.events import MatchRef, MatchSummary
from scoreboard.providers.base import Provider
from scoreboard.providers.registry import SPECS, parse_match_text
from scoreboard.settings import Settings
from scoreboard.ui.board import panel_focused_on
from scoreboard.ui.commands import app_commands
from scoreboard.ui.fan.alerts.escapes import Terminal
from scoreboard.ui.fan.features import FanFeatures
from scoreboard.ui.fan.keys import FAN_BINDINGS
from scoreboard.ui.feed.router import FeedRouter, ProviderFactory
from scoreboard.ui.feed.time_controls import TIME_BINDINGS, TimeControls
from scoreboard.ui.grid.connection import ConnectionNotice
from scoreboard.ui.grid.inline import InlineMore
from scoreboard.ui.grid.layout import GridLayout
from scoreboard.ui.look.filters import Looks
from scoreboard.ui.look.palette import Palette
from scoreboard.ui.look.theme import Palettes
from scoreboard.ui.paint.crash import LogsCrashes
from scoreboard.ui.paint.driver import DriverWriter
from scoreboard.ui.screens.add_match import AddMatchScreen
from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen
from scoreboard.ui.screens.help import HelpScreen
from scoreboard.ui.screens.main import MainScreen
from scoreboard.ui.watchdog import LoopWatchdog
from scoreboard.ui.widgets.keys_footer import KeysFooter
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

log = logging.getLogger("scoreboard.ui.app")


class ScoreboardApp(LogsCrashes):
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

    #: Local time for kick-off times; scenes pin it (None: the machine's zone).
    timezone: tzinfo | None = None

    def __init__(
        self,
        settings: Settings,
        *,
        provider_factory: ProviderFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        **time_options: Any,
    ) -> None:
        # Before Textual's init, which asks for the theme variables and the filters.
        self.looks = Looks(settings.ascii)
        self.palettes = Palettes(settings.palette)
        super().__init__()
        #: The time of day, for countdowns and "2 min ago" (scenes freeze it).
        self.wall_clock = wall_clock
        self.status = StatusBar(clock=clock)
        #: `--inline`: the matches past the ticker's last line (`grid/inline.py`).
        self.inline_more = InlineMore()
        self.time = TimeControls(
            self, self.status, replay_speed=settings.replay_speed, **time_options
        )  # replay=, recorder=
        self.settings = settings = self.time.run_settings(settings)
        self._mounted = False
        if settings.theme:
            self.theme = settings.theme
        self._build_parts(provider_factory)
        self.set_class(self.ascii, "-ascii")

    def _build_parts(self, provider_factory: ProviderFactory | None) -> None:
        settings = self.settings
        self.feed = FeedRouter(
            self,
            settings,
            self.status,
            factory=provider_factory or self.time.provider_factory(self._forget_history),
            recorder=self.time.recorder,
            ascii=self.ascii,
        )
        self._watchdog = LoopWatchdog(self.feed.diagnostics.loop_lag)
        self.grid = GridLayout(self, configured=settings.density, state_dir=settings.state_dir)
        self.feed.delivery.target = self.grid.widget
        self.connection = ConnectionNotice(
            settings, self.feed.diagnostics, self.status, self.grid.widget
        )
        self.feed.observe(self.connection.observe)
        self.fan = FanFeatures(
            self, settings, Terminal(DriverWriter(self)), self.status, app_title=self.TITLE
        )
        for observer in self.fan.settled_observers():
            self.feed.observe(observer, settled=True)
        # Alerts name a wicket from the fall the history saw; a replay seeking back
        # makes the fan forget the moments that now lie ahead.
        self.fan.alerts.falls = self.feed.history.falls
        self.feed.forgotten.append(self.fan.forget_moments)
        # Synced delays are remembered per match, never by a replay.
        self.feed.sync.remembering = self.time.player is None
        self.feed.sync.changed = self.fan.remembered.changed
        self.fan.remembered.delays = self.feed.sync.remembered

    def _forget_history(self, provider: str) -> None:
        self.feed.forget_history(provider)

    @property
    def cards(self) -> dict[MatchRef, MatchPanel]:
        """The shown panels by match, in the order they were added."""
        return self.feed.panels

    @property
    def providers(self) -> dict[str, Provider]:
        return self.feed.providers

    @property
    def diagnostics(self) -> Diagnostics:
        return self.feed.diagnostics

    @property
    def ascii(self) -> bool:
        """ASCII mode (`look/filters.py`)."""
        return self.looks.ascii

    @property
    def palette(self) -> Palette | None:
        """The render palette of the current theme (`look/theme.py`)."""
        return self.palettes.current

    @property
    def key_refused(self) -> bool:
        """The refusal screen is up: a provider refused the key and has not been live since.

        (`cli.py` asks once the app has ended, so this is not read off the widgets.)
        """
        return self.connection.key_refused

    # -- layout and life ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The parts keep their widgets: events arrive while a modal screen is on
        # top, and `query_one` would search that screen instead.
        yield self.connection.banner
        with self.grid.widget:
            yield self.grid.empty
            yield from self.grid.looks.templates()
        with self.connection.refused, Center():
            yield self.connection.refused_text
        yield self.inline_more
        yield self.status
        yield KeysFooter()

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(id="_default")

    def on_mount(self) -> None:
        self._mounted = True
        self._watchdog.start()
        self.status.demo = self.settings.demo
        self.status.recording = self.settings.record is not None
        self.time.mounted()
        self.provider(self.settings.provider)  # connect now: a bad key shows at once
        matches, focus = self.fan.start()
        self.grid.start()
        loaded = self.fan.remembered.loaded
        self.feed.sync.restored = dict(loaded.delays) if loaded is not None else {}
        errors = self.add_matches(matches)
        if errors:
            self.notify("\n".join(errors), title="Not added", severity="error", markup=False)
        for warning in self.settings.warnings:
            self.notice(warning)
        cards = list(self.cards.values())
        focused = next((c for c in cards if str(c.ref) == focus), cards[0] if cards else None)
        if focused is not None:
            self.focus_card(focused)
        self._count_changed()

    def on_resize(self, event: Resize) -> None:
        self.grid.resized(*event.size)

    def on_command_palette_opened(self) -> None:
        """ASCII mode: the palette's search icon (Textual's public `SearchIcon.icon`,
        an emoji by default) becomes `>`."""
        if self.ascii:
            for icon in self.screen.query(SearchIcon):
                icon.icon = ">"

    def on_descendant_focus(self) -> None:
        self.fan.focus_changed()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.feed.worker_changed(event)

    async def on_unmount(self) -> None:
        self._watchdog.stop()
        self.fan.stop()
        await self.feed.close()
        self.time.closing()

    # -- Textual's hooks for the looks ----------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our own theme variables (`$home`, `$away`, ...), derived from the theme."""
        return self.palettes.variable_defaults(self.current_theme)

    def get_css_variables(self) -> dict[str, str]:
        """Textual asks for these on every theme change: the moment to swap palettes."""
        variables = super().get_css_variables()
        if self.palettes.use(self.current_theme.name, variables, self.console, self.no_color):
            self.call_next(self._palette_changed)
        return variables

    def _palette_changed(self) -> None:
        """Redraw what holds text styled under the old palette."""
        if not self._mounted:
            return
        self.grid.restyle()
        self.status.refresh()
        self.connection.redraw()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return self.looks.line_filters(super().get_line_filters(), self.no_color)

    def get_key_display(self, binding: Binding) -> str:
        return self.looks.key_display(binding, super().get_key_display(binding))

    # -- what the parts ask of the board ----------------------------------------------

    def provider(self, name: str) -> Provider:
        """The running provider called `name`, started on first use."""
        return self.feed.provider(name)

    def notice(self, message: str) -> None:
        """Say `message` in the status line, as a toast and in diagnostics."""
        self.diagnostics.notices.append((time.time(), message))
        self.status.set_notice(message)
        self.notify(message, severity="warning", markup=False)

    @property
    def focused_card(self) -> MatchPanel | None:
        try:
            focused = self.focused
        except ScreenStackError:  # shutting down: focus events outlive the screens
            return None
        return focused if isinstance(focused, MatchPanel) else None

    def focus_card(self, card: MatchPanel) -> None:
        self.grid.focus(card)

    def shown_refs(self) -> list[MatchRef]:
        """The shown matches in their order on screen."""
        return self.grid.shown_refs()

    def reorder(self, refs: list[MatchRef]) -> None:
        """Put the panels of `refs` in that order (the rest after them)."""
        self.grid.reorder(refs)
        self.fan.remembered.changed()

    # -- matches ------------------------------------------------------------------

    def parse_match(self, text: str) -> MatchRef:
        """`41282` (default provider) or `provider:id`; `ValueError` says what is wrong."""
        return MatchRef(*parse_match_text(text, self.settings.provider))

    def validate_match(self, text: str, *, shown_ok: bool = False) -> str | None:
        """Why `text` cannot be added, or None if it can (`shown_ok`: or focused)."""
        try:
            ref = self.parse_match(text)
        except ValueError as exc:
            return str(exc)
        if ref in self.cards and not shown_ok:
            return f"{self._label(ref)} is already on screen"
        return None

    def _label(self, ref: MatchRef) -> str:
        return str(ref.id) if ref.provider == self.settings.provider else str(ref)

    def add_match(self, text: str, *, focus: bool = True, index: int | None = None) -> MatchPanel:
        """Show and follow a match (at `index` in the grid, else last); `ValueError`
        for a bad or duplicate id."""
        card = self._new_card(text)
        self.grid.mount([card], index)
        self._follow(card)
        if focus or self.focused_card is None:  # a first panel takes the focus, whoever added it
            card.focus()
        self._count_changed()
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
        self.grid.mount(cards)
        for card in cards:
            self._follow(card)
        self._count_changed()
        return errors

    def _new_card(self, text: str) -> MatchPanel:
        """A panel for `text`; `ValueError` for a bad or duplicate id."""
        error = self.validate_match(text)
        if error is not None:
            raise ValueError(error)
        ref = self.parse_match(text)
        return MatchPanel(ref, label=self._label(ref), density=self.grid.density)

    def _follow(self, card: MatchPanel) -> None:
        self.feed.follow(card)
        self.fan.added(card)
        log.info("following %s", card.ref)

    def remove_match(self, ref: MatchRef) -> None:
        card = self.feed.unfollow(ref)
        if card is None:
            return
        index = self.grid.panels.index(card)
        cards = list(self.cards.values())
        if card.has_focus and cards:
            self.focus_card(cards[max(min(index, len(cards) - 1), 0)])
        card.remove()
        self.fan.removed(card, index)
        self._count_changed()
        log.info("stopped following %s", ref)

    def _count_changed(self) -> None:
        self.status.matches = len(self.cards)
        self.status.refresh()
        if self.is_inline:
            self.inline_more.count(len(self.cards))
        self.grid.count_changed()

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            screen = self.screen
        except ScreenStackError:  # shutting down: focus events outlive the screens
            return False
        return self.key_allowed(action, parameters, screen)

    def key_allowed(
        self, action: str, parameters: tuple[object, ...], screen: Screen[object]
    ) -> bool:
        """Whether the key for `action(*parameters)` acts with `screen` on top; the palette
        asks about the screen it was opened on, so its entries come and go with the keys."""
        # `f` is `fan('follow')`: it acts on the focused panel, as the keys below do.
        name = str(parameters[0]) if action == "fan" and parameters else action
        hidden = ("remove_match", "open_detail", "move", "time", "follow")
        if name in hidden and self.connection.hides_grid:
            return False  # the refusal hides the panels: keys must not act on them
        panel = panel_focused_on(self, screen)
        if name == "follow":  # a panel, or the detail view's match (its players)
            on_match = panel is not None or isinstance(screen, MatchDetailScreen)
            return on_match and not isinstance(screen, _Modal)
        if action in ("remove_match", "open_detail", "time"):
            what = str(parameters[0]) if parameters else ""
            ok = self.time.available(what, panel=panel is not None) if parameters else panel
            return bool(ok) and not isinstance(screen, _Modal)
        return True

    def action_add_match(self) -> None:
        def added(text: str | None) -> None:
            if not text:
                return
            shown = self.cards.get(self.parse_match(text))  # the dialog checked it parses
            if shown is not None:  # already on screen: go there, as Live now does
                self.focus_card(shown)
                return
            try:
                self.add_match(text)
            except ValueError as exc:
                self.notify(str(exc), severity="error", markup=False)

        def addable(text: str) -> str | None:
            return self.validate_match(text, shown_ok=True)

        example = SPECS[self.settings.provider].example_id
        dialog = AddMatchScreen(addable, self._live_catalog, example, self._cannot_open)
        self.push_screen(dialog, added)

    async def _live_catalog(self) -> list[MatchSummary]:
        """The live catalog without the matches already on screen."""
        entries = await self.provider(self.settings.provider).catalog()
        return [entry for entry in entries if entry.ref not in self.cards]

    def _cannot_open(self, entry: MatchSummary) -> str | None:
        """Why the key cannot open `entry`, as far as this run has learnt."""
        if entry.sport in self.feed.uncovered.get(entry.ref.provider, ()):
            return f"your key does not cover {entry.sport}"
        return None

    def action_remove_match(self) -> None:
        card = self.focused_card
        if card is not None:
            self.remove_match(card.ref)

    def action_open_detail(self) -> None:
        card = self.focused_card
        if card is not None:
            self.open_detail(card)

    def open_detail(self, card: MatchPanel) -> None:
        self.push_screen(MatchDetailScreen(card, self.feed, self.timezone))

    def action_time(self, what: str) -> None:  # replay, delay, hidden, missed
        self.time.do(what, self.feed.spoilers, self.feed.sync)

    def action_fan(self, what: str) -> None:  # live now, follow, undo, mute, clear
        self.fan.keys.do(what)

    def action_move(self, dx: int, dy: int) -> None:
        self.fan.redzone.leave()  # any navigation leaves RedZone
        self.grid.move(dx, dy)

    def action_cycle_density(self) -> None:
        self.grid.cycle_density()

    def action_diagnostics(self) -> None:
        self.push_screen(DiagnosticsScreen(self.diagnostics))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from app_commands(self, screen, self.fan.keys.commands(screen))
        yield from super().get_system_commands(screen)


_Modal = (AddMatchScreen, DiagnosticsScreen, HelpScreen)


def make_app(settings: Settings, **kwargs: object) -> ScoreboardApp:
    """The app factory the CLI, the tests and the snapshot tests share."""
    return ScoreboardApp(settings, **kwargs)  # type: ignore[arg-type]
