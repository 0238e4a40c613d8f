"""A small async JSON client for providers' REST endpoints, on `httpx`.

One `httpx.AsyncClient` per `RestClient` (one origin): pooled keep-alive
connections, HTTP/2 where the server offers it by ALPN (`h2`). Every request
has a WHOLE deadline (`asyncio.timeout`: connect, headers and every byte of
the body together, so a server dripping a byte a second is cut off), and the
body is streamed with a byte cap. Redirects are not followed (the key would
go along). Proxies come from the environment (`HTTPS_PROXY`, `NO_PROXY`, ...)
except for loopback hosts, which are always reached directly; nothing else
is taken from the environment (no `.netrc`). TLS trusts the system store (as
the stream does), so `SSL_CERT_FILE` works the same for both.

The key goes in the `X-API-Key` header. Every failure is an `OSError`
subclass whose message names the URL (without query) and the cause, never
the key. An error status carries `retry_after` (seconds, from a strict
`Retry-After`: ASCII digits or an HTTP date, bounded), and 429 raises
`RestRateLimited`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import time
import urllib.request
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from scoreboard.core.text import safe_text
from scoreboard.net.reasons import body_reason
from scoreboard.net.urls import display_url, is_loopback

if TYPE_CHECKING:
    # Imported where a request is made: no REST call comes before the first
    # screen, and httpx with what it imports is ~40 ms of the start otherwise.
    import httpx

#: Largest body read: a catalog is a list of short summaries.
MAX_BODY = 8 << 20
#: Most of an error answer's body read for its reason.
_ERROR_BODY = 4096
_REASON_LIMIT = 160
#: Most connections kept to one origin (the poller has at most 32 requests in flight).
MAX_CONNECTIONS = 32
#: An idle pooled connection is dropped after this many seconds.
KEEPALIVE = 30.0
#: Longest wait for the pool to close its connections (quitting never waits on the network).
CLOSE_WAIT = 0.5


class RestError(OSError):
    """A REST call failed; the message is safe to show.

    `short` is the cause without the URL, for a status line that names the match itself.
    """

    def __init__(self, message: str, short: str | None = None) -> None:
        super().__init__(message)
        self.short = short or message


class RestAuthError(RestError):
    """HTTP 401: the key was refused; `reason` is what the server said (safe, may be empty)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class RestStatusError(RestError):
    """Any other HTTP error status."""

    def __init__(
        self,
        message: str,
        status: int,
        retry_after: float | None = None,
        short: str | None = None,
    ) -> None:
        super().__init__(message, short)
        self.status = status
        #: Seconds the server asked us to wait (`Retry-After`), or None.
        self.retry_after = retry_after


class RestRateLimited(RestStatusError):
    """HTTP 429: too many requests; `retry_after` says how long to wait if the server did."""


#: A `Retry-After` beyond this is read as this (a typo'd date must not park a client for days).
MAX_RETRY_AFTER = 3600.0
_MAX_DIGITS = 10


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value, or None if it is neither form.

    Strict: delay-seconds is ASCII digits only (`'²'.isdigit()` is true, so
    `isdigit` alone is not enough), an HTTP date must carry its zone; both are
    bounded to 0..`MAX_RETRY_AFTER` (a date in the past is 0).
    """
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        if len(text) > _MAX_DIGITS:
            return MAX_RETRY_AFTER
        return min(float(int(text)), MAX_RETRY_AFTER)
    if not text.isascii() or not text.isprintable():
        return None
    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:
            return None
        wait = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(wait, 0.0), MAX_RETRY_AFTER)


def environment_proxy(base: str) -> str | None:
    """The proxy URL the environment names for `base`'s origin; None for loopback or bypassed."""
    parts = urlsplit(base)
    host = parts.hostname
    if not host or is_loopback(host):
        return None
    proxies = urllib.request.getproxies()
    if urllib.request.proxy_bypass(host):
        return None
    return proxies.get(parts.scheme) or proxies.get("all") or None


class RestClient:
    """GET JSON from `base` with the key in `X-API-Key`, over one pooled `httpx` client."""

    def __init__(
        self,
        base: str,
        api_key: str | None,
        *,
        key_source: str = "no key configured",
        timeout: float = 10.0,
        user_agent: str = "sportrix-tui",
    ) -> None:
        self.base = base.rstrip("/")
        self.key_source = key_source
        #: Seconds one whole request may take: connect, answer and every byte of the body.
        self.timeout = timeout
        self._key = api_key or None
        self._headers = {"Accept": "application/json", "User-Agent": user_agent}
        self.proxy = environment_proxy(self.base)
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def prepare(self) -> None:
        """Make the pool now (in the running loop), so no request's deadline pays for it."""
        self._pool()

    def _pool(self) -> httpx.AsyncClient:
        """The client for the running loop (made on first use: it belongs to one loop)."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop or self._client.is_closed:
            import httpx

            self._loop = loop
            self._client = httpx.AsyncClient(
                http2=True,
                verify=self._tls(),
                trust_env=False,
                proxy=self.proxy,
                follow_redirects=False,
                timeout=httpx.Timeout(self.timeout),
                limits=httpx.Limits(
                    max_connections=MAX_CONNECTIONS,
                    max_keepalive_connections=MAX_CONNECTIONS,
                    keepalive_expiry=KEEPALIVE,
                ),
                headers=self._headers,
            )
        return self._client

    def _tls(self) -> ssl.SSLContext:
        """The system trust store for https (as the stream); a bare context for http,
        which never uses it (loading a trust store costs tens of milliseconds)."""
        if urlsplit(self.base).scheme == "https":
            return ssl.create_default_context()
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)

    async def aclose(self) -> None:
        """Close the pooled connections, waiting at most `CLOSE_WAIT` seconds."""
        client, self._client = self._client, None
        if client is None or client.is_closed:
            return
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_WAIT):
                await client.aclose()

    async def get_json(
        self, path: str, query: dict[str, str] | None = None, *, timeout: float | None = None
    ) -> Any:
        """The decoded JSON body of `GET {base}{path}?{query}`; raises `RestError`."""
        body = await self.get_body(path, query, timeout=timeout)
        where = display_url(f"{self.base}{path}")
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise RestError(f"{where}: answer is not valid JSON") from None

    async def get_body(
        self,
        path: str,
        query: dict[str, str] | None = None,
        *,
        timeout: float | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> bytes:
        """The raw body of a successful `GET {base}{path}?{query}`; raises `RestError`.

        `timeout` (default: the client's) bounds the whole request. `on_sent` is
        called when the request goes on the wire (its connection ready).
        """
        limit = self.timeout if timeout is None else timeout
        where = display_url(f"{self.base}{path}")
        if self._key is None:
            raise RestAuthError(f"no API key for {where} (from {self.key_source})")
        url = where + (f"?{urlencode(query)}" if query else "")
        import httpx

        try:
            async with asyncio.timeout(limit):
                return await self._get(url, where, limit, on_sent)
        except (TimeoutError, httpx.TimeoutException):
            said = f"no answer within {limit:g} s"
            raise RestError(f"{where}: {said}", said) from None
        except httpx.ConnectError as exc:
            raise RestError(f"cannot reach {where}: {self._cause(exc)}") from None
        except (httpx.HTTPError, httpx.InvalidURL, ssl.SSLError, OSError) as exc:
            if isinstance(exc, RestError):
                raise
            raise RestError(f"{where}: {self._cause(exc)}") from None

    async def _get(
        self, url: str, where: str, limit: float, on_sent: Callable[[], None] | None
    ) -> bytes:
        headers = {"X-API-Key": self._key or ""}
        extensions: dict[str, Any] = {}
        if on_sent is not None:

            async def trace(event: str, info: object) -> None:
                if event.endswith("send_request_headers.started"):
                    on_sent()

            extensions["trace"] = trace
        pool = self._pool()
        async with pool.stream(
            "GET", url, headers=headers, timeout=limit, extensions=extensions
        ) as response:
            if response.status_code >= 300:
                body = await _read(response, _ERROR_BODY, truncate=True)
                raise self._status_error(where, response, body)
            body = await _read(response, MAX_BODY)
            if body is None:
                raise RestError(f"{where}: answer larger than {MAX_BODY} bytes")
            return body

    def _status_error(self, where: str, response: httpx.Response, body: bytes | None) -> RestError:
        code = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        reason = body_reason(body or b"")
        said = f": {self._clean(reason)}" if reason else ""
        if code == 401:
            return RestAuthError(
                f"{where}: the server refused the API key from {self.key_source} "
                f"(HTTP 401{said}); the key may be missing, invalid, disabled or expired",
                self._clean(reason) if reason else "",
            )
        if 300 <= code < 400:
            short = f"HTTP {code} redirect, not followed (the key stays here)"
            return RestStatusError(f"{where}: {short}", code, short=short)
        if code == 429:
            wait = f"; retry in {retry_after:g} s" if retry_after is not None else ""
            short = f"HTTP 429, rate limited{said}{wait}"
            return RestRateLimited(f"{where}: {short}", code, retry_after, short)
        short = f"HTTP {code}{said}"
        return RestStatusError(f"{where}: {short}", code, retry_after, short)

    def _cause(self, exc: BaseException) -> str:
        cause: BaseException = exc
        for _ in range(8):  # the innermost cause (a chain may loop)
            nxt = cause.__cause__ or cause.__context__
            if nxt is None:
                break
            cause = nxt
        text = (cause.strerror if isinstance(cause, OSError) else None) or str(cause) or str(exc)
        return self._clean(text or type(exc).__name__)

    def _clean(self, text: object) -> str:
        clean = safe_text(text, _REASON_LIMIT)
        key = self._key
        return clean.replace(key, "<redacted>") if key and key in clean else clean


async def _read(response: httpx.Response, cap: int, *, truncate: bool = False) -> bytes | None:
    """At most `cap` decoded bytes of the body; None if it is longer (unless `truncate`)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        chunks.append(chunk)
        if size > cap:
            if truncate:
                return b"".join(chunks)[:cap]
            return None
    return b"".join(chunks)
