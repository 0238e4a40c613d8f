"""`sportrix-tui`: parse the command line, set up logging, run the app."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from scoreboard import __version__, cli_time, exits, scripts
from scoreboard.logs import install_logging
from scoreboard.providers.registry import KEY_ENV, PROVIDERS, SPECS, parse_match_text
from scoreboard.settings import (
    DEFAULT_MAX_FRAME_BYTES,
    DENSITIES,
    PALETTES,
    Settings,
    SettingsError,
    config_path,
    default_log_path,
    load_settings,
)

log = logging.getLogger("scoreboard.cli")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Names the real matches in `--real`'s help when the help is shown, not when
    the parser is built: listing them imports the replays' modules
    (`scoreboard.sim.real`), which a start without `--real` does not need."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if action.dest == "real" and text is not None:
            return text + _real_names()
        return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sportrix-tui",
        description="Live scores for several matches at once, in your terminal.",
        formatter_class=_HelpFormatter,
        epilog=f"""\
examples:
  sportrix-tui --demo                          built-in simulated feed, no key needed
  sportrix-tui --real ipl-2019-final           a real match, replayed ball by ball
  sportrix-tui --match 41282 --match 41300     two Sportrix matches on one connection
  sportrix-tui --provider scorelytics --match abc123

API key (never a flag, so it stays out of `ps`):
  {KEY_ENV["sportrix"]} or {KEY_ENV["scorelytics"]} in the environment, or
  api_key in the config file (mode 600): {config_path()}

log file: {default_log_path()}
keys in the app: a add, d remove, u undo, l live now, f follow, n mute, ? help, q quit""",
    )
    # The order of these calls is the order of `--help`.
    _add_match_arguments(parser)
    _add_connection_arguments(parser)
    _add_logging_arguments(parser)
    _add_looks_arguments(parser)
    cli_time.add_arguments(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    scripts.add_arguments(parser)  # --once, --watch: scoreboard/scripts/
    return parser


def _add_match_arguments(parser: argparse.ArgumentParser) -> None:
    """What to follow and where from: --match, --provider, --url, --demo, --real."""
    parser.add_argument(
        "--match",
        metavar="ID",
        action="append",
        default=[],
        help="a match to follow (repeatable): 41282, or provider:id such as scorelytics:abc123",
    )
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        default="sportrix",
        help="the provider for bare match ids (default: sportrix)",
    )
    parser.add_argument(
        "--url",
        metavar="[PROVIDER=]URL",
        action="append",
        default=[],
        help=(
            "a provider's address (repeatable); without PROVIDER= the --provider's: "
            f"Sportrix's stream URL (default: {SPECS['sportrix'].default_url}) or "
            f"Scorelytics' base URL (default: {SPECS['scorelytics'].default_url}); "
            "e.g. --url scorelytics=http://127.0.0.1:8765"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the bundled simulator on a free loopback port and use it",
    )
    parser.add_argument(
        "--real",
        metavar="NAME",
        help="--demo with a real, public match replayed ball by ball or event by event "
        "(docs/simulator.md, 'Real matches'): ",  # + the names, when shown (_HelpFormatter)
    )


def _add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """How to connect: --insecure, frame bound, polling, the remembered session."""
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="allow a clear-text ws:// or http:// URL to a non-loopback host",
    )
    parser.add_argument(
        "--max-frame-bytes",
        type=int,
        metavar="N",
        help="largest stream frame accepted; a bigger one drops the connection, which is "
        f"reopened (default: {DEFAULT_MAX_FRAME_BYTES}; config: max_frame_bytes)",
    )
    parser.add_argument(
        "--poll",
        action="store_true",
        help="follow Sportrix matches by polling its REST live endpoint instead of the stream "
        "(score, clock and phase only; a key the stream refuses is polled by itself)",
    )
    parser.add_argument(
        "--poll-interval",
        type=float,
        metavar="SECONDS",
        help="how often to poll (default: 5, at least 2; config: poll_interval)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start without the remembered session (matches, order, focus, follows) "
        "and leave it as it is",
    )


def _add_logging_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="log at debug level")
    parser.add_argument(
        "--log-file",
        type=Path,
        metavar="PATH",
        help=f"where to log (default: {default_log_path()})",
    )


def _add_looks_arguments(parser: argparse.ArgumentParser) -> None:
    """The "looks" group: theme, palette, ASCII, density."""
    looks = parser.add_argument_group("looks")
    looks.add_argument(
        "--theme",
        metavar="NAME",
        help="a Textual theme: textual-dark, textual-light, nord, solarized-light, ... "
        "(config: theme; the command palette, ctrl+p, switches while running)",
    )
    looks.add_argument(
        "--palette",
        choices=PALETTES,
        help="home and away colours: colour-blind (default: safe for every colour vision) "
        "or classic (blue against red)",
    )
    looks.add_argument(
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ASCII in place of emoji, arrows and box drawing; on by itself where the "
        "terminal cannot draw them (TERM=linux, a non-UTF-8 locale); --no-ascii overrides",
    )
    looks.add_argument(
        "--density",
        choices=DENSITIES,
        help="full panels, compact (5 rows) or ticker (one line a match); default: the last "
        "one chosen with z, else by terminal size (config: density)",
    )
    looks.add_argument(
        "--inline",
        action="store_true",
        help="the ticker under your shell prompt, one line a match; left in the scrollback "
        "on exit (a terminal only, not on Windows)",
    )


def fail(message: str) -> int:
    print(f"sportrix-tui: error: {message}", file=sys.stderr)
    return exits.USAGE


def parse_urls(values: Sequence[str]) -> tuple[str | None, dict[str, str]]:
    """`--url URL` (the --provider's; the last one given) and `--url NAME=URL` by name."""
    bare: str | None = None
    urls: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if sep and "://" not in name:
            if name not in SPECS:
                known = ", ".join(PROVIDERS)
                raise SettingsError(f"--url {name}=...: unknown provider {name!r} (known: {known})")
            urls[name] = rest
        else:
            bare = value
    return bare, urls


def main(argv: Sequence[str] | None = None) -> int:
    """The app's command line. `sportrix-tui` starts at `scoreboard.launch.main`,
    which pauses the cyclic collector for the start, this module's imports included."""
    return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["serve"]:  # the app in a browser: scoreboard/serve.py
        from scoreboard.serve import main as serve_main

        return serve_main(argv[1:], app_parser=build_parser)
    args = build_parser().parse_args(argv)
    problem = _check_matches(args)
    if problem is not None:
        return fail(problem)
    try:
        settings = _settings_of(args)
        runner = scripts.runner(args)  # --once / --watch instead of the app
        if runner is not None and (settings.record is not None or settings.replay is not None):
            raise SettingsError("--once and --watch read the live feed: not with --record/--replay")
        if args.inline and runner is not None:
            raise SettingsError("--inline runs the ticker: not with --once or --watch")
    except SettingsError as exc:
        return fail(str(exc))
    secrets = [p.api_key for p in settings.providers.values() if p.api_key]
    settings = _start_logging(settings, secrets)
    try:
        options = cli_time.app_options(settings, secrets) if runner is None else {}
    except SettingsError as exc:
        return fail(str(exc))
    if args.inline:
        from scoreboard.ui.grid.inline import why_not_inline

        why = why_not_inline(sys.stdin, sys.stdout)
        if why is not None:
            return fail(why)
        settings, options["inline"] = replace(settings, density="ticker"), True
    logged = _logged(settings)
    try:
        if runner is not None:
            return run_demo(settings, runner, real=args.real) if settings.demo else runner(settings)
        if settings.demo:
            return run_demo(settings, real=args.real, **options)
        return run(settings, **options)
    except Exception as exc:  # outside the app (the demo simulator, building the app)
        log.critical("crashed before or after the app ran", exc_info=exc)
        return crashed(settings, exc, logged=logged)


def _check_matches(args: argparse.Namespace) -> str | None:
    """Fill --match from --real; the usage error for a bad one, or None."""
    if args.real is not None:
        try:
            args.match = args.match or [str(_real_id(args.real))]
        except KeyError:
            return f"--real {args.real!r}: no such real match here ({_real_names()})"
    for text in args.match:
        try:
            parse_match_text(text, args.provider)
        except ValueError as exc:
            return f"bad --match {text!r}: {exc}"
    return None


def _settings_of(args: argparse.Namespace) -> Settings:
    """The settings the flags, the config file and the environment give (SettingsError if not)."""
    url, urls = parse_urls(args.url)
    settings = load_settings(
        provider=args.provider,
        url=url,
        urls=urls,
        matches=tuple(args.match),
        demo=args.demo or args.real is not None,
        insecure=args.insecure,
        debug=args.debug,
        log_path=args.log_file,
        max_frame_bytes=args.max_frame_bytes,
        flags={
            "theme": args.theme,
            "palette": args.palette,
            "ascii": args.ascii,
            "density": args.density,
            **cli_time.time_flags(args),
        },
        poll=args.poll,
        poll_interval=args.poll_interval,
        fresh=args.fresh,
    )
    return cli_time.settings_from(settings, args)


def _start_logging(settings: Settings, secrets: list[str]) -> Settings:
    """Install logging; if the log file cannot be written, the settings carry a warning."""
    try:
        install_logging(settings.log_path, debug=settings.debug, secrets=secrets)
    except OSError as exc:
        # Logging is a help, never a reason not to start: say so once, here and in the app.
        warning = f"cannot write the log file {settings.log_path} ({exc.strerror or exc}); no log"
        print(f"sportrix-tui: warning: {warning}", file=sys.stderr)
        settings = replace(settings, warnings=(*settings.warnings, warning))
    return settings


def run(settings: Settings, **options: object) -> int:
    """Run the app; the exit status says how it ended (`scoreboard/exits.py`)."""
    from scoreboard.ui.app import make_app
    from scoreboard.ui.signals import exit_on_signals

    inline = bool(options.pop("inline", False))
    app = make_app(settings, **options)
    # What lives by the end of the start is frozen out of the collector's
    # full passes (`collector_paused`): a full pass over it all held the loop
    # ~30-150 ms. Frozen here instead when the collector was not paused.
    if gc.isenabled():
        gc.freeze()
    with exit_on_signals(app) as caught:
        app.run(inline=inline, inline_no_clear=inline)
    if caught.status is not None:
        return caught.status
    if app.crash is not None or app.return_code not in (None, exits.OK):
        return crashed(settings, app.crash, logged=_logged(settings))
    if not app.key_refused:
        return exits.OK
    # No key at all is a setup error: nothing was sent to be refused.
    keyed = settings.provider_settings(settings.provider).api_key
    return exits.KEY_REFUSED if keyed else exits.NO_KEY


def _logged(settings: Settings) -> bool:
    return not any(w.startswith("cannot write the log file") for w in settings.warnings)


def crashed(settings: Settings, exc: BaseException | None, *, logged: bool) -> int:
    """Say in one line that the app crashed and where the traceback is."""
    what = f" ({type(exc).__name__})" if exc is not None else ""
    where = (
        f"the traceback is in {settings.log_path}"
        if logged
        else "no log file could be written (try --log-file PATH)"
    )
    print(f"sportrix-tui: crashed{what}; {where}", file=sys.stderr)
    return exits.CRASH


def run_demo(
    settings: Settings,
    runner: Callable[[Settings], int] | None = None,
    /,
    *,
    real: str | None = None,
    **options: object,
) -> int:
    """Run the app (or `runner`) against the bundled simulator, started in this process;
    `real`: the simulator serves that real match too (from its start)."""
    from scoreboard.sim.runner import SimulatorThread

    served = [real] if real is not None else []
    with SimulatorThread(seed=settings.demo_seed, speed=settings.demo_speed, real=served) as sim:
        origin = sim.url.rsplit("/v1/", 1)[0].replace("ws://", "http://")
        for name, spec in SPECS.items():
            settings = settings.with_provider(
                replace(
                    settings.provider_settings(name),  # keeps --poll and its interval
                    url=spec.demo_url(origin),
                    api_key=spec.demo_key,
                    key_source="the built-in demo key",
                    rest_url=None,
                )
            )
        if not settings.matches:
            settings = _with_matches(settings, SPECS[settings.provider].demo_matches)
        return runner(settings) if runner is not None else run(settings, **options)


def _real_names() -> str:
    from scoreboard.sim.real import names

    return ", ".join(names()) or "none here"


def _real_id(name: str) -> int:
    """The catalog id of real match `name` (KeyError if its data is not here)."""
    from scoreboard.sim.real import names, spec

    if name not in names():
        raise KeyError(name)
    return spec(name).match_id


def _with_matches(settings: Settings, matches: tuple[str, ...]) -> Settings:
    return replace(settings, matches=matches)


if __name__ == "__main__":
    raise SystemExit(main())
