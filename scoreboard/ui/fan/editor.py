"""The config file in `$EDITOR` (from "Alert rules", `e`), the app stepping aside meanwhile.

`VISUAL`, then `EDITOR`, then `vi` names the editor (split as a shell would,
never run through one). Where the app cannot step aside (a headless run), the
editor runs with no terminal of its own.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from textual.app import SuspendNotSupported

log = logging.getLogger("scoreboard.ui.fan.editor")


class Suspends(Protocol):
    """The board steps aside for a program that wants the terminal."""

    def suspend(self) -> AbstractContextManager[None]: ...


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    return shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi")


def edit(board: Suspends, path: Path) -> bool:
    """Run the editor on `path`; False if it could not be started."""
    command = [*editor_command(), str(path)]
    try:
        try:
            with board.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            subprocess.run(
                command,
                check=False,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=600,
            )
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        log.warning("the editor %r did not run: %s", command[0], exc)
        return False
    return True
