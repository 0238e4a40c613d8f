"""`l`: Live now, every match of every configured provider's catalog.

Grouped by sport and competition, followed teams first; live matches show
score and clock, upcoming ones kick-off time and a countdown, finished ones
the final score. Type to filter; Enter adds the highlighted match, or
focuses it if it is already shown. A catalog that cannot be read says why
here, and the last good list stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from scoreboard.core.events import MatchRef, MatchSummary
from scoreboard.providers.registry import SPECS
from scoreboard.ui.fan.catalogs import Catalogs
from scoreboard.ui.render.common import DIM, lit
from scoreboard.ui.render.live_now import grouped, matches_filter, row_text
from scoreboard.ui.widgets.match_panel import MatchPanel

WANT = "live-now"
#: Most match rows listed at once (a catalog holds up to 5,000): refreshed every second,
#: every row rebuilt; the filter finds the rest.
MAX_ROWS = 300


class LiveNowScreen(Screen[MatchRef | None]):
    """Dismisses with the match to add or focus, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back"),
        Binding("down", "focus_list", "Matches", show=False),
    ]

    DEFAULT_CSS = """
    LiveNowScreen { background: $background; }
    LiveNowScreen > Vertical { padding: 0 1; }
    LiveNowScreen #live-title { text-style: bold; color: $accent; height: 1; }
    LiveNowScreen #live-input { margin: 0 0 0 0; }
    LiveNowScreen #live-problems { color: $warning; height: auto; }
    LiveNowScreen #live-hint { color: $text-muted; height: 1; }
    LiveNowScreen OptionList {
        height: 1fr; border: round $panel-lighten-2; scrollbar-gutter: stable;
    }
    LiveNowScreen OptionList:focus { border: round $accent; }
    """

    def __init__(
        self,
        catalogs: Catalogs,
        cards: Mapping[MatchRef, MatchPanel],
        *,
        followed: Callable[[MatchRef], bool],
        hidden: Callable[[MatchRef], bool],
        wall_clock: Callable[[], float],
        timezone: tzinfo | None,
    ) -> None:
        """`cards`: the panels on screen; `followed`, `hidden`: whether a match is followed,
        or its score hidden; `wall_clock`, `timezone`: for countdowns and kick-off times."""
        super().__init__()
        self._catalogs = catalogs
        self._cards = cards
        self._followed = followed
        self._hidden = hidden
        self._wall_clock = wall_clock
        self._timezone = timezone
        self._shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Live now", id="live-title")
            yield Input(placeholder="type to filter: team, competition, sport, id", id="live-input")
            yield Static("", id="live-problems")
            yield Static("Reading the catalogs…", id="live-hint")
            yield OptionList(id="live-list")
        yield Footer()

    def on_mount(self) -> None:
        catalogs = self._catalogs
        self.query_one("#live-input", Input).focus()
        self._unlisten = catalogs.listen(lambda name: self.refresh_list())
        catalogs.want(WANT)
        for name in catalogs.providers():
            catalogs.refresh(name, stale_after=catalogs.interval)
        self.set_interval(1.0, self.refresh_list)  # countdowns and clocks
        self.refresh_list()

    def on_resize(self) -> None:
        """Rows are cut to the list's width: cut them again, headings too, once it
        has one (the first rows are built before the layout) and when it changes."""
        self._shown_ids = []
        self.call_after_refresh(self.refresh_list)

    def on_unmount(self) -> None:
        self._unlisten()
        self._catalogs.want(WANT, False)

    def entries(self) -> list[MatchSummary]:
        needle = self.query_one("#live-input", Input).value
        return [e for e in self._catalogs.entries() if matches_filter(e, needle)]

    def refresh_list(self) -> None:
        now = self._wall_clock()
        options: list[Option] = []
        ids: list[str] = []
        entries = self.entries()
        room = MAX_ROWS
        for heading, rows in grouped(entries, lambda e: self._followed(e.ref)):
            if room <= 0:
                break
            options.append(Option(Text(heading, style="bold"), disabled=True))
            ids.append("")
            for entry in rows[:room]:
                panel = self._cards.get(entry.ref)
                prompt = row_text(
                    entry,
                    live=panel.snapshot if panel is not None else None,
                    now=now,
                    tz=self._timezone,
                    shown=panel is not None,
                    followed=self._followed(entry.ref),
                    hidden=self._hidden(entry.ref) if panel is not None else False,
                )
                options.append(Option(prompt, id=str(entry.ref)))
                ids.append(str(entry.ref))
            room -= len(rows)
        option_list = self.query_one("#live-list", OptionList)
        # The list's own width, however narrow (a floor of 40 wrapped rows at 40x12).
        width = max(option_list.scrollable_content_region.width - 1, 10)
        for option in options:  # one line each: a row that wrapped would read as two
            if isinstance(option.prompt, Text):
                option.prompt.truncate(width, overflow="ellipsis")
        highlighted = option_list.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        if ids != self._shown_ids:
            self._shown_ids = ids
            option_list.clear_options()
            option_list.add_options(options)
        else:
            for index, option in enumerate(options):
                if option.id:
                    option_list.replace_option_prompt_at_index(index, option.prompt)
        self._highlight(option_list, keep)
        self._show_state(len(entries))

    def _highlight(self, option_list: OptionList, keep: str | None) -> None:
        if keep and keep in self._shown_ids:
            option_list.highlighted = self._shown_ids.index(keep)
        elif option_list.highlighted is None or not self._shown_ids[option_list.highlighted or 0]:
            first = next((i for i, ident in enumerate(self._shown_ids) if ident), None)
            option_list.highlighted = first

    def _show_state(self, count: int) -> None:
        catalogs = self._catalogs
        problems = Text()
        read = 0
        for name in catalogs.providers():
            catalog = catalogs.catalogs.get(name)
            if catalog is None:
                continue
            read += catalog.fetched_at is not None
            if catalog.error:
                retry = catalogs.retry_in(name)
                again = f" (trying again in {retry:.0f} s)" if retry is not None else ""
                kept = "; the list below is from the last good read" if catalog.entries else ""
                problems.append(f"⚠ {SPECS[name].title} catalog unavailable: ", style="bold")
                problems.append_text(lit(catalog.error, limit=200))
                problems.append(f"{again}{kept}\n")
        problems.rstrip()
        self.query_one("#live-problems", Static).update(problems)
        if not read and not problems:
            hint = "Reading the catalogs…"
        else:
            hint = f"{count} match{'es' if count != 1 else ''} · Enter adds or focuses · Esc back"
            if count > MAX_ROWS:
                hint = f"the first {MAX_ROWS} shown: type to filter · " + hint
        self.query_one("#live-hint", Static).update(Text(hint, style=DIM))

    @on(Input.Changed, "#live-input")
    def _filter(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#live-input")
    def _submit(self) -> None:
        option = self.query_one("#live-list", OptionList).highlighted_option
        if option is not None and option.id:
            self._choose(option.id)

    @on(OptionList.OptionSelected, "#live-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._choose(event.option.id)

    def _choose(self, ident: str) -> None:
        provider, _, match_id = ident.partition(":")
        entry = next((e for e in self._catalogs.entries() if str(e.ref) == ident), None)
        self.dismiss(entry.ref if entry is not None else MatchRef(provider, match_id))

    def action_focus_list(self) -> None:
        self.query_one("#live-list", OptionList).focus()
