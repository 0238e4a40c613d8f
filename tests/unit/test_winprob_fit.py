"""The win-probability models, refitted on the committed real-match samples.

Runs `tools/winprob/evaluate.py` (a few seconds, pure Python) as CI does: a
refit must beat both plain baselines on the held-out matches, and the
constants committed in `scoreboard/core/winprob/` must be what the fit gives.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scoreboard.core.winprob import basketball, cricket, soccer

EVALUATE = Path(__file__).resolve().parents[2] / "tools" / "winprob" / "evaluate.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("winprob_evaluate", EVALUATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluate() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def refit(
    evaluate: ModuleType,
) -> tuple[dict[str, cricket.CricketParams], tuple[float, ...], tuple[float, ...]]:
    return evaluate.cricket_fits(), evaluate.soccer_fits(), evaluate.basketball_fits()


def _close(a: float | tuple[float, ...], b: float | tuple[float, ...]) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    assert isinstance(a, float | int) and isinstance(b, float | int)
    return math.isclose(a, b, rel_tol=0.01, abs_tol=0.02)


# Held-out states each sample must give at least: a line score has four moments a game.
MIN_STATES = {"basketball (NBA quarter ends)": 200}


def test_a_refit_beats_both_baselines_on_held_out_matches(evaluate, refit) -> None:
    fitted_cricket, fitted_soccer, fitted_basketball = refit
    results = (
        evaluate.cricket_results(fitted_cricket)
        + evaluate.soccer_results(fitted_soccer)
        + evaluate.basketball_results(fitted_basketball)
    )
    assert {r.name for r in results} >= {
        "cricket T20 chase",
        "cricket ODI chase",
        "soccer (home/draw/away)",
        "basketball (NBA quarter ends)",
    }
    for r in results:
        assert r.scores.states > MIN_STATES.get(r.name, 1000), r.name
        assert r.scores.model < r.scores.base_rate, r.name
        assert r.scores.model < r.scores.leader, r.name


def test_the_committed_constants_are_what_the_fit_gives(refit) -> None:
    fitted_cricket, fitted_soccer, fitted_basketball = refit
    for fmt, fitted in fitted_cricket.items():
        committed = cricket.PARAMS[fmt]
        for name in fitted.__slots__:
            assert _close(getattr(committed, name), getattr(fitted, name)), (fmt, name)
    committed_soccer = (soccer.HOME_RATE, soccer.AWAY_RATE, soccer.SECOND_HALF)
    for committed_value, fitted_value in zip(committed_soccer, fitted_soccer, strict=True):
        assert _close(committed_value, fitted_value)
    assert _close((basketball.MU, basketball.SIGMA), fitted_basketball)


def test_the_committed_models_beat_the_baselines_the_docs_quote(evaluate) -> None:
    results = evaluate.soccer_results() + evaluate.cricket_results() + evaluate.basketball_results()
    report = evaluate.markdown(results)
    docs = (EVALUATE.parents[2] / "docs" / "win-probability.md").read_text()
    for r in results:
        assert r.scores.model < min(r.scores.base_rate, r.scores.leader), r.name
        row = f"| {r.name} | {r.scores.states} | {r.scores.model:.4f} |"
        assert row in report and row in docs, f"docs/win-probability.md is stale: {row}"
