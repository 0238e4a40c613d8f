"""Real, public matches replayed as Sportrix snapshots (docs/simulator.md, "Real matches").

```python
from scoreboard.sim import real

real.names()                       # the matches whose data is here, e.g. ["ipl-2019-final", ...]
m = real.load("ipl-2019-final")    # RealMatch: match_id, sport, title, frames, source
m.frames[-1].data["result"]        # "Mumbai Indians won by 1 run"
m.source["innings"][1]["overs"]    # cricsheet's own deliveries, for computing the truth
```

Cricket comes from cricsheet (ODC-BY 1.0) and ships in the package
(`scoreboard/sim/real/cricsheet/`). Soccer comes from StatsBomb's open data,
whose user agreement does not let us redistribute it in the package: it lives
in the source tree (`tests/data/real/statsbomb/`), or in the directory named by
`SPORTRIX_REAL_DATA`, and its matches are listed only when that data is there.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scoreboard.sim.real.frames import RealMatch, TimedFrame

__all__ = ["REAL_MATCHES", "RealMatch", "TimedFrame", "load", "names", "spec"]

#: Largest data file read, uncompressed (a cricsheet ODI is about 200 KB).
MAX_BYTES = 4 * 1024 * 1024
_PACKAGE_DATA = Path(__file__).resolve().parent
_SOURCE_TREE_DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "real"
DATA_ENV = "SPORTRIX_REAL_DATA"


@dataclass(frozen=True)
class RealSpec:
    """One real match: its name and id in the catalog, and where its data is."""

    name: str
    match_id: int
    sport: str
    file: str  # relative to the data directory of its source
    title: str


REAL_MATCHES: tuple[RealSpec, ...] = (
    RealSpec(
        "ipl-2019-final",
        700001,
        "cricket",
        "cricsheet/ipl-2019-final.json.gz",
        "IPL final 2019, Mumbai Indians v Chennai Super Kings: won by 1 run off the last ball",
    ),
    RealSpec(
        "wt20-2016-final",
        700002,
        "cricket",
        "cricsheet/wt20-2016-final.json.gz",
        "World T20 final 2016, England v West Indies: 19 needed off the last over",
    ),
    RealSpec(
        "ct-2004-final",
        700003,
        "cricket",
        "cricsheet/ct-2004-final.json.gz",
        "Champions Trophy final 2004, England v West Indies: 58 extras, won by 2 wickets",
    ),
    RealSpec(
        "wc-2019-semi",
        700004,
        "cricket",
        "cricsheet/wc-2019-semi.json.gz",
        "World Cup semi-final 2019, India v New Zealand (ODI): Dhoni run out in the chase",
    ),
    RealSpec(
        "barcelona-girona-2018",
        700101,
        "soccer",
        "statsbomb/barcelona-girona-2018.json.gz",
        "La Liga 2018/19, Barcelona 2-2 Girona: a red card, long names, added time",
    ),
    RealSpec(
        "turkey-italy-2021",
        700102,
        "soccer",
        "statsbomb/turkey-italy-2021.json.gz",
        "Euro 2020, Turkey 0-3 Italy: an own goal, Turkish letters, added time",
    ),
    RealSpec(
        "barcelona-alaves-2018",
        700103,
        "soccer",
        "statsbomb/barcelona-alaves-2018.json.gz",
        "La Liga 2018/19, Barcelona 3-0 Alaves: a free kick and a goal in added time",
    ),
)


def _path(entry: RealSpec) -> Path:
    if entry.file.startswith("cricsheet/"):
        return _PACKAGE_DATA / entry.file
    override = os.environ.get(DATA_ENV)
    base = Path(override) if override else _SOURCE_TREE_DATA
    return base / entry.file


def spec(name_or_id: str | int) -> RealSpec:
    """The entry for a match name or catalog id (KeyError if none)."""
    for entry in REAL_MATCHES:
        if name_or_id in (entry.name, entry.match_id):
            return entry
    raise KeyError(name_or_id)


def names() -> list[str]:
    """The real matches whose data is present, in catalog order."""
    return [e.name for e in REAL_MATCHES if _path(e).is_file()]


def read_source(entry: RealSpec) -> dict[str, Any]:
    """The match's source document, read with a size bound."""
    with gzip.open(_path(entry), "rb") as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{entry.file} is larger than {MAX_BYTES} bytes")
    doc = json.loads(raw)
    if not isinstance(doc, dict):
        raise ValueError(f"{entry.file} is not a JSON object")
    return doc


@lru_cache(maxsize=16)
def load(name: str) -> RealMatch:
    """The real match `name` (a name from `names()`): every state in order."""
    # The converters are imported here: `names()` runs at every start of the
    # app (the --real help), and only a replay needs them.
    from scoreboard.sim.real.cricket import cricket_frames
    from scoreboard.sim.real.soccer import soccer_frames

    entry = spec(name)
    doc = read_source(entry)
    if entry.sport == "cricket":
        frames = cricket_frames(doc, entry.match_id)
    else:
        frames = soccer_frames(doc, entry.match_id)
    return RealMatch(entry.name, entry.match_id, entry.sport, entry.title, tuple(frames), doc)
