"""The remembered session: matches, order and focus survive a restart, a kill -9 too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from helpers.app import all_live, card, screen_until, settings_for, until, watch_events
from helpers.terminal import TerminalRun

from scoreboard.core.events import MatchRef
from scoreboard.sim.runner import SimulatorThread
from scoreboard.state import RememberedSession, load_session, save_session
from scoreboard.ui.app import ScoreboardApp, make_app


def remembering_app(
    sim: SimulatorThread, path: Path, *matches: str, remember_shown: bool = True
) -> ScoreboardApp:
    settings = replace(
        settings_for(sim, *matches), session_path=path, remember_shown=remember_shown
    )
    app = make_app(settings)
    watch_events(app)
    return app


def ids(app: ScoreboardApp) -> list[object]:
    return [ref.id for ref in app.shown_refs()]


async def test_matches_order_and_focus_survive_a_restart(sim_factory, tmp_path: Path) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "state" / "session.json"
    app = remembering_app(sim, path, "41282", "41300", "41285")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("a", *"41302", "enter")
        card(app, 41300).focus()
        await pilot.pause()
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    again = remembering_app(sim, path)  # no matches given: the remembered ones
    async with again.run_test(size=(120, 40)):
        await until(again, lambda: all_live(again))
        assert ids(again) == [41282, 41300, 41285, 41302]
        assert again.focused_card is card(again, 41300)

    # --match is for that run: it shows what it names and leaves the remembered set alone.
    once = remembering_app(sim, path, "41283", remember_shown=False)
    async with once.run_test(size=(120, 40)):
        await until(once, lambda: all_live(once))
        assert ids(once) == [41283]
    remembered, problem = load_session(path)
    assert problem is None and remembered is not None
    assert remembered.matches == [f"sportrix:{i}" for i in (41282, 41300, 41285, 41302)]


async def test_a_match_finished_since_shows_its_result_and_clears_with_one_key(
    sim_factory, tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "session.json"
    save_session(path, RememberedSession(matches=["sportrix:41282", "sportrix:41321"]))
    app = remembering_app(sim, path)
    async with app.run_test(size=(120, 40)) as pilot:
        finished = card(app, 41321)
        await screen_until(pilot, lambda: finished.summary is not None, 10)
        result = sim.snapshot(41321)["result"]
        shown = "\n".join(line.plain for line in finished.body(80))
        assert result in shown and "Press c to clear finished" in shown
        assert "FULL-TIME" in str(finished.border_subtitle)
        await pilot.press("c")
        assert ids(app) == [41282]
        await pilot.press("u")
        assert ids(app) == [41282, 41321]


def test_a_kill_9_mid_write_leaves_the_old_session_or_the_new_one(tmp_path: Path) -> None:
    """A writer saving as fast as it can, killed 25 times at random moments."""
    path = tmp_path / "session.json"
    writer = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scoreboard.state import RememberedSession, save_session\n"
        "path, n = Path(sys.argv[1]), 0\n"
        "big = [f'sportrix:{i}' for i in range(40000, 42000)]\n"
        "while True:\n"
        "    n += 1\n"
        "    save_session(path, RememberedSession(matches=big, focus=str(n)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    last = 0
    for round_ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", writer, str(path)], env=env)
        deadline = time.monotonic() + 20
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.02 + (round_ % 7) * 0.013)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        session, problem = load_session(path)
        assert problem is None and session is not None, problem
        assert len(session.matches) == 2000 and session.focus is not None
        last = int(session.focus)
    assert last > 0
    # Stray temporaries are the only trace a kill leaves; never the file itself.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "session.json"]
    assert all(name.startswith(".session.json.") for name in leftovers)


async def test_the_session_survives_a_kill_9_of_the_app(sim, tmp_path: Path) -> None:
    """The real `sportrix-tui --demo` on a terminal: add a match, kill -9, start again."""
    state = tmp_path / "state"
    log = tmp_path / "app.log"
    term = TerminalRun(
        ["-m", "scoreboard", "--demo", "--log-file", str(log)], log, XDG_STATE_HOME=str(state)
    )
    try:
        term.until(lambda: term.logged("sportrix connection: live"))
        term.send(b"a")
        term.until(lambda: b"Add a match" in term.output)
        term.send(b"41285\r")
        path = state / "sportrix-tui" / "demo-session.json"
        term.until(lambda: "sportrix:41285" in _matches(path))
        os.killpg(term.proc.pid, signal.SIGKILL)  # no chance to save or flush anything
        term.proc.wait()
    finally:
        term.close()
    assert _matches(path) == ["sportrix:41282", "sportrix:41300", "sportrix:41285"]
    app = remembering_app(sim, path)
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: all_live(app))
        assert ids(app) == [41282, 41300, 41285]
        assert app.cards[MatchRef("sportrix", 41285)].snapshot is not None


def _matches(path: Path) -> list[str]:
    try:
        return list(json.loads(path.read_text())["matches"])
    except (OSError, ValueError, KeyError):
        return []
