"""A key with only `live_scores`: the app follows its matches by polling REST `/live`.

Through the real app against the real simulator: the stream refuses the key,
the app polls instead (banner, POLLING badge, no stats), a 404 says "no such
match" on its panel, a key revoked mid-session brings the refusal screen.
"""

from __future__ import annotations

from dataclasses import replace

from helpers.app import card, card_text, settings_for, text_of, until, watch_events
from textual.widgets import Static

from scoreboard.core import derive
from scoreboard.core.models import Clock
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.widgets.match_panel import POLLING_NOTE
from scoreboard.ui.widgets.status_bar import StatusBar

#: The shortest interval a user may set: keeps these tests short.
INTERVAL = 2.0


def polling_app(
    sim: SimulatorThread, *matches: str, key: str = "sk_demo_scores", poll: bool = False
) -> ScoreboardApp:
    settings = settings_for(sim, *matches, key=key)
    sportrix = replace(settings.provider_settings("sportrix"), poll=poll, poll_interval=INTERVAL)
    app = make_app(settings.with_provider(sportrix))
    watch_events(app)
    return app


def phase(app: ScoreboardApp) -> str | None:
    state = app.diagnostics.connections.get("sportrix")
    return state.phase if state is not None else None


async def test_a_live_scores_key_follows_41282_by_polling_and_the_clock_advances(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    app = polling_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        await until(app, lambda: panel.snapshot is not None and phase(app) == "live")
        await pilot.pause()
        assert not app.query_one("#refused").display and app.query_one("#grid").display
        banner = app.query_one("#poll-banner", Static)
        assert banner.display
        assert (
            "polling every 2 s: this key has live_scores but not live_scores_statistics; "
            "stats need the stream"
        ) in str(banner.render())
        assert "polling" in app.query_one(StatusBar).render().plain
        shown = card_text(panel)
        assert "POLLING" in shown and "LIVE" in shown
        live = sim.snapshot(41282)
        assert f"{live['score']['home']} - {live['score']['away']}" in shown
        assert derive.clock_text(Clock(**live["clock"])) in shown
        assert live["phase"]["label"] in shown
        # What /live does not send is not shown: no stats, no events.
        assert panel.snapshot.stats is None and panel.snapshot.events is None
        assert "Possession" not in shown and POLLING_NOTE in shown
        assert sim.stats()["connections_total"] == 0  # the stream never opened

        before = panel.snapshot.clock
        sim.advance(90)
        await until(app, lambda: panel.snapshot.clock != before, timeout=INTERVAL * 4)
        assert (panel.snapshot.clock.minute, panel.snapshot.clock.second) > (
            before.minute,
            before.second,
        )
        hits = sim.rest_log("/v1/matches/41282/live")
        assert len(hits) >= 2 and hits[1].at - hits[0].at >= INTERVAL * 0.95


async def test_a_404_says_no_such_match_on_its_panel_only(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = polling_app(sim, "41282", "999999")
    async with app.run_test(size=(120, 40)) as pilot:
        missing = card(app, 999999)
        await until(app, lambda: missing.error is not None and card(app, 41282).snapshot)
        await pilot.pause()
        assert missing.error == "no such match"
        assert "no such match" in card_text(missing)
        assert card(app, 41282).error is None


async def test_a_key_revoked_mid_session_falls_back_to_the_refusal_screen(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = polling_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: card(app, 41282).snapshot is not None)
        sim.faults.revoke_key("sk_demo_scores")
        await until(app, lambda: phase(app) == "refused", timeout=INTERVAL * 4)
        await pilot.pause()
        assert app.query_one("#refused").display and not app.query_one("#grid").display
        assert not app.query_one("#poll-banner").display
        shown = text_of(app.query_one("#refused-text", Static).content, 100)
        assert "revoked" in shown and "sk_demo_scores" not in shown


async def test_a_key_both_refuse_gets_the_refusal_screen(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = polling_app(sim, "41282", key="sk_demo_disabled")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: phase(app) == "refused")
        await pilot.pause()
        assert app.query_one("#refused").display
        shown = text_of(app.query_one("#refused-text", Static).content, 100)
        assert "disabled" in shown and "REST live endpoint refused it too" in shown
        assert [h.status for h in sim.rest_log()] == [401]


async def test_poll_forces_polling_with_a_full_key(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = polling_app(sim, "41282", "41300", key="sk_demo", poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all(c.snapshot for c in app.cards.values()))
        await pilot.pause()
        assert all("POLLING" in card_text(c) for c in app.cards.values())
        assert "(--poll)" in str(app.query_one("#poll-banner", Static).render())
        assert sim.stats()["connections_total"] == 0
        # Cricket too: score and overs, no scorecard.
        cricket = card(app, 41300).snapshot
        assert cricket.scorecard is None and cricket.batsmen
