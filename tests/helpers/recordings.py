"""Recording a session and replaying it, for the replay tests."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from helpers.app import all_live, time_app, until, watch_events
from scoreboard.providers.registry import PROVIDERS
from scoreboard.recording.reader import read_recording
from scoreboard.recording.writer import Recorder
from scoreboard.settings import Settings
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.widgets.match_panel import MatchPanel

MATCHES = ("41282", "41300", "scorelytics:abc123")


async def record_session(
    sim: SimulatorThread, path: Path, steps: int = 6, clock: Callable[[], float] = time.time
) -> dict[str, str]:
    """Follow MATCHES while the frozen simulator moves on; what each panel showed at the end.
    `clock`: the recorder's wall clock (a later session appended hours later)."""
    recorder = Recorder(path, secrets=["sk_demo", "sk_live_demo"], matches=MATCHES, clock=clock)
    app = time_app(sim, *MATCHES, recorder=recorder)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        for _ in range(steps):
            before = sum(c.updates for c in app.cards.values())
            sim.advance(40)
            await until(app, lambda b=before: sum(c.updates for c in app.cards.values()) > b)
        await pilot.pause(0.3)  # the last frames of the other matches
        return {str(ref): panel_shows(panel) for ref, panel in app.cards.items()}


#: A panel's chart line: braille cells (and the dots between them).
_CHART_LINE = re.compile(r"^[\s\u2800-\u28ff\u2581-\u2588·.:]*(runs per over)?\s*$")


def panel_shows(panel: MatchPanel) -> str:
    """What a panel shows, without what depends on the wall clock ("2 min ago") or on
    sub-second receive times: the compact chart line is drawn from the kept history,
    which folds states that arrive within a quarter second, and the recording keeps
    receive times to the millisecond, so a replayed bar can land a minute over.
    The charts' own tests check what the charts draw."""
    badge = re.sub(r" · [^·\[]*?(just now|ago)", "", str(panel.border_subtitle or ""))
    lines = [line.plain for line in panel.body(max(panel.inner_size.width, 40))]
    # The chart line, and the blank a panel keeps for it until it is drawn, left out.
    body = "\n".join(line for line in lines if not _CHART_LINE.match(line))
    return f"{panel.border_title}\n{badge}\n{body}"


def replay_app(path: Path, **changes: object) -> ScoreboardApp:
    settings = replace(Settings(log_path=path.parent / "replay.log"), replay=path, **changes)  # type: ignore[arg-type]
    app = make_app(settings, replay=read_recording(path, PROVIDERS))
    watch_events(app)
    return app
