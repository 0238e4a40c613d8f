"""`sportrix-sim`: run the bundled Sportrix server on a loopback port."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Sequence

from scoreboard.sim.keys import ApiKey, KeysFileError, demo_keys_help, load_keys
from scoreboard.sim.runner import build_server
from scoreboard.sim.scorelytics.catalog import BASKETBALL_LIVE, FOOTBALL_LIVE
from scoreboard.sim.scorelytics.keys import DEMO_KEY as SCORELYTICS_KEY
from scoreboard.sim.server import SportrixServer

EXIT_USAGE = 2


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {text}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {text}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {text}")
    return value


def _real_names() -> str:
    from scoreboard.sim.real import names

    return ", ".join(names()) or "none"


def _real_options(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[list[str], dict[str, int | str]]:
    """`--real` names (with 'all' expanded) and `--real-start` positions, checked."""
    from scoreboard.sim.real import names

    here = names()
    chosen = here if "all" in args.real else list(dict.fromkeys(args.real))
    for name in chosen:
        if name not in here:
            parser.error(f"--real {name}: no such real match here ({', '.join(here) or 'none'})")
    starts: dict[str, int | str] = {}
    for text in args.real_start:
        name, sep, at = text.partition("=")
        if not sep or name not in chosen:
            parser.error(f"--real-start {text}: want NAME=CLOCK for a match given to --real")
        starts[name] = int(at) if at.isdigit() else at
    return chosen, starts


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sportrix-sim",
        description=(
            "Simulated Sportrix and Scorelytics servers, on one port.\n"
            "  Sportrix:    the stream at ws://HOST:PORT/v1/stream, the REST catalog at\n"
            "               http://HOST:PORT/v1/matches (soccer and cricket)\n"
            "  Scorelytics: REST at http://HOST:PORT/v1/{football,basketball}/matches and\n"
            "               a socket per match at ws://HOST:PORT/v1/ws/match/{id}; its live\n"
            f"               demo matches are {FOOTBALL_LIVE} (football) and "
            f"{BASKETBALL_LIVE} (basketball)"
        ),
        epilog=(
            "demo API keys (replaced by --keys FILE):\n"
            f"{demo_keys_help()}\n"
            f"  {SCORELYTICS_KEY:<17} Scorelytics: every match (its own keys; --keys leaves "
            "them)\n\n"
            "examples:\n"
            "  sportrix-sim --port 0 --seed 7\n"
            "  curl -H 'X-API-Key: sk_demo' http://127.0.0.1:8765/v1/matches?status=live\n"
            f"  curl -H 'X-API-Key: {SCORELYTICS_KEY}' "
            "http://127.0.0.1:8765/v1/football/matches\n"
            "  SPORTRIX_API_KEY=sk_demo SCORELYTICS_KEY=sk_live_demo sportrix-tui \\\n"
            "    --url sportrix=ws://127.0.0.1:8765/v1/stream "
            "--url scorelytics=http://127.0.0.1:8765 \\\n"
            f"    --match 41282 --match scorelytics:{FOOTBALL_LIVE}\n"
            "  sportrix-sim --flood-matches 200 --flood-rate 5000\n"
            "  sportrix-sim --real ipl-2019-final --real-start ipl-2019-final=2:18.1 --speed 10"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # The order of these calls is the order of `--help`.
    _add_serving_arguments(parser)
    _add_real_arguments(parser)
    _add_flood_arguments(parser)
    return parser


def _add_serving_arguments(parser: argparse.ArgumentParser) -> None:
    """Where and how the servers run: address, port, seed, speed, keys."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument(
        "--port", type=_non_negative_int, default=8765, help="port (8765; 0 picks a free one)"
    )
    parser.add_argument("--seed", type=int, default=0, help="catalog seed (0)")
    parser.add_argument(
        "--speed",
        type=_non_negative_float,
        default=1.0,
        help="simulated time per real second (1; 0 freezes every match)",
    )
    parser.add_argument(
        "--keys", metavar="FILE", help="TOML file of API keys; replaces the demo keys"
    )


def _add_real_arguments(parser: argparse.ArgumentParser) -> None:
    """The "real matches" group: replayed public match data."""
    real = parser.add_argument_group(
        "real matches (docs/simulator.md: cricsheet and StatsBomb open data, ids from 700001)"
    )
    real.add_argument(
        "--real",
        metavar="NAME",
        action="append",
        default=[],
        help=f"also serve this real match from its start ('all': every one; here: {_real_names()})",
    )
    real.add_argument(
        "--real-start",
        metavar="NAME=CLOCK",
        action="append",
        default=[],
        help="start NAME at a frame: its clock label (cricket '2:18.1', soccer '2H 88:00') "
        "or its index",
    )
    real.add_argument(
        "--real-gap",
        type=_non_negative_float,
        metavar="MS",
        help="milliseconds between a real match's frames instead of the match's own spacing "
        "(20-50: bursts)",
    )
    real.add_argument(
        "--real-burst",
        type=_positive_int,
        default=1,
        metavar="N",
        help="release N frames at a time, back to back on the socket (1)",
    )


def _add_flood_arguments(parser: argparse.ArgumentParser) -> None:
    """The "flood mode" group: synthetic matches for the benchmark."""
    flood = parser.add_argument_group("flood mode (benchmark)")
    flood.add_argument(
        "--flood-matches",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="add N synthetic live soccer matches, ids from 900001",
    )
    flood.add_argument(
        "--flood-rate",
        type=_non_negative_float,
        default=0.0,
        metavar="R",
        help="their states change R times per second in total; frames carry 'sent_at'",
    )
    flood.add_argument(
        "--flood-events",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="give each flood match a timeline of N events (heavy frames; 0: none)",
    )
    flood.add_argument(
        "--flood-stats",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="give each flood match N stats, one of them changing every frame (0: three)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.flood_rate > 0 and args.flood_matches == 0:
        parser.error("--flood-rate needs --flood-matches N")
    if (args.flood_events or args.flood_stats) and args.flood_matches == 0:
        parser.error("--flood-events and --flood-stats need --flood-matches N")
    real, real_start = _real_options(parser, args)
    if (args.real_start or args.real_gap is not None) and not real:
        parser.error("--real-start and --real-gap need --real NAME")
    keys = None
    if args.keys is not None:
        try:
            keys = load_keys(args.keys)
        except KeysFileError as exc:
            print(f"sportrix-sim: bad keys file: {exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return asyncio.run(_serve(args, keys, real, real_start))
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        return 0


async def _serve(
    args: argparse.Namespace,
    keys: dict[str, ApiKey] | None,
    real: list[str],
    real_start: dict[str, int | str],
) -> int:
    try:
        server = _build(args, keys, real, real_start)
    except ValueError as exc:  # a --real-start that names no frame
        print(f"sportrix-sim: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        await server.start()
    except OSError as exc:
        reason = exc.strerror or exc
        print(f"sportrix-sim: cannot listen on {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"listening on {server.url}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
    return 0


def _build(
    args: argparse.Namespace,
    keys: dict[str, ApiKey] | None,
    real: list[str],
    real_start: dict[str, int | str],
) -> SportrixServer:
    return build_server(
        seed=args.seed,
        speed=args.speed,
        host=args.host,
        port=args.port,
        keys=keys,
        flood_matches=args.flood_matches,
        flood_rate=args.flood_rate,
        flood_events=args.flood_events,
        flood_stats=args.flood_stats,
        stamp=args.flood_matches > 0,
        real=real,
        real_start=real_start,
        real_gap=None if args.real_gap is None else args.real_gap / 1000,
        real_burst=args.real_burst,
    )
