"""Exit statuses of `sportrix-tui`, documented in the README ("Exit status").

Scripts and service managers tell outcomes apart by these; keep them stable.
"""

from __future__ import annotations

#: The user quit (or `--once` printed every match it was asked for).
OK = 0
#: A crash: the traceback is in the log, one line on stderr points to it.
CRASH = 1
#: Bad usage: a bad flag, `--match`, config value or URL; nothing was started.
USAGE = 2
#: The provider refused the API key (HTTP 401), so nothing can be shown.
KEY_REFUSED = 3
#: `--once`: a match could not be shown (no such match, not live); the others were printed.
NOT_SHOWN = 4
#: `--once`: a match got no answer within `--timeout` (provider unreachable or silent).
NO_ANSWER = 5
#: A setup error: no API key is configured for a provider the session needs, so
#: nothing was sent (a key the provider refused is `KEY_REFUSED`).
NO_KEY = 6


def signalled(signum: int) -> int:
    """The conventional status for a process ended by signal `signum` (128 + N)."""
    return 128 + signum
