"""URL helpers shared by the stream and the REST client: display and proxy choice."""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlsplit


def display_url(url: str) -> str:
    """The URL without query or credentials, for logs, events and errors."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def is_loopback(host: str | None) -> bool:
    """True for `localhost` and loopback address literals (127.0.0.0/8, ::1).

    The one loopback rule: it decides both that a host needs no proxy and that
    a clear-text `ws://` URL may carry the key there. Names other than
    `localhost` are not trusted to resolve to loopback.
    """
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def proxy_for(url: str, option: str | bool | None) -> str | Literal[True] | None:
    """websockets' `proxy` argument for `option` (see `StreamOptions.proxy`).

    None picks: direct for loopback hosts, the system proxy otherwise.
    False is direct, True the system proxy, a string that proxy's URL.
    """
    if option is None:
        return None if is_loopback(urlsplit(url).hostname) else True
    if option is False:
        return None
    return option
