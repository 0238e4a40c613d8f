"""The idle beat: routine news of quiet panels waits for a shared beat, news goes at once."""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import Any

from scoreboard.core.models import Clock, Score, SoccerSnapshot
from scoreboard.ui.feed import delivery
from scoreboard.ui.feed.delivery import IDLE_BEAT, Delivery


class _Panel:
    def __init__(self, snapshot: SoccerSnapshot | None) -> None:
        self.snapshot = snapshot
        self.waiting = False


class _Grid:
    def __init__(self) -> None:
        self.sent: list[tuple[float, dict[Any, Any]]] = []

    def post_message(self, message: Any) -> bool:
        self.sent.append((monotonic(), message.batch))
        return True


def _snap(minute: int, home: int = 0) -> SoccerSnapshot:
    return SoccerSnapshot(
        match_id=1, status="live", home="A", away="B", score=Score(home=home, away=0),
        clock=Clock(minute=minute, second=0, period="1H"),
    )  # fmt: skip


def _run(steps: Any) -> _Grid:
    grid = _Grid()

    async def main() -> None:
        post = Delivery()
        post.target = grid  # type: ignore[assignment]
        await steps(post)

    asyncio.run(main())
    return grid


def test_clock_ticks_of_quiet_panels_share_one_message_on_the_idle_beat() -> None:
    panels = [_Panel(_snap(10)) for _ in range(3)]

    async def steps(post: Delivery) -> None:
        for panel in panels:  # three panels ticking at their own moments
            post.deliver(panel, _snap(11))  # type: ignore[arg-type]
            await asyncio.sleep(IDLE_BEAT / 10)
        await asyncio.sleep(IDLE_BEAT * 1.5)

    grid = _run(steps)
    assert len(grid.sent) <= 2  # one beat, two if the ticks straddle a multiple
    assert sum(len(batch) for _, batch in grid.sent) == 3
    for at, _ in grid.sent:  # on the beat: a multiple of IDLE_BEAT, not a panel's moment
        assert min(at % IDLE_BEAT, IDLE_BEAT - at % IDLE_BEAT) < 0.05


def test_a_goal_and_a_first_snapshot_go_at_once_with_what_waits() -> None:
    ticking, scoring, new = _Panel(_snap(10)), _Panel(_snap(10)), _Panel(None)
    times: list[float] = []

    async def steps(post: Delivery) -> None:
        # Start just after a beat: the tick's idle beat is then ~0.24 s away, not
        # (1 time in 25) due before the goal comes 10 ms later.
        await asyncio.sleep(IDLE_BEAT - monotonic() % IDLE_BEAT + 0.005)
        post.deliver(ticking, _snap(11))  # type: ignore[arg-type]
        await asyncio.sleep(0.01)
        times.append(monotonic())
        post.deliver(scoring, _snap(11, home=1))  # type: ignore[arg-type]
        await asyncio.sleep(0.01)
        times.append(monotonic())
        post.deliver(new, _snap(1))  # type: ignore[arg-type]
        await asyncio.sleep(0.01)
        await asyncio.sleep(IDLE_BEAT * 1.5)  # nothing left for the idle beat

    grid = _run(steps)
    assert grid.sent[0][1].keys() == {ticking, scoring}  # the tick rides with the goal
    assert grid.sent[0][0] - times[0] < 0.01 + 0.005
    assert grid.sent[1][1].keys() == {new} and grid.sent[1][0] - times[1] < 0.015
    assert len(grid.sent) == 2


def test_without_an_idle_beat_routine_news_goes_at_once(monkeypatch: Any) -> None:
    monkeypatch.setattr(delivery, "IDLE_BEAT", 0.0)
    panel = _Panel(_snap(10))

    async def steps(post: Delivery) -> None:
        post.deliver(panel, _snap(11))  # type: ignore[arg-type]
        await asyncio.sleep(0.02)

    assert len(_run(steps).sent) == 1
