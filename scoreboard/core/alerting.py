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

from dataclasses import dataclass, field, fields

from scoreboard.core.closegame import CloseGameSettings
from scoreboard.core.names import fold, name_matches
from scoreboard.core.notable import KINDS
from scoreboard.core.players import PLAYER_KINDS, player_matches
from scoreboard.core.text import safe_text

#: What `[alerts] events` may name: the notable kinds and close games (the default: all).
ALERT_EVENTS = (*KINDS, "close_game")
#: Every kind an alert can be of: those, and the opt-in `swing`
#: (core/swing.py: one moment moved the win probability by 25 points or more).
ALERT_KINDS = (*ALERT_EVENTS, "swing")

CHANNELS = ("toast", "bell", "desktop", "title")
DEFAULT_CHANNELS = ("toast", "desktop", "title")
SCOPES = ("followed", "all")
#: How desktop notifications are sent: auto picks the terminal's escape, else the notifier.
DESKTOP_MODES = ("auto", "osc777", "osc9", "notifier")


@dataclass(frozen=True)
class AlertSettings:
    scope: str = "followed"
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    events: tuple[str, ...] = ALERT_EVENTS
    desktop: str = "auto"
    rules: tuple[AlertRule, ...] = ()
    quiet: Quiet | None = None
    close_game: CloseGameSettings = field(default_factory=CloseGameSettings)


def check_names(value: object, known: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A list of names from `known`; `ValueError("... unknown <what> ...")` for anything else."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        example = ", ".join(f'"{name}"' for name in known[:2])
        raise ValueError(f"must be a list of {what}s, such as [{example}]")
    for item in value:
        if item not in known:
            raise ValueError(f"has an unknown {what} {item!r} (known: {', '.join(known)})")
    return tuple(dict.fromkeys(value))


# -- rules, quiet hours and the digest ---------------------------------------------------------
#
# ```toml
# [alerts]
# quiet = "23:00-07:00"          # bell and desktop wait for the digest, except urgent rules
#
# [[alerts.rule]]
# player = "Virat Kohli"         # who: team, player, competition, match (all given must match)
# events = ["fifty", "hundred"]  # what: event kinds, "close_game", player milestones
# channels = ["toast", "bell"]
# urgent = true
#
# [[alerts.rule]]
# competition = "Premier League"
# pulse = 85                     # the match's pulse reaching 85
# ```
#
# An alert a rule matches goes to that rule's channels (the union when several
# match); one no rule matches goes as `[alerts]` says (scope, events, channels).

#: Every kind a rule's `events` may name: notable moments, close games, player moments, pulse.
RULE_EVENTS = tuple(dict.fromkeys((*KINDS, "close_game", *PLAYER_KINDS, "pulse")))
#: The channels quiet hours silence (toast and title are on screen only).
LOUD = ("bell", "desktop")
_WHO = ("team", "player", "competition", "match")
_RULE_KEYS = (*_WHO, "events", "pulse", "channels", "urgent")
MAX_RULES = 64
MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True)
class AlertRule:
    """One `[[alerts.rule]]`: who and what it matches, where it sends, whether it is urgent."""

    team: str | None = None
    player: str | None = None
    competition: str | None = None
    match: str | None = None
    events: tuple[str, ...] = ()
    pulse: int | None = None
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    urgent: bool = False

    def describe(self) -> str:
        """`player Virat Kohli: fifty, hundred → toast, bell (urgent)`, for the rules list."""
        who = [f"{k} {getattr(self, k)}" for k in _WHO if getattr(self, k)] or ["any match"]
        what = list(self.events) + ([f"pulse ≥ {self.pulse}"] if self.pulse is not None else [])
        tail = " (urgent)" if self.urgent else ""
        where = ", ".join(self.channels)
        return f"{', '.join(who)}: {', '.join(what) or 'every alert'} → {where}{tail}"

    def matches(self, alert: AlertInfo) -> bool:
        if self.match is not None and alert.match != self.match:
            return False
        if self.team is not None and not (
            name_matches(self.team, alert.home) or name_matches(self.team, alert.away)
        ):
            return False
        if self.competition is not None and not name_matches(self.competition, alert.competition):
            return False
        if self.player is not None and not player_matches(self.player, alert.player):
            return False
        if alert.kind == "pulse":
            return self.pulse is not None and alert.pulse >= self.pulse
        if self.pulse is not None and not self.events:
            return False
        return not self.events or alert.kind in self.events


@dataclass(frozen=True)
class AlertInfo:
    """What the routing needs of one alert: its kind, its match, and the player if any."""

    kind: str
    match: str  # `sportrix:41282`
    home: str
    away: str
    competition: str = ""
    player: str = ""
    pulse: int = 0  # the pulse reached, for a `pulse` alert
    text: str = ""


@dataclass(frozen=True)
class Quiet:
    """Quiet hours, local time: [start, end) in minutes after midnight (may span midnight)."""

    start: int
    end: int

    def holds(self, minute: int) -> bool:
        minute %= MINUTES_A_DAY
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    @property
    def text(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


@dataclass(frozen=True)
class Route:
    """Where one alert goes now, and whether it waits for the quiet hours' digest."""

    channels: tuple[str, ...]
    held: bool = False
    urgent: bool = False


def route(
    alert: AlertInfo,
    rules: tuple[AlertRule, ...],
    default_channels: tuple[str, ...],
    quiet: Quiet | None,
    minute: int,
) -> Route | None:
    """The channels `alert` goes to at local `minute` of the day (None: no rule wants it).

    Without a matching rule, `default_channels` (the caller has applied `[alerts]`
    scope and events; pass () when they leave it out). In quiet hours the bell
    and desktop are held for the digest unless a matching rule is urgent.
    """
    matched = [rule for rule in rules if rule.matches(alert)]
    if matched:
        channels = tuple(dict.fromkeys(c for rule in matched for c in rule.channels))
    elif alert.kind in ("pulse",):
        return None
    else:
        channels = default_channels
    if not channels:
        return None
    urgent = any(rule.urgent for rule in matched)
    if quiet is None or urgent or not quiet.holds(minute):
        return Route(channels, urgent=urgent)
    now = tuple(c for c in channels if c not in LOUD)
    return Route(now, held=len(now) < len(channels))


class Digest:
    """Alerts held in quiet hours, told in one digest when they end."""

    MAX_HELD = 200

    def __init__(self, quiet: Quiet) -> None:
        self.quiet = quiet
        self._held: list[AlertInfo] = []
        self._dropped = 0

    def hold(self, alert: AlertInfo) -> None:
        if len(self._held) < self.MAX_HELD:
            self._held.append(alert)
        else:
            self._dropped += 1

    def due(self, minute: int) -> str | None:
        """The digest's text once quiet hours are over and something was held; else None."""
        if not self._held or self.quiet.holds(minute):
            return None
        text = digest_text(self._held, self._dropped, self.quiet)
        self._held, self._dropped = [], 0
        return text


def digest_text(held: list[AlertInfo], dropped: int, quiet: Quiet) -> str:
    """`While quiet (23:00-07:00): 3 goals, 1 close game · ARS v CHE: ...`, in the order held."""
    counts: dict[str, int] = {}
    for alert in held:
        counts[alert.kind] = counts.get(alert.kind, 0) + 1
    summary = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items())
    lines = [a.text for a in held[-5:] if a.text]
    more = len(held) - len(lines) + dropped
    tail = f" · {more} more" if more > 0 and lines else ""
    body = " · ".join(lines)
    return f"While quiet ({quiet.text}): {summary}" + (f" · {body}" if body else "") + tail


def parse_quiet(value: object) -> Quiet:
    """`"23:00-07:00"`; `ValueError` saying what is wrong."""
    if not isinstance(value, str):
        raise ValueError('must be a time range such as "23:00-07:00"')
    start, dash, end = value.partition("-")
    if not dash:
        raise ValueError('must be a time range such as "23:00-07:00"')
    quiet = Quiet(_minutes(start), _minutes(end))
    if quiet.start == quiet.end:
        raise ValueError("must not start and end at the same time")
    return quiet


def _minutes(text: str) -> int:
    hours, colon, minutes = text.strip().partition(":")
    digits = all(part.isascii() and part.isdigit() for part in (hours, minutes))
    if not (colon and digits):
        raise ValueError('must be a time range such as "23:00-07:00" (24-hour HH:MM)')
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 23 and 0 <= m <= 59 and len(minutes) == 2):
        raise ValueError('must be a time range such as "23:00-07:00" (24-hour HH:MM)')
    return h * 60 + m


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_rules(value: object) -> tuple[AlertRule, ...]:
    """`[[alerts.rule]]` tables; `ValueError("rule 2 (team Arsenal): ...")` naming the bad one."""
    if not isinstance(value, list):
        raise ValueError("must be [[alerts.rule]] tables")
    if len(value) > MAX_RULES:
        raise ValueError(f"may hold at most {MAX_RULES} rules")
    rules = []
    for number, table in enumerate(value, 1):
        try:
            rules.append(parse_rule(table))
        except ValueError as exc:
            raise ValueError(f"rule {number}{_rule_name(table)}: {exc}") from None
    return tuple(rules)


def _rule_name(table: object) -> str:
    if not isinstance(table, dict):
        return ""
    for key in _WHO:
        if isinstance(table.get(key), str):
            return f" ({key} {safe_text(table[key], 40)})"
    return ""


def parse_rule(table: object) -> AlertRule:
    if not isinstance(table, dict):
        raise ValueError("must be a table ([[alerts.rule]] on its own line)")
    for key in table:
        if key not in _RULE_KEYS:
            shown = safe_text(str(key), 40)
            raise ValueError(f"unknown key {shown!r} (known: {', '.join(_RULE_KEYS)})")
    who: dict[str, str] = {}
    for key in _WHO:
        if key in table:
            item = table[key]
            if not isinstance(item, str) or not fold(item):
                raise ValueError(f'{key} must be a name in quotes ({key} = "...")')
            who[key] = item.strip()
    try:
        events = check_names(table["events"], RULE_EVENTS, "event") if "events" in table else ()
    except ValueError as exc:
        raise ValueError(f"events {exc}") from None
    pulse = table.get("pulse")
    bad_pulse = isinstance(pulse, bool) or not isinstance(pulse, int) or not 1 <= pulse <= 100
    if pulse is not None and bad_pulse:
        raise ValueError("pulse must be a whole number between 1 and 100")
    try:
        channels = (
            check_names(table["channels"], CHANNELS, "channel")
            if "channels" in table
            else DEFAULT_CHANNELS
        )
    except ValueError as exc:
        raise ValueError(f"channels {exc}") from None
    urgent = table.get("urgent", False)
    if not isinstance(urgent, bool):
        raise ValueError("urgent must be true or false")
    if not events and pulse is None and not who:
        raise ValueError("says neither who (team, player, competition, match) nor what (events)")
    return AlertRule(**who, events=events, pulse=pulse, channels=channels, urgent=urgent)


def parse_close_game(value: object) -> CloseGameSettings:
    """`[alerts.close_game]`: any of `CloseGameSettings`' thresholds, each checked."""
    if not isinstance(value, dict):
        raise ValueError("must be a table ([alerts.close_game] on its own line)")
    known = {f.name: f for f in fields(CloseGameSettings)}
    default = CloseGameSettings()
    checked: dict[str, object] = {}
    for key, item in value.items():
        if key not in known:
            shown = safe_text(str(key), 40)
            raise ValueError(f"has an unknown key {shown!r} (known: {', '.join(known)})")
        kind = type(getattr(default, key))
        if kind is bool:
            if not isinstance(item, bool):
                raise ValueError(f"{key} must be true or false")
        elif isinstance(item, bool) or not isinstance(item, int | float) or not 0 <= item <= 10_000:
            raise ValueError(f"{key} must be a number between 0 and 10000")
        elif kind is int and not isinstance(item, int):
            raise ValueError(f"{key} must be a whole number")
        checked[key] = float(item) if kind is float else item
    return CloseGameSettings(**checked)  # type: ignore[arg-type]
