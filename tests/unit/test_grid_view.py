"""`GridView` (ui/grid/view.py): the grid as one virtual view over plain cards.

Cards here are plain objects (no simulator needed: the view knows nothing of
matches); what is checked is what the user sees and what a paint costs: only
cards on screen are drawn, an unchanged card is never drawn again, a height
change moves the rows below, a click and the arrows focus a card."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.strip import Strip

from scoreboard.ui.grid.view import GridView


class Card:
    """A card of `lines` lines that counts how often it is drawn."""

    def __init__(self, name: str, lines: int = 3) -> None:
        self.name = name
        self.lines = lines
        self.version = 0
        self.drawn = 0

    def height(self, width: int) -> int:
        return self.lines

    def strips(self, width: int) -> list[Strip]:
        self.drawn += 1
        return [_text(f"{self.name}:{line}:{self.version}", width) for line in range(self.lines)]


def _text(text: str, width: int) -> Strip:
    from rich.segment import Segment

    return Strip([Segment(text[:width].ljust(width))], width)


class ViewApp(App[None]):
    def __init__(self, cards: list[Card], columns: int) -> None:
        super().__init__()
        self.cards = cards
        self.columns = columns
        self.clicked: list[int] = []

    def compose(self) -> ComposeResult:
        yield GridView(id="view")

    def on_mount(self) -> None:
        self.query_one(GridView).set_cards(self.cards, self.columns)

    def on_grid_view_clicked(self, message: GridView.Clicked) -> None:
        self.clicked.append(message.index)


def screen_lines(app: App[None]) -> list[str]:
    view = app.query_one(GridView)
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_only_the_cards_on_screen_are_drawn_and_only_once() -> None:
    cards = [Card(f"c{index}") for index in range(10_000)]
    app = ViewApp(cards, columns=3)
    async with app.run_test(size=(90, 12)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].startswith("c0:0:0") and "c1:0:0" in lines[0] and "c2:0:0" in lines[0]
        assert lines[3].startswith("c3:0:0")
        drawn = [card for card in cards if card.drawn]
        assert {card.name for card in drawn} == {f"c{index}" for index in range(12)}
        assert all(card.drawn == 1 for card in drawn)  # painted again: from the cache
        view = app.query_one(GridView)
        assert view.virtual_size.height == 3 * 3334


async def test_a_changed_card_alone_is_drawn_again_and_a_taller_one_moves_the_rows_below() -> None:
    cards = [Card(f"c{index}") for index in range(9)]
    app = ViewApp(cards, columns=3)
    async with app.run_test(size=(90, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(GridView)
        cards[4].version += 1
        view.changed(4)
        await pilot.pause()
        assert [card.drawn for card in cards] == [1, 1, 1, 1, 2, 1, 1, 1, 1]
        assert "c4:0:1" in screen_lines(app)[3]
        cards[4].lines = 5
        cards[4].version += 1
        view.changed(4)
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[6].startswith(" ") and "c4:3:2" in lines[6]  # c3 is short: blank beside
        assert lines[8].startswith("c6:0:0")
        assert view.virtual_size.height == 3 + 5 + 3


async def test_a_click_and_the_arrows_focus_a_card_and_keep_it_in_view() -> None:
    cards = [Card(f"c{index}") for index in range(30)]
    app = ViewApp(cards, columns=2)
    async with app.run_test(size=(60, 9)) as pilot:
        await pilot.pause()
        view = app.query_one(GridView)
        await pilot.click(GridView, offset=(40, 4))
        await pilot.pause()
        assert app.clicked == [3] and view.focus_index == 3
        view.move(0, 10)  # ten rows down: card 23, scrolled into view
        await pilot.pause()
        assert view.focus_index == 23
        assert any(line.startswith("c22:0:0") for line in screen_lines(app))
        view.move(0, 100)
        assert view.focus_index == 29


async def test_a_new_theme_draws_the_view_in_its_colours() -> None:
    cards = [Card("tall", lines=4), Card("short", lines=1)]
    app = ViewApp(cards, columns=2)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        view = app.query_one(GridView)

        def blank_style() -> object:  # under the short card: the view's own background
            return next(iter(view.render_line(2).crop(40, 41))).style

        before = blank_style()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert blank_style() != before
        assert blank_style() == view.rich_style
