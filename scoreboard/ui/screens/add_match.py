"""`a`: add a match by typing its id, or by picking a live match from the
provider's catalog, filtered as you type."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from scoreboard.core.events import MatchSummary
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.styles import DIM

#: Returns an error message for text that cannot be added, else None.
Validator = Callable[[str], str | None]
CatalogLoader = Callable[[], Awaitable[list[MatchSummary]]]


class AddMatchScreen(ModalScreen[str | None]):
    """Dismisses with the match as typed (`41282`, `scorelytics:abc123`) or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "focus_list", "Live matches", show=False),
    ]

    DEFAULT_CSS = """
    AddMatchScreen { align: center middle; }
    AddMatchScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    AddMatchScreen #add-error { color: $error; height: auto; }
    AddMatchScreen #add-hint { color: $text-muted; }
    AddMatchScreen OptionList { height: auto; max-height: 14; }
    """

    def __init__(
        self, validate: Validator, load_catalog: CatalogLoader, example: str = "41282"
    ) -> None:
        super().__init__()
        self._example = example
        self._validate = validate
        self._load_catalog = load_catalog
        self._catalog: list[MatchSummary] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add a match"
            yield Label("Match id, or type to filter the live matches below:")
            yield Input(placeholder=f"e.g. {self._example}", id="add-input")
            yield Static("", id="add-error")
            yield Static("Loading live matches…", id="add-hint")
            yield OptionList(id="add-list")

    def on_mount(self) -> None:
        self.query_one("#add-input", Input).focus()
        self.catalog_worker = self.load_catalog()
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, _: object) -> None:
        if self._catalog:
            self._refresh_list(self.query_one("#add-input", Input).value)

    @work(exclusive=True, exit_on_error=False)
    async def load_catalog(self) -> None:
        hint = self.query_one("#add-hint", Static)
        try:
            self._catalog = await self._load_catalog()
        except Exception as exc:  # the dialog still takes a typed id
            hint.update(styled(f"Live matches unavailable: {exc}", DIM))
            return
        self._refresh_list(self.query_one("#add-input", Input).value)

    def _refresh_list(self, text: str) -> None:
        needle = text.strip().casefold()
        options = [
            Option(_prompt(entry), id=str(entry.ref))
            for entry in self._catalog
            if not needle or needle in _haystack(entry)
        ]
        option_list = self.query_one("#add-list", OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if options:
            option_list.highlighted = 0
        hint = f"{len(options)} live match{'es' if len(options) != 1 else ''}"
        self.query_one("#add-hint", Static).update(
            styled(f"{hint} · ↓ to pick · Enter to add · Esc to cancel", DIM)
        )

    @on(Input.Changed, "#add-input")
    def _filter(self, event: Input.Changed) -> None:
        self.query_one("#add-error", Static).update("")
        if self._catalog:
            self._refresh_list(event.value)

    @on(Input.Submitted, "#add-input")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        option_list = self.query_one("#add-list", OptionList)
        error = self._validate(text) if text else "type a match id, or pick one from the list"
        if error is not None and option_list.highlighted is not None and self._catalog:
            picked = option_list.get_option_at_index(option_list.highlighted).id
            if picked and (not text or not text.isdigit()):
                self._choose(picked)
                return
        if error is not None:
            self.query_one("#add-error", Static).update(lit(error))
            return
        self.dismiss(text)

    @on(OptionList.OptionSelected, "#add-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._choose(event.option.id)

    def _choose(self, text: str) -> None:
        error = self._validate(text)
        if error is not None:
            self.query_one("#add-error", Static).update(lit(error))
            return
        self.dismiss(text)

    def action_focus_list(self) -> None:
        option_list = self.query_one("#add-list", OptionList)
        if option_list.option_count:
            option_list.focus()


def _haystack(entry: MatchSummary) -> str:
    return " ".join(
        (str(entry.ref.id), entry.sport, entry.home, entry.away, entry.competition)
    ).casefold()


def _prompt(entry: MatchSummary) -> Text:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append(f"{entry.ref.id!s:>8} ", style="bold")
    prompt.append_text(lit(entry.sport, DIM, limit=10))
    prompt.append("  ")
    prompt.append_text(lit(entry.home, limit=30))
    prompt.append(" v ", style=DIM)
    prompt.append_text(lit(entry.away, limit=30))
    if entry.competition:
        prompt.append(" · ", style=DIM)
        prompt.append_text(lit(entry.competition, DIM, limit=30))
    return prompt
