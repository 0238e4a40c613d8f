"""Short, human reasons for connection failures, safe to show and to log.

Server-supplied text is sanitised with `safe_text` and length-capped; none of
these ever sees the API key (it lives only in the handshake header), and
callers redact it again anyway before anything leaves the stream.
"""

from __future__ import annotations

import contextlib
import re
import socket
import ssl

import msgspec
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode

from scoreboard.core.text import safe_text

#: Longest server-supplied text kept in an event (reasons, error frames).
REASON_LIMIT = 400


def body_reason(body: bytes | bytearray | None) -> str:
    """The server's reason from an HTTP error body: JSON `error`/`message`/`detail`, or text."""
    if not body:
        return ""
    text = body[:4096].decode("utf-8", "replace")
    with contextlib.suppress(msgspec.DecodeError):
        doc = msgspec.json.decode(text)
        if isinstance(doc, dict):
            for field in ("error", "message", "detail"):
                value = doc.get(field)
                if isinstance(value, str):
                    text = value
                    break
    return safe_text(text.strip(), REASON_LIMIT)


#: A server's advice we must not pass on: the app never puts the key in a URL.
_QUERY_KEY_ADVICE = re.compile(r"\?key=|query param", re.IGNORECASE)


def without_query_key_advice(text: str) -> str:
    """`text` without the sentences telling the user to send the key as `?key=`.

    A server may suggest it (the provider page documents it for browsers), but
    the app refuses a URL with a query: the key stays in the header.
    """
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if not _QUERY_KEY_ADVICE.search(s)).strip()


def connect_reason(exc: BaseException) -> str:
    """Why opening a connection failed (not an HTTP status: see `status_reason`)."""
    if isinstance(exc, TimeoutError):
        return "no handshake in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host not found"
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = safe_text(exc.verify_message or "verification failed", REASON_LIMIT)
        return f"the server's TLS certificate is not trusted ({why}); the key was not sent"
    if isinstance(exc, OSError):
        return f"cannot connect: {safe_text(exc.strerror or exc, REASON_LIMIT)}"
    return f"handshake failed: {safe_text(exc, REASON_LIMIT)}"


def status_reason(status: int, body: bytes | bytearray | None) -> str:
    """Why a handshake answered with an HTTP status other than 101 (and not 401)."""
    if 300 <= status < 400:
        return f"server answered HTTP {status} (a redirect, not followed: the key stays here)"
    reason = body_reason(body)
    if status == 404:
        return "HTTP 404: is the URL right?" + (f" (server said: {reason})" if reason else "")
    return f"server answered HTTP {status}" + (f": {reason}" if reason else "")


def frame_fault(exc: ConnectionClosed, *, max_size: int, noun: str) -> tuple[str, str] | None:
    """The bad frame we closed the connection over, as `(kind, reason)`, or None.

    An oversize frame (over `max_size`) or a text frame that is not valid
    UTF-8: RFC 6455 requires failing the connection over that (websockets
    does, with 1007), so unlike other bad frames these cost a reconnect.
    `noun` is what the provider calls a frame ("frame", "message").
    """
    code = None if exc.sent is None else exc.sent.code
    if code == CloseCode.MESSAGE_TOO_BIG:
        return "oversize", f"a {noun} over {max_size} bytes; reconnecting"
    if code == CloseCode.INVALID_DATA:
        return "not_utf8", f"a text {noun} not valid UTF-8; reconnecting"
    return None


def closed_reason(exc: ConnectionClosed, *, max_size: int, ping_timeout: float) -> str:
    """Why an open connection ended, from the close frames exchanged (if any)."""
    sent, rcvd = exc.sent, exc.rcvd
    if rcvd is not None and (sent is None or exc.rcvd_then_sent):
        text = f": {safe_text(rcvd.reason, REASON_LIMIT)}" if rcvd.reason else ""
        return f"server closed the connection (code {rcvd.code}{text})"
    if sent is not None:
        if sent.code == CloseCode.MESSAGE_TOO_BIG:
            return f"a frame over {max_size} bytes"
        if sent.code == CloseCode.INVALID_DATA:
            return "a text frame that is not valid UTF-8"
        if "keepalive" in sent.reason:
            return f"no pong within {ping_timeout:g} s"
        return f"connection closed (code {sent.code})"
    return "connection lost"
