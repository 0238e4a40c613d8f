"""`sportrix-sim` as a process: listening line, signals, --help, --keys files."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoreboard.sim.keys import DEMO_KEYS, KeysFileError, load_keys
from scoreboard.sim.runner import SimulatorThread

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_PROXY": "*", "PYTHONUNBUFFERED": "1"}
#: What the `sportrix-sim` console script runs.
ENTRY_POINT = "import sys; from scoreboard.sim.cli import main; sys.exit(main())"
LISTENING = re.compile(r"^listening on ws://127\.0\.0\.1:(\d+)/v1/stream$")
TIMEOUT = 20.0


def run_sim(*args: str, module: bool = True) -> subprocess.Popen[str]:
    head = ["-m", "scoreboard.sim"] if module else ["-c", ENTRY_POINT]
    return subprocess.Popen(
        [sys.executable, *head, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=ROOT,
    )


def first_line(proc: subprocess.Popen[str], timeout: float = TIMEOUT) -> str:
    box: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        box.put(proc.stdout.readline())

    threading.Thread(target=read, daemon=True).start()
    return box.get(timeout=timeout).rstrip("\n")


def get(url: str, key: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, headers={"X-API-Key": key}), timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("sig", "module"), [(signal.SIGTERM, True), (signal.SIGINT, False)], ids=["term", "int"]
)
def test_prints_listening_line_and_exits_0_on_signal(
    started: list[subprocess.Popen[str]], sig: signal.Signals, module: bool
) -> None:
    proc = run_sim("--port", "0", "--seed", "3", module=module)
    started.append(proc)
    match = LISTENING.match(first_line(proc))
    assert match, "expected exactly the listening line"
    port = int(match.group(1))
    assert get(f"http://127.0.0.1:{port}/v1/matches", "sk_demo") == 200
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0
    assert out == ""  # one line only
    assert "Traceback" not in err


def test_help_lists_the_demo_keys() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scoreboard.sim", "--help"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0
    for key in DEMO_KEYS:
        assert key in done.stdout
    for option in (
        "--port",
        "--host",
        "--seed",
        "--speed",
        "--keys",
        "--flood-matches",
        "--flood-rate",
    ):
        assert option in done.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file"),
        ("this is = = not toml", "not valid TOML"),
        ("[other]\nx = 1\n", "no [keys.NAME] tables"),
        ("[keys.sk_x]\nsports = ['soccer']\n", "'scopes' is required"),
        ("[keys.sk_x]\nscopes = ['live_scores', 'everything']\n", "unknown scope 'everything'"),
        ("[keys.sk_x]\nscopes = ['live_scores']\ndisabled = 'no'\n", "'disabled' must be"),
        ("[keys.sk_x]\nscopes = ['live_scores']\nexpires = 'soon'\n", "'expires'"),
        ("[keys.sk_x]\nscopes = ['live_scores']\ncolour = 'red'\n", "unknown field 'colour'"),
    ],
)
def test_bad_keys_file_is_one_line_and_exit_2(
    tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / "keys.toml"
    if content is not None:
        path.write_text(content)
    done = subprocess.run(
        [sys.executable, "-m", "scoreboard.sim", "--port", "0", "--keys", str(path)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert reason in lines[0]
    assert "Traceback" not in done.stderr


KEYS_TOML = """
[keys.sk_team]
scopes = ["live_scores", "live_scores_statistics"]
sports = ["soccer"]

[keys.sk_old]
scopes = ["live_scores"]
expires = 2020-06-01T00:00:00Z

[keys.sk_off]
scopes = ["live_scores"]
disabled = true
description = "switched off"
"""


def test_load_keys_reads_the_toml_format(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(KEYS_TOML)
    keys = load_keys(path)
    assert set(keys) == {"sk_team", "sk_old", "sk_off"}
    assert keys["sk_team"].sports == frozenset({"soccer"})
    assert keys["sk_old"].sports is None
    assert keys["sk_old"].expires is not None
    assert keys["sk_old"].expires.isoformat() == "2020-06-01T00:00:00+00:00"
    assert keys["sk_off"].disabled
    path.write_text("[keys.sk_x]\nscopes = []\nexpires = 2030-01-01\n")
    assert load_keys(path)["sk_x"].expires is not None
    path.write_text("[keys]\n")
    with pytest.raises(KeysFileError):
        load_keys(path)


def test_keys_file_replaces_the_demo_keys(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(KEYS_TOML)
    proc = run_sim("--port", "0", "--speed", "0", "--keys", str(path))
    started.append(proc)
    match = LISTENING.match(first_line(proc))
    assert match
    base = f"http://127.0.0.1:{match.group(1)}/v1"
    assert get(f"{base}/matches/41282/live", "sk_team") == 200
    assert get(f"{base}/matches", "sk_demo") == 401
    assert get(f"{base}/matches", "sk_old") == 401
    assert get(f"{base}/matches", "sk_off") == 401
    proc.terminate()
    proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0


def test_busy_port_is_a_one_line_error(started: list[subprocess.Popen[str]]) -> None:
    with SimulatorThread(speed=0) as sim:
        proc = run_sim("--port", str(sim.port))
        started.append(proc)
        out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 1
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "cannot listen" in err


def test_flood_options(started: list[subprocess.Popen[str]]) -> None:
    proc = run_sim("--port", "0", "--flood-matches", "3", "--flood-rate", "30")
    started.append(proc)
    match = LISTENING.match(first_line(proc))
    assert match
    url = f"http://127.0.0.1:{match.group(1)}/v1/matches?status=live"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"X-API-Key": "sk_demo"})
    with opener.open(request, timeout=5) as response:
        ids = {m["match_id"] for m in json.loads(response.read())}
    assert {900001, 900002, 900003} <= ids
    proc.terminate()
    proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0
