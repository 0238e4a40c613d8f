"""A tiny async JSON client for providers' REST catalogs.

Standard library only: `urllib.request` run in a worker thread via
`asyncio.to_thread`. The key goes in the `X-API-Key` header; redirects are
not followed (urllib would forward the header to any host); loopback hosts
are reached directly, other hosts through the system proxy. Every failure is
an `OSError` subclass whose message names the URL (without query) and the
cause, never the key. An error status carries `retry_after` (seconds, from
a `Retry-After` header, or None); 429 raises `RestRateLimited`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import Executor
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from scoreboard.core.text import safe_text
from scoreboard.net.reasons import body_reason
from scoreboard.net.urls import display_url, is_loopback

#: Largest body read: a catalog is a list of short summaries.
MAX_BODY = 8 << 20
_REASON_LIMIT = 160


class RestError(OSError):
    """A REST call failed; the message is safe to show."""


class RestAuthError(RestError):
    """HTTP 401: the key was refused; `reason` is what the server said (safe, may be empty)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class RestStatusError(RestError):
    """Any other HTTP error status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        #: Seconds the server asked us to wait (`Retry-After`), or None.
        self.retry_after = retry_after


class RestRateLimited(RestStatusError):
    """HTTP 429: too many requests; `retry_after` says how long to wait if the server did."""


#: A `Retry-After` beyond this is read as this (a typo'd date must not park a client for days).
MAX_RETRY_AFTER = 3600.0


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value (delay-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    wait = when.timestamp() - (time.time() if now is None else now)
    return min(max(wait, 0.0), MAX_RETRY_AFTER)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


class RestClient:
    """GET JSON from `base` with the key in `X-API-Key`."""

    def __init__(
        self,
        base: str,
        api_key: str | None,
        *,
        key_source: str = "no key configured",
        timeout: float = 10.0,
        user_agent: str = "sportrix-tui",
        executor: Executor | None = None,
    ) -> None:
        self.base = base.rstrip("/")
        #: Where the blocking calls run (None: asyncio's default pool). A poller
        #: gives its own, so slow requests never wait for each other's threads.
        self.executor = executor
        self.key_source = key_source
        self.timeout = timeout
        self._key = api_key or None
        self._headers = {"Accept": "application/json", "User-Agent": user_agent}
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if is_loopback(urlsplit(self.base).hostname):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    async def get_json(self, path: str, query: dict[str, str] | None = None) -> Any:
        """The decoded JSON body of `GET {base}{path}?{query}`; raises `RestError`."""
        body = await self.get_body(path, query)
        where = display_url(f"{self.base}{path}")
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            raise RestError(f"{where}: answer is not valid JSON") from None

    async def get_body(self, path: str, query: dict[str, str] | None = None) -> bytes:
        """The raw body of a successful `GET {base}{path}?{query}`; raises `RestError`."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self._get, path, query)

    def _get(self, path: str, query: dict[str, str] | None) -> bytes:
        where = display_url(f"{self.base}{path}")
        if self._key is None:
            raise RestAuthError(f"no API key for {where} (from {self.key_source})")
        url = where + (f"?{urlencode(query)}" if query else "")
        request = urllib.request.Request(url, headers={**self._headers, "X-API-Key": self._key})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_BODY + 1)
        except urllib.error.HTTPError as exc:
            raise self._status_error(where, exc) from None
        except urllib.error.URLError as exc:
            cause = exc.reason
            if isinstance(cause, TimeoutError | socket.timeout):
                raise RestError(f"{where}: no answer within {self.timeout:g} s") from None
            text = cause.strerror if isinstance(cause, OSError) and cause.strerror else cause
            raise RestError(f"cannot reach {where}: {self._clean(text)}") from None
        except TimeoutError:
            raise RestError(f"{where}: no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise RestError(f"{where}: {self._clean(exc.strerror or exc)}") from None
        if len(body) > MAX_BODY:
            raise RestError(f"{where}: answer larger than {MAX_BODY} bytes")
        return bytes(body)

    def _status_error(self, where: str, exc: urllib.error.HTTPError) -> RestError:
        retry_after = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        try:
            reason = body_reason(exc.read(4096))
        except OSError:
            reason = ""
        finally:
            exc.close()
        said = f": {self._clean(reason)}" if reason else ""
        if exc.code == 401:
            return RestAuthError(
                f"{where}: the server refused the API key from {self.key_source} "
                f"(HTTP 401{said}); the key may be missing, invalid, disabled or expired",
                self._clean(reason) if reason else "",
            )
        if 300 <= exc.code < 400:
            return RestStatusError(
                f"{where}: HTTP {exc.code} redirect, not followed (the key stays here)", exc.code
            )
        if exc.code == 429:
            wait = f"; retry in {retry_after:g} s" if retry_after is not None else ""
            return RestRateLimited(
                f"{where}: HTTP 429, rate limited{said}{wait}", exc.code, retry_after
            )
        return RestStatusError(f"{where}: HTTP {exc.code}{said}", exc.code, retry_after)

    def _clean(self, text: object) -> str:
        clean = safe_text(text, _REASON_LIMIT)
        key = self._key
        return clean.replace(key, "<redacted>") if key and key in clean else clean
