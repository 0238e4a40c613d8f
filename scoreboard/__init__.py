"""sportrix-tui: a terminal live scoreboard for several matches at once."""

__version__ = "0.1.0"

import logging as _logging

# A library's loggers stay quiet unless the app configures them: without this,
# Python's last-resort handler would print warnings over the terminal UI.
_logging.getLogger("scoreboard").addHandler(_logging.NullHandler())
