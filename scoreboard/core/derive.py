"""Values the client derives from a snapshot: clock text, overs, run rates.

The contract sends none of these; the rules are in `live-snapshot.md`.
Every function returns `None` rather than raising when the input cannot
give a sensible answer (a malformed overs string, no balls bowled yet).
"""

from __future__ import annotations

from scoreboard.core.models import Clock, CricketSnapshot, Number, Total
from scoreboard.core.text import safe_text

#: Scheduled overs per innings, for the required run rate.
FORMAT_OVERS = {"T20": 20, "ODI": 50, "T10": 10, "The Hundred": 100 // 6}

_PERIOD_TEXT = {"HT": "HT", "ETHT": "ET HT", "PEN": "PEN", "FT": "FT"}

_STAT_LABELS = {
    "xg": "xG",
    "shots_on_target": "On target",
    "yellow_cards": "Yellow cards",
    "red_cards": "Red cards",
}


class MinuteClock(Clock, frozen=True):
    """A clock that knows only the minute (Scorelytics football sends no seconds).

    `second` is always 0 and means nothing; `clock_text` shows `67'`.
    """


def minute_clock(minute: int, period: str = "") -> MinuteClock:
    return MinuteClock(minute=minute, second=0, period=period)


def clock_text(clock: Clock | None) -> str:
    """`67:12`; `45+2` in added time; `HT`, `FT`, `PEN` when the clock stands;
    `67'` for a clock that knows only the minute."""
    if clock is None:
        return ""
    if isinstance(clock, MinuteClock) and clock.period not in _PERIOD_TEXT:
        return f"{clock.minute}'"
    if clock.period in _PERIOD_TEXT:
        return _PERIOD_TEXT[clock.period]
    if clock.added_time:
        return f"{clock.minute}+{clock.added_time}"
    return f"{clock.minute}:{clock.second:02d}"


def event_minute(minute: int | None, added_time: int | None) -> str:
    """An event's minute as fans write it: `9'`, `45+2'`."""
    if minute is None:
        return ""
    return f"{minute}+{added_time}'" if added_time else f"{minute}'"


def stat_label(name: str) -> str:
    """`shots_on_target` -> `On target`; unknown names are humanised."""
    return _STAT_LABELS.get(name) or name.replace("_", " ").strip().capitalize()


def number_text(value: Number, *, decimals: int | None = None) -> str:
    """Integers as integers; floats with `decimals` places (default: up to 2)."""
    if isinstance(value, int):
        return str(value)
    if decimals is not None:
        return f"{value:.{decimals}f}"
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def overs_to_balls(overs: str | None) -> int | None:
    """Cricket notation `16.2` (16 overs, 2 balls) to 98 balls; None if malformed."""
    if not overs:
        return None
    whole, _, part = overs.partition(".")
    if not whole.isdigit() or (part and not part.isdigit()):
        return None
    balls = int(part) if part else 0
    if balls > 5:
        return None
    return int(whole) * 6 + balls


def run_rate(runs: int, balls: int | None) -> float | None:
    """Runs per six-ball over."""
    if not balls or balls <= 0:
        return None
    return runs * 6 / balls


def total_text(total: Total | None) -> str:
    """`145/3 (16.2)`; an empty string for a side that has not batted."""
    if total is None:
        return ""
    # `overs` is wire text: shown inert, like every other string from the provider.
    return f"{total.runs}/{total.wickets} ({safe_text(total.overs, 12)})"


def scheduled_balls(fmt: str | None) -> int | None:
    overs = FORMAT_OVERS.get(fmt or "")
    return overs * 6 if overs else None


def batting_total(snap: CricketSnapshot) -> Total | None:
    if snap.batting not in ("home", "away"):
        return None
    return getattr(snap.score, snap.batting)


def current_rate(snap: CricketSnapshot) -> float | None:
    total = batting_total(snap)
    if total is None:
        return None
    return run_rate(total.runs, overs_to_balls(total.overs))


def chase(snap: CricketSnapshot) -> tuple[int, int | None] | None:
    """(runs needed, balls left or None) for the side chasing `target`."""
    total = batting_total(snap)
    if snap.target is None or total is None:
        return None
    needed = max(snap.target - total.runs, 0)
    limit = scheduled_balls(snap.format)
    bowled = overs_to_balls(total.overs)
    balls_left = None if limit is None or bowled is None else max(limit - bowled, 0)
    return needed, balls_left


def required_rate(snap: CricketSnapshot) -> float | None:
    state = chase(snap)
    if state is None or state[1] in (None, 0):
        return None
    needed, balls_left = state
    return needed * 6 / balls_left  # type: ignore[operator]


def chase_text(snap: CricketSnapshot) -> str:
    """`needs 32 from 22 balls` (or `needs 32 runs` when the overs are open)."""
    state = chase(snap)
    if state is None:
        return ""
    needed, balls_left = state
    if needed == 0:
        return "target reached"
    runs = "run" if needed == 1 else "runs"
    if balls_left is None:
        return f"needs {needed} {runs}"
    balls = "ball" if balls_left == 1 else "balls"
    return f"needs {needed} from {balls_left} {balls}"


def strike_rate(runs: int, balls: int) -> float | None:
    return runs * 100 / balls if balls > 0 else None


def economy(runs: int, overs: str) -> float | None:
    return run_rate(runs, overs_to_balls(overs))


def rate_text(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.2f}"
