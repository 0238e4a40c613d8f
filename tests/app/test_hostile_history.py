"""Numbers past 64 bits and the history: the next good frame shows at once (issue 24, item 16).

A frame holding an integer MessagePack cannot hold (a stat of 10**400) used
to make the history's encoder raise (contained), and the next good frame then
took seconds to reach the screen. The history keeps what it can of such a
state (the number clamped), and the good frame after it is on screen as soon
as it is delivered.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from helpers.app import all_live, card, card_text, until
from helpers.chaos import chaos_app

from scoreboard.core.deltas import INT_MAX
from scoreboard.core.history_store import COALESCE_SECONDS

HUGE = 10**400


def soccer_stat(snap: dict[str, Any]) -> dict[str, Any]:
    return {**snap, "stats": {**(snap.get("stats") or {}), "shots": {"home": HUGE, "away": 2}}}


def soccer_goals(snap: dict[str, Any]) -> dict[str, Any]:
    return {**snap, "score": {"home": HUGE, "away": 0}}


def cricket_total(snap: dict[str, Any]) -> dict[str, Any]:
    side = snap["batting"]
    return {**snap, "score": {**snap["score"], side: {"runs": HUGE, "wickets": 3, "overs": "16.2"}}}


CASES = {
    "soccer-stat": (41282, soccer_stat),
    "soccer-score": (41282, soccer_goals),
    "cricket-runs": (41301, cricket_total),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_the_good_frame_after_a_huge_number_shows_at_once(sim_factory, case: str) -> None:
    match_id, hostile = CASES[case]
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, match_id)
        good = sim.snapshot(match_id)
        # Each frame after a quiet spell, so the history keeps each (not one per window).
        await pilot.pause(COALESCE_SECONDS * 1.2)
        before = panel.updates
        sim.faults.send_raw(json.dumps({"op": "update", "data": hostile(good)}))
        await until(app, lambda: panel.updates > before)
        await pilot.pause(COALESCE_SECONDS * 1.2)
        home = "Marker Rovers"
        sim.faults.send_raw(json.dumps({"op": "update", "data": {**good, "home": home}}))
        await until(app, lambda: panel.snapshot is not None and panel.snapshot.home == home)
        await pilot.pause()
        assert home in card_text(panel)  # on screen, not held back by a failure
        contained = app.diagnostics.contained
        assert not contained["history_error"] and not contained["render_error"], contained
        history = app.feed.history.get(panel.ref)
        assert history is not None
        states = [state for _, state in history.states()]
        assert states[-1].home == home
        # The huge state is kept, its number clamped to what MessagePack holds.
        assert any(INT_MAX in numbers(state) for state in states[:-1])


def numbers(state: object) -> set[int]:
    """Every integer in a snapshot."""
    found: set[int] = set()
    todo = [msgspec.to_builtins(state)]
    while todo:
        value = todo.pop()
        if type(value) is int:
            found.add(value)
        elif isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return found
