"""A renderer that raises costs one update of one panel: never the feed worker or the app.

A sport's layout is swapped for one that raises on a marked snapshot, and
the marked frames come from the real simulator through the real app. The
panel keeps its last good picture under a one-line note, `render_error` is
counted in diagnostics, the traceback is logged once, the feed keeps
flowing, and the next good frame is drawn as usual.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import time
from typing import Any

import pytest
from helpers.app import all_live, card, card_text, detail_text, screen_until, text_of, until
from helpers.chaos import chaos_app
from textual.worker import WorkerState

from scoreboard.core.history_store import HistoryStore
from scoreboard.core.models import SoccerSnapshot
from scoreboard.ui.render import sports
from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.screens.diagnostics import render_diagnostics
from scoreboard.ui.widgets import match_panel
from scoreboard.ui.widgets.guarded import CANT_DRAW

BOOM = "BOOM FC"


def raising_card(snap: Any, width: int, room: int = 0) -> Any:
    if snap.home == BOOM:
        raise ZeroDivisionError("a layout bug")
    return sports.soccer_lines(snap, width, room) if room else sports.soccer_lines(snap, width)


def feed_running(app: Any) -> bool:
    return any(w.group == "feed:sportrix" and w.state == WorkerState.RUNNING for w in app.workers)


def frame(snap: dict[str, Any], goals: int, home: str = BOOM) -> str:
    data = {**snap, "home": home, "score": {"home": goals, "away": 0}}
    return json.dumps({"op": "update", "data": data})


def tracebacks(caplog: pytest.LogCaptureFixture, kind: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info and r.getMessage().startswith(kind)]


async def test_a_raising_layout_keeps_the_last_good_picture_and_the_app(
    sim_factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    view = dataclasses.replace(sports.VIEWS[SoccerSnapshot], card=raising_card)
    monkeypatch.setitem(sports.VIEWS, SoccerSnapshot, view)
    # the full panel's layout where it fills its spare rows (issue 22 item 6)
    monkeypatch.setattr(match_panel, "soccer_lines", raising_card)
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        snap = sim.snapshot(41282)
        sim.faults.send_raw(frame(snap, 7, home="Good FC"))
        await until(app, lambda: panel.snapshot.home == "Good FC")  # type: ignore[union-attr]
        await pilot.pause()
        assert "Good FC  7 - 0" in card_text(panel)
        for goals in (8, 9):  # two bad updates: both counted, one traceback
            sim.faults.send_raw(frame(snap, goals))
            await until(app, lambda g=goals: panel.snapshot.score.home == g)  # type: ignore[union-attr]
            await pilot.pause()
            shown = card_text(panel)
            assert CANT_DRAW in shown
            assert "Good FC  7 - 0" in shown  # the last good picture stays
        assert app.diagnostics.contained["render_error"] == 2
        assert len(tracebacks(caplog, "render_error")) == 1
        assert "render_error" in text_of(render_diagnostics(app.diagnostics), 100)
        assert feed_running(app) and app.is_running
        assert not app.diagnostics.notices  # no "feed stopped unexpectedly"
        sim.faults.send_raw(frame(snap, 10, home="Good FC"))
        await until(app, lambda: panel.snapshot.score.home == 10)  # type: ignore[union-attr]
        await pilot.pause()
        shown = card_text(panel)
        assert "Good FC  10 - 0" in shown and CANT_DRAW not in shown
        assert not rec.rejected()


async def test_a_raising_route_for_one_event_keeps_the_feed_and_the_panel(
    sim_factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_add(self: HistoryStore, key: Any, t: float, snapshot: Any) -> bool:
        raise OverflowError("history cannot keep this")

    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        monkeypatch.setattr(HistoryStore, "add", broken_add)
        panel = card(app, 41282)
        sim.faults.send_raw(frame(sim.snapshot(41282), 5, home="Still FC"))
        await until(app, lambda: panel.snapshot.home == "Still FC")  # type: ignore[union-attr]
        await pilot.pause()
        assert "Still FC  5 - 0" in card_text(panel)
        assert app.diagnostics.contained["history_error"] == 1
        assert len(tracebacks(caplog, "history_error")) == 1
        assert feed_running(app) and app.is_running


async def test_the_watchdog_shows_the_worst_stall_of_the_last_minute(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await screen_until(pilot, lambda: app.diagnostics.loop_lag.worst() is not None, 5)
        before = app.diagnostics.loop_lag.worst()
        assert before is not None and before < 0.9  # startup, even on a loaded machine
        app.call_later(lambda: time.sleep(1.2))  # something holds the loop
        # The sampler due within 0.25 s of the hold's start runs at least 0.95 s late.
        await screen_until(pilot, lambda: app.diagnostics.loop_lag.worst() > 0.9, 5)  # type: ignore[operator]
        await pilot.press("i")
        await pilot.pause()
        shown = text_of(render_diagnostics(app.diagnostics), 100)
        stall = next(line for line in shown.splitlines() if "worst event-loop stall" in line)
        assert int(re.search(r"(\d+) ms", stall).group(1)) >= 900, stall  # type: ignore[union-attr]


def raising_detail(snap: Any) -> Any:
    if snap.home == BOOM:
        raise ZeroDivisionError("a detail layout bug")
    return sports.soccer_detail(snap)


async def test_a_raising_detail_layout_keeps_the_last_good_detail(
    sim_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = dataclasses.replace(sports.VIEWS[SoccerSnapshot], detail=raising_detail)
    monkeypatch.setitem(sports.VIEWS, SoccerSnapshot, view)
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        snap = sim.snapshot(41282)
        sim.faults.send_raw(frame(snap, 7, home="Good FC"))
        await until(app, lambda: panel.snapshot.home == "Good FC")  # type: ignore[union-attr]
        panel.focus()
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)
        detail = app.screen
        sim.faults.send_raw(frame(snap, 8))
        await until(app, lambda: panel.snapshot.score.home == 8)  # type: ignore[union-attr]
        await screen_until(pilot, lambda: CANT_DRAW in detail_text(detail), 5)
        assert "Good FC  7 - 0" in detail_text(detail)  # the last good detail stays
        assert app.diagnostics.contained["render_error"] == 1
        assert feed_running(app) and app.is_running
        sim.faults.send_raw(frame(snap, 9, home="Good FC"))
        await screen_until(pilot, lambda: "Good FC  9 - 0" in detail_text(detail), 5)
        assert CANT_DRAW not in detail_text(detail)
