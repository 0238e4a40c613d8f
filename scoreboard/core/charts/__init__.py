"""What the charts show, worked out from a match's history (pure: no Textual, no Rich).

Each sport has a tracker that is fed the match's states in order and keeps
only the few numbers its charts need (`soccer.SoccerTracker`: the stats of
each played minute; `cricket.CricketTracker`: the total at each over's end,
every wicket; `basketball.BasketballTracker`: the score at each change).
`feed.ChartFeed` feeds a tracker from a `MatchHistory` incrementally: only
the entries added since it last looked, and never past the state the
panel shows (a spoiler delay, a rewind). `ChartStore` keeps one feed per
match. How the momentum index is computed: docs/charts.md.
"""

from __future__ import annotations

from scoreboard.core.charts.feed import ChartFeed, ChartStore, Tracker, tracker_for

__all__ = ["ChartFeed", "ChartStore", "Tracker", "tracker_for"]
