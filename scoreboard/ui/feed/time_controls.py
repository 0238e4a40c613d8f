"""The app's side of time on the fan's side: replay controls, delay and hidden keys,
the recorder's timer, and the "what you missed" summary.

Every key goes to one action, `app.action_time(what)`, which hands it to
`TimeControls.do`, so the keys table (`TIME_BINDINGS`) is the only list of
them; `available(what)` hides the replay keys when nothing is replaying and
the panel keys without a panel. `TimeControls` is a part the app owns; it
asks the board (`TimeBoard`) for the focused card, timers, screens and a
word to the user, and acts on the feed's delay line (`Spoilers`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from textual.binding import Binding

from scoreboard.providers.base import Provider
from scoreboard.providers.registry import SPECS
from scoreboard.recording.reader import Recording
from scoreboard.recording.writer import Recorder
from scoreboard.settings import Settings
from scoreboard.ui.board import Cards, Notifies, Screens, Timers
from scoreboard.ui.feed.delay import DELAY_STEP, Spoilers
from scoreboard.ui.feed.sync import BroadcastSync
from scoreboard.ui.widgets.match_panel import MatchPanel
from scoreboard.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from scoreboard.providers.replay.player import ReplayPlayer

TIME_BINDINGS = [
    Binding("h", "time('hide')", "Hide score", show=False),
    Binding("H", "time('hide_all')", "Hide all", show=False),
    Binding("m", "time('missed')", "Missed", show=False),
    Binding("plus", "time('delay_more')", "Delay +15 s", key_display="+", show=False),
    Binding("minus", "time('delay_less')", "Delay -15 s", key_display="-", show=False),
    Binding("s", "time('sync')", "Sync to stream", show=False),
    Binding("S", "time('sync_all')", "Sync provider", show=False),
    Binding("space", "time('pause')", "Pause", key_display="space"),
    Binding("full_stop", "time('step')", "Step", key_display=".", show=False),
    Binding("right_square_bracket", "time('ahead_10')", "+10 s", key_display="]", show=False),
    Binding("left_square_bracket", "time('back_10')", "-10 s", key_display="[", show=False),
    Binding("right_curly_bracket", "time('ahead_60')", "+1 min", key_display="}", show=False),
    Binding("left_curly_bracket", "time('back_60')", "-1 min", key_display="{", show=False),
    Binding("e", "time('next')", "Next event", show=False),
    Binding("less_than_sign", "time('slower')", "Slower", key_display="<", show=False),
    Binding("greater_than_sign", "time('faster')", "Faster", key_display=">", show=False),
]
_REPLAY = {"pause", "step", "ahead_10", "back_10", "ahead_60", "back_60", "next"}
_REPLAY |= {"slower", "faster"}
_SPEEDS = {"slower": 0.5, "faster": 2.0}
_PANEL = {"hide", "missed", "delay_more", "delay_less", "sync", "sync_all"}
_STEPS = {"delay_more": DELAY_STEP, "delay_less": -DELAY_STEP}
_SEEKS = {"ahead_10": 10.0, "back_10": -10.0, "ahead_60": 60.0, "back_60": -60.0}


class TimeBoard(Cards, Notifies, Screens, Timers, Protocol):
    """What the time keys need of the board: the focused card, a word, screens, timers."""

    def notice(self, message: str) -> None: ...


class TimeControls:
    """Replay, delay and hidden keys, and the recorder's timer (see the module doc)."""

    def __init__(
        self,
        board: TimeBoard,
        status: StatusBar,
        *,
        replay: Recording | None = None,
        recorder: Recorder | None = None,
        replay_speed: float = 1.0,
    ) -> None:
        self._board = board
        self._status = status
        self.recorder = recorder
        self.player: ReplayPlayer | None = None
        self.recording = replay
        if replay is not None:
            from scoreboard.providers.replay.player import ReplayPlayer

            self.player = ReplayPlayer(
                replay, lambda name: SPECS[name].replay(), speed=replay_speed
            )

    def provider_factory(
        self, forget_history: Callable[[str], None]
    ) -> Callable[[str], Provider] | None:
        """Replay providers when replaying (None: the real ones); a replay that starts
        again from its first frame calls `forget_history(provider)`."""
        player = self.player
        if player is None:
            return None
        from scoreboard.providers.replay.provider import ReplayProvider

        return lambda name: ReplayProvider(name, player, forget_history)

    def run_settings(self, settings: Settings) -> Settings:
        """The settings this run goes by: a replay shows the recording's matches (unless
        `--match` names some) and never reads or writes what a live run keeps: the
        remembered session and follow list, the density chosen with `z`."""
        if self.player is None:
            return settings
        matches = settings.matches or self.replay_matches(settings.provider)
        return replace(
            settings, matches=matches, session_path=None, remember_shown=False, state_dir=None
        )

    def replay_matches(self, default_provider: str) -> tuple[str, ...]:
        """The recording's matches: those the recording app followed first, in its order
        (ids without a provider are `default_provider`'s)."""
        if self.player is None or self.recording is None:
            return ()
        found = [str(ref) for ref in self.player.matches]
        default = default_provider
        named = [text if ":" in text else f"{default}:{text}" for text in self.recording.matches]
        first = [text for text in named if text in found]
        return (*first, *(text for text in found if text not in first))

    def mounted(self) -> None:
        """The app is up: the recorder flushes every second, the status line shows the replay."""
        board = self._board
        if self.recorder is not None:
            board.set_interval(1.0, self.recorder.flush)
        if self.player is not None:
            self._status.replay = self.position_text
            self.player.on_move = self._moved
            recording = self.recording
            for said in (recording.report(), recording.gaps_text()) if recording else ():
                if said:
                    board.notice(f"replay: {said}")

    def _moved(self) -> None:
        self._status.refresh()

    def closing(self) -> None:
        if self.recorder is not None:
            self.recorder.close()

    # -- the status line -----------------------------------------------------------------

    def position_text(self) -> str:
        player = self.player
        if player is None:
            return ""
        if player.paused:
            mark = "replay paused"
        elif player.finished:
            mark = "replay ended"
        else:
            mark = "▶ replay"
        at = _hms(player.position - player.start)
        total = _hms(player.end - player.start)
        speed = f" x{player.speed:g}" if not player.finished and player.speed != 1 else ""
        return f"{mark} {at} / {total}{speed}  "

    # -- keys ----------------------------------------------------------------------------

    def available(self, what: str, *, panel: bool) -> bool:
        """Whether the key for `what` acts (`panel`: a panel has the focus)."""
        if what in _REPLAY:
            return self.player is not None
        if what in _PANEL:
            return panel
        return True

    def do(self, what: str, spoilers: Spoilers, sync: BroadcastSync | None = None) -> None:
        """The key for `what` (see `TIME_BINDINGS`), on the feed's delay line `spoilers`
        (and its broadcast `sync`)."""
        player, card = self.player, self._board.focused_card
        if what in _REPLAY and player is not None:
            if what == "pause":
                player.toggle_pause()
            elif what == "step":
                player.step()
            elif what in _SPEEDS:
                player.change_speed(_SPEEDS[what])
            elif what == "next":
                if not player.next_event():
                    self._board.notify("No more events in the recording.", markup=False)
            else:
                player.seek(_SEEKS[what])
            self._status.refresh()
        elif what == "hide_all":
            hidden = spoilers.toggle_all()
            self._board.notify("Scores hidden." if hidden else "Scores shown.", markup=False)
        elif card is not None and what in ("sync", "sync_all") and sync is not None:
            if what == "sync":
                said = sync.sync(card)
            else:
                said = sync.sync_all(card, self._board.cards.values())
            self._board.notify(said, markup=False)
        elif card is not None and what in _STEPS and sync is not None:
            sync.add_delay(card, _STEPS[what])  # a synced match's remembered delay moves too
        elif card is not None:
            self._panel_key(what, card, spoilers)

    def _panel_key(self, what: str, card: MatchPanel, spoilers: Spoilers) -> None:
        if what == "hide":
            spoilers.toggle_hidden(card)
        elif what == "delay_more":
            spoilers.add_delay(card, DELAY_STEP)
        elif what == "delay_less":
            spoilers.add_delay(card, -DELAY_STEP)
        elif what == "missed":
            from scoreboard.ui.screens.missed import MissedScreen

            shown = card.snapshot  # what the summary says; news after it stays marked
            self._board.push_screen(MissedScreen(card), lambda _: card.mark_seen(shown))


def _hms(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
