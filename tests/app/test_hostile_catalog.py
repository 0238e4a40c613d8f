"""A catalog made to hurt, through the real CLI on a pty: what the terminal receives.

A hostile loopback REST server (`helpers.hostile_rest`) lists matches whose
every text field holds escape sequences a terminal acts on: a window title
(OSC 0), the clipboard (OSC 52), a hyperlink (OSC 8), a notification
(OSC 9), DCS and APC strings, 8-bit C1 controls, bidi overrides. Live now
(`l`) lists them; the bytes written to the pty must hold none of them (issue
24, item 1). Start times a local clock cannot show must not crash it (item 5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.hostile_rest import HostileRest
from helpers.terminal import TerminalRun

#: Each a sequence some terminal acts on, with a payload marker.
ATTACKS = {
    "title": "\x1b]0;PWNED-TITLE\x07",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "hyperlink": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "notify": "\x1b]9;PWNED-NOTIFY\x07",
    "dcs": "\x1bP+q544e\x1b\\",
    "apc": "\x1b_PWNED-APC\x1b\\",
    "c1 osc": "\x9d0;PWNED-C1\x9c",
    "csi": "\x1b[2J\x1b[31m",
    "bidi": "\u202eevil\u202c",
}
HOSTILE = "".join(ATTACKS.values())
#: In the pty's bytes: what none of Textual's own output holds, but the attacks do
#: (Textual's own OSC is 22, the pointer's shape, ended by a BEL).
FORBIDDEN = [
    b"\x1b]0;",  # OSC: window title
    b"\x1b]52;",  # clipboard
    b"\x1b]8;",  # hyperlink
    b"\x1b]9;",  # notification
    b"\x1bP",  # DCS
    b"\x1b_",  # APC
    b"\x1b^",  # PM
    b"\x1bX",  # SOS
    "\x9d".encode(),  # 8-bit OSC, as UTF-8
    "\x9c".encode(),  # 8-bit ST
    "\u202e".encode(),  # bidi override
    b"PWNED",
]


def entry(match_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "match_id": match_id,
        "sport": "soccer",
        "status": "scheduled",
        "home": f"Home{match_id}",
        "away": f"Away{match_id}",
        "competition": "Plain League",
        "start_time": "2031-05-04T15:00:00Z",
        **fields,
    }


def hostile_catalog() -> list[dict[str, Any]]:
    entries = [entry(1, home="Sentinel United", away="Calm Town")]
    entries += [
        entry(
            10 + i,
            sport=f"soccer{attack}",
            competition=f"Cup {name} {attack}",
            home=f"H{attack}",
            away=f"A{attack}",
            status="finished",
            result=f"won{attack}",
            start_time=f"2031-05-04T15:00:00Z{attack}",
        )
        for i, (name, attack) in enumerate(ATTACKS.items())
    ]
    entries.append(entry(30, competition=HOSTILE, sport=HOSTILE, status="live"))
    return entries


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Any]:
    started: list[TerminalRun] = []

    def start(rest: HostileRest, *args: str, **env: str) -> TerminalRun:
        log = tmp_path / "app.log"
        config = tmp_path / "config.toml"
        config.write_text(
            f'[sportrix]\nurl = "ws://127.0.0.1:9/v1/stream"\nrest_url = "{rest.base}"\n'
        )
        terminal = TerminalRun(
            ["-m", "scoreboard", "--log-file", str(log), *args],
            log,
            size=(140, 40),
            SPORTRIX_API_KEY="sk_hostile_test",
            SPORTRIX_TUI_CONFIG=str(config),
            **env,
        )
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


def open_live_now(terminal: TerminalRun, shown: bytes) -> None:
    terminal.until(lambda: b"\x1b[?1000h" in terminal.output)  # the app is up
    terminal.send(b"l")
    terminal.until(lambda: shown in terminal.output)


def test_catalog_escapes_never_reach_the_terminal(cli: Any) -> None:
    with HostileRest({"/v1/matches": hostile_catalog()}) as rest:
        terminal = cli(rest)
        open_live_now(terminal, b"Sentinel United")
        terminal.until(lambda: b"Cup clipboard" in terminal.output)  # a hostile row drawn
        terminal.send(b"\x03")  # Ctrl+C: quit (the filter has the focus)
        assert terminal.wait() == 0
    found = [seq for seq in FORBIDDEN if seq in terminal.output]
    assert not found, f"the terminal received {found!r}"
    assert set(re.findall(rb"\x1b\](\d*)", terminal.output)) <= {b"22"}
    # ...and the 7-bit CSI the catalog held was not passed on as one either.
    assert not re.search(rb"\x1b\[2J", terminal.output[terminal.output.find(b"Sentinel") :])


@pytest.mark.parametrize(
    "start_time",
    [
        "0001-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59-23:59",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00Z",
    ],
)
def test_start_times_no_clock_can_show_do_not_crash_live_now(cli: Any, start_time: str) -> None:
    catalog = [entry(1, home="Sentinel United"), entry(2, home="Edge FC", start_time=start_time)]
    with HostileRest({"/v1/matches": catalog}) as rest:
        # East of UTC: the year-9999 instant is in year 10000 here.
        terminal = cli(rest, TZ="Asia/Tokyo")
        open_live_now(terminal, b"Edge FC")
        terminal.send(b"\x03")  # Ctrl+C: quit (the filter has the focus)
        assert terminal.wait() == 0, terminal.tail()
