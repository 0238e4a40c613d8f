"""--record then --replay: the same frames through the same decoders to the same screens."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.app import screen_until, until
from helpers.recordings import panel_shows, record_session, replay_app

from scoreboard.core.events import MatchRef
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.widgets import panel_look


@pytest.fixture(autouse=True)
def brief_flashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A goal's flash (and the GOAL in its title) is over by the time a screen is
    compared, so the recorded and the replayed screen agree however fast each ran."""
    monkeypatch.setattr(panel_look, "HIGHLIGHT_SECONDS", 0.01)


async def test_record_then_replay_reproduces_the_final_screen(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "match.jsonl"
    shown = await record_session(sim, path)

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    lines = path.read_text().splitlines()
    assert json.loads(lines[0])["version"] == 1
    assert {json.loads(line)["p"] for line in lines[1:]} == {"sportrix", "scorelytics"}
    assert "sk_demo" not in path.read_text()

    app = replay_app(path)  # at the recorded pace: frames arrive as they did
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        await screen_until(pilot, lambda: all(c.settled for c in app.cards.values()), 5)
        await pilot.pause(0.2)
        replayed = {str(ref): panel_shows(panel) for ref, panel in app.cards.items()}
        assert "replay" in app.status.render().plain or "ended" in app.status.render().plain
    assert set(replayed) == {"sportrix:41282", "sportrix:41300", "scorelytics:abc123"}
    for ref, text in shown.items():
        # The same screen, but for the badge of a match still live: the replay ended.
        title, badge, body = text.split("\n", 2)
        again_title, again_badge, again_body = replayed[ref].split("\n", 2)
        assert (again_title, again_body) == (title, body), ref
        assert ("REPLAY ENDED" in again_badge) == (" LIVE " in badge), ref


async def test_replay_pauses_steps_and_seeks(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "match.jsonl.gz"
    await record_session(sim, path, steps=4)
    app = replay_app(path, replay_speed=0.001)  # it barely moves unless told to
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        soccer = app.cards[MatchRef("sportrix", 41282)]
        await pilot.press("space")
        assert player.paused
        # Step to the soccer match's first frame: on a busy machine the recording
        # spaces its first frames out, and at this speed waiting for it took seconds.
        while soccer.snapshot is None and not player.finished:
            await pilot.press("full_stop")
            await screen_until(pilot, lambda: all(c.settled for c in app.cards.values()), 5)
        assert soccer.snapshot is not None
        assert re.search(r"paused \d+:\d\d", app.status.render().plain)
        first = soccer.snapshot
        index = player.index
        await pilot.press("full_stop")
        assert player.index == index + 1
        await pilot.press("right_square_bracket")
        assert "paused 0:10" in app.status.render().plain or player.position == player.end
        await pilot.press("right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        assert player.finished
        await until(app, lambda: soccer.snapshot != first)
        last = soccer.snapshot
        await pilot.press("left_curly_bracket", "left_curly_bracket", "left_curly_bracket")
        await until(app, lambda: soccer.snapshot == first)
        history = app.feed.history.get(soccer.ref)
        assert history is not None and history.latest == first  # forgotten and replayed
        assert player.notable  # goals, wickets, runs in the recorded minutes
        first_notable = next(i for i, ref in player.notable if i >= player.index)
        await pilot.press("e")  # the next event: played up to and including it
        assert player.index == first_notable + 1
        assert soccer.snapshot is not None and last is not None


async def test_speed_keys_halve_and_double_the_replay_and_the_status_line_says_so(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "match.jsonl"
    await record_session(sim, path, steps=2)
    app = replay_app(path, replay_speed=0.001)  # far from the end while the keys are pressed
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await pilot.press("greater_than_sign")
        assert player.speed == 0.002
        assert "x0.002" in app.status.render().plain
        await pilot.press("less_than_sign")  # already under a quarter: it stays
        assert player.speed == 0.002
        await pilot.press("space")  # paused, the keys still set the speed it resumes at
        await pilot.press(*["greater_than_sign"] * 9)
        assert player.speed == 1.024
        before = player.position
        await pilot.press(*["less_than_sign"] * 4)  # down to a quarter, never below
        assert player.speed == 0.25
        assert re.search(r"replay paused \d+:\d\d / \d+:\d\d x0.25", app.status.render().plain)
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert player.speed == 1.0
        assert " x" not in app.status.render().plain  # normal speed says nothing
        assert player.position == before  # a speed change keeps the place
