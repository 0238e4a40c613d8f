"""Chaos: the real app against a misbehaving simulator, and what it must still do.

Every test drives `ScoreboardApp` through `run_test` against the real
simulator on loopback (frozen, speed 0, so the server's state is exact and
moves only by `advance()`), injects faults, and waits on the app's own
events. They prove: reconnects with capped, jittered backoff; one socket at
a time (the simulator's `connections_max` and the client's own TCP sockets);
every match resubscribed; panels stale while down; convergence to the
server's current state within 15 s once the faults stop; a revoked key ends
on the refusal screen without hammering the server.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from dataclasses import replace
from pathlib import Path

import msgspec
import pytest
from helpers.app import (
    all_live,
    card_text,
    screen_until,
    server_until,
    subscribed,
    text_of,
    until,
)
from helpers.chaos import CHAOS, Chaos, bad_frames, chaos_app, expected, mismatched
from textual.widgets import Static

from scoreboard.core.events import ConnectionChanged, MatchRef
from scoreboard.core.models import Clock
from scoreboard.logs import setup_logging
from scoreboard.net.backoff import Backoff
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen

#: Live matches that stay live for the simulated time these tests play.
SOCCER = [41282, 41283, 41284, 41287, 41289]
CRICKET = [41301, 41302]
MATCHES = SOCCER + CRICKET
CONVERGE_SECONDS = 15.0


def ids(*matches: int) -> list[str]:
    return [str(m) for m in matches]


async def converge(app, sim, matches: list[int]) -> float:  # type: ignore[no-untyped-def]
    """Seconds until every panel shows the server's current state (fails after 15 s)."""
    want = expected(sim, matches)
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        await until(app, lambda: not mismatched(app, want), timeout=CONVERGE_SECONDS)
    except TimeoutError:
        pytest.fail(f"panels {mismatched(app, want)} still differ after {CONVERGE_SECONDS} s")
    return loop.time() - started


async def test_random_faults_converge_with_one_socket_at_a_time(sim_factory, figures) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, *ids(*MATCHES))
    chaos = Chaos(sim, app, rec, random.Random(2024))
    async with app.run_test(size=(120, 40)):
        for _ in range(20):
            await chaos.round()
        # End in the middle of a fault, the matches moving on while the app is cut
        # off: the clock for the 15 s bound starts when the faults stop.
        await until(app, lambda: all_live(app), timeout=20)
        sim.faults.accept_then_close(True)
        sim.faults.drop_connections()
        await until(app, lambda: len(rec.connection_events("reconnecting")) >= 3, timeout=15)
        sim.advance(30)
        chaos.quiet()
        took = await converge(app, sim, MATCHES)
        await server_until(sim, lambda: subscribed(sim) == set(MATCHES))
        stats = app.providers["sportrix"].stats
        server = sim.stats()
        rejected = sum(stats.rejected.values())
        figures(
            faults=dict(chaos.injected),
            frames=stats.frames,
            reconnects=stats.reconnects,
            rejected=rejected,
            client_sockets_max=rec.sockets_max,
            server_connections_max=server["connections_max"],
            converge_seconds=took,
        )
        assert set(chaos.injected) == set(Chaos.FAULTS), chaos.injected
        assert rec.sockets_max == 1
        # A muted (half-open) socket is closed by the client but, not reading,
        # the server notices only when it reads again: it may count one more.
        assert server["connections_max"] <= 1 + chaos.injected["mute_pongs"]
        assert server["connections_open"] == 1
        assert rec.stale_violations == 0
        assert rejected == chaos.bad_sent
        assert stats.reconnects >= sum(chaos.injected.values()) - chaos.injected["bad_frames"]
        assert app.is_running


async def test_default_options_converge_within_15_s_after_a_bad_patch(sim_factory) -> None:
    """The app as shipped (default timings): restarts, drops, a server that closes at once."""
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, *ids(*MATCHES), options=None)
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        await asyncio.to_thread(sim.restart, abrupt=True, downtime=1.0)
        sim.advance(20)
        await until(app, lambda: len(rec.connection_events("live")) >= 2, timeout=15)
        sim.faults.cut_mid_frame()
        sim.faults.accept_then_close(True)
        await until(app, lambda: len(rec.connection_events("reconnecting")) >= 4, timeout=15)
        sim.advance(20)
        sim.faults.accept_then_close(False)
        took = await converge(app, sim, MATCHES)
        assert took < CONVERGE_SECONDS
        retries = rec.connection_events("reconnecting")
        assert max(e.retry_in or 0 for e in retries) <= 10.0  # the default cap
        assert sim.stats()["connections_max"] == 1
        assert rec.sockets_max == 1


async def test_accept_then_close_backs_off_exponentially_with_jitter_and_a_cap(
    sim_factory,
) -> None:
    sim = sim_factory(speed=0)
    options = replace(CHAOS, backoff_base=0.02, backoff_cap=0.3)
    app, rec = chaos_app(sim, "41282", "41300", options=options)
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        sim.faults.accept_then_close(True)
        sim.faults.drop_connections()
        await until(app, lambda: len(rec.connection_events("reconnecting")) >= 10)
        sim.faults.accept_then_close(False)
        await until(app, lambda: all_live(app))
        retries = rec.connection_events("reconnecting")[:10]
        assert [e.attempt for e in retries] == list(range(1, 11))
        probe = Backoff(options.backoff_base, options.backoff_cap)
        for event in retries:
            ceiling = probe.ceiling()
            probe.next_delay()
            assert ceiling / 2 <= (event.retry_in or 0) <= ceiling  # jitter, within the cap
        delays = [e.retry_in or 0 for e in retries]
        assert delays[4] > delays[0] * 4  # exponential at first
        assert len(set(delays[-4:])) == 4  # at the cap, jitter still spreads them
        assert sim.stats()["connections_max"] == 1
        assert rec.sockets_max == 1


async def test_panels_are_stale_while_disconnected_and_fresh_after(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        restart = asyncio.create_task(asyncio.to_thread(sim.restart, downtime=1.0))
        await until(app, lambda: all(c.stale for c in app.cards.values()))
        await pilot.pause()
        for card in app.cards.values():
            badge = text_of(card.border_subtitle)
            assert "STALE" in badge
        status = text_of(app.query_one("StatusBar").render(), 120)
        assert "reconnecting" in status
        await restart
        sim.advance(10)
        await converge(app, sim, [41282, 41301])
        assert all("STALE" not in text_of(c.border_subtitle) for c in app.cards.values())
        assert rec.stale_violations == 0


async def test_mid_frame_cut_is_a_lost_connection_never_half_a_frame(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, *ids(*MATCHES))
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        for fraction in (0.01, 0.5, 0.99):
            mark = len(rec.connection_events("reconnecting"))
            assert sim.faults.cut_mid_frame(fraction=fraction) == 1
            await until(app, lambda m=mark: len(rec.connection_events("reconnecting")) > m)
            assert "connection lost" in rec.connection_events("reconnecting")[-1].detail
            sim.advance(5)
            await converge(app, sim, MATCHES)
        assert not rec.rejected()  # a cut frame is never decoded, so never "rejected"
        assert sim.stats()["connections_max"] == 1


async def test_slow_delivery_still_subscribes_every_match(sim_factory) -> None:
    """Answers trickle in slower than `answer_timeout` in total, but steadily: no loop."""
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, *ids(*MATCHES))
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        sim.faults.set_delay(0.4)  # 7 answers take 2.8 s > answer_timeout (1.5 s)
        sim.faults.drop_connections()
        await until(app, lambda: len(rec.connection_events("live")) >= 2)
        await until(app, lambda: all_live(app), timeout=15)
        assert len(rec.connection_events("live")) == 2, "no reconnect loop under slow delivery"
        sim.faults.set_delay(0)


async def test_half_open_connection_is_detected_and_replaced(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        sim.faults.mute_pongs(True)
        await until(app, lambda: bool(rec.connection_events("reconnecting")))
        assert "no pong" in rec.connection_events("reconnecting")[0].detail
        assert all(c.stale for c in app.cards.values())
        sim.faults.mute_pongs(False)
        sim.advance(5)
        await converge(app, sim, [41282, 41301])
        # The client closed each dead socket before opening the next one.
        assert rec.sockets_max == 1


async def test_server_that_accepts_and_never_sends_is_left_and_retried(sim_factory) -> None:
    sim = sim_factory(speed=0)
    sim.faults.stall(True)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: len(rec.connection_events("reconnecting")) >= 2)
        assert all("stalled" in e.detail for e in rec.connection_events("reconnecting"))
        assert all(c.snapshot is None for c in app.cards.values())
        sim.faults.stall(False)
        await converge(app, sim, [41282, 41301])
        assert sim.stats()["connections_max"] == 1


async def test_key_revoked_across_a_restart_ends_on_the_refusal_screen(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        sim.faults.revoke_key("sk_demo")
        await asyncio.to_thread(sim.restart, downtime=0.3)
        await until(app, lambda: bool(rec.connection_events("refused")), timeout=15)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#refused").display and not app.query_one("#grid").display
        shown = text_of(app.query_one("#refused-text", Static).content, 100)
        assert "HTTP 401" in shown and "revoked" in shown
        assert "sk_demo" not in shown
        assert sim.stats()["handshakes_refused"] == 1  # refused once, never hammered
        assert all(c.stale for c in app.cards.values())


# -- bad frames ----------------------------------------------------------------------------------


@pytest.fixture
def log_file(log_file: Path) -> Path:
    """The app's log file, as the CLI sets it up."""
    setup_logging(log_file, secrets=["sk_demo"])
    return log_file


async def test_bad_frames_are_counted_shown_logged_and_leave_the_panel_alone(
    sim_factory, log_file: Path, figures
) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301", "41283")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        # A match removed: its frames are no longer wanted, like one never subscribed.
        removed = sim.snapshot(41283)
        app.remove_match(next(r for r in app.cards if r.id == 41283))
        await server_until(sim, lambda: subscribed(sim) == {41282, 41301})
        shown = {ref: card_text(c) for ref, c in app.cards.items()}
        states = {ref: c.snapshot for ref, c in app.cards.items()}

        soccer, cricket = sim.snapshot(41282), sim.snapshot(41301)
        frames = [
            *bad_frames(41282),
            json.dumps({"op": "update", "data": removed}),
            json.dumps({"op": "update", "data": {**soccer, "clock": {"minute": "67"}}}),
            json.dumps({"op": "update", "data": {**soccer, "stats": {"shots": [1, 2]}}}),
            json.dumps({"op": "update", "data": {**soccer, "events": {"0": "goal"}}}),
            json.dumps({"op": "update", "data": {**soccer, "status": None}}),
            json.dumps({"op": "update", "data": {**cricket, "innings": "2"}}),
            json.dumps({"op": "update", "data": {**cricket, "batsmen": [{"name": 7}]}}),
            json.dumps({"op": "update", "data": {**cricket, "over": None}}),
            json.dumps({"op": "snapshot", "data": {**cricket, "match_id": 2**70}}),
            json.dumps({"op": "error", "error": {"nested": True}}),
        ]
        for payload in frames:
            sim.faults.send_raw(payload)
        sim.faults.send_raw(b"\x00\xff binary", binary=True)
        sent = len(frames) + 1
        await until(app, lambda: sum(rec.rejected().values()) >= sent)
        await pilot.pause()

        kinds = rec.rejected()
        assert sum(kinds.values()) == sent
        assert set(kinds) >= {
            "not_json",
            "not_object",
            "unknown_op",
            "missing_data",
            "bad_match_id",
            "unsubscribed",
            "invalid_field",
            "missing_field",
            "too_deep",
        }
        assert {ref: c.snapshot for ref, c in app.cards.items()} == states
        assert {ref: card_text(c) for ref, c in app.cards.items()} == shown
        assert app.providers["sportrix"].stats.connects == 1  # a bad frame is not a reason to drop

        await pilot.press("i")
        assert isinstance(app.screen, DiagnosticsScreen)
        body = text_of(app.screen.query_one("#diag-body", Static).content, 100)
        for kind, count in kinds.items():
            assert re.search(rf"{kind}\s+.*\b{count}\b", body), (kind, count, body)
        assert re.search(rf"\b{sent} rejected\b", body)
        await pilot.press("escape")

        logged = log_file.read_text()
        for kind, count in kinds.items():
            assert logged.count(f"rejected frame from sportrix: {kind}:") == count
        figures(rejected_by_kind=dict(kinds))


async def test_an_unknown_sport_still_renders_teams_and_score(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        snap = {**sim.snapshot(41282), "sport": "curling", "score": {"home": 7, "away": 5}}
        sim.faults.send_raw(json.dumps({"op": "update", "data": snap}))
        panel = app.cards[next(iter(app.cards))]
        await until(app, lambda: panel.snapshot is not None and panel.snapshot.sport == "curling")
        await pilot.pause()
        text = card_text(panel)
        assert snap["home"] in text and snap["away"] in text and "7" in text and "5" in text
        assert not rec.rejected()


async def test_oversize_frame_drops_the_connection_not_the_app(sim_factory, log_file: Path) -> None:
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282", "41301", options=None, max_frame_bytes=4096)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        states = {ref: c.snapshot for ref, c in app.cards.items()}
        sim.faults.send_raw(json.dumps({"op": "update", "data": {"pad": "x" * 10_000}}))
        await until(app, lambda: bool(rec.connection_events("reconnecting")))
        assert "4096" in rec.connection_events("reconnecting")[0].detail
        assert all(c.stale for c in app.cards.values())
        assert {ref: c.snapshot for ref, c in app.cards.items()} == states  # last good state
        sim.advance(5)
        await converge(app, sim, [41282, 41301])
        assert rec.rejected() == {"oversize": 1}
        assert sim.stats()["connections_max"] == 1
        await pilot.press("i")
        body = text_of(app.screen.query_one("#diag-body", Static).content, 100)
        assert re.search(r"oversize\s+.*\b1\b", body)
        assert "rejected frame from sportrix: oversize:" in log_file.read_text()
        assert app.is_running


async def test_a_text_frame_with_broken_utf8_is_counted_and_the_feed_comes_back(
    sim_factory,
) -> None:
    """RFC 6455 makes the client fail the connection (1007): say so, then reconnect."""
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        state = next(iter(app.cards.values())).snapshot
        sim.faults.send_raw(b'{"op": "update", "data": {"match_id": 41282, "home": "\xc2 "}}')
        await until(app, lambda: bool(rec.connection_events("reconnecting")))
        assert rec.rejected() == {"not_utf8": 1}
        assert "not valid UTF-8" in rec.connection_events("reconnecting")[0].detail
        await until(app, lambda: all_live(app), timeout=15)
        assert next(iter(app.cards.values())).snapshot == state
        assert sim.stats()["connections_open"] == 1


async def test_a_binary_frame_with_broken_utf8_is_rejected_not_fatal(sim_factory) -> None:
    """Found by tests/test_fuzz.py: invalid UTF-8 inside a JSON string escaped the decoder."""
    sim = sim_factory(speed=0)
    app, rec = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        state = next(iter(app.cards.values())).snapshot
        broken = b'{"op": "update", "data": {"match_id": 41282, "home": "\xc2 "}}'
        for raw in (broken, b'{"op": "\xe2\x82"}'):
            sim.faults.send_raw(raw, binary=True)
        await until(app, lambda: sum(rec.rejected().values()) >= 2)
        assert rec.rejected() == {"not_json": 2}
        assert not rec.connection_events("reconnecting")
        assert not app.diagnostics.notices  # no "feed stopped unexpectedly"
        assert next(iter(app.cards.values())).snapshot == state


async def test_a_snapshot_on_its_way_when_the_connection_drops_leaves_the_panel_stale(
    sim_factory,
) -> None:
    """A frame received just before the connection went down is still on its way to its
    panel (waiting for the paint beat) when the drop is routed. The panel paints that
    snapshot and is stale: the late snapshot does not make it look live again."""
    sim = sim_factory(speed=0)
    app, _ = chaos_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = app.cards[MatchRef("sportrix", 41282)]
        assert panel.snapshot is not None
        clock = Clock(minute=89, second=59, period="2H")
        newer = msgspec.structs.replace(panel.snapshot, clock=clock)  # read before the drop
        app.feed.delivery.deliver(panel, newer)
        app.feed.handle_event(ConnectionChanged("sportrix", "reconnecting", "dropped"))
        await pilot.pause()
        await screen_until(pilot, lambda: panel.settled, 5)
        assert panel.snapshot.clock == clock
        assert panel.stale
        assert "STALE" in str(panel.border_subtitle)
