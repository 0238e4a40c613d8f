"""`--once`: connect, take one snapshot of each match, print them, exit.

Matches are printed in the order asked, one line each (`--format line`) or
as one JSON document (`--format json`, docs/scripts.md). A match that cannot
be shown is left out of stdout and named on stderr; the exit status says the
worst that happened (exits.py): no key at all (6), the key refused (3), a match not shown (4),
no answer in time (5), or all printed (0).
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time
from typing import TextIO

from scoreboard import exits
from scoreboard.core.events import ConnectionChanged, MatchFailed, MatchRef, MatchUpdated
from scoreboard.core.models import Snapshot
from scoreboard.core.names import TeamCodes
from scoreboard.core.text import safe_text
from scoreboard.scripts.feed import Feed, ProviderFactory
from scoreboard.scripts.pipes import error_stream, missing_stdout, quiet_stdout
from scoreboard.scripts.schema import SCHEMA, match_json, safe_json, status_line
from scoreboard.scripts.tmux import tmux_line
from scoreboard.settings import Settings

DEFAULT_TIMEOUT = 15.0


async def run_once(
    settings: Settings,
    refs: list[MatchRef],
    *,
    fmt: str,
    out: TextIO,
    err: TextIO,
    timeout: float = DEFAULT_TIMEOUT,
    factory: ProviderFactory | None = None,
) -> int:
    shown: dict[MatchRef, Snapshot] = {}
    failed: dict[MatchRef, str] = {}
    via: dict[MatchRef, str] = {}
    trouble: dict[str, str] = {}
    #: Providers that refused the key, and what they said.
    refused: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    async with Feed(settings, refs, factory) as feed:
        while any(r not in shown and r not in failed and r.provider not in refused for r in refs):
            left = deadline - time.monotonic()
            event = await feed.next(left) if left > 0 else None
            if event is None:
                break
            if isinstance(event, MatchUpdated) and event.ref in refs:
                if event.ref not in shown:
                    shown[event.ref] = event.snapshot
                    via[event.ref] = feed.via_of(event.ref)
                    failed.pop(event.ref, None)
            elif isinstance(event, MatchFailed) and event.ref not in shown:
                failed[event.ref] = event.message
            elif isinstance(event, ConnectionChanged):
                if event.phase in ("reconnecting", "refused"):
                    trouble[event.provider] = event.detail
                if event.phase == "refused":
                    refused[event.provider] = event.detail
            if feed.all_ended:
                break
    status = _print(refs, shown, via, fmt, out)
    # No key at all is a setup error, said as such: nothing was sent to be refused.
    missing = {name for name in refused if not settings.provider_settings(name).api_key}
    for name, detail in refused.items():
        _say(err, f"{name}: {detail}" if name in missing else f"{name}: key refused: {detail}")
    for ref in refs:
        if ref in shown or ref.provider in refused:
            continue
        if ref in failed:
            _say(err, f"{ref}: {failed[ref]}")
            status = max(status, exits.NOT_SHOWN)
        else:
            why = trouble.get(ref.provider)
            _say(err, f"{ref}: no answer within {timeout:g} s" + (f" ({why})" if why else ""))
            status = max(status, exits.NO_ANSWER)
    if any(ref.provider in missing and ref not in shown for ref in refs):
        return exits.NO_KEY
    if any(ref.provider in refused and ref not in shown for ref in refs):
        return exits.KEY_REFUSED
    return status


def _print(
    refs: list[MatchRef],
    shown: dict[MatchRef, Snapshot],
    via: dict[MatchRef, str],
    fmt: str,
    out: TextIO,
) -> int:
    # One set of codes for the whole output, as on the screen: New Zealand and
    # Newcastle printed together are `NZE` and `NEW`, never both `NEW`.
    teams = TeamCodes()
    for ref in refs:
        if ref in shown:
            teams.add((shown[ref].home, shown[ref].away))
    codes = teams.known
    if fmt == "json":
        matches = [match_json(ref, shown[ref], via[ref], codes) for ref in refs if ref in shown]
        document = safe_json({"schema": SCHEMA, "matches": matches})
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
    elif fmt == "tmux":
        if any(ref in shown for ref in refs):
            out.write(tmux_line(shown[ref] for ref in refs if ref in shown) + "\n")
    else:
        out.writelines(status_line(shown[ref], codes) + "\n" for ref in refs if ref in shown)
    out.flush()
    return exits.OK


def _say(err: TextIO, message: str) -> None:
    err.write(f"sportrix-tui: {safe_text(message, 1000)}\n")


def once(settings: Settings, refs: list[MatchRef], fmt: str, timeout: float) -> int:
    """`--once` in this process; Ctrl-C ends it with status 130 and no traceback.

    Started with stdout closed (`>&-`), it has nowhere to print: status 0 at once,
    as when the reader leaves (`| head -0`)."""
    if missing_stdout():
        return exits.OK
    err = error_stream()
    try:
        return asyncio.run(
            run_once(settings, refs, fmt=fmt, out=sys.stdout, err=err, timeout=timeout)
        )
    except KeyboardInterrupt:
        return exits.signalled(signal.SIGINT)
    except BrokenPipeError:
        quiet_stdout()
        return exits.OK
