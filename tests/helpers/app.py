"""Helpers for driving the real app against the real simulator.

`until()` waits on the app's own events (every provider event wakes it up),
never on a sleep: a test proceeds the moment the state it needs is there.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip

from scoreboard.core.events import MatchRef
from scoreboard.providers.base import ProviderSettings
from scoreboard.settings import Settings
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.widgets.match_panel import MatchPanel

KEY_SOURCE = "the SPORTRIX_API_KEY environment variable"


def settings_for(
    sim: SimulatorThread, *matches: str, key: str | None = "sk_demo", log_dir: Path | None = None
) -> Settings:
    """Settings for the app against `sim`: Sportrix by default, Scorelytics on the same port."""
    base = sim.url.rsplit("/v1/", 1)[0].replace("ws://", "http://")
    return Settings(
        provider="sportrix",
        providers={
            "sportrix": ProviderSettings("sportrix", sim.url, api_key=key, key_source=KEY_SOURCE),
            "scorelytics": ProviderSettings("scorelytics", base, api_key="sk_live_demo"),
        },
        matches=matches,
        log_path=(log_dir or Path("/tmp")) / "sportrix-tui-test.log",
        # Unicode whatever TERM and LANG the tests run under (ASCII mode has tests of its own).
        ascii=False,
    )


def app_for(sim: SimulatorThread, *matches: str, **kwargs: object) -> ScoreboardApp:
    app = make_app(settings_for(sim, *matches, **kwargs))  # type: ignore[arg-type]
    watch_events(app)
    return app


def watch_events(app: ScoreboardApp) -> asyncio.Event:
    """Make `app` set an event after each provider event took effect."""
    seen = asyncio.Event()
    app.feed.observe(lambda event: seen.set(), settled=True)
    app._test_seen = seen  # type: ignore[attr-defined]
    return seen


async def until(app: ScoreboardApp, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    """Wait until `predicate()` holds, re-checking after every provider event."""
    seen: asyncio.Event = app._test_seen  # type: ignore[attr-defined]
    async with asyncio.timeout(timeout):
        while not predicate():
            seen.clear()
            await seen.wait()


def toasts(app: ScoreboardApp) -> list[str]:
    """The text of every toast on screen."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def screen_until(pilot: Pilot[None], predicate: Callable[[], bool], timeout: float) -> None:
    """Wait until `predicate()` holds for a change no provider event announces (a timer)."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await pilot.pause(0.05)


def card(app: ScoreboardApp, match_id: int | str, provider: str = "sportrix") -> MatchPanel:
    return app.cards[MatchRef(provider, match_id)]


def text_of(renderable: object, width: int = 60) -> str:
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.export_text()


def detail_text(screen: object, width: int = 110) -> str:
    """Every line of a detail screen's document (what scrolling through it shows)."""
    document = screen.body.document  # type: ignore[attr-defined]
    return "\n".join(line.plain for line in document.lines(width))


def card_text(widget: MatchPanel) -> str:
    """What the panel shows (its body and its border title/subtitle)."""
    width = max(widget.inner_size.width, 40)
    chrome = f"{widget.border_title or ''} {widget.border_subtitle or ''}"
    return chrome + "\n" + "\n".join(line.plain for line in widget.body(width))


def all_live(app: ScoreboardApp) -> bool:
    return bool(app.cards) and all(
        c.snapshot is not None and not c.stale for c in app.cards.values()
    )


async def server_until(
    sim: SimulatorThread, predicate: Callable[[], bool], timeout: float = 10.0
) -> None:
    """Wait for server-side state without blocking the app's event loop."""
    await asyncio.to_thread(sim.wait_until, predicate, timeout)


def subscribed(sim: SimulatorThread) -> set[int]:
    """Every match id subscribed on any open connection of `sim`."""
    return set().union(*sim.subscriptions().values())


async def press_together(pilot: Pilot[None], *keys: str) -> None:
    """Send `keys` in one go, as a paste or a slow SSH link delivers them: no key waits
    for the one before it to be handled (`pilot.press` idles between keys)."""
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)  # where the terminal driver puts what it reads
    await pilot.pause()
    await pilot.pause()


def screen_text(app: ScoreboardApp) -> str:
    """Everything on the current screen, from the SVG export, as plain text."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


def time_app(sim: SimulatorThread, *matches: str, **changes: object) -> ScoreboardApp:
    """`app_for` with settings changed (`delay=45`, `spoilers="hide"`) and app options
    (`recorder=`, `replay=`) split out."""
    from dataclasses import replace

    options = {k: changes.pop(k) for k in ("recorder", "replay", "clock") if k in changes}
    settings = replace(settings_for(sim, *matches), **changes)  # type: ignore[arg-type]
    app = make_app(settings, **options)
    watch_events(app)
    return app


@dataclass
class DemoPair:
    """The two demo matches shown on a fake clock (`demo_pair`)."""

    app: ScoreboardApp
    pilot: Pilot[None]
    #: The feed's clock: move it with `now[0] += seconds`.
    now: list[float]
    soccer: MatchPanel
    cricket: MatchPanel


@asynccontextmanager
async def demo_pair(
    sim: SimulatorThread, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[DemoPair]:
    """The app running with soccer 41282 and cricket 41300 on a fake clock that starts at
    1000 s, both panels showing their first snapshot."""
    now = [1000.0]
    app = time_app(sim, "41282", "41300")
    app.feed.clock = lambda: now[0]
    async with app.run_test(size=size) as pilot:
        soccer, cricket = card(app, 41282), card(app, 41300)
        await until(app, lambda: soccer.snapshot is not None and cricket.snapshot is not None)
        yield DemoPair(app, pilot, now, soccer, cricket)


async def all_shown(app: ScoreboardApp) -> None:
    """Every panel shows its match or says why it cannot."""
    await until(
        app,
        lambda: all(c.snapshot is not None or c.error is not None for c in app.cards.values()),
    )


def region_of(app: ScoreboardApp, panel: MatchPanel) -> Region:
    """Where `panel` is on the screen (the grid says: a card need not be a widget)."""
    return app.grid.region_of(panel)


def fully_shown(app: ScoreboardApp, panel: MatchPanel | None) -> bool:
    """The panel lies wholly inside the grid's visible area."""
    region = Region() if panel is None else region_of(app, panel)
    return bool(region.area) and app.query_one("#grid").region.contains_region(region)


def lines_of(app: ScoreboardApp, panel: MatchPanel) -> list[Strip]:
    """What the grid draws for `panel`, border and all (a paint that shows it)."""
    return app.grid.lines_of(panel)


async def click_card(pilot: Pilot[None], panel: MatchPanel) -> None:
    """Click the middle of `panel`'s top line inside its border, as a user would."""
    app = pilot.app
    assert isinstance(app, ScoreboardApp)
    region = region_of(app, panel)
    assert region.area, "the panel is not on the screen"
    await pilot.click(offset=(region.x + region.width // 2, region.y + min(1, region.height - 1)))
