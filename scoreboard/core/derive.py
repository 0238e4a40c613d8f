"""Values the client derives from a snapshot: clock text, overs, run rates.

The contract sends none of these; the rules are in `live-snapshot.md`.
Every function returns `None` rather than raising when the input cannot
give a sensible answer (a malformed overs string, no balls bowled yet, a
rate too large for a float), and every `*_text` function turns any value the
models can hold into short text: JSON allows integers of any size (msgspec
decodes up to 4,300 digits) and floats up to 1.8e308, and none of them may
raise on the way to the screen.
"""

from __future__ import annotations

import math
import re

from scoreboard.core.models import Clock, CricketSnapshot, Number, Total
from scoreboard.core.text import safe_text

#: Scheduled overs per innings, for the required run rate.
FORMAT_OVERS = {"T20": 20, "ODI": 50, "T10": 10, "The Hundred": 100 // 6}

#: Numbers shown digit for digit up to this size; larger ones as `1.2e15`.
EXACT_BELOW = 10**12
#: Cricket overs as the contract writes them: `16`, `16.` or `16.2`, ASCII digits
#: only (`"16.²"` passes `str.isdigit()` and fails `int()`), and no more whole
#: overs than any innings could bowl (5,000 digits would fail `int()` too).
_OVERS = re.compile(r"([0-9]{1,6})(?:\.([0-5])?)?")

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
        return f"{count_text(clock.minute)}'"
    if clock.period in _PERIOD_TEXT:
        return _PERIOD_TEXT[clock.period]
    minute = count_text(clock.minute)
    if clock.added_time:
        return f"{minute}+{count_text(clock.added_time)}"
    second = count_text(clock.second)
    return f"{minute}:{'0' if 0 <= clock.second < 10 else ''}{second}"


def event_minute(minute: int | None, added_time: int | None) -> str:
    """An event's minute as fans write it: `9'`, `45+2'`."""
    if minute is None:
        return ""
    if added_time:
        return f"{count_text(minute)}+{count_text(added_time)}'"
    return f"{count_text(minute)}'"


def stat_label(name: str) -> str:
    """`shots_on_target` -> `On target`; unknown names are humanised."""
    return _STAT_LABELS.get(name) or name.replace("_", " ").strip().capitalize()


def count_text(value: int) -> str:
    """A whole number as text: exact below `EXACT_BELOW`, else `1.2e400` (never raises).

    `str()` of a huge integer is slow and, past `sys.get_int_max_str_digits()`,
    raises; the short form needs neither.
    """
    if -EXACT_BELOW < value < EXACT_BELOW:
        return str(value)
    size = abs(value)
    exponent = int(math.log10(size))  # log10 takes integers of any size
    lead = size // 10 ** (exponent - 1)
    while lead >= 100:  # log10 rounded up across a power of ten
        exponent += 1
        lead = size // 10 ** (exponent - 1)
    while lead < 10:
        exponent -= 1
        lead = size // 10 ** (exponent - 1)
    sign = "-" if value < 0 else ""
    return f"{sign}{lead // 10}.{lead % 10}e{exponent}"


def number_text(value: Number, *, decimals: int | None = None) -> str:
    """Integers as integers; floats with `decimals` places (default: up to 2).

    Huge values of either kind are shown as `1.2e15`; NaN and infinities by name.
    """
    if isinstance(value, int):
        return count_text(value)
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-∞" if value < 0 else "∞")
    if abs(value) >= EXACT_BELOW:
        return f"{value:.1e}".replace("e+", "e")
    if decimals is not None:
        return f"{value:.{decimals}f}"
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def overs_to_balls(overs: str | None) -> int | None:
    """Cricket notation `16.2` (16 overs, 2 balls) to 98 balls; None if malformed."""
    if not overs:
        return None
    match = _OVERS.fullmatch(overs)
    if match is None:
        return None
    whole, part = match.groups()
    return int(whole) * 6 + (int(part) if part else 0)


def fall_overs(balls: int) -> str:
    """The over and ball of the `balls`-th legal ball, as scorers write a fall of
    wicket: the 29th is `4.5`, the 24th (the sixth ball of the fourth over) `3.6`.

    A total's overs after that ball read `4.0` (four overs done); a wicket is
    written by the ball it fell on, so the two differ only on an over's last ball.
    """
    if balls <= 0:
        return "0.0"
    return f"{count_text((balls - 1) // 6)}.{(balls - 1) % 6 + 1}"


def innings_over(snap: CricketSnapshot) -> bool:
    """The innings `snap` shows is finished: the match is, ten wickets fell, its
    overs are bowled (the innings break shows it so), or the target was reached."""
    if snap.status == "finished" or snap.result:
        return True
    total = batting_total(snap)
    if total is None:
        return False
    if total.wickets >= 10 or (snap.target is not None and total.runs >= snap.target):
        return True
    limit = scheduled_balls(snap.format)
    bowled = overs_to_balls(total.overs)
    return limit is not None and bowled is not None and bowled >= limit


def ratio(amount: int, per: int, scale: int = 1) -> float | None:
    """`amount * scale / per`, or None when `per` is not positive or the result
    is too large for a float (`10**400` runs in 98 balls)."""
    if per <= 0:
        return None
    try:
        return amount * scale / per
    except OverflowError:
        return None


def run_rate(runs: int, balls: int | None) -> float | None:
    """Runs per six-ball over."""
    if not balls:
        return None
    return ratio(runs, balls, 6)


def total_text(total: Total | None) -> str:
    """`145/3 (16.2)`; an empty string for a side that has not batted."""
    if total is None:
        return ""
    # `overs` is wire text: shown inert, like every other string from the provider.
    return f"{count_text(total.runs)}/{count_text(total.wickets)} ({safe_text(total.overs, 12)})"


def scheduled_balls(fmt: str | None) -> int | None:
    overs = FORMAT_OVERS.get(fmt or "")
    return overs * 6 if overs else None


def batting_total(snap: CricketSnapshot) -> Total | None:
    if snap.batting not in ("home", "away"):
        return None
    return snap.score.home if snap.batting == "home" else snap.score.away


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
    if state is None:
        return None
    needed, balls_left = state
    if not balls_left:
        return None
    return ratio(needed, balls_left, 6)


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
        return f"needs {count_text(needed)} {runs}"
    balls = "ball" if balls_left == 1 else "balls"
    return f"needs {count_text(needed)} from {count_text(balls_left)} {balls}"


def strike_rate(runs: int, balls: int) -> float | None:
    return ratio(runs, balls, 100)


def economy(runs: int, overs: str) -> float | None:
    return run_rate(runs, overs_to_balls(overs))


def rate_text(rate: float | None, decimals: int = 2) -> str:
    """`8.88`; `-` when there is no rate."""
    if rate is None:
        return "-"
    return number_text(rate, decimals=decimals)
