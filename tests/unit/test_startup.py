"""What the start does before the first screen (issue 26: startup).

Speed itself is the bench's (`python -m scoreboard.bench --only startup`);
these check what the start's speed rests on.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from scoreboard.launch import collector_paused


@pytest.fixture
def collector() -> Iterator[None]:
    """The test process's collector as it was, whatever the test left."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()


def python_says(code: str) -> subprocess.CompletedProcess[str]:
    """`code` run by a fresh interpreter (a clean set of imported modules)."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )


def test_the_collector_is_off_while_starting_then_one_pass_freezes_what_lives(
    collector: None,
) -> None:
    gc.enable()
    gc.unfreeze()
    with collector_paused(0.2):
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
        deadline = time.monotonic() + 30
        while not gc.isenabled():
            assert time.monotonic() < deadline, "the collector never came back on"
            time.sleep(0.01)
        # One full pass went before the freeze: what lived then is out of later passes.
        assert gc.get_freeze_count() > 0
    assert gc.isenabled()


def test_the_collector_comes_back_on_when_the_start_ends_first(collector: None) -> None:
    gc.enable()
    with collector_paused(60.0):
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off(collector: None) -> None:
    gc.disable()
    with collector_paused(0.01):
        time.sleep(0.1)
    assert not gc.isenabled()


def test_the_first_screen_imports_no_http_client() -> None:
    """httpx (and the CLI it imports: click, pygments) waits for the first REST
    request; the modules the first screen runs on do not import it."""
    code = (
        "import sys\n"
        "import scoreboard.cli, scoreboard.ui.app, scoreboard.providers.registry\n"
        "import scoreboard.providers.sportrix.provider, scoreboard.sim.runner\n"
        "print(sorted(m for m in ('httpx', 'click', 'pygments') if m in sys.modules))\n"
    )
    out = python_says(code)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_entry_point_imports_the_app_with_the_collector_paused() -> None:
    """`sportrix-tui` starts at `scoreboard.launch`, which imports nothing of the
    app's: the collector is off when `scoreboard.cli`, Textual and msgspec are
    imported (most of the start's objects), and on again when it returns."""
    code = (
        "import gc, sys\n"
        "import scoreboard.launch as launch\n"
        "early = sorted(m for m in ('scoreboard.cli', 'textual', 'msgspec') if m in sys.modules)\n"
        "collecting = {}\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('scoreboard.cli', 'textual', 'msgspec'):\n"
        "            collecting[name] = gc.isenabled()\n"
        "sys.meta_path.insert(0, Spy())\n"
        "try:\n"
        "    launch.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(early, sorted(collecting.items()), gc.isenabled())\n"
    )
    out = python_says(code)
    expected = "[] [('msgspec', False), ('scoreboard.cli', False), ('textual', False)] True"
    assert out.stdout.strip().splitlines()[-1] == expected, out.stdout


def test_the_real_matches_are_listed_only_when_the_help_is_shown() -> None:
    """`--real`'s help names the replays; building the parser for a start does
    not import them (`scoreboard.sim.real` and its data classes)."""
    code = (
        "import sys\n"
        "from scoreboard.cli import build_parser\n"
        "parser = build_parser()\n"
        "parser.parse_args(['--demo'])\n"
        "before = 'scoreboard.sim.real' in sys.modules\n"
        "text = parser.format_help()\n"
        "print(before, 'ipl-2019-final' in text, 'scoreboard.sim.real' in sys.modules)\n"
    )
    out = python_says(code)
    assert out.stdout.strip() == "False True True", out.stdout
