"""The alert rules (palette: "Alert rules"): each `[[alerts.rule]]` and the quiet hours.

`e` opens the config file in `$EDITOR` (the app steps aside while it runs)
and reads the alert rules again on return; a rule the file now gets wrong is
said in a toast and the rules in force stay.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from scoreboard.core.alerting import AlertSettings
from scoreboard.ui.render.common import lit

_CSS = """
AlertRulesScreen { align: center middle; }
AlertRulesScreen > Vertical {
    width: 90; max-width: 95%; height: auto; max-height: 80%;
    border: round $accent; background: $surface; padding: 0 1;
}
AlertRulesScreen OptionList { height: auto; max-height: 20; }
"""


class AlertRulesScreen(ModalScreen[bool]):
    """Dismissed with True when `e` asks to edit the config."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Close"),
        Binding("e", "dismiss(True)", "Edit config"),
    ]
    DEFAULT_CSS = _CSS

    def __init__(self, alerts: Callable[[], AlertSettings]) -> None:
        super().__init__()
        self._alerts = alerts

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Alert rules"
            yield OptionList(*self._options(), id="rules-list")
            yield Static("e edits the config ($EDITOR) and reloads it · Esc closes")

    def _options(self) -> list[Option]:
        settings = self._alerts()
        lines = [rule.describe() for rule in settings.rules] or [
            "No rules: [[alerts.rule]] tables in the config say who, what and where"
        ]
        quiet = settings.quiet
        lines.append(f"Quiet hours {quiet.text}" if quiet is not None else "No quiet hours")
        return [Option(lit(line, limit=120)) for line in lines]

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
