"""The config file (issue 12, items 10 and 11): every value type-checked, named in one line.

What a user typing a config file sees: `sportrix-tui` exits with status 2 and
one line naming the key, never a traceback, a flag they did not pass, or a
value silently misread.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoreboard import cli, exits
from scoreboard.config import Key, SettingsError, boolean, validate
from scoreboard.settings import SCHEMA, Settings, load_settings

SECRET = "sk_live_Config7Secret"


def load(config: Path, **kwargs: object) -> Settings:
    return load_settings(config=config, environ={}, **kwargs)  # type: ignore[arg-type]


def run(config: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("API_KEY", "_KEY"))}
    if config is not None:
        env["SPORTRIX_TUI_CONFIG"] = str(config)
    return subprocess.run(
        [sys.executable, "-m", "scoreboard", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.touch(mode=0o600)
    return path


# -- matches ---------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["matches = 41282", 'matches = "41282"', "matches = [41282]"])
def test_one_match_id_is_one_match_not_one_per_character(config: Path, line: str) -> None:
    config.write_text(line + "\n")
    assert load(config).matches == ("41282",)


def test_provider_tables_hold_their_own_matches(config: Path) -> None:
    config.write_text('matches = [41282, "41300"]\n[scorelytics]\nmatches = ["abc123"]\n')
    assert load(config).matches == ("41282", "41300", "scorelytics:abc123")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("matches = true", "matches must be a list of match ids"),
        ("matches = [1.5]", "matches must be a list of match ids"),
        ("matches = {a = 1}", "matches must be a list of match ids, such as [41282"),
        ('matches = ["abc"]', "matches: bad match id 'abc'"),
        ("matches = [0]", "positive whole number"),
        ('matches = ["espn:1"]', "unknown provider 'espn'"),
    ],
)
def test_bad_matches_are_named(config: Path, line: str, says: str) -> None:
    config.write_text(line + "\n")
    with pytest.raises(SettingsError) as info:
        load(config)
    assert str(info.value).startswith(f"config file {config}: ") and says in str(info.value)


# -- every value typed, named by its config name -------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("url = 8765", "url must be text in quotes"),
        ('url = ""', "url must not be empty"),
        ("rest_url = false", "rest_url must be text"),
        ('debug = "yes"', "debug must be true or false, got 'yes'"),
        ("log_file = 3", "log_file must be text"),
        ("max_frame_bytes = 'big'", "max_frame_bytes must be a whole number of bytes between"),
        ("[scorelytics]\nurl = 5", "scorelytics.url must be text"),
        ("scorelytics = 5", "scorelytics must be a table"),
        ("[scorelytics]\nurll = 'x'", "unknown key 'urll' in [scorelytics] (did you mean 'url'?)"),
        ("mathces = [1]", "unknown key 'mathces' (did you mean 'matches'?)"),
        ("[alertz]\ngoal = true", "unknown table [alertz]"),
        ("zzz = 1", "unknown key 'zzz' (known: api_key, url,"),
    ],
)
def test_each_value_is_type_checked_and_named(config: Path, toml: str, says: str) -> None:
    config.write_text(toml + "\n")
    with pytest.raises(SettingsError) as info:
        load(config)
    message = str(info.value)
    assert message.startswith(f"config file {config}: ") and says in message
    assert "\n" not in message and "--url" not in message


def test_a_url_that_is_a_number_is_a_config_error_not_a_flag_error(config: Path) -> None:
    config.write_text("url = 8765\n")
    result = run(config, "--match", "41282")
    assert result.returncode == exits.USAGE
    assert result.stderr.splitlines() == [
        f"sportrix-tui: error: config file {config}: url must be text in quotes "
        '(name = "..."), got 8765'
    ]


def test_a_configured_http_url_for_the_stream_is_named_by_its_config_key(config: Path) -> None:
    config.write_text('url = "http://127.0.0.1:8765/v1/stream"\n')
    with pytest.raises(SettingsError) as info:
        load(config)
    assert str(info.value) == (
        f"config file {config}: url must be a ws:// or wss:// URL for Sportrix, "
        "not http:// (its stream is a WebSocket)"
    )


def test_api_key_that_is_a_number_is_a_bad_api_key_not_no_key(config: Path) -> None:
    config.write_text("api_key = 12345\n")
    config.chmod(0o600)
    result = run(config, "--match", "41282")
    assert result.returncode == exits.USAGE
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "api_key must be text in quotes" in lines[0] and "got a number" in lines[0]
    assert "12345" not in lines[0]  # a key's value is never quoted, even a wrong one


def test_a_secret_of_the_wrong_type_is_never_quoted(config: Path) -> None:
    config.write_text(f"[scorelytics]\napi_key = ['{SECRET}']\n")
    config.chmod(0o600)
    with pytest.raises(SettingsError) as info:
        load(config)
    assert "scorelytics.api_key must be text" in str(info.value)
    assert SECRET not in str(info.value) and "got a list" in str(info.value)


def test_flags_are_checked_by_the_same_rules_and_win(config: Path) -> None:
    config.write_text("max_frame_bytes = 4096\ndebug = true\n")
    settings = load(config)
    assert settings.max_frame_bytes == 4096 and settings.debug
    assert load(config, max_frame_bytes=2048).max_frame_bytes == 2048
    assert load(config, log_path=Path("/tmp/x.log")).log_path == Path("/tmp/x.log")
    with pytest.raises(SettingsError, match=r"^--max-frame-bytes must be a whole number"):
        load(config, max_frame_bytes=10)


def test_a_new_key_is_one_line_in_the_schema(config: Path) -> None:
    """How other settings join: a `Key` in the schema fills its `Settings` field."""
    schema = {**SCHEMA, "alerts": {"goals": Key(boolean, field="alerts_goals")}}
    config.write_text("[alerts]\ngoals = 'loud'\n")
    with pytest.raises(SettingsError, match=r"alerts\.goals must be true or false, got 'loud'"):
        validate({"alerts": {"goals": "loud"}}, schema, f"config file {config}")
    assert validate({"alerts": {"goals": True}}, schema, "x") == {"alerts.goals": True}


# -- the file itself and the log ------------------------------------------------------------


def test_a_missing_file_named_by_the_environment_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run(missing, "--match", "41282")
    assert result.returncode == exits.USAGE
    assert result.stderr.splitlines() == [
        f"sportrix-tui: error: config file {missing} does not exist (named by SPORTRIX_TUI_CONFIG)"
    ]


def test_no_file_at_the_default_place_is_fine(tmp_path: Path) -> None:
    assert load(tmp_path / "absent.toml").matches == ()


def test_an_unwritable_log_path_warns_once_on_stderr_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    config = tmp_path / "config.toml"
    config.write_text(f'log_file = "{blocker}/sub/x.log"\n')
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    started: list[Settings] = []
    monkeypatch.setattr(cli, "run", lambda settings: started.append(settings) or 0)
    assert cli.main(["--match", "41282"]) == exits.OK
    warning = f"cannot write the log file {blocker}/sub/x.log (Not a directory); no log"
    assert capsys.readouterr().err.splitlines() == [f"sportrix-tui: warning: {warning}"]
    assert started[0].warnings == (warning,)  # the app shows it as a toast (tests/app)


# -- the README ----------------------------------------------------------------------------


def test_the_readme_config_example_loads_and_names_every_key(tmp_path: Path) -> None:
    """The README's configuration section is the schema: every key there, nothing else."""
    import re

    from scoreboard.config import keys

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Configuration.*?```toml\n(.*?)```", readme, re.S)
    assert block is not None
    config = tmp_path / "config.toml"
    config.write_text(block.group(1))
    config.chmod(0o600)
    load_settings(config=config, environ={}, demo=True)  # every value valid, no unknown key
    shown = set(re.findall(r"^\[*(?:\w+\.)?(\w+)", block.group(1), re.M))  # [[alerts.rule]]: rule
    tables = {name.split(".")[0] for name, _ in keys(SCHEMA) if "." in name}
    missing = {name.split(".")[-1] for name, _ in keys(SCHEMA)} - shown - tables
    assert not missing, f"README's configuration example leaves out {sorted(missing)}"
