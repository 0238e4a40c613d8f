"""Issue 25, item 4: delay x hide x missed, through the real app and simulator, with the
delay's clock frozen and moved by the test, from a state directory that already holds
a density chosen with `z`.

"What you missed" and its marker must agree: the marker shows only when the summary has
something to say, the summary lists its moments in time order, and news the delay
releases while the summary is open gets a marker of its own when it closes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from helpers.app import card, screen_until, time_app, until

from scoreboard.core.models import SoccerSnapshot
from scoreboard.sim.runner import SimulatorThread
from scoreboard.state import default_state_dir
from scoreboard.ui.screens.missed import MissedScreen, missed_text

NOTHING = "Nothing notable since you last looked"


def minutes(text: str) -> list[float]:
    """The time of each listed moment, in the order listed (`68'`, `45+2'`, HT, FT)."""
    found = []
    for line in text.splitlines()[2:]:
        if not line or line.startswith("Score"):
            continue
        match = re.search(r"(\d+)(?:\+(\d+))?'\s*$", line)
        if match:
            found.append(int(match[1]) + int(match[2] or 0) / 100)
        elif line.rstrip().endswith("HT"):
            found.append(45.99)
        elif line.rstrip().endswith("FT"):
            found.append(999.0)
    return found


def goals(snap: object) -> int:
    assert isinstance(snap, SoccerSnapshot)
    return snap.score.home + snap.score.away


@pytest.mark.parametrize("read_each", [False, True], ids=["read-at-the-end", "read-each-time"])
async def test_the_marker_and_the_summary_agree_under_a_delay_with_scores_hidden(
    sim_factory: Callable[..., SimulatorThread], read_each: bool
) -> None:
    """Whenever the marker shows, the summary lists something, in time order (read at
    the end: everything since the start; read each time: each change on its own, so a
    substitution alone, which says nothing, must not raise the marker)."""
    sim = sim_factory(speed=0)
    state = default_state_dir()
    state.mkdir(parents=True, exist_ok=True)
    (state / "view.json").write_text(json.dumps({"density": "full"}))
    now = [1000.0]
    app = time_app(sim, "41282", delay=30.0, spoilers="hide", state_dir=state)
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        spoilers = app.feed.spoilers
        history = app.feed.history
        await screen_until(pilot, lambda: history.get(panel.ref) is not None, 10)
        now[0] += 30
        spoilers.release()
        await until(app, lambda: panel.snapshot is not None)
        assert panel.hidden and panel.delay == 30
        live = history.get(panel.ref)
        assert live is not None

        listed = 0
        panel.focus()
        # A minute at a time to full-time, each released 30 s later: whenever the
        # marker shows, the summary has something to say, in time order.
        for _ in range(100):
            latest = live.latest
            sim.advance(60)
            now[0] += 1
            await screen_until(pilot, lambda last=latest: live.latest is not last, 10)
            now[0] += 30
            spoilers.release()
            await until(app, lambda: panel.snapshot is live.latest)
            if panel.has_missed:
                text = missed_text(panel).plain
                assert NOTHING not in text, text
                assert minutes(text) == sorted(minutes(text)), text
                listed = max(listed, len(minutes(text)))
                if read_each:  # read it: the next change alone decides the marker
                    await pilot.press("m")
                    assert isinstance(app.screen, MissedScreen)
                    await pilot.press("escape")
                    await screen_until(pilot, lambda: not panel.has_missed, 5)
            if live.latest is not None and live.latest.status == "finished":
                break
        assert listed >= (1 if read_each else 3)


async def test_news_released_while_the_summary_is_open_gets_its_own_marker(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    state = default_state_dir()
    state.mkdir(parents=True, exist_ok=True)
    (state / "view.json").write_text(json.dumps({"density": "compact"}))
    now = [1000.0]
    app = time_app(sim, "41282", delay=30.0, spoilers="hide", state_dir=state)
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        spoilers = app.feed.spoilers
        history = app.feed.history
        await screen_until(pilot, lambda: history.get(panel.ref) is not None, 10)
        live = history.get(panel.ref)
        assert live is not None

        async def until_a_goal() -> None:
            """Move on until a goal is scored, and let the delay show it."""
            before = goals(live.latest)
            for _ in range(120):
                latest = live.latest
                sim.advance(30)
                now[0] += 1
                await screen_until(pilot, lambda last=latest: live.latest is not last, 10)
                if goals(live.latest) > before:
                    break
            assert goals(live.latest) > before, "no goal: move the simulator further"
            now[0] += 30
            spoilers.release()
            await until(app, lambda: panel.snapshot is live.latest)

        now[0] += 30
        spoilers.release()
        await until(app, lambda: panel.snapshot is not None)
        await until_a_goal()
        assert panel.has_missed
        panel.focus()
        await pilot.press("m")
        assert isinstance(app.screen, MissedScreen)
        await until_a_goal()  # released while the summary is open: nobody saw it
        await pilot.press("escape")
        await screen_until(pilot, lambda: not isinstance(app.screen, MissedScreen), 5)
        assert panel.has_missed, "the goal released after m got no marker"
        assert NOTHING not in missed_text(panel).plain
