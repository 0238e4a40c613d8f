"""Fit the win-probability models on the committed real-match samples and score them.

    python tools/winprob/evaluate.py          # the report docs/win-probability.md quotes
    python tools/winprob/evaluate.py --fit    # the constants to paste into scoreboard/core/winprob/

Samples live in tests/data/winprob/ (made by the extract_*.py scripts beside
this one). Three matches in five are fitted on; the other two (picked by a hash
of the match id, `fitting.held_out`) are only scored. Runs in a few seconds, in
pure Python; `tests/unit/test_winprob_fit.py` runs it on every default test run.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT / "tests" / "data" / "winprob"
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import basketball_fit  # noqa: E402
import cricket_fit  # noqa: E402
import soccer_fit  # noqa: E402

from scoreboard.core.winprob import basketball, cricket, soccer  # noqa: E402


def load(name: str) -> list[dict[str, Any]]:
    matches: list[dict[str, Any]] = json.loads((DATA / name).read_text())["matches"]
    return matches


@dataclass(frozen=True)
class Result:
    """One model's scores on the held-out matches: the numbers docs quote."""

    name: str
    scores: cricket_fit.Scores


def cricket_results(fitted: dict[str, cricket.CricketParams] | None = None) -> list[Result]:
    matches = load("cricket.json")
    results = []
    for fmt in ("T20", "ODI"):
        params = (fitted or cricket.PARAMS)[fmt]
        chase, first = cricket_fit.score(matches, fmt, params)
        results += [
            Result(f"cricket {fmt} chase", chase),
            Result(f"cricket {fmt} first innings", first),
        ]
    return results


def cricket_fits() -> dict[str, cricket.CricketParams]:
    matches = load("cricket.json")
    return {fmt: cricket_fit.fit(matches, fmt) for fmt in ("T20", "ODI")}


SoccerParams = tuple[float, float, float]


def soccer_results(fitted: SoccerParams | None = None) -> list[Result]:
    committed = (soccer.HOME_RATE, soccer.AWAY_RATE, soccer.SECOND_HALF)
    return [
        Result(
            "soccer (home/draw/away)", soccer_fit.score(load("soccer.json"), fitted or committed)
        )
    ]


def soccer_fits() -> SoccerParams:
    return soccer_fit.fit(load("soccer.json"))


def basketball_results(fitted: basketball_fit.BasketballParams | None = None) -> list[Result]:
    committed = (basketball.MU, basketball.SIGMA)
    scores = basketball_fit.score(load("basketball.json"), fitted or committed)
    return [Result("basketball (NBA quarter ends)", scores)]


def basketball_fits() -> basketball_fit.BasketballParams:
    return basketball_fit.fit(load("basketball.json"))


def markdown(results: list[Result]) -> str:
    lines = [
        "| model | held-out states | Brier | base-rate Brier | run-rate/leader Brier |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.name} | {s.states} | {s.model:.4f} | {s.base_rate:.4f} | {s.leader:.4f} |"
        )
    for r in results:
        lines += ["", f"Reliability, {r.name} (forecast bin, states, mean forecast, observed):", ""]
        lines += ["| bin | states | forecast | observed |", "|---|---:|---:|---:|"]
        lines += [f"| {b} | {n} | {f:.3f} | {o:.3f} |" for b, n, f, o in r.scores.table]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if "--fit" in argv:
        for fmt, p in cricket_fits().items():
            print(f'    "{fmt}": {p!r},')
        home, away, second = soccer_fits()
        print(f"HOME_RATE = {home}\nAWAY_RATE = {away}\nSECOND_HALF = {second}")
        mu, sigma = basketball_fits()
        print(f"MU = {mu}\nSIGMA = {sigma}")
        return
    print(markdown(soccer_results() + cricket_results() + basketball_results()))


if __name__ == "__main__":
    main(sys.argv[1:])
