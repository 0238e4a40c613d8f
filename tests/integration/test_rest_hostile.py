"""REST through the real CLI against loopback servers: pooled connections and whole deadlines.

Issue 24 ("Use a well-kept HTTP client", items 8, 10, 15). The servers are in
`helpers.hostile_http`; each test waits on the process with a generous ceiling
(a deadline is checked, not a speed).
"""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import trustme
from helpers.hostile_http import (
    HttpServerThread,
    KeepAliveFront,
    answer,
    drip,
    read_request,
    silent,
)

from scoreboard import exits
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
FLOOD = [str(900000 + n) for n in range(1, 21)]


def cli(*args: str, key: str = "sk_demo", **env: str) -> subprocess.Popen[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith(("API_KEY", "_KEY", "_PROXY", "_proxy")) and k != "SPORTRIX_TUI_CONFIG"
    }
    environ.update(SPORTRIX_API_KEY=key, XDG_CONFIG_HOME="/nonexistent", **env)
    return subprocess.Popen(
        [sys.executable, "-m", "scoreboard", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=environ,
    )


def until(predicate: Callable[[], bool], timeout: float, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"exited {proc.returncode}: {proc.communicate()[1]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"gave up waiting: {proc.communicate()[1]}")
        time.sleep(0.05)


def finish(proc: subprocess.Popen[str], ceiling: float) -> tuple[str, str]:
    """stdout and stderr once `proc` exits; killed and failed if it runs past `ceiling` s."""
    try:
        return proc.communicate(timeout=ceiling)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"still running after {ceiling:g} s: {err[-2000:]}") from None


def stream_url(server: HttpServerThread) -> str:
    scheme = "wss" if server.tls else "ws"
    return f"{scheme}://127.0.0.1:{server.port}/v1/stream"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def tls_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def test_polling_twenty_matches_over_tls_keeps_one_connection(
    sim_factory: Factory, ca: trustme.CA, tmp_path: Path
) -> None:
    """urllib opened a TCP+TLS connection per request: 20 matches every 5 s made 4 a second."""
    sim = sim_factory(speed=0, flood_matches=20, flood_rate=1)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    front = KeepAliveFront(sim)
    with HttpServerThread(front, tls_context(ca)) as server:
        args = ["--url", stream_url(server), "--poll", "--watch"]  # every 5 s, the default
        proc = cli(*args, *(f"--match={m}" for m in FLOOD), SSL_CERT_FILE=str(ca_file))
        until(lambda: front.requests >= 24, 60, proc)  # 20 matches every 5 s: 4 a second
        proc.send_signal(signal.SIGTERM)
        out, err = finish(proc, 30)
    assert proc.returncode == exits.signalled(signal.SIGTERM), err
    assert out.count('"type": "snapshot"') == 20, err
    assert server.connections == 1, f"{server.connections} connections for {front.requests}"


@pytest.mark.parametrize("server_kind", ["silent", "drip"])
def test_once_by_polling_ends_at_its_timeout(server_kind: str) -> None:
    """A silent server, or one answering a byte a second: `--timeout 3` means 3 s, then exit."""
    with HttpServerThread(silent if server_kind == "silent" else drip) as server:
        started = time.monotonic()
        proc = cli("--url", stream_url(server), "--poll", "--once", "--timeout", "3", "--match=7")
        out, err = finish(proc, 3 + 10)
        took = time.monotonic() - started
    assert proc.returncode == exits.NO_ANSWER, err
    assert out == ""
    assert "no answer within 3 s" in err
    assert took < 3 + 2.5, f"took {took:.1f} s"


@pytest.mark.parametrize(
    ("retry_after", "said"),
    [
        ("\u00b2", "rate limited (HTTP 429)"),
        ("Wed, 21 Oct 2015 07:28:00 GMT", "rate limited (HTTP 429)"),
    ],
    ids=["superscript-two", "date-in-the-past"],
)
def test_a_strange_retry_after_is_said_on_stderr_without_a_traceback(
    retry_after: str, said: str
) -> None:
    handler = answer(429, {"Retry-After": retry_after}, {"error": "slow down"})
    with HttpServerThread(handler) as server:
        proc = cli("--url", stream_url(server), "--poll", "--watch", "--match=7")
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        _, err = finish(proc, 30)
        asked = server.connections
    assert "Traceback" not in err and "exception" not in err.lower(), err
    assert said in err, err
    # Backing off, not hammering: a past date is not "ask again at once, forever".
    assert asked <= 6, f"{asked} requests in 8 s"


def test_polling_that_only_gets_redirects_says_so() -> None:
    handler = answer(302, {"Location": "http://127.0.0.1:9/elsewhere"}, {})
    with HttpServerThread(handler) as server:
        proc = cli("--url", stream_url(server), "--poll", "--watch", "--match=7")
        out: Any = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        out, err = finish(proc, 30)
    assert out == ""
    assert "HTTP 302 redirect, not followed" in err, err


def test_proxies_come_from_the_environment_except_for_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The proxy decision, per origin (no request leaves loopback in tests)."""
    from scoreboard.net.rest import environment_proxy

    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example")
    assert environment_proxy("https://api.scorelytics.pro") == "http://proxy.example:3128"
    assert environment_proxy("https://internal.example/v1") is None
    assert environment_proxy("https://127.0.0.1:8443/v1") is None
    assert environment_proxy("https://localhost/v1") is None
    assert environment_proxy("https://[::1]:8443/v1") is None


def test_a_loopback_server_is_reached_directly_whatever_the_proxy_says() -> None:
    """A proxy in the environment (here a loopback server that would see the request)
    is not used for a loopback origin."""
    handler = answer(200, {}, [])
    with HttpServerThread(handler) as proxy, HttpServerThread(handler) as server:
        proc = cli(
            "--url",
            stream_url(server),
            "--poll",
            "--once",
            "--timeout",
            "5",
            "--match=7",
            HTTP_PROXY=proxy.origin,
            HTTPS_PROXY=proxy.origin,
            ALL_PROXY=proxy.origin,
        )
        finish(proc, 30)
        assert server.connections >= 1
        assert proxy.connections == 0


def test_an_endless_or_bombed_body_is_refused_at_the_cap() -> None:
    """Bodies are streamed and counted as decoded: an endless chunked body and a gzip
    bomb (1 MB on the wire, 64 MiB inflated) stop at 8 MiB, within the deadline."""
    import asyncio
    import gzip

    from scoreboard.net.rest import MAX_BODY, RestClient, RestError

    bomb = gzip.compress(b"[" + b" " * (64 << 20) + b"]", compresslevel=9)

    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b" " * 65536
        while True:
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()

    async def bombed(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(bomb)}\r\n\r\n"
        writer.write(head.encode() + bomb)
        await writer.drain()
        await asyncio.sleep(60)

    async def read(origin: str) -> str:
        client = RestClient(f"{origin}/v1", "sk_demo", timeout=20)
        try:
            await client.get_json("/matches")
        except RestError as exc:
            return str(exc)
        finally:
            await client.aclose()
        return "read it all"

    for handler in (endless, bombed):
        with HttpServerThread(handler) as server:
            said = asyncio.run(read(server.origin))
        assert said.endswith(f"/v1/matches: answer larger than {MAX_BODY} bytes"), said
