"""`--poll`, `--poll-interval` and the config keys `poll`, `poll_interval` (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreboard import cli, exits
from scoreboard.config import SettingsError
from scoreboard.settings import Settings, load_settings


def load(config: Path, **kwargs: object) -> Settings:
    return load_settings(config=config, environ={}, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.touch(mode=0o600)
    return path


def test_polling_is_off_and_every_5_s_by_default(config: Path) -> None:
    sportrix = load(config).provider_settings("sportrix")
    assert (sportrix.poll, sportrix.poll_interval) == (False, 5.0)


def test_flags_set_polling_for_the_provider_that_can_poll(config: Path) -> None:
    settings = load(config, poll=True, poll_interval=2)
    assert settings.provider_settings("sportrix").poll
    assert settings.provider_settings("sportrix").poll_interval == 2.0
    assert not settings.provider_settings("scorelytics").poll


@pytest.mark.parametrize(
    "text", ["poll = true\npoll_interval = 7.5", "[sportrix]\npoll = true\npoll_interval = 7.5"]
)
def test_the_config_sets_polling(config: Path, text: str) -> None:
    config.write_text(text + "\n")
    sportrix = load(config).provider_settings("sportrix")
    assert (sportrix.poll, sportrix.poll_interval) == (True, 7.5)


@pytest.mark.parametrize("value", ["1", "1.99", "0", "-5", "4000", '"5"', "true"])
def test_an_interval_under_2_s_or_not_a_number_is_refused(config: Path, value: str) -> None:
    config.write_text(f"poll_interval = {value}\n")
    with pytest.raises(
        SettingsError, match=r"poll_interval must be a number of seconds between 2 and 3600"
    ):
        load(config)


def test_the_flag_is_checked_by_the_same_rule(config: Path) -> None:
    with pytest.raises(
        SettingsError, match=r"^--poll-interval must be .* between 2 and 3600, got 1"
    ):
        load(config, poll_interval=1.0)


def test_scorelytics_has_no_poll_key(config: Path) -> None:
    config.write_text("[scorelytics]\npoll = true\n")
    with pytest.raises(SettingsError, match="poll"):
        load(config)


def test_the_cli_refuses_a_short_interval_with_status_2(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    assert cli.main(["--poll-interval", "1"]) == exits.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--poll-interval must be" in err
