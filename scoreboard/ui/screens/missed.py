"""`m`: what happened in a match since you last saw it (goals, cards, wickets, the score)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from scoreboard.core.text import safe_text
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.styles import DIM
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.panel_time import CARDS, score_change


def missed_text(card: MatchPanel) -> Text:
    """The summary: a heading, the score change, then each notable moment."""
    seen, moments = card.missed()
    snap = card.snapshot
    text = Text()
    title = card.label if snap is None else f"{card.label}: {snap.home} v {snap.away}"
    text.append_text(lit(f"What you missed in {title}", "bold", limit=120))
    text.append("\n\n")
    if seen is None or snap is None or (not moments and not score_change(seen, snap)):
        text.append_text(styled("Nothing notable since you last looked.", DIM))
        return text
    change = score_change(seen, snap)
    if change:
        text.append("Score  ", style="bold")
        text.append_text(lit(change))
        text.append("\n")
    for moment in moments:
        label = CARDS.get(moment.kind, moment.label)
        icon = {"yellow_card": "Y", "second_yellow": "2Y"}.get(moment.kind, moment.icon)
        if glyphs().ascii and moment.kind not in CARDS:
            icon = "*"  # the label says what it was
        text.append(f"{icon} {label}  ", style="bold")
        text.append_text(lit(safe_text(moment.text, 120)))
        if moment.when:
            text.append_text(styled(f"  {moment.when}", DIM))
        text.append("\n")
    return text


class MissedScreen(ModalScreen[None]):
    """Closing it (Escape, m, q) marks the panel's news as seen."""

    BINDINGS = [Binding("escape,m,q,enter", "dismiss", "Close")]

    DEFAULT_CSS = """
    MissedScreen { align: center middle; }
    MissedScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, card: MatchPanel) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(missed_text(self.card), id="missed-text")
            yield Static(styled("Escape closes; the marker goes.", DIM))
