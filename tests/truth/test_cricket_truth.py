"""Real cricket matches through the real app, checked ball by ball against cricsheet.

Each match's decisive stretch is played (`harness.play`) at realistic spacing,
in 30 ms bursts and as a recording replayed at x16; then what the app shows
and derives is compared with the truth computed from cricsheet's own
deliveries (`real_truth.py`). Whole matches are the soak run's
(`test_whole_match`). A comparison that fails because of a known defect of
issue 22 is marked `xfail(strict=True, reason="issue 22 item N")`: it turns
red the day the defect is fixed, and the mark goes.
"""

from __future__ import annotations

import re

import pytest
from harness import MODES, TIMEOUT, Known, Shown, played, stretch_cases
from real_truth import Innings, cricket_truth, result, short_names, target

from scoreboard.core import derive
from scoreboard.core.models import CricketSnapshot
from scoreboard.sim import real

#: (match, where its decisive stretch starts)
STRETCHES = {
    "ipl-2019-final": "2:18.1",  # Bravo out, Watson run out off a completed run, last ball
    "wt20-2016-final": "2:18.1",  # Brathwaite's four sixes
    "ct-2004-final": "2:46.1",  # eight down, the last runs in the dark
    "wc-2019-semi": "2:47.1",  # Taylor and Dhoni run out off completed runs
}
#: The modes each match plays in the default run (all three: the soak run's whole matches).
PLAYED = {
    "ipl-2019-final": {"spaced", "burst", "replay"},
    "wt20-2016-final": {"burst"},
    "ct-2004-final": {"burst"},
    "wc-2019-semi": {"burst", "replay"},
}


def shown(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory, start: str | int | None = None
) -> Shown:
    return played(name, STRETCHES[name] if start is None else start, mode, tmp_path_factory)


def cases(known: Known | None = None, *, derived: bool = False) -> list[object]:
    return stretch_cases(STRETCHES, PLAYED, known, derived=derived)


def truth_of(name: str) -> tuple[list[Innings], dict[str, object]]:
    doc = real.load(name).source
    return cricket_truth(doc), doc


def joined(name: str) -> tuple[int, int]:
    """(legal balls, wickets) of the chase when the app joined: what it can know from."""
    frame = real.load(name).frames[real.load(name).index(STRETCHES[name])]
    total = frame.data["score"][frame.data["batting"]]
    balls = int(total["overs"].split(".")[0]) * 6 + int(total["overs"].split(".")[1])
    # The state shown on joining is after that ball: the app saw it, not the ball before.
    return balls, total["wickets"]


def _chase(innings: list[Innings]) -> Innings:
    return innings[1]


# --- what every state shows: totals, scorecard, result --------------------------------


@pytest.mark.parametrize(("name", "mode"), cases())
def test_totals_scorecard_and_result(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    got = shown(name, mode, tmp_path_factory)
    innings, doc = truth_of(name)
    snap = got.snapshot
    assert isinstance(snap, CricketSnapshot)
    for inn in innings:
        assert inn.total in got.card, f"{inn.total} not on the panel"
    assert result(doc) in got.card
    assert snap.result == result(doc)
    for inn, card in zip(innings, snap.scorecard or (), strict=True):
        rows = {b.name: [b.runs, b.balls, b.fours, b.sixes] for b in card.batting}
        assert rows == inn.batting
        out = {b.name for b in card.batting if b.dismissal != "not out"}
        assert out == inn.out
        bowling = {
            b.name: [derive.overs_to_balls(b.overs), b.runs, b.wickets] for b in card.bowling
        }
        assert bowling == inn.bowling
        for batter, (runs, balls, fours, sixes) in inn.batting.items():
            row = re.compile(
                rf"^\s*{re.escape(batter)}\s.*\s{runs}\s+{balls}\s+{fours}\s+{sixes}\s",
                re.MULTILINE,
            )
            assert row.search(got.detail), f"no scorecard row for {batter} in the detail view"


# --- derived: falls of wickets, partnerships, overs, the chase ------------------------


ITEM_1 = "issue 22 item 1"
#: Frames two at a time: the panel applies the second only, so a wicket on the first is
#: logged a ball late with the next ball's score, and the stands around it are out.
BURSTS_LOSE_STATES: Known = {}  # fixed (issue 22): nothing known to fail


@pytest.mark.parametrize(("name", "mode"), cases(BURSTS_LOSE_STATES, derived=True))
def test_fall_of_wickets(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    chase = _chase(innings)
    _, wickets = joined(name)
    # By the legal ball it fell on (the log writes it as scorers do: 19.6, not 20.0).
    want = [(f.wicket, f.runs, f.balls, f.batter) for f in chase.falls if f.wicket > wickets]
    logged = [(f.wicket, f.runs, f.balls, f.batter) for f in got.falls.get(2, [])]
    assert logged == want
    charted = [(w.number, w.runs, w.balls, w.batter) for w in got.tracker.innings[2].fallen]
    assert charted == want


def _fall_lines(detail: str) -> str:
    return detail.split("Fall of wickets")[1].split("Partnerships")[0]


#: Thakur lbw on the 120th ball is "20 ov" (Jadeja at 47.5 is "47.5 ov"); Kumar "49 ov".
SIXTH_BALL_WICKET: Known = {}  # fixed (issue 22): nothing known to fail


@pytest.mark.parametrize(("name", "mode"), cases(SIXTH_BALL_WICKET, derived=True))
def test_fall_of_wickets_as_written(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each fall on the detail view: score, batter and the over in one notation ("19.4 ov")."""
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    _, wickets = joined(name)
    lines = _fall_lines(got.detail).splitlines()
    for fall in _chase(innings).falls:
        if fall.wicket <= wickets:
            continue
        line = next((x for x in lines if re.search(rf"\b{fall.wicket}-{fall.runs}\b", x)), "")
        assert fall.batter in line, f"{fall.wicket}-{fall.runs} {fall.batter}"
        overs = {f"{fall.overs} ov"}
        if fall.balls % 6 == 0:
            overs.add(f"{fall.balls // 6 - 1}.6 ov")
        assert any(o in line for o in overs), f"{line.strip()!r}: want {' or '.join(overs)}"


@pytest.mark.parametrize(("name", "mode"), cases(BURSTS_LOSE_STATES, derived=True))
def test_partnerships(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every stand broken after the app joined: runs, balls and both batters."""
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    _, wickets = joined(name)
    # A stand the app saw begin: the one for wicket k starts when wicket k - 1 falls.
    want = [
        (s.wicket, s.runs, s.balls, s.pair)
        for s in _chase(innings).stands
        if s.wicket > wickets + 1 and not s.unbroken
    ]
    charted = [
        (p.wicket, p.runs, p.balls, frozenset(p.pair))
        for p in got.tracker.innings[2].partnerships()
        if not p.unbroken
    ]
    assert charted == want


#: After Thakur, out to the match's last ball: "8th Jadeja 0 (0) unbroken".
PHANTOM_STAND: Known = {}  # fixed (issue 22): nothing known to fail


@pytest.mark.parametrize(("name", "mode"), cases(PHANTOM_STAND, derived=True))
def test_the_unbroken_stand(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The stand at the crease at the end, if any: no "8th ... 0 (0) unbroken" after the last
    wicket of the match."""
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    _, wickets = joined(name)
    want = [
        (s.runs, s.balls, s.pair)
        for s in _chase(innings).stands
        if s.unbroken and s.wicket > wickets + 1
    ]
    charted = [
        (p.runs, p.balls, frozenset(p.pair))
        for p in got.tracker.innings[2].partnerships()
        if p.unbroken
    ]
    assert charted == want


def _named(line: str, name: str, batters: set[str]) -> bool:
    """`name` is recognisable in `line`: whole, or without its initials if no one else in
    the innings goes by that ("de Kock", not "Kock"; "HH Pandya", not "Pandya")."""
    for form in short_names(name):
        clashes = [b for b in batters if b != name and form in short_names(b)]
        if not clashes and re.search(rf"(?<![\w]){re.escape(form)}(?![\w])", line):
            return True
    return False


@pytest.mark.parametrize(("name", "mode"), cases(BURSTS_LOSE_STATES, derived=True))
def test_partnership_names(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    chase = _chase(innings)
    _, wickets = joined(name)
    section = got.detail.split("Partnerships")[1].split("innings 1")[0]
    lines = section.splitlines()
    for stand in chase.stands:
        if stand.wicket <= wickets + 1 or stand.unbroken:
            continue
        ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(stand.wicket, f"{stand.wicket}th")
        line = next((x for x in lines if x.strip().startswith(ordinal)), "")
        for batter in stand.pair:
            assert _named(line, batter, set(chase.batting)), f"{batter} in {line.strip()!r}"
        assert f"{stand.runs} ({stand.balls})" in line


def test_partnership_names_keep_du_plessis(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The whole chase: its opening stand is "du Plessis & Watson", not "Plessis & Watson"."""
    got = played("ipl-2019-final", "2:start", "burst", tmp_path_factory)
    chase = truth_of("ipl-2019-final")[0][1]
    section = got.detail.split("Partnerships")[1].split("innings 1")[0]
    lines = section.split("Chennai Super Kings")[1].splitlines()
    line = next((x for x in lines if x.strip().startswith("1st")), "")
    for batter in chase.stands[0].pair:
        assert _named(line, batter, set(chase.batting)), f"{batter} in {line.strip()!r}"


@pytest.mark.parametrize(
    ("name", "mode"),
    cases(derived=True),
)
def test_runs_per_over(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The Manhattan's bars: runs and wickets of every over the app saw from its start."""
    got = shown(name, mode, tmp_path_factory)
    innings, _ = truth_of(name)
    balls, _ = joined(name)
    first_whole = (balls + 5) // 6 + 1  # the first over whose first ball the app saw
    bars = {n: (runs, w) for n, runs, w in got.tracker.innings[2].over_runs() if n >= first_whole}
    want = {n: (r, w) for n, (r, w) in _chase(innings).overs.items() if n >= first_whole}
    assert bars == want


@pytest.mark.parametrize(("name", "mode"), cases())
def test_the_worm_ends_with_each_total(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The worm's end labels: each side's name and runs/wickets, cut in the name if at all
    ("Chennai Super Kings 148…" loses the wickets)."""
    got = shown(name, mode, tmp_path_factory)
    innings, doc = truth_of(name)
    worm = got.detail.split("Worm")[1].split("Manhattan")[0]
    for inn in innings:
        team = doc["info"]["teams"][0 if inn.team == "home" else 1]
        label = re.search(rf"{re.escape(team[:6])}\S*(?: \S+)*? (\d+/\d+)", worm)
        assert label and label.group(1) == f"{inn.runs}/{inn.wickets}", f"{team}: {worm!r}"


@pytest.mark.parametrize(("name", "mode"), cases())
def test_the_chase_at_every_ball(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Runs needed and balls left, as the app derives them from every state it received."""
    got = shown(name, mode, tmp_path_factory)
    innings, doc = truth_of(name)
    chase = _chase(innings)
    limit = doc["info"]["overs"] * 6
    want = {
        (b.runs, b.wickets, b.balls): (max(target(innings) - b.runs, 0), limit - b.balls)
        for b in chase.after
    }
    seen = 0
    for snap in got.received:
        assert isinstance(snap, CricketSnapshot)
        total = derive.batting_total(snap)
        if snap.innings != 2 or total is None:
            continue
        key = (total.runs, total.wickets, derive.overs_to_balls(total.overs))
        assert derive.chase(snap) == want[key]
        seen += 1
    frames = real.load(name).frames
    assert seen == len(frames) - real.load(name).index(STRETCHES[name])


#: "Over 21: first ball to come" and "Partnership  0 (0 balls)" once the last ball was a
#: wicket (a chase won with balls to spare shows neither).
AFTER_THE_MATCH: Known = {}  # fixed (issue 22): nothing known to fail


@pytest.mark.parametrize(("name", "mode"), cases(AFTER_THE_MATCH))
def test_nothing_to_come_after_the_match(
    name: str, mode: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """At full time the panel promises no next ball and no 0-ball stand, and asks no
    required rate of a side all out with balls left (India, 221 all out in 49.3, read
    "RRR 38.00" under "New Zealand won by 18 runs")."""
    got = shown(name, mode, tmp_path_factory)
    assert "first ball to come" not in got.card
    assert "Partnership  0 (0 balls)" not in got.card
    assert "RRR" not in got.card, got.card


# --- whole matches: the soak run -------------------------------------------------------


#: Whole matches: nothing known to fail since issue 22's items 1 and 3 were fixed.
WHOLE: Known = {}
#: The modes each whole match plays in the soak run: every mode for the T20s; the ODIs
#: (about 5 minutes each at the realistic spacing) in bursts and as a x16 replay only,
#: their realistic spacing checked on their closing stretch in the default run.
WHOLE_MODES = {
    name: set(MODES) if name in ("ipl-2019-final", "wt20-2016-final") else {"burst", "replay"}
    for name in STRETCHES
}


@pytest.mark.soak
@pytest.mark.timeout(TIMEOUT)  # a whole ODI at the realistic spacing takes about 5 minutes
@pytest.mark.parametrize(("name", "mode"), stretch_cases(STRETCHES, WHOLE_MODES, WHOLE))
def test_whole_match(name: str, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every ball of the match: totals, both scorecards, every fall and stand of both innings."""
    got = shown(name, mode, tmp_path_factory, start=0)
    innings, doc = truth_of(name)
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    for inn in innings:
        check(inn.total in got.card, f"total {inn.total}")
        logged = [(f.wicket, f.runs, f.balls, f.batter) for f in got.falls.get(inn.number, [])]
        check(
            logged == [(f.wicket, f.runs, f.balls, f.batter) for f in inn.falls],
            f"falls of innings {inn.number}",
        )
        stands = [
            (p.wicket, p.runs, p.balls, frozenset(p.pair))
            for p in got.tracker.innings[inn.number].partnerships()
        ]
        check(
            stands == [(s.wicket, s.runs, s.balls, s.pair) for s in inn.stands],
            f"partnerships of innings {inn.number}",
        )
        bars = {n: (r, w) for n, r, w in got.tracker.innings[inn.number].over_runs()}
        check(
            bars == {n: (r, w) for n, (r, w) in inn.overs.items()},
            f"runs per over of innings {inn.number}",
        )
    check(result(doc) in got.card, "result")
    assert not problems, f"{name} ({mode}): {', '.join(problems)}"
