"""Small HTTP servers on loopback, in a thread of their own, for the REST client's tests.

`HttpServerThread(handler)` serves `handler(reader, writer)` per accepted
connection (TLS if given a context) and counts the connections it accepted.
Handlers here: `silent` (reads the request, never answers), `drip` (answers
a byte a second), `answer(status, headers, body)` (one fixed answer per
request, keep-alive), and `KeepAliveFront(sim)`: a keep-alive HTTP/1.1 front
for the simulator's REST (the simulator answers on websockets' handshake
path, which closes the connection after every answer), so what is counted
is what the client opens, not what the simulator forces.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from scoreboard.sim.runner import SimulatorThread

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class HttpServerThread:
    """An asyncio server on 127.0.0.1 in its own thread; `connections` counts accepts."""

    def __init__(self, handler: Handler, tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls
        self.connections = 0
        self.requests: list[str] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def origin(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def _run(self) -> None:
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()

        tasks: set[asyncio.Task[None]] = set()

        async def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            task = asyncio.current_task()
            assert task is not None
            tasks.add(task)
            try:
                await self.handler(reader, writer)
            except (OSError, asyncio.IncompleteReadError, ssl.SSLError):
                pass
            finally:
                tasks.discard(task)
                writer.close()

        server = await asyncio.start_server(accepted, "127.0.0.1", 0, ssl=self.tls)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            for task in list(tasks):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> Self:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("test server did not start")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        stop = self._stop
        if stop is not None:
            self._loop.call_soon_threadsafe(stop.set)
        self._thread.join(5)


async def read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str]]:
    """The request line and headers (lower-case names) of the next request."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def response(status: int, headers: dict[str, str], body: bytes) -> bytes:
    head = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
    head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Takes the request and never answers."""
    await read_request(reader)
    await asyncio.sleep(3600)


async def drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers 200 at once, then the body one byte a second (each read is quick)."""
    await read_request(reader)
    body = json.dumps([{"match_id": 1}] * 100).encode()
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    for byte in body:
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(1)


def answer(status: int, headers: dict[str, str], body: object) -> Handler:
    """A handler answering every request on a connection the same way."""
    raw = json.dumps(body).encode()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            await read_request(reader)
            writer.write(response(status, {"Content-Type": "application/json", **headers}, raw))
            await writer.drain()

    return handle


class KeepAliveFront:
    """Forwards each request on a kept-alive connection to the simulator's REST."""

    def __init__(self, sim: SimulatorThread) -> None:
        self.sim = sim
        self.requests = 0

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            line, headers = await read_request(reader)
            self.requests += 1
            status, body = await self._forward(line.split(" ")[1], headers.get("x-api-key", ""))
            writer.write(response(status, {"Content-Type": "application/json"}, body))
            await writer.drain()

    async def _forward(self, path: str, key: str) -> tuple[int, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.sim.port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {key}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        raw = await reader.read()
        writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body
