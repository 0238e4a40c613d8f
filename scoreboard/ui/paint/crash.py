"""Where an unhandled exception goes: the log, not the terminal.

Textual ends the app on an exception no handler caught (return code 1) and
prints a traceback *with local variables* to the terminal; locals can hold
the API key, and the user gets a screenful instead of a pointer. This mixin
keeps Textual's ending (return code, the pilot re-raising in tests) but
sends the traceback to the log (which redacts secrets) and keeps the first
exception in `crash`, so `cli.py` can print one line and exit with
`exits.CRASH`. It overrides two private `App` methods, which is why it
lives here (`ui/paint/` is the only code that touches Textual internals).
"""

from __future__ import annotations

import logging

from textual.app import App

log = logging.getLogger("scoreboard.crash")


class LogsCrashes(App[None]):
    #: The first exception nothing handled; the app is ending because of it.
    crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            self.crash = error
            log.critical("the app crashed (%s)", type(error).__name__, exc_info=error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's version renders a traceback with locals for the terminal.
        self.bell()
        self._close_messages_no_wait()
