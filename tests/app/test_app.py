"""The real app against the real simulator: what a user sees and does."""

from __future__ import annotations

from typing import Any

from helpers.app import (
    KEY_SOURCE,
    all_live,
    app_for,
    card,
    card_text,
    detail_text,
    lines_of,
    screen_until,
    server_until,
    subscribed,
    text_of,
    until,
)
from textual.widgets import Static

from scoreboard.core import derive
from scoreboard.core.models import Clock, Event
from scoreboard.ui.render.soccer import CARD_EVENTS, CARD_STATS, STAT_ORDER, panel_events
from scoreboard.ui.screens.add_match import AddMatchScreen
from scoreboard.ui.screens.detail import MatchDetailScreen


def _stat_names(snap: dict[str, Any]) -> list[str]:
    stats = snap.get("stats") or {}
    known = [name for name in STAT_ORDER if name in stats]
    return known + [name for name in stats if name not in STAT_ORDER]


async def test_soccer_and_cricket_panels_show_every_contract_field(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        snap = sim.snapshot(41282)
        shown = card_text(card(app, 41282))
        assert snap["home"] in shown and snap["away"] in shown
        assert f"{snap['score']['home']} - {snap['score']['away']}" in shown
        assert derive.clock_text(Clock(**snap["clock"])) in shown
        assert snap["phase"]["label"] in shown
        assert "Premier League" in shown and "LIVE" in shown
        for name in _stat_names(snap)[:CARD_STATS]:
            assert derive.stat_label(name) in shown
        for event in panel_events([Event(**e) for e in snap["events"]], CARD_EVENTS):
            assert event.player in shown

        snap = sim.snapshot(41300)
        shown = card_text(card(app, 41300))
        for side in ("home", "away"):
            assert snap[side] in shown
            total = snap["score"][side]
            if total:
                assert f"{total['runs']}/{total['wickets']} ({total['overs']})" in shown
        for batter in snap["batsmen"]:
            assert batter["name"] in shown
        striker = next(b for b in snap["batsmen"] if b["on_strike"])
        assert f"{striker['name']}*" in shown
        assert snap["bowler"]["name"] in shown
        assert f"Over {snap['over']['number'] + 1}:" in shown
        assert "CRR" in shown and "T20" in shown
        if snap.get("target"):
            assert f"Target {snap['target']}" in shown and "needs" in shown


async def test_detail_view_has_every_stat_event_and_innings(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41282).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        body = detail_text(app.screen)
        snap = sim.snapshot(41282)
        for name in _stat_names(snap):
            assert derive.stat_label(name) in body
        for event in snap["events"]:
            assert event["player"] in body
        await pilot.press("escape")
        assert not isinstance(app.screen, MatchDetailScreen)

        card(app, 41300).focus()
        await pilot.press("enter")
        body = detail_text(app.screen)
        snap = sim.snapshot(41300)
        for innings in snap["scorecard"]:
            assert f"{innings['runs']}/{innings['wickets']} ({innings['overs']})" in body
            for entry in innings["batting"]:
                assert entry["name"] in body
            for bowler in innings["bowling"]:
                assert bowler["name"] in body
        assert "Extras" in body


async def test_keyboard_adds_and_removes_matches_on_the_socket(sim) -> None:
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("a")
        assert isinstance(app.screen, AddMatchScreen)
        await pilot.press(*"41283", "enter")
        added = card(app, 41283)
        assert app.focused_card is added
        await until(app, lambda: added.snapshot is not None)
        await server_until(sim, lambda: subscribed(sim) == {41282, 41283})

        await pilot.press("d")
        assert set(app.cards) == {card(app, 41282).ref}
        await server_until(sim, lambda: subscribed(sim) == {41282})
        assert app.focused_card is card(app, 41282)


async def test_add_dialog_picks_from_the_live_catalog_filtered_as_you_type(sim) -> None:
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AddMatchScreen)
        await dialog.catalog_worker.wait()
        await pilot.press(*"dortmund")
        await pilot.pause()
        options = dialog.query_one("#add-list")
        assert options.option_count == 1  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(app, lambda: card(app, 41285).snapshot is not None)
        assert "Borussia Dortmund" in card_text(card(app, 41285))


async def test_add_dialog_refuses_bad_and_duplicate_ids(sim) -> None:
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        dialog = app.screen
        await pilot.press(*"-5", "enter")
        error = dialog.query_one("#add-error", Static)
        assert "positive whole number" in text_of(error.content)
        await pilot.press("ctrl+u", *"41282", "enter")
        # Already on screen: the dialog closes on that panel, as Live now does (issue 25, 19).
        assert app.screen is not dialog and app.focused_card is card(app, 41282)
        assert len(app.cards) == 1


async def test_error_frame_lands_on_the_panel_of_its_subscribe(sim) -> None:
    app = app_for(sim, "41282", "41312", "41300")  # 41312 kicks off in 9 minutes
    async with app.run_test(size=(120, 40)) as pilot:
        failed = card(app, 41312)
        await until(app, lambda: failed.error is not None)
        await until(app, lambda: all(card(app, m).snapshot for m in (41282, 41300)))
        await pilot.pause()
        assert failed.error == "match not live or not found"
        assert "Kick-off" in card_text(failed)  # what the catalog says of it
        assert card(app, 41282).error is None and card(app, 41300).error is None


async def test_refused_key_explains_itself_without_retrying(sim) -> None:
    app = app_for(sim, "41282", key="sk_demo_expired")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            app,
            lambda: (
                "sportrix" in app.diagnostics.connections
                and app.diagnostics.connections["sportrix"].phase == "refused"
            ),
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#refused").display and not app.query_one("#grid").display
        shown = text_of(app.query_one("#refused-text", Static).content, 100)
        assert KEY_SOURCE in shown
        assert "expired" in shown and "live_scores_statistics" in shown
        assert "sportrix-tui --demo" in shown
        assert "sk_demo_expired" not in shown
        assert sim.stats()["handshakes_refused"] == 1


async def test_server_restart_brings_every_panel_back_without_user_action(sim) -> None:
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        before = {ref: c.updates for ref, c in app.cards.items()}
        sim.restart(downtime=1.5)
        await until(app, lambda: all(c.stale for c in app.cards.values()))
        # Both panels are on screen: they look stale too, not only know it.
        panels = list(app.cards.values())
        await screen_until(pilot, lambda: all(c.has_class("-stale") for c in panels), 1.0)
        assert all("STALE" in str(c.border_subtitle) for c in panels)
        await until(app, lambda: all_live(app), timeout=20)
        assert all(c.updates > before[ref] for ref, c in app.cards.items())
        assert sim.stats()["connections_open"] == 1
        await screen_until(pilot, lambda: not any(c.has_class("-stale") for c in panels), 1.0)


async def test_arrow_keys_move_focus_across_the_grid(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282", "41283", "41284")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.focused_card is card(app, 41282)
        await pilot.press("right")
        assert app.focused_card is card(app, 41283)
        await pilot.press("left", "down")  # two columns at 120 wide
        assert app.focused_card is card(app, 41284)


async def test_a_refused_match_comes_alive_at_kick_off(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41310")  # scheduled: kicks off a few simulated minutes in
    async with app.run_test(size=(120, 40)):
        app.feed.retry_failed_after = 0.2
        waiting = card(app, 41310)
        await until(app, lambda: waiting.summary is not None)
        assert "goes live here by itself" in card_text(waiting)
        sim.advance(15 * 60)
        await until(app, lambda: waiting.snapshot is not None and waiting.error is None)
        assert waiting.snapshot.status == "live"
        assert "Tottenham Hotspur" in card_text(waiting)


async def test_a_goal_flashes_its_panel_and_the_detail_view_follows_live(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        await until(app, lambda: panel.snapshot is not None)
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, MatchDetailScreen)

        def goals() -> int:
            score = sim.snapshot(41282)["score"]
            return score["home"] + score["away"]

        before = goals()
        for _ in range(60):  # the seed decides when; a goal comes within the hour
            sim.advance(60)
            if goals() > before:
                break
        assert goals() > before
        await until(app, lambda: panel.snapshot.score.home + panel.snapshot.score.away > before)
        assert panel.highlighted
        score = sim.snapshot(41282)["score"]
        shown = f"{score['home']} - {score['away']}"
        await screen_until(pilot, lambda: shown in detail_text(detail), timeout=2)
        # The panel was behind the detail view: it lights up when seen again.
        await pilot.press("escape")
        await screen_until(pilot, lambda: panel.has_class("-highlight"), timeout=2)


async def test_the_flash_shows_when_its_panel_is_seen_and_then_ends(
    sim_factory, monkeypatch
) -> None:
    from scoreboard.ui.widgets import panel_look

    monkeypatch.setattr(panel_look, "HIGHLIGHT_SECONDS", 1.0)
    sim = sim_factory(speed=0)
    ids = [41282, 41283, 41286, 41289]  # four soccer matches; one panel fits the screen
    app = app_for(sim, *map(str, ids))
    async with app.run_test(size=(60, 20)) as pilot:
        await until(app, lambda: all_live(app))
        panels = [card(app, i) for i in ids]
        for _ in range(90):  # the seed decides when; a goal comes within the hour
            sim.advance(60)
            await pilot.pause(0.05)
            if any(p.highlighted for p in panels):
                break
        scorer = next(p for p in panels if p.highlighted)
        scorer.focus()
        scorer.scroll_visible(animate=False)
        await screen_until(pilot, lambda: scorer.has_class("-highlight"), timeout=2)
        await screen_until(pilot, lambda: not scorer.has_class("-highlight"), timeout=3)
        assert not scorer.highlighted


async def test_help_diagnostics_and_the_command_palette(sim) -> None:
    from scoreboard.ui.screens.diagnostics import DiagnosticsScreen
    from scoreboard.ui.screens.help import HelpScreen

    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "i")
        assert isinstance(app.screen, DiagnosticsScreen)
        shown = text_of(app.screen.query_one("#diag-body", Static).content, 100)
        assert "Sportrix  live" in shown
        await pilot.press("escape", "ctrl+p")
        await pilot.press(*"Add match")
        await pilot.press("enter")
        assert isinstance(app.screen, AddMatchScreen)


async def test_what_the_screen_shows_is_the_newest_state_after_many_updates(sim_factory) -> None:
    """Panels refresh only the lines that changed: the composited screen must
    still match each panel's full layout of its newest snapshot, line by line."""
    from scoreboard.ui.paint.beat import PAINT_INTERVAL

    sim = sim_factory(speed=0)
    matches = ("41282", "41284", "41300", "41302")
    app = app_for(sim, *matches)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        for step in range(12):
            sim.advance(23 + step * 7)  # clocks, scores, events, overs move by varied amounts
            truth = {m: sim.snapshot(int(m))["updated_at"] for m in matches}
            await until(
                app,
                lambda t=truth: all(card(app, int(m)).snapshot.updated_at == t[m] for m in matches),
            )
            await pilot.pause(2 * PAINT_INTERVAL)
            for m in matches:
                panel = card(app, int(m))
                shown = [strip.text for strip in lines_of(app, panel)]
                body = [line.plain for line in panel.body(panel.inner_size.width)]
                inner = [row[2:-2] for row in shown[1 : 1 + len(body)]]  # border and padding
                assert inner == body, (step, m)
