"""`sportrix-tui serve`: the app in a browser tab, through textual-serve.

Each browser tab (each WebSocket to `/ws`) starts its own `sportrix-tui`
process with its own provider connections; the API key stays in this
process's environment, which those processes inherit, and only the
terminal's picture reaches the page. On a loopback host (the default) the
page is served to this machine only; any other `--host` needs the access
token printed at start, in the URL (`?token=...`), or the page is refused.

textual-serve is an optional extra (`pip install 'sportrix-tui[serve]'`);
without it `serve` says how to get it in one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import socket
import sys
from collections.abc import Callable, Sequence

from scoreboard import exits
from scoreboard.net.urls import is_loopback
from scoreboard.providers.registry import parse_match_text

INSTALL_HINT = "sportrix-tui serve needs textual-serve: pip install 'sportrix-tui[serve]'"
#: Flags of the app that make no sense in a browser tab.
NOT_IN_A_TAB = ("--once", "--watch", "--format", "--timeout")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sportrix-tui serve",
        description="Serve the app to web browsers (each tab runs its own app).",
        epilog="Any other arguments are the app's (sportrix-tui --help): "
        "sportrix-tui serve --port 8080 --match 41282 --match 41300",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only); any other "
        "host needs the access token printed at start",
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free one)"
    )
    parser.add_argument(
        "--max-tabs",
        type=int,
        default=8,
        metavar="N",
        help="most browser tabs at once, each with its own provider connections (default: 8)",
    )
    return parser


def app_command(app_args: Sequence[str]) -> str:
    """The shell command each tab runs: this Python, this package, the app's arguments."""
    return shlex.join([sys.executable, "-m", "scoreboard", *app_args])


def main(
    argv: Sequence[str], app_parser: Callable[[], argparse.ArgumentParser] | None = None
) -> int:
    """`serve` with `argv`; `app_parser` (the CLI's) checks the app's arguments first."""
    args, app_args = build_parser().parse_known_args(list(argv))
    problem = _check(args, app_args, app_parser)
    if problem is not None:
        print(f"sportrix-tui serve: error: {problem}", file=sys.stderr)
        return exits.USAGE
    try:
        from scoreboard.serve.server import BoardServer
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return exits.USAGE
    token = None if is_loopback(args.host) else secrets.token_urlsafe(24)
    server = BoardServer(
        app_command(app_args), args.host, args.port, token=token, max_tabs=args.max_tabs
    )
    try:
        return server.run(shown_host=_shown_host(args.host))
    except OSError as exc:
        print(
            f"sportrix-tui serve: error: cannot listen on {args.host}:{args.port}: "
            f"{exc.strerror or exc} (pick another --port)",
            file=sys.stderr,
        )
        return exits.USAGE


def _check(
    args: argparse.Namespace,
    app_args: Sequence[str],
    app_parser: Callable[[], argparse.ArgumentParser] | None,
) -> str | None:
    if not 0 <= args.port <= 65535:
        return f"--port must be between 0 and 65535, got {args.port}"
    if args.max_tabs < 1:
        return f"--max-tabs must be at least 1, got {args.max_tabs}"
    for arg in app_args:
        if arg.split("=", 1)[0] in NOT_IN_A_TAB:
            return f"{arg.split('=', 1)[0]} is for scripts, not a browser tab"
    if app_parser is None:
        return None
    try:  # the app's own flags, checked before anything listens
        parsed = app_parser().parse_args(list(app_args))
    except SystemExit as exc:  # argparse has printed why
        return None if exc.code == 0 else "bad app arguments (see above)"
    for text in getattr(parsed, "match", ()):
        try:
            parse_match_text(text, parsed.provider)
        except ValueError as exc:
            return f"bad --match {text!r}: {exc}"
    return None


def _shown_host(host: str) -> str:
    """The host to put in the printed URL: a wildcard address is this machine's name."""
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host
