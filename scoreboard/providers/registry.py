"""Which class serves which provider name. The app only calls `make_provider`."""

from __future__ import annotations

from scoreboard.providers.base import Provider
from scoreboard.settings import ProviderSettings


def make_provider(settings: ProviderSettings, *, max_frame_bytes: int = 1 << 20) -> Provider:
    if settings.name == "sportrix":
        from scoreboard.providers.sportrix import SportrixProvider
        from scoreboard.stream import StreamOptions

        return SportrixProvider(settings, StreamOptions(max_frame_bytes=max_frame_bytes))
    if settings.name == "scorelytics":
        from scoreboard.providers.scorelytics import ScorelyticsProvider

        return ScorelyticsProvider(settings)
    raise ValueError(f"unknown provider {settings.name!r}")
