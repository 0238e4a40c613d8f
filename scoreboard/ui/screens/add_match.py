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
from scoreboard.ui.render.glyphs import glyphs, sep
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.styles import DIM

#: The sport column: as wide as the longest sport ("basketball").
SPORT_CELLS = 10
#: Narrower than this, a row leaves out the sport column.
NARROW = 40
#: Returns an error message for text that cannot be added, else None.
Validator = Callable[[str], str | None]
CatalogLoader = Callable[[], Awaitable[list[MatchSummary]]]
#: Why the key cannot open a listed match (shown on its row), or None.
Marker = Callable[[MatchSummary], str | None]


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
    AddMatchScreen #add-error { color: $error; height: auto; display: none; }
    AddMatchScreen #add-error.-shown { display: block; }
    AddMatchScreen #add-hint { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    AddMatchScreen Label { text-wrap: nowrap; text-overflow: ellipsis; }
    AddMatchScreen OptionList {
        height: auto; max-height: 14; scrollbar-gutter: stable; border: none;
    }
    AddMatchScreen OptionList:focus { border: none; background-tint: $foreground 5%; }
    """
    #: Rows around the list: border 2, the label, the input 3, the hint (the list has
    #: no border of its own: at 30x10 its two rows were the list's whole share).
    AROUND_LIST = 7

    def __init__(
        self,
        validate: Validator,
        load_catalog: CatalogLoader,
        example: str = "41282",
        cannot_open: Marker | None = None,
    ) -> None:
        super().__init__()
        self._example = example
        self._cannot_open = cannot_open or (lambda entry: None)
        self._validate = validate
        self._load_catalog = load_catalog
        self._catalog: list[MatchSummary] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add a match"
            yield Label("Match id, or type to filter the list:")
            yield Input(placeholder=f"e.g. {self._example}", id="add-input")
            yield Static("", id="add-error")
            yield Static(f"Loading live matches{glyphs().ellipsis}", id="add-hint")
            yield OptionList(id="add-list")

    def on_mount(self) -> None:
        self._fit_list()
        self.query_one("#add-input", Input).focus()
        self.catalog_worker = self.load_catalog()
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def on_resize(self) -> None:
        self._fit_list()

    def _fit_list(self) -> None:
        """The list gets the rows the dialog has left (at 40x12, 3): never clipped away
        below the input while the dialog itself fits."""
        left = self.size.height * 9 // 10 - self.AROUND_LIST
        self.query_one("#add-list", OptionList).styles.max_height = max(min(left, 14), 2)

    def _say(self, error: str) -> None:
        shown = self.query_one("#add-error", Static)
        shown.update(lit(error))
        shown.set_class(bool(error), "-shown")

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
        option_list = self.query_one("#add-list", OptionList)
        # One line each, cut with `…`: a row that wrapped would read as two matches.
        width = max(option_list.scrollable_content_region.width - 1, 10)  # 30x10 too
        options = [
            Option(_prompt(entry, self._cannot_open(entry), width), id=str(entry.ref))
            for entry in self._catalog
            if not needle or needle in _haystack(entry)
        ]
        option_list.clear_options()
        option_list.add_options(options)
        if options:
            option_list.highlighted = 0
        hint = f"{len(options)} live match{'es' if len(options) != 1 else ''}"
        self.query_one("#add-hint", Static).update(
            styled(
                sep().join((hint, f"{glyphs().down} to pick", "Enter to add", "Esc to cancel")), DIM
            )
        )

    @on(Input.Changed, "#add-input")
    def _filter(self, event: Input.Changed) -> None:
        self._say("")
        if self._catalog:
            self._refresh_list(event.value)

    @on(Input.Submitted, "#add-input")
    def _submit(self, event: Input.Submitted) -> None:
        """Enter picks the highlighted row whenever the filter matches something (typing
        `4130` lists 41300-41304: Enter adds 41300, not a match "4130"); with no row
        it adds the id as typed."""
        text = event.value.strip()
        option_list = self.query_one("#add-list", OptionList)
        if option_list.option_count and option_list.highlighted is not None:
            ids = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
            exact = next((i for i in ids if i and i.split(":")[-1] == text), None)
            picked = exact or option_list.get_option_at_index(option_list.highlighted).id
            if picked:
                self._choose(picked)
                return
        error = self._validate(text) if text else "type a match id, or pick one from the list"
        if error is not None:
            self._say(error)
            return
        self.dismiss(text)

    @on(OptionList.OptionSelected, "#add-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._choose(event.option.id)

    def _choose(self, text: str) -> None:
        error = self._validate(text)
        if error is not None:
            self._say(error)
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


def _prompt(entry: MatchSummary, cannot: str | None, width: int) -> Text:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    # Fixed columns, so the teams start in one column whatever the sport; a narrow
    # list (30x10) keeps its cells for the teams and leaves the sport out.
    prompt.append(f"{entry.ref.id!s:>6} ", style="bold")
    if width >= NARROW:
        prompt.append_text(fit(lit(entry.sport, DIM, limit=SPORT_CELLS), SPORT_CELLS))
        prompt.append("  ")
    prompt.append_text(lit(entry.home, limit=30))
    prompt.append(" v ", style=DIM)
    prompt.append_text(lit(entry.away, limit=30))
    if entry.competition:
        prompt.append(sep(), style=DIM)
        prompt.append_text(lit(entry.competition, DIM, limit=30))
    if cannot:  # said first, so it is never the part cut off
        prompt = Text.assemble(styled(f"✗ {cannot}: ", DIM), prompt)
        prompt.no_wrap, prompt.overflow = True, "ellipsis"
    prompt.truncate(width, overflow="ellipsis")
    return prompt
