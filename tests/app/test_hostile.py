"""Untrusted text: whatever a provider sends is shown literally and the layout holds.

Hostile names (Rich/Textual markup, terminal escapes, control characters,
bidi overrides, very long and very wide strings) arrive as `update` frames
for subscribed matches (`send_raw`) and as `error` frames, through the real
app. The panels must show them inert, the screen must render at 80x24 and
120x40 with every panel the size it was, and nothing may act on them.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

import pytest
from helpers.app import (
    all_live,
    card,
    card_text,
    click_card,
    region_of,
    settings_for,
    text_of,
    until,
    watch_events,
)
from helpers.chaos import chaos_app
from rich.cells import cell_len
from rich.console import Console

from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import make_app
from scoreboard.ui.widgets.match_panel import MatchPanel

MARKUP = "[bold red]Arsenal[/] [link=https://evil.example]x[/link] [@click=app.quit]Q[/]"
ESCAPES = "Esc\x1b[2J\x1b[31mRED\x1b]0;pwned\x07\x1b]8;;https://evil.example\x07L\x1b]8;;\x07"
CONTROLS = "Null\x00Bell\x07Back\x08Ret\rNew\nTab\tDel\x7fC1\x85\x9b31m"
BIDI = "Abc\u202eevil\u202c\u2066iso\u2069"
LONG = "Borussia " * 600
CJK = "東京ヴェルディ一九六九"
EMOJI = "⚽🏏 FC 👨‍👩‍👧‍👦 🇧🇷"
ZALGO = "Z̴̡̢̛a̵̧l̷̨g̶̢o̸"

HOSTILE = [MARKUP, ESCAPES, CONTROLS, BIDI, LONG, CJK, EMOJI, ZALGO]
#: What a terminal would act on: C0/C1 controls and bidi overrides.
ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hostile_soccer(snap: dict[str, Any], text: str) -> dict[str, Any]:
    events = [
        {**e, "player": text, "assist": text, "detail": text} for e in snap.get("events") or []
    ]
    events.append({"minute": 70, "added_time": None, "type": text, "team": "home",
                   "player": text, "assist": None, "detail": text})  # fmt: skip
    return {
        **snap,
        "home": text,
        "away": text[::-1],
        "competition": text,
        "venue": text,
        "status": "live",
        "phase": {"code": text, "label": text},
        "stats": {**(snap.get("stats") or {}), text: {"home": 1, "away": 2}},
        "events": events,
    }


def hostile_cricket(snap: dict[str, Any], text: str) -> dict[str, Any]:
    batsmen = [{**b, "name": text} for b in snap["batsmen"]]
    scorecard = [
        {
            **inn,
            "overs": text,
            "batting": [{**b, "name": text, "dismissal": text} for b in inn.get("batting", [])],
            "bowling": [{**b, "name": text} for b in inn.get("bowling", [])],
        }
        for inn in snap.get("scorecard") or []
    ]
    over = {**snap["over"], "balls": [*snap["over"]["balls"], text]}
    score = {side: t and {**t, "overs": text} for side, t in snap["score"].items()}
    return {
        **snap,
        "home": text,
        "away": text,
        "score": score,
        "competition": text,
        "format": text,
        "batsmen": batsmen,
        "bowler": {**snap["bowler"], "name": text},
        "over": over,
        "scorecard": scorecard,
        "result": text,
    }


def inert(text: str) -> bool:
    return not ACTIVE.search(text.replace("\n", ""))


def screen_text(app: Any) -> str:
    """Everything on screen, from the SVG export, as plain text."""
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg)))


def regions(app: Any) -> dict[object, tuple[int, int]]:
    return {ref: region_of(app, c).size for ref, c in app.cards.items()}


def lines_fit(panel: MatchPanel) -> None:
    """The panel's body fits its width, line by line, and has as many lines as room."""
    width = panel.inner_size.width
    console = Console(width=width, color_system=None, legacy_windows=False, record=True)
    console.print(panel.render())
    for line in console.export_text().splitlines():
        assert cell_len(line) <= width, line


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_hostile_names_are_shown_literally_and_the_layout_holds(
    sim_factory, size: tuple[int, int]
) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        before = regions(app)
        soccer, cricket = card(app, 41282), card(app, 41301)
        plain_lines = {
            m: len(text_of(card(app, m).render(), card(app, m).inner_size.width).splitlines())
            for m in (41282, 41301)
        }
        for text in HOSTILE:
            s_frame = hostile_soccer(sim.snapshot(41282), text)
            c_frame = hostile_cricket(sim.snapshot(41301), text)
            sim.faults.send_raw(json.dumps({"op": "update", "data": s_frame}))
            sim.faults.send_raw(json.dumps({"op": "update", "data": c_frame}))
            await until(
                app,
                lambda t=text: soccer.snapshot.home == t and cricket.snapshot.home == t,  # type: ignore[union-attr]
            )
            await pilot.pause(0.2)
            # Every panel keeps its width, and is as high as its lines: a name
            # never adds or removes a row (the frames' other data may).
            assert {ref: w for ref, (w, _) in regions(app).items()} == {
                ref: w for ref, (w, _) in before.items()
            }, text
            for panel in (soccer, cricket):
                lines = panel.body(panel.inner_size.width)
                assert region_of(app, panel).height == len(lines) + 2, text
            for panel in (soccer, cricket):
                shown = card_text(panel)
                assert inert(shown), (text, shown)
                lines_fit(panel)
                lines = text_of(panel.render(), panel.inner_size.width).splitlines()
                assert len(lines) <= max(plain_lines[panel.ref.id], 1) + 3, text  # type: ignore[index]
            on_screen = screen_text(app)
            assert inert(on_screen)
            assert app.is_running
        assert not rec.rejected()
        # Markup is shown as typed, never interpreted (and clicking it does nothing).
        sim.faults.send_raw(
            json.dumps({"op": "update", "data": hostile_soccer(sim.snapshot(41282), MARKUP)})
        )
        await until(app, lambda: soccer.snapshot.home == MARKUP)  # type: ignore[union-attr]
        await pilot.pause()
        assert "[bold red]Arsenal[/] [link=" in text_of(soccer.render(), 200)
        await click_card(pilot, soccer)
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("text", [CJK, EMOJI], ids=["cjk", "emoji"])
async def test_wide_names_keep_their_characters_and_the_score(sim_factory, text: str) -> None:
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        snap = hostile_soccer(sim.snapshot(41282), text)
        sim.faults.send_raw(json.dumps({"op": "update", "data": snap}))
        panel = card(app, 41282)
        await until(app, lambda: panel.snapshot.home == text)  # type: ignore[union-attr]
        await pilot.pause()
        shown = card_text(panel)
        assert unicodedata.normalize("NFC", text) in unicodedata.normalize("NFC", shown)
        assert f"{snap['score']['home']} - {snap['score']['away']}" in shown
        lines_fit(panel)


async def test_hostile_error_texts_are_inert_on_the_panel_and_the_status_line(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        hostile = f"{MARKUP} {ESCAPES} {BIDI} {CONTROLS}"
        # The error answers the subscribe of the scheduled match added next (errors carry no id).
        added = app.add_match("41312", focus=False)
        sim.faults.send_raw(json.dumps({"op": "error", "error": hostile}))
        await until(app, lambda: added.error is not None)
        # The server's own answer then arrives with nothing pending: a connection notice.
        await until(app, lambda: bool(app.diagnostics.notices))
        await pilot.pause()
        shown = card_text(added)
        assert inert(shown)
        # kept literally (a scheduled panel shows its kick-off, not the stream's words)
        assert "[bold red]Arsenal[/]" in (added.error or "")
        status = text_of(app.query_one("StatusBar").render(), 200)
        assert inert(status)
        sim.faults.send_raw(json.dumps({"op": "error", "error": hostile}))
        await until(app, lambda: len(app.diagnostics.notices) >= 2)
        await pilot.pause()
        assert inert(text_of(app.query_one("StatusBar").render(), 200))
        assert inert(screen_text(app))
        assert app.is_running


# -- a picture of it -------------------------------------------------------------------------------


def test_hostile_names_screen_snapshot(snap_compare) -> None:
    sim = SimulatorThread(seed=7, speed=0).start()
    try:
        app = make_app(settings_for(sim, "41282", "41301"), clock=lambda: 1000.0)
        watch_events(app)

        async def before(pilot) -> None:  # type: ignore[no-untyped-def]
            await until(app, lambda: all_live(app))
            soccer = hostile_soccer(sim.snapshot(41282), MARKUP + " " + CJK + " " + ESCAPES)
            cricket = hostile_cricket(sim.snapshot(41301), EMOJI + " " + BIDI + " " + LONG)
            sim.faults.send_raw(json.dumps({"op": "update", "data": soccer}))
            sim.faults.send_raw(json.dumps({"op": "update", "data": cricket}))
            await until(
                app,
                lambda: (
                    card(app, 41282).snapshot.home == soccer["home"]  # type: ignore[union-attr]
                    and card(app, 41301).snapshot.home == cricket["home"]
                ),  # type: ignore[union-attr]
            )
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=before)
    finally:
        sim.stop()
