"""The diagnostics' bookkeeping: contained failures and the watchdog's window."""

from __future__ import annotations

import logging

import pytest

from scoreboard.core.diagnostics import Diagnostics, LoopLag


def test_loop_lag_keeps_the_worst_of_its_window() -> None:
    lag = LoopLag(window=60)
    assert lag.worst() is None
    lag.record(0.0, 2.5)
    lag.record(30.0, 0.01)
    assert lag.worst() == 2.5
    lag.record(61.0, 0.02)  # the 2.5 s stall is now older than a minute
    assert lag.worst() == pytest.approx(0.02)
    assert lag.worst(now=200.0) == 0.0


def fail(kind: str) -> Exception:
    try:
        raise ValueError(kind)
    except ValueError as exc:
        return exc


def test_contained_failures_are_counted_each_time_and_logged_once_per_place(
    caplog: pytest.LogCaptureFixture,
) -> None:
    diag = Diagnostics.empty()
    with caplog.at_level(logging.ERROR, logger="scoreboard.contained"):
        for _ in range(3):
            diag.contain("render_error", fail("x"), "41282 layout")
        diag.contain("route_error", fail("y"))
    assert diag.contained == {"render_error": 3, "route_error": 1}
    logged = [r for r in caplog.records if r.exc_info]
    assert [r.getMessage().split()[0] for r in logged] == ["render_error", "route_error"]
    assert "41282 layout" in logged[0].getMessage()


def test_loop_lag_since_a_moment_leaves_out_what_came_before() -> None:
    lag = LoopLag(window=60)
    lag.record(10.0, 0.5)  # a warm-up stall
    lag.record(12.0, 0.02)
    assert lag.worst() == 0.5
    assert lag.worst(since=11.0) == 0.02
