"""One settings object for the whole app: CLI flags over environment over config file.

The API key never comes from a flag (`ps` would show it): it comes from the
provider's environment variable or from the config file, and `key_source`
says which, so error messages can name it without ever showing the key.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from platformdirs import user_config_path, user_log_path

from scoreboard.net.urls import is_loopback
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.registry import DEFAULT_PROVIDER, KEY_ENV, PROVIDERS, SPECS

APP_NAME = "sportrix-tui"
DEFAULT_MAX_FRAME_BYTES = 1 << 20
#: Bounds for `max_frame_bytes`: a real snapshot is a few KiB; 64 MiB is plenty.
MIN_FRAME_BYTES = 1 << 10
MAX_FRAME_BYTES = 1 << 26


class SettingsError(ValueError):
    """Configuration the app cannot start with; the message is shown as is."""


def config_path() -> Path:
    env = os.environ.get("SPORTRIX_TUI_CONFIG")
    return Path(env) if env else user_config_path(APP_NAME) / "config.toml"


def default_log_path() -> Path:
    return user_log_path(APP_NAME) / "sportrix-tui.log"


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to start."""

    provider: str = DEFAULT_PROVIDER
    providers: dict[str, ProviderSettings] = field(default_factory=dict)
    #: Matches to show at start, as typed (`41282`, `scorelytics:abc123`).
    matches: tuple[str, ...] = ()
    demo: bool = False
    insecure: bool = False
    debug: bool = False
    log_path: Path = field(default_factory=default_log_path)
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES
    #: Simulator options for `--demo` (seed, speed); tests freeze the clock with speed 0.
    demo_seed: int = 0
    demo_speed: float = 1.0

    def provider_settings(self, name: str | None = None) -> ProviderSettings:
        name = name or self.provider
        return self.providers.get(name) or ProviderSettings(name, SPECS[name].default_url)

    def with_provider(self, settings: ProviderSettings) -> Settings:
        return replace(self, providers={**self.providers, settings.name: settings})


def read_config(path: Path) -> dict[str, Any]:
    """The TOML config, or {} if there is none. Refuses a key file others can read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SettingsError(f"cannot read config file {path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None
    if _has_key(data) and os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SettingsError(
            f"config file {path} holds an API key but others can read it "
            f"(mode {stat.filemode(info.st_mode)}); run: chmod 600 {path}"
        )
    return data


def _has_key(data: dict[str, Any]) -> bool:
    return any(
        isinstance(section, dict) and "api_key" in section
        for section in (data, *(data.get(name, {}) for name in PROVIDERS))
    )


def load_settings(
    *,
    provider: str = DEFAULT_PROVIDER,
    url: str | None = None,
    matches: tuple[str, ...] = (),
    demo: bool = False,
    insecure: bool = False,
    debug: bool = False,
    log_path: Path | None = None,
    max_frame_bytes: int | None = None,
    environ: dict[str, str] | None = None,
    config: Path | None = None,
) -> Settings:
    """Merge flags (arguments) over environment over the config file."""
    env = os.environ if environ is None else environ
    path = config or config_path()
    data = read_config(path)
    providers: dict[str, ProviderSettings] = {}
    for name in PROVIDERS:
        section = data.get(name, {}) if isinstance(data.get(name), dict) else {}
        if name == DEFAULT_PROVIDER:  # top-level keys are the default provider's
            section = {**{k: v for k, v in data.items() if not isinstance(v, dict)}, **section}
        key, source = None, "no key configured"
        if env.get(KEY_ENV[name]):
            key, source = env[KEY_ENV[name]], f"the {KEY_ENV[name]} environment variable"
        elif isinstance(section.get("api_key"), str) and section["api_key"]:
            key, source = section["api_key"], f"the config file {path}"
        provider_url = (url if name == provider else None) or section.get("url")
        providers[name] = ProviderSettings(
            name=name,
            url=str(provider_url or SPECS[name].default_url),
            api_key=key,
            key_source=source,
            rest_url=section.get("rest_url"),
        )
    if not matches:
        configured = data.get("matches") or providers_section(data, provider).get("matches") or ()
        matches = tuple(str(m) for m in configured)
    settings = Settings(
        provider=provider,
        providers=providers,
        matches=matches,
        demo=demo,
        insecure=insecure,
        debug=debug,
        log_path=log_path or default_log_path(),
        max_frame_bytes=check_frame_limit(
            max_frame_bytes if max_frame_bytes is not None else data.get("max_frame_bytes")
        ),
    )
    if not demo:
        # Every provider, not just the default: `--match scorelytics:abc123`
        # reaches the other one's configured URL with its key.
        for name in PROVIDERS:
            check_transport(settings.provider_settings(name), insecure)
    return settings


def check_frame_limit(value: object) -> int:
    """`max_frame_bytes` from a flag or the config file (None: the default), validated."""
    if value is None:
        return DEFAULT_MAX_FRAME_BYTES
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError("max_frame_bytes must be a whole number of bytes")
    if not MIN_FRAME_BYTES <= value <= MAX_FRAME_BYTES:
        bounds = f"between {MIN_FRAME_BYTES} and {MAX_FRAME_BYTES}"
        raise SettingsError(f"max_frame_bytes must be {bounds}, got {value}")
    return value


def providers_section(data: dict[str, Any], provider: str) -> dict[str, Any]:
    section = data.get(provider)
    return section if isinstance(section, dict) else {}


def check_transport(provider: ProviderSettings, insecure: bool) -> None:
    """Refuse to send the key in clear text to another machine unless told to."""
    parts = urlsplit(provider.url)
    if parts.scheme not in {"ws", "wss", "http", "https"} or not parts.hostname:
        raise SettingsError("--url must be a ws://, wss://, http:// or https:// URL with a host")
    if parts.query or parts.username or parts.password:
        # Never echo it: a pasted URL may carry the key (`?key=...`).
        raise SettingsError(
            f"--url must not carry credentials or a query; the key is sent in a header "
            f"(set {KEY_ENV[provider.name]} or the config file)"
        )
    clear = parts.scheme in {"ws", "http"}
    if clear and not is_loopback(parts.hostname) and not insecure:
        raise SettingsError(
            f"refusing to send the API key in clear text to {parts.hostname}: "
            "use a wss:// (or https://) URL, or pass --insecure if you really mean it"
        )
