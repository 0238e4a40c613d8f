"""The recording format: JSON Lines, optionally gzip (a `.gz` suffix), versioned.

The first line is a header, every other line one received frame:

```
{"recording": "sportrix-tui", "version": 1, "started_at": 1764581234.5, "app": "0.4.0"}
{"p": "sportrix", "k": "frame", "t": 1764581234.61, "json": {"op": "snapshot", ...}}
{"p": "sportrix", "k": "frame", "t": 1764581234.70, "raw": "{\"op\": not json"}
{"p": "scorelytics", "k": "snapshot", "m": "abc123", "s": "football", "t": 1764581235.02,
 "json": {...}}   (one line in the file)
{"p": "scorelytics", "k": "message", "m": "abc123", "t": 1764581235.40, "json": {...}}
```

- `t`: receive time (wall clock, seconds since the epoch);
- `p`: the provider (`scoreboard.providers.registry` names them);
- `k`: `frame` (a Sportrix stream frame), `snapshot` (a Scorelytics REST
  snapshot, with `m` its match and `s` the sport path that answered) or
  `message` (a Scorelytics socket message, `m` the socket's match);
- the text exactly as received: a frame the decoder parsed as JSON, on one
  line, is the `json` value itself, byte for byte (no escaping: recording
  costs little); any other text is the `raw` string; a binary frame `b64`.

A file appended to by a later run gets another header; the reader accepts
any number of them, all of the same version. The API key is never written:
any text holding it has it replaced by `<redacted>` before it is.
"""

from __future__ import annotations

from msgspec import Raw, Struct

MAGIC = "sportrix-tui"
VERSION = 1
KINDS = ("frame", "snapshot", "message")


class Header(Struct, frozen=True):
    recording: str
    version: int
    started_at: float = 0.0
    app: str = ""
    #: The matches the recording app followed at start, as typed (`41282`,
    #: `scorelytics:abc123`): a replay shows them in this order.
    matches: list[str] = []


class Line(Struct, frozen=True, omit_defaults=True):
    """One recorded frame."""

    t: float
    p: str
    k: str
    raw: str | None = None
    #: Empty when the frame is kept as `raw` or `b64` (msgspec has no `Raw | None`).
    json: Raw = Raw()
    b64: str | None = None
    m: str | None = None
    s: str | None = None
