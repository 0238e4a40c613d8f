"""The real app with Scorelytics from the real simulator: panels, mixed sessions, staleness."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers.app import card, card_text, server_until, until, watch_events

from scoreboard.providers.base import ProviderSettings
from scoreboard.settings import Settings
from scoreboard.sim.runner import SimulatorThread
from scoreboard.sim.scorelytics import DEMO_KEY, ScorelyticsControl
from scoreboard.sim.scorelytics.catalog import BASKETBALL_LIVE, FOOTBALL_LIVE
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.render.basketball import game_clock

SCORELYTICS = "scorelytics"


def make(sim: SimulatorThread, default: str, *matches: str) -> ScoreboardApp:
    api = ScorelyticsControl(sim)
    settings = Settings(
        provider=default,
        providers={
            "sportrix": ProviderSettings("sportrix", sim.url, api_key="sk_demo"),
            SCORELYTICS: ProviderSettings(SCORELYTICS, api.base_url, api_key=DEMO_KEY),
        },
        matches=matches,
        log_path=Path("/tmp") / "sportrix-tui-test.log",
    )
    app = make_app(settings)
    watch_events(app)
    return app


def has_snapshot(app: ScoreboardApp, match_id: int | str, provider: str = SCORELYTICS) -> bool:
    panel = card(app, match_id, provider)
    return panel.snapshot is not None and not panel.stale


async def test_basketball_and_football_panels_from_scorelytics(sim_factory) -> None:
    sim = sim_factory(speed=0)
    api = ScorelyticsControl(sim)
    app = make(sim, SCORELYTICS, FOOTBALL_LIVE, BASKETBALL_LIVE)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            app, lambda: has_snapshot(app, FOOTBALL_LIVE) and has_snapshot(app, BASKETBALL_LIVE)
        )
        await pilot.pause()
        fields = api.fields(FOOTBALL_LIVE)
        shown = card_text(card(app, FOOTBALL_LIVE, SCORELYTICS))
        assert fields["home_team"] in shown and fields["away_team"] in shown
        assert f"{fields['home_score']} - {fields['away_score']}" in shown
        assert f"{fields['minute']}'" in shown and "LIVE" in shown

        fields = api.fields(BASKETBALL_LIVE)
        shown = card_text(card(app, BASKETBALL_LIVE, SCORELYTICS))
        assert fields["home_team"] in shown and fields["away_team"] in shown
        assert f"{fields['home_score']} - {fields['away_score']}" in shown
        assert f"Period {fields['period']}" in shown
        assert game_clock(fields["game_clock_secs"]) in shown and "LIVE" in shown
        assert app.diagnostics.connections[SCORELYTICS].phase == "live"

        # Run the basketball game to its end: the panel says so and keeps the result.
        await asyncio.to_thread(sim.advance, 4 * 3600)
        panel = card(app, BASKETBALL_LIVE, SCORELYTICS)
        await until(app, lambda: panel.snapshot is not None and panel.snapshot.status == "finished")
        await pilot.pause()
        fields = api.fields(BASKETBALL_LIVE)
        shown = card_text(panel)
        assert f"{fields['home_score']} - {fields['away_score']}" in shown
        assert "FINAL" in shown and "FULL-TIME" not in shown and not panel.stale  # a game
        await server_until(sim, lambda: api.close_codes(BASKETBALL_LIVE) == [1000])


async def test_an_unknown_match_says_so_on_its_panel(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = make(sim, SCORELYTICS, FOOTBALL_LIVE, "nope99")
    async with app.run_test(size=(120, 40)) as pilot:
        failed = card(app, "nope99", SCORELYTICS)
        await until(app, lambda: failed.error is not None)
        await pilot.pause()
        assert "HTTP 404" in card_text(failed)
        await until(app, lambda: has_snapshot(app, FOOTBALL_LIVE))
        assert app.query_one("#grid").display  # no full-screen refusal


async def test_mixed_session_one_socket_down_greys_only_its_panel(sim_factory) -> None:
    sim = sim_factory(speed=0)
    api = ScorelyticsControl(sim)
    app = make(
        sim, "sportrix", "41282", f"scorelytics:{FOOTBALL_LIVE}", f"scorelytics:{BASKETBALL_LIVE}"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            app,
            lambda: (
                has_snapshot(app, 41282, "sportrix")
                and has_snapshot(app, FOOTBALL_LIVE)
                and has_snapshot(app, BASKETBALL_LIVE)
            ),
        )
        await server_until(sim, lambda: len(api.open_sockets()) == 2)
        await pilot.pause()
        assert "Arsenal" in card_text(card(app, 41282, "sportrix"))
        assert api.fields(FOOTBALL_LIVE)["home_team"] in card_text(
            card(app, FOOTBALL_LIVE, SCORELYTICS)
        )
        # The default provider's label is the bare id; the other one's says its provider.
        assert card(app, FOOTBALL_LIVE, SCORELYTICS).label == f"scorelytics:{FOOTBALL_LIVE}"

        football = card(app, FOOTBALL_LIVE, SCORELYTICS)
        api.drop(FOOTBALL_LIVE)
        await until(app, lambda: football.stale)
        assert not card(app, BASKETBALL_LIVE, SCORELYTICS).stale
        assert not card(app, 41282, "sportrix").stale
        # Back within the retry delay (3 s), from a fresh snapshot.
        await until(app, lambda: not football.stale, timeout=10)
        assert api.rest_reads(FOOTBALL_LIVE) == 2


async def test_football_detail_says_the_provider_sends_no_events(sim_factory) -> None:
    """Issue 25, 13: at 2-2 the detail said "No events yet." and drew empty momentum
    axes; Scorelytics sends no events: say so, and draw no empty chart."""
    from helpers.app import detail_text

    from scoreboard.ui.screens.detail import MatchDetailScreen

    sim = sim_factory(speed=0)
    app = make(sim, SCORELYTICS, FOOTBALL_LIVE)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: has_snapshot(app, FOOTBALL_LIVE))
        card(app, FOOTBALL_LIVE, SCORELYTICS).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MatchDetailScreen)
        text = detail_text(app.screen)
        assert "No events yet" not in text and "sends no events" in text, text
        assert "Momentum" not in text and "Match timeline" not in text, text
