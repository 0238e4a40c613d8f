"""The providers this app knows: one `ProviderSpec` each, and the only place that names them.

A new provider is one folder under `providers/` and one entry in `SPECS`.
Factories import their provider lazily, so start-up loads only what is used.
"""

from __future__ import annotations

from scoreboard.core import ids
from scoreboard.core.models import MatchId
from scoreboard.providers.base import (
    Provider,
    ProviderOptions,
    ProviderSettings,
    ProviderSpec,
    ReplayDecoder,
)
from scoreboard.providers.scorelytics.ids import parse_scorelytics_id
from scoreboard.providers.sportrix.ids import parse_sportrix_id


def _sportrix(settings: ProviderSettings, options: ProviderOptions) -> Provider:
    from scoreboard.providers.sportrix.provider import SportrixProvider
    from scoreboard.providers.sportrix.stream import StreamOptions

    return SportrixProvider(
        settings,
        StreamOptions(
            max_frame_bytes=options.max_frame_bytes, tap=options.tap, tap_run=options.tap_run
        ),
    )


def _scorelytics(settings: ProviderSettings, options: ProviderOptions) -> Provider:
    from scoreboard.providers.scorelytics.provider import ScorelyticsProvider
    from scoreboard.providers.scorelytics.socket import ScorelyticsOptions

    return ScorelyticsProvider(settings, ScorelyticsOptions(tap=options.tap))


def _sportrix_replay() -> ReplayDecoder:
    from scoreboard.providers.sportrix.replay import SportrixReplay

    return SportrixReplay()


def _scorelytics_replay() -> ReplayDecoder:
    from scoreboard.providers.scorelytics.replay import ScorelyticsReplay

    return ScorelyticsReplay()


SPECS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec(
            name="sportrix",
            title="Sportrix",
            default_url="wss://scores.sportrixdata.com/v1/stream",
            key_env="SPORTRIX_API_KEY",
            demo_key="sk_demo",
            demo_matches=("41282", "41300"),
            example_id="41282",
            parse_id=parse_sportrix_id,
            demo_url=lambda origin: origin.replace("http://", "ws://", 1) + "/v1/stream",
            factory=_sportrix,
            replay=_sportrix_replay,
            url_schemes=("ws", "wss"),
            can_poll=True,
        ),
        ProviderSpec(
            name="scorelytics",
            title="Scorelytics",
            default_url="https://api.scorelytics.pro",
            key_env="SCORELYTICS_KEY",
            demo_key="sk_live_demo",
            demo_matches=("abc123", "xyz789"),
            example_id="abc123",
            parse_id=parse_scorelytics_id,
            demo_url=lambda origin: origin,
            factory=_scorelytics,
            replay=_scorelytics_replay,
        ),
    )
}
#: Provider names, default first.
PROVIDERS: tuple[str, ...] = tuple(SPECS)
DEFAULT_PROVIDER = PROVIDERS[0]
#: Each provider's key variable, for the log's redaction and for messages.
KEY_ENV = {name: spec.key_env for name, spec in SPECS.items()}


def spec(name: str) -> ProviderSpec:
    """The spec of provider `name`; `ValueError` for an unknown one."""
    try:
        return SPECS[name]
    except KeyError:
        known = ", ".join(SPECS)
        raise ValueError(f"unknown provider {ids.shown(name)} (known: {known})") from None


def parse_match_text(text: str, default_provider: str) -> tuple[str, MatchId]:
    """(provider, id) from what the user typed; `ValueError` says what is wrong."""
    return ids.parse_match_text(
        text, default_provider, {name: s.parse_id for name, s in SPECS.items()}
    )


def make_provider(settings: ProviderSettings, options: ProviderOptions | None = None) -> Provider:
    return spec(settings.name).factory(settings, options or ProviderOptions())
