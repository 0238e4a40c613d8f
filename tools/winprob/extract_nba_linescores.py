"""Build tests/data/winprob/basketball.json from NBA box-score summaries.

Not run by the tests: it documents (and repeats) how the committed sample was
made. Usage:

    python tools/winprob/extract_nba_linescores.py SUMMARY.json... \
        > tests/data/winprob/basketball.json

Each SUMMARY.json is one game's `boxscoresummaryv2` answer as the public
repository sportsdataverse/hoopR-nba-stats-raw keeps it
(`nba_stats/json/boxscoresummaryv2/<season>/<game id>.json`, CC BY 4.0).
Kept per game: the game id, the date, the two teams (home from the
`GameSummary` set's HOME_TEAM_ID, which the `SeasonSeries` set repeats; the
`LastMeeting` set's home is not used: it is wrong for some games), the points
of each quarter for both sides, overtime points summed, and the final score.
A game is dropped unless its quarters and overtimes add up to its total and
it has a winner.
"""

from __future__ import annotations

import json
import sys
from typing import Any

QUARTERS = ("PTS_QTR1", "PTS_QTR2", "PTS_QTR3", "PTS_QTR4")
OVERTIMES = tuple(f"PTS_OT{n}" for n in range(1, 11))
SOURCE = (
    "NBA box-score summaries (boxscoresummaryv2, 2023-24 regular season) from "
    "sportsdataverse/hoopR-nba-stats-raw, CC BY 4.0"
)


def _table(summary: dict[str, Any], name: str) -> list[dict[str, Any]]:
    for result in summary["resultSets"]:
        if result["name"] == name:
            return [dict(zip(result["headers"], row, strict=True)) for row in result["rowSet"]]
    return []


def _line(row: dict[str, Any]) -> tuple[list[int], int, int]:
    quarters = [int(row[key] or 0) for key in QUARTERS]
    overtime = sum(int(row.get(key) or 0) for key in OVERTIMES)
    return quarters, overtime, int(row["PTS"] or 0)


def match(game_id: str, date: str, lines: dict[str, dict[str, Any]], home: str) -> dict[str, Any]:
    """One game of the sample from its two line-score rows, keyed by team abbreviation."""
    away = next(team for team in lines if team != home)
    (hq, hot, hpts), (aq, aot, apts) = _line(lines[home]), _line(lines[away])
    if sum(hq) + hot != hpts or sum(aq) + aot != apts or hpts == apts:
        raise ValueError(f"{game_id}: the line score does not add up to a result")
    return {
        "id": game_id,
        "date": date,
        "home": home,
        "away": away,
        "quarters": [[h, a] for h, a in zip(hq, aq, strict=True)],
        "overtime": [hot, aot],
        "final": [hpts, apts],
    }


def from_summary(summary: dict[str, Any]) -> dict[str, Any]:
    game = _table(summary, "GameSummary")[0]
    rows = _table(summary, "LineScore")
    if len(rows) != 2:
        raise ValueError(f"{game['GAME_ID']}: no line score")
    lines = {str(row["TEAM_ABBREVIATION"]): row for row in rows}
    home = next(str(r["TEAM_ABBREVIATION"]) for r in rows if r["TEAM_ID"] == game["HOME_TEAM_ID"])
    return match(str(game["GAME_ID"]), str(game["GAME_DATE_EST"])[:10], lines, home)


def main(paths: list[str]) -> None:
    matches = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            try:
                matches.append(from_summary(json.load(handle)))
            except (KeyError, IndexError, StopIteration, ValueError) as error:
                print(f"skipped {path}: {error}", file=sys.stderr)
    matches.sort(key=lambda m: m["id"])
    print(dump(matches))


def dump(matches: list[dict[str, Any]]) -> str:
    """The sample file: one game a line, so a diff shows which games changed."""
    lines = ",\n".join(json.dumps(m, separators=(",", ":")) for m in matches)
    return f'{{"source":{json.dumps(SOURCE)},\n"matches":[\n{lines}\n]}}'


if __name__ == "__main__":
    main(sys.argv[1:])
