"""Spoiler delay, hidden scores and "what you missed", through the real app and simulator."""

from __future__ import annotations

from collections.abc import Callable

from helpers.app import all_live, card, screen_text, screen_until, time_app, until
from textual.events import AppBlur, AppFocus
from textual.widgets import OptionList

from scoreboard.core.derive import total_text
from scoreboard.core.models import CricketSnapshot, SoccerSnapshot
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.screens.missed import MissedScreen, missed_text
from scoreboard.ui.widgets.panel_time import CARDS, score_change


async def test_the_delay_holds_every_frame_exactly_that_long(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    now = [1000.0]
    app = time_app(sim, "41282", delay=45.0)
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=(120, 40)) as pilot:
        panel = card(app, 41282)
        spoilers = app.feed.spoilers
        history = app.feed.history
        await screen_until(pilot, lambda: history.get(panel.ref) is not None, 10)
        live = history.get(panel.ref)
        assert live is not None
        first = live.latest
        assert panel.snapshot is None  # received at 1000, due at 1045
        assert "delayed 45 s" in str(panel.border_subtitle)

        now[0] = 1044.99
        spoilers.release()
        await pilot.pause(0.2)
        assert panel.snapshot is None
        now[0] = 1045.0
        spoilers.release()
        await until(app, lambda: panel.snapshot is not None)
        assert panel.snapshot == first

        # A later frame: received at 1050, shown at 1095 and not a moment before.
        now[0] = 1050.0
        sim.advance(30)
        await screen_until(pilot, lambda: live.latest != first, 10)
        newer = live.latest
        now[0] = 1094.9
        spoilers.release()
        await pilot.pause(0.2)
        assert panel.snapshot == first
        now[0] = 1095.0
        spoilers.release()
        await until(app, lambda: panel.snapshot == newer)

        # "-" three times: no delay, the newest at once; the panel says nothing of a delay.
        now[0] = 1100.0
        sim.advance(30)
        await screen_until(pilot, lambda: live.latest != newer, 10)
        panel.focus()
        await pilot.press("minus", "minus", "minus")
        await until(app, lambda: panel.snapshot == live.latest)
        assert panel.delay == 0 and "delayed" not in str(panel.border_subtitle)
        await pilot.press("plus")
        assert panel.delay == 15 and "delayed 15 s" in str(panel.border_subtitle)


def scores_of(app: object, refs: list[object]) -> list[str]:
    """How each match's real score is written on screen (panel, detail, title)."""
    shown = []
    for ref in refs:
        history = app.feed.history.get(ref)  # type: ignore[attr-defined]
        snap = history.latest
        if isinstance(snap, SoccerSnapshot):
            shown += [
                f"{snap.score.home} - {snap.score.away}",
                f"{snap.score.home}-{snap.score.away}",
            ]
        elif isinstance(snap, CricketSnapshot):
            for total in (snap.score.home, snap.score.away):
                if total is not None:
                    shown += [f"{total.runs}/{total.wickets}", total_text(total)]
    return shown


async def test_hidden_scores_never_show_on_any_screen(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282", "41300", spoilers="hide")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        for _ in range(4):  # goals and wickets while hidden: no flash, nothing said
            sim.advance(120)
            await pilot.pause(0.1)
        await screen_until(pilot, lambda: all(c.settled for c in app.cards.values()), 5)
        refs = list(app.cards)
        real = scores_of(app, refs)
        assert real and all(c.hidden for c in app.cards.values())
        assert not any(c.highlighted for c in app.cards.values())
        screens = {"grid": screen_text(app)}
        for key, name in (("enter", "detail"), ("i", "diagnostics"), ("question_mark", "help")):
            card(app, 41282).focus()
            await pilot.press(key)
            await pilot.pause(0.2)
            screens[name] = screen_text(app)
            await pilot.press("escape")
            await pilot.pause(0.1)
        card(app, 41300).focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        screens["cricket detail"] = screen_text(app)
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause(0.3)
        screens["add"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.1)
        await pilot.press("l")  # Live now: every match of the catalogs
        await pilot.pause(0.5)
        # Other matches (not shown) may share a score: look at the shown ones' rows.
        teams = [c.snapshot.home for c in app.cards.values() if c.snapshot is not None]
        rows = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        screens["live now"] = " ".join(r for r in rows if any(t in r for t in teams))
        assert "SCORES HIDDEN" in screens["live now"]
        await pilot.press("escape")
        await pilot.pause(0.1)
        screens["title"] = f"{app.title} {app.sub_title}"
        for name, text in screens.items():
            for score in real:
                assert score not in text, (name, score)
        assert "SCORES HIDDEN" in screens["grid"] and "? - ?" in screens["grid"]

        # H reveals every panel: now the same scan finds the scores.
        await pilot.press("H")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert any(score in shown for score in real)


async def test_the_summary_lists_exactly_what_happened_while_hidden(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        panel.focus()
        await pilot.press("h")
        assert panel.hidden
        before = panel.snapshot
        assert isinstance(before, SoccerSnapshot)
        # Move on until goals or cards happened (the frozen simulator moves when told).
        for _ in range(30):
            sim.advance(60)
            await pilot.pause(0.05)
            snap = panel.snapshot
            if snap is not None and len(snap.events or ()) >= len(before.events or ()) + 2:
                break
        await screen_until(pilot, lambda: panel.settled, 5)
        after = panel.snapshot
        assert isinstance(after, SoccerSnapshot)
        assert panel.has_missed and "missed" in str(panel.border_subtitle)
        new = list(after.events or ())[len(before.events or ()) :]
        expected = [
            e for e in new if e.type in ("goal", "own_goal", "penalty_goal", "red_card", *CARDS)
        ]
        assert expected, "no goal or card while hidden: move the simulator further"
        await pilot.press("h")  # revealed: the marker stays until the summary is read
        assert panel.has_missed
        await pilot.press("m")
        assert isinstance(app.screen, MissedScreen)
        text = missed_text(panel).plain
        for event in expected:
            assert (event.player or "") in text
        listed = [line for line in text.splitlines()[2:] if line and not line.startswith("Score")]
        assert len(listed) == len(expected), (listed, expected)
        if after.score != before.score:
            assert f"{before.score.home} - {before.score.away} → " in text
        await pilot.press("escape")
        assert not panel.has_missed and "missed" not in str(panel.border_subtitle)


async def test_news_while_the_terminal_had_no_focus_is_marked(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41300")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41300)
        app.post_message(AppBlur())
        await pilot.pause(0.1)
        assert not app.app_focus
        for _ in range(40):
            sim.advance(30)
            await pilot.pause(0.05)
            if panel.has_missed:
                break
        assert panel.has_missed
        app.post_message(AppFocus())
        await pilot.pause(0.1)
        assert panel.has_missed  # coming back shows the marker, it does not clear it
        seen, moments = panel.missed()
        assert seen is not None and panel.snapshot is not None
        change = score_change(seen, panel.snapshot)
        assert change or moments  # runs scored, a wicket: what the summary lists
        panel.focus()
        await pilot.press("m")
        assert "What you missed" in missed_text(panel).plain
        assert change in missed_text(panel).plain
        await pilot.press("escape")
        assert not panel.has_missed
