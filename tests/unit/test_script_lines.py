"""What `--once` and `--watch` print, from snapshots built by hand (scoreboard/scripts/)."""

from __future__ import annotations

from scoreboard.core.events import MatchRef
from scoreboard.core.models import (
    Batter,
    Bowler,
    Clock,
    CricketScore,
    CricketSnapshot,
    Event,
    Over,
    Phase,
    Score,
    SoccerSnapshot,
    Total,
)
from scoreboard.scripts.changes import Changes
from scoreboard.scripts.schema import match_json, status_line

REF = MatchRef("sportrix", 41282)


def soccer(
    goals: tuple[int, int] = (1, 0), events: list[Event] | None = None, **kw: object
) -> SoccerSnapshot:
    fields: dict[str, object] = dict(
        match_id=41282,
        status="live",
        home="Arsenal",
        away="Chelsea",
        sport="soccer",
        score=Score(*goals),
        clock=Clock(66, 12, "2H"),
        phase=Phase("2H", "Second half"),
        events=events,
    )
    fields.update(kw)
    return SoccerSnapshot(**fields)  # type: ignore[arg-type]


def cricket(away: Total, **kw: object) -> CricketSnapshot:
    fields: dict[str, object] = dict(
        match_id=41300,
        status="live",
        home="Mumbai Indians",
        away="Chennai Super Kings",
        sport="cricket",
        innings=2,
        format="T20",
        batting="away",
        target=136,
        score=CricketScore(Total(135, 10, "20.0"), away),
        over=Over(7, 3),
        batsmen=[Batter("A", 10, 8, on_strike=True), Batter("B", 5, 4)],
        bowler=Bowler("C", "1.3"),
    )
    fields.update(kw)
    return CricketSnapshot(**fields)  # type: ignore[arg-type]


def test_a_home_chase_puts_need_with_the_home_side() -> None:
    home_chasing = cricket(
        Total(174, 6, "20.0"), batting="home", target=175, score=CricketScore(
            Total(67, 1, "7.3"), Total(174, 6, "20.0")
        )
    )  # fmt: skip
    assert status_line(home_chasing) == "MUM 67/1 (7.3) need 108 · CSK 174/6"


def test_status_lines() -> None:
    assert status_line(soccer()) == "ARS 1-0 CHE 67'"
    assert status_line(cricket(Total(50, 1, "7.3"))) == "MUM 135/10 · CSK 50/1 (7.3) need 86"
    done = cricket(
        Total(120, 10, "19.2"), status="finished", result="Mumbai Indians won by 15 runs"
    )
    assert status_line(done) == "MUM 135/10 · CSK 120/10 Mumbai Indians won by 15 runs"


def test_wire_text_is_made_safe_in_lines_and_json() -> None:
    hostile = soccer(home="\x1b[31mEvil\x07", competition="[bold]x\x1b]0;t\x07")
    line = status_line(hostile)
    assert "\x1b" not in line and "\x07" not in line
    shown = match_json(REF, hostile, "stream")
    assert "\x1b" not in shown["home"]["name"] and "\x1b" not in (shown["competition"] or "")


def test_a_goal_is_one_score_change_and_a_repeat_is_nothing() -> None:
    changes = Changes()
    goal = Event("goal", 66, team="home", player="B. Saka")
    assert [c.kind for c in changes.update(REF, soccer(events=[]))] == ["snapshot"]
    scored = changes.update(REF, soccer((2, 0), events=[goal]))
    assert [c.kind for c in scored] == ["score"]
    assert scored[0].before == (1, 0) and [m.text for m in scored[0].moments] == ["B. Saka"]
    assert changes.update(REF, soccer((2, 0), events=[goal])) == []  # a resubscribe snapshot
    red = Event("red_card", 70, team="away", player="R. James")
    carded = changes.update(REF, soccer((2, 0), events=[goal, red]))
    assert [(c.kind, c.moments[0].kind) for c in carded] == [("moment", "red_card")]


def test_a_wicket_rides_with_its_score_change_and_runs_alone_are_a_score_change() -> None:
    changes = Changes()
    changes.update(REF, cricket(Total(50, 1, "7.3")))
    assert [c.kind for c in changes.update(REF, cricket(Total(50, 1, "7.4")))] == []  # a dot ball
    runs = changes.update(REF, cricket(Total(54, 1, "7.5")))
    assert [(c.kind, c.moments) for c in runs] == [("score", ())]
    out = changes.update(REF, cricket(Total(54, 2, "8.0")))
    assert [c.kind for c in out] == ["score"] and [m.kind for m in out[0].moments] == ["wicket"]
