"""`follow = [...]` and `[alerts]` in the config: read, or one line and status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoreboard import cli, exits
from scoreboard.core.alerting import AlertSettings
from scoreboard.core.follows import FollowRule
from scoreboard.settings import Settings


def run(config: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[Settings]]:
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    monkeypatch.setenv("SPORTRIX_API_KEY", "sk_demo")
    started: list[Settings] = []
    monkeypatch.setattr(cli, "run", lambda settings: started.append(settings) or 0)
    monkeypatch.setattr(cli, "install_logging", lambda *a, **k: None)
    return cli.main(["--match", "41282", *args]), started


def test_follow_and_alerts_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'follow = ["Arsenal", "competition:IPL", "sportrix:41282", "scorelytics:abc123"]\n'
        "catalog_refresh = 120\n"
        'sort = "recent"\n'
        "[alerts]\n"
        'scope = "all"\n'
        'channels = ["toast", "bell"]\n'
        'events = ["goal", "wicket"]\n'
        'desktop = "osc9"\n'
    )
    status, started = run(config, monkeypatch)
    assert status == exits.OK
    settings = started[0]
    assert settings.follow == (
        FollowRule("team", "Arsenal"),
        FollowRule("competition", "IPL"),
        FollowRule("match", "sportrix:41282"),
        FollowRule("match", "scorelytics:abc123"),
    )
    assert settings.alerts == AlertSettings("all", ("toast", "bell"), ("goal", "wicket"), "osc9")
    assert settings.catalog_refresh == 120 and settings.sort == "recent"
    assert not settings.remember_shown  # --match: this run's set is not remembered


def test_defaults_alert_for_followed_teams_without_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    _, started = run(config, monkeypatch)
    alerts = started[0].alerts
    assert alerts.scope == "followed" and "bell" not in alerts.channels
    assert started[0].session_path is not None


def test_fresh_ignores_the_remembered_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    _, started = run(config, monkeypatch, "--fresh")
    assert started[0].session_path is None


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("[alerts]\nsound = true", "unknown key 'sound' in [alerts]"),
        ('[alerts]\nchannels = ["toast", "pager"]', "unknown channel 'pager'"),
        ('[alerts]\nchannels = "toast"', "alerts.channels must be a list of channels"),
        ('[alerts]\nevents = ["goal", "own goal"]', "unknown event 'own goal'"),
        ('[alerts]\nscope = "mine"', 'alerts.scope must be one of "followed", "all"'),
        ('[alerts]\ndesktop = "growl"', "alerts.desktop must be one of"),
        ('follow = "Arsenal"', "follow must be a list"),
        ('follow = ["sportrix:abc"]', "follow has a bad entry"),
        ("follow = [41282]", "a follow entry must be a string"),
        ('follow = ["competition:"]', "needs a competition name"),
        ("catalog_refresh = 1", "catalog_refresh must be a number of seconds between 10"),
    ],
)
def test_bad_values_are_one_line_and_status_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    says: str,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(toml + "\n")
    status, started = run(config, monkeypatch)
    err = capsys.readouterr().err
    assert status == exits.USAGE and not started
    assert says in err and err.count("\n") == 1, err
