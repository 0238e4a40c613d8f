"""Settings and the log file: limits, transport checks, key files, levels, redaction."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from scoreboard.cli import build_parser
from scoreboard.logs import setup_logging
from scoreboard.settings import (
    DEFAULT_MAX_FRAME_BYTES,
    ProviderSettings,
    SettingsError,
    check_transport,
    default_log_path,
    load_settings,
)

SECRET = "sk_live_Settings7Secret"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def load(config: Path, **kwargs: object) -> object:
    return load_settings(config=config, environ={}, **kwargs)  # type: ignore[arg-type]


# -- max_frame_bytes --------------------------------------------------------------------------


def test_max_frame_bytes_defaults_and_comes_from_config_or_flag(config: Path) -> None:
    assert load(config).max_frame_bytes == DEFAULT_MAX_FRAME_BYTES  # type: ignore[attr-defined]
    config.write_text("max_frame_bytes = 65536\n")
    assert load(config).max_frame_bytes == 65536  # type: ignore[attr-defined]
    assert load(config, max_frame_bytes=4096).max_frame_bytes == 4096  # type: ignore[attr-defined]
    args = build_parser().parse_args(["--max-frame-bytes", "2048"])
    assert args.max_frame_bytes == 2048


@pytest.mark.parametrize("value", ["'big'", "true", "10", "1e9", str(1 << 30)])
def test_max_frame_bytes_out_of_range_or_not_a_number_is_refused(config: Path, value: str) -> None:
    config.write_text(f"max_frame_bytes = {value}\n")
    with pytest.raises(SettingsError, match="max_frame_bytes"):
        load(config)


# -- transport and key files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "insecure", "ok"),
    [
        ("wss://scores.example.com/v1/stream", False, True),
        ("ws://127.0.0.1:8765/v1/stream", False, True),
        ("ws://localhost:8765/v1/stream", False, True),
        ("ws://[::1]:8765/v1/stream", False, True),
        ("ws://scores.example.com/v1/stream", False, False),
        ("ws://10.0.0.5/v1/stream", False, False),
        ("ws://scores.example.com/v1/stream", True, True),
    ],
)
def test_clear_text_to_another_host_needs_insecure(url: str, insecure: bool, ok: bool) -> None:
    provider = ProviderSettings("sportrix", url, api_key=SECRET)
    if ok:
        check_transport(provider, insecure)
    else:
        with pytest.raises(SettingsError, match="--insecure"):
            check_transport(provider, insecure)


def test_a_key_in_the_url_is_refused_and_never_echoed(config: Path) -> None:
    with pytest.raises(SettingsError) as info:
        load(config, url=f"wss://h.example/v1/stream?key={SECRET}")
    assert SECRET not in str(info.value) and "header" in str(info.value)
    with pytest.raises(SettingsError) as info:
        load(config, url=f"wss://user:{SECRET}@h.example/v1/stream")
    assert SECRET not in str(info.value)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(config: Path, mode: int) -> None:
    config.write_text(f'[sportrix]\napi_key = "{SECRET}"\n')
    config.chmod(mode)
    with pytest.raises(SettingsError) as info:
        load(config)
    assert "chmod 600" in str(info.value) and SECRET not in str(info.value)


def test_a_private_key_file_is_used_and_named_as_the_source(config: Path) -> None:
    config.write_text(f'api_key = "{SECRET}"\n')
    config.chmod(0o600)
    provider = load(config).provider_settings()  # type: ignore[attr-defined]
    assert provider.api_key == SECRET
    assert str(config) in provider.key_source
    assert SECRET not in repr(provider)


# -- the log file ------------------------------------------------------------------------------


def test_log_path_is_in_help() -> None:
    assert str(default_log_path()) in build_parser().format_help().replace("\n", "")


def test_log_levels_info_by_default_debug_with_debug(log_file: Path) -> None:
    log = logging.getLogger("scoreboard.test")
    assert setup_logging(log_file) == log_file
    log.debug("hidden detail")
    log.info("connected")
    log.warning("refused")
    text = log_file.read_text()
    assert "INFO    scoreboard.test: connected" in text
    assert "WARNING scoreboard.test: refused" in text
    assert "hidden detail" not in text

    setup_logging(log_file, debug=True)  # replaces the first handler: no duplicate lines
    log.debug("shown detail")
    log.info("once")
    text = log_file.read_text()
    assert "DEBUG   scoreboard.test: shown detail" in text
    assert text.count("once") == 1


def test_log_files_are_private_even_after_rotation(log_file: Path) -> None:
    setup_logging(log_file)
    handler = next(
        h for h in logging.getLogger("scoreboard").handlers if getattr(h, "baseFilename", None)
    )
    logging.getLogger("scoreboard.test").info("before rotation")
    handler.doRollover()  # type: ignore[attr-defined]
    logging.getLogger("scoreboard.test").info("after rotation")
    files = sorted(log_file.parent.iterdir())
    assert len(files) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_secrets_are_redacted_from_messages_args_and_tracebacks(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPORTRIX_API_KEY", "sk_from_env_42424242")
    setup_logging(log_file, secrets=[SECRET])
    log = logging.getLogger("scoreboard.test")
    log.info("key %s in args", SECRET)
    log.info(f"key {SECRET} in the message and sk_from_env_42424242")
    try:
        raise RuntimeError(f"failed with {SECRET}")
    except RuntimeError:
        log.exception("boom")
    text = log_file.read_text()
    assert SECRET not in text and "sk_from_env_42424242" not in text
    assert text.count("***") >= 4
    assert "RuntimeError: failed with ***" in text


def test_an_unwritable_log_path_does_not_stop_the_app(tmp_path: Path, log_file: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert setup_logging(blocker / "sub" / "x.log") is None
