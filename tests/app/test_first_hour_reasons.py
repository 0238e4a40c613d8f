"""Saying why a connection fails, and where (issue 12, items 6 and 7), through the real app."""

from __future__ import annotations

import socket

import pytest
from helpers.app import all_live, card, card_text, settings_for, text_of, until, watch_events
from textual.widgets import Static

from scoreboard import cli, exits
from scoreboard.core.events import ConnectionChanged
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.providers.sportrix.stream import StreamOptions
from scoreboard.settings import Settings
from scoreboard.ui.app import ScoreboardApp

FAST = StreamOptions(backoff_base=0.05, backoff_cap=0.2, open_timeout=2.0)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_at(url: str, *matches: str, options: StreamOptions = FAST) -> ScoreboardApp:
    """The app with its Sportrix stream at `url` (a loopback simulator or nothing)."""
    sportrix = ProviderSettings("sportrix", url, api_key="sk_demo")
    settings = Settings(provider="sportrix", providers={"sportrix": sportrix}, matches=matches)

    def factory(name: str) -> SportrixProvider:
        return SportrixProvider(settings.provider_settings(name), options)

    app = ScoreboardApp(settings, provider_factory=factory)  # type: ignore[arg-type]
    watch_events(app)
    return app


def status_line(app: ScoreboardApp) -> str:
    return app.status.render().plain


def diagnostics_text(app: ScoreboardApp, width: int = 100) -> str:
    return text_of(app.screen.query_one("#diag-body", Static).content, width)


def reconnecting(app: ScoreboardApp) -> list[ConnectionChanged]:
    return [e for e in app.diagnostics.connections.values() if e.phase == "reconnecting"]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (f"ws://127.0.0.1:{closed_port()}/v1/stream", "connection refused"),
        ("wss://no-such-host.invalid/v1/stream", "host not found"),
    ],
    ids=["wrong-port", "unknown-host"],
)
async def test_a_failing_connection_says_why_on_the_status_line_and_in_diagnostics(
    url: str, says: str
) -> None:
    app = app_at(url, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: bool(reconnecting(app)))
        await pilot.pause()
        line = status_line(app)
        assert "reconnecting in" in line and f": {says}" in line, line
        await pilot.press("i")
        shown = diagnostics_text(app)
        assert "last error" in shown and says in shown
        assert url.split("/v1")[0].split("//")[1].split(":")[0] in shown  # the URL is there


async def test_a_404_says_is_the_url_right_and_keeps_asking_at_the_longest_wait(sim) -> None:
    url = sim.url.replace("/v1/stream", "/v2/stream")
    app = app_at(url, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        seen: list[ConnectionChanged] = []
        app.feed.observe(
            lambda e: (
                seen.append(e)
                if isinstance(e, ConnectionChanged) and e.phase == "reconnecting"
                else None
            )
        )
        await until(app, lambda: len(seen) >= 3)
        assert all(e.retry_in == FAST.backoff_cap for e in seen)  # the cap, no jitter
        assert [e.attempt for e in seen] == list(range(1, len(seen) + 1))  # still trying
        assert seen[-1].detail.startswith("HTTP 404: is the URL right?")
        assert seen[-1].detail.endswith("; asking every 0.2 s")
        await pilot.pause()
        assert "HTTP 404: is the URL right?" in status_line(app)
        await pilot.press("i")
        assert "HTTP 404: is the URL right?" in diagnostics_text(app, 60)


async def test_the_default_404_wait_is_the_ten_second_cap(sim) -> None:
    app = app_at(sim.url.replace("/v1/stream", "/nope"), "41282", options=StreamOptions())
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: bool(reconnecting(app)))
        event = reconnecting(app)[0]
        assert event.retry_in == 10.0 and "asking every 10 s" in event.detail


def test_an_http_url_for_the_sportrix_stream_is_a_one_line_start_up_error(
    tmp_path, monkeypatch, capsys
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    monkeypatch.setattr(cli, "run", lambda settings: pytest.fail("the app must not start"))
    for url in ("http://127.0.0.1:8765/v1/stream", "https://scores.example.com/v1/stream"):
        assert cli.main(["--url", url, "--match", "41282"]) == exits.USAGE
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 1
        assert "--url must be a ws:// or wss:// URL for Sportrix, not http" in lines[0]


# -- item 7: both providers visible --------------------------------------------------------


def test_each_provider_has_its_own_url_flag(tmp_path, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    started = []
    monkeypatch.setattr(cli, "run", lambda settings: started.append(settings) or 0)
    args = [
        "--url",
        "sportrix=ws://127.0.0.1:1/v1/stream",
        "--url",
        "scorelytics=http://127.0.0.1:2",
    ]
    assert cli.main([*args, "--match", "41282", "--match", "scorelytics:abc123"]) == 0
    settings = started[0]
    assert settings.provider_settings("sportrix").url == "ws://127.0.0.1:1/v1/stream"
    assert settings.provider_settings("scorelytics").url == "http://127.0.0.1:2"
    # A bare --url is the --provider's; an unknown name is a one-line error.
    assert cli.main(["--provider", "scorelytics", "--url", "http://127.0.0.1:3"]) == 0
    assert started[1].provider_settings("scorelytics").url == "http://127.0.0.1:3"
    assert cli.main(["--url", "espn=ws://127.0.0.1:1/x"]) == exits.USAGE


async def test_the_status_line_shows_every_providers_state(sim) -> None:
    base = sim.url.rsplit("/v1/", 1)[0].replace("ws://", "http://")
    settings = settings_for(sim, "41282", "scorelytics:abc123")
    scorelytics = ProviderSettings("scorelytics", base, api_key="sk_live_demo")
    app = ScoreboardApp(settings.with_provider(scorelytics))
    watch_events(app)
    async with app.run_test(size=(200, 50)) as pilot:
        await until(app, lambda: all_live(app))
        await until(
            app,
            lambda: (
                all(e.phase == "live" for e in app.diagnostics.connections.values())
                and len(app.diagnostics.connections) == 2
            ),
        )
        await pilot.pause()
        line = status_line(app)
        assert "Sportrix ● live" in line and "Scorelytics ● live" in line, line
        assert card(app, "abc123", "scorelytics").snapshot is not None


async def test_a_scorelytics_401_panel_shows_the_whole_explanation_and_no_retry(sim) -> None:
    from scoreboard.sim.scorelytics import ScorelyticsControl
    from scoreboard.sim.scorelytics.catalog import FOOTBALL_LIVE

    api = ScorelyticsControl(sim)
    source = "the SCORELYTICS_KEY environment variable"
    settings = Settings(
        provider="scorelytics",
        providers={
            "scorelytics": ProviderSettings(
                "scorelytics", api.base_url, api_key="sk_live_wrong", key_source=source
            )
        },
        matches=(FOOTBALL_LIVE,),
    )
    for size in ((80, 24), (120, 40)):
        app = ScoreboardApp(settings)
        watch_events(app)
        async with app.run_test(size=size) as pilot:
            panel = card(app, FOOTBALL_LIVE, "scorelytics")
            await until(app, lambda p=panel: p.error is not None)
            await pilot.pause()
            shown = " ".join(card_text(panel).split())
            assert f"HTTP 401: Scorelytics refused the API key from {source}" in shown
            assert shown.rstrip().endswith(f"Press d to remove {FOOTBALL_LIVE}.")
            assert "the key may be missing, invalid or expired" in shown
            assert "Asking again" not in shown
            # Every line of it is on screen: the panel is tall enough for it.
            assert len(panel.body(panel.inner_size.width)) <= panel.inner_size.height
