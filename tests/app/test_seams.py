"""Issue 25, "broken where features meet": each test runs two features that share
state together, through the real app against the real simulator, and starts from a
state directory that already holds something (an earlier run's session, a density
chosen with `z`), never only a clean one.

Which pair each test covers (the issue's "Done when"):

- record x replay, replay x remembered session: `test_a_replay_shows_the_recording_*`
  (item 1) record a session, then replay it over a remembered session.
- density x resize: `test_a_resize_from_compact_to_full_*` (item 2) and
  `test_z_stops_at_auto_*` (item 5: `z` and the remembered density, then a resize).
- follow x remembered session: `test_matches_added_by_follow_*` (item 6).
- record x replay again: `test_a_replay_skips_the_gap_*` (item 7: two recording runs
  appended to one file, replayed to its end).
- delay x density: `test_a_delay_says_when_the_first_state_shows_*` (item 8).
- delay x hide x missed: `test_seams_time.py` (item 4).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from helpers.app import (
    all_live,
    all_shown,
    card_text,
    region_of,
    screen_text,
    screen_until,
    settings_for,
    toasts,
    until,
    watch_events,
)
from helpers.app import time_app as looks_app
from helpers.recordings import record_session, replay_app
from helpers.scenes import MANY

from scoreboard.core.events import MatchRef
from scoreboard.core.follows import parse_follow
from scoreboard.providers.registry import PROVIDERS
from scoreboard.recording.reader import read_recording
from scoreboard.settings import Settings, load_settings
from scoreboard.sim.runner import SimulatorThread
from scoreboard.state import RememberedSession, default_state_dir, save_session, session_path
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.screens.detail import MatchDetailScreen


def columns(app: ScoreboardApp) -> int:
    """Columns of panels on screen: the distinct left edges of the shown panels."""
    shown = map(partial(region_of, app), app.cards.values())
    return len({region.x for region in shown if region.area})


def cli_settings(tmp_path: Path) -> Settings:
    """Settings as the command line builds them: the user's state directory (the test's
    own, `XDG_STATE_HOME`) with its remembered session and density."""
    config = tmp_path / "config.toml"
    config.write_text("")
    return load_settings(environ={}, config=config)


# -- 1: a replay never reads or writes what a live run keeps ---------------------------


@pytest.mark.parametrize(
    "remembered",
    [
        RememberedSession(matches=[]),  # what a run with --match leaves
        RememberedSession(
            matches=["sportrix:41283"], focus="sportrix:41283", followed=["team:Chelsea"]
        ),
    ],
    ids=["after-a-match-run", "with-remembered-matches"],
)
async def test_a_replay_shows_the_recording_and_leaves_the_remembered_session_alone(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path, remembered: RememberedSession
) -> None:
    """record x replay and replay x remembered session (item 1)."""
    path = tmp_path / "rec.jsonl"
    await record_session(sim_factory(speed=0), path, steps=2)
    session = session_path()
    save_session(session, remembered)
    view = default_state_dir() / "view.json"
    view.write_text(json.dumps({"density": "ticker"}))
    kept = {file: file.read_bytes() for file in (session, view)}

    settings = replace(cli_settings(tmp_path), replay=path)
    app = make_app(settings, replay=read_recording(path, PROVIDERS))
    watch_events(app)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        assert [str(ref) for ref in app.shown_refs()] == [
            "sportrix:41282",
            "sportrix:41300",
            "scorelytics:abc123",
        ]
        await until(app, lambda: all(c.snapshot is not None for c in app.cards.values()))
        shown = screen_text(app)
        assert "No matches yet" not in shown and "Waiting for" not in shown
        assert app.grid.density == "full"  # the size's, not the live run's remembered ticker
        assert not app.fan.following.rules  # nor the live run's follow list
        await pilot.press("a", *"41285", "enter")  # added during the replay: not remembered
        await pilot.press("z")
    assert {file: file.read_bytes() for file in (session, view)} == kept


# -- 2 and 5: density x resize ---------------------------------------------------------


async def test_a_resize_from_compact_to_full_gives_the_columns_a_fresh_start_gives(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    """density x resize (item 2): 80x24 (compact) resized to 120x40 (full) shows the
    two columns a start at 120x40 shows, not one column of 118-wide panels."""
    sim = sim_factory(speed=0)
    default_state_dir().mkdir(parents=True, exist_ok=True)
    (default_state_dir() / "view.json").write_text(json.dumps({"colour": "kept"}))
    fresh = looks_app(sim, *MANY[:4], state_dir=default_state_dir())
    async with fresh.run_test(size=(120, 40)) as pilot:
        await all_shown(fresh)
        await pilot.pause()
        expected = columns(fresh)
    assert expected == 2

    app = looks_app(sim, *MANY[:4], state_dir=default_state_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await all_shown(app)
        await pilot.pause()
        assert app.grid.density == "compact"
        await pilot.resize_terminal(120, 40)
        await screen_until(pilot, lambda: app.grid.density == "full", 5)
        await pilot.pause()
        assert columns(app) == expected
        assert all(region_of(app, panel).width < 100 for panel in app.cards.values())


async def test_z_stops_at_auto_says_so_and_auto_is_remembered(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    """density x resize with the remembered density (item 5): a state directory holding
    `full` (an earlier `z`); `z` comes back to auto, says so, remembers it, and the next
    start at 80x24 follows the size again."""
    sim = sim_factory(speed=0)
    state = default_state_dir()
    state.mkdir(parents=True, exist_ok=True)
    (state / "view.json").write_text(json.dumps({"density": "full"}))
    app = looks_app(sim, "41282", "41300", state_dir=state)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(app, lambda: all_live(app))
        assert app.grid.density == "full"  # as chosen before
        seen: list[str] = []
        for _ in range(4):
            await pilot.press("z")
            seen.append(app.grid.density_choice)
            if app.grid.density_choice == "auto":
                break
        assert seen[-1] == "auto", seen
        await screen_until(pilot, lambda: any("Panels: auto" in t for t in toasts(app)), 5)
        assert app.grid.density == "compact"  # what auto shows at 80x24
        await pilot.resize_terminal(120, 40)
        await screen_until(pilot, lambda: app.grid.density == "full", 5)
    assert json.loads((state / "view.json").read_text()) == {"density": "auto"}

    again = looks_app(sim, "41282", state_dir=state)
    async with again.run_test(size=(80, 24)):
        await until(again, lambda: all_live(again))
        assert again.grid.density == "compact"


# -- 6: follow x remembered session ----------------------------------------------------


async def test_matches_added_by_follow_on_a_first_start_take_the_focus(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    """follow x remembered session (item 6): the session an earlier `--match` run left
    (no matches) and `follow = ["Liverpool"]`: the followed match that adds itself is
    focused, so the footer offers Remove and Detail and Enter opens it."""
    sim = sim_factory(speed=0)
    path = tmp_path / "state" / "session.json"
    save_session(path, RememberedSession(matches=[], dismissed=["sportrix:41300"]))
    settings = replace(
        settings_for(sim),
        session_path=path,
        follow=(parse_follow("Liverpool", ("sportrix", "scorelytics")),),
    )
    app = make_app(settings)
    watch_events(app)
    liverpool = MatchRef("sportrix", 41283)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: liverpool in app.cards, 10)
        await until(app, lambda: all_live(app))
        await screen_until(pilot, lambda: app.focused_card is app.cards[liverpool], 5)
        # The footer offers what the focused panel allows.
        await screen_until(
            pilot, lambda: "Remove" in screen_text(app) and "Detail" in screen_text(app), 5
        )
        await pilot.press("enter")
        await screen_until(pilot, lambda: isinstance(app.screen, MatchDetailScreen), 5)


# -- 7: record x replay: appended sessions, and the end of a replay ----------------------


async def test_a_replay_skips_the_gap_between_appended_sessions_and_ends_saying_so(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    """record x replay (item 7): two runs recorded to one file, the second 8 minutes after
    the first. The replay plays the recorded time only (says it skipped the gap) and,
    once ended, no panel still claims LIVE: each says the replay ended."""
    path = tmp_path / "rec.jsonl"
    await record_session(sim_factory(speed=0), path, steps=2)
    await record_session(sim_factory(speed=0), path, steps=2, clock=lambda: time.time() + 480)

    app = replay_app(path, replay_speed=100.0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        player = app.time.player
        assert player is not None
        assert player.end - player.start < 60  # the recorded minute, not the 8 between
        await screen_until(pilot, lambda: any("skipped 8 min" in t for t in toasts(app)), 5)
        await screen_until(pilot, lambda: player.finished, 10)
        live = [p for p in app.cards.values() if p.snapshot and p.snapshot.status == "live"]
        assert live
        await screen_until(
            pilot, lambda: all("REPLAY ENDED" in str(p.border_subtitle) for p in live), 5
        )
        assert not any("LIVE" in str(p.border_subtitle) for p in live)
        assert "replay ended" in app.status.render().plain
        # Paused, back a minute (to the start): not ended any more, and not said so.
        await pilot.press("space", "left_curly_bracket")
        await screen_until(
            pilot, lambda: not any("ENDED" in str(p.border_subtitle) for p in live), 5
        )


async def test_a_replay_that_ends_before_its_first_paint_still_says_it_ended(
    sim_factory: Callable[..., SimulatorThread], tmp_path: Path
) -> None:
    """record x replay: a replay so fast that every frame, and its end, is read before
    any panel has painted its first snapshot. The end is said after the snapshots it
    follows, not lost ahead of them: no panel is left claiming LIVE."""
    path = tmp_path / "rec.jsonl"
    await record_session(sim_factory(speed=0), path, steps=2)

    app = replay_app(path, replay_speed=1e6)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        await screen_until(
            pilot, lambda: all(p.snapshot is not None and p.settled for p in app.cards.values()), 5
        )
        live = [p for p in app.cards.values() if p.snapshot and p.snapshot.status == "live"]
        assert live
        assert all("REPLAY ENDED" in str(p.border_subtitle) for p in live)
        assert not any("LIVE" in str(p.border_subtitle) for p in live)


# -- 8: delay x density: the first seconds of a delay, and a finished match ---------------


@pytest.mark.parametrize("density", ["full", "compact"])
async def test_a_delay_says_when_the_first_state_shows_and_a_result_drops_its_badge(
    sim_factory: Callable[..., SimulatorThread], density: str
) -> None:
    """delay x density (item 8), from a state directory holding a density chosen with `z`:
    while a 30 s delay holds the first state the panel says when it will show (not
    "Waiting for 41282..."); a finished match, once shown, drops its `delayed 30 s`."""
    sim = sim_factory(speed=0)
    state = default_state_dir()
    state.mkdir(parents=True, exist_ok=True)
    (state / "view.json").write_text(json.dumps({"density": density}))
    now = [1000.0]
    app = looks_app(sim, "41282", "41321", delay=30.0, state_dir=state)
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.grid.density == density
        live, over = app.cards[MatchRef("sportrix", 41282)], app.cards[MatchRef("sportrix", 41321)]
        history = app.feed.history
        await screen_until(pilot, lambda: history.get(live.ref) is not None, 10)
        await screen_until(pilot, lambda: "first state in 30 s" in card_text(live), 5)
        assert "Waiting for" not in card_text(live)
        now[0] = 1018.0
        app.feed.spoilers.release()
        await screen_until(pilot, lambda: "first state in 12 s" in card_text(live), 5)
        now[0] = 1030.0
        app.feed.spoilers.release()
        await until(app, lambda: live.snapshot is not None)
        assert "first state" not in card_text(live)
        assert "delayed 30 s" in str(live.border_subtitle)  # still live: still delayed
        # A match over before the app started shows its result, with no delay badge.
        await screen_until(pilot, lambda: "FULL-TIME" in str(over.border_subtitle), 10)
        assert "delayed" not in str(over.border_subtitle)
        # The live one ends: once the delay shows full-time, its badge goes too.
        now[0] = 1040.0
        sim.advance(7200)
        await screen_until(pilot, lambda: history.get(live.ref).latest.status == "finished", 10)
        now[0] = 1070.0
        app.feed.spoilers.release()
        await until(app, lambda: live.snapshot is not None and live.snapshot.status == "finished")
        await screen_until(pilot, lambda: "delayed" not in str(live.border_subtitle), 5)
