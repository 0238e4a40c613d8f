"""`sportrix-tui serve`: the app to WebSocket clients, the token on other hosts, the key kept back.

Each test runs the real `serve` command (textual-serve underneath) against
the simulator, with a secret key in its environment that must never be in
what it serves: not in the page, not in its scripts, not on the socket.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.browser import Chromium, chromium_path
from helpers.serving import SECRET, Served, http_get, screen_bytes, start_serve
from websockets.exceptions import InvalidStatus

from scoreboard import cli, exits, serve
from scoreboard.sim.keys import ApiKey
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
PANELS = [b"Arsenal", b"Chelsea", b"Mumbai Indians"]


@pytest.fixture
def sim_with_secret(sim_factory: Factory) -> SimulatorThread:
    return sim_factory(speed=0, keys=[ApiKey(SECRET)])


@pytest.fixture
def served() -> Iterator[list[Served]]:
    started: list[Served] = []
    yield started
    for one in started:
        one.stop()


async def test_loopback_serves_the_app_to_a_websocket_client_and_never_the_key(
    sim_with_secret: SimulatorThread, served: list[Served]
) -> None:
    board = start_serve(sim_with_secret, "--match", "41282", "--match", "41300")
    served.append(board)
    assert board.url == f"http://127.0.0.1:{board.port}/"  # no token on loopback
    status, _, page = http_get(board.url)
    assert status == 200 and f"ws://127.0.0.1:{board.port}/ws" in page
    status, _, script = http_get(f"{board.origin}/static/js/textual.js")
    assert status == 200 and len(script) > 10_000
    screen = await screen_bytes(f"ws://127.0.0.1:{board.port}/ws", PANELS)
    for text in (page, script, screen.decode("utf-8", "replace"), "".join(board.lines)):
        assert SECRET not in text
    assert b"41282" in screen and b"41300" in screen


async def test_loopback_refuses_other_host_names_and_other_sites_sockets(
    sim_with_secret: SimulatorThread, served: list[Served]
) -> None:
    board = start_serve(sim_with_secret, "--match", "41282")
    served.append(board)
    # A page elsewhere that rebinds its own name to 127.0.0.1 still sends its name.
    status, _, body = http_get(board.url, {"Host": f"evil.example:{board.port}"})
    assert status == 403 and "serves 127.0.0.1 only" in body
    with pytest.raises(InvalidStatus) as refused:
        await screen_bytes(
            f"ws://127.0.0.1:{board.port}/ws", PANELS, {"Origin": "http://evil.example"}
        )
    assert refused.value.response.status_code == 403


async def test_another_host_needs_the_token_printed_at_start(
    sim_with_secret: SimulatorThread, served: list[Served]
) -> None:
    board = start_serve(sim_with_secret, "--host", "0.0.0.0", "--match", "41282")
    served.append(board)
    assert "?token=" in board.url
    token = board.url.split("?token=", 1)[1]
    assert len(token) >= 30
    local = f"http://127.0.0.1:{board.port}"
    for path in ("/", "/?token=wrong", "/static/js/textual.js", "/ws"):
        status, _, body = http_get(local + path)
        assert status == 403, path
        assert "needs its access token" in body and token not in body
    with pytest.raises(InvalidStatus) as refused:
        await screen_bytes(f"ws://127.0.0.1:{board.port}/ws", PANELS)
    assert refused.value.response.status_code == 403

    status, headers, page = http_get(f"{local}/?token={token}")
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    assert http_get(f"{local}/static/js/textual.js", {"Cookie": cookie})[0] == 200
    screen = await screen_bytes(f"ws://127.0.0.1:{board.port}/ws", [b"Arsenal"], {"Cookie": cookie})
    assert SECRET not in page and SECRET.encode() not in screen


async def test_more_tabs_than_allowed_are_turned_away(
    sim_with_secret: SimulatorThread, served: list[Served]
) -> None:
    board = start_serve(sim_with_secret, "--max-tabs", "1", "--match", "41282")
    served.append(board)
    ws_url = f"ws://127.0.0.1:{board.port}/ws"
    first = asyncio.create_task(screen_bytes(ws_url, [b"never sent"], seconds=20))
    await asyncio.sleep(1.0)  # the first tab is open
    with pytest.raises(InvalidStatus) as refused:
        await screen_bytes(ws_url, PANELS)
    assert refused.value.response.status_code == 503
    first.cancel()


def test_without_textual_serve_it_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "scoreboard.serve.server", raising=False)
    assert serve.main([]) == exits.USAGE
    err = capsys.readouterr().err
    assert err == "sportrix-tui serve needs textual-serve: pip install 'sportrix-tui[serve]'\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "--port must be between 0 and 65535"),
        (["--max-tabs", "0"], "--max-tabs must be at least 1"),
        (["--once"], "--once is for scripts, not a browser tab"),
        (["--watch", "--match", "41282"], "--watch is for scripts"),
        (["--match", "not an id!"], "bad --match 'not an id!'"),
        (["--frobnicate"], "bad app arguments"),
    ],
)
def test_bad_serve_arguments_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", *args]) == exits.USAGE
    assert message in capsys.readouterr().err


# -- a real browser ----------------------------------------------------------------------------

PAGE_STATE = """JSON.stringify({
  body: document.body ? document.body.className : "",
  terminal: (document.querySelector(".textual-terminal") || {}).className || "",
  received: window.__received || "",
  html: document.documentElement.outerHTML,
})"""


@pytest.mark.skipif(chromium_path() is None, reason="no chromium (apt-get install chromium)")
async def test_a_headless_browser_loads_the_page_and_shows_the_panels(
    sim_with_secret: SimulatorThread, served: list[Served], tmp_path: Path
) -> None:
    board = start_serve(sim_with_secret, "--match", "41282", "--match", "41300")
    served.append(board)
    async with Chromium(tmp_path / "profile") as browser:
        await browser.open(board.url)
        deadline = asyncio.get_running_loop().time() + 60
        while True:
            state = json.loads(await browser.evaluate(PAGE_STATE) or "{}")
            received = state.get("received", "")
            if "-first-byte" in state.get("body", "") and all(
                name.decode() in received for name in PANELS
            ):
                break
            assert asyncio.get_running_loop().time() < deadline, state.get("body")
            await asyncio.sleep(0.2)
        await browser.screenshot(tmp_path / "board.png")
    # The page's terminal got the app's screen: both panels, their ids and the status line.
    assert "-connected" in state["terminal"]
    assert "41282" in received and "41300" in received and "match" in received
    assert SECRET not in received and SECRET not in state["html"]
    assert (tmp_path / "board.png").stat().st_size > 10_000


#: Where the page's terminal sits, and every URL the page asked for (fonts too).
LAYOUT = """JSON.stringify({
  body: document.body ? document.body.className : "",
  received: window.__received || "",
  height: window.innerHeight,
  scrolled: (document.scrollingElement || document.body).scrollTop,
  page: (document.scrollingElement || document.body).scrollHeight,
  screen: (() => {
    const s = document.querySelector(".xterm-screen");
    if (!s) return null;
    const r = s.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom};
  })(),
  fonts: document.fonts ? document.fonts.status : "",
  resources: performance.getEntriesByType("resource").map(e => e.name),
})"""


async def _loaded(browser: Chromium, url: str) -> dict[str, object]:
    await browser.open(url)
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        state: dict[str, object] = json.loads(await browser.evaluate(LAYOUT) or "{}")
        received = str(state.get("received", ""))
        if "-first-byte" in str(state.get("body", "")) and all(
            name.decode() in received for name in PANELS
        ):
            await asyncio.sleep(1.0)  # a resize after the first bytes settles
            return dict(json.loads(await browser.evaluate(LAYOUT) or "{}"))
        assert asyncio.get_running_loop().time() < deadline, state.get("body")
        await asyncio.sleep(0.2)


@pytest.mark.skipif(chromium_path() is None, reason="no chromium (apt-get install chromium)")
async def test_the_page_asks_nothing_beyond_loopback_and_shows_its_top_row(
    sim_with_secret: SimulatorThread, served: list[Served], tmp_path: Path
) -> None:
    """Issue 25, 22: textual-serve's page fetched its font from fonts.googleapis.com
    (offline it fails, and a third party learns the board was opened), and the
    browser cut the terminal's top row."""
    board = start_serve(sim_with_secret, "--match", "41282", "--match", "41300")
    served.append(board)
    status, _, page = http_get(board.url)
    assert status == 200
    # Every absolute URL in the page is this server's.
    for url in re.findall(r"""(?:https?|wss?)://[^\\s"'<>)]+""", page):
        assert url.split("://", 1)[1].startswith(f"127.0.0.1:{board.port}/"), url
    async with Chromium(tmp_path / "profile") as browser:
        state = await _loaded(browser, board.url)
    resources = [str(name) for name in state["resources"]]  # type: ignore[union-attr]
    assert resources and all(
        name.startswith((board.origin, f"ws://127.0.0.1:{board.port}")) for name in resources
    ), resources
    screen = state["screen"]
    assert isinstance(screen, dict), state
    # The page is the window: nothing to scroll, so the top row cannot scroll away.
    assert state["scrolled"] == 0 and screen["top"] >= 0, state
    assert screen["bottom"] <= state["height"] and state["page"] <= state["height"], state
