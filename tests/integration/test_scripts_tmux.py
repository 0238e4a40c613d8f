"""`--once --format tmux` and `--watch --format tmux`: one status-bar line with tmux codes."""

from __future__ import annotations

import asyncio
import copy
import io
import re

import pytest
from helpers.hostile_http import HttpServerThread
from test_scripts import CRICKET, SOCCER, Factory, once, settings_for
from test_scripts_hostile import CRICKET as HOSTILE_CRICKET
from test_scripts_hostile import cli, ended, serving, url

from scoreboard import exits
from scoreboard.scripts.watch import run_watch


def codes(line: str) -> list[str]:
    """The codes tmux would act on: `#[...]` styles, `#(` commands, `#{` formats (a `##`
    is a literal `#`, never the start of one)."""
    return [m.group(1) for m in re.finditer(r"#(#|\[[^\]]*\]|\(|\{)", line) if m.group(1) != "#"]


async def test_once_tmux_is_one_line_bold_while_live(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    status, out, err = await once(settings_for(sim), SOCCER, CRICKET, fmt="tmux")
    _, lines, _ = await once(settings_for(sim), SOCCER, CRICKET, fmt="line")
    soccer, cricket = lines.splitlines()
    assert out == f"#[bold]{soccer}#[nobold] | #[bold]{cricket}#[nobold]\n"
    assert (status, err) == (exits.OK, "")


async def test_watch_tmux_prints_the_whole_line_again_when_a_score_changes(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    out, err, stop = io.StringIO(), io.StringIO(), asyncio.Event()
    task = asyncio.create_task(
        run_watch(settings_for(sim), [SOCCER, CRICKET], fmt="tmux", out=out, err=err, stop=stop)
    )

    async def until(predicate: object, timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():  # type: ignore[operator]
                await asyncio.sleep(0.02)

    await until(lambda: " | " in out.getvalue())  # both matches on the line
    before = sim.snapshot(41282)["score"]
    while sim.snapshot(41282)["score"] == before:
        sim.advance(10)
    after = sim.snapshot(41282)["score"]
    await until(lambda: f"ARS {after['home']}-{after['away']} CHE" in out.getvalue())
    stop.set()
    assert await asyncio.wait_for(task, 10) == exits.OK
    lines = out.getvalue().splitlines()
    assert all(line.count(" | ") == 1 and line.startswith("#[bold]ARS") for line in lines[-2:])
    assert len(lines) == len(set(lines))  # a line that reads the same is not printed again
    assert err.getvalue() == ""


@pytest.mark.parametrize("mode", ["--once", "--watch"])
def test_a_hash_from_the_wire_never_becomes_a_tmux_style_or_command(mode: str) -> None:
    body = copy.deepcopy(HOSTILE_CRICKET) | {
        "home": "#[fg=red,blink]#(touch /tmp/pwned)",
        "status": "finished",
        "result": "#(reboot) won by #{session_name}",
    }
    with HttpServerThread(serving(body)) as server:
        args = ["--url", url(server), "--poll", mode, "--format", "tmux", "--match", "7"]
        proc = cli(*args, key="sk_test")
        if mode == "--watch":
            assert proc.stdout is not None
            line = proc.stdout.readline().decode()
            proc.terminate()
            ended(proc, 20)
        else:
            out, err = proc.communicate(timeout=30)
            assert proc.returncode == exits.OK, err
            line = out.decode()
    assert line.count("\n") == 1
    assert "##(reboot) won by ##{session_name}" in line
    assert codes(line) == ["[dim]", "[nodim]"], line
