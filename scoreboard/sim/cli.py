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
            "  sportrix-sim --flood-matches 200 --flood-rate 5000"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.flood_rate > 0 and args.flood_matches == 0:
        parser.error("--flood-rate needs --flood-matches N")
    if (args.flood_events or args.flood_stats) and args.flood_matches == 0:
        parser.error("--flood-events and --flood-stats need --flood-matches N")
    keys = None
    if args.keys is not None:
        try:
            keys = load_keys(args.keys)
        except KeysFileError as exc:
            print(f"sportrix-sim: bad keys file: {exc}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return asyncio.run(_serve(args, keys))
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        return 0


async def _serve(args: argparse.Namespace, keys: dict[str, ApiKey] | None) -> int:
    server = build_server(
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
    )
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
