"""Charts through the real app: a live T20 grows its worm and Manhattan over by over, a
replayed recording charts the whole match, and charts cost nothing off screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import app_for, card, card_text, detail_text, screen_until, time_app, until
from helpers.match_recordings import charts_recording
from helpers.recordings import replay_app

from scoreboard.core import derive
from scoreboard.core.charts.cricket import CricketTracker
from scoreboard.core.charts.soccer import SoccerTracker
from scoreboard.core.events import MatchRef
from scoreboard.core.models import CricketSnapshot, SoccerSnapshot
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.screens.detail import MatchDetailScreen

SCHEDULED_T20 = 41311  # kicks off six simulated minutes after the simulator starts


def _spark(panel_text: str) -> str:
    """The panel's runs-per-over line: one cell an over."""
    line = next(line for line in panel_text.splitlines() if "runs per over" in line)
    return line.split("runs per over")[0].strip(" │")


async def test_a_live_t20_grows_its_worm_and_manhattan_over_by_over(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, str(SCHEDULED_T20))
    sim.advance(360)  # kick-off, before the app subscribes: the first ball is to come
    async with app.run_test(size=(120, 60)) as pilot:
        panel = card(app, SCHEDULED_T20)
        await until(app, lambda: getattr(panel.snapshot, "status", "") == "live")
        panel.focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MatchDetailScreen)
        worms: list[str] = []
        for over in range(1, 7):
            while True:  # ball by ball, as the stream sends them, to the over's end
                before = panel.updates
                sim.advance(20)
                await until(app, lambda b=before: panel.updates > b)  # type: ignore[misc]
                snap = panel.snapshot
                assert isinstance(snap, CricketSnapshot) and snap.over is not None
                if snap.over.number == over and not snap.over.balls:
                    break
            await pilot.pause()
            tracker = app.feed.chart(panel)
            assert isinstance(tracker, CricketTracker) and tracker.whole
            innings = tracker.current()
            assert innings is not None
            scorecard = next(i for i in snap.scorecard or () if i.innings == snap.innings)
            total = derive.batting_total(snap)
            assert total is not None
            # The charts' values are the scorecard's, over by over.
            bars = innings.over_runs()
            assert [n for n, _, _ in bars] == list(range(1, over + 1))
            assert sum(runs or 0 for _, runs, _ in bars) == scorecard.runs == total.runs
            assert sum(w for *_, w in bars) == scorecard.wickets == len(innings.fallen)
            assert innings.worm()[-1] == (over * 6, scorecard.runs)
            # And the screen shows them: the Manhattan's heading, a worm that moved on.
            text = detail_text(screen)
            heading = f"{scorecard.runs}/{scorecard.wickets} ({over} ov)"
            assert heading in text.split("Manhattan")[1].split("Partnerships")[0]
            worm = text.split("Worm")[1].split("Manhattan")[0]
            assert f"{scorecard.runs}/{scorecard.wickets}" in worm and worm not in worms
            worms.append(worm)
        await pilot.press("escape")
        await until(app, lambda: panel.settled)
        assert len(_spark(card_text(panel))) == 6  # the panel's line: a cell an over


async def test_a_replayed_match_is_charted_whole(tmp_path: Path) -> None:
    app = replay_app(charts_recording(tmp_path), replay_speed=20_000.0)
    async with app.run_test(size=(120, 50)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 60)
        soccer = app.cards[MatchRef("sportrix", 41282)]
        await screen_until(pilot, lambda: soccer.settled, 10)
        tracker = app.feed.chart(soccer)
        assert isinstance(tracker, SoccerTracker) and tracker.whole
        assert ("1H", 0, 0) in tracker.minutes and ("2H", 89, 0) in tracker.minutes
        soccer.focus()
        await pilot.press("enter")
        text = detail_text(app.screen)
        for chart in ("Momentum", "xG race", "Match timeline"):
            assert chart in text
        assert "since" not in text  # the whole match, from its kick-off
        final = soccer.snapshot
        assert isinstance(final, SoccerSnapshot) and final.stats is not None
        assert f"Arsenal {final.stats['xg'].home:.2f}" in text
        screen = app.screen
        assert isinstance(screen, MatchDetailScreen)
        for _ in range(30):  # rewound into the second half: the charts go back with it
            await pilot.press("left_square_bracket")
        then = screen.shown
        assert isinstance(then, SoccerSnapshot) and then.stats is not None
        assert then.stats["xg"] != final.stats["xg"]
        assert f"Arsenal {then.stats['xg'].home:.2f}" in detail_text(screen)
        await pilot.press("end")
        basketball = app.cards[MatchRef("scorelytics", "xyz789")]
        await pilot.press("escape")
        basketball.focus()
        await pilot.press("enter")
        assert "Lead tracker  since 19:00 (Q3)" in detail_text(app.screen).replace("\xa0", " ")


async def test_charts_cost_nothing_until_their_panel_is_seen(tmp_path: Path) -> None:
    # Full panels (charts are drawn on full panels): one on screen at a time.
    app = replay_app(charts_recording(tmp_path), replay_speed=20_000.0, density="full")
    async with app.run_test(size=(80, 24)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 60)
        await pilot.pause(0.3)
        basketball = MatchRef("scorelytics", "xyz789")
        assert app.feed.charts.tracker(basketball) is None  # never painted: never fed
        app.cards[basketball].focus()  # scrolls it into view
        await screen_until(pilot, lambda: app.feed.charts.tracker(basketball) is not None, 5)


async def test_hidden_scores_hide_the_charts(sim: SimulatorThread) -> None:
    app = time_app(sim, "41300", spoilers="hide")
    async with app.run_test(size=(120, 50)) as pilot:
        panel = card(app, 41300)
        await until(app, lambda: panel.snapshot is not None)
        panel.focus()
        await pilot.press("enter")
        text = detail_text(app.screen)
        assert "Worm" not in text and "Manhattan" not in text


async def test_a_terminal_that_cannot_draw_braille_gets_ascii_charts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")  # the Linux console: no braille, no blocks
    app = replay_app(charts_recording(tmp_path), replay_speed=20_000.0)
    assert app.settings.ascii is None  # not asked for: decided by the terminal
    async with app.run_test(size=(120, 50)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 60)
        soccer = app.cards[MatchRef("sportrix", 41282)]
        soccer.focus()
        await pilot.press("enter")
        charts = detail_text(app.screen).split("Statistics")[0]
        assert "#" in charts and "^ Arsenal" in charts
        assert not any("\u2800" <= c <= "\u28ff" or "\u2580" <= c <= "\u259f" for c in charts)


@pytest.mark.parametrize("size", [(120, 40), (122, 40), (202, 50)])
async def test_the_lead_tracker_fits_wide_detail_views_whole(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Its columns add up to the width: no row cut with `…` (issue 25, 20)."""
    app = replay_app(charts_recording(tmp_path), replay_speed=20_000.0)
    async with app.run_test(size=size) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 60)
        basketball = app.cards[MatchRef("scorelytics", "xyz789")]
        basketball.focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MatchDetailScreen)
        await pilot.pause()
        text = detail_text(screen, screen.body.content_size.width)
        chart = text.split("Lead tracker", 1)[1].splitlines()[1:9]
        assert len(chart) == 8 and not [row for row in chart if row.rstrip().endswith("…")], chart
