"""A match panel's density: which lines it shows, as pure functions of its state.

Full panels draw what `MatchPanel.full_body` lays out; compact panels and
ticker lines are pure text layout (`render/panel.py`, `render/compact.py`),
handed what the panel knows (`panel_state`). The panel is as high as its
lines: Textual asks `MatchPanel.get_content_height`, and a change in the
number of lines asks for a new layout.
"""

from __future__ import annotations

from scoreboard.ui.render.panel import PanelState
from scoreboard.ui.widgets.panel_facts import PanelFacts
from scoreboard.ui.widgets.panel_time import delay_words


def shows_full(panel: PanelFacts) -> bool:
    """The panel draws its full body: a full panel, or a compact one with nothing
    compact to show yet (no snapshot) or the catalog's word to show."""
    density = panel.density
    return density == "full" or (
        density == "compact" and (panel.snapshot is None or panel.summary is not None)
    )


def panel_state(panel: PanelFacts) -> PanelState:
    """What a compact panel's or a ticker line's text is laid out from."""
    snap = panel.snapshot
    return PanelState(
        panel.label,
        snap,
        panel.error,
        stale=panel.stale,
        focused=panel.focus_mark,
        flashing=panel.highlighted,
        density=panel.density,
        polling=panel.polling,
        extra=None if snap is None else panel.guard.label(snap),
        hidden=panel.hidden,
        summary=panel.summary,
        pulse=panel.pulse,
        wait_note=panel.wait_note,
        delay_note=delay_words(panel.delay, synced=panel.synced) if panel.delay else "",
    )
