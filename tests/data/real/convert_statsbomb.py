"""Turn a StatsBomb open-data events file into the compact form the simulator replays.

Not run by the tests: it documents (and reproduces) how
`tests/data/real/statsbomb/*.json.gz` were made. Usage:

    python tests/data/real/convert_statsbomb.py EVENTS.json OUT.json.gz \
        --home Barcelona --competition "La Liga 2018/2019" --source "..."

Kept per event (all times as StatsBomb gives them: period, minute, second of
the match clock): period starts and ends, shots (outcome, type, xG, the
assisting player), own goals, cards, substitutions, corners, fouls,
offsides and goalkeeper saves, each with its team (0 home, 1 away) and player;
and the possession clock (seconds of play credited to each side so far) on
every kept event and at every minute boundary. Nothing else: no locations,
no passes, no freeze frames.
"""

from __future__ import annotations

import argparse
import gzip
import json
from typing import Any

SAVES = {
    "Shot Saved",
    "Shot Saved Off T",
    "Shot Saved to Post",
    "Penalty Saved",
    "Penalty Saved to Post",
    "Save",
}


def convert(events: list[dict[str, Any]], home: str) -> list[list[Any]]:
    events = sorted(events, key=lambda e: e["index"])
    teams = {home: 0}
    for e in events:
        teams.setdefault(e["team"]["name"], 1)
    by_id = {e["id"]: e for e in events}
    out: list[list[Any]] = []
    poss = [0.0, 0.0]
    last: tuple[int, float] | None = None  # (period, clock seconds) of the previous event
    last_team: int | None = None
    seen_period_marks: set[tuple[int, str]] = set()
    next_minute: dict[int, int] = {}

    def row(e: dict[str, Any], kind: str, side: int | None, player: str | None, extra: Any) -> None:
        out.append(
            [
                e["period"],
                e["minute"],
                e["second"],
                kind,
                side,
                player,
                extra,
                [round(poss[0]), round(poss[1])],
            ]
        )

    for e in events:
        period = e["period"]
        clock = e["minute"] * 60 + e["second"] + int(e["timestamp"][-3:]) / 1000
        if last is not None and last[0] == period and clock < last[1]:
            clock = last[1]  # a few events are filed out of time order: never count backwards
        if last is not None and last[0] == period and last_team is not None and period < 5:
            poss[last_team] += clock - last[1]
        # one tick row per minute boundary crossed (possession so far)
        nm = next_minute.setdefault(period, e["minute"] + 1)
        while period < 5 and e["minute"] >= nm and e["type"]["name"] != "Half End":
            out.append([period, nm, 0, "tick", None, None, None, [round(poss[0]), round(poss[1])]])
            nm += 1
        next_minute[period] = nm
        last = (period, clock)
        pt = e.get("possession_team", {}).get("name")
        last_team = teams.get(pt) if pt else last_team
        side = teams[e["team"]["name"]]
        player = e.get("player", {}).get("name")
        kind = e["type"]["name"]
        if kind in ("Half Start", "Half End"):
            mark = (period, kind)
            if mark not in seen_period_marks:
                seen_period_marks.add(mark)
                row(e, "start" if kind == "Half Start" else "end", None, None, None)
            continue
        if kind == "Shot":
            shot = e["shot"]
            assist = None
            key = shot.get("key_pass_id")
            if key and key in by_id and by_id[key].get("pass", {}).get("goal_assist"):
                assist = by_id[key].get("player", {}).get("name")
            extra = {
                "outcome": shot["outcome"]["name"],
                "type": shot["type"]["name"],
                "xg": round(shot.get("statsbomb_xg", 0.0), 4),
                "assist": assist,
            }
            row(e, "shot", side, player, extra)
        elif kind == "Own Goal Against":
            row(e, "own_goal", side, player, None)
        elif kind == "Substitution":
            row(e, "sub", side, player, e["substitution"]["replacement"]["name"])
        elif kind == "Pass" and e["pass"].get("type", {}).get("name") == "Corner":
            row(e, "corner", side, player, None)
        elif kind == "Offside" or (
            kind == "Pass" and e["pass"].get("outcome", {}).get("name") == "Pass Offside"
        ):
            row(e, "offside", side, player, None)
        elif kind == "Goal Keeper" and e["goalkeeper"].get("type", {}).get("name") in SAVES:
            row(e, "save", side, player, e["goalkeeper"]["type"]["name"])
        if kind == "Foul Committed":
            row(e, "foul", side, player, None)
        card = (e.get("foul_committed") or e.get("bad_behaviour") or {}).get("card")
        if card:
            row(e, "card", side, player, card["name"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("out")
    ap.add_argument("--match-id", type=int, required=True, help="StatsBomb's match id")
    ap.add_argument("--home", required=True)
    ap.add_argument("--competition", required=True)
    ap.add_argument("--venue", default=None)
    ap.add_argument("--date", required=True)
    ap.add_argument("--source", required=True, help="where the events file came from")
    ap.add_argument(
        "--drop-index",
        type=int,
        action="append",
        default=[],
        help="StatsBomb event index to leave out (a test fixture's insertion)",
    )
    args = ap.parse_args()
    with open(args.events, encoding="utf-8") as f:
        events = [e for e in json.load(f) if e["index"] not in args.drop_index]
    teams = []
    for e in events:
        if e["team"]["name"] not in teams:
            teams.append(e["team"]["name"])
    away = next(t for t in teams if t != args.home)
    doc = {
        "format": "sportrix-real-soccer/1",
        "source": args.source,
        "statsbomb_match_id": args.match_id,
        "home": args.home,
        "away": away,
        "competition": args.competition,
        "venue": args.venue,
        "date": args.date,
        "columns": ["period", "minute", "second", "kind", "team", "player", "extra", "possession"],
        "events": convert(events, args.home),
    }
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
