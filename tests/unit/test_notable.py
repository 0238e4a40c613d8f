"""Names, follow entries, notable moments and short lines: the pure parts of following."""

from __future__ import annotations

import msgspec
import pytest

from scoreboard.core.follows import FollowRule, parse_follow, unique
from scoreboard.core.models import CricketSnapshot, SoccerSnapshot
from scoreboard.core.names import fold, name_matches, team_code
from scoreboard.core.notable import just_started, notables, worth_a_look
from scoreboard.core.shortline import short_line
from scoreboard.sim.catalog import build_catalog

PROVIDERS = ("sportrix", "scorelytics")


def test_names_match_ignoring_case_accents_and_punctuation() -> None:
    assert fold("Atlético  MADRID") == "atletico madrid"
    assert fold("Ødegaard") == "odegaard"
    assert name_matches("atletico", "Atlético Madrid")
    assert name_matches("ARSENAL", "Arsenal")
    assert name_matches("bayern", "Bayern Munich")
    assert name_matches("saint germain", "Paris Saint-Germain")
    assert not name_matches("man", "Manchester City")  # whole words only
    assert not name_matches("", "Arsenal")
    assert not name_matches("Arsenal Women", "Arsenal")


def test_team_codes() -> None:
    assert (team_code("Arsenal"), team_code("Chelsea")) == ("ARS", "CHE")
    assert team_code("Chennai Super Kings") == "CSK"
    assert team_code("Brighton & Hove Albion") == "BHA"
    assert team_code("Real Madrid") == "MAD"
    pair = (
        team_code("Manchester City", "Manchester United"),
        team_code("Manchester United", "Manchester City"),
    )
    assert pair == ("MCI", "MUN")
    assert team_code("...") == "?"
    assert "\x1b" not in team_code("\x1b[31mEvil")


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("Arsenal", FollowRule("team", "Arsenal")),
        ("team: Arsenal", FollowRule("team", "Arsenal")),
        ("competition:IPL", FollowRule("competition", "IPL")),
        ("sportrix:41282", FollowRule("match", "sportrix:41282")),
        ("Paris Saint-Germain", FollowRule("team", "Paris Saint-Germain")),
    ],
)
def test_follow_entries_parse(typed: str, rule: FollowRule) -> None:
    assert parse_follow(typed, PROVIDERS) == rule


@pytest.mark.parametrize("bad", ["", "   ", "competition:", "team: ..", 41282, None])
def test_bad_follow_entries_say_why(bad: object) -> None:
    with pytest.raises(ValueError, match="follow entry"):
        parse_follow(bad, PROVIDERS)


def test_follow_rules_match_teams_competitions_and_matches() -> None:
    team = parse_follow("chelsea", PROVIDERS)
    assert team.matches("sportrix:1", "Arsenal", "Chelsea", "Premier League")
    assert not team.matches("sportrix:1", "Arsenal", "Spurs", "Premier League")
    comp = parse_follow("competition:premier league", PROVIDERS)
    assert comp.matches("sportrix:1", "A", "B", "Premier League")
    assert not comp.matches("sportrix:1", "A", "B", None)
    match = parse_follow("sportrix:41282", PROVIDERS)
    assert match.matches("sportrix:41282", "A", "B", None)
    assert not match.matches("sportrix:41283", "A", "B", None)
    assert unique([team, parse_follow("CHELSEA", PROVIDERS), comp]) == [team, comp]


def _snap(engine: object) -> SoccerSnapshot | CricketSnapshot:
    data = engine.snapshot()  # type: ignore[attr-defined]
    model = SoccerSnapshot if data["sport"] == "soccer" else CricketSnapshot
    return msgspec.convert(data, model)


def test_every_goal_has_a_key_that_survives_a_resubscribe() -> None:
    engines = {e.match_id: e for e in build_catalog(7)}
    arsenal = engines[41282]
    before = _snap(arsenal)
    keys = {n.key for n in notables(before)}
    goals = [n for n in notables(before) if n.kind == "goal"]
    assert len(goals) == before.score.home + before.score.away  # type: ignore[union-attr]
    # The same state decoded again (a reconnect's snapshot) names the same moments.
    assert {n.key for n in notables(_snap(arsenal))} == keys
    while _snap(arsenal).score == before.score:  # type: ignore[union-attr]
        arsenal.step()
    after = _snap(arsenal)
    assert worth_a_look(before, after)
    new = [n for n in notables(after) if n.key not in keys]
    assert [n.kind for n in new if n.kind == "goal"] == ["goal"]
    scorer = [e for e in after.events or () if e.type.endswith("goal")][-1]  # type: ignore[union-attr]
    assert scorer.player in new[-1].text or any(scorer.player in n.text for n in new)


def test_clock_ticks_are_not_worth_a_look() -> None:
    engines = {e.match_id: e for e in build_catalog(7)}
    engine = engines[41283]
    old = _snap(engine)
    engine.step()
    new = _snap(engine)
    if new.events == old.events and new.score == old.score:  # type: ignore[union-attr]
        assert not worth_a_look(old, new)


def test_cricket_wickets_milestones_and_result() -> None:
    engines = {e.match_id: e for e in build_catalog(7)}
    finished = _snap(engines[41321])
    kinds = [n.kind for n in notables(finished)]
    assert "full_time" in kinds and "wicket" in kinds
    result = next(n for n in notables(finished) if n.kind == "full_time")
    assert result.text == finished.result  # type: ignore[union-attr]
    live = engines[41300]
    before = _snap(live)
    seen = {n.key for n in notables(before)}
    wickets = before.score.away.wickets if before.batting == "away" else before.score.home.wickets  # type: ignore[union-attr]
    while True:
        live.step()
        now = _snap(live)
        side = getattr(now.score, now.batting)  # type: ignore[union-attr,arg-type]
        if side.wickets > wickets or now.status == "finished":
            break
    new = [n for n in notables(now, before) if n.key not in seen]
    assert any(n.kind in ("wicket", "full_time") for n in new)


def test_a_match_seen_at_kick_off_has_just_started() -> None:
    engines = {e.match_id: e for e in build_catalog(7)}
    scheduled = engines[41310]
    while scheduled.status == "scheduled":
        scheduled.step()
    snap = _snap(scheduled)
    assert just_started(snap)
    assert any(n.kind == "kick_off" for n in notables(snap))
    assert not just_started(_snap(engines[41282]))


def test_short_lines() -> None:
    engines = {e.match_id: e for e in build_catalog(7)}
    snap = _snap(engines[41282])
    clock = snap.clock  # type: ignore[union-attr]
    score = snap.score  # type: ignore[union-attr]
    assert short_line(snap) == f"ARS {score.home}-{score.away} CHE {clock.minute + 1}'"
    assert short_line(_snap(engines[41320])).endswith(" FT")
    cricket = short_line(_snap(engines[41300]))
    assert cricket.startswith("MUM ") and " v CSK" in cricket
