"""Every terminal: ASCII mode, NO_COLOR, small and odd sizes, wide characters."""

from __future__ import annotations

import html
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.app import all_shown, card, screen_until, until
from helpers.app import time_app as looks_app
from helpers.scenes import MANY
from rich.cells import cell_len

from scoreboard.core.models import CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.ui.app import ScoreboardApp
from scoreboard.ui.look.ascii import to_ascii, wants_ascii
from scoreboard.ui.render import glyphs
from scoreboard.ui.screens.add_match import AddMatchScreen

ROOT = Path(__file__).resolve().parents[2]


def screen_text(app: ScoreboardApp) -> str:
    """Every character on the screen, as exported."""
    svg = app.export_screenshot()
    text = html.unescape("\n".join(re.findall(r">([^<>]*)</text>", svg)))
    return text.replace("\xa0", " ")


def wire_words(snap: Snapshot | None) -> str:
    """Everything in a snapshot a provider named: teams, players, competition, result."""
    if snap is None:
        return ""
    words = [snap.home, snap.away, snap.competition or ""]
    if isinstance(snap, SoccerSnapshot):
        for event in snap.events or ():
            words += [event.player or "", event.assist or "", event.detail or ""]
    if isinstance(snap, CricketSnapshot):
        words += [b.name for b in snap.batsmen or ()]
        words += [snap.bowler.name if snap.bowler else "", snap.result or ""]
        for innings in snap.scorecard or ():
            words += [e.name for e in innings.batting] + [
                e.dismissal or "" for e in innings.batting
            ]
            words += [b.name for b in innings.bowling]
    return " ".join(words)


def non_ascii(text: str, allowed: str) -> set[str]:
    return {char for char in text if not char.isascii() and char not in allowed}


async def test_ascii_mode_screens_hold_only_ascii_besides_names(sim) -> None:
    app = looks_app(sim, *MANY, ascii=True)
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await all_shown(app)
        await pilot.pause()
        names = " ".join(wire_words(c.snapshot) for c in app.cards.values())
        for _ in range(3):  # full, compact, ticker
            seen.append(screen_text(app))
            await pilot.press("z")
            await pilot.pause(0.3)  # every panel repainted at its new density
        for match_id in (41282, 41300):
            app.set_focus(card(app, match_id))
            await pilot.press("enter")
            await pilot.pause(0.3)
            seen.append(screen_text(app))
            names += " " + wire_words(card(app, match_id).snapshot)
            await pilot.press("escape")
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AddMatchScreen)
        await dialog.catalog_worker.wait()
        await pilot.pause()
        seen.append(screen_text(app))
        names += " ".join(f"{e.home} {e.away} {e.competition}" for e in dialog._catalog)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("escape", "i")
        await pilot.pause()
        seen.append(screen_text(app))
    for text in seen:
        assert non_ascii(text, names) == set(), text
    assert "GOAL" in seen[0] and "|" in seen[0]  # words for symbols, ASCII borders


def test_ascii_stand_ins_keep_widths_and_leave_letters_alone() -> None:
    drawn = "╭─╮│╰╯━┃▏▁▂█ ⠿ ←→↑↓ ▶●○■ … • ⏎"
    assert to_ascii(drawn).isascii()
    assert cell_len(to_ascii(drawn)) == cell_len(drawn)
    names = "Müller, 東京ヴェルディ, Çalhanoğlu, Đoković"
    assert to_ascii(names) == names


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM": "linux", "LANG": "en_US.UTF-8"}, True),
        ({"TERM": "vt100"}, True),
        ({"TERM": "xterm-256color", "LANG": "C"}, True),
        ({"TERM": "xterm-256color", "LC_ALL": "en_GB.ISO-8859-1", "LANG": "en_GB.UTF-8"}, True),
        ({"TERM": "xterm-256color", "LANG": "en_US.UTF-8"}, False),
        ({"TERM": "tmux-256color", "LC_CTYPE": "C.utf8"}, False),
        ({"TERM": "xterm-256color"}, False),
    ],
)
def test_ascii_turns_on_where_the_terminal_cannot_draw(
    environ: dict[str, str], expected: bool
) -> None:
    assert wants_ascii(environ) is expected


async def test_ascii_follows_the_terminal_and_no_ascii_overrides(sim, monkeypatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    for configured, expected in ((None, True), (False, False), (True, True)):
        app = looks_app(sim, "41282", ascii=configured)
        assert app.ascii is expected
        assert (glyphs.glyphs() is glyphs.ASCII) is expected
    glyphs.use(glyphs.UNICODE)


SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
#: SGR parameters that set a colour (30-49 but for the resets 39 and 49, 90-107).
COLOUR = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def colour_codes(output: bytes) -> list[bytes]:
    found = []
    for match in SGR.finditer(output):
        params = [int(p) for p in re.split(rb"[;:]", match.group(1)) if p]
        if any(p in COLOUR for p in params):
            found.append(match.group(0))
    return found


def run_in_a_terminal(environ: dict[str, str], size: tuple[int, int], seconds: float) -> bytes:
    """The demo in a pseudo-terminal for `seconds`, then `q`: every byte it wrote."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(environ, PYTHONPATH=str(ROOT), SPORTRIX_TUI_CONFIG=os.devnull)
    process = subprocess.Popen(
        [sys.executable, "-m", "scoreboard", "--demo", "--match", "41282", "--match", "41300"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + seconds
    quit_sent = False
    try:
        while True:
            now = time.monotonic()
            if now >= deadline and not quit_sent:
                os.write(leader, b"q")
                quit_sent, deadline = True, now + 10
            elif now >= deadline:
                break
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the app exited and closed its side
                    break
                if not chunk:
                    break
                output += chunk
            if quit_sent and process.poll() is not None:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        os.close(leader)
    return bytes(output)


def test_no_color_sends_no_colour_codes_at_all(tmp_path: Path) -> None:
    environ = {"NO_COLOR": "1", "TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path)}
    output = run_in_a_terminal(environ, (100, 30), seconds=6)
    assert b"Arsenal" in output and b"LIVE" in output, output[-2000:]
    assert colour_codes(output) == []
    # Without NO_COLOR the same run is in colour: the check above can fail.
    environ.pop("NO_COLOR")
    assert colour_codes(run_in_a_terminal(environ, (100, 30), seconds=4))


WIDE = ("東京ヴェルディ", "🦁 Lions FC", "Borussia Mönchengladbach", "ＦＣ町田ゼルビア")


@pytest.mark.parametrize("density", ["full", "compact", "ticker"])
async def test_wide_names_keep_columns_aligned(sim, density: str) -> None:
    """CJK and emoji are two cells wide: every line stays exactly the panel's width."""
    app = looks_app(sim, *MANY[:6], density=density)
    async with app.run_test(size=(100, 30)) as pilot:
        await all_shown(app)
        for index, panel in enumerate(app.cards.values()):
            snap = panel.snapshot
            if snap is None:
                continue
            from msgspec.structs import replace as with_fields

            name = WIDE[index % len(WIDE)]
            renamed = with_fields(snap, home=name, away=WIDE[(index + 1) % len(WIDE)])
            app.feed.delivery.deliver(panel, renamed)
        await screen_until(
            pilot,
            lambda: all(p.snapshot.home in WIDE for p in app.cards.values() if p.snapshot),
            5,
        )
        await pilot.pause(0.3)  # a panel painted a moment ago paints again at the next beat
        widths = set()
        for panel in app.cards.values():
            width = panel.inner_size.width
            for line in panel.body(width):
                assert cell_len(line.plain) == width, line.plain
            widths.add(width)
        text = screen_text(app)
        assert any(name[0] in text for name in WIDE)  # (the export splits wide runs)
        if density == "ticker":  # one column layout: the score column starts at one place
            lines = [p.body(p.inner_size.width)[0].plain for p in app.cards.values()]
            starts = {cell_len(line[: line.index(" - ")]) for line in lines if " - " in line}
            assert len(starts) == 1, lines


@pytest.mark.parametrize("screen", ["grid", "detail", "add", "help", "diagnostics"])
async def test_every_screen_is_usable_at_40x12(sim, screen: str) -> None:
    app = looks_app(sim, "41282", "41300")
    async with app.run_test(size=(40, 12)) as pilot:
        await until(app, lambda: all(c.snapshot for c in app.cards.values()))
        await pilot.pause()
        keys = {
            "detail": ("enter",),
            "add": ("a",),
            "help": ("question_mark",),
            "diagnostics": ("i",),
        }
        await pilot.press(*keys.get(screen, ()))
        await pilot.pause()
        text = screen_text(app)
        footer = text.strip().splitlines()
        lines = [line for line in text.split("\n") if line.strip()]
        assert lines
        # No key in the footer is cut in the middle: each shown key has its whole word.
        bottom = app.screen.query("Footer")
        if bottom:
            shown = [child for child in bottom.first().children if hasattr(child, "description")]
            assert shown, "the footer shows no keys"
            right = max(child.region.right for child in shown)
            assert right <= 40
            for child in shown:
                assert child.region.width >= cell_len(child.description), child.description
        if screen == "grid":
            assert "Arsenal" in text or "ARS" in text
        if screen == "help":  # it scrolls: the first key is on screen
            assert "add a match" in text
        if screen == "add":
            assert "Match id" in text or "Add a match" in text
        assert footer
