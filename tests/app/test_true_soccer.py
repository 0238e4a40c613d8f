"""Soccer as a real match reads on screen (issue 22, items 6 to 9 and 13 to 15), through
the real app against the real simulator.

The event sequences are real World Cup 2018 matches as StatsBomb's open data has them
(names in full, with their accents): Germany 2-1 Sweden (a second yellow, a goal at
90+5), Russia 0-3 Uruguay (an own goal, a sending-off, long names). Each test sends
the simulator's own snapshot of a match with those events (`send_raw`, an `update`
frame on the real socket) and reads what the app draws from it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from helpers.app import (
    all_live,
    card,
    card_text,
    detail_text,
    screen_text,
    screen_until,
    time_app,
    until,
)
from textual.pilot import Pilot

from scoreboard.core.models import Event, SoccerSnapshot
from scoreboard.core.shortline import minute_text
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.screens.detail import MatchDetailScreen

SOCCER = 41282


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


#: Germany 2-1 Sweden, 23 June 2018 (Sochi): Boateng's second yellow at 82', Kroos at 90+5.
GERMANY_SWEDEN = [
    event(12, "yellow_card", "away", "Sebastian Larsson"),
    event(32, "goal", "away", "Ola Toivonen", assist="Viktor Claesson"),
    event(46, "substitution", "home", "Marco Reus", detail="Julian Draxler"),
    event(48, "goal", "home", "Marco Reus", assist="Timo Werner"),
    event(52, "yellow_card", "home", "Jérôme Agyenim Boateng"),
    event(71, "substitution", "away", "Jimmy Durmaz", detail="Viktor Claesson"),
    event(74, "substitution", "away", "John Guidetti", detail="Marcus Berg"),
    event(82, "second_yellow", "home", "Jérôme Agyenim Boateng"),
    event(82, "red_card", "home", "Jérôme Agyenim Boateng", detail="Second yellow card"),
    event(87, "substitution", "home", "Julian Brandt", detail="Jonas Hector"),
    event(90, "goal", "home", "Toni Kroos", added=5, assist="Marco Reus"),
]

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
    """Item 6: Germany 2-1 Sweden at full time lists its three goals and the red card
    (four key events for three rows: the first goal was dropped)."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), density="full")
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        await send(
            app, sim, SOCCER, home="Germany", away="Sweden", events=GERMANY_SWEDEN,
            score={"home": 2, "away": 1},
        )  # fmt: skip
        await settle(app, pilot)
        lines = event_lines(card_text(card(app, SOCCER)))
        assert [line.split(" ")[0] for line in lines] == ["32'", "48'", "82'", "90+5'"], lines
        assert "2Y GER Jérôme Agyenim Boateng" in lines[2]
        # The panel grew for them: they are on the screen, not below its edge.
        shown = screen_text(app)
        for scorer in ("Ola Toivonen", "Marco Reus", "Toni Kroos", "Boateng"):
            assert scorer in shown, scorer


async def test_an_event_says_its_side_and_a_long_name_is_cut_by_words(sim_factory) -> None:
    """Item 7: Cavani's goal for Uruguay, the away side, with Stuani's assist: on a
    narrow panel it said "90' ⚽ Edinson Roberto Cavani Gómez (Cristhian Ricardo…",
    edge to edge, so the away goal read as a home one."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), density="full")
    async with app.run_test(size=(60, 50)) as pilot:
        await until(app, lambda: all_live(app))
        await send(
            app, sim, SOCCER, home="Russia", away="Uruguay", events=RUSSIA_URUGUAY,
            score={"home": 0, "away": 3},
        )  # fmt: skip
        await settle(app, pilot)
        lines = event_lines(card_text(card(app, SOCCER)))
        assert lines[0].startswith("10' ⚽ URU Luis Alberto Suárez Díaz"), lines
        assert lines[1].startswith("23' ⚽ OG URU Denis Cheryshev"), lines
        assert lines[2] == "36' 2Y RUS Igor Smolnikov", lines
        # Cut by words: the assist goes first, then the given names become initials.
        last = lines[3]
        assert last.startswith("90' ⚽ URU ") and "…" not in last, last
        assert last in ("90' ⚽ URU Edinson Roberto Cavani Gómez", "90' ⚽ URU E. R. C. Gómez")
        # The detail view's timeline: each side in its half, and its code says whose.
        card(app, SOCCER).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        timeline = detail_text(app.screen, width=60).split("Timeline")[-1]
        rows = [" ".join(r.split()) for r in timeline.splitlines() if "'" in r]
        assert rows[-1].startswith("90' ⚽ URU") and "…" not in rows[-1], rows


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
        assert "36'2YRUSIgorSmolnikov" in squeezed(screen_text(app))


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


def _clock(period: str, minute: int, added: int | None = None) -> dict[str, Any]:
    return {"period": period, "minute": minute, "second": 30 if added is None else 0,
            "added_time": added}  # fmt: skip


async def test_the_momentum_line_keeps_its_scale_through_added_time(sim_factory) -> None:
    """Item 8: three full panels at 160x50 give the momentum line 48 cells, two
    minutes a cell: 94 columns of minutes, the half-time gap and the closing `90'`.
    Once the minutes played, with the added time of both halves, outgrew the columns
    by one, every column took two minutes: the line halved and its shape changed."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), "41283", "41284", density="full")
    now = [1000.0]
    app.session.clock = lambda: now[0]  # a minute of play between the frames
    async with app.run_test(size=(160, 50)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, SOCCER)
        # Two columns a cell, less the half-time gap and the closing `90'` column.
        room = 2 * panel.content_size.width - 2
        last = room - 90 - 2  # the last added minute of the second half that fits
        assert last >= 1, panel.content_size
        base = sim.snapshot(SOCCER)
        minutes = [("1H", m, None) for m in range(0, 45, 3)]
        minutes += [("1H", 45, a) for a in (1, 2)]
        minutes += [("2H", m, None) for m in range(45, 90, 3)]
        minutes += [("2H", 90, a) for a in range(1, last + 3)]
        lines: dict[str, str] = {}
        for index, (period, minute, added) in enumerate([*minutes, ("FT", 90, None)]):
            now[0] += 60
            shots = index // 2 if index % 4 else index // 3
            stats = {**base["stats"], "shots": {"home": shots, "away": index // 5},
                     "possession": {"home": 40 + index % 20, "away": 60 - index % 20}}  # fmt: skip
            changes = {"clock": _clock(period, minute, added), "stats": stats, "events": []}
            if period == "FT":
                changes["status"] = "finished"
            sim.faults.send_raw(json.dumps({"op": "update", "data": {**base, **changes}}))

            def arrived(p: str = period, home: int = shots) -> bool:
                snap = panel.snapshot
                return (
                    isinstance(snap, SoccerSnapshot)
                    and snap.clock is not None
                    and snap.clock.period == p
                    and snap.stats is not None
                    and snap.stats["shots"].home == home
                )

            await until(app, arrived)
            await settle(app, pilot)
            label = f"{minute}+{added}" if added else period
            lines[label] = card_text(panel).splitlines()[3]  # the line under the clock
        fits = lines[f"90+{last}"]
        cells = len(fits.rstrip())
        assert cells >= panel.content_size.width - 1, fits
        later = [lines[f"90+{last + 1}"], lines[f"90+{last + 2}"], lines["FT"]]
        assert [len(line.rstrip()) for line in later] == [cells] * 3, [fits, *later]
        # The first half is drawn alike: the same minutes in the same cells.
        assert [line[:20] for line in later] == [fits[:20]] * 3, [fits, *later]


async def test_an_own_goal_has_its_own_mark_and_the_legend_says_so(sim_factory) -> None:
    """Item 9: Cheryshev's own goal was a `◌` on the match timeline, a mark the legend
    did not explain and the status line uses for "waiting"."""
    sim = sim_factory(speed=0)
    app = time_app(sim, str(SOCCER), density="full")
    async with app.run_test(size=(120, 50)) as pilot:
        await until(app, lambda: all_live(app))
        await send(
            app, sim, SOCCER, home="Russia", away="Uruguay", events=RUSSIA_URUGUAY,
            score={"home": 0, "away": 3},
        )  # fmt: skip
        card(app, SOCCER).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        await pilot.pause()
        chart = detail_text(app.screen).split("Match timeline")[1].split("Statistics")[0]
        rows = chart.splitlines()
        away = next(row for row in rows if row.lstrip().startswith("Uruguay"))
        assert "◎" in away and "◌" not in chart, chart
        legend = " ".join(rows[-1].split()) if rows[-1].strip() else " ".join(rows[-2].split())
        assert "● goal ◎ own goal" in legend, chart


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
