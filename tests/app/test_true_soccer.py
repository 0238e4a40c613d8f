"""Soccer as a real match reads on screen (issue 22, items 6 to 9 and 13 to 15), through
the real app against the real simulator.

Where the real StatsBomb matches the simulator serves fit (`scoreboard.sim.real`),
the test plays them: Barcelona 2-2 Girona (La Liga 2018/19: four goals, Lenglet's
red card, Stuani's goals for the away side with Aday Benítez's assist, added time
in both halves) and Turkey 0-3 Italy (Euro 2020: Demiral's own goal). A second
yellow is in none of them: that test sends a real match's events (Russia 0-3
Uruguay, World Cup 2018: Smolnikov's second yellow) on the simulator's own match
(`send_raw`, an `update` frame on the real socket).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from helpers.app import (
    all_live,
    card,
    card_text,
    detail_text,
    region_of,
    screen_text,
    screen_until,
    time_app,
    until,
)
from textual.pilot import Pilot

from scoreboard.core.models import Event, SoccerSnapshot
from scoreboard.core.shortline import minute_text
from scoreboard.sim import real
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.screens.detail import MatchDetailScreen

SOCCER = 41282
GIRONA, ITALY, ALAVES = "barcelona-girona-2018", "turkey-italy-2021", "barcelona-alaves-2018"


def event(
    minute: int,
    kind: str,
    team: str,
    player: str,
    *,
    added: int | None = None,
    assist: str | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    return {"minute": minute, "added_time": added, "type": kind, "team": team,
            "player": player, "assist": assist, "detail": detail}  # fmt: skip


#: Russia 0-3 Uruguay, 25 June 2018 (Samara): Cheryshev's own goal, Smolnikov sent off.
RUSSIA_URUGUAY = [
    event(10, "goal", "away", "Luis Alberto Suárez Díaz", assist="Rodrigo Bentancur Colmán"),
    event(23, "own_goal", "away", "Denis Cheryshev"),
    event(28, "yellow_card", "home", "Igor Smolnikov"),
    event(36, "second_yellow", "home", "Igor Smolnikov"),
    event(36, "red_card", "home", "Igor Smolnikov", detail="Second yellow card"),
    event(
        90,
        "goal",
        "away",
        "Edinson Roberto Cavani Gómez",
        assist="Cristhian Ricardo Stuani Curbelo",
    ),
]


async def send(app: ScoreboardApp, sim: SimulatorThread, match: int, **changes: Any) -> None:
    """Send `match` with `changes` on the real socket; wait until its panel shows them."""
    snap = {**sim.snapshot(match), **changes}
    sim.faults.send_raw(json.dumps({"op": "update", "data": snap}))
    panel = card(app, match)
    want = [Event(**e) for e in snap.get("events") or []]

    def shown() -> bool:
        got = panel.snapshot
        return got is not None and list(got.events or []) == want and got.home == snap["home"]

    await until(app, shown)


async def settle(app: ScoreboardApp, pilot: Pilot[None]) -> None:
    """Every panel painted what it was handed (a paint is no provider event)."""
    await screen_until(pilot, lambda: all(c.settled for c in app.cards.values()), 10)
    await pilot.pause()


def real_sim(sim_factory: Any, *names: str) -> SimulatorThread:
    """The simulator serving only these real matches, each held at its kick-off and
    moving only when the test says (`advance`)."""
    return sim_factory(engines=[], real=list(names), real_hold=True, speed=0)  # type: ignore[no-any-return]


async def to_full_time(app: ScoreboardApp, sim: SimulatorThread, *names: str) -> None:
    """Play the real matches to their end (every state, in order, on the socket)."""
    matches = [real.load(name) for name in names]
    sim.advance(max(m.frames[-1].at for m in matches) + 1)
    for match in matches:
        panel = card(app, match.match_id)
        await until(app, lambda p=panel: getattr(p.snapshot, "status", "") == "finished")  # type: ignore[misc]


@asynccontextmanager
async def at_full_time(
    sim_factory: Any, name: str, size: tuple[int, int], *, paint: bool = True
) -> AsyncIterator[tuple[ScoreboardApp, Pilot[None], int]]:
    """The app with one full panel of the real match `name`, played to its end (and, with
    `paint`, every panel painted): the app, its pilot and the match's id."""
    sim = real_sim(sim_factory, name)
    match_id = real.load(name).match_id
    app = time_app(sim, str(match_id), density="full")
    async with app.run_test(size=size) as pilot:
        await until(app, lambda: all_live(app))
        await to_full_time(app, sim, name)
        if paint:
            await settle(app, pilot)
        yield app, pilot, match_id


#: How a key event's line is marked after its minute: a goal (⚽ or `o` in ASCII), a red card.
KEY_MARKS = {"⚽", "o", "R", "2Y"}


def squeezed(text: str) -> str:
    """The screen's text without spaces (the SVG export drops those between styles)."""
    return "".join(text.split())


def event_lines(text: str) -> list[str]:
    """The panel's event lines (`82' 2Y GER Jérôme …`), spaces squeezed."""
    return [
        " ".join(line.split())
        for line in text.splitlines()[1:]
        if re.match(r"\s*\d+(\+\d+)?' ", line)
    ]


async def test_every_goal_and_red_card_stays_on_the_panel(sim_factory) -> None:
    """Item 6: Barcelona 2-2 Girona at full time listed three of its four goals and not
    Lenglet's red card (three rows for five key events), with the screen two thirds
    blank."""
    async with at_full_time(sim_factory, GIRONA, (160, 50)) as (app, _pilot, match_id):
        lines = event_lines(card_text(card(app, match_id)))
        key = [line for line in lines if line.split(" ")[1] in KEY_MARKS]
        assert [line.split(" ")[0] for line in key] == ["19'", "33'", "45'", "51'", "63'"], lines
        assert key[1] == "33' R BAR Clément Lenglet", lines
        # The panel grew for them: they are on the screen, not below its edge.
        shown = squeezed(screen_text(app))
        for who in ("LionelAndrésMessi", "ClémentLenglet", "CristhianRicardo", "GerardPiqué"):
            assert who in shown, who


async def test_a_tall_screen_lists_more_events_in_its_spare_rows(sim_factory) -> None:
    """Item 6: at 160x50 the panel's spare rows list more of the other events (subs,
    yellow cards) than the three an 80x24 screen has room for; the panel stays within
    the screen."""
    async with at_full_time(sim_factory, GIRONA, (160, 50)) as (app, _pilot, match_id):
        panel = card(app, match_id)
        lines = event_lines(card_text(panel))
        others = [line for line in lines if line.split(" ")[1] not in KEY_MARKS]
        assert len(others) > 3, lines
        assert region_of(app, panel).height <= app.grid.widget.size.height
        # Every listed event is on the screen, not below its edge.
        shown = squeezed(screen_text(app))
        for line in lines:
            assert squeezed(line)[:12] in shown, line


async def test_a_short_screen_fills_only_the_rows_it_has(sim_factory) -> None:
    """Item 6: at 80x24 (full panels asked for) the panel takes no more lines than the
    screen has: every key event, other events only in the rows left, nothing below the
    screen's edge."""
    async with at_full_time(sim_factory, GIRONA, (80, 24)) as (app, _pilot, match_id):
        panel = card(app, match_id)
        lines = event_lines(card_text(panel))
        key = [line for line in lines if line.split(" ")[1] in KEY_MARKS]
        assert len(key) == 5, lines
        assert region_of(app, panel).height <= app.grid.widget.size.height
        assert app.grid.widget.max_scroll_y == 0


async def test_an_event_says_its_side_and_a_long_name_is_cut_by_words(sim_factory) -> None:
    """Item 7: Stuani's goal for Girona, the away side, read on a narrow panel
    "45' ⚽ Cristhian Ricardo Stuani Curbelo (Frances…" from edge to edge: an away
    goal that looked like a home one, its assist cut through a word."""
    async with at_full_time(sim_factory, GIRONA, (60, 50)) as (app, pilot, match_id):
        lines = event_lines(card_text(card(app, match_id)))
        # The side in words, the name whole: the assist gave way, by words.
        assert "45' ⚽ GIR Cristhian Ricardo Stuani Curbelo" in lines, lines
        assert "51' ⚽ GIR Cristhian Ricardo Stuani Curbelo" in lines, lines
        key = [line for line in lines if line.split(" ")[1] in KEY_MARKS]
        assert key[0].startswith("19' ⚽ BAR Lionel Andrés Messi Cuccittini"), lines
        assert not any("…" in line for line in lines), lines
        # The detail view's timeline: each side in its half, its code says whose, and
        # a name too long for the half gives its given names as initials.
        card(app, match_id).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        timeline = detail_text(app.screen, width=60).split("Timeline")[-1]
        rows = [" ".join(r.split()) for r in timeline.splitlines() if "'" in r]
        assert "45' ⚽ GIR C. R. S. Curbelo" in rows, rows
        assert "33' R BAR Clément Lenglet" in rows, rows
        assert not any("…" in row for row in rows), rows


async def test_a_second_yellow_is_2y_in_compact_panels_and_the_ticker(sim_factory) -> None:
    """Item 14: compact panels and the ticker said `R` for Smolnikov's second yellow."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), density="compact")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(app, lambda: all_live(app))
        events = RUSSIA_URUGUAY[2:5]  # the yellow, the second yellow and its red
        await send(app, sim, SOCCER, home="Russia", away="Uruguay", events=events)
        await settle(app, pilot)
        assert "36'2YRUSIgorSmolnikov" in squeezed(screen_text(app))
        await pilot.press("z")  # the ticker
        await until(app, lambda: card(app, SOCCER).density == "ticker")
        await settle(app, pilot)
        # the ticker's row also keeps the pulse meter's cells: the given name may give way
        assert re.search(r"36'2YRUS(Igor|I\.)Smolnikov", squeezed(screen_text(app)))


async def test_a_hidden_panel_tells_the_minute_by_the_one_clock_rule(sim_factory) -> None:
    """Item 13: at 58:42 the hidden panel said `58' · second half` where the ticker's
    clock, Live now and `--once` say `59'` (58:42 is the 59th minute)."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), "41289", spoilers="hide", density="full")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await settle(app, pilot)
        panel = card(app, SOCCER)
        clock = panel.snapshot.clock  # type: ignore[union-attr]
        assert clock is not None and clock.period == "2H" and clock.second > 0
        minute = f"{clock.minute + 1}'"
        assert f"{minute} · Second half" in card_text(panel)
        assert minute_text(clock) == minute  # what the ticker's title, Live now, --once say
        early = card(app, 41289).snapshot.clock  # type: ignore[union-attr]
        assert f"{early.minute + 1}' · First half" in card_text(card(app, 41289))


async def test_the_momentum_line_keeps_its_scale_through_added_time(sim_factory) -> None:
    """Item 8: Barcelona 2-2 Girona, three minutes added to the first half and four to
    the second, in one of three full panels at 160x50: the momentum line has 48 cells,
    two minutes a cell. At 90+3 the minutes played outgrew the columns by one, every
    column took two minutes, and the line halved (48 cells to 25)."""
    names = (GIRONA, ITALY, ALAVES)  # three panels side by side
    sim = real_sim(sim_factory, *names)
    match = real.load(GIRONA)
    app = time_app(sim, *(str(real.load(name).match_id) for name in names), density="full")
    now = [1000.0]
    app.feed.clock = lambda: now[0]  # received at the match's own spacing
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, match.match_id)
        lines: dict[str, str] = {}
        start, played = match.frames[0].at, 0.0
        # Frames released together (the same second) reach the panel as one: wait for the
        # last of each second. A second and a half's lead: the simulator's clock steps a
        # second at a time, the first a second after it starts.
        last = {frame.at: frame for frame in match.frames[1:]}
        for at, frame in last.items():
            now[0] = 1000.0 + at - start
            sim.advance(at - start + 1.5 - played)
            played = at - start + 1.5
            want = frame.data["clock"]

            def arrived(want: dict[str, Any] = want) -> bool:
                snap = panel.snapshot
                clock = snap.clock if isinstance(snap, SoccerSnapshot) else None
                return clock is not None and (clock.period, clock.minute, clock.second) == (
                    want["period"], want["minute"], want["second"]
                )  # fmt: skip

            await until(app, arrived)
            if frame.clock.startswith(("2H 9", "FT")):
                await settle(app, pilot)
                lines[frame.clock] = card_text(panel).splitlines()[3]  # under the clock
        assert panel.inner_size.width == 48  # 96 columns: 94 minutes, HT, 90'
        first, *later = lines.values()  # 90:00, 90+1 ... 90+3, full time
        cells = len(first.rstrip())
        assert cells >= 47, lines
        # Two minutes a cell to the end: the line keeps its length (the heights of its
        # dots follow the match's peak, which may still move).
        assert [len(line.rstrip()) for line in later] == [cells] * len(later), lines


async def test_an_own_goal_has_its_own_mark_and_the_legend_says_so(sim_factory) -> None:
    """Item 9: Demiral's own goal (Turkey 0-3 Italy) was a `◌` on the match timeline, a
    mark the legend did not explain and the status line uses for "waiting"."""
    async with at_full_time(sim_factory, ITALY, (120, 50), paint=False) as (app, pilot, match_id):
        card(app, match_id).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        await pilot.pause()
        chart = detail_text(app.screen).split("Match timeline")[1].split("Statistics")[0]
        rows = chart.splitlines()
        italy = next(row for row in rows if row.lstrip().startswith("Italy"))
        assert "◎" in italy and "◌" not in chart, chart
        legend = next(" ".join(row.split()) for row in rows if "sub" in row)
        assert "● goal ◎ own goal" in legend, chart
        race = detail_text(app.screen).split("xG race")[1].split("Match timeline")[0]
        assert "◎ an own goal" in race, race


def _codes_shown(app: ScoreboardApp) -> list[tuple[str, ...]]:
    """Each ticker line's two team codes, top to bottom, as the screen shows them."""
    shown = []
    for line in screen_text(app).splitlines():
        codes = [c for c in re.findall(r"[A-Z]{3,5}(?![a-z])", line) if c not in ("LIVE", "SCHED")]
        if len(codes) >= 2:
            shown.append(tuple(codes[:2]))
    return shown


async def test_team_codes_are_unique_on_the_screen_and_stay_put(sim_factory) -> None:
    """Item 15: the ticker wrote `MAN` for both Manchester clubs and `NEW` for Newcastle
    United and New Zealand."""
    sim = sim_factory(speed=0)
    sim.advance(200)  # Tottenham v Manchester United kicks off
    app = time_app(sim, "41310", "41288", "41304", density="ticker")
    async with app.run_test(size=(60, 20)) as pilot:
        await until(app, lambda: all_live(app))
        await settle(app, pilot)
        assert _codes_shown(app)[0] == ("TOT", "MAN")  # the only Manchester club
        app.add_match("41283")  # Liverpool v Manchester City comes
        await until(app, lambda: all_live(app))
        await settle(app, pilot)
        shown = _codes_shown(app)  # 41310, 41288, 41304, 41283
        codes = [code for pair in shown for code in pair]
        assert len(codes) == 8 and len(set(codes)) == 8, shown
        assert shown[3][1] == "MCI" and shown[0][1] == "MUN", shown
        assert shown[1][0] == "NEW" and shown[2][1] != "NEW", shown
        # A match goes, and comes back: no code on the screen changes.
        card(app, 41283).focus()
        await pilot.press("d")
        assert _codes_shown(app) == shown[:3]
        await pilot.press("u")
        await until(app, lambda: len(app.cards) == 4 and all_live(app))
        await settle(app, pilot)
        assert _codes_shown(app) == shown
