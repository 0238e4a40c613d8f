"""Alerts: one per goal per channel, never again after a restart, one summary for a burst."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.app import all_live, card, settings_for, until, watch_events
from helpers.terminal import TerminalRun
from rich.cells import cell_len
from rich.text import Text

from scoreboard.core.alerting import AlertSettings
from scoreboard.core.events import MatchRef
from scoreboard.core.follows import FollowRule
from scoreboard.core.shortline import short_line
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.fan.alerts.escapes import POP_TITLE, PUSH_TITLE

ARSENAL = MatchRef("sportrix", 41282)
EVERY_CHANNEL = ("toast", "bell", "desktop", "title")


def alerting_app(
    sim: SimulatorThread, *matches: str, follow: tuple[str, ...] = ("Arsenal",), **alerts: object
) -> ScoreboardApp:
    options = {"channels": EVERY_CHANNEL, "events": ("goal",), "desktop": "osc777", **alerts}
    settings = replace(
        settings_for(sim, *matches),
        follow=tuple(FollowRule("team", team) for team in follow),
        alerts=AlertSettings(**options),  # type: ignore[arg-type]
    )
    app = make_app(settings)
    watch_events(app)
    return app


def goals(sim: SimulatorThread, match_id: int = 41282) -> int:
    score = sim.snapshot(match_id)["score"]
    return score["home"] + score["away"]


async def play_until_goals(sim: SimulatorThread, more: int, match_id: int = 41282) -> None:
    """Step the frozen simulator a second at a time until `more` goals were scored."""

    def play() -> None:
        target = goals(sim, match_id) + more
        for _ in range(4 * 5400):
            if goals(sim, match_id) >= target:
                return
            sim.advance(1)
        raise AssertionError("no goal in a whole match")

    await asyncio.to_thread(play)


def notifications(app: ScoreboardApp) -> list[str]:
    return [s for s in app.fan.terminal.written if s.startswith("\x1b]777;notify;")]


def shown_score(app: ScoreboardApp, sim: SimulatorThread) -> bool:
    snap = app.cards[ARSENAL].snapshot
    return snap is not None and snap.score.home + snap.score.away == goals(sim)  # type: ignore[union-attr]


async def test_a_goal_alerts_once_per_channel_and_a_restart_fires_nothing_again(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41282", "41283")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        assert not app.fan.alerts.sent("toast")  # what was on the board at start is not news
        before_goal = card(app, 41282).snapshot

        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim) and bool(app.fan.alerts.sent("toast")))
        for channel in ("toast", "bell", "desktop"):
            assert len(app.fan.alerts.sent(channel)) == 1, channel
        assert len(notifications(app)) == 1
        alert = app.fan.alerts.sent("toast")[0]
        scorer = [e for e in sim.snapshot(41282)["events"] if e["type"].endswith("goal")][-1]
        assert scorer["player"] in alert.body and alert.title.startswith("ARS ")
        panel = card(app, 41282)
        assert app.fan.terminal.title == short_line(panel.snapshot)  # type: ignore[arg-type]

        # A server restart: reconnect, resubscribe, the same goals in a fresh snapshot.
        stats = app.providers["sportrix"].stats
        connects, updates = stats.connects, panel.updates
        await asyncio.to_thread(sim.restart)
        await until(app, lambda: stats.connects > connects and panel.updates > updates)
        await until(app, lambda: all_live(app))
        # An old frame replayed (before the goal), then the newest again: nothing either.
        app.fan.alerts.applied(ARSENAL, before_goal)  # type: ignore[arg-type]
        app.fan.alerts.applied(ARSENAL, panel.snapshot)  # type: ignore[arg-type]
        for channel in ("toast", "bell", "desktop"):
            assert len(app.fan.alerts.sent(channel)) == 1, channel
        assert len(notifications(app)) == 1


async def test_a_burst_after_an_outage_is_one_summary(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41282")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        sim.faults.stall(True)  # the server keeps the match's newest state back
        await play_until_goals(sim, 2)
        sim.faults.stall(False)
        await until(app, lambda: shown_score(app, sim))
        await until(app, lambda: bool(app.fan.alerts.sent("toast")))
        sent = app.fan.alerts.sent("toast")
        assert len(sent) == 1 and sent[0].body.startswith("2 events: ")
        assert len(app.fan.alerts.sent("desktop")) == 1 and len(notifications(app)) == 1


async def test_mute_and_scope(sim_factory) -> None:
    """`n` mutes for the session; a match of no followed team never alerts by default."""
    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41282", follow=("Chelsea",), channels=("toast",))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("n")
        assert app.fan.alerts.muted and "alerts muted" in app.status.render().plain
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim))
        assert not app.fan.alerts.sent("toast")
        await pilot.press("n")
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim) and bool(app.fan.alerts.sent("toast")))
        assert len(app.fan.alerts.sent("toast")) == 1

    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41282", follow=("Liverpool",), channels=("toast",))
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim))
        assert not app.fan.alerts.sent("toast")  # Arsenal v Chelsea: nobody followed plays


async def test_a_missing_notifier_falls_back_to_toasts_and_says_so_once(
    sim_factory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)  # as if not installed
    for name in ("VTE_VERSION", "KITTY_WINDOW_ID", "TERM_PROGRAM", "LC_TERMINAL", "ConEmuPID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal with no notification escape
    sim = sim_factory(speed=0)
    with caplog.at_level(logging.WARNING, logger="scoreboard.ui.fan.alerts"):
        app = alerting_app(sim, "41282", channels=("desktop",), desktop="auto")
    lines = [r.getMessage() for r in caplog.records if "desktop notifications" in r.getMessage()]
    assert len(lines) == 1 and "not installed" in lines[0]
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        desktop = app.fan.alerts.channels["desktop"]
        assert desktop.backend == "toast"  # type: ignore[attr-defined]
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim) and bool(app.fan.alerts.sent("desktop")))
        assert not notifications(app)


def test_the_title_shows_the_score_and_is_restored_on_exit(tmp_path: Path) -> None:
    """The real `sportrix-tui --demo` on a terminal: OSC 2 titles, then the user's title back."""
    title = re.compile(rb"\x1b\]2;(ARS \d+-\d+ CHE \d+')\x07")
    log = tmp_path / "app.log"
    term = TerminalRun(["-m", "scoreboard", "--demo", "--log-file", str(log)], log)
    try:
        term.until(lambda: title.search(term.output) is not None)
        term.send(b"q")
        assert term.wait() == 0
    finally:
        term.close()
    out = bytes(term.output)
    first = title.search(out)
    assert first is not None
    assert out.index(PUSH_TITLE.encode()) < first.start()  # the user's title saved first
    last_title = max(m.end() for m in title.finditer(out))
    assert out.rindex(POP_TITLE.encode()) > last_title  # and given back on the way out


async def test_the_latest_moment_shows_on_its_panel_and_can_sort_the_grid(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41283", "41282", channels=("toast",))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        app.fan.keys.sort_recent()  # the palette's "Sort by recent activity"
        assert [r.id for r in app.shown_refs()] == [41283, 41282]
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim))
        await pilot.pause()
        assert [r.id for r in app.shown_refs()] == [41282, 41283]  # the goal moved it first
        scorer = [e for e in sim.snapshot(41282)["events"] if e["type"].endswith("goal")][-1]
        moment = card(app, 41282).recent
        assert moment.startswith("⚽") and scorer["player"][:20] in moment
        assert "ago" not in moment  # the flash says "just now"; a minute on, the age
        assert moment in str(card(app, 41282).border_subtitle)
        app.wall_clock = lambda: time.time() + 125
        app.fan.recent.refresh_all()
        assert card(app, 41282).recent == f"{moment} · 2\u2032 ago"


async def test_a_long_moment_is_cut_to_leave_the_status_badge_on_a_narrow_panel(
    sim_factory,
) -> None:
    """At 80x24 (compact panels, 39 columns) the moment beside the badge is cut to
    the room left, with `…`: the border never cuts off `LIVE` itself."""
    sim = sim_factory(speed=0)
    app = alerting_app(sim, "41282", "41300", channels=("toast",))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(app, lambda: all_live(app))
        await play_until_goals(sim, 1)
        await until(app, lambda: shown_score(app, sim) and bool(card(app, 41282).recent))
        app.wall_clock = lambda: time.time() + 125  # "· 2 min ago": longer than the room
        app.fan.recent.refresh_all()
        await pilot.pause()
        panel = card(app, 41282)
        assert panel.recent.endswith("2\u2032 ago") and panel.inner_size.width < 40
        subtitle = Text.from_markup(panel.border_subtitle).plain
        assert cell_len(subtitle) <= panel.inner_size.width - 4  # what the border has room for
        assert subtitle.rstrip().endswith("LIVE")
        # cut a word at a time (never inside one): its mark and first word stay
        assert " ".join(panel.recent.split()[:2]) in subtitle and "…" in subtitle
        # The goal's minute stays; the age gave way first (issue 22, item 11).
        minute = panel.recent.split(" · ")[0].split()[-1]
        assert minute.endswith("'") and f" {minute}" in subtitle, subtitle
        await pilot.resize_terminal(160, 24)  # wider: the whole moment again
        await pilot.pause()
        assert panel.recent in Text.from_markup(panel.border_subtitle).plain
