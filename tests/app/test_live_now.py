"""Live now: every catalog's matches, live, upcoming and finished, with the right data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

import pytest
from helpers.app import all_live, card, screen_until, settings_for, until, watch_events
from rich.text import Text
from textual.widgets import OptionList, Static

from scoreboard.core.models import Clock
from scoreboard.core.shortline import minute_text
from scoreboard.sim.engines.timeline import DEFAULT_EPOCH
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.screens.live_now import LiveNowScreen

FROZEN_NOW = DEFAULT_EPOCH.timestamp()  # the frozen simulator dates its catalog here


def frozen_app(sim: SimulatorThread, *matches: str, **changes: object) -> ScoreboardApp:
    settings = replace(settings_for(sim, *matches), **changes)  # type: ignore[arg-type]
    app = make_app(settings, wall_clock=lambda: FROZEN_NOW)
    app.timezone = UTC
    watch_events(app)
    return app


def rows(screen: LiveNowScreen) -> dict[str, str]:
    """Each match row's text, by `provider:id`; headings under their own text."""
    found = {}
    option_list = screen.query_one("#live-list", OptionList)
    for index in range(option_list.option_count):
        option = option_list.get_option_at_index(index)
        prompt = option.prompt
        text = prompt.plain if isinstance(prompt, Text) else str(prompt)
        found[option.id or f"heading:{text}"] = text
    return found


async def catalogs_read(app: ScoreboardApp, pilot: object, names: list[str]) -> None:
    """Wait for a good read of each catalog (a catalog read is no provider event)."""
    await screen_until(
        pilot,  # type: ignore[arg-type]
        lambda: all(
            (c := app.fan.catalogs.catalogs.get(n)) is not None and c.fetched_at for n in names
        ),
        10,
    )


async def open_live_now(app: ScoreboardApp, pilot: object) -> LiveNowScreen:
    await pilot.press("l")  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, LiveNowScreen)
    names = app.fan.catalogs.providers()
    await catalogs_read(app, pilot, names)
    screen.refresh_list()
    return screen


async def test_live_now_lists_live_upcoming_and_finished_matches(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = frozen_app(sim, "41282")
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        screen = await open_live_now(app, pilot)
        shown = rows(screen)

        live = sim.snapshot(41283)  # Liverpool v Manchester City, live
        row = shown["sportrix:41283"]
        assert "● LIVE" in row and "Liverpool" in row and "Manchester City" in row
        assert f"{live['score']['home']} - {live['score']['away']}" in row
        assert minute_text(Clock(**live["clock"])) in row

        # Upcoming: kick-off time and a countdown, at the simulator's pace.
        row = shown["sportrix:41310"]
        assert "◷ 19:33 in 3 min" in row and "Tottenham Hotspur v Manchester United" in row

        # Finished: the final score, and a cricket result.
        final = sim.snapshot(41320)
        row = shown["sportrix:41320"]
        assert "■ FT" in row and f"{final['score']['home']} - {final['score']['away']}" in row
        result = sim.snapshot(41321)["result"]
        assert result in shown["sportrix:41321"]

        # The other provider too, and groups by sport and competition.
        assert "Boston Celtics" in shown["scorelytics:xyz789"]
        assert "Golden State Warriors" in shown["scorelytics:ghi012"]
        assert "heading:Soccer · Premier League" in shown
        assert "heading:Cricket · IPL" in shown
        # The shown match says so, with the panel's own live score.
        assert "(shown)" in shown["sportrix:41282"]


async def test_live_now_filters_adds_and_focuses(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = frozen_app(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        screen = await open_live_now(app, pilot)
        await pilot.press(*"taca de")  # accents and case ignored: Taça de Portugal
        assert [k for k in rows(screen) if not k.startswith("heading:")] == ["sportrix:41322"]
        await pilot.press(*(["backspace"] * 7), *"REAL madrid")
        assert [k for k in rows(screen) if not k.startswith("heading:")] == ["sportrix:41284"]
        await pilot.press("enter")
        assert not isinstance(app.screen, LiveNowScreen)
        added = card(app, 41284)
        assert app.focused_card is added
        await until(app, lambda: added.snapshot is not None)

        # Enter on a match already shown focuses it instead of adding it twice.
        await open_live_now(app, pilot)
        await pilot.press(*"mumbai", "enter")
        assert app.focused_card is card(app, 41300)
        assert len(app.cards) == 3


async def test_a_catalog_that_cannot_be_read_says_why_and_loses_nothing(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = frozen_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        screen = await open_live_now(app, pilot)
        before = rows(screen)
        assert "sportrix:41283" in before
        # The catalog now refuses (rate limit), twice: nothing shown is lost.
        sim.faults.rest_fault(429, retry_after=120, path="/v1/matches")
        reads = app.fan.catalogs.catalogs["sportrix"]
        reads.not_before = 0.0
        app.fan.catalogs.refresh("sportrix")
        await screen_until(pilot, lambda: reads.error is not None, 10)
        screen.refresh_list()
        problems = str(screen.query_one("#live-problems", Static).content)
        assert "Sportrix catalog unavailable" in problems and "429" in problems
        assert "last good read" in problems
        assert rows(screen).keys() == before.keys()
        assert card(app, 41282).snapshot is not None
        # Retry-After is honoured: the next read waits at least 120 s.
        retry = app.fan.catalogs.retry_in("sportrix")
        assert retry is not None and retry > 100


async def test_rows_without_a_competition_or_a_time_say_so(sim_factory) -> None:
    """Issue 25, 21: Scorelytics' catalog gives neither competitions nor start times:
    no bare "Soccer" group, no scheduled row without a word on when."""
    sim = sim_factory(speed=0)
    app = frozen_app(sim, "41282")
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        screen = await open_live_now(app, pilot)
        shown = rows(screen)
        headings = [key for key in shown if key.startswith("heading:")]
        assert "heading:Soccer" not in headings, headings
        assert "heading:Soccer · Scorelytics (no competition)" in headings, headings
        scheduled = [row for row in shown.values() if "◷" in row]
        assert scheduled and all(
            any(ch.isdigit() for ch in row.split("◷")[1][:10]) or "time not given" in row
            for row in scheduled
        ), scheduled
        assert "◷ scheduled" not in " ".join(shown.values())
        assert "◷ start time not given" in shown["scorelytics:def456"]


@pytest.mark.parametrize("size", [(40, 12), (30, 10)], ids=["40x12", "30x10"])
async def test_rows_are_one_line_on_a_small_terminal(sim, size: tuple[int, int]) -> None:
    """Issue 25, 17: at 40x12 rows wrapped ("● LIVE  Sydney" / "Sixers ...")."""
    app = frozen_app(sim, "41282")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        screen = await open_live_now(app, pilot)
        await pilot.pause()
        option_list = screen.query_one("#live-list", OptionList)
        # One terminal line per row: the list is exactly as tall as its options.
        assert option_list.virtual_size.height == option_list.option_count
