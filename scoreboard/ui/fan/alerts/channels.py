"""Where an alert goes: a toast, the terminal bell, a desktop notification.

Each channel keeps what it sent (`sent`, the last 100), so diagnostics and
tests can tell that a goal made exactly one of each. The desktop channel
uses the terminal's own notification escape where the terminal is known to
understand one (OSC 777 or OSC 9, `fan.alerts.escapes.notification_escape`), and
otherwise the platform's notifier through `desktop-notifier` (the optional
`notify` extra). Without either it falls back to a toast and logs one line.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

from scoreboard.core.events import MatchRef
from scoreboard.ui.board import Notifies, Timers, Workers
from scoreboard.ui.fan.alerts.escapes import Terminal, notification_escape

log = logging.getLogger("scoreboard.ui.fan.alerts")
TOAST_SECONDS = 8.0


@dataclass(frozen=True)
class Alert:
    """One alert: `title` is the match's short line, `body` what happened."""

    ref: MatchRef
    title: str
    body: str
    kinds: tuple[str, ...]


class AlertBoard(Notifies, Timers, Workers, Protocol):
    """What the channels need of the board: a toast, the bell, background work, a timer
    (the storm's summary)."""

    def bell(self) -> None: ...


class Channel(Protocol):
    name: str
    sent: deque[Alert]

    def send(self, alert: Alert) -> None: ...


class ToastChannel:
    name = "toast"

    def __init__(self, board: AlertBoard) -> None:
        self._board = board
        self.sent: deque[Alert] = deque(maxlen=100)

    def send(self, alert: Alert) -> None:
        self.sent.append(alert)
        self._board.notify(alert.body, title=alert.title, markup=False, timeout=TOAST_SECONDS)


class BellChannel:
    name = "bell"

    def __init__(self, board: AlertBoard) -> None:
        self._board = board
        self.sent: deque[Alert] = deque(maxlen=100)

    def send(self, alert: Alert) -> None:
        self.sent.append(alert)
        self._board.bell()


class DesktopChannel:
    """A desktop notification by escape or by the platform notifier (see the module doc)."""

    name = "desktop"

    def __init__(self, board: AlertBoard, terminal: Terminal, mode: str = "auto") -> None:
        self._board = board
        self.terminal = terminal
        self.sent: deque[Alert] = deque(maxlen=100)
        #: "osc777", "osc9", "notifier" or "toast" (the fallback).
        self.backend = self._choose(mode)
        #: desktop-notifier's `DesktopNotifier` once made (an optional extra: typed
        #: `Any` so the code type-checks with or without it installed).
        self._notifier: Any = None
        #: The toast channel is on too: falling back adds no second toast.
        self.toasts_elsewhere = False

    def _choose(self, mode: str) -> str:
        if mode in ("osc777", "osc9"):
            return mode
        if mode == "auto":
            escape = notification_escape(self.terminal.env)
            if escape is not None:
                return escape
        if importlib.util.find_spec("desktop_notifier") is None:
            self._fall_back("desktop-notifier is not installed (the notify extra)")
            return "toast"
        return "notifier"

    def _fall_back(self, why: str) -> None:
        log.warning("desktop notifications unavailable: %s; alerts show as toasts", why)

    def send(self, alert: Alert) -> None:
        self.sent.append(alert)
        if self.backend in ("osc777", "osc9"):
            self.terminal.notify(self.backend, alert.title, alert.body)
        elif self.backend == "notifier":
            self._board.run_worker(self._notify(alert), group="desktop-notify", exit_on_error=False)
        else:
            self._toast(alert)

    def _toast(self, alert: Alert) -> None:
        if self.toasts_elsewhere:
            return
        self._board.notify(alert.body, title=alert.title, markup=False, timeout=TOAST_SECONDS)

    async def _notify(self, alert: Alert) -> None:
        try:
            if self._notifier is None:
                module: Any = importlib.import_module("desktop_notifier")
                self._notifier = module.DesktopNotifier(app_name="sportrix-tui")
            await self._notifier.send(title=alert.title, message=alert.body)
        except Exception as exc:
            if self.backend == "notifier":
                self.backend = "toast"
                self._fall_back(f"the platform notifier failed ({type(exc).__name__}: {exc})")
            self._toast(alert)
