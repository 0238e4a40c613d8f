"""Config through the real app (issue 12, items 10 and 11): what a new user's file does."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import all_live, toasts, until, watch_events

from scoreboard import cli
from scoreboard.settings import Settings
from scoreboard.ui.app import make_app


def started_with(config: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Settings:
    """The settings `sportrix-tui` would start the app with, from `config` and `args`."""
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    monkeypatch.setenv("SPORTRIX_API_KEY", "sk_demo")
    started: list[Settings] = []
    monkeypatch.setattr(cli, "run", lambda settings: started.append(settings) or 0)
    assert cli.main(list(args)) == 0
    return started[0]


@pytest.mark.parametrize("value", ["41282", '"41282"'])
async def test_a_single_configured_match_opens_one_panel(
    sim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'url = "{sim.url}"\nmatches = {value}\nlog_file = "{tmp_path}/x.log"\n')
    app = make_app(started_with(config, monkeypatch))
    watch_events(app)
    async with app.run_test(size=(80, 24)):
        await until(app, lambda: all_live(app))
        assert [str(ref) for ref in app.cards] == ["sportrix:41282"]


async def test_an_unwritable_log_is_a_toast_and_the_app_carries_on(
    sim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    config = tmp_path / "config.toml"
    config.write_text(f'url = "{sim.url}"\nmatches = [41282]\nlog_file = "{blocker}/x.log"\n')
    app = make_app(started_with(config, monkeypatch))
    assert capsys.readouterr().err.count("cannot write the log file") == 1
    watch_events(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 1 and f"cannot write the log file {blocker}/x.log" in shown[0]
        assert any("cannot write the log file" in n for _, n in app.diagnostics.notices)
