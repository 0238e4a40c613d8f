"""AlertInfo rules, quiet hours and the digest (issue 27): the config a user writes, and where
each alert then goes. A bad rule stops the app at start with status 2, naming the rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoreboard import exits
from scoreboard.config import SettingsError
from scoreboard.core.alerting import (
    AlertInfo,
    AlertRule,
    Digest,
    Quiet,
    parse_quiet,
    parse_rules,
    route,
)
from scoreboard.core.closegame import CloseGameSettings
from scoreboard.settings import load_settings

KOHLI = AlertInfo("fifty", "sportrix:700004", "India", "New Zealand", "World Cup", "V Kohli")
GOAL = AlertInfo("goal", "sportrix:41282", "Arsenal", "Chelsea", "Premier League", text="ARS 1-0")
DEFAULT = ("toast", "desktop", "title")
NIGHT = 23 * 60 + 30  # 23:30
DAY = 12 * 60


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_KEY")}
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


def test_rules_quiet_hours_and_close_game_thresholds_are_read(config: Path) -> None:
    config.write_text(
        """
[alerts]
quiet = "23:00-07:00"

[alerts.close_game]
soccer_minute = 85
cricket_max_rate = 12

[[alerts.rule]]
player = "Virat Kohli"
events = ["on_49", "fifty", "hundred"]
channels = ["toast", "bell"]
urgent = true

[[alerts.rule]]
match = 41282
pulse = 80
"""
    )
    alerts = load_settings(config=config, environ={}).alerts
    assert alerts.quiet == Quiet(23 * 60, 7 * 60)
    assert alerts.close_game == CloseGameSettings(soccer_minute=85, cricket_max_rate=12.0)
    kohli, match = alerts.rules
    assert kohli == AlertRule(
        player="Virat Kohli",
        events=("on_49", "fifty", "hundred"),
        channels=("toast", "bell"),
        urgent=True,
    )
    assert match.match == "sportrix:41282" and match.pulse == 80


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ('[[alerts.rule]]\nteam = "Arsenal"\nevents = ["gaol"]', "rule 1 (team Arsenal): events"),
        ('[[alerts.rule]]\nplayer = "X"\nchannels = ["pager"]', "unknown channel 'pager'"),
        ('[[alerts.rule]]\nteam = "A"\n[[alerts.rule]]\nteam = "B"\nwhen = 3', "rule 2 (team B)"),
        ("[[alerts.rule]]\nurgent = true", "says neither who"),
        ('[[alerts.rule]]\nteam = "A"\npulse = 101', "pulse must be a whole number"),
        ('[[alerts.rule]]\nmatch = "nosuch:1"', "rule 1"),
        ('[alerts]\nquiet = "23:00"', "alerts.quiet must be a time range"),
        ('[alerts]\nquiet = "25:00-07:00"', "alerts.quiet must be a time range"),
        ('[alerts]\nquiet = "07:00-07:00"', "must not start and end at the same time"),
        ("[alerts.close_game]\nsoccer_minit = 80", "unknown key 'soccer_minit'"),
        ("[alerts.close_game]\nbasketball_overtime = 1", "basketball_overtime must be true"),
    ],
)
def test_a_bad_rule_or_quiet_range_is_named(config: Path, toml: str, says: str) -> None:
    config.write_text(toml + "\n")
    with pytest.raises(SettingsError) as info:
        load_settings(config=config, environ={})
    message = str(info.value)
    assert message.startswith(f"config file {config}: alerts.") and says in message
    assert "\n" not in message


def test_a_bad_rule_is_exit_status_2_naming_it(config: Path) -> None:
    config.write_text('[[alerts.rule]]\nplayer = "Virat Kohli"\nevents = ["fourty"]\n')
    result = run(config, "--match", "41282")
    assert result.returncode == exits.USAGE
    [line] = result.stderr.splitlines()
    assert "alerts.rule rule 1 (player Virat Kohli): events has an unknown event 'fourty'" in line


def test_a_rule_matches_who_and_what() -> None:
    [kohli] = parse_rules([{"player": "Virat Kohli", "events": ["fifty"], "channels": ["bell"]}])
    assert kohli.matches(KOHLI)
    assert not kohli.matches(AlertInfo("hundred", "sportrix:1", "India", "NZ", player="V Kohli"))
    assert not kohli.matches(AlertInfo("fifty", "sportrix:1", "India", "NZ", player="KL Rahul"))
    [arsenal] = parse_rules([{"team": "arsenal"}])  # every kind, case ignored
    assert arsenal.matches(GOAL) and not arsenal.matches(KOHLI)
    [epl] = parse_rules([{"competition": "Premier League", "pulse": 80}])
    hot = AlertInfo("pulse", "sportrix:41282", "Arsenal", "Chelsea", "Premier League", pulse=83)
    assert epl.matches(hot) and not epl.matches(GOAL)
    assert not epl.matches(
        AlertInfo("pulse", "sportrix:41282", "Arsenal", "Chelsea", "Premier League", pulse=60)
    )


def test_a_matching_rule_picks_the_channels_else_the_defaults() -> None:
    rules = parse_rules([{"player": "Kohli", "channels": ["bell", "toast"]}])
    assert route(KOHLI, rules, DEFAULT, None, DAY).channels == ("bell", "toast")
    assert route(GOAL, rules, DEFAULT, None, DAY).channels == DEFAULT
    assert route(GOAL, rules, (), None, DAY) is None  # [alerts] leaves it out


def test_quiet_hours_hold_bell_and_desktop_except_urgent_rules() -> None:
    quiet = parse_quiet("23:00-07:00")
    assert quiet.holds(NIGHT) and quiet.holds(6 * 60 + 59) and not quiet.holds(7 * 60)
    calm = route(GOAL, (), ("toast", "bell", "desktop"), quiet, NIGHT)
    assert calm is not None and calm.channels == ("toast",) and calm.held
    urgent = parse_rules([{"team": "Arsenal", "channels": ["bell", "desktop"], "urgent": True}])
    loud = route(GOAL, urgent, DEFAULT, quiet, NIGHT)
    assert loud is not None and loud.channels == ("bell", "desktop") and not loud.held
    day = route(GOAL, (), ("toast", "bell"), quiet, DAY)
    assert day is not None and day.channels == ("toast", "bell") and not day.held


def test_one_digest_when_quiet_hours_end() -> None:
    digest = Digest(parse_quiet("23:00-07:00"))
    digest.hold(GOAL)
    digest.hold(
        AlertInfo("close_game", "sportrix:41282", "Arsenal", "Chelsea", text="Close game: level")
    )
    assert digest.due(NIGHT) is None and digest.due(3 * 60) is None
    text = digest.due(7 * 60)
    assert text == ("While quiet (23:00-07:00): 1 goal, 1 close game · ARS 1-0 · Close game: level")
    assert digest.due(7 * 60 + 1) is None  # told once
