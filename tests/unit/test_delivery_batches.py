"""Snapshot batches that Textual folds together keep every panel's newest snapshot."""

from __future__ import annotations

from typing import Any

from scoreboard.ui.widgets.match_panel import MatchPanel


def test_a_newer_batch_taking_an_older_ones_place_keeps_both_panels() -> None:
    # Textual asks the queued (older) message `can_replace(newer)` and then keeps
    # only the newer one: what the older carried must be in it.
    a, b = object(), object()
    older = MatchPanel.Snapshots({a: "a1", b: "b1"})  # type: ignore[dict-item]
    newer = MatchPanel.Snapshots({a: "a2"})  # type: ignore[dict-item]
    assert older.can_replace(newer)
    kept: dict[Any, Any] = newer.batch
    assert kept == {a: "a2", b: "b1"}
