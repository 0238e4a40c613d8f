"""Densities: how many matches a terminal shows, `z`, the remembered choice,
and panels as high as their content."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from helpers.app import all_live, all_shown, card, fully_shown, region_of, screen_until, until
from helpers.app import time_app as looks_app
from helpers.scenes import MANY
from msgspec.structs import replace as with_fields

from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.widgets.match_panel import MatchPanel


def fully_visible(app: ScoreboardApp) -> list[MatchPanel]:
    """Panels the user sees whole, without scrolling."""
    return [panel for panel in app.cards.values() if fully_shown(app, panel)]


@pytest.mark.parametrize(
    ("size", "density", "at_least"),
    [((80, 24), "compact", 6), ((60, 20), "ticker", 15), ((40, 12), "ticker", 8)],
    ids=["80x24", "60x20", "40x12"],
)
async def test_the_terminal_size_picks_a_density_that_shows_many_matches(
    sim, size: tuple[int, int], density: str, at_least: int
) -> None:
    app = looks_app(sim, *MANY)
    async with app.run_test(size=size) as pilot:
        await all_shown(app)
        await pilot.pause()
        assert app.grid.density == density
        assert len(fully_visible(app)) >= at_least
        if density == "ticker":
            assert all(region_of(app, panel).height == 1 for panel in app.cards.values())


async def test_full_panels_fill_a_big_terminal(sim) -> None:
    app = looks_app(sim, *MANY[:9])
    async with app.run_test(size=(200, 50)) as pilot:
        await all_shown(app)
        await pilot.pause()
        assert app.grid.density == "full"
        grid = app.query_one("#grid").region
        shown = [region_of(app, p).intersection(grid) for p in app.cards.values()]
        covered = sum(region.area for region in shown)
        # Three columns edge to edge, rows to the bottom (the rest scrolls).
        assert len({region.x for region in shown if region.area}) == 3
        assert covered >= 0.85 * grid.area


async def test_z_cycles_the_density_and_the_choice_is_remembered(sim, tmp_path: Path) -> None:
    app = looks_app(sim, "41282", "41300", state_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        soccer = card(app, 41282)
        assert app.grid.density == "full"
        full_height = region_of(app, soccer).height
        await pilot.press("z")
        await pilot.pause()
        assert app.grid.density == "compact"
        assert region_of(app, soccer).height == 2 + 3 < full_height
        await pilot.press("z")
        await pilot.pause()
        assert app.grid.density == "ticker" and region_of(app, soccer).height == 1
        line = soccer.body(soccer.inner_size.width)[0].plain
        assert "Arsenal" in line and "LIVE" in line
    saved = tmp_path / "view.json"
    assert json.loads(saved.read_text()) == {"density": "ticker"}
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    again = looks_app(sim, "41282", state_dir=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await until(again, lambda: all_live(again))
        assert again.grid.density == "ticker"  # remembered, whatever the size says
        await pilot.press("z")
        assert again.grid.density == "full"
    # A density given in the config (or --density) wins over the remembered one.
    configured = looks_app(sim, "41282", state_dir=tmp_path, density="compact")
    async with configured.run_test(size=(120, 40)):
        assert configured.grid.density == "compact"


async def test_a_panel_is_as_high_as_its_content(sim) -> None:
    """Issue 12, item 20: a Scorelytics panel has two lines, not a 16-row box."""
    app = looks_app(sim, "scorelytics:xyz789", "41282", density="full")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        for panel in app.cards.values():
            lines = panel.body(panel.inner_size.width)
            assert region_of(app, panel).height == len(lines) + 2  # the border
        basketball = card(app, "xyz789", "scorelytics")
        assert region_of(app, basketball).height == 4


async def test_a_flash_says_goal_in_the_title_and_the_ticker(sim_factory) -> None:
    """Not told by colour alone: the flash writes GOAL where the panel shows its state."""
    app = looks_app(sim_factory(speed=0), "41282", density="compact")  # no frame overtakes ours
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        assert "GOAL" not in str(panel.border_title)
        snap = panel.snapshot
        scored = with_fields(snap, score=with_fields(snap.score, home=snap.score.home + 1))
        app.feed.delivery.deliver(panel, scored)
        await screen_until(pilot, lambda: panel.highlighted, 5)
        assert "GOAL" in str(panel.border_title)
        await pilot.press("z")
        await pilot.pause()
        assert " GOAL " in panel.body(panel.inner_size.width)[0].plain


def test_a_newer_batch_of_snapshots_keeps_the_older_ones_panels() -> None:
    """Textual handles only the newer of two queued batches: it carries both.
    (Found by the 13-panel scenes: three panels waited for ever.)"""
    older = MatchPanel.Snapshots({"a": 1, "b": 1})  # type: ignore[dict-item]
    newer = MatchPanel.Snapshots({"b": 2, "c": 2})  # type: ignore[dict-item]
    assert older.can_replace(newer)
    assert newer.batch == {"a": 1, "b": 2, "c": 2}


def ticker_row(panel: MatchPanel) -> str:
    """The ticker row as drawn, at the panel's own width."""
    return "".join(line.plain for line in panel.body(panel.inner_size.width))


async def test_a_narrow_ticker_keeps_both_teams(sim) -> None:
    """Issue 25, 17: at 30x10 the away team was cut (`ARS 0 - 3 …`)."""
    app = looks_app(sim, "41282", "41283", density="ticker")
    async with app.run_test(size=(30, 10)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        row = ticker_row(card(app, 41282))
        assert "ARS" in row and "CHE" in row and "…" not in row, repr(row)


async def test_finished_rows_line_up_with_live_ones_in_a_wide_ticker(sim_factory) -> None:
    """Issue 25, 18: at 200x50 a finished match's score sits in the live rows' column."""
    sim = sim_factory(speed=0)
    app = looks_app(sim, "41282", "41320", density="ticker")
    async with app.run_test(size=(200, 50)) as pilot:
        finished = card(app, 41320)
        await until(app, lambda: card(app, 41282).snapshot is not None)
        await until(app, lambda: finished.summary is not None)
        await pilot.pause()
        live, done = ticker_row(card(app, 41282)), ticker_row(finished)
        assert " - " in live and " - " in done, (live, done)
        assert live.index(" - ") == done.index(" - "), (live, done)
