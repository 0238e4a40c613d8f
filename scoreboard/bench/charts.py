"""The `charts` phase: what drawing a whole match's charts costs (in this process).

A whole simulated soccer match (a state a second), a whole T20 (every ball)
and a whole basketball game go into a history each, as the session keeps
them. Then, per sport:

- `charts_<sport>_rebuild_ms`: a new tracker fed the whole history at once
  (the first time a match's charts are shown);
- `charts_<sport>_redraw_ms`: every chart of the detail view drawn from the
  full-match tracker at the detail view's width, nothing cached (what a
  change of the match costs the detail view; issue 15's target: 5 ms);
- `charts_<sport>_line_us`: the panel's chart line drawn the same way;
- `charts_<sport>_feed_us`: one more state fed (a panel's paint with news).

`charts_redraw_ms` is the worst sport's redraw. Each figure is the median of
several runs; `python -m scoreboard.bench --only charts` runs this alone.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import msgspec

from scoreboard.core.charts import ChartFeed
from scoreboard.core.history import MatchHistory
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.cricket import CricketEngine
from scoreboard.sim.engines.soccer import SoccerEngine
from scoreboard.ui.render.charts import sections
from scoreboard.ui.render.charts.sections import SPORTS

#: The detail view's widest layout (`widgets/detail_body.MAX_WIDTH`) and a panel's width.
DETAIL_WIDTH = 110
PANEL_WIDTH = 56
RUNS = 7


def _match(engine: MatchEngine, model: type[Snapshot], step: float) -> list[tuple[float, Any]]:
    states = [(0.0, msgspec.convert(engine.snapshot(), model))]
    while engine.status != "finished" and len(states) < 20_000:
        engine.step()
        states.append((states[-1][0] + step, msgspec.convert(engine.snapshot(), model)))
    return states


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure() -> dict[str, float]:
    matches = {
        "soccer": _match(SoccerEngine(1, "Home FC", "Away FC", seed=3), SoccerSnapshot, 1.0),
        "cricket": _match(CricketEngine(2, "Home XI", "Away XI", seed=3), CricketSnapshot, 20.0),
        "basketball": _match(BasketballEngine(3, "Home", "Away", seed=3), BasketballSnapshot, 1.0),
    }
    out: dict[str, float] = {}
    for sport, states in matches.items():
        history = MatchHistory()
        for t, snap in states[:-1]:
            history.add(t, snap)
        last_t, last = states[-1]
        *_, before = states[-2]

        def rebuild(history: MatchHistory = history, shown: Snapshot = before) -> None:
            ChartFeed().update(history, shown)

        out[f"charts_{sport}_rebuild_ms"] = _median_ms(rebuild, runs=3)
        feed = ChartFeed()
        tracker = feed.update(history, before)
        history.add(last_t, last)
        started = time.perf_counter()
        feed.update(history, last)
        out[f"charts_{sport}_feed_us"] = (time.perf_counter() - started) * 1e6
        charts = SPORTS[type(last)]

        def redraw(snap: Snapshot = last, charts: Any = charts, tracker: Any = tracker) -> None:
            tracker.version += 1  # a change: what is derived (the momentum) is worked out again
            for _, draw in charts.charts:
                draw(tracker, snap, DETAIL_WIDTH, False, None)

        def line(snap: Snapshot = last, charts: Any = charts, tracker: Any = tracker) -> None:
            tracker.version += 1
            charts.line(tracker, snap, PANEL_WIDTH, False)

        sections._memo.clear()
        out[f"charts_{sport}_redraw_ms"] = _median_ms(redraw)
        out[f"charts_{sport}_line_us"] = _median_ms(line) * 1000
    out["charts_redraw_ms"] = max(out[f"charts_{s}_redraw_ms"] for s in matches)
    return {key: round(value, 2) for key, value in out.items()}


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key:<32} {value:>10}")
