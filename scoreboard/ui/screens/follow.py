"""`f`: follow the focused match's home or away team, or its competition; `F`: what you follow.

The choice dialog dismisses with the rule picked (picking one already
followed unfollows it: the row says so). The list shows every follow entry,
where it comes from (the config file or the app), and `Enter`/`d` unfollows
the highlighted one.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from scoreboard.core.follows import FollowRule
from scoreboard.ui.render.common import DIM, lit

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 100%; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} OptionList {{ height: auto; max-height: 16; }}
{name} #follow-hint {{ color: $text-muted; }}
"""


class FollowChoiceScreen(ModalScreen[FollowRule | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = _CSS.format(name="FollowChoiceScreen")

    def __init__(self, title: str, choices: list[tuple[str, FollowRule, bool]]) -> None:
        """`choices`: (what it is, the rule, already followed)."""
        super().__init__()
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Follow"
            yield Label(lit(self._title, limit=64))
            options = []
            for index, (what, rule, followed) in enumerate(self._choices):
                prompt = Text.assemble((f"{what}: ", DIM), lit(rule.value, "bold", limit=40))
                if followed:
                    prompt.append("  ★ following: Enter unfollows", style=DIM)
                options.append(Option(prompt, id=str(index)))
            yield OptionList(*options, id="follow-list")
            yield Static("Enter to pick · Esc to cancel", id="follow-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#follow-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._choices[int(event.option.id or 0)][1])


class FollowsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,F", "dismiss(None)", "Close"),
        Binding("d,delete", "unfollow", "Unfollow"),
    ]
    DEFAULT_CSS = _CSS.format(name="FollowsScreen")

    def __init__(
        self,
        rules: Callable[[], list[tuple[FollowRule, str]]],
        unfollow: Callable[[FollowRule], None],
    ) -> None:
        """`rules()`: every (rule, where it comes from); `unfollow(rule)` drops one."""
        super().__init__()
        self._rules = rules
        self._unfollow = unfollow
        self._shown: list[FollowRule] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Following"
            yield OptionList(id="follows-list")
            yield Static("", id="follow-hint")

    def on_mount(self) -> None:
        self._refresh()
        self.query_one(OptionList).focus()

    def _refresh(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        self._shown = []
        for rule, source in self._rules():
            self._shown.append(rule)
            option_list.add_option(
                Option(Text.assemble(lit(rule.describe(), limit=50), (f"  ({source})", DIM)))
            )
        hint = (
            "Enter or d unfollows · Esc closes"
            if self._shown
            else ("Nothing followed yet: press f on a panel, or add follow = [...] to the config.")
        )
        self.query_one("#follow-hint", Static).update(hint)
        if self._shown:
            option_list.highlighted = 0

    @on(OptionList.OptionSelected, "#follows-list")
    def _picked(self) -> None:
        self.action_unfollow()

    def action_unfollow(self) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or index >= len(self._shown):
            return
        self._unfollow(self._shown[index])
        self._refresh()
        if self._shown:
            option_list.highlighted = min(index, len(self._shown) - 1)
