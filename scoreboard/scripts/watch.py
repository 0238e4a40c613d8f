"""`--watch`: follow the matches without the TUI, one line per notable change.

`--format jsonl` (the default) prints one JSON object per line (docs/scripts.md):
the first state of each match, then every score change and notable moment,
each once. `--format line` prints a match's status line whenever it reads
differently. Connection trouble and refusals go to stderr; the feed keeps
reconnecting (or polling) until Ctrl-C or SIGTERM (status 128 + signal), a
closed stdout (status 0), or every provider refused the key (status 3; 6 with no key).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from scoreboard import exits
from scoreboard.core.events import (
    ConnectionChanged,
    MatchFailed,
    MatchRef,
    MatchUpdated,
    Notice,
    ProviderEvent,
)
from scoreboard.core.models import Snapshot
from scoreboard.core.names import TeamCodes
from scoreboard.core.text import safe_text
from scoreboard.scripts.changes import Change, Changes
from scoreboard.scripts.feed import Feed, ProviderFactory
from scoreboard.scripts.pipes import error_stream, missing_stdout, quiet_stdout, watch_reader
from scoreboard.scripts.schema import SCHEMA, match_json, moment_json, safe_json, status_line
from scoreboard.scripts.tmux import tmux_line
from scoreboard.settings import Settings


class Printer:
    """Turns events into output lines; `write` raises BrokenPipeError if stdout went away."""

    def __init__(
        self, fmt: str, out: TextIO, err: TextIO, order: tuple[MatchRef, ...] = ()
    ) -> None:
        self.fmt = fmt
        self.order = order
        self.out = out
        self.err = err
        self.changes = Changes()
        #: The codes of every team this run has printed, unique among them (as on the
        #: screen): a team keeps its code while the run lasts.
        self.teams = TeamCodes()
        self._lines: dict[MatchRef, str] = {}
        #: `--format tmux`: each match's newest state (in `order`); the last line printed.
        self._snaps: dict[MatchRef, Snapshot] = {}
        self._tmux = ""
        self._phases: dict[str, str] = {}

    def event(self, event: ProviderEvent, via: str) -> None:
        if isinstance(event, MatchUpdated):
            self._updated(event, via)
        elif isinstance(event, MatchFailed):
            self.say(f"{event.ref}: {event.message}")
        elif isinstance(event, ConnectionChanged):
            if self._phases.get(event.provider) != event.phase:
                self._phases[event.provider] = event.phase
                if event.phase not in ("live", "connecting") or event.via == "polling":
                    self.say(f"{event.provider}: {event.phase}: {event.detail}")
        elif isinstance(event, Notice):
            self.say(f"{event.provider}: {event.message}")

    def _updated(self, event: MatchUpdated, via: str) -> None:
        snap = event.snapshot
        self.teams.add((snap.home, snap.away))
        codes = self.teams.known
        if self.fmt == "tmux":
            self._snaps[event.ref] = snap
            line = tmux_line(self._snaps[ref] for ref in self.order if ref in self._snaps)
            if line != self._tmux:
                self._tmux = line
                self._write(line)
            return
        if self.fmt == "line":
            line = status_line(snap, codes)
            if self._lines.get(event.ref) != line:
                self._lines[event.ref] = line
                self._write(line)
            return
        changes = self.changes.update(event.ref, snap)
        if changes:
            match = match_json(event.ref, snap, via, codes)
            for change in changes:
                self._write(json.dumps(safe_json(_record(change, match)), ensure_ascii=False))

    def _write(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def say(self, message: str) -> None:
        self.err.write(f"sportrix-tui: {safe_text(message, 400)}\n")
        self.err.flush()


def _record(change: Change, match: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "type": change.kind,
        "at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "match": match,
    }
    if change.kind == "score":
        home, away = change.before if isinstance(change.before, tuple) else (None, None)
        record["before"] = {"home": _score(home), "away": _score(away)}
        record["moments"] = [moment_json(m) for m in change.moments]
    elif change.kind == "moment":
        record["moment"] = moment_json(change.moments[0])
    elif change.kind == "status":
        record["before"] = change.before
    return record


def _score(value: Any) -> Any:
    if isinstance(value, tuple):  # cricket: (runs, wickets)
        return {"runs": value[0], "wickets": value[1]}
    return value


async def run_watch(
    settings: Settings,
    refs: list[MatchRef],
    *,
    fmt: str,
    out: TextIO,
    err: TextIO,
    stop: asyncio.Event | None = None,
    factory: ProviderFactory | None = None,
) -> int:
    """Print until `stop` is set (then status 0), stdout closes (0), or every key is
    refused (3) or missing (6)."""
    stop = stop or asyncio.Event()
    printer = Printer(fmt, out, err, tuple(refs))
    async with Feed(settings, refs, factory) as feed:
        stopped = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                step = asyncio.create_task(feed.next())
                await asyncio.wait({step, stopped}, return_when=asyncio.FIRST_COMPLETED)
                if not step.done():
                    step.cancel()
                    break
                event = step.result()
                if event is None:
                    continue
                try:
                    printer.event(event, _via(feed, event))
                except BrokenPipeError:
                    quiet_stdout()
                    return exits.OK
                if feed.all_ended:
                    refused = all(feed.refused(name) for name in feed.providers)
                    if refused and any(
                        not settings.provider_settings(name).api_key for name in feed.providers
                    ):
                        return exits.NO_KEY  # nothing was sent: a setup error
                    return exits.KEY_REFUSED if refused else exits.OK
        finally:
            stopped.cancel()
    return exits.OK


def _via(feed: Feed, event: ProviderEvent) -> str:
    ref = getattr(event, "ref", None)
    return feed.via_of(ref) if isinstance(ref, MatchRef) else "stream"


def watch(settings: Settings, refs: list[MatchRef], fmt: str) -> int:
    """`--watch` in this process: Ctrl-C or SIGTERM end it with status 128 + the signal;
    stdout closed, or its reader gone (even with nothing to write), with status 0."""
    if missing_stdout():
        return exits.OK  # started with `>&-`: nobody will ever read a line
    caught: list[int] = []
    reader_left: list[bool] = []

    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()

        def stopping(signum: int) -> None:
            caught.append(signum)
            stop.set()

        def gone() -> None:
            reader_left.append(True)
            stop.set()

        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stopping, signum)
        undo = watch_reader(loop, gone)
        try:
            err = error_stream()
            return await run_watch(settings, refs, fmt=fmt, out=sys.stdout, err=err, stop=stop)
        finally:
            undo()

    status = asyncio.run(main())
    if reader_left:
        quiet_stdout()
        return exits.OK
    return exits.signalled(caught[0]) if caught else status
