"""Build tests/data/winprob/cricket.json from cricsheet JSON in a git mirror.

Not run by the tests: it documents (and repeats) how the committed sample was
made. Usage:

    python tools/winprob/extract_cricsheet.py GIT_DIR > tests/data/winprob/cricket.json

GIT_DIR holds cricsheet's `t20s_json/` and `odis_json/` folders (cricsheet's own
downloads, unzipped). Each match keeps only what the models need: the format,
the date, the two teams, who won, and each innings as one token per delivery:
the runs it added, then `x` if it was no legal ball (a wide or no-ball), then
`W` if a batter was out (retired hurt does not count).

Matches are picked by a hash of their id (a fixed, source-independent order),
keeping only complete two-innings games decided on the field: no method
(D/L), no reduced overs, no result; a tie counts for the super over's winner.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from typing import Any

PER_FORMAT = {"t20s_json": ("T20", 20, 300), "odis_json": ("ODI", 50, 200)}
NOT_OUT = {"retired hurt", "retired not out"}


def _blobs(git_dir: str, paths: list[str]) -> dict[str, bytes]:
    """Read many files from HEAD with one `git cat-file --batch`."""
    query = "".join(f"HEAD:{p}\n" for p in paths).encode()
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "cat-file", "--batch"],
        input=query,
        capture_output=True,
        check=True,
    ).stdout
    blobs: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs[path] = out[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return blobs


def _token(delivery: dict[str, Any]) -> str:
    extras = delivery.get("extras", {})
    token = str(delivery["runs"]["total"])
    if "wides" in extras or "noballs" in extras:
        token += "x"
    if any(w.get("kind") not in NOT_OUT for w in delivery.get("wickets", [])):
        token += "W"
    return token


def _match(data: dict[str, Any], fmt: str, overs: int) -> dict[str, Any] | None:
    info = data["info"]
    outcome = info.get("outcome", {})
    innings = data.get("innings", [])
    if (
        info.get("overs") != overs
        or info.get("balls_per_over", 6) != 6
        or not ("winner" in outcome or "eliminator" in outcome)
        or "method" in outcome
        or len(innings) != 2
        or any(i.get("super_over") for i in innings)
    ):
        return None
    target = innings[1].get("target", {})
    if target.get("overs", overs) != overs:
        return None
    tokens = [
        " ".join(_token(d) for over in inn["overs"] for d in over["deliveries"]) for inn in innings
    ]
    first_total = sum(int(t.rstrip("xW")) for t in tokens[0].split())
    if target.get("runs", first_total + 1) != first_total + 1:
        return None  # penalty runs or a data slip: the chase would not add up
    return {
        "format": fmt,
        "gender": info.get("gender"),
        "date": info["dates"][0],
        "teams": [innings[0]["team"], innings[1]["team"]],
        # A tie counts for the side that won the super over (the "eliminator").
        "chaser_won": int(outcome.get("winner", outcome.get("eliminator")) == innings[1]["team"]),
        "tie": outcome.get("result") == "tie",
        "innings": tokens,
    }


def main(git_dir: str) -> None:
    listing = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    matches = []
    for folder, (fmt, overs, wanted) in PER_FORMAT.items():
        paths = [p for p in listing if p.startswith(folder + "/") and p.endswith(".json")]
        paths.sort(key=lambda p: hashlib.sha256(p.rsplit("/", 1)[1].encode()).hexdigest())
        blobs = _blobs(git_dir, paths[: wanted * 3])
        kept = 0
        for path in paths[: wanted * 3]:
            match = _match(json.loads(blobs[path]), fmt, overs)
            if match is None:
                continue
            match["id"] = path.rsplit("/", 1)[1].removesuffix(".json")
            matches.append(match)
            kept += 1
            if kept == wanted:
                break
    json.dump(
        {
            "source": "Cricsheet (https://cricsheet.org), ball-by-ball T20I and ODI data",
            "licence": "Open Data Commons Attribution License (ODC-BY 1.0); "
            "reduced to one token per delivery, see tools/winprob/extract_cricsheet.py",
            "matches": matches,
        },
        sys.stdout,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
