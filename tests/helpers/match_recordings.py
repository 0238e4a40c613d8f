"""Recordings of whole simulated matches, for the chart tests and scenes.

A live session would take ninety minutes to record a soccer match. These
are written straight from the simulator's engines instead: every step that
changed the match becomes the frame the simulator's server would have sent
for it (`sim.frames.encode_frame` for Sportrix; the REST body and then the
socket messages for Scorelytics), at the receive time it would have come at
(an epoch plus the simulated seconds). `--replay` plays them through the
real decoders, session, history and panels like any recording.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from scoreboard.recording.writer import Recorder
from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.cricket import CricketEngine
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.sim.frames import encode_frame
from scoreboard.sim.scorelytics.matches import ScorelyticsMatch

#: The recordings start at this receive time (2026-11-21 19:00 UTC).
EPOCH = 1_795_287_600.0
SOCCER_ID, CRICKET_ID, BASKETBALL_KEY = 41282, 41300, "xyz789"


class _Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def _stepped(
    engine: MatchEngine, until: Callable[[MatchEngine], bool], limit: int = 50_000
) -> Iterator[tuple[float, bool]]:
    """Step `engine` until `until(engine)`; (simulated time, changed) after each step."""
    t = 0.0
    for _ in range(limit):
        if until(engine):
            return
        t += engine.step_seconds
        yield t, engine.step()


def record_sportrix(
    path: Path, engine: MatchEngine, until: Callable[[MatchEngine], bool], *, every: float = 0.0
) -> Path:
    """`engine`'s match from its current state until `until`, as a Sportrix recording.

    `every`: at most one frame per this many simulated seconds (the newest);
    0 keeps every change.
    """
    clock = _Clock(EPOCH)
    recorder = Recorder(path, matches=(str(engine.match_id),), clock=clock)
    recorder.write("sportrix", "frame", encode_frame("snapshot", engine.snapshot()).decode())
    last = 0.0
    pending = False
    for t, changed in _stepped(engine, until):
        pending = pending or changed
        if pending and t - last >= every:
            clock.t = EPOCH + t
            recorder.write("sportrix", "frame", encode_frame("update", engine.snapshot()).decode())
            last, pending = t, False
    if pending:
        clock.t += engine.step_seconds
        recorder.write("sportrix", "frame", encode_frame("update", engine.snapshot()).decode())
    recorder.close()
    return path


def record_scorelytics(
    path: Path, key: str, engine: BasketballEngine, until: Callable[[MatchEngine], bool]
) -> Path:
    """A Scorelytics basketball game: its REST snapshot, then its socket messages."""
    match = ScorelyticsMatch(key, engine)
    clock = _Clock(EPOCH)
    recorder = Recorder(path, matches=(f"scorelytics:{key}",), clock=clock)
    published = match.fields()
    recorder.write("scorelytics", "snapshot", json.dumps(published), key, "basketball")
    for t, changed in _stepped(match, lambda _: until(engine)):
        if not changed:
            continue
        clock.t = EPOCH + t
        new = match.fields()
        for message in match.messages(published, new):
            recorder.write("scorelytics", "message", json.dumps(message), key)
        published = new
    recorder.close()
    return path


def finished(engine: MatchEngine) -> bool:
    return engine.status == "finished"


def soccer_match(path: Path, seed: int = 7) -> Path:
    """Arsenal v Chelsea from kick-off to full time, a frame every simulated 5 s."""
    engine = SoccerEngine(
        SOCCER_ID, "Arsenal", "Chelsea", competition="Premier League", seed=seed, tempo=1.3
    )
    return record_sportrix(path, engine, finished, every=5.0)


def cricket_match(path: Path, seed: int = 7, *, chase_overs: int | None = 12) -> Path:
    """Mumbai Indians v Chennai Super Kings from the first ball: the first innings,
    then `chase_overs` of the chase (None: to the result). Every ball is a frame."""
    engine = CricketEngine(
        CRICKET_ID, "Mumbai Indians", "Chennai Super Kings", competition="IPL", seed=seed
    )

    def until(e: MatchEngine) -> bool:
        assert isinstance(e, CricketEngine)
        if chase_overs is None:
            return finished(e)
        return finished(e) or (e.innings_number == 2 and e.legal_balls >= chase_overs * 6)

    return record_sportrix(path, engine, until)


def basketball_game(path: Path, seed: int = 7) -> Path:
    """Boston Celtics v Los Angeles Lakers, joined in the third quarter, to the end."""
    engine = BasketballEngine(770002, "Boston Celtics", "Los Angeles Lakers", seed=seed)
    engine.advance_until(lambda e: e.period == 3 and e.game_clock_secs <= 300)
    return record_scorelytics(path, BASKETBALL_KEY, engine, finished)


def merge(path: Path, parts: list[Path]) -> Path:
    """One recording of several: one header naming every match, the frames in time order."""
    headers, frames = [], []
    for part in parts:
        lines = part.read_text().splitlines()
        headers.append(json.loads(lines[0]))
        frames += [(json.loads(line)["t"], index, line) for index, line in enumerate(lines[1:])]
    header = {**headers[0], "matches": [m for h in headers for m in h["matches"]]}
    frames.sort(key=lambda frame: frame[:2])
    body = "\n".join([json.dumps(header), *(line for *_, line in frames)]) + "\n"
    path.write_text(body)
    path.chmod(0o600)
    return path


_made: dict[Path, Path] = {}


def charts_recording(directory: Path) -> Path:
    """The chart scenes' recording (made once per directory): a whole soccer match, a T20
    into the chase, and a basketball game joined in the third quarter."""
    if directory not in _made:
        directory.mkdir(parents=True, exist_ok=True)
        parts = [
            soccer_match(directory / "soccer.jsonl"),
            cricket_match(directory / "cricket.jsonl"),
            basketball_game(directory / "basketball.jsonl"),
        ]
        _made[directory] = merge(directory / "charts.jsonl", parts)
        for part in parts:
            part.unlink()
    return _made[directory]
