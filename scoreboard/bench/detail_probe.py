"""The benchmark's detail-view probes: opening a match in detail, and keys in it.

Used by `app_run` (`--detail`) in the benchmark's own child process: the
first match is opened in the detail view as the user would (its panel
focused, then the `open_detail` action), and key presses scroll it while
the heavy flood keeps it busy.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

#: Longest the probes wait for the app to answer before giving up on one.
PATIENCE = 10.0


async def open_detail(app: Any) -> float:
    """Seconds from asking for the first match's detail view to its first laid-out line."""
    from scoreboard.ui.screens.detail import MatchDetailScreen

    first = next(iter(app.cards.values()))
    first.focus()
    start = time.perf_counter()
    app.action_open_detail()
    while time.perf_counter() - start < PATIENCE:
        screen = app.screen
        if isinstance(screen, MatchDetailScreen) and screen.body.lines_laid_out:
            break
        await asyncio.sleep(0)
    else:
        raise TimeoutError("the detail view did not open")
    return time.perf_counter() - start


async def press_scroll_keys(app: Any, count: int, window: float) -> list[float]:
    """Seconds from a key press to the detail view scrolling, `count` times over `window`.

    The key is posted as the terminal driver posts it; `down` and `up` alternate
    so the view stays near the top, where every update redraws what is seen.
    """
    from textual import events

    body = app.screen.body
    keys: list[float] = []
    gap = window / (count + 1)
    for index in range(count):
        await asyncio.sleep(gap)
        before = body.scroll_y
        key = "down" if index % 2 == 0 else "up"
        t = time.perf_counter()
        app.post_message(events.Key(key, None))
        while body.scroll_y == before and time.perf_counter() - t < PATIENCE:
            await asyncio.sleep(0)
        keys.append(time.perf_counter() - t)
    return keys
