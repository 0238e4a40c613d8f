"""The swing alert on real matches: held-out T20 chases from cricsheet, ball by ball
(tests/data/winprob). A swing is a rare event, as an opt-in alert should be: of 126
chases, 8 balls in 6 matches moved the chase by 25 points or more."""

from __future__ import annotations

from test_winprob_real import _matches, cricket_snap

from scoreboard.core.swing import LEAST, swing
from scoreboard.core.winprob import win_probability


def test_swings_in_real_t20_chases_are_rare_and_each_a_real_25_point_move() -> None:
    from cricket_fit import parse  # tools/winprob: on the path once test_winprob_real is in

    per_match = []
    for match in _matches("cricket.json"):
        if match["format"] != "T20":
            continue
        first, second = (parse(innings) for innings in match["innings"])
        previous, found = None, 0
        for ball, (runs, wickets) in enumerate(second.points):
            if runs > first.total or wickets >= 10 or ball >= 120:
                break
            snap = cricket_snap(match, 2, runs, wickets, ball, first.total)
            if previous is not None and (moved := swing(previous, snap)) is not None:
                found += 1
                before, after = win_probability(previous), win_probability(snap)
                assert before is not None and after is not None
                assert abs(after.away - before.away) >= LEAST, moved
                assert moved.kind == "swing" and "%" in moved.text
            previous = snap
        per_match.append(found)
    assert len(per_match) >= 100  # the held-out set is the real sample, not a stub
    assert max(per_match) <= 3  # never a stream of alerts in one match
    assert sum(count > 0 for count in per_match) <= len(per_match) // 10
