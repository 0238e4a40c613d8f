"""sportrix-tui: a terminal live scoreboard for several matches at once."""

__version__ = "0.1.0"
