"""The scrolling grid the match panels sit in."""

from __future__ import annotations

from textual.containers import ScrollableContainer

from scoreboard.ui.paint.composited import KeepsComposite
from scoreboard.ui.render.codes import reset_codes, screen_codes
from scoreboard.ui.widgets.match_panel import MatchPanel


class PanelGrid(KeepsComposite, ScrollableContainer, can_focus=False, inherit_bindings=False):
    """The grid of match panels; the app sets its column count on resize (`app.tcss`).

    Not a focus stop (Tab goes from the last panel back to the first) and no
    keys of its own: the arrows move focus between panels (the app's
    bindings) and the grid scrolls to keep the focused panel in view, instead
    of scrolling away from it whenever it can scroll. The mouse wheel scrolls.
    """

    @property
    def panels(self) -> list[MatchPanel]:
        """The panels in the order shown (a plain walk: a CSS query of 10,000 costs ms)."""
        return [child for child in self.children if isinstance(child, MatchPanel)]

    def on_mount(self) -> None:
        reset_codes()  # this screen's team codes (`render/codes.py`)

    def on_resize(self) -> None:
        self.share_rows()

    def share_rows(self) -> None:
        """Tell each panel how many lines its row of the grid can hold when the rows of
        panels share the grid's height (none at less than the usual panel): a tall
        screen's spare rows go to the panels rather than stay blank below them."""
        panels = self.panels
        columns = max(int(self.styles.grid_size_columns or 1), 1)
        rows = max(-(-len(panels) // columns), 1)
        share = self.size.height // rows
        for panel in panels:
            panel.fill_to(max(share - panel.styles.gutter.height, 0))

    def on_match_panel_snapshots(self, message: MatchPanel.Snapshots) -> None:
        """Hand each panel of the batch its newest snapshot (`ui/feed/delivery.py`), after
        giving any team new to the screen a code no other team on it has, and tell the
        delivery each one was applied."""
        batch = message.batch
        applied = message.applied
        codes = screen_codes()
        known = codes.known  # a dict look-up per team: ~0.2 µs a snapshot
        new = [
            name for snap in batch.values() for name in (snap.home, snap.away) if name not in known
        ]
        changed = codes.add(new) if new else ()
        for panel, snapshot in batch.items():
            if panel.parent is self:  # not removed since
                panel.take(snapshot)
                if applied is not None:
                    applied(panel)
        if changed:  # a team already shown took a code of its own (`MAN` -> `MUN`)
            for panel in self.panels:
                if (
                    panel.snapshot is not None
                    and {panel.snapshot.home, panel.snapshot.away} & changed
                ):
                    panel.redraw()
