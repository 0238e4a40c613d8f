"""Colours come from the Textual theme: a theme change recolours the panels at once,
and every built-in theme stays readable, for every colour vision."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.app import all_live, app_for, card, lines_of, settings_for, until, watch_events
from rich.color import Color as RichColor
from rich.segment import Segment
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from scoreboard.settings import Settings
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.look import colour
from scoreboard.ui.look.palette import Palette
from scoreboard.ui.widgets.match_panel import MatchPanel

#: Themes that name the terminal's own colours: what they look like is the terminal's choice.
TERMINAL_THEMES = {"ansi-dark", "ansi-light"}
DRAWN_THEMES = sorted(set(BUILTIN_THEMES) - TERMINAL_THEMES)


def palette_for(theme: str, palette: str = "colour-blind") -> Palette:
    """The palette the app builds for `theme` (no terminal needed)."""
    app = make_app(Settings(palette=palette))
    app.theme = theme
    app.get_css_variables()
    assert app.palette is not None and app.palette.theme == theme
    return app.palette


def _rgb(value: RichColor | None) -> Color | None:
    return None if value is None else Color.from_rich_color(value)


def cells(panel: MatchPanel, text: str) -> list[Segment]:
    """The segments of the panel as the grid draws it (border included) that show `text`."""
    app = panel.app
    assert isinstance(app, ScoreboardApp)
    strips = lines_of(app, panel)
    found = [seg for strip in strips for seg in strip if text in seg.text and seg.style]
    assert found, f"{text!r} not on the panel"
    return found


async def test_a_theme_change_recolours_the_panels_at_once(sim) -> None:
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        soccer = card(app, 41282)
        home = soccer.snapshot.home
        before = cells(soccer, home)[0].style
        dark = app.palette
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert app.palette is not dark and app.palette.theme == "textual-light"
        after = cells(soccer, home)[0].style
        assert after.color != before.color
        assert after.bgcolor != before.bgcolor
        assert _rgb(after.color) == app.palette.colours["home"]
        # The badge in the border (a title is drawn once, not per frame) follows too.
        live = cells(soccer, " LIVE ")[0].style
        assert _rgb(live.bgcolor) == app.palette.colours["badge.live"]
        cricket = card(app, 41300)
        batting = cricket.snapshot.home if cricket.snapshot.batting == "home" else None
        name = batting or cricket.snapshot.away
        assert _rgb(cells(cricket, name)[0].style.color) in (
            app.palette.colours["home"],
            app.palette.colours["away"],
        )


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "solarized-light", "nord"])
async def test_key_cells_on_screen_read_well(sim, theme: str) -> None:
    """Contrast of what the screen shows: team names, score, badge, stats, on their background."""
    app = ScoreboardApp(replace(settings_for(sim, "41282"), theme=theme))
    watch_events(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        panel = card(app, 41282)
        snap = panel.snapshot
        score = f" {snap.score.home} - {snap.score.away} "
        for text in (snap.home, snap.away, score, " LIVE ", "Possession"):
            for segment in cells(panel, text):
                fg, bg = _rgb(segment.style.color), _rgb(segment.style.bgcolor)
                if segment.style.reverse:
                    fg, bg = bg, fg
                assert fg is not None and bg is not None, text
                assert colour.contrast(fg, bg) >= 4.5, (theme, text, fg, bg)


@pytest.mark.parametrize("theme", DRAWN_THEMES)
def test_every_built_in_theme_is_readable_and_colour_blind_safe(theme: str) -> None:
    colours = palette_for(theme).colours
    background = colours["background"]
    for role in ("foreground", "home", "away", "dim", "error", "warn", "good", "accent"):
        assert colour.contrast(colours[role], background) >= 4.5, role
    for role in colours:
        if role.startswith("badge.") and not role.endswith(".text"):
            assert colour.contrast(colours[role], colours[f"{role}.text"]) >= 4.5, role
    # Home and away stay apart for every common colour vision, not by hue alone.
    assert colour.worst_difference(colours["home"], colours["away"]) >= 0.1


def test_classic_palette_is_home_primary_against_error() -> None:
    classic = palette_for("textual-dark", "classic").colours
    safe = palette_for("textual-dark").colours
    assert classic["home"] == safe["home"]
    assert classic["away"] != safe["away"]
    # The classic blue against red is the pair the safe palette avoids.
    assert colour.worst_difference(classic["home"], classic["away"]) < colour.worst_difference(
        safe["home"], safe["away"]
    )
