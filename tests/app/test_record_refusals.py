"""--record under bad frames: each read is recorded as one run before it is decoded,
and every frame the decoder refuses stays in the recording, as text, in its place."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.app import all_live, screen_until, time_app, until
from helpers.chaos import bad_frames
from helpers.recordings import replay_app

from scoreboard.providers.registry import PROVIDERS
from scoreboard.recording.reader import read_recording
from scoreboard.recording.writer import Recorder


async def test_refused_frames_are_recorded_in_order_and_replay_refuses_them_again(
    sim_factory, tmp_path: Path
) -> None:
    sim = sim_factory(speed=0)
    path = tmp_path / "bad.jsonl"
    app = time_app(sim, "41282", recorder=Recorder(path, secrets=["sk_demo"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        good = json.dumps({"op": "update", "data": sim.snapshot(41282)})
        sent = [good, *bad_frames(41282), good]
        stats = app.providers["sportrix"].stats
        before = sum(stats.rejected.values())
        for payload in sent:  # queued together: they arrive in one or a few reads
            sim.faults.send_raw(payload)
        await until(app, lambda: sum(stats.rejected.values()) - before == len(sent) - 2)
        await pilot.pause()
        live_rejected = dict(stats.rejected)
    recording = read_recording(path, PROVIDERS)
    assert not recording.skipped
    texts = [f.raw.decode() if isinstance(f.raw, bytes) else f.raw for f in recording.frames]
    start = len(texts) - len(sent)
    assert texts[start:] == sent  # every frame, byte for byte, in the order it came

    app = replay_app(path, replay_speed=1000.0)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await screen_until(pilot, lambda: player.finished, 10)
        await pilot.pause()
        assert dict(app.providers["sportrix"].stats.rejected) == live_rejected
