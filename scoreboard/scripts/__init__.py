"""Scores for scripts and status bars: `--once` and `--watch`, no TUI.

`add_arguments` puts the flags on the CLI's parser; `runner(args)` gives the
function that runs instead of the app (None when neither flag was given), so
the CLI stays one `if` away from this package. Output formats and the JSON
schema: docs/scripts.md. Exit statuses: scoreboard/exits.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from scoreboard import exits
from scoreboard.core.events import MatchRef
from scoreboard.providers.registry import parse_match_text
from scoreboard.settings import Settings, SettingsError

Runner = Callable[[Settings], int]

FORMATS = {"once": ("line", "json", "tmux"), "watch": ("jsonl", "line", "tmux")}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("scripts and status bars (no TUI)")
    modes = group.add_mutually_exclusive_group()
    modes.add_argument(
        "--once",
        action="store_true",
        help="print one snapshot of each match and exit (for tmux status-right, waybar, ...)",
    )
    modes.add_argument(
        "--watch",
        action="store_true",
        help="print a line per score change and notable moment until interrupted",
    )
    group.add_argument(
        "--format",
        choices=sorted({f for fs in FORMATS.values() for f in fs}),
        help="--once: line (default), json or tmux; --watch: jsonl (default), line or tmux "
        "(one line of every match with tmux style codes, for status-right)",
    )
    group.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="--once: how long to wait for every match (default: 15)",
    )


def runner(args: argparse.Namespace) -> Runner | None:
    """What runs instead of the app, or None for the app; `SettingsError` for a bad mix."""
    mode = "once" if args.once else "watch" if args.watch else None
    if mode is None:
        if args.format is not None or args.timeout is not None:
            flag = "--format" if args.format is not None else "--timeout"
            raise SettingsError(f"{flag} goes with --once or --watch")
        return None
    fmt = args.format or FORMATS[mode][0]
    if fmt not in FORMATS[mode]:
        *first, last = FORMATS[mode]
        allowed = f"{', '.join(first)} or {last}"
        raise SettingsError(f"--{mode} prints --format {allowed}, not {fmt}")
    if mode == "watch" and args.timeout is not None:
        raise SettingsError("--timeout goes with --once (--watch runs until interrupted)")
    timeout = args.timeout
    if timeout is not None and not 0 < timeout <= 3600:
        raise SettingsError(f"--timeout must be between 0 and 3600 seconds, got {timeout:g}")

    def run(settings: Settings) -> int:
        try:
            refs = chosen_matches(settings)
        except SettingsError as exc:
            print(f"sportrix-tui: error: {exc}", file=sys.stderr)
            return exits.USAGE
        if mode == "once":
            from scoreboard.scripts.once import DEFAULT_TIMEOUT, once

            return once(settings, refs, fmt, timeout or DEFAULT_TIMEOUT)
        from scoreboard.scripts.watch import watch

        return watch(settings, refs, fmt)

    return run


def remembered_matches(settings: Settings) -> tuple[str, ...]:
    """The matches the app showed last time (issue 13's remembered session).

    Hook: returns nothing until the remembered session lands; then it should
    return its matches as typed (`41282`, `scorelytics:abc123`), and `--once`
    and `--watch` follow them when no `--match` is given.
    """
    return ()


def chosen_matches(settings: Settings) -> list[MatchRef]:
    """`--match`, else the remembered ones, else the config's `matches`; in order, once each."""
    typed = settings.matches or remembered_matches(settings)
    if not typed:
        raise SettingsError(
            "no match to print: give --match ID (repeatable), or matches = [...] in the config"
        )
    refs: list[MatchRef] = []
    for text in typed:
        ref = MatchRef(*parse_match_text(text, settings.provider))
        if ref not in refs:
            refs.append(ref)
    return refs
