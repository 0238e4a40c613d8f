"""Facts the app derives for cricket (issue 22), read off the screen as a fan would.

The match is played from a script with real names and the ball codes of the
contract (`helpers/scripted_cricket.py`), recorded with frames 40 ms apart (a
burst after a stall, a busy socket read) and replayed at x16 through the real
decoders, session, history, panels and detail view. The script's own record
of every wicket is the truth.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.app import detail_text, screen_until
from helpers.recordings import replay_app
from helpers.scripted_cricket import Fall, ScriptedMatch, mi_v_csk

from scoreboard.core.alerting import AlertSettings
from scoreboard.core.events import MatchRef
from scoreboard.ui.screens.detail import MatchDetailScreen
from scoreboard.ui.widgets import panel_look
from scoreboard.ui.widgets.match_panel import MatchPanel

#: Frames this close together (receive time): a burst, as a stalled socket delivers it.
SPACING = 0.04


@pytest.fixture(autouse=True)
def brief_flashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(panel_look, "HIGHLIGHT_SECONDS", 0.01)


def fall_overs(balls: int) -> str:
    """Cricket's notation for the ball a wicket fell on: the 24th ball is 3.6."""
    return f"{(balls - 1) // 6}.{(balls - 1) % 6 + 1}"


def plain(text: object) -> str:
    return getattr(text, "plain", str(text))


def panel_lines(panel: MatchPanel) -> list[str]:
    return [" ".join(line.plain.split()) for line in panel.body(panel.inner_size.width)]


async def replayed(match: ScriptedMatch, path: Path, size: tuple[int, int] = (120, 50)):  # type: ignore[no-untyped-def]
    app = replay_app(match.record(path, SPACING), replay_speed=16.0)
    return app, size


async def finish(app, pilot, match_id: int = 41900) -> MatchPanel:  # type: ignore[no-untyped-def]
    """Wait until the replay ended and the panel shows the recording's last frame."""
    player = app.time.player
    await screen_until(pilot, lambda: player.finished, 30)
    panel = app.cards[MatchRef("sportrix", match_id)]
    last = getattr(app, "_test_last", None)

    def shows_last() -> bool:
        snap = panel.snapshot
        if last is None or snap is None:
            return snap is not None
        return (snap.status, getattr(snap, "innings", None), str(snap.score)) == last

    await screen_until(pilot, lambda: panel.settled and shows_last(), 15)
    return panel


async def test_falls_of_wickets_and_partnerships_from_frames_40_ms_apart(tmp_path: Path) -> None:
    match = mi_v_csk()
    app = replay_of(match, tmp_path / "m.jsonl")
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        shown = panel_lines(panel)
        last = match.falls[-1]
        # The last wicket as it fell: the batter's score, the total and the ball.
        assert (
            f"Last wkt {last.batter} {last.how} {last.batter_runs} ({last.batter_balls})"
            f" · {last.runs}/{last.wicket} ({fall_overs(last.balls)})"
        ) in shown, shown
        # All out: no stand is left at the crease.
        assert not any(line.startswith("Partnership") for line in shown), shown
        panel.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, MatchDetailScreen)
        text = detail_text(app.screen, 120)
    falls = text.split("Fall of wickets")[1].split("Partnerships")[0]
    rows = [" ".join(line.split()) for line in falls.splitlines() if line.strip()[:1].isdigit()]
    want = [f"{f.wicket}-{f.runs} {f.batter} {f.how} {fall_overs(f.balls)} ov" for f in match.falls]
    assert rows == want
    stands = text.split("Partnerships")[1]
    for one, other in (("de Kock", "Yadav"), ("du Plessis", "Watson"), ("H Pandya", "K Pandya")):
        assert f"{one} & {other}" in stands or f"{other} & {one}" in stands, stands
    # Innings 1 ended with a wicket on its last ball: no 8th stand of 0 (0) "unbroken".
    assert "8th" not in stands.split("Chennai Super Kings")[0], stands


def replay_of(  # type: ignore[no-untyped-def]
    match: ScriptedMatch, path: Path, start: int = 0, stop: int | None = None, **changes: object
):
    """The app replaying `match` (frames `start` to `stop`) at x16, every alert in scope."""
    recording = match.record(path, SPACING, start, stop)
    alerts = AlertSettings(scope="all", channels=("toast",))
    app = replay_app(recording, replay_speed=16.0, alerts=alerts, **changes)
    frame = match.frames[start:stop][-1]
    app._test_last = (frame["status"], frame["innings"], str(_score(frame)))  # type: ignore[attr-defined]
    return app


def _score(frame: dict[str, object]) -> object:
    """The frame's score as the app's model holds it."""
    from scoreboard.core.models import CricketScore, Total

    score = frame["score"]
    assert isinstance(score, dict)
    home, away = (Total(**score[side]) if score[side] else None for side in ("home", "away"))
    return CricketScore(home, away)


async def test_a_run_out_after_a_completed_run_counts_the_run(tmp_path: Path) -> None:
    match = mi_v_csk()
    index = next(i for i, f in enumerate(match.falls) if f.how.startswith("run out"))
    fall, frame = match.falls[index], match.fell_in[index]
    app = replay_of(match, tmp_path / "m.jsonl", start=frame - 12, stop=frame + 4)
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        said = [alert.body for alert in app.fan.alerts.sent("toast")]
        shown = panel_lines(panel)
    # Tiwary was run out after completing a run: out on 16, not on 15.
    score = f"{fall.runs}/{fall.wicket} ({fall_overs(fall.balls)})"
    assert any(f"Saurabh Tiwary run out (Jadeja) {fall.batter_runs} · MUM {score}" in body
               for body in said), said  # fmt: skip
    figures = f"{fall.batter_runs} ({fall.batter_balls})"
    assert f"Last wkt Saurabh Tiwary run out (Jadeja) {figures} · {score}" in shown


async def test_no_over_to_come_and_no_stand_once_an_innings_is_over(tmp_path: Path) -> None:
    match = mi_v_csk()
    break_ends = next(i for i, f in enumerate(match.frames) if f["innings"] == 2)
    app = replay_of(match, tmp_path / "m.jsonl", stop=break_ends)  # into the innings break
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        shown = panel_lines(panel)
    assert not any("first ball to come" in line or "Over 21" in line for line in shown), shown
    assert not any(line.startswith("Partnership") for line in shown), shown
    app = replay_of(match, tmp_path / "whole.jsonl")  # to full time
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        shown = panel_lines(panel)
    assert not any("to come" in line for line in shown), shown
    assert not any(line.startswith("Partnership") for line in shown), shown


# -- a real match: the IPL final 2019 (cricsheet), frames 40 ms apart ---------------------


def real_final(name: str = "ipl-2019-final") -> tuple[ScriptedMatch, list[Fall]]:
    """A real match (by default Mumbai Indians v Chennai Super Kings, 12 May 2019) as
    the simulator serves it, and every wicket as its frames tell it (the truth)."""
    from scoreboard.sim import real

    loaded = real.load(name)
    match = ScriptedMatch(loaded.match_id)
    match.frames = [frame.data for frame in loaded.frames]
    falls: list[Fall] = []
    for index, (old, new) in enumerate(zip(match.frames, match.frames[1:], strict=False), 1):
        side = new.get("batting")
        if side is None or old.get("innings") != new["innings"] or old.get("batting") != side:
            continue
        before, now = old["score"][side], new["score"][side]
        if now["wickets"] <= before["wickets"]:
            continue
        gone = {b["name"] for b in old["batsmen"]} - {b["name"] for b in new["batsmen"]}
        name = gone.pop()
        card = next(b for b in new["scorecard"][-1]["batting"] if b["name"] == name)
        whole, _, part = now["overs"].partition(".")
        pair = tuple(b["name"] for b in old["batsmen"])
        falls.append(
            Fall(new["innings"], now["wickets"], now["runs"], int(whole) * 6 + int(part or 0),
                 name, card["dismissal"], card["runs"], card["balls"], pair)  # type: ignore[arg-type]
        )  # fmt: skip
        match.fell_in.append(index)
    return match, falls


async def test_the_ipl_final_2019_falls_of_wickets_run_out_and_stands(tmp_path: Path) -> None:
    match, falls = real_final()
    app = replay_of(match, tmp_path / "final.jsonl")
    # A x16 replay raises wickets faster than the storm gate lets alerts through
    # (`fan/alerts/storm.py`): let every one through, alone or in a burst's summary.
    app.fan.alerts.storm.burst = 10_000
    async with app.run_test(size=(120, 50)) as pilot:
        await finish(app, pilot, match.match_id)
        said = [alert.body for alert in app.fan.alerts.sent("toast")]
        panel = app.cards[MatchRef("sportrix", match.match_id)]
        panel.focus()
        await pilot.press("enter")
        text = detail_text(app.screen, 120)
    rows = [
        " ".join(line.split())
        for line in text.split("Fall of wickets")[1].split("Partnerships")[0].splitlines()
        if line.strip()[:1].isdigit()
    ]
    assert rows == [
        f"{f.wicket}-{f.runs} {f.batter} {f.how} {fall_overs(f.balls)} ov" for f in falls
    ]
    # Watson was run out going for a second run: out on 80 (the card's score), not 79.
    watson = next(f for f in falls if f.batter == "SR Watson")
    assert watson.batter_runs == 80
    # alone or in a burst's summary (frames a replay delivers together), never "79"
    assert any("SR Watson run out 80" in body for body in said), said
    assert not any("SR Watson run out 79" in body for body in said), said
    stands = text.split("Partnerships")[1]
    assert "de Kock & Sharma" in stands or "Sharma & de Kock" in stands, stands
    assert "du Plessis & Watson" in stands or "Watson & du Plessis" in stands, stands
    assert "KH Pandya" in stands and "HH Pandya" in stands, stands


# -- narrow lines keep their figures (item 11) --------------------------------------------


async def test_a_narrow_panel_cuts_words_and_names_before_figures(tmp_path: Path) -> None:
    match = mi_v_csk()
    index = next(i for i, f in enumerate(match.falls) if f.batter == "Quinton de Kock")
    fall, frame = match.falls[index], match.fell_in[index]
    app = replay_of(match, tmp_path / "m.jsonl", start=frame - 6, stop=frame + 3, density="full")
    async with app.run_test(size=(44, 40)) as pilot:
        panel = await finish(app, pilot)
        shown = panel_lines(panel)
    line = next((line for line in shown if line.startswith("Last wkt")), shown)
    # "Last wkt Quinton de Kock c MS Dhoni b SN Thakur 22 (…" no more: the figures stay.
    score = f"{fall.runs}/{fall.wicket} ({fall_overs(fall.balls)})"
    assert str(line).endswith(f"{fall.batter_runs} ({fall.batter_balls}) · {score}"), line
    assert "de Kock" in line, line


async def test_a_narrow_chase_keeps_runs_and_balls_and_the_worm_its_wickets(
    tmp_path: Path,
) -> None:
    match = mi_v_csk()
    frame = match.fell_in[-3]  # in the chase
    app = replay_of(match, tmp_path / "m.jsonl", start=frame - 6, stop=frame, density="full")
    async with app.run_test(size=(40, 40)) as pilot:
        panel = await finish(app, pilot)
        shown = panel_lines(panel)
    snap = match.frames[frame - 1]
    total = snap["score"]["away"]
    whole, _, part = total["overs"].partition(".")
    left = 120 - int(whole) * 6 - int(part or 0)
    need = snap["target"] - total["runs"]
    line = next((line for line in shown if line.startswith("Target")), shown)
    assert f"{need} off {left}" in line or f"{need} from {left}" in line, line
    app = replay_of(match, tmp_path / "whole.jsonl")
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        panel.focus()
        await pilot.press("enter")
        worm = detail_text(app.screen, 120).split("Worm")[1].split("Manhattan")[0]
    last = match.innings[-1]
    assert f"{last.runs}/{last.wickets}" in worm, worm  # the name gives way, not the score


# -- the newest moment is the newest in the match (item 12) --------------------------------


async def test_the_moment_shown_is_the_newest_in_the_match_not_of_a_kind(
    tmp_path: Path,
) -> None:
    match = mi_v_csk()
    frame = next(i for i, f in zip(match.fell_in, match.falls, strict=True) if f.innings == 2)
    app = replay_of(match, tmp_path / "m.jsonl", start=frame + 2, stop=frame + 4)
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot)
        moment = plain(panel.border_subtitle)
    # Joined in the chase after its first wicket: that wicket, not a first-innings fifty.
    assert "CSK wicket 1" in moment, moment
    assert "50" not in moment, moment


async def test_a_soccer_match_joined_in_added_time_shows_no_kick_off(tmp_path: Path) -> None:
    from scoreboard.recording.writer import Recorder
    from scoreboard.sim.frames import encode_frame

    snap = {
        "match_id": 41950, "sport": "soccer", "status": "live", "home": "Arsenal",
        "away": "Chelsea", "score": {"home": 0, "away": 0},
        "clock": {"minute": 90, "second": 20, "period": "2H", "added_time": 2},
        "phase": {"code": "2H", "label": "Second half"}, "events": [],
    }  # fmt: skip
    path = tmp_path / "late.jsonl"
    recorder = Recorder(path, matches=("41950",), clock=lambda: 1_795_287_600.0)
    recorder.write("sportrix", "frame", encode_frame("snapshot", snap).decode())
    recorder.close()
    app = replay_app(path, replay_speed=16.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish(app, pilot, 41950)
        panel = app.cards[MatchRef("sportrix", 41950)]
        assert "Kick-off" not in plain(panel.border_subtitle), panel.border_subtitle


async def test_a_match_from_its_first_ball_marks_play_starting_apart_from_focus(
    tmp_path: Path,
) -> None:
    match = mi_v_csk()
    app = replay_of(match, tmp_path / "m.jsonl", stop=3)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await finish(app, pilot)
        moment = plain(panel.border_subtitle)
    assert "Play starts" in moment, moment
    assert "▶" not in moment and ">" not in moment, moment  # ▶ is focus and batting


# -- seeking back in a replay (item 16) ------------------------------------------------------


async def test_seeking_back_forgets_a_dismissal_that_comes_later(tmp_path: Path) -> None:
    match = mi_v_csk()
    index = next(i for i, f in enumerate(match.falls) if f.batter == "Quinton de Kock")
    frame = match.fell_in[index]
    app = replay_of(match, tmp_path / "m.jsonl", start=frame - 3, stop=frame + 3)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await finish(app, pilot)
        assert "de Kock" in plain(panel.border_subtitle), panel.border_subtitle
        await pilot.press("space")  # paused, then back to before the wicket
        await pilot.press("left_curly_bracket")
        await screen_until(
            pilot,
            lambda: (
                panel.snapshot is not None
                and panel.snapshot.score.home is not None
                and panel.snapshot.score.home.wickets == 1
                and panel.settled
            ),
            15,
        )
        await pilot.pause()
        assert "de Kock" not in plain(panel.border_subtitle), panel.border_subtitle
        assert "de Kock" not in plain(panel.border_title), panel.border_title


@pytest.mark.parametrize("density", ["full", "compact"])
async def test_the_ipl_final_2019_at_the_innings_break_has_no_over_to_come(
    tmp_path: Path, density: str
) -> None:
    match, _ = real_final()
    last = max(i for i, f in enumerate(match.frames) if f.get("innings") == 1)
    app = replay_of(match, tmp_path / "break.jsonl", start=last - 8, stop=last + 1, density=density)
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot, match.match_id)
        shown = panel_lines(panel)
    # MI 149/8 after their 20 overs: no "Over 21: first ball to come".
    assert any(line.endswith("149/8 (20.0)") for line in shown), shown
    assert not any("Over 21" in line or "to come" in line for line in shown), shown
    assert not any(line.startswith("Partnership 0 (0") for line in shown), shown


async def test_the_world_cup_semi_2019_joined_in_the_chase_shows_its_wicket_not_a_fifty(
    tmp_path: Path,
) -> None:
    match, falls = real_final("wc-2019-semi")
    first = next(i for i, f in zip(match.fell_in, falls, strict=True) if f.innings == 2)
    app = replay_of(match, tmp_path / "semi.jsonl", start=first + 1, stop=first + 3)
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot, match.match_id)
        moment = plain(panel.border_subtitle)
    # Williamson's and Taylor's fifties came in the first innings; India's first
    # wicket of the chase came after them: that is the newest moment.
    assert "wicket 1" in moment, moment
    assert "Williamson" not in moment and "Taylor" not in moment, moment


# -- soccer: the charts from a burst are the charts from every frame (item 1) ---------------


async def test_a_real_soccer_match_in_a_burst_charts_every_minute(tmp_path: Path) -> None:
    """Barcelona v Alavés 2018 (StatsBomb open data), frames 40 ms apart at x16: the
    momentum chart's minutes are those of a tracker fed every single frame."""
    from scoreboard.core.charts.soccer import SoccerTracker
    from scoreboard.providers.sportrix.wire import decode_snapshot
    from scoreboard.sim import real

    loaded = real.load("barcelona-alaves-2018")
    match = ScriptedMatch(loaded.match_id)
    match.frames = [frame.data for frame in loaded.frames]
    truth = SoccerTracker()
    for index, data in enumerate(match.frames):
        truth.feed(float(index), decode_snapshot(json.dumps(data)))
    app = replay_app(match.record(tmp_path / "soccer.jsonl", SPACING), replay_speed=16.0)
    async with app.run_test(size=(120, 50)) as pilot:
        panel = await finish(app, pilot, match.match_id)
        await screen_until(pilot, lambda: panel.snapshot.status == "finished", 15)  # type: ignore[union-attr]
        tracker = app.feed.chart(panel)
    assert isinstance(tracker, SoccerTracker)
    assert sorted(tracker.minutes) == sorted(truth.minutes)
    assert [m.values for _, m in sorted(tracker.minutes.items())] == [
        m.values for _, m in sorted(truth.minutes.items())
    ]
