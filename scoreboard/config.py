"""The config file: reading it, the types its values may have, and checking them.

`scoreboard.settings.SCHEMA` lists every key the file may hold as a `Key`
(its type check, the `Settings` field it fills, the flag that wins over it).
This module holds the machinery: `read_config` reads the TOML, refusing a
key file others can read, and `validate` checks every value against the
schema, so a wrong type or an unknown key is one line naming the key
(`config file ~/.config/sportrix-tui/config.toml: url must be text ...`),
never a traceback or a value silently misread.

A check is a function from the TOML value to the value the app uses; it
raises `Invalid("must be ...")` and `validate` adds the key's name and what
the file held (only its kind for a secret such as `api_key`).
"""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Check = Callable[[object], object]


class SettingsError(ValueError):
    """Configuration the app cannot start with; the message is shown as is."""


class Invalid(ValueError):
    """A value a check refuses; the message completes "<key> ...", e.g. "must be true or false"."""


@dataclass(frozen=True)
class Key:
    """One key of the config file."""

    check: Check
    #: The `Settings` field `load_settings` fills with the checked value (None: read by hand).
    field: str | None = None
    #: The command-line flag that wins over the file, named when its value is refused.
    flag: str | None = None
    #: Never quote the value in a message (an API key).
    secret: bool = False


#: Tables ([sportrix], [alerts], ...) and their keys; a key of `Schema` at top level.
Schema = Mapping[str, "Key | Mapping[str, Key]"]


# -- checks -----------------------------------------------------------------------------------


def text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid('must be text in quotes (name = "...")')
    if not value.strip():
        raise Invalid("must not be empty")
    return value


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def whole(low: int, high: int, unit: str = "") -> Check:
    """A whole number in [low, high]."""
    what = f"a whole number{unit and ' of ' + unit} between {low} and {high}"

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(f"must be {what}")
        return value

    return check


def number(low: float, high: float, unit: str = "") -> Check:
    """A number (whole or not) in [low, high]."""
    what = f"a number{unit and ' of ' + unit} between {low:g} and {high:g}"

    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(f"must be {what}")
        if not low <= value <= high:
            raise Invalid(f"must be {what}")
        return float(value)

    return check


def choice(*options: str) -> Check:
    """One of `options` (text)."""

    def check(value: object) -> str:
        if value not in options:
            raise Invalid("must be one of " + ", ".join(f'"{o}"' for o in options))
        return str(value)

    return check


def path(value: object) -> Path:
    """A file's path (`~` expanded); a flag hands over a `Path` already."""
    return (value if isinstance(value, Path) else Path(text(value))).expanduser()


def match_ids(value: object) -> tuple[str, ...]:
    """A list of match ids as typed (`[41282, "scorelytics:abc123"]`); one id is a list of one.

    Only the shape is checked here; each id is parsed against its provider later.
    """
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, int | str) and not isinstance(item, bool) for item in items):
        raise Invalid('must be a list of match ids, such as [41282, "scorelytics:abc123"]')
    return tuple(str(item) for item in items)


# -- reading and validating -------------------------------------------------------------------


def read_config(path: Path, *, required: bool = False) -> dict[str, Any]:
    """The TOML config, or {} if there is none (an error if `required`).

    Refuses a file that holds a key when others can read it.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if required:
            raise SettingsError(
                f"config file {path} does not exist (named by SPORTRIX_TUI_CONFIG)"
            ) from None
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


def _has_key(data: Mapping[str, Any]) -> bool:
    return "api_key" in data or any(
        isinstance(table, dict) and "api_key" in table for table in data.values()
    )


def keys(schema: Schema) -> Iterator[tuple[str, Key]]:
    """Every key of `schema` by its dotted name (`url`, `scorelytics.url`)."""
    for name, entry in schema.items():
        if isinstance(entry, Key):
            yield name, entry
        else:
            for sub, key in entry.items():
                yield f"{name}.{sub}", key


def validate(data: Mapping[str, Any], schema: Schema, where: str) -> dict[str, object]:
    """Every value of `data` checked: {dotted name: checked value}; `SettingsError` if not."""
    values: dict[str, object] = {}
    for name, value in data.items():
        entry = schema.get(name)
        if entry is None:
            table = isinstance(value, dict)
            kind, shown = ("table", f"[{name}]") if table else ("key", repr(name))
            # Suggest only names of the same kind: a table is never a key's misspelling.
            alike = {n: e for n, e in schema.items() if isinstance(e, Key) != table}
            raise SettingsError(f"{where}: unknown {kind} {shown}{_suggest(name, alike)}")
        if isinstance(entry, Key):
            values[name] = check_value(entry, value, f"{where}: {name}")
            continue
        if not isinstance(value, dict):
            raise SettingsError(f"{where}: {name} must be a table ([{name}] on its own line)")
        for sub, sub_value in value.items():
            key = entry.get(sub)
            if key is None:
                raise SettingsError(
                    f"{where}: unknown key {sub!r} in [{name}]{_suggest(sub, entry)}"
                )
            values[f"{name}.{sub}"] = check_value(key, sub_value, f"{where}: {name}.{sub}")
    return values


def check_value(key: Key, value: object, label: str) -> object:
    """`key.check(value)`, or `SettingsError("<label> must be ..., got ...")`."""
    try:
        return key.check(value)
    except Invalid as exc:
        raise SettingsError(f"{label} {exc}, got {_described(value, key.secret)}") from None


def _described(value: object, secret: bool) -> str:
    """What the file held: the value (cut), or only its kind for a secret."""
    if isinstance(value, bool):
        kind, shown = "true/false", str(value).lower()
    elif isinstance(value, int | float):
        kind, shown = "a number", str(value)
    elif isinstance(value, str):
        kind, shown = "text", repr(value)
    elif isinstance(value, list):
        kind, shown = "a list", str(value)
    elif isinstance(value, dict):
        kind, shown = "a table", "a table"
    else:
        kind, shown = "a date or time", str(value)
    if secret:
        return kind
    return shown if len(shown) <= 40 else f"{kind} ({shown[:37]}...)"


def _suggest(name: str, names: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    known = ", ".join(names)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {known})"
