"""What every provider gives the UI: a stream of events and a catalog.

A provider turns one data source (Sportrix's multiplexed stream, Scorelytics'
per-match sockets) into one async stream of `ProviderEvent`s carrying the
normalised models of `scoreboard.core`. The UI knows only this interface,
`ProviderSpec` and `scoreboard.core.events`, so a new provider touches no
widget: it is one folder under `providers/` and one entry in `registry.py`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from scoreboard.core.events import MatchSummary, ProviderEvent, ProviderStats
from scoreboard.core.models import MatchId


class Provider(Protocol):
    """A source of live matches."""

    name: str

    @property
    def stats(self) -> ProviderStats:
        """Counters the diagnostics screen shows (read-only to the UI)."""
        ...

    def watch(self, match_id: MatchId) -> None:
        """Start following a match (subscribe now, or as soon as connected)."""
        ...

    def unwatch(self, match_id: MatchId) -> None:
        """Stop following a match; no `MatchUpdated` for it is yielded afterwards."""
        ...

    def events(self) -> AsyncIterator[ProviderEvent]:
        """Run the provider: connect, reconnect, and yield events until `close()`."""
        ...

    async def catalog(self) -> list[MatchSummary]:
        """Live matches from the provider's REST catalog (may raise `OSError`)."""
        ...

    async def listing(self) -> list[MatchSummary]:
        """Every match of the REST catalog, any status, with the score where it says
        (Live now, following); may raise `OSError` (`RestStatusError` for 429)."""
        ...

    async def lookup(self, match_id: MatchId) -> MatchSummary | None:
        """One match's catalog entry, whatever its status; None if the catalog has no
        such match (may raise `OSError` when it cannot tell). The app asks it when the
        feed refused a match, to show a finished one's result or a scheduled one's
        kick-off instead of the refusal."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class ProviderSettings:
    """Where and how to reach one provider."""

    name: str
    url: str
    api_key: str | None = field(default=None, repr=False)
    key_source: str = "no key configured"
    #: The REST base when it is not derived from `url` (each provider says how).
    rest_url: str | None = None
    #: Follow matches by polling a REST endpoint instead of the stream (`--poll`),
    #: for providers that can (`ProviderSpec.can_poll`); and how often, in seconds.
    poll: bool = False
    poll_interval: float = 5.0


class ReplayDecoder(Protocol):
    """Turns a provider's recorded frames back into events, with its real decoder."""

    def decode(
        self, kind: str, raw: str | bytes, match: str | None, sport: str | None, t: float
    ) -> list[ProviderEvent]:
        """The events one recorded frame gives (`t`: when it was received)."""
        ...

    def reset(self) -> None:
        """Forget every state carried between frames (a replay seeks back)."""
        ...


#: A provider's tap: called with (kind, raw text, match id, sport, parsed) for every
#: frame received, as it was received; `parsed`: the decoder read it as JSON
#: (`--record`; see `scoreboard.recording.format`). The raw text is a `str`, or for
#: a parsed text frame its UTF-8 as plain `bytes` (as the stream received it: no
#: decode and encode again); any other `bytes` (a subclass, or not parsed) is a
#: binary frame.
Tap = Callable[[str, "str | bytes", "str | None", "str | None", bool], None]
#: A stream that takes many text frames a read (Sportrix) hands the tap's run hook
#: (kind, the read's text frames as UTF-8) every read before decoding them, then
#: the tap each frame the decoder refused (`parsed=False`).
RunTap = Callable[[str, Sequence[bytes]], None]


@dataclass(frozen=True)
class ProviderOptions:
    """App-wide options a provider may honour."""

    max_frame_bytes: int = 1 << 20
    #: Called with every frame as received (`--record`), if set.
    tap: Tap | None = None
    tap_run: RunTap | None = None


@dataclass(frozen=True)
class ProviderSpec:
    """What a provider *is*: everything the CLI, settings and UI need to know of it."""

    name: str
    #: Shown to people: "Sportrix", "Scorelytics".
    title: str
    default_url: str
    #: The environment variable holding its key.
    key_env: str
    #: The bundled simulator's key for `--demo`.
    demo_key: str
    #: Matches `--demo` shows when none are given.
    demo_matches: tuple[str, ...]
    #: What the add dialog suggests typing.
    example_id: str
    #: A user-typed id as this provider's id; `ValueError` with a clear message if not.
    parse_id: Callable[[str], MatchId]
    #: The provider's URL on the bundled simulator, from the simulator's HTTP origin.
    demo_url: Callable[[str], str]
    #: Builds the provider; imported lazily so start-up loads only what is used.
    factory: Callable[[ProviderSettings, ProviderOptions], Provider]
    #: Builds the decoder `--replay` feeds this provider's recorded frames to.
    replay: Callable[[], ReplayDecoder]
    #: The URL schemes its `url` may have (Sportrix's is a stream: ws or wss only).
    url_schemes: tuple[str, ...] = ("ws", "wss", "http", "https")
    #: It can follow matches by polling REST (`ProviderSettings.poll`, `--poll`).
    can_poll: bool = False
