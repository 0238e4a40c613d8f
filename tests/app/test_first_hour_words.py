"""Saying the right thing (issue 25, 14): the help's `*`, a title that names its format
once, and a config error that suggests a table for a table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.app import all_live, app_for, card, text_of, until
from rich.text import Text
from textual.widgets import Static

from scoreboard import exits
from scoreboard.ui.screens.help import HelpScreen


async def test_help_says_the_bowler_is_marked_only_in_the_detail_scorecard(sim) -> None:
    app = app_for(sim, "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen.query_one("#help-body", Static).content, 110)
        said = " ".join(shown.split())
        star = said[said.index("marks the striker") :][:80]
        assert "detail scorecard" in star, star


async def test_a_format_named_by_its_competition_is_not_repeated(sim) -> None:
    app = app_for(sim, "41302")  # India v Australia, "ODI series", an ODI
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        title = Text.from_markup(str(card(app, 41302).border_title)).plain
        assert title.endswith("41302 · ODI series"), title


def test_an_unknown_table_is_never_offered_a_key(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[foo]\nx = 1\n")
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPORTRIX")}
    env |= {"SPORTRIX_TUI_CONFIG": str(config), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run(
        [sys.executable, "-m", "scoreboard", "--demo", "--once"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert proc.returncode == exits.USAGE
    assert "unknown table [foo]" in proc.stderr and "follow" not in proc.stderr, proc.stderr
