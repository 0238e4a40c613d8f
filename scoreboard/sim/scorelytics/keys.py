"""The simulated Scorelytics API's own keys, kept apart from Sportrix's.

A separate `KeyStore`: the Sportrix demo keys (`sk_demo`...) are refused
here and `sk_live_demo` is refused by the Sportrix routes, as two real
providers would. Scopes do not apply to Scorelytics.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from scoreboard.sim.keys import ApiKey, KeyStore

DEMO_KEY = "sk_live_demo"
DEMO_KEYS: Mapping[str, ApiKey] = {
    k.key: k
    for k in (
        ApiKey(DEMO_KEY, description="every match"),
        ApiKey(
            "sk_live_expired",
            expires=datetime(2020, 1, 1, tzinfo=UTC),
            description="expired on 2020-01-01 (always refused)",
        ),
    )
}


def scorelytics_keys() -> KeyStore:
    return KeyStore(DEMO_KEYS)
