"""A REST server made to hurt, on loopback: it answers each path with the bytes it is given.

`HostileRest` serves `answers[path]` (the path without its query string) as a
200 JSON body, and `{"error": "not found"}` with a 404 for anything else, from
a thread, for as long as the `with` block lasts. Point a provider's
`rest_url` at `.base` (`http://127.0.0.1:PORT/v1`).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class HostileRest:
    def __init__(self, answers: dict[str, bytes | Any] | None = None) -> None:
        #: Body by path (`/v1/matches`): bytes as they are, anything else as JSON.
        self.answers: dict[str, bytes] = {}
        for path, body in (answers or {}).items():
            self.answer(path, body)
        #: Paths asked for, in order.
        self.asked: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server.asked.append(path)
                body = server.answers.get(path)
                status = 200 if body is not None else 404
                if body is None:
                    body = b'{"error": "not found"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, path: str, body: bytes | Any) -> None:
        self.answers[path] = body if isinstance(body, bytes) else json.dumps(body).encode()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
