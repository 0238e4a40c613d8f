"""How alerts are configured: the `[alerts]` table of the config file.

```toml
[alerts]
scope = "followed"                        # or "all": every shown match
channels = ["toast", "desktop", "title"]  # and "bell" (opt-in)
events = ["goal", "red_card", "wicket"]   # default: every kind (core.notable.KINDS); "swing" opt-in
desktop = "auto"                          # "osc777", "osc9", "notifier"
```
"""

from __future__ import annotations

from dataclasses import dataclass

from scoreboard.core.notable import KINDS

#: Every kind an alert can be of: the notable moments, and the opt-in `swing`
#: (core/swing.py: one moment moved the win probability by 25 points or more).
ALERT_KINDS = (*KINDS, "swing")

CHANNELS = ("toast", "bell", "desktop", "title")
DEFAULT_CHANNELS = ("toast", "desktop", "title")
SCOPES = ("followed", "all")
#: How desktop notifications are sent: auto picks the terminal's escape, else the notifier.
DESKTOP_MODES = ("auto", "osc777", "osc9", "notifier")


@dataclass(frozen=True)
class AlertSettings:
    scope: str = "followed"
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    events: tuple[str, ...] = KINDS
    desktop: str = "auto"


def check_names(value: object, known: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A list of names from `known`; `ValueError("... unknown <what> ...")` for anything else."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        example = ", ".join(f'"{name}"' for name in known[:2])
        raise ValueError(f"must be a list of {what}s, such as [{example}]")
    for item in value:
        if item not in known:
            raise ValueError(f"has an unknown {what} {item!r} (known: {', '.join(known)})")
    return tuple(dict.fromkeys(value))
