"""What a real match turns into: its states in order, each at a simulated time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TimedFrame:
    """One live snapshot (`data` of a Sportrix frame, without `updated_at`).

    `at` is simulated seconds since the first state (the derived spacing:
    docs/simulator.md, "Real matches"); `clock` says where in the match it is
    as a person would ("13.4 ov, 2nd inns", "45+3'"), for messages and tests.
    """

    at: float
    clock: str
    data: dict[str, Any]


@dataclass(frozen=True)
class RealMatch:
    """A real match: its catalog identity, its frames, and the source data they came from.

    `source` is the parsed source document (cricsheet's JSON for cricket, the
    compact StatsBomb conversion for soccer): tests compute the truth from it
    without going through the frames.
    """

    name: str
    match_id: int
    sport: str
    title: str
    frames: tuple[TimedFrame, ...]
    source: dict[str, Any]

    def index(self, clock: str) -> int:
        """The index of the first frame whose `clock` is `clock` (ValueError if none)."""
        for i, frame in enumerate(self.frames):
            if frame.clock == clock:
                return i
        raise ValueError(f"{self.name} has no frame at {clock!r}")
