"""A small routing table for the simulator's single port.

Plain HTTP requests are matched against path patterns (`/v1/matches/{id}`);
WebSocket upgrades are dispatched by path prefix (`/v1/stream`,
`/v1/ws/match/`). Both tables are open: another provider's routes can be
added to the same server with `Router.add_http` / `Router.add_websocket`.

`Router.intercept` (the server sets it to its REST fault rules) may answer a
matched REST request instead of its route, or delay it; `Router.log` records
every REST request that reached a route.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

if TYPE_CHECKING:
    from scoreboard.sim.restfaults import Intercepted, RestLog


class HttpRequest(msgspec.Struct, frozen=True):
    """A parsed GET request: path without query, query parameters, headers."""

    path: str
    query: dict[str, str]
    headers: Headers
    #: Values of `{name}` segments of the matched pattern.
    params: dict[str, str] = msgspec.field(default_factory=dict)

    @classmethod
    def parse(cls, request: Request) -> HttpRequest:
        parts = urlsplit(request.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        return cls(unquote(parts.path) or "/", query, request.headers)


class JsonResponse(msgspec.Struct, frozen=True):
    status: int
    body: Any
    #: Extra response headers (`Retry-After`).
    headers: dict[str, str] = msgspec.field(default_factory=dict)


HttpHandler = Callable[[HttpRequest], JsonResponse]
#: Called in `process_request` for an upgrade: None accepts, a Response refuses.
WsAuthorizer = Callable[[ServerConnection, HttpRequest], Response | None]
WsHandler = Callable[[ServerConnection], Awaitable[None]]
#: Sees a request matched to a route (and the route's pattern) first: None lets it through.
HttpIntercept = Callable[[HttpRequest, str], "Intercepted | None"]


class HttpRoute(msgspec.Struct, frozen=True):
    pattern: str
    segments: tuple[str, ...]
    handler: HttpHandler

    def match(self, path: str) -> dict[str, str] | None:
        parts = tuple(path.strip("/").split("/"))
        if len(parts) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for want, got in zip(self.segments, parts, strict=True):
            if want.startswith("{") and want.endswith("}"):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params


class WsRoute(msgspec.Struct, frozen=True):
    prefix: str
    authorize: WsAuthorizer
    handler: WsHandler

    def matches(self, path: str) -> bool:
        if self.prefix.endswith("/"):
            return path.startswith(self.prefix)
        return path == self.prefix


class Router:
    """Path → handler tables for HTTP and WebSocket requests on one port."""

    def __init__(self) -> None:
        self.http: list[HttpRoute] = []
        self.websocket: list[WsRoute] = []
        self.intercept: HttpIntercept | None = None
        self.log: RestLog | None = None

    def add_http(self, pattern: str, handler: HttpHandler) -> None:
        """Route GET `pattern` (`{name}` segments capture) to `handler`."""
        self.http.append(HttpRoute(pattern, tuple(pattern.strip("/").split("/")), handler))

    def add_websocket(self, prefix: str, handler: WsHandler, authorize: WsAuthorizer) -> None:
        """Route upgrades to `prefix` (exact, or any path under it if it ends in `/`)."""
        self.websocket.append(WsRoute(prefix, authorize, handler))

    def find_websocket(self, path: str) -> WsRoute | None:
        return next((r for r in self.websocket if r.matches(path)), None)

    def process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | Awaitable[Response] | None:
        """The `process_request` hook: refuse or accept upgrades, answer plain HTTP."""
        parsed = HttpRequest.parse(request)
        if is_upgrade(request):
            route = self.find_websocket(parsed.path)
            if route is None:
                return connection.respond(
                    HTTPStatus.NOT_FOUND, f"no WebSocket endpoint at {parsed.path}\n"
                )
            return route.authorize(connection, parsed)
        if self.find_websocket(parsed.path) is not None:
            return json_response(
                connection,
                JsonResponse(
                    HTTPStatus.UPGRADE_REQUIRED,
                    {"error": f"{parsed.path} is a WebSocket endpoint; connect with ws://"},
                ),
            )
        if request.method != "GET":
            return json_response(
                connection,
                JsonResponse(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "only GET is supported"}),
            )
        for http_route in self.http:
            params = http_route.match(parsed.path)
            if params is not None:
                matched = HttpRequest(parsed.path, parsed.query, parsed.headers, params)
                return self._answer(connection, http_route, matched)
        return json_response(
            connection, JsonResponse(HTTPStatus.NOT_FOUND, {"error": f"no route {parsed.path}"})
        )

    def _answer(
        self, connection: ServerConnection, route: HttpRoute, request: HttpRequest
    ) -> Response | Awaitable[Response]:
        arrived = time.monotonic()
        fault = self.intercept(request, route.pattern) if self.intercept else None
        if fault is None:
            return self._logged(connection, request, route.handler(request), arrived)
        if fault.delay <= 0:
            assert fault.answer is not None
            return self._logged(connection, request, fault.answer, arrived)

        async def later() -> Response:
            await asyncio.sleep(fault.delay)
            answer = fault.answer if fault.answer is not None else route.handler(request)
            return self._logged(connection, request, answer, arrived)

        return later()

    def _logged(
        self, connection: ServerConnection, request: HttpRequest, answer: JsonResponse, at: float
    ) -> Response:
        if self.log is not None:
            self.log.record(request.path, answer.status, at)
        return json_response(connection, answer)

    async def dispatch(self, connection: ServerConnection) -> None:
        """The connection handler: run the WebSocket route the request matched."""
        assert connection.request is not None
        route = self.find_websocket(HttpRequest.parse(connection.request).path)
        if route is not None:
            await route.handler(connection)


def is_upgrade(request: Request) -> bool:
    return "websocket" in request.headers.get("Upgrade", "").lower()


def json_response(connection: ServerConnection, answer: JsonResponse) -> Response:
    response = connection.respond(answer.status, json.dumps(answer.body))
    del response.headers["Content-Type"]
    response.headers["Content-Type"] = "application/json"
    for name, value in answer.headers.items():
        response.headers[name] = value
    return response
