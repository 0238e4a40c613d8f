"""API keys for the simulated Sportrix server: the demo keys, checks, and the TOML loader.

A key grants scopes (`live_scores` for REST `/live`, `live_scores_statistics`
for the WebSocket stream) and an optional sport allowlist. The checks return
plain-words reasons that the server puts in 401 bodies; no reason ever
contains the key itself.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import msgspec

#: Scope needed by `GET /v1/matches/{id}/live`.
SCOPE_LIVE_SCORES = "live_scores"
#: Scope needed by the WebSocket stream `/v1/stream`.
SCOPE_STREAM = "live_scores_statistics"
ALL_SCOPES: frozenset[str] = frozenset({SCOPE_LIVE_SCORES, SCOPE_STREAM})


class ApiKey(msgspec.Struct, frozen=True):
    """One API key and what it may do."""

    key: str
    scopes: frozenset[str] = ALL_SCOPES
    #: Sports this key may subscribe to; None means every sport.
    sports: frozenset[str] | None = None
    disabled: bool = False
    #: Expiry instant (UTC-aware); None means it never expires.
    expires: datetime | None = None
    #: One line for `--help` and the docs.
    description: str = ""

    def allows_sport(self, sport: str) -> bool:
        return self.sports is None or sport in self.sports


class Denied(msgspec.Struct, frozen=True):
    """Why a key was refused, in plain words (never contains the key)."""

    reason: str


DEMO_KEYS: Mapping[str, ApiKey] = {
    k.key: k
    for k in (
        ApiKey("sk_demo", description="every scope, every sport"),
        ApiKey(
            "sk_demo_scores",
            scopes=frozenset({SCOPE_LIVE_SCORES}),
            description="only live_scores (REST /live works, the stream is refused)",
        ),
        ApiKey(
            "sk_demo_soccer",
            sports=frozenset({"soccer"}),
            description="every scope, soccer only",
        ),
        ApiKey("sk_demo_disabled", disabled=True, description="disabled (always refused)"),
        ApiKey(
            "sk_demo_expired",
            expires=datetime(2020, 1, 1, tzinfo=UTC),
            description="expired on 2020-01-01 (always refused)",
        ),
    )
}


def demo_keys_help() -> str:
    """The demo keys as indented lines, for `--help` and the docs."""
    width = max(len(k) for k in DEMO_KEYS)
    return "\n".join(f"  {k.key:<{width}}  {k.description}" for k in DEMO_KEYS.values())


class KeyStore:
    """The server's keys, plus keys revoked at run time (fault injection)."""

    def __init__(self, keys: Mapping[str, ApiKey] | Iterable[ApiKey] | None = None) -> None:
        if keys is None:
            keys = DEMO_KEYS
        items = keys.values() if isinstance(keys, Mapping) else keys
        self._keys: dict[str, ApiKey] = {k.key: k for k in items}
        self._revoked: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def get(self, key: str) -> ApiKey | None:
        return self._keys.get(key)

    def revoke(self, key: str) -> None:
        """Refuse `key` from now on (it reads as disabled)."""
        self._revoked.add(key)

    def check(
        self, key: str | None, scope: str | None, *, now: datetime | None = None
    ) -> ApiKey | Denied:
        """The key if it is known, enabled, unexpired and has `scope` (if any); else why not."""
        if not key:
            return Denied("missing API key")
        found = self._keys.get(key)
        if found is None:
            return Denied("invalid API key: it is not a known key")
        if key in self._revoked:
            return Denied("API key is disabled: it has been revoked")
        if found.disabled:
            return Denied("API key is disabled")
        moment = now or datetime.now(UTC)
        if found.expires is not None and found.expires <= moment:
            return Denied(f"API key expired at {found.expires.strftime('%Y-%m-%dT%H:%M:%SZ')}")
        if scope is not None and scope not in found.scopes:
            return Denied(f"API key lacks the {scope} scope")
        return found


class KeysFileError(ValueError):
    """A keys file that cannot be used; the message is one line."""


def load_keys(path: str | Path) -> dict[str, ApiKey]:
    """Read a TOML keys file.

    ```toml
    [keys.sk_x]
    scopes = ["live_scores", "live_scores_statistics"]
    sports = ["soccer"]          # omitted: every sport
    disabled = false             # optional
    expires = 2026-01-01T00:00:00Z   # optional; a date or a naive time means UTC
    ```
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except OSError as exc:
        raise KeysFileError(f"{path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KeysFileError(f"{path}: not valid TOML: {exc}") from exc
    table = doc.get("keys")
    if not isinstance(table, dict) or not table:
        raise KeysFileError(f"{path}: no [keys.NAME] tables found")
    unknown = set(doc) - {"keys"}
    if unknown:
        raise KeysFileError(f"{path}: unknown top-level entry {sorted(unknown)[0]!r}")
    return {name: _parse_key(path, name, body) for name, body in table.items()}


def _parse_key(path: Path, name: str, body: Any) -> ApiKey:
    where = f"{path}: key {name!r}"
    if not isinstance(body, dict):
        raise KeysFileError(f"{where}: expected a table")
    extra = set(body) - {"scopes", "sports", "disabled", "expires", "description"}
    if extra:
        raise KeysFileError(f"{where}: unknown field {sorted(extra)[0]!r}")
    scopes = _string_list(where, "scopes", body.get("scopes"))
    if scopes is None:
        raise KeysFileError(f"{where}: 'scopes' is required (a list of scope names)")
    bad = scopes - ALL_SCOPES
    if bad:
        raise KeysFileError(
            f"{where}: unknown scope {sorted(bad)[0]!r} (known: {', '.join(sorted(ALL_SCOPES))})"
        )
    disabled = body.get("disabled", False)
    if not isinstance(disabled, bool):
        raise KeysFileError(f"{where}: 'disabled' must be true or false")
    description = body.get("description", "")
    if not isinstance(description, str):
        raise KeysFileError(f"{where}: 'description' must be a string")
    return ApiKey(
        name,
        scopes=scopes,
        sports=_string_list(where, "sports", body.get("sports")),
        disabled=disabled,
        expires=_expiry(where, body.get("expires")),
        description=description,
    )


def _string_list(where: str, field: str, value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KeysFileError(f"{where}: {field!r} must be a list of strings")
    return frozenset(value)


def _expiry(where: str, value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as exc:
            raise KeysFileError(f"{where}: 'expires' is not a date-time: {value!r}") from exc
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    raise KeysFileError(f"{where}: 'expires' must be a date-time such as 2026-01-01T00:00:00Z")
