"""Build tests/data/winprob/soccer.json from openfootball's public-domain JSON.

Not run by the tests: it documents (and repeats) how the committed sample was
made. Usage:

    python tools/winprob/extract_openfootball.py WORLDCUP_GIT EURO_GIT FOOTBALL_GIT \
        > tests/data/winprob/soccer.json

The three git directories are mirrors of openfootball's worldcup.json,
euro.json and football.json repositories (dedicated to the public domain).
Kept per match: the competition, the date, the two teams (first named = home),
the half-time and full-time (90-minute) scores, and for tournament matches
every goal of the 90 minutes as [minute, added minute, side] (0 home, 1 away).
Tournament matches whose listed goals do not add up to the score are dropped.
League matches are picked by a hash of competition, date and teams.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from typing import Any

TOURNAMENTS = [
    ("wc", "2014/worldcup.json"),
    ("wc", "2018/worldcup.json"),
    ("wc", "2022/worldcup.json"),
    ("euro", "2020/euro.json"),
    ("euro", "2024/euro.json"),
]
LEAGUES = ["2023-24/en.1.json", "2023-24/de.1.json", "2023-24/es.1.json", "2023-24/it.1.json"]
LEAGUE_MATCHES = 300


def _read(git_dir: str, path: str) -> dict[str, Any]:
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True, check=True
    ).stdout
    data: dict[str, Any] = json.loads(out)
    return data


def _matches(data: dict[str, Any]) -> list[dict[str, Any]]:
    if "matches" in data:
        return list(data["matches"])
    return [m for r in data["rounds"] for m in r["matches"]]


def _name(team: Any) -> str:
    return str(team["name"] if isinstance(team, dict) else team)


def _tournament(m: dict[str, Any], comp: str) -> dict[str, Any] | None:
    score = m.get("score", {})
    if "ft" not in score or "ht" not in score:
        return None
    goals = [
        [g["minute"], g.get("offset", 0), side]
        for side, key in ((0, "goals1"), (1, "goals2"))
        for g in m.get(key, [])
        if g["minute"] <= 90
    ]
    goals.sort()
    if [sum(1 for g in goals if g[2] == s) for s in (0, 1)] != score["ft"]:
        return None
    first_half = [sum(1 for g in goals if g[2] == s and g[0] <= 45) for s in (0, 1)]
    if first_half != score["ht"]:
        return None
    return {
        "competition": comp,
        "date": m["date"],
        "teams": [_name(m["team1"]), _name(m["team2"])],
        "ht": score["ht"],
        "ft": score["ft"],
        "goals": goals,
    }


def main(worldcup: str, euro: str, football: str) -> None:
    out = []
    for comp, path in TOURNAMENTS:
        for m in _matches(_read(worldcup if comp == "wc" else euro, path)):
            kept = _tournament(m, f"{comp} {path.split('/')[0]}")
            if kept:
                out.append(kept)
    league = []
    for path in LEAGUES:
        for m in _matches(_read(football, path)):
            score = m.get("score", {})
            if "ft" in score and "ht" in score:
                league.append(
                    {
                        "competition": path.removesuffix(".json"),
                        "date": m["date"],
                        "teams": [_name(m["team1"]), _name(m["team2"])],
                        "ht": score["ht"],
                        "ft": score["ft"],
                        "goals": None,
                    }
                )
    league.sort(
        key=lambda m: hashlib.sha256(
            f"{m['competition']}|{m['date']}|{m['teams']}".encode()
        ).hexdigest()
    )
    out += league[:LEAGUE_MATCHES]
    for i, m in enumerate(out):
        m["id"] = f"{m['competition']}|{m['date']}|{m['teams'][0]}|{m['teams'][1]}"
        del i
    json.dump(
        {
            "source": "openfootball (https://github.com/openfootball): worldcup.json, euro.json, "
            "football.json",
            "licence": "Dedicated to the public domain (CC0-style: 'use as you please with no "
            "restrictions whatsoever'); reduced by tools/winprob/extract_openfootball.py",
            "matches": out,
        },
        sys.stdout,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
