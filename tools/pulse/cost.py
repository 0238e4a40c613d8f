"""What the pulse costs a frame, on the real matches: `python tools/pulse/cost.py`.

Each real match's snapshots go through `PulseTracker.observe` (what the app would
call per frame), `match_pulse` alone (the pure part), and the close-game and
followed-player detectors; the mean and the worst call are printed in µs. The
win-probability model is timed alongside, for comparison (docs/pulse.md).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import msgspec

from scoreboard.core.closegame import close_game_moments
from scoreboard.core.players import PlayerWatch
from scoreboard.core.pulse import PulseTracker, match_pulse
from scoreboard.core.winprob import win_probability
from scoreboard.providers.sportrix.wire import decode_snapshot
from scoreboard.sim import real


def timed(calls: list[Callable[[], object]]) -> tuple[float, float]:
    """(mean, median) µs a call; the median says what a frame usually costs on a busy machine."""
    gc.disable()
    costs = []
    for call in calls:
        start = time.perf_counter_ns()
        call()
        costs.append(time.perf_counter_ns() - start)
    gc.enable()
    return sum(costs) / len(costs) / 1000, sorted(costs)[len(costs) // 2] / 1000


def main() -> None:
    print(f"{'match':24} {'tracker':>15} {'pure':>13} {'close':>13} {'players':>13} {'winprob':>15}")
    for name in real.names():
        match = real.load(name)
        snaps = [decode_snapshot(msgspec.json.encode(f.data)) for f in match.frames]
        tracker, watch = PulseTracker(), PlayerWatch(["Kohli", "Messi", "Watson", "Root"])
        rows = [
            timed([lambda s=s, f=f: tracker.observe(s, f.at) for s, f in zip(snaps, match.frames)]),
            timed([lambda s=s: match_pulse(s) for s in snaps]),
            timed([lambda s=s: close_game_moments(s) for s in snaps]),
            timed([lambda s=s: watch.observe(s) for s in snaps]),
            timed([lambda s=s: win_probability(s) for s in snaps]),
        ]
        cells = " ".join(f"{mean:6.1f} /{worst:7.0f}" for mean, worst in rows)
        print(f"{name:24} {cells}   (mean / median µs)")


if __name__ == "__main__":
    main()
