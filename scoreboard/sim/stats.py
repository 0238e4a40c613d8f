"""Counters the simulator keeps for tests and the benchmark."""

from __future__ import annotations

from typing import Any

import msgspec


class ServerStats(msgspec.Struct):
    connections_open: int = 0
    connections_max: int = 0
    connections_total: int = 0
    handshakes_refused: int = 0
    http_requests: int = 0
    frames_sent: int = 0
    snapshots_sent: int = 0
    updates_sent: int = 0
    errors_sent: int = 0
    raw_sent: int = 0
    #: Updates replaced in a slow client's outbox by a newer state of the same match.
    updates_coalesced: int = 0

    def count_sent(self, kind: str) -> None:
        self.frames_sent += 1
        if kind == "update":
            self.updates_sent += 1
        elif kind == "snapshot":
            self.snapshots_sent += 1
        elif kind == "error":
            self.errors_sent += 1
        else:
            self.raw_sent += 1

    def opened(self) -> None:
        self.connections_open += 1
        self.connections_total += 1
        self.connections_max = max(self.connections_max, self.connections_open)

    def closed(self) -> None:
        self.connections_open -= 1

    def as_dict(self) -> dict[str, Any]:
        return msgspec.structs.asdict(self)
