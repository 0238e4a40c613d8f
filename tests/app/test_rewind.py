"""Rewind in the detail view: back and forth through the states received, then live."""

from __future__ import annotations

from collections.abc import Callable

from helpers.app import all_live, card, screen_text, screen_until, time_app, until

from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.screens.detail import MatchDetailScreen


async def test_rewind_walks_the_recorded_states_in_order(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    now = [5000.0]
    app = time_app(sim, "41282")
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        history = app.feed.history.get(panel.ref)
        assert history is not None
        for _ in range(6):  # six more states, ten seconds apart
            before = len(history)
            now[0] += 10
            sim.advance(10)
            await screen_until(pilot, lambda b=before: len(history) > b, 10)
        await screen_until(pilot, lambda: panel.settled and panel.snapshot == history.latest, 5)
        states = [snap for _, snap in history.states()]
        assert len(states) == 7 and len({s.clock for s in states}) == 7  # type: ignore[union-attr]

        panel.focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MatchDetailScreen)
        assert screen.rewind.live and screen.shown == states[-1]
        walked = []
        for _ in range(len(states) + 2):  # past the first: it stays at the first
            await pilot.press("left")
            walked.append(screen.shown)
        assert walked[: len(states) - 1] == states[-2::-1]
        assert walked[-1] == states[0]
        assert "1:00 behind live" in screen_text(app)  # the first came 60 s before the last
        forward = []
        for _ in range(3):
            await pilot.press("right")
            forward.append(screen.shown)
        assert forward == states[1:4]
        assert "0:30 behind live" in screen_text(app)

        # Live moves on while rewound: the view stays, "behind" grows.
        now[0] += 10
        sim.advance(10)
        await screen_until(pilot, lambda: len(history) == 8, 10)
        await pilot.pause(0.2)
        assert screen.shown == states[3]
        assert "0:40 behind live" in screen_text(app)

        await pilot.press("end")
        assert screen.rewind.live
        await screen_until(pilot, lambda: screen.shown == history.latest, 5)
        assert "behind live" not in screen_text(app)
        await pilot.press("left_square_bracket")
        assert screen.shown == history.state(-7)  # a minute back
