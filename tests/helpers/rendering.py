"""Rendering checks shared by the fuzz and number tests: everything a sport's
view draws for a snapshot renders without raising, inert, and within its width."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, Group

from scoreboard.core.models import Snapshot
from scoreboard.core.text import safe_text
from scoreboard.ui.render.sections import Document
from scoreboard.ui.render.sports import view_for

#: What a terminal would act on: C0/C1 controls and bidi overrides.
ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def rendered(snapshot: Snapshot, width: int) -> list[str]:
    """The panel, the detail view and the title label of `snapshot` at `width`, as text."""
    view = view_for(snapshot)
    console = Console(width=width, color_system=None, legacy_windows=False, record=True)
    console.print(Group(*view.card(snapshot, width)))
    console.print(Group(*Document(view.detail(snapshot)).lines(width)))
    label = view.label(snapshot)
    if label is not None:
        console.print(safe_text(label), markup=False)  # wire text: never markup
    return console.export_text().splitlines()


def check_snapshot(snapshot: Snapshot, *sizes: int) -> list[str]:
    """Everything renders inert and within its width: at the narrowest and widest
    widths and at any `sizes` given. Returns the lines drawn at the last width."""
    lines: list[str] = []
    for width in sorted({30, 200, *sizes}):
        lines = rendered(snapshot, width)
        for line in lines:
            assert not ACTIVE.search(line), repr(line)
            assert cell_len(line) <= width, (width, line)
    return lines


def check_rendering(frame: object, *sizes: int) -> list[str]:
    """`check_snapshot` for a decoded `SnapshotFrame`."""
    return check_snapshot(frame.snapshot, *sizes)  # type: ignore[attr-defined]
