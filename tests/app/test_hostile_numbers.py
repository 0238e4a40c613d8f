"""Hostile but valid numbers through the real app: each renders in its panel
and in the detail view, nothing is rejected, and the app stays up.

These are the four inputs that used to take the app down (issue 11): a soccer
stat of 10**400, cricket runs of 10**400, overs `16.²` and overs of 5,000 digits.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from helpers.app import all_live, card, card_text, screen_until, until
from helpers.chaos import chaos_app

from scoreboard.ui.screens.detail import MatchDetailScreen

HUGE = 10**400


def soccer_stat(snap: dict[str, Any]) -> dict[str, Any]:
    return {**snap, "stats": {**(snap.get("stats") or {}), "shots": {"home": HUGE, "away": 2}}}


def cricket_total(snap: dict[str, Any], runs: int, overs: str) -> dict[str, Any]:
    side = snap["batting"]
    score = {**snap["score"], side: {"runs": runs, "wickets": 3, "overs": overs}}
    return {**snap, "score": score, "bowler": {**snap["bowler"], "runs": runs, "overs": overs}}


CASES = {
    "soccer-stat-10e400": (41282, soccer_stat, "1.0e400"),
    "cricket-runs-10e400": (41301, lambda s: cricket_total(s, HUGE, "16.2"), "1.0e400/3 (16.2)"),
    "overs-superscript": (41301, lambda s: cricket_total(s, 145, "16.²"), "145/3 (16.²)"),
    "overs-5000-digits": (41301, lambda s: cricket_total(s, 145, "1" * 5000), "145/3 (1111"),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_hostile_numbers_render_in_the_panel_and_the_detail_view(
    sim_factory, case: str
) -> None:
    match_id, hostile, shown = CASES[case]
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, match_id)
        before = panel.updates
        sim.faults.send_raw(json.dumps({"op": "update", "data": hostile(sim.snapshot(match_id))}))
        await until(app, lambda: panel.updates > before)
        await pilot.pause()
        assert shown in card_text(panel)
        assert not rec.rejected()
        assert not app.diagnostics.contained["render_error"]  # drawn, not contained
        panel.focus()
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        await pilot.pause()
        assert shown in screen_text(app)
        assert app.is_running


def screen_text(app: Any) -> str:
    """Everything on screen, from the SVG export, as plain text."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")
