"""The start-up check of the Textual internals paint/ relies on (`ui/paint/selftest.py`):
it passes on the pinned Textual; when it fails, the app says so once in its log, draws
the same screen the plain way, and its panels keep moving."""

from __future__ import annotations

import html
import logging
import sys
import tomllib
import types
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from helpers.app import all_live, screen_until, settings_for, until, watch_events
from textual.widget import Widget

from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.paint import composited, selftest
from scoreboard.ui.paint.beat import PAINT_INTERVAL
from scoreboard.ui.widgets import panel_look

GRID = ("41282", "41300", "41285", "41302")  # soccer and cricket
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def untested(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts before any verdict, and leaves the switch as it found it."""
    monkeypatch.setattr(selftest, "_state", selftest._State(selftest.UNTESTED))
    monkeypatch.setattr(composited, "_on", composited._on)
    # A goal's flash outlasts the test, so two runs show the same flashes however long they take.
    monkeypatch.setattr(panel_look, "HIGHLIGHT_SECONDS", 600.0)


@pytest.fixture
def paint_log(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    caplog.set_level(logging.DEBUG, logger="scoreboard.ui.paint")
    return lambda: [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("scoreboard.ui.paint")
    ]


@pytest.fixture
def splices(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows spliced into a kept picture (the fast path), the canary's included."""
    rows: list[int] = []
    splice = composited.SplicesContentLines._splice

    def counted(self, old, row, frame):  # type: ignore[no-untyped-def]
        rows.append(row)
        return splice(self, old, row, frame)

    monkeypatch.setattr(composited.SplicesContentLines, "_splice", counted)
    return rows


def rename_set_dirty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make this process's Textual a release that renamed `Widget._set_dirty` to `_mark_dirty`
    (every caller in Textual calls the new name; ours is left overriding a name nobody calls)."""
    for name, module in list(sys.modules.items()):
        if name != "textual" and not name.startswith("textual."):
            continue
        for cls in vars(module).values():
            if not isinstance(cls, type) or not cls.__module__.startswith("textual"):
                continue
            for function in vars(cls).values():
                code = getattr(function, "__code__", None)
                if isinstance(function, types.FunctionType) and "_set_dirty" in code.co_names:
                    names = tuple("_mark_dirty" if n == "_set_dirty" else n for n in code.co_names)
                    monkeypatch.setattr(function, "__code__", code.replace(co_names=names))
    monkeypatch.setattr(Widget, "_mark_dirty", Widget.__dict__["_set_dirty"], raising=False)
    monkeypatch.delattr(Widget, "_set_dirty")


def frozen_app(sim_factory) -> tuple[ScoreboardApp, object]:  # type: ignore[no-untyped-def]
    sim = sim_factory(speed=0)  # seed 7: every run sees the same matches move the same way
    app = make_app(settings_for(sim, *GRID), clock=lambda: 1000.0)
    watch_events(app)
    return app, sim


async def live_screen(sim_factory, steps: int = 6) -> str:  # type: ignore[no-untyped-def]
    """The screen after `steps` moves of a frozen simulator, with live updates in between."""
    app, sim = frozen_app(sim_factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: selftest.verdict() is not selftest.UNTESTED, 10)
        await until(app, lambda: all_live(app))
        panels = list(app.cards.values())
        app.focus_card(panels[1])  # a focused panel, with its own border colour and mark
        await screen_until(pilot, lambda: app.focused_card is panels[1], 5)
        for _ in range(steps):
            before = {p: p.updates for p in panels}
            sim.advance(30)  # type: ignore[attr-defined]
            await until(app, lambda b=before: any(p.updates > n for p, n in b.items()))
            await pilot.pause(2 * PAINT_INTERVAL)
            await screen_until(pilot, lambda: all(p.settled for p in panels), 5)
        await pilot.pause(2 * PAINT_INTERVAL)
        return app.export_screenshot()


def shown(app: ScoreboardApp) -> str:
    """The screenshot's text, runs of one style each, spaces as spaces."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def test_textual_is_pinned_to_the_tested_range() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "textual>=8.2.8,<8.3" in deps


async def test_the_self_test_passes_on_the_pinned_textual(sim_factory, paint_log, splices) -> None:
    assert selftest.static_problem() is None
    app, _sim = frozen_app(sim_factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: selftest.verdict() is not selftest.UNTESTED, 10)
        assert selftest.verdict() is None, (version("textual"), selftest.verdict())
        assert composited.speedups_on()
        assert splices, "the canary was not spliced into: the check did not exercise the splice"
        await pilot.pause()
        assert not app.screen.query(selftest.PaintCanary), "the canary stays one frame only"
    assert paint_log() == []


def break_splice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A splice that keeps the old line: the frozen panel the check is there to catch."""
    monkeypatch.setattr(composited.SplicesContentLines, "_splice", lambda self, old, *_: old)


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        (break_splice, "a spliced line differs from Textual's own render"),
        (rename_set_dirty, "Widget._set_dirty is gone"),
    ],
    ids=["splice-draws-differently", "set-dirty-renamed"],
)
async def test_a_failed_self_test_draws_the_same_screen_the_plain_way(
    sim_factory, monkeypatch, paint_log, splices, breakage, reason
) -> None:
    fast = await live_screen(sim_factory)
    assert selftest.verdict() is None and len(splices) > 1, "the first run took the fast path"
    assert paint_log() == []

    monkeypatch.setattr(selftest, "_state", selftest._State(selftest.UNTESTED))
    breakage(monkeypatch)
    spliced = len(splices)
    plain = await live_screen(sim_factory)
    assert not composited.speedups_on()
    assert reason in str(selftest.verdict())
    [warning] = paint_log()
    assert reason in warning and version("textual") in warning and "speed-ups are off" in warning
    assert len(splices) <= spliced + 1, "nothing but the canary was spliced once the check failed"
    assert plain == fast


async def test_without_the_check_a_renamed_internal_freezes_the_panels(
    sim_factory, monkeypatch
) -> None:
    """What the check guards against: speed-ups on over a Textual that renamed
    `_set_dirty` keep every widget's first picture for ever."""
    rename_set_dirty(monkeypatch)
    monkeypatch.setattr(selftest, "start", lambda screen: composited.set_speedups(True))
    app, _sim = frozen_app(sim_factory)
    # Ticker lines keep their height: a full panel grows when its first snapshot comes,
    # and the new layout would hide the freeze.
    app.grid.density_choice = "ticker"
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        await pilot.pause(2 * PAINT_INTERVAL)
        assert "41282: waiting" in shown(app)  # the first picture, kept


def mount_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise TypeError("Widget.__init__() got an unexpected keyword argument")

    monkeypatch.setattr(selftest.PaintCanary, "__init__", refuse)


def internals_vanish_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    """The static checks pass; then the canary's style cache is not where Textual left it."""
    exercise = selftest._exercise

    def without_styles_cache(canary):  # type: ignore[no-untyped-def]
        canary.refresh()
        canary.render_lines(canary.size.region)
        del canary._styles_cache
        return exercise(canary)

    monkeypatch.setattr(selftest, "_exercise", without_styles_cache)


def never_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest.PaintCanary, "on_resize", lambda self: None)
    monkeypatch.setattr(selftest, "CANARY_TIMEOUT", 0.2)


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        (mount_fails, "the canary could not be mounted"),
        (internals_vanish_midway, "the canary check failed (AttributeError"),
        (never_laid_out, "the canary was not laid out within 0.2 s"),
        (rename_set_dirty, "Widget._set_dirty is gone"),
    ],
    ids=["mount-fails", "internals-vanish-midway", "never-laid-out", "set-dirty-renamed"],
)
async def test_a_self_test_failing_midway_never_raises_and_panels_keep_moving(
    sim_factory, monkeypatch, paint_log, breakage, reason
) -> None:
    breakage(monkeypatch)
    app, sim = frozen_app(sim_factory)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: bool(paint_log()), 10)
        await until(app, lambda: all_live(app))
        await pilot.pause(2 * PAINT_INTERVAL)
        first = app.export_screenshot()
        assert "Waiting for" not in shown(app)
        panel = app.cards[next(iter(app.cards))]
        before = panel.updates
        sim.advance(30)  # type: ignore[attr-defined]
        await until(app, lambda: panel.updates > before)
        await pilot.pause(2 * PAINT_INTERVAL)
        await screen_until(pilot, lambda: panel.settled, 5)
        await pilot.pause(2 * PAINT_INTERVAL)
        assert app.export_screenshot() != first, "the panels froze"
        assert not composited.speedups_on()
    [warning] = paint_log()
    assert reason in warning
