"""Broadcast sync (`s`, `S`) through the real app and simulator, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from helpers.app import (
    card,
    card_text,
    demo_pair,
    screen_until,
    settings_for,
    time_app,
    until,
    watch_events,
)
from helpers.recordings import record_session, replay_app

from scoreboard.core.events import MatchRef
from scoreboard.core.models import SoccerSnapshot
from scoreboard.sim.runner import SimulatorThread
from scoreboard.state import RememberedSession, load_session, save_session
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.widgets.match_panel import MatchPanel

Factory = Callable[..., SimulatorThread]


def said(app: ScoreboardApp) -> list[str]:
    """Every word the app says in a toast, as the fan reads it."""
    words: list[str] = []
    notify = app.notify

    def kept(message: str, *args: Any, **kw: Any) -> None:
        words.append(message)
        notify(message, *args, **kw)

    app.notify = kept  # type: ignore[method-assign]
    return words


def goals(snap: object) -> int:
    assert isinstance(snap, SoccerSnapshot)
    return snap.score.home + snap.score.away


async def next_goal(app: ScoreboardApp, sim: SimulatorThread, pilot: Any) -> SoccerSnapshot:
    """Moves the frozen simulator on to its next goal and waits until the app has it."""
    ref = MatchRef("sportrix", 41282)
    before = sim.snapshot(41282)["score"]
    while sim.snapshot(41282)["score"] == before:
        sim.advance(10)
    after = sim.snapshot(41282)["score"]
    target = after["home"] + after["away"]

    def arrived() -> bool:
        history = app.feed.history.get(ref)
        return history is not None and goals(history.latest) == target

    await screen_until(pilot, arrived, 10)
    latest = app.feed.history.get(ref)
    assert latest is not None and isinstance(latest.latest, SoccerSnapshot)
    return latest.latest


async def test_s_sets_the_delay_that_shows_the_goal_now_and_refines_on_the_next(
    sim_factory: Factory, tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    now = [1000.0]
    path = tmp_path / "session.json"
    app = time_app(sim, "41282", "41300", "scorelytics:abc123", session_path=path)
    app.feed.clock = lambda: now[0]
    words = said(app)
    async with app.run_test(size=(120, 40)) as pilot:
        soccer = card(app, 41282)
        await until(app, lambda: soccer.snapshot is not None)
        soccer.focus()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Sync to stream", "Sync provider"} <= set(titles)  # in the palette too
        await pilot.press("s")  # nothing notable yet: it says what to do instead
        assert soccer.delay == 0
        assert "press s when the next goal shows on your stream" in words[-1]

        now[0] = 1010.0  # the goal reaches the app at 1010 ...
        goal = await next_goal(app, sim, pilot)
        await until(app, lambda: soccer.snapshot == goal)
        now[0] = 1048.4  # ... and the stream at 1048.4: the panel goes 38 s behind
        await pilot.press("s")
        assert soccer.delay == 38
        assert "synced: 38 s" in words[-1]
        assert "synced: 38 s" in str(soccer.border_subtitle)
        assert "delayed" not in str(soccer.border_subtitle)

        now[0] = 1100.0  # the next goal arrives at 1100; the panel shows it at 1138
        second = await next_goal(app, sim, pilot)
        app.feed.spoilers.release()
        await pilot.pause(0.2)
        assert soccer.snapshot != second  # held by the delay
        now[0] = 1140.0  # the stream shows it 40 s after the feed: s again refines
        await pilot.press("s")
        assert soccer.delay == 40 and "synced: 40 s (refined)" in words[-1]
        app.feed.spoilers.release()
        await until(app, lambda: soccer.snapshot == second)

        await pilot.press("S")  # the same provider's matches get the same delay
        cricket = card(app, 41300)
        other = card(app, "abc123", provider="scorelytics")
        assert (cricket.delay, other.delay) == (40, 0)
        assert "synced: 40 s on 2 sportrix matches" in words[-1]

    remembered, problem = load_session(path)
    assert problem is None and remembered is not None
    assert remembered.delays == {"sportrix:41282": 40.0, "sportrix:41300": 40.0}

    again = make_app(replace(settings_for(sim), session_path=path, remember_shown=True))
    watch_events(again)
    async with again.run_test(size=(120, 40)):
        await until(again, lambda: len(again.cards) == 3)
        assert [c.delay for c in again.cards.values()] == [40, 40, 0]


async def test_a_replay_never_remembers_a_synced_delay(
    sim_factory: Factory, tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    recording = tmp_path / "match.jsonl"
    await record_session(sim, recording, steps=8)
    path = tmp_path / "session.json"
    app = replay_app(recording, session_path=path, remember_shown=True)
    async with app.run_test(size=(120, 40)) as pilot:
        soccer = card(app, 41282)
        await until(app, lambda: soccer.snapshot is not None)
        soccer.focus()
        await pilot.press("plus", "S")  # a sync from the replay: 15 s on every sportrix match
        assert card(app, 41300).delay == 15
        app.fan.remembered.save()
    remembered, _ = load_session(path)
    assert remembered is None or remembered.delays == {}


async def test_a_synced_panel_says_synced_in_every_density_and_a_plain_delay_says_delayed(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    async with demo_pair(sim) as pair:
        app, pilot, soccer, cricket = pair.app, pair.pilot, pair.soccer, pair.cricket
        goal = await next_goal(app, sim, pilot)
        await until(app, lambda: soccer.snapshot == goal)
        pair.now[0] += 38.0
        soccer.focus()
        await pilot.press("s")
        cricket.focus()
        await pilot.press("plus")  # a plain delay, no sync
        shown = f"{goal.score.home} - {goal.score.away}"
        for density in ("full", "compact", "ticker"):
            while app.grid.density != density:
                await pilot.press("z")  # the size key: auto, full, compact, ticker
            synced, delayed = seen(soccer), seen(cricket)
            assert "synced: 38 s" in synced and "delayed" not in synced, (density, synced)
            assert "delayed 15 s" in delayed and "synced" not in delayed, (density, delayed)
            soccer.focus()
            await pilot.press("h")  # hidden: the sync says nothing of the score
            hidden = seen(soccer)
            assert "synced: 38 s" in hidden and shown not in hidden, (density, hidden)
            await pilot.press("h")
            assert shown in seen(soccer)


def seen(panel: MatchPanel) -> str:
    """What the panel shows: a ticker line has no border, so its line alone."""
    if panel.density != "ticker":
        return card_text(panel)
    return "\n".join(line.plain for line in panel.body(max(panel.inner_size.width, 40)))


def session_with_a_sync(path: Path) -> RememberedSession:
    """A remembered session already written: three matches, two of them synced, a follow."""
    before = RememberedSession(
        matches=["sportrix:41282", "sportrix:41300", "sportrix:41285"],
        focus="sportrix:41282",
        followed=["Arsenal"],
        delays={"sportrix:41282": 38.0, "sportrix:41285": 20.0},
    )
    save_session(path, before)
    return before


def remembered(path: Path) -> RememberedSession:
    session, problem = load_session(path)
    assert problem is None and session is not None
    return session


async def test_plus_and_minus_move_a_synced_delay_and_what_is_remembered(
    sim_factory: Factory, tmp_path: Path
) -> None:
    """`+`/`-` on a synced match keep it synced by the new delay, remembered; `-` down to
    live ends the sync and drops it from the session, which keeps everything else."""
    sim = sim_factory(speed=0)
    state = tmp_path / "state"
    (state / "view.json").parent.mkdir()
    (state / "view.json").write_text('{"density": "full"}\n')
    path = state / "session.json"
    before = session_with_a_sync(path)
    settings = replace(settings_for(sim), session_path=path, remember_shown=True, state_dir=state)
    app = make_app(settings)
    watch_events(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: len(app.cards) == 3)
        soccer, cricket = card(app, 41282), card(app, 41300)
        assert "synced: 38 s" in str(soccer.border_subtitle)  # as remembered
        soccer.focus()
        await pilot.press("plus")
        assert soccer.delay == 53 and "synced: 53 s" in str(soccer.border_subtitle)
        await screen_until(pilot, lambda: remembered(path).delays.get("sportrix:41282") == 53, 5)
        kept = remembered(path)
        assert kept.delays == {"sportrix:41282": 53.0, "sportrix:41285": 20.0}
        assert kept.followed == before.followed and kept.matches == before.matches

        await pilot.press("minus")
        assert "synced: 38 s" in str(soccer.border_subtitle)
        await screen_until(pilot, lambda: remembered(path).delays.get("sportrix:41282") == 38, 5)

        cricket.focus()
        await pilot.press("plus")  # a plain delay is not a sync: never remembered
        assert "delayed 15 s" in str(cricket.border_subtitle)
        soccer.focus()
        await pilot.press("minus", "minus", "minus")  # 38 -> 23 -> 8 -> 0: live
        assert soccer.delay == 0 and "synced" not in str(soccer.border_subtitle)
        await screen_until(pilot, lambda: "sportrix:41282" not in remembered(path).delays, 5)
        assert remembered(path).delays == {"sportrix:41285": 20.0}
    assert remembered(path).delays == {"sportrix:41285": 20.0}  # the exit's write too

    again = make_app(settings)
    watch_events(again)
    async with again.run_test(size=(120, 40)) as pilot:
        await until(again, lambda: len(again.cards) == 3)
        assert [c.delay for c in again.cards.values()] == [0, 0, 20]
        held = card(again, 41285)
        assert "synced: 20 s" in str(held.border_subtitle)
        # Its first state is held 20 s: the panel says so, as synced. No settled event
        # says so (the held snapshot settles when it shows): when its frame comes after
        # the other panels' have settled, only the screen can be watched.
        await screen_until(pilot, lambda: "synced: 20 s, first state in" in card_text(held), 10)
