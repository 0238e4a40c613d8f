"""One match watched for everything beyond `core.notable`: its pulse and the moments worth an alert.

`MatchWatch.observe(snap, now)` takes each snapshot a panel applies and gives
the match's `Pulse` and the moments new in it: close games
(`core.closegame`), followed players' moments (`core.players`) and the pulse
reaching a level an alert rule asks for (`kind="pulse"`). Each fires once per
match (`moments.Seen`, `players.PlayerWatch`, `pulse.PulseLevels`). The alert
centre routes them (`alerting.route`) as it does notable moments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scoreboard.core.closegame import DEFAULT, CloseGameSettings, close_game_moments
from scoreboard.core.models import Snapshot
from scoreboard.core.moments import Moment, Seen
from scoreboard.core.players import PlayerWatch
from scoreboard.core.pulse import Pulse, PulseLevels, PulseTracker, progress


class MatchWatch:
    """The pulse and the close-game, player and pulse-level moments of one match."""

    def __init__(
        self,
        players: Sequence[str] = (),
        close_game: CloseGameSettings = DEFAULT,
        pulse_levels: Iterable[int] = (),
    ) -> None:
        self.close_game = close_game
        self.tracker = PulseTracker()
        self.players = PlayerWatch(players)
        self.levels = PulseLevels(pulse_levels)
        self._close = Seen()
        self._reached: dict[int, int] = {}
        self.pulse = Pulse(0)

    def observe(self, snap: Snapshot, now: float) -> list[Moment]:
        """The moments new in `snap`, oldest kind first; `self.pulse` is its pulse at `now`."""
        self.pulse = self.tracker.observe(snap, now)
        found = self._close.fresh(close_game_moments(snap, self.close_game))
        found += self.players.observe(snap)
        for level in self.levels.observe(self.pulse.value, progress(snap)):
            count = self._reached[level] = self._reached.get(level, 0) + 1
            why = f": {self.pulse.why}" if self.pulse.why else ""
            text = f"Pulse {self.pulse.value} (≥ {level}){why}"
            found.append(Moment("pulse", ("pulse", level, count), text))
        return found
