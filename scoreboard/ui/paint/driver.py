"""Writing straight to the app's terminal, in order with Textual's own output.

Textual offers no public way to write an escape to the terminal, so the one
piece that reaches its driver lives here, in `paint/` (the one place allowed
to touch Textual's private names). What is written (the title, desktop
notifications) is composed elsewhere (`fan/alerts/escapes.py`).
"""

from __future__ import annotations

from typing import Any

from textual.app import App


class DriverWriter:
    """Writes to `app`'s terminal (nothing when there is none, as in tests)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app

    @property
    def attached(self) -> bool:
        """A terminal is attached (the app is running with a driver)."""
        return self._app._driver is not None

    def write(self, sequence: str) -> bool:
        """Write `sequence` as it is; False when no terminal is attached. A headless
        app (tests) has a driver but no terminal: nothing is written, True all the same."""
        driver = self._app._driver
        if driver is None:
            return False
        if not self._app.is_headless:
            driver.write(sequence)
        return True
