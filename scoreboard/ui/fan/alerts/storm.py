"""A storm of alerts becomes one summary: a limit across matches and time.

Alerts are merged within one applied snapshot (`AlertCenter`), but 500 goals
in 2 s over 5 followed matches are hundreds of snapshots: each alerted, and
a desktop raised 67 notifications a second. `StormGate` lets `burst` alerts
through in any `window` seconds, whatever their match; the rest are held,
and when the window has passed since the first one held, they go out as one
summary (`due`). Pure logic on a clock the caller gives: no Textual.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from scoreboard.ui.fan.alerts.channels import Alert

#: Alerts let through in any window, across every match.
BURST = 3
#: Seconds of the sliding window.
WINDOW = 10.0
#: Bodies quoted in a summary (the newest).
QUOTED = 4


@dataclass
class StormGate:
    burst: int = BURST
    window: float = WINDOW
    #: When each alert let through in the window was.
    _times: deque[float] = field(default_factory=deque)
    #: Held since the storm began, oldest first; `held_since` when the first was.
    _held: list[Alert] = field(default_factory=list)
    held_since: float | None = None

    def admit(self, alert: Alert, now: float) -> bool:
        """True: send it now. False: held for the summary (call `due` after `window`)."""
        times = self._times
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.burst and not self._held:
            times.append(now)
            return True
        if not self._held:
            self.held_since = now
        self._held.append(alert)
        return False

    def due(self, now: float) -> Alert | None:
        """The summary of what was held, once `window` has passed since the first; else None."""
        if not self._held or self.held_since is None or now - self.held_since < self.window:
            return None
        held, self._held, self.held_since = self._held, [], None
        self._times.append(now)
        matches = {alert.ref for alert in held}
        events = sum(max(1, len(alert.kinds)) for alert in held)
        kinds = tuple(kind for alert in held for kind in alert.kinds)
        if len(matches) == 1:
            title = held[-1].title
        else:
            title = f"{events} more events in {len(matches)} matches"
        body = f"{events} more events: " + " · ".join(alert.body for alert in held[-QUOTED:])
        return Alert(held[-1].ref, title, body, kinds)
