"""What the app remembers: written atomically, readable only by its owner, never fatal."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scoreboard import state


def test_written_atomically_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "view.json"
    assert state.write_json(path, {"density": "compact"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert state.read_json(path) == {"density": "compact"}
    assert state.write_json(path, {"density": "ticker"})
    assert state.read_json(path) == {"density": "ticker"}
    assert os.listdir(path.parent) == ["view.json"]  # no temporary left behind


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "view.json"
    state.write_json(path, {"density": "full"})

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    assert not state.write_json(path, {"density": "ticker"})
    assert state.read_json(path) == {"density": "full"}
    assert os.listdir(tmp_path) == ["view.json"]


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b"\xff\xfe"])
def test_a_damaged_file_reads_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "view.json"
    path.write_bytes(content)
    assert state.read_json(path) == {}
    assert state.read_json(tmp_path / "missing.json") == {}


def test_an_unwritable_directory_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not state.write_json(blocker / "view.json", {"density": "full"})


def test_remembered_delays_from_a_file_are_kept_only_when_they_are_real_delays(
    tmp_path: Path,
) -> None:
    """A hand-edited or hostile session file: a delay out of range or a huge key is
    dropped, and the matches are kept all the same (the file is not set aside)."""
    path = tmp_path / "session.json"
    path.write_text(
        '{"version": 1, "matches": ["sportrix:1"], "delays": {"sportrix:1": 38, '
        '"sportrix:2": -5, "sportrix:3": 1e308, "' + "x" * 5000 + '": 10}}'
    )
    session, problem = state.load_session(path)
    assert problem is None and session is not None
    assert session.matches == ["sportrix:1"]
    assert session.delays == {"sportrix:1": 38.0}
