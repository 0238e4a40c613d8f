"""The Sportrix REST catalog routes (`/v1/matches...`), keyed by the `X-API-Key` header.

| call | scope | answer |
|---|---|---|
| `GET /v1/matches?status=&sport=` | any valid key | list of summaries |
| `GET /v1/matches/{id}` | any valid key | one summary; 404 if unknown |
| `GET /v1/matches/{id}/live` | `live_scores` | `engine.live_view()`; 404 if not live or not found |

401 with `{"error": "..."}` saying why for a missing, invalid, disabled or
expired key, or one without the scope the call needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.keys import SCOPE_LIVE_SCORES, Denied, KeyStore
from scoreboard.sim.routes import HttpRequest, JsonResponse, Router

#: States in which a match can be subscribed to or read via `/live`.
IN_PLAY = frozenset({"live", "suspended"})
NOT_LIVE = "match not live or not found"


class RestApi:
    """REST handlers over the server's engines and keys."""

    def __init__(self, engines: Mapping[int, MatchEngine], keys: KeyStore) -> None:
        self.engines = engines
        self.keys = keys

    def register(self, router: Router) -> None:
        router.add_http("/v1/matches", self.list_matches)
        router.add_http("/v1/matches/{id}", self.get_match)
        router.add_http("/v1/matches/{id}/live", self.get_live)

    def _auth(self, request: HttpRequest, scope: str | None) -> JsonResponse | None:
        """None if the request's key may make this call, else the 401 answer."""
        key = request.headers.get("X-API-Key")
        result = self.keys.check(key, scope)
        if isinstance(result, Denied):
            reason = result.reason
            if not key:
                reason += ": send it in the X-API-Key header"
            return JsonResponse(HTTPStatus.UNAUTHORIZED, {"error": reason})
        return None

    def _engine(self, request: HttpRequest) -> MatchEngine | None:
        raw = request.params["id"]
        if not raw.isdigit():
            return None
        return self.engines.get(int(raw))

    def list_matches(self, request: HttpRequest) -> JsonResponse:
        if denied := self._auth(request, None):
            return denied
        status = request.query.get("status")
        sport = request.query.get("sport")
        body = [
            e.summary()
            for e in self.engines.values()
            if (status is None or e.status == status) and (sport is None or e.sport == sport)
        ]
        return JsonResponse(HTTPStatus.OK, body)

    def get_match(self, request: HttpRequest) -> JsonResponse:
        if denied := self._auth(request, None):
            return denied
        engine = self._engine(request)
        if engine is None:
            return JsonResponse(HTTPStatus.NOT_FOUND, {"error": "match not found"})
        return JsonResponse(HTTPStatus.OK, engine.summary())

    def get_live(self, request: HttpRequest) -> JsonResponse:
        if denied := self._auth(request, SCOPE_LIVE_SCORES):
            return denied
        engine = self._engine(request)
        if engine is None or engine.status not in IN_PLAY:
            return JsonResponse(HTTPStatus.NOT_FOUND, {"error": NOT_LIVE})
        return JsonResponse(HTTPStatus.OK, engine.live_view())
