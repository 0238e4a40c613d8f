"""`sportrix-tui` on the command line: what a user sees before the UI starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoreboard import __version__


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoreboard", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("match", "says"),
    [
        ("abc", "positive whole number"),
        ("-3", "positive whole number"),
        ("0", "positive whole number"),
        ("", "positive whole number"),
        ("espn:41282", "unknown provider 'espn'"),
        ("scorelytics:a b", "Scorelytics match id"),
    ],
)
def test_bad_match_exits_2_with_one_line(match: str, says: str) -> None:
    result = run("--match", "41282", "--match", match)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sportrix-tui: error: bad --match")
    assert says in lines[0]


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"sportrix-tui {__version__}"
    help_text = run("--help").stdout
    for needle in ("--match", "--demo", "SPORTRIX_API_KEY", "log file:", "--insecure"):
        assert needle in help_text


def test_clear_text_url_to_another_host_needs_insecure(tmp_path: Path) -> None:
    (tmp_path / "empty.toml").write_text("")
    env = {"SPORTRIX_TUI_CONFIG": str(tmp_path / "empty.toml")}
    result = run("--url", "ws://scores.example.com/v1/stream", "--match", "1", env=env)
    assert result.returncode == 2
    assert "--insecure" in result.stderr and "clear text" in result.stderr


def test_key_in_url_is_refused_without_echoing_it(tmp_path: Path) -> None:
    (tmp_path / "empty.toml").write_text("")
    env = {"SPORTRIX_TUI_CONFIG": str(tmp_path / "empty.toml")}
    result = run("--url", "wss://h.example/v1/stream?key=sk_secret_123", env=env)
    assert result.returncode == 2
    assert "sk_secret_123" not in result.stderr + result.stdout
    assert "header" in result.stderr


def test_world_readable_config_with_a_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('api_key = "sk_from_file_999"\n')
    config.chmod(0o644)
    result = run("--match", "1", env={"SPORTRIX_TUI_CONFIG": str(config)})
    assert result.returncode == 2
    assert "chmod 600" in result.stderr
    assert "sk_from_file_999" not in result.stderr


def test_clear_text_url_for_the_other_provider_is_refused_too(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[scorelytics]\nurl = "http://scores.example.com"\n')
    result = run("--match", "41282", env={"SPORTRIX_TUI_CONFIG": str(config)})
    assert result.returncode == 2
    assert "scores.example.com" in result.stderr and "--insecure" in result.stderr
