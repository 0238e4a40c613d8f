"""Polling against a hostile loopback server, through the real app (issue 24 items 8, 15).

A `Retry-After: ²` crashed the poll task (`'²'.isdigit()` is true, `float()`
fails): the 429s were lost and the status bar said "connecting" forever. A
Retry-After date in the past made every answer a 429 and nothing said so. A
server that only redirects left the status at "connecting: asking …".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import until, watch_events
from helpers.hostile_http import HttpServerThread, answer

from scoreboard.providers.base import ProviderSettings
from scoreboard.settings import Settings
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.widgets.status_bar import StatusBar


def app_against(server: HttpServerThread, tmp_path: Path) -> ScoreboardApp:
    sportrix = ProviderSettings(
        "sportrix",
        f"ws://127.0.0.1:{server.port}/v1/stream",
        api_key="sk_test",
        key_source="a test",
        poll=True,
        poll_interval=2.0,
    )
    settings = Settings(
        provider="sportrix",
        providers={"sportrix": sportrix},
        matches=("7",),
        log_path=tmp_path / "app.log",
        ascii=False,
    )
    app = make_app(settings)
    watch_events(app)
    return app


def status(app: ScoreboardApp) -> str:
    return app.query_one(StatusBar).render().plain


@pytest.mark.parametrize(
    "retry_after", ["\u00b2", "Wed, 21 Oct 2015 07:28:00 GMT"], ids=["superscript-two", "past"]
)
async def test_a_rate_limit_is_said_in_the_status_bar(tmp_path: Path, retry_after: str) -> None:
    handler = answer(429, {"Retry-After": retry_after}, {"error": "slow down"})
    with HttpServerThread(handler) as server:
        app = app_against(server, tmp_path)
        async with app.run_test(size=(200, 40)):
            await until(app, lambda: "rate limited (HTTP 429)" in status(app), timeout=20)
        asked = server.connections
    assert asked <= 3  # backing off: not asked again at once


async def test_polling_that_only_gets_redirects_says_why_in_the_status_bar(
    tmp_path: Path,
) -> None:
    handler = answer(302, {"Location": "http://127.0.0.1:9/elsewhere"}, {})
    with HttpServerThread(handler) as server:
        app = app_against(server, tmp_path)
        async with app.run_test(size=(200, 40)):
            await until(app, lambda: "redirect" in status(app), timeout=20)
            assert "not followed" in status(app)
