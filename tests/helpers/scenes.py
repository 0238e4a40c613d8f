"""Screens worth looking at, shared by the snapshot tests and `screenshots/make.py`.

Each scene runs the real app against a frozen simulator (seed 7, speed 0),
so the picture is the same on every run, with a frozen status-bar clock.
"""

from __future__ import annotations

import atexit
import inspect
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from helpers.app import all_live, card, region_of, screen_until, settings_for, until, watch_events
from helpers.match_recordings import (
    BASKETBALL_KEY,
    CRICKET_ID,
    EPOCH,
    SOCCER_ID,
    charts_recording,
)
from scoreboard.core.events import MatchRef
from scoreboard.core.follows import parse_follow
from scoreboard.providers.registry import PROVIDERS
from scoreboard.sim.engines.timeline import DEFAULT_EPOCH
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.paint.beat import PAINT_INTERVAL
from scoreboard.ui.screens.add_match import AddMatchScreen
from scoreboard.ui.screens.live_now import LiveNowScreen

Action = Callable[[Pilot[None]], Awaitable[None]]


async def _live(pilot: Pilot[None]) -> None:
    await until(pilot.app, lambda: all_live(pilot.app))  # type: ignore[arg-type]
    await _settle(pilot)


async def _settle(pilot: Pilot[None]) -> None:
    """A panel painted a moment ago defers its next refresh by up to
    PAINT_INTERVAL: let that deferred paint happen before the picture. A text
    field's cursor stops blinking (shown): on a busy machine the picture could
    catch it either way."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause(2 * PAINT_INTERVAL)


async def _refused(pilot: Pilot[None]) -> None:
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    await until(app, lambda: app.query_one("#refused").display)
    await _settle(pilot)


def _detail(match_id: int) -> Action:
    async def run(pilot: Pilot[None]) -> None:
        await _live(pilot)
        card(pilot.app, match_id).focus()  # type: ignore[arg-type]
        await pilot.press("enter")

    return run


async def _add_dialog(pilot: Pilot[None]) -> None:
    await _live(pilot)
    await pilot.press("a")
    dialog = pilot.app.screen
    assert isinstance(dialog, AddMatchScreen)
    await dialog.catalog_worker.wait()
    await pilot.press(*"liga")
    await _settle(pilot)


async def _live_now(pilot: Pilot[None]) -> None:
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    await _live(pilot)
    await pilot.press("l")
    names = app.fan.catalogs.providers()
    while not all(getattr(app.fan.catalogs.catalogs.get(n), "fetched_at", None) for n in names):
        await pilot.pause(0.05)  # a catalog read is no provider event
    screen = app.screen
    assert isinstance(screen, LiveNowScreen)
    screen.refresh_list()
    await _settle(pilot)


async def _unavailable(pilot: Pilot[None]) -> None:
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    refused = card(app, 41312)
    await until(
        app,
        lambda: (
            refused.summary is not None  # its kick-off, looked up after the refusal
            and all(c.snapshot for c in app.cards.values() if c.ref.id != 41312)
        ),
    )
    # The kick-off makes the panel taller: the picture waits for the grid to make room
    # for every line (a busy machine caught the border with the body not laid out yet).
    await screen_until(
        pilot,
        lambda: region_of(app, refused).height >= len(refused.body(refused.inner_size.width)) + 2,
        10,
    )
    await _settle(pilot)


async def _hidden(pilot: Pilot[None]) -> None:
    """41282 hidden, 41300 a spoiler delay, 41285 with news it missed while hidden."""
    await _live(pilot)
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    card(app, 41282).focus()
    await pilot.press("h")
    card(app, 41300).focus()
    await pilot.press("plus", "plus", "plus")
    panel = card(app, 41285)
    panel.note_unseen(panel.snapshot)  # as if news came while it was hidden
    card(app, 41282).focus()
    await _settle(pilot)


async def _palette(pilot: Pilot[None]) -> None:
    """The command palette (ctrl+p) on a focused panel, "hide" typed: its entries listed."""
    from textual.command import CommandList

    await _live(pilot)
    card(pilot.app, 41282).focus()  # type: ignore[arg-type]
    await pilot.press("ctrl+p", *"hide")
    while not pilot.app.screen.query(CommandList).first().option_count:
        await pilot.pause(0.05)  # the palette's search is no provider event
    await _settle(pilot)


async def _replay(pilot: Pilot[None]) -> None:
    """The recorded minute, paused 40 s in."""
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    player = app.time.player
    assert player is not None
    await until(app, lambda: all(c.snapshot is not None for c in app.cards.values()))
    await pilot.press("space")
    player.seek_to(player.start + 40.0)
    await pilot.pause(0.3)
    await _settle(pilot)


#: A minute of the frozen demo, recorded with `--record` (tests/helpers/data/).
REPLAY_FILE = Path(__file__).parent / "data" / "replay-demo.jsonl"


def _replay_app(scene: Scene, sim: SimulatorThread) -> ScoreboardApp:
    from scoreboard.providers.registry import PROVIDERS
    from scoreboard.recording.reader import read_recording

    settings = replace(settings_for(sim), replay=REPLAY_FILE, replay_speed=0.001)
    return make_app(settings, clock=lambda: 1000.0, replay=read_recording(REPLAY_FILE, PROVIDERS))


async def _played(pilot: Pilot[None]) -> None:
    """The whole recording played and every frame applied.

    The replay starts (all but) still; once each match's first frame is in,
    the rest is played in one go (a seek to the end), so the panels apply the
    same snapshots on every run (a replay playing while the picture is taken
    would hand them whichever frames each paint beat happened to catch). The
    history, and so the charts, gets every frame either way.
    """
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    player = app.time.player
    assert player is not None
    await screen_until(pilot, lambda: all(c.snapshot for c in app.cards.values()), 10)
    player.seek_to(player.end)
    await screen_until(pilot, lambda: player.finished, 60)
    await screen_until(pilot, lambda: not any(c.waiting for c in app.cards.values()), 10)


async def _replayed(pilot: Pilot[None]) -> None:
    """The recording played, every panel painted."""
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    await _played(pilot)
    await screen_until(pilot, lambda: all(c.settled for c in app.cards.values()), 10)
    await _settle(pilot)


def _replayed_detail(ref: MatchRef, chart: str | None = None) -> Action:
    """The detail view of `ref` once the recording has played, scrolled to `chart`'s title."""

    async def run(pilot: Pilot[None]) -> None:
        app: ScoreboardApp = pilot.app  # type: ignore[assignment]
        await _played(pilot)
        app.cards[ref].focus()
        await pilot.press("enter")
        await pilot.pause()
        if chart is not None:
            body = app.screen.body  # type: ignore[attr-defined]
            plain = [line.plain.strip() for line in body.document.lines(body.layout_width)]
            first = next(i for i, text in enumerate(plain) if text.startswith(chart))
            body.scroll_to(y=first - 1, animate=False)
        await _settle(pilot)

    return run


#: Where the chart scenes' recording is written (once per run, removed at exit).
RECORDINGS = Path(tempfile.gettempdir()) / f"sportrix-tui-scenes-{os.getpid()}"
atexit.register(shutil.rmtree, RECORDINGS, ignore_errors=True)


def _charts_app(scene: Scene, sim: SimulatorThread) -> ScoreboardApp:
    """The chart scenes: the recording of whole matches (`match_recordings`), replayed."""
    from scoreboard.providers.registry import PROVIDERS
    from scoreboard.recording.reader import read_recording
    from scoreboard.settings import Settings

    path = charts_recording(RECORDINGS)
    settings = Settings(
        log_path=RECORDINGS / "replay.log",
        replay=path,
        replay_speed=1e-9,  # still: `_played` seeks
        ascii=scene.ascii,
    )
    app = make_app(
        settings,
        replay=read_recording(path, PROVIDERS),
        clock=lambda: 1000.0,
        wall_clock=lambda: EPOCH + 7200,
    )
    app.timezone = UTC
    return app


async def _all_shown(pilot: Pilot[None]) -> None:
    """Every panel has its snapshot, or the server's word why not, and has painted it
    (sixteen panels on a busy machine take longer than one paint beat)."""
    app: ScoreboardApp = pilot.app  # type: ignore[assignment]
    cards = app.cards.values

    def shown() -> bool:
        return all(c.snapshot is not None or c.error is not None for c in cards())

    await screen_until(pilot, shown, 30)
    await _settle(pilot)
    # Panels scrolled out of view do not paint (and need not).
    grid = app.query_one("#grid")
    await screen_until(
        pilot,
        lambda: all(c.settled for c in cards() if app.grid.region_of(c).overlaps(grid.region)),
        10,
    )
    await _settle(pilot)


@dataclass(frozen=True)
class Scene:
    name: str
    matches: tuple[str, ...]
    size: tuple[int, int] = (120, 40)
    key: str = "sk_demo"
    before: Action = _live
    caption: str = ""
    #: Follow entries (`follow = [...]`), as typed.
    follow: tuple[str, ...] = ()
    #: Builds the app when the scene is not a live session (a replay).
    app: Callable[[Scene, SimulatorThread], ScoreboardApp] | None = None
    #: ASCII in place of braille, blocks and symbols (`--ascii`).
    ascii: bool = False
    #: Looks: a density (None: by terminal size), a theme, NO_COLOR.
    density: str | None = None
    theme: str | None = None
    no_color: bool = False
    #: `--inline`: the app as it runs under the shell prompt (`InlineSceneApp`).
    inline: bool = False


GRID = ("41282", "41300", "41285", "41302")
SOCCER = MatchRef("sportrix", SOCCER_ID)
CRICKET = MatchRef("sportrix", CRICKET_ID)
BASKETBALL = MatchRef("scorelytics", BASKETBALL_KEY)
#: The chart scenes: each chart, drawn from a recorded match, in full and in ASCII.
CHART_SCENES = [
    Scene(
        "soccer-charts",
        (),
        size=(120, 45),
        app=_charts_app,
        before=_replayed_detail(SOCCER),
        caption="Soccer detail, a whole match replayed: momentum, the xG race, the timeline",
    ),
    Scene(
        "cricket-charts",
        (),
        size=(120, 45),
        app=_charts_app,
        before=_replayed_detail(CRICKET, "Worm"),
        caption="Cricket detail in a chase: the worm and the Manhattan of both innings",
    ),
    Scene(
        "cricket-chase-charts",
        (),
        size=(120, 50),
        app=_charts_app,
        before=_replayed_detail(CRICKET, "Chase"),
        caption="Cricket: the chase's run rates, fall of wickets, partnerships",
    ),
    Scene(
        "basketball-charts",
        (),
        size=(100, 24),
        app=_charts_app,
        before=_replayed_detail(BASKETBALL),
        caption="Basketball: the lead tracker, joined in the third quarter",
    ),
    Scene(
        "grid-charts",
        (),
        size=(120, 40),
        app=_charts_app,
        before=_replayed,
        caption="Panels with their chart line: momentum, runs per over, the lead",
    ),
]
CHART_SCENES += [
    replace(scene, name=f"{scene.name}-ascii", ascii=True, caption=f"{scene.caption} (ASCII)")
    for scene in CHART_SCENES
]
#: Every live match of the frozen simulator: 13 panels (finished and scheduled ones
#: are looked up over REST, and when that answer comes is not fixed).
LIVE = (*(str(i) for i in range(41282, 41290)), *(str(i) for i in range(41300, 41305)))
#: Those and the finished ones: 16 panels, to count what a terminal shows.
MANY = (*LIVE, "41320", "41321", "41322")
#: The sizes, and the density each shows `MANY` at, where the virtual grid's parts are
#: held to what Textual lays out and draws for the panel widgets (issue 26).
AS_TEXTUAL = pytest.mark.parametrize(
    ("size", "density"),
    [((200, 50), "full"), ((120, 40), "full"), ((101, 30), "compact"), ((80, 20), "ticker")],
    ids=["200x50", "120x40", "101x30", "80x20"],
)
SIZES = ((60, 20), (80, 24), (120, 40))
DENSITY_SCENES = [
    Scene(
        f"{density}-{width}x{height}",
        LIVE,
        size=(width, height),
        density=density,
        before=_live,
        caption=f"{density.capitalize()} panels at {width}x{height}",
    )
    for density in ("full", "compact", "ticker")
    for width, height in SIZES
]

SCENES = [
    Scene("grid-120x40", GRID, caption="Four matches, soccer and cricket, at 120x40"),
    Scene(
        "grid-80x24",
        GRID,
        size=(80, 24),
        caption="The same at 80x24: compact panels, two columns (z for full or ticker)",
    ),
    Scene(
        "soccer-detail",
        GRID,
        before=_detail(41282),
        caption="Soccer detail: every stat, the whole timeline",
    ),
    Scene(
        "cricket-detail", GRID, before=_detail(41300), caption="Cricket detail: the full scorecard"
    ),
    Scene(
        "two-providers",
        ("41282", "scorelytics:xyz789", "scorelytics:abc123", "41300"),
        caption="Two providers in one session: Sportrix soccer and cricket, Scorelytics "
        "basketball and football",
    ),
    Scene(
        "add-dialog",
        ("41282",),
        before=_add_dialog,
        caption="Adding a match: type to filter the live catalog",
    ),
    Scene(
        "unavailable",
        ("41282", "41312"),
        before=_unavailable,
        caption="A match the server refuses: the error on its own panel",
    ),
    Scene(
        "live-now",
        ("41282", "41300"),
        follow=("Arsenal", "Tottenham Hotspur"),
        before=_live_now,
        caption="Live now: every match of both providers' catalogs, followed teams first",
    ),
    Scene(
        "refused-401",
        ("41282",),
        key="sk_demo_expired",
        before=_refused,
        caption="A refused key (HTTP 401): what happened and how to fix it",
    ),
    Scene(
        "hidden-panel",
        GRID,
        before=_hidden,
        caption="Scores hidden on one panel, a 45 s spoiler delay on another, "
        "and a marker for news not seen yet",
    ),
    Scene(
        "replay",
        (),
        before=_replay,
        app=_replay_app,
        caption="Replaying a recording (--replay), paused 40 s in: the status line says where",
    ),
    *CHART_SCENES,
]


#: `--inline` with eleven matches: eight lines, `+3 more`, the status line (the CLI's
#: `--inline` sets the ticker density too).
INLINE = (*LIVE[:8], "41300", "41301", "41302")

SCENES += [
    *DENSITY_SCENES,
    Scene(
        "inline",
        INLINE,
        size=(100, 30),
        density="ticker",
        inline=True,
        caption="--inline: the ticker under the shell prompt, eight lines and +3 more",
    ),
    Scene(
        "light-theme",
        GRID,
        theme="textual-light",
        caption="A light theme (textual-light): every colour follows the theme",
    ),
    Scene(
        "no-color",
        LIVE,
        size=(80, 24),
        no_color=True,
        before=_live,
        caption="NO_COLOR: no colour at all, the same layout, states in words",
    ),
    Scene(
        "ascii",
        LIVE,
        size=(80, 24),
        ascii=True,
        before=_live,
        caption="--ascii: plain ASCII borders, marks and bars",
    ),
    Scene(
        "palette-ascii",
        LIVE,
        size=(80, 24),
        ascii=True,
        before=_palette,
        caption="--ascii: the command palette, no emoji search icon",
    ),
]


#: Shown on the 401 screen; a fixed, generic path keeps the picture the same everywhere.
CONFIG_SHOWN = "~/.config/sportrix-tui/config.toml"


class InlineSceneApp(ScoreboardApp):
    """The app as `--inline` runs it, for a picture: Textual's inline driver needs a real
    terminal, and a test runs headless, so this app answers `is_inline` (the public
    property the inline driver would answer) itself. The rest is Textual's own inline
    path: the `:inline` CSS, the screen as high as its lines (`Screen:inline`), and so a
    screenshot as many rows as the terminal keeps under the prompt, not the whole
    terminal. The pty test (tests/integration/test_inline.py) runs the real driver."""

    #: The app's stylesheet by its full path: a relative one is read beside this file.
    CSS_PATH = Path(inspect.getfile(ScoreboardApp)).with_name("app.tcss")

    @property
    def is_inline(self) -> bool:
        return True


def scene_app(scene: Scene, sim: SimulatorThread) -> ScoreboardApp:
    os.environ["SPORTRIX_TUI_CONFIG"] = CONFIG_SHOWN
    if scene.app is not None:
        app = scene.app(scene, sim)
        watch_events(app)
        return app
    follow = tuple(parse_follow(text, PROVIDERS) for text in scene.follow)
    settings = replace(
        settings_for(sim, *scene.matches, key=scene.key),
        follow=follow,
        density=scene.density,
        theme=scene.theme,
        ascii=scene.ascii,
    )
    # Textual reads NO_COLOR when the app is made; set it for this app alone.
    saved = os.environ.pop("NO_COLOR", None)
    if scene.no_color:
        os.environ["NO_COLOR"] = "1"
    try:
        # Clocks frozen at the simulator's epoch (countdowns, "2 min ago"), times in UTC.
        factory = InlineSceneApp if scene.inline else make_app
        app = factory(settings, clock=lambda: 1000.0, wall_clock=DEFAULT_EPOCH.timestamp)
    finally:
        os.environ.pop("NO_COLOR", None)
        if saved is not None:
            os.environ["NO_COLOR"] = saved
    app.timezone = UTC
    # Receive times too: the charts say "since 19:30" when they start mid-match.
    app.feed.clock = DEFAULT_EPOCH.timestamp
    watch_events(app)
    return app


def frozen_simulator() -> SimulatorThread:
    return SimulatorThread(seed=7, speed=0).start()
