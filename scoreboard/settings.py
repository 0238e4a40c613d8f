"""One settings object for the whole app: CLI flags over environment over config file.

Every key the config file may hold is one line of `SCHEMA` (its type check,
the `Settings` field it fills, the flag that wins over it); `scoreboard.config`
checks the file against it, so a wrong type or an unknown key is a one-line
error naming the key (exit status 2). To add a setting: a field on `Settings`,
one line in `SCHEMA` with `field=` naming it, and (if it has a flag) the flag's
value passed to `load_settings(flags={"<key>": value})`; see docs/decisions.md.

The API key never comes from a flag (`ps` would show it), only from the environment
or the config file; `key_source` says which, so messages name it, never the key.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from platformdirs import user_config_path, user_log_path
from textual.theme import BUILTIN_THEMES

from scoreboard.config import (
    Invalid,
    Key,
    Schema,
    SettingsError,
    boolean,
    check_value,
    choice,
    keys,
    match_ids,
    number,
    path,
    read_config,
    text,
    validate,
    whole,
)
from scoreboard.core.alerting import (
    ALERT_KINDS,
    CHANNELS,
    DESKTOP_MODES,
    SCOPES,
    AlertRule,
    AlertSettings,
    check_names,
    parse_close_game,
    parse_quiet,
    parse_rules,
)
from scoreboard.core.follows import FollowRule, parse_follow
from scoreboard.net.urls import is_loopback
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.registry import (
    DEFAULT_PROVIDER,
    KEY_ENV,
    PROVIDERS,
    SPECS,
    parse_match_text,
)
from scoreboard.state import default_state_dir, session_path

__all__ = ["SCHEMA", "ProviderSettings", "Settings", "SettingsError", "load_settings"]

APP_NAME = "sportrix-tui"
CONFIG_ENV = "SPORTRIX_TUI_CONFIG"
DEFAULT_MAX_FRAME_BYTES = 1 << 20
#: Bounds for `max_frame_bytes`: a real snapshot is a few KiB; 64 MiB is plenty.
MIN_FRAME_BYTES = 1 << 10
MAX_FRAME_BYTES = 1 << 26
#: Home and away colours (ui/look/palette.py): safe for every colour vision, or blue against red.
PALETTES = ("colour-blind", "classic")
#: How much a panel shows (ui/grid/density.py); `auto` follows the terminal's size.
DENSITIES = ("auto", "full", "compact", "ticker")
#: Polling REST (`--poll`, or a key the stream refuses): never more often than every 2 s.
MIN_POLL_INTERVAL = 2.0
MAX_POLL_INTERVAL = 3600.0
#: The longest spoiler delay: an hour.
MAX_DELAY = 3600

#: A provider's own keys, at top level for the default provider or in its [table].
PROVIDER_KEYS: dict[str, Key] = {
    "api_key": Key(text, secret=True),
    "url": Key(text, flag="--url"),
    "rest_url": Key(text),
    "matches": Key(match_ids),
}
#: Keys of providers that can poll REST (`ProviderSpec.can_poll`).
POLL_KEYS: dict[str, Key] = {
    "poll": Key(boolean, flag="--poll"),
    "poll_interval": Key(
        number(MIN_POLL_INTERVAL, MAX_POLL_INTERVAL, "seconds"), flag="--poll-interval"
    ),
}


def _provider_keys(name: str) -> dict[str, Key]:
    return {**PROVIDER_KEYS, **(POLL_KEYS if SPECS[name].can_poll else {})}


def follow_entries(value: object) -> tuple[FollowRule, ...]:
    """`follow = ["Arsenal", "competition:IPL", "sportrix:41282"]`, each entry parsed."""
    if not isinstance(value, list):
        raise Invalid('must be a list such as ["Arsenal", "competition:IPL", "sportrix:41282"]')
    rules = []
    for item in value:
        try:
            rules.append(parse_follow(item, PROVIDERS, _match_text))
        except ValueError as exc:
            raise Invalid(f"has a bad entry: {exc}") from None
    return tuple(rules)


def _match_text(text: str) -> str:
    name, match_id = parse_match_text(text, DEFAULT_PROVIDER)
    return f"{name}:{match_id}"


def _names(known: tuple[str, ...], what: str) -> Callable[[object], tuple[str, ...]]:
    def check(value: object) -> tuple[str, ...]:
        try:
            return check_names(value, known, what)
        except ValueError as exc:
            raise Invalid(str(exc)) from None

    return check


def _core_check(parse: Callable[[object], object]) -> Callable[[object], object]:
    """A `core.alerting` parser as a config check (its ValueError said as `Invalid`)."""

    def check(value: object) -> object:
        try:
            return parse(value)
        except ValueError as exc:
            raise Invalid(str(exc)) from None

    return check


def alert_rules(value: object) -> tuple[AlertRule, ...]:
    """`[[alerts.rule]]` tables, each checked; a rule's `match` as `provider:id`."""
    if isinstance(value, list):  # `match = 41282` is an id, as in `follow`
        value = [
            {**t, "match": str(t["match"])}
            if isinstance(t, dict)
            and isinstance(t.get("match"), int)
            and not isinstance(t.get("match"), bool)
            else t
            for t in value
        ]
    rules = _core_check(parse_rules)(value)
    assert isinstance(rules, tuple)
    out = []
    for index, rule in enumerate(rules, 1):
        if rule.match is not None:
            try:
                rule = replace(rule, match=_match_text(rule.match))
            except ValueError as exc:
                raise Invalid(f"rule {index} (match {rule.match}): {exc}") from None
        out.append(rule)
    return tuple(out)


#: The `[alerts]` table (`core.alerting`); read into `Settings.alerts` by hand.
ALERT_KEYS: dict[str, Key] = {
    "scope": Key(choice(*SCOPES)),
    "channels": Key(_names(CHANNELS, "channel")),
    "events": Key(_names(ALERT_KINDS, "event")),
    "desktop": Key(choice(*DESKTOP_MODES)),
    # Never quoted back: a list of tables says nothing; the message names the bad rule.
    "rule": Key(alert_rules, secret=True),
    "quiet": Key(_core_check(parse_quiet)),
    "close_game": Key(_core_check(parse_close_game)),
}
#: Config keys of `[alerts]` whose `AlertSettings` field is named otherwise.
_ALERT_FIELDS = {"rule": "rules"}

#: Every key of the config file. Keys with `field=` land in `Settings` by themselves.
SCHEMA: Schema = {
    **PROVIDER_KEYS,
    "max_frame_bytes": Key(
        whole(MIN_FRAME_BYTES, MAX_FRAME_BYTES, "bytes"),
        field="max_frame_bytes",
        flag="--max-frame-bytes",
    ),
    "log_file": Key(path, field="log_path", flag="--log-file"),
    "debug": Key(boolean, field="debug", flag="--debug"),
    "theme": Key(choice(*BUILTIN_THEMES), field="theme", flag="--theme"),
    "palette": Key(choice(*PALETTES), field="palette", flag="--palette"),
    "ascii": Key(boolean, field="ascii", flag="--ascii"),
    "density": Key(choice(*DENSITIES), field="density", flag="--density"),
    **(POLL_KEYS if SPECS[DEFAULT_PROVIDER].can_poll else {}),
    "delay": Key(number(0, MAX_DELAY, "seconds"), field="delay", flag="--delay"),
    "spoilers": Key(choice("show", "hide"), field="spoilers", flag="--spoilers"),
    "follow": Key(follow_entries, field="follow"),
    "catalog_refresh": Key(number(10, 3600, "seconds"), field="catalog_refresh"),
    "sort": Key(choice("added", "recent", "pulse"), field="sort"),
    "alerts": ALERT_KEYS,
    **{name: _provider_keys(name) for name in PROVIDERS},
}


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    env = (os.environ if environ is None else environ).get(CONFIG_ENV)
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
    #: Spoiler delay of every panel at start, in seconds (`+`/`-` change it per panel).
    delay: float = 0.0
    #: "hide": every panel starts with its scores hidden (`h`, `H` reveal).
    spoilers: str = "show"
    #: `--record FILE`: append every received frame there.
    record: Path | None = None
    #: `--replay FILE`: play a recording instead of connecting; at `replay_speed`.
    replay: Path | None = None
    replay_speed: float = 1.0
    #: Problems that did not stop the start (an unwritable log): shown once as toasts.
    warnings: tuple[str, ...] = ()
    #: A Textual theme name (`textual-light`, `nord`, ...); None: Textual's default.
    theme: str | None = None
    #: Home and away colours: `colour-blind` (safe for every colour vision) or `classic`.
    palette: str = "colour-blind"
    #: ASCII in place of emoji, braille, arrows and box drawing; None: decide by the terminal.
    ascii: bool | None = None
    #: `full`, `compact`, `ticker` or `auto`; None: the remembered choice, else `auto`.
    density: str | None = None
    #: Where the app remembers things (the chosen density); None: remember nothing.
    state_dir: Path | None = None
    #: Teams, competitions and matches followed (`follow = [...]`).
    follow: tuple[FollowRule, ...] = ()
    alerts: AlertSettings = field(default_factory=AlertSettings)
    #: Seconds between two reads of a provider's catalog (Live now, following).
    catalog_refresh: float = 60.0
    #: Panel order: as added (and moved), or the most recently active first.
    sort: str = "added"
    #: The remembered session's file (None: nothing remembered, as in tests and `--fresh`).
    session_path: Path | None = None
    #: Whether this run's shown matches are remembered (not with `--match`).
    remember_shown: bool = True

    def provider_settings(self, name: str | None = None) -> ProviderSettings:
        name = name or self.provider
        return self.providers.get(name) or ProviderSettings(name, SPECS[name].default_url)

    def with_provider(self, settings: ProviderSettings) -> Settings:
        return replace(self, providers={**self.providers, settings.name: settings})


def load_settings(
    *,
    provider: str = DEFAULT_PROVIDER,
    url: str | None = None,
    urls: Mapping[str, str] | None = None,
    matches: tuple[str, ...] = (),
    demo: bool = False,
    insecure: bool = False,
    debug: bool = False,
    log_path: Path | None = None,
    max_frame_bytes: int | None = None,
    flags: Mapping[str, object] | None = None,
    poll: bool = False,
    poll_interval: float | None = None,
    environ: Mapping[str, str] | None = None,
    config: Path | None = None,
    fresh: bool = False,
) -> Settings:
    """Merge flags (arguments) over environment over the config file.

    `url` is the `--provider`'s URL, `urls` any provider's by name (`--url
    scorelytics=...`); `flags` other flags by config key (None: not given),
    checked by the file's rules; `poll`/`poll_interval` go to every provider
    that can poll."""
    env = os.environ if environ is None else environ
    path = config or config_path(env)
    where = f"config file {path}"
    data = read_config(path, required=config is None and bool(env.get(CONFIG_ENV)))
    values = validate(data, SCHEMA, where)
    given = {"max_frame_bytes": max_frame_bytes, "log_file": log_path, "debug": debug or None}
    fields = _fields(values, {**given, **(flags or {})})

    flag_urls = dict(urls or {})
    if url is not None:
        flag_urls[provider] = url
    bare_for = provider if url is not None else None
    providers, url_labels, rest_labels = _providers(
        values, env, path, flag_urls, bare_for, poll, poll_interval
    )
    remember_shown = not matches
    if not matches:
        matches = _configured_matches(values, provider, where)
    settings = Settings(
        provider=provider,
        providers=providers,
        matches=matches,
        demo=demo,
        insecure=insecure,
        state_dir=default_state_dir(),
        alerts=alert_settings(values),
        session_path=None if fresh else session_path(demo=demo),
        remember_shown=remember_shown,
        **fields,
    )
    if not demo:
        _check_transports(settings, insecure, url_labels, rest_labels)
    return settings


def _providers(
    values: Mapping[str, object],
    env: Mapping[str, str],
    path: Path,
    flag_urls: Mapping[str, str],
    bare_for: str | None,
    poll: bool,
    poll_interval: float | None,
) -> tuple[dict[str, ProviderSettings], dict[str, str], dict[str, str]]:
    """Every provider's settings, with how to name its URL and REST URL in an error."""
    where = f"config file {path}"
    providers: dict[str, ProviderSettings] = {}
    url_labels: dict[str, str] = {}
    rest_labels: dict[str, str] = {}
    for name in PROVIDERS:
        own = _provider_values(values, name)
        key, source = _api_key(name, own, env, path)
        provider_url, url_labels[name] = _provider_url(name, own, flag_urls, bare_for, where)
        rest = own.get("rest_url")
        if rest:
            rest_labels[name] = f"{where}: {rest[1]}"
        providers[name] = ProviderSettings(
            name=name,
            url=provider_url,
            api_key=key,
            key_source=source,
            rest_url=str(rest[0]) if rest else None,
            **_poll_fields(own, name, poll, poll_interval),
        )
    return providers, url_labels, rest_labels


def _api_key(
    name: str, own: Mapping[str, tuple[object, str]], env: Mapping[str, str], path: Path
) -> tuple[str | None, str]:
    """A provider's API key and where it came from: the environment over the config file."""
    if env.get(KEY_ENV[name]):
        return env[KEY_ENV[name]], f"the {KEY_ENV[name]} environment variable"
    if "api_key" in own:
        return str(own["api_key"][0]), f"the config file {path}"
    return None, "no key configured"


def _provider_url(
    name: str,
    own: Mapping[str, tuple[object, str]],
    flag_urls: Mapping[str, str],
    bare_for: str | None,
    where: str,
) -> tuple[str, str]:
    """A provider's URL and how to name it in an error: a flag over the config file over
    the default. `bare_for` is the provider a bare `--url` was given for (None: none)."""
    if name in flag_urls:
        return flag_urls[name], "--url" if name == bare_for else f"--url {name}=..."
    if "url" in own:
        configured, label = own["url"]
        return str(configured), f"{where}: {label}"
    return SPECS[name].default_url, "--url"


def _check_transports(
    settings: Settings,
    insecure: bool,
    url_labels: Mapping[str, str],
    rest_labels: Mapping[str, str],
) -> None:
    """Every provider, not just the default: `--match scorelytics:abc123` reaches the
    other one's configured URL with its key."""
    for name in PROVIDERS:
        ps = settings.provider_settings(name)
        check_transport(ps, insecure, url_labels[name])
        if ps.rest_url:
            rest_url = replace(ps, url=ps.rest_url)
            check_transport(rest_url, insecure, rest_labels[name], ("http", "https"))


def alert_settings(values: Mapping[str, object]) -> AlertSettings:
    """The `[alerts]` table's checked values as `AlertSettings`."""
    alerts = {
        _ALERT_FIELDS.get(key, key): values[f"alerts.{key}"]
        for key in ALERT_KEYS
        if f"alerts.{key}" in values
    }
    return AlertSettings(**alerts)  # type: ignore[arg-type]


def reload_alerts(path: Path) -> AlertSettings:
    """The alert settings the config file says now (after `$EDITOR`); `SettingsError` if
    anything in it is wrong, named as at start."""
    values = validate(read_config(path), SCHEMA, f"config file {path}")
    return alert_settings(values)


def _fields(values: Mapping[str, object], flags: Mapping[str, object]) -> dict[str, Any]:
    """The `Settings` fields the schema fills: a given flag, else the file's value."""
    fields: dict[str, Any] = {}
    for name, key in keys(SCHEMA):
        if key.field is None:
            continue
        flag = flags.get(name)
        if flag is not None:
            fields[key.field] = check_value(key, flag, key.flag or name)
        elif name in values:
            fields[key.field] = values[name]
    return fields


def _poll_fields(
    own: Mapping[str, tuple[object, str]], name: str, poll: bool, interval: float | None
) -> dict[str, Any]:
    """`poll` and `poll_interval` of a provider that can poll: the flag, else its keys."""
    if not SPECS[name].can_poll:
        return {}
    fields: dict[str, Any] = {"poll": poll or bool(own.get("poll", (False, ""))[0])}
    if interval is not None:
        key = POLL_KEYS["poll_interval"]
        fields["poll_interval"] = check_value(key, interval, "--poll-interval")
    elif "poll_interval" in own:
        fields["poll_interval"] = own["poll_interval"][0]
    return fields


def _provider_values(values: Mapping[str, object], name: str) -> dict[str, tuple[object, str]]:
    """Provider `name`'s keys: {key: (value, the name it had in the file)}; its table wins."""
    own: dict[str, tuple[object, str]] = {}
    for key in _provider_keys(name):
        if name == DEFAULT_PROVIDER and key in values:
            own[key] = (values[key], key)
        if f"{name}.{key}" in values:
            own[key] = (values[f"{name}.{key}"], f"{name}.{key}")
    return own


def _configured_matches(values: Mapping[str, object], provider: str, where: str) -> tuple[str, ...]:
    """`matches` (bare ids are the --provider's) and each [provider] table's, checked."""
    found: list[str] = []
    tables = [("matches", provider, False)] + [(f"{n}.matches", n, True) for n in PROVIDERS]
    for key, default, prefixed in tables:
        # `config.match_ids` made each of these a tuple of ids as typed.
        for typed in cast("tuple[str, ...]", values.get(key, ())):
            try:
                name, match_id = parse_match_text(typed, default)
            except ValueError as exc:
                raise SettingsError(f"{where}: {key}: bad match id {typed!r}: {exc}") from None
            found.append(f"{name}:{match_id}" if prefixed else typed)
    return tuple(found)


def check_transport(
    provider: ProviderSettings,
    insecure: bool,
    label: str = "--url",
    schemes: tuple[str, ...] | None = None,
) -> None:
    """Refuse a URL the provider cannot use, or that would send the key in clear text."""
    schemes = schemes or SPECS[provider.name].url_schemes
    title = SPECS[provider.name].title
    parts = urlsplit(provider.url)
    wanted = " or ".join(f"{s}://" for s in schemes)
    if not parts.scheme or not parts.hostname:
        raise SettingsError(f"{label} must be a {wanted} URL with a host, for {title}")
    if parts.scheme not in schemes:
        hint = " (its stream is a WebSocket)" if "http" not in schemes else ""
        raise SettingsError(
            f"{label} must be a {wanted} URL for {title}, not {parts.scheme}://{hint}"
        )
    if parts.query or parts.username or parts.password:
        # Never echo it: a pasted URL may carry the key (`?key=...`).
        raise SettingsError(
            f"{label} must not carry credentials or a query; the key is sent in a header "
            f"(set {KEY_ENV[provider.name]} or the config file)"
        )
    clear = parts.scheme in {"ws", "http"}
    if clear and not is_loopback(parts.hostname) and not insecure:
        raise SettingsError(
            f"refusing to send the API key in clear text to {parts.hostname}: "
            "use a wss:// (or https://) URL, or pass --insecure if you really mean it"
        )
