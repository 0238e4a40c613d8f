"""websockets' client, guarded so the API key cannot leak through it.

Both providers connect through `GuardedConnect` and hand websockets a
`RedactingLog`: websockets' debug log dumps handshake headers and request
lines (the key is in one or the other), and it would follow a redirect with
custom headers such as `X-API-Key` to another host.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import connect


class RedactingLog(logging.LoggerAdapter[logging.Logger]):
    """A logger for websockets that formats each line and passes it through
    `redact` before any handler sees it; tracebacks are dropped (they could
    quote a URL with the key in it)."""

    def __init__(self, logger: logging.Logger, redact: Callable[[str], str]) -> None:
        super().__init__(logger, {})
        self._redact = redact

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if not self.isEnabledFor(level):
            return
        try:
            text = str(msg) % args if args else str(msg)
        except (TypeError, ValueError):
            text = " ".join(map(str, (msg, *args)))
        kwargs.pop("extra", None)
        kwargs.pop("exc_info", None)
        self.logger.log(level, "%s", self._redact(text), **kwargs)


class GuardedConnect(connect):
    """`connect` that never follows a redirect.

    websockets strips `Authorization` and cookies on a cross-origin redirect
    but not custom headers, so following one could hand the key to another
    host. A redirect is reported as a failed attempt instead.
    """

    def process_redirect(self, exc: Exception) -> Exception | str:
        return exc
