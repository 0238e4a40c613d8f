"""The API key stays secret, transport is checked, TLS is verified.

A distinctive key is put through faults, rejected frames that quote it, and
a 401; then the screen (SVG export), the diagnostics view, the log file (no
redaction filter helping: the code itself must never log the key), every
log record with its traceback text, and every event are searched for it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme
from helpers.app import settings_for, text_of, until
from helpers.chaos import chaos_app
from textual.widgets import Static
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from scoreboard import cli
from scoreboard.core.events import ConnectionChanged
from scoreboard.logs import setup_logging
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.providers.sportrix.stream import SportrixStream, StreamOptions
from scoreboard.settings import Settings
from scoreboard.sim.keys import ApiKey
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen

SECRET = "sk_live_Q7distinctiveSECRET9"
FAST = StreamOptions(
    open_timeout=2.0,
    ping_interval=0.5,
    ping_timeout=1.0,
    answer_timeout=1.0,
    close_timeout=0.3,
    backoff_base=0.05,
    backoff_cap=0.3,
)


@pytest.fixture
def log_file(log_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's log at debug level with *no* secrets to redact: nothing may need it."""
    # The simulator shares the process; its server log is not the client's to police.
    monkeypatch.setattr(logging.getLogger("scoreboard.sim"), "propagate", False)
    setup_logging(log_file, debug=True, secrets=())
    return log_file


async def test_the_key_is_never_on_screen_in_logs_diagnostics_or_events(
    sim_factory, log_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sim = sim_factory(speed=0, keys=[ApiKey(SECRET)])
    app, rec = chaos_app(sim, "41282", "41301", "99999", key=SECRET)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all(app.cards[r].snapshot for r in app.cards if r.id != 99999))
        sim.faults.send_raw(json.dumps({"op": "error", "error": f"bad key {SECRET} [b]x"}))
        sim.faults.send_raw(f"not json {SECRET}")
        sim.faults.send_raw(json.dumps({"op": "update", "data": {"match_id": SECRET}}))
        await until(app, lambda: sum(rec.rejected().values()) >= 2)
        sim.faults.cut_mid_frame(SECRET * 10)
        await until(app, lambda: len(rec.connection_events("live")) >= 2)
        await until(app, lambda: all(not app.cards[r].stale for r in app.cards if r.id != 99999))
        sim.faults.stall(True)
        sim.faults.drop_connections()
        await until(app, lambda: any("stalled" in e.detail for e in rec.connection_events()))
        sim.faults.stall(False)
        seen.append(app.export_screenshot())
        await pilot.press("i")
        assert isinstance(app.screen, DiagnosticsScreen)
        await pilot.pause()
        seen.append(app.export_screenshot())
        seen.append(text_of(app.screen.query_one("#diag-body", Static).content, 120))
        await pilot.press("escape")

        sim.faults.revoke_key(SECRET)  # closes with 1008; the next handshake gets 401
        await until(app, lambda: bool(rec.connection_events("refused")), timeout=15)
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen.append(app.export_screenshot())
        seen.append(text_of(app.query_one("#refused-text", Static).content, 120))
        await pilot.press("i")
        await pilot.pause()
        seen.append(app.export_screenshot())

    seen.append(log_file.read_text())
    records = [r for r in caplog.records if not r.name.startswith("scoreboard.sim")]
    seen += [f"{r.getMessage()} {r.exc_text or ''}" for r in records]
    seen += [repr(e) for e in rec.events]
    seen += [msg for _, msg in app.diagnostics.notices]
    seen += [repr(app.settings), str(app.settings.provider_settings())]
    assert rec.connection_events("refused")
    assert any("redacted" in s for s in seen)  # it was there to leak, and was caught
    leaks = [s[:200] for s in seen if SECRET in s]
    assert not leaks


# -- the key travels in the header ---------------------------------------------------------------


@asynccontextmanager
async def recording_server(
    ssl_context: ssl.SSLContext | None = None,
) -> AsyncIterator[tuple[str, list[Request]]]:
    requests: list[Request] = []

    def process_request(connection: ServerConnection, request: Request) -> Response | None:
        requests.append(request)
        return None

    async def handler(ws: ServerConnection) -> None:
        await ws.wait_closed()

    async with serve(
        handler, "127.0.0.1", 0, process_request=process_request, ssl=ssl_context
    ) as server:
        port = server.sockets[0].getsockname()[1]
        scheme = "wss" if ssl_context else "ws"
        yield f"{scheme}://127.0.0.1:{port}/v1/stream", requests


async def next_phase(events: AsyncIterator[Any], *phases: str) -> ConnectionChanged:
    async with asyncio.timeout(10):
        async for event in events:
            if isinstance(event, ConnectionChanged) and event.phase in phases:
                return event
    raise AssertionError("stream ended")


async def test_the_key_goes_in_the_x_api_key_header_never_the_url() -> None:
    async with recording_server() as (url, requests):
        stream = SportrixStream(url, SECRET, options=FAST)
        events = stream.events()
        await next_phase(events, "live")
        await stream.close()
        await events.aclose()
    assert len(requests) == 1
    assert requests[0].headers["X-API-Key"] == SECRET
    assert SECRET not in requests[0].path and "key" not in requests[0].path
    assert "Authorization" not in requests[0].headers


def test_the_rest_catalog_sends_the_key_in_the_header_too() -> None:
    seen: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("X-API-Key")))
            body = b"[]"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        settings = ProviderSettings(
            "sportrix", f"ws://127.0.0.1:{port}/v1/stream", api_key=SECRET, key_source="test"
        )
        provider = SportrixProvider(settings, FAST)
        assert asyncio.run(provider.catalog()) == []
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [("/v1/matches?status=live", SECRET)]


# -- TLS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


async def test_an_untrusted_certificate_is_refused_before_the_key_is_sent(
    ca: trustme.CA, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    async with recording_server(server_context(ca)) as (url, requests):
        stream = SportrixStream(url, SECRET, options=FAST)
        events = stream.events()
        again = await next_phase(events, "reconnecting", "live")
        assert again.phase == "reconnecting"
        assert "certificate" in again.detail.lower(), again.detail
        assert "not trusted" in again.detail and "key was not sent" in again.detail
        assert SECRET not in again.detail
        await stream.close()
        await events.aclose()
        assert requests == []  # the TLS handshake failed: no HTTP request, no key on the wire

        # The same server, its CA trusted: the connection opens. So it was the check.
        ca_file = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
        stream = SportrixStream(url, SECRET, options=FAST)
        events = stream.events()
        assert (await next_phase(events, "reconnecting", "live")).phase == "live"
        await stream.close()
        await events.aclose()
        assert requests[0].headers["X-API-Key"] == SECRET


async def test_the_app_says_why_an_untrusted_certificate_is_refused(
    ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    async with recording_server(server_context(ca)) as (url, requests):
        provider = ProviderSettings("sportrix", url, api_key=SECRET, key_source="test")
        settings = Settings(providers={"sportrix": provider}, matches=("41282",))
        from scoreboard.ui.app import ScoreboardApp

        app = ScoreboardApp(
            settings,
            provider_factory=lambda name: SportrixProvider(provider, FAST),  # type: ignore[arg-type,return-value]
        )
        async with app.run_test(size=(120, 40)) as pilot:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 10
            while app.diagnostics.connections.get("sportrix") is None or (
                app.diagnostics.connections["sportrix"].phase != "reconnecting"
            ):
                assert loop.time() < deadline
                await pilot.pause(0.05)
            await pilot.pause()
            status = text_of(app.query_one("StatusBar").render(), 200)
            detail = app.diagnostics.connections["sportrix"].detail
            assert "certificate" in detail.lower()
            assert "reconnecting" in status
        assert requests == []


# -- refusing to start -----------------------------------------------------------------------


def test_cli_refuses_a_key_file_others_can_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[sportrix]\napi_key = "{SECRET}"\n')
    config.chmod(0o640)
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(config))
    monkeypatch.delenv("SPORTRIX_API_KEY", raising=False)
    assert cli.main(["--match", "41282"]) == 2
    err = capsys.readouterr().err
    assert "others can read it" in err and f"chmod 600 {config}" in err
    assert SECRET not in err


def test_cli_needs_insecure_for_clear_text_to_another_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.toml").write_text("")
    monkeypatch.setenv("SPORTRIX_TUI_CONFIG", str(tmp_path / "empty.toml"))
    monkeypatch.setenv("SPORTRIX_API_KEY", SECRET)
    started: list[Settings] = []
    monkeypatch.setattr(cli, "run", lambda settings: started.append(settings) or 0)
    monkeypatch.setattr(cli, "install_logging", lambda *a, **k: None)
    url = "ws://scores.example.com/v1/stream"
    assert cli.main(["--url", url, "--match", "41282"]) == 2
    err = capsys.readouterr().err
    assert "clear text" in err and "--insecure" in err and SECRET not in err
    assert not started
    assert cli.main(["--url", url, "--match", "41282", "--insecure"]) == 0
    assert started and started[0].insecure
    assert cli.main(["--url", "wss://scores.example.com/v1/stream", "--match", "1"]) == 0


def test_settings_repr_never_shows_the_key(sim_factory) -> None:
    sim = sim_factory(speed=0)
    settings = settings_for(sim, "41282", key=SECRET)
    assert SECRET not in repr(settings) and SECRET not in str(settings)
