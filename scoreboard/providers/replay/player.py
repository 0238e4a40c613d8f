"""The replay clock: which recorded frame plays when, pause, step and seek.

`ReplayPlayer` owns the recording's frames and a position on its timeline
(recording time: the receive times it holds). While playing, the position
moves at `speed` times real time and each frame is handed, when its time
comes, to its provider's `ReplayDecoder` (the provider's real decoder); the
events go to that provider's `ReplayProvider` queue, and from there through
the session like live ones. Seeking forward plays the frames in between at
once; seeking back starts again from the first frame (decoders reset, the
session told to forget what it kept, `on_reset`), then plays up to there.

It scans the recording once at the start (with throwaway decoders) to know
the matches in it, in the order they first appear, and which frames carry a
notable change (a goal, a wicket, a status change) for "next event".
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from bisect import bisect_right
from collections.abc import Callable
from typing import Protocol

from scoreboard.core.events import MatchRef, MatchUpdated, ProviderEvent
from scoreboard.core.history_kinds import is_notable
from scoreboard.core.models import Snapshot
from scoreboard.providers.base import ReplayDecoder
from scoreboard.recording.reader import Frame, Recording

#: The slowest and fastest the speed keys (`<`, `>`) take a replay.
MIN_SPEED = 0.25
MAX_SPEED = 4096.0


class Sink(Protocol):
    """Where one provider's replayed events go (its `ReplayProvider`)."""

    watched: set[MatchRef]

    def put(self, event: ProviderEvent | None) -> None:
        """Queue an event; None means "start again": forget what came before."""
        ...

    def counted(self, t: float) -> None:
        """One frame of this provider was played."""
        ...

    def ended(self) -> None:
        """The replay played its last frame."""
        ...


class ReplayPlayer:
    def __init__(
        self,
        recording: Recording,
        decoders: Callable[[str], ReplayDecoder],
        *,
        speed: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.recording = recording
        self.frames: list[Frame] = recording.frames
        self.speed = speed
        self.paused = False
        #: Next frame to play.
        self.index = 0
        self._clock = clock
        self._make_decoder = decoders
        self._decoders: dict[str, ReplayDecoder] = {}
        self._sinks: dict[str, Sink] = {}
        self._base_position = recording.start
        self._base_real = clock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        #: Told after every move (a frame played, a seek, pause): the status line.
        self.on_move: Callable[[], None] | None = None
        #: (match, frame index) of each frame with a notable change; matches in order seen.
        self.notable: list[tuple[int, MatchRef]] = []
        self._notable_at: list[int] = []
        #: Each match's first frame.
        self._first: dict[MatchRef, int] = {}
        self.matches: list[MatchRef] = []
        #: The matches whose last recorded state is not a result: at the end of the
        #: replay their panels say it ended (a finished match keeps its FULL-TIME).
        self.unfinished: set[MatchRef] = set()
        #: The sinks were told the replay ended (told again after a seek back).
        self._said_end = False
        self._scan()

    # -- the timeline -------------------------------------------------------------------

    @property
    def start(self) -> float:
        return self.recording.start

    @property
    def end(self) -> float:
        return self.recording.end

    @property
    def position(self) -> float:
        """Where on the recording's timeline the replay is (recording time)."""
        if self.paused or self.finished:
            return self._base_position
        moved = (self._clock() - self._base_real) * self.speed
        return min(self._base_position + moved, max(self.end, self._base_position))

    @property
    def finished(self) -> bool:
        return self.index >= len(self.frames)

    def _hold(self, position: float) -> None:
        self._base_position, self._base_real = position, self._clock()

    # -- wiring ---------------------------------------------------------------------------

    def attach(self, provider: str, sink: Sink) -> None:
        self._sinks[provider] = sink
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())
        self._hold(self.position if self.index else self.start)

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # -- controls ------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        self._hold(self.position)
        self.paused = not self.paused
        self._moved()

    def change_speed(self, factor: float) -> float:
        """Multiply the speed by `factor` from where the replay is now; the new speed.
        Slowing stops at MIN_SPEED (a slower `--speed` stays as it is), speeding up at
        MAX_SPEED."""
        self._hold(self.position)
        floor = min(MIN_SPEED, self.speed)
        self.speed = min(max(self.speed * factor, floor), MAX_SPEED)
        self._moved()
        return self.speed

    def step(self) -> None:
        """Play the next frame now and pause there."""
        if not self.paused:
            self.toggle_pause()
        if not self.finished:
            self._play(self.index)
            self._hold(self.frames[self.index - 1].t)
        self._moved()

    def seek(self, seconds: float) -> None:
        """Move the position by `seconds` (negative: back)."""
        self.seek_to(self.position + seconds)

    def seek_to(self, target: float) -> None:
        target = min(max(target, self.start), self.end)
        if target < self.position and self.index:
            self._restart()
            while not self.finished and self.frames[self.index].t <= target:
                self._play(self.index)
            # A panel whose match had not started yet there shows its first state.
            for ref, index in self._first.items():
                if index >= self.index and ref in self._watched():
                    self._play(index, keep_place=True)
        while not self.finished and self.frames[self.index].t <= target:
            self._play(self.index)
        self._hold(target)
        self._moved()

    def next_event(self) -> bool:
        """Play up to and including the next notable frame of a watched match."""
        watched = self._watched()
        at = bisect_right(self._notable_at, self.index - 1)
        for index, ref in self.notable[at:]:
            if ref in watched:
                self.seek_to(self.frames[index].t)
                while self.index <= index:
                    self._play(self.index)
                return True
        return False

    def _watched(self) -> set[MatchRef]:
        return set().union(*(sink.watched for sink in self._sinks.values()))

    def _restart(self) -> None:
        for decoder in self._decoders.values():
            decoder.reset()
        for sink in self._sinks.values():
            sink.put(None)
        self.index = 0
        self._said_end = False

    def _moved(self) -> None:
        if self.finished and not self._said_end:
            self._said_end = True
            for sink in self._sinks.values():
                sink.ended()
        self._wake.set()
        if self.on_move is not None:
            self.on_move()

    # -- playing -------------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            if self.finished or self.paused:
                await self._wake.wait()
                continue
            wait = (self.frames[self.index].t - self.position) / max(self.speed, 1e-9)
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait)
                continue
            # Everything due now, then let the loop breathe.
            self._play_until(self.position)
            await asyncio.sleep(0)

    def _play_until(self, position: float) -> None:
        frames = self.frames
        while self.index < len(frames) and frames[self.index].t <= position:
            self._play(self.index)
        if self.index >= len(frames):
            self._hold(self.end)
            self._moved()

    def _play(self, index: int, *, keep_place: bool = False) -> None:
        frame = self.frames[index]
        if not keep_place:
            self.index = index + 1
        sink = self._sinks.get(frame.provider)
        if sink is None:
            return
        decoder = self._decoder(frame.provider)
        sink.counted(frame.t)
        for event in decoder.decode(frame.kind, frame.raw, frame.match, frame.sport, frame.t):
            sink.put(event)

    def _decoder(self, provider: str) -> ReplayDecoder:
        decoder = self._decoders.get(provider)
        if decoder is None:
            decoder = self._decoders[provider] = self._make_decoder(provider)
        return decoder

    def _scan(self) -> None:
        decoders: dict[str, ReplayDecoder] = {}
        last: dict[MatchRef, Snapshot] = {}
        for index, frame in enumerate(self.frames):
            decoder = decoders.get(frame.provider)
            if decoder is None:
                decoder = decoders[frame.provider] = self._make_decoder(frame.provider)
            for event in decoder.decode(frame.kind, frame.raw, frame.match, frame.sport, frame.t):
                if not isinstance(event, MatchUpdated):
                    continue
                old = last.get(event.ref)
                if old is None:
                    self.matches.append(event.ref)
                    self._first[event.ref] = index
                elif is_notable(old, event.snapshot):
                    self.notable.append((index, event.ref))
                last[event.ref] = event.snapshot
        self.unfinished = {ref for ref, snap in last.items() if snap.status != "finished"}
        self._notable_at = [index for index, _ in self.notable]
