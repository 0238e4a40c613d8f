"""The README says what the default test run prints under "reliability figures"
(issue 25, 16): the chaos figures; the soak's and the flood's only under `-m soak`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_readme_says_which_figures_the_default_run_prints() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    said = readme[readme.index("CI soak") :][:900]
    assert "reliability figures" in said
    assert "default" in said and "only the chaos figures" in said, said
    assert "-m soak" in said, said
    # And the code agrees: every file reporting figures outside the chaos tests is
    # left out of the default run.
    for path in (ROOT / "tests").rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s+figures\(", text, re.M) and path.name != "test_chaos.py":
            assert "pytestmark = pytest.mark.soak" in text, path
