"""Cut text and layout (issue 12, items 21 to 24), through the real app against the simulator."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import defaultdict

import pytest
from helpers.app import all_live, app_for, card, region_of, until

from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen
from scoreboard.ui.screens.help import KEYS, HelpScreen


def screen_lines(app: ScoreboardApp) -> list[str]:
    """The terminal's lines as text, from the SVG export: each text element names its
    line and starts at `x` (cells of `textLength / len`), blank cells are not drawn."""
    svg = app.export_screenshot()
    found = re.findall(
        r'<text[^>]* x="([\d.]+)"[^>]* textLength="([\d.]+)"[^>]*'
        r'clip-path="url\(#[\w-]*line-(\d+)\)">([^<]*)</text>',
        svg,
    )
    cell = min(float(length) / len(html.unescape(t)) for _, length, _, t in found if t.strip())
    lines: dict[int, dict[int, str]] = defaultdict(dict)
    for x, _, line, text in found:
        lines[int(line)][round(float(x) / cell)] = html.unescape(text).replace("\xa0", " ")
    rows = []
    for number in range(max(lines, default=-1) + 1):
        row = ""
        for column, text in sorted(lines[number].items()):
            row = row.ljust(column) + text
        rows.append(row.rstrip("\n").rstrip())
    return rows


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_keeps_every_key_and_quit(sim, size: tuple[int, int]) -> None:
    """Item 21: at 60x20 the footer read `? Hel▏^p palette` and lost `q Quit`."""
    app = app_for(sim, "41282", "41300")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        footer = screen_lines(app)[-1]
        for key in ("a Add", "d Remove", "Detail", "? Help", "q Quit"):
            assert key in footer, footer
        assert "Hel▏" not in footer and "…" not in footer


async def test_diagnostics_read_at_60_columns_with_none_url_and_last_error(sim) -> None:
    """Items 21 and 23: no `provi… conne…`; empty sections say none; URL and last error."""
    app = app_for(sim, "41282")
    async with app.run_test(size=(60, 20)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.press("i")
        assert isinstance(app.screen, DiagnosticsScreen)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Sportrix  live" in text and "…" not in text.split("Rejected")[0]
        assert "url ws://127.0.0.1:" in text
        assert "last error none" in text
        # Scroll to the end: every empty section says so.
        body = app.screen.query_one("VerticalScroll")
        body.scroll_end(animate=False)
        await pilot.pause()
        tail = "\n".join(screen_lines(app))
        assert tail.count("none") >= 2, tail  # rejections and notices


async def test_help_fits_120x40_and_never_wraps_a_key(sim) -> None:
    """Item 21: the help table wrapped `d, / Delete` and the help did not fit 120x40."""
    app = app_for(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "Press Escape to close." in text  # the last line: all of it is on screen
        assert "2Y second yellow (sent off)" in " ".join(text.split())
        for key, does in KEYS:
            plain = key.replace("`", "")
            line = next(line for line in lines if line.strip("│ ").startswith(plain + "  "))
            assert does.replace("`", "")[:20] in line, line  # key and meaning on one line


@pytest.mark.parametrize(("matches", "columns"), [(1, 1), (2, 2), (3, 3), (5, 3)])
async def test_columns_follow_the_number_of_panels_at_200x50(
    sim, matches: int, columns: int
) -> None:
    """Item 22: two matches at 200x50 used three columns and left a third empty."""
    ids = [str(41282 + i) for i in range(matches)]
    app = app_for(sim, *ids)
    async with app.run_test(size=(200, 50)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause()
        lefts = {region_of(app, card(app, int(i))).x for i in ids}
        assert len(lefts) == columns
        widths = [region_of(app, card(app, int(i))).width for i in ids]
        assert min(widths) >= 200 // columns - 2  # the panels share the whole width


def test_sim_help_mentions_scorelytics_and_its_demo_key() -> None:
    """Item 24."""
    out = subprocess.run(
        [sys.executable, "-m", "scoreboard.sim", "--help"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert "Scorelytics" in out and "sk_live_demo" in out
    assert "/v1/ws/match/{id}" in out and "abc123" in out
    assert "--url scorelytics=http://127.0.0.1:8765" in out


@pytest.mark.parametrize("size", [(40, 12), (30, 10)], ids=["40x12", "30x10"])
async def test_a_narrow_detail_view_keeps_the_way_back(sim, size: tuple[int, int]) -> None:
    """Issue 25, 17: at 40x12 the detail footer lost `esc Back` (its rewind keys stayed)."""
    app = app_for(sim, "41282")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41282).focus()
        await pilot.press("enter")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "esc Back" in footer, footer
