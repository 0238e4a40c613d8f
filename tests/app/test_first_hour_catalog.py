"""Finished, scheduled, unknown and not-covered matches (issue 12, items 8 and 19).

The stream answers all of them with an error frame; the app asks the REST
catalog what each one is and shows that, through the real app against the
simulator's stream and catalog.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers.app import all_live, app_for, card, card_text, server_until, until

from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.widgets.match_panel import MatchPanel

FINISHED_SOCCER, FINISHED_CRICKET, SCHEDULED, UNKNOWN = 41320, 41321, 41310, 99999
SCHEDULED_CRICKET = 41311
#: Long enough for several retries at the tests' retry interval, were there any.
RETRY = 0.1


def shown(app: ScoreboardApp, match_id: int) -> str:
    return shown_card(card(app, match_id))


def shown_card(panel: MatchPanel) -> str:
    return " ".join(card_text(panel).split())


async def no_retry_for(app: ScoreboardApp, sim, pilot) -> None:  # type: ignore[no-untyped-def]
    """The server sees no further subscribe (each would be answered by an error frame)."""
    errors = sim.stats()["errors_sent"]
    await pilot.pause(RETRY * 8)
    assert sim.stats()["errors_sent"] == errors


async def test_a_finished_match_shows_its_final_score_and_result(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, str(FINISHED_SOCCER), str(FINISHED_CRICKET))
    async with app.run_test(size=(120, 40)) as pilot:
        app.feed.retry_failed_after = RETRY
        for match_id in (FINISHED_SOCCER, FINISHED_CRICKET):
            await until(app, lambda m=match_id: card(app, m).summary is not None)
        await pilot.pause()
        soccer, cricket = sim.snapshot(FINISHED_SOCCER), sim.snapshot(FINISHED_CRICKET)
        text = shown(app, FINISHED_SOCCER)
        score = soccer["score"]
        assert f"{soccer['home']} {score['home']} - {score['away']} {soccer['away']}" in text
        winner = soccer["home"] if score["home"] > score["away"] else soccer["away"]
        assert f"{winner} won" in text or "Draw" in text
        assert "FULL-TIME" in text and "Premier League" in text
        assert "Asking again" not in text and "Press c to clear finished" in text
        assert "stream said" not in text and "not live or not found" not in text
        text = shown(app, FINISHED_CRICKET)
        home = cricket["score"]["home"]
        assert f"{home['runs']}/{home['wickets']} ({home['overs']})" in text
        assert cricket["result"] in text
        await no_retry_for(app, sim, pilot)


def body_lines(app: ScoreboardApp, match_id: int) -> list[str]:
    panel = card(app, match_id)
    return [line.plain for line in panel.body(panel.inner_size.width)]


def centred(line: str) -> bool:
    left, right = len(line) - len(line.lstrip()), len(line) - len(line.rstrip())
    return abs(left - right) <= 1 and left > 0


@pytest.mark.parametrize("key", ["sk_demo", "sk_demo_scores"], ids=["stream", "polling"])
async def test_finished_panels_centre_the_result_and_do_not_repeat_the_refusal(
    sim_factory, key: str
) -> None:
    """Issue 25, 11: "Everton won 3-2" under its centred score; no "The stream said:
    match not live or not found" (under polling that was not even the stream's word)."""
    sim = sim_factory(speed=0)
    app = app_for(sim, str(FINISHED_SOCCER), str(FINISHED_CRICKET), key=key)
    async with app.run_test(size=(120, 40)) as pilot:
        for match_id in (FINISHED_SOCCER, FINISHED_CRICKET):
            await until(app, lambda m=match_id: card(app, m).summary is not None)
        await pilot.pause()
        for match_id in (FINISHED_SOCCER, FINISHED_CRICKET):
            text = shown(app, match_id)
            assert "said" not in text and "not live or not found" not in text, text
        result = next(line for line in body_lines(app, FINISHED_SOCCER) if " won " in line)
        assert centred(result), repr(result)


async def test_a_scheduled_cricket_match_does_not_kick_off(sim_factory) -> None:
    sim = sim_factory(speed=0, epoch=datetime.now(UTC))
    app = app_for(sim, str(SCHEDULED_CRICKET))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: card(app, SCHEDULED_CRICKET).summary is not None)
        await pilot.pause()
        text = shown(app, SCHEDULED_CRICKET)
        assert "Starts " in text and "in " in text and "Kick-off" not in text, text


async def test_a_finished_basketball_game_is_final_not_full_time(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "scorelytics:ghi012")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, "ghi012", "scorelytics")
        await until(app, lambda: panel.snapshot is not None or panel.summary is not None)
        await pilot.pause()
        text = shown_card(panel)
        assert "FINAL" in text and "FULL-TIME" not in text, text


async def test_a_scheduled_match_counts_down_and_goes_live_by_itself(sim_factory) -> None:
    sim = sim_factory(speed=0, epoch=datetime.now(UTC))  # kick-off times from now
    app = app_for(sim, str(SCHEDULED))
    async with app.run_test(size=(120, 40)) as pilot:
        app.feed.retry_failed_after = RETRY
        panel = card(app, SCHEDULED)
        await until(app, lambda: panel.summary is not None)
        await pilot.pause()
        text = shown(app, SCHEDULED)
        assert "Tottenham Hotspur v Manchester United" in text
        assert "SCHEDULED" in text and "Kick-off" in text
        # The simulator lists it three simulated minutes ahead; its clock is real time.
        assert "in 3 min" in text or "in 2 min" in text, text
        assert "goes live here by itself" in text
        sim.advance(15 * 60)
        await until(app, lambda: panel.snapshot is not None and panel.error is None)
        assert panel.snapshot.status == "live"
        assert "LIVE" in shown(app, SCHEDULED) and "goes live here" not in shown(app, SCHEDULED)


async def test_an_id_the_catalog_does_not_know_says_no_such_match_and_stops(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, str(UNKNOWN), "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        app.feed.retry_failed_after = RETRY
        panel = card(app, UNKNOWN)
        await until(app, lambda: panel.error_final)
        await pilot.pause()
        text = shown(app, UNKNOWN)
        assert f"no such match: Sportrix has no match {UNKNOWN}" in text
        assert "Asking again" not in text and f"Press d to remove {UNKNOWN}" in text
        await no_retry_for(app, sim, pilot)


async def test_a_sport_outside_the_keys_allowlist_says_so_and_is_not_retried(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300", key="sk_demo_soccer")
    async with app.run_test(size=(120, 40)) as pilot:
        app.feed.retry_failed_after = RETRY
        panel = card(app, 41300)
        await until(app, lambda: panel.error is not None and card(app, 41282).snapshot is not None)
        await pilot.pause()
        text = shown(app, 41300)
        assert "sport 'cricket' is not enabled for this API key" in text
        assert panel.error_final and "Asking again" not in text
        await no_retry_for(app, sim, pilot)


async def test_a_finished_match_is_never_stale(sim_factory) -> None:
    """Item 19: during an outage the live panels go stale; the finished one does not."""
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41283")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        done, live = card(app, 41282), card(app, 41283)
        while sim.snapshot(41282)["status"] != "finished":
            sim.advance(30 * 60)
        await until(app, lambda: done.snapshot.status == "finished")
        assert sim.snapshot(41283)["status"] == "live"
        sim.restart(downtime=1.0)
        await until(app, lambda: live.stale)
        await pilot.pause()
        assert not done.stale and "STALE" not in shown(app, 41282)
        assert "FULL-TIME" in shown(app, 41282)
        await until(app, lambda: not live.stale, timeout=20)
        # Back: the finished match is refused as not live, which changes nothing on screen.
        await server_until(sim, lambda: sim.stats()["errors_sent"] >= 1)
        await pilot.pause()
        assert done.error is None and "FULL-TIME" in shown(app, 41282)
