"""The command line of time on the fan's side: --record, --replay, --speed, --delay, --spoilers.

`add_arguments` adds the flags to the main parser; `settings_from` puts them
into `Settings` (delay and spoilers through the config schema, so the file's
`delay = 45` / `spoilers = "hide"` obey the same rules); `load_replay` reads
the recording before the app starts, so a file that cannot be replayed is a
one-line error with status 2 (`exits.USAGE`) and no screen at all.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from scoreboard.config import SettingsError
from scoreboard.providers.registry import PROVIDERS
from scoreboard.recording.reader import Recording, RecordingError, read_recording, shown_path
from scoreboard.settings import Settings

#: Fastest replay: a 90-minute match in under two seconds.
MAX_SPEED = 4096.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="append every frame received to FILE (JSON Lines; gzip if it ends in .gz)",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        metavar="FILE",
        help="play a recording made with --record, with no network (space pauses)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        metavar="N",
        help="replay N times as fast as it was recorded (default: 1)",
    )
    parser.add_argument(
        "--delay",
        type=float,
        metavar="SECONDS",
        help="show every match SECONDS behind the live feed, to match a TV stream "
        "(config: delay; +/- change it per panel)",
    )
    parser.add_argument(
        "--spoilers",
        choices=("show", "hide"),
        help="hide: start with every score hidden (config: spoilers; h, H reveal)",
    )


def time_flags(args: argparse.Namespace) -> dict[str, object]:
    """The flags that go through the config schema, by their config key."""
    return {"delay": args.delay, "spoilers": args.spoilers}


def settings_from(settings: Settings, args: argparse.Namespace) -> Settings:
    """`settings` with --record, --replay and --speed; `SettingsError` for a bad mix."""
    if args.speed is not None and args.replay is None:
        raise SettingsError("--speed is for --replay")
    if args.replay is not None and args.record is not None:
        raise SettingsError("--record and --replay do not go together: a replay receives nothing")
    if args.replay is not None and args.demo:
        raise SettingsError("--replay plays a recording with no network: drop --demo")
    speed = 1.0 if args.speed is None else args.speed
    if not 0 < speed <= MAX_SPEED:
        raise SettingsError(f"--speed must be more than 0 and at most {MAX_SPEED:g}, got {speed:g}")
    return replace(
        settings,
        record=args.record.expanduser() if args.record else None,
        replay=args.replay.expanduser() if args.replay else None,
        replay_speed=speed,
    )


def load_replay(settings: Settings) -> Recording:
    """The recording `--replay` names; `RecordingError` says why it cannot be played.

    A big file says how far the read has got on stderr (a terminal), as it goes.
    """
    assert settings.replay is not None
    path = settings.replay
    said = False

    def progress(done: int, size: int) -> None:
        nonlocal said
        if sys.stderr.isatty():
            name = shown_path(path.name)
            print(f"\rsportrix-tui: reading {name}: {done >> 20} MiB…", end="", file=sys.stderr)
            said = True

    try:
        return read_recording(path, PROVIDERS, progress)
    finally:
        if said:
            print(file=sys.stderr)


__all__ = ["RecordingError", "add_arguments", "load_replay", "settings_from", "time_flags"]


def app_options(settings: Settings, secrets: list[str]) -> dict[str, object]:
    """The app's `replay=` (the recording read) or `recorder=` (the file opened for
    appending); `SettingsError` with a one-line message if either cannot be."""
    if settings.replay is not None:
        try:
            return {"replay": load_replay(settings)}
        except RecordingError as exc:
            raise SettingsError(str(exc)) from None
    if settings.record is not None:
        from scoreboard.recording.writer import NotARecording, Recorder

        try:
            recorder = Recorder(settings.record, secrets=secrets, matches=settings.matches)
        except NotARecording as exc:
            raise SettingsError(str(exc)) from None
        except OSError as exc:
            raise SettingsError(
                f"cannot write the recording {shown_path(settings.record)}: {exc.strerror or exc}"
            ) from None
        if recorder.tightened:
            shown = shown_path(settings.record)
            print(
                f"sportrix-tui: {shown} could be read by others: made owner-only", file=sys.stderr
            )
        return {"recorder": recorder}
    return {}
