"""websockets' asyncio client, with a fast path for the common frame and batched receives.

`BatchedConnection` is websockets' own `ClientConnection` (handshake,
keepalive, close handshake, flow control, every error and close code) with
two changes on the receiving side:

- **A fast path in `data_received`.** A read usually holds hundreds of whole
  frames of one kind: unmasked, unfragmented text frames (`0x81`) within
  `max_size`. Those are cut out of the read here, in one loop, instead of
  going one by one through websockets' generator-based parser, its frame
  objects and its message queue. Every other frame (ping, pong, close,
  fragments, binary, masked, RSV bits, an oversize length) is handed to
  websockets' sans-I/O protocol *whole*, so its parser always stands at a
  frame boundary and decides exactly as it does without this class. A frame
  over `max_size` hands the rest of the stream to the protocol (it fails the
  connection with 1009, as always). Until the protocol's parser is known to
  be at a boundary (after the handshake, it normally is at once), every byte
  goes the ordinary way.
- **Batches.** `take()` returns every message received so far, in order,
  waiting only when there is none: one task switch per read, not per frame.
  Text messages are `bytes` (UTF-8 checked: ASCII at C speed, anything else
  decoded once); binary ones are `BinaryMessage` (a `bytes` subclass).
  Invalid UTF-8 fails the connection with 1007, fragments beyond websockets'
  limit with 1009 ("too many fragments"), once every message before them has
  been taken: what `recv()` does. The queue pauses reading above
  `max_queue` messages and resumes when taken, like websockets' own.

`recv()` must not be used on this connection (its queue stays empty).
"""

from __future__ import annotations

import asyncio
from types import GeneratorType
from typing import Any

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.messages import MAX_FRAGMENTS
from websockets.exceptions import TooManyFragments
from websockets.frames import CONT, DATA_OPCODES, TEXT, CloseCode, Frame
from websockets.protocol import Event as ProtocolEvent
from websockets.protocol import State

#: First header byte of the frame taken on the fast path: FIN, no RSV, text.
FAST_FIRST_BYTE = 0x81
#: No limit on a message, as `max_size=None` means.
UNLIMITED = 1 << 63


class BinaryMessage(bytes):
    """A binary message (text messages are plain `bytes`)."""

    __slots__ = ()


class BatchedConnection(ClientConnection):
    """`ClientConnection` that parses common frames itself and hands out batches."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Messages received and not taken yet, in order.
        self._batch: list[bytes] = []
        #: Bytes of a frame not complete yet (the fast path's own buffer).
        self._buf = bytearray()
        #: How many bytes `_buf` must hold before parsing it is worth trying.
        self._need = 0
        #: Parsing here (True) or everything through websockets' protocol.
        self._fast = False
        #: Fragments of a message being assembled (from the protocol).
        self._fragments: list[Frame] = []
        #: Why the connection must fail once the messages before it are taken.
        self._fault: tuple[Exception, CloseCode, str] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._lost = False
        self._reading_paused = False

    @property
    def fast_path(self) -> bool:
        """Whether frames are parsed here now (False: all through websockets' parser)."""
        return self._fast

    # -- the consumer's side ---------------------------------------------------

    async def take(self) -> list[bytes]:
        """Every message received so far (at least one), oldest first.

        Raises `ConnectionClosed` once the connection is closed and every
        message received before was taken, as `recv()` would.
        """
        while True:
            batch = self._batch
            if batch:
                self._batch = []
                if self._reading_paused:
                    self._reading_paused = False
                    self.transport.resume_reading()
                return batch
            fault = self._fault
            if fault is not None and not self._lost:
                exc, code, reason = fault
                self.set_connection_exc(exc)
                async with self.send_context():
                    self.protocol.fail(code, reason)
            if self._lost or fault is not None:
                await asyncio.shield(self.connection_lost_waiter)
                raise self.close_exc
            waiter = self._waiter = self.loop.create_future()
            try:
                await waiter
            finally:
                self._waiter = None

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # -- the socket's side -----------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if not self._fast:
            super().data_received(data)
            self._fast = self._fault is None and self._at_boundary()
            self._settle()
            return
        buf = self._buf
        if buf:
            buf += data
            if len(buf) < self._need:
                return
            data = bytes(buf)
            buf.clear()
        protocol = self.protocol
        batch = self._batch
        limit = self._frame_limit()
        self._need = 0
        pos, end = 0, len(data)
        while end - pos >= 2:
            b1 = data[pos + 1]
            size = b1 & 0x7F
            head = 2
            if size >= 126:
                head = 4 if size == 126 else 10
                if end - pos < head:
                    break
                size = int.from_bytes(data[pos + 2 : pos + head], "big")
            if b1 & 0x80:
                head += 4
            if size > limit or protocol.state is not State.OPEN:
                # websockets fails the connection over it, or is closing: its way from here.
                self._fast = False
                super().data_received(data[pos:])
                pos = end
                break
            stop = pos + head + size
            if stop > end:
                self._need = stop - pos
                break
            if data[pos] == FAST_FIRST_BYTE and b1 < 0x80 and protocol.current_size is None:
                payload = data[pos + head : stop]
                if payload.isascii() or self._valid_utf8(payload):
                    batch.append(payload)
                else:
                    self._fast = False
                    super().data_received(data[stop:])
                    pos = end
                    break
            else:
                super().data_received(data[pos:stop])  # one whole frame
                if self._fault is not None:
                    self._fast = False
                    super().data_received(data[stop:])
                    pos = end
                    break
            pos = stop
        if pos < end:
            buf += data[pos:]
        self._settle()

    def process_event(self, event: ProtocolEvent) -> None:
        if self.response is None or not isinstance(event, Frame):
            super().process_event(event)
        elif event.opcode in DATA_OPCODES:
            self._assemble(event)
        else:
            super().process_event(event)

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self._lost = True
        self._wake()

    # -- helpers -----------------------------------------------------------------

    def _assemble(self, frame: Frame) -> None:
        """A data frame from websockets' parser: a message, or a fragment of one."""
        if self._fault is not None:
            return
        fragments = self._fragments
        if frame.opcode is CONT and len(fragments) >= MAX_FRAGMENTS:
            self._fault = (
                TooManyFragments(MAX_FRAGMENTS),
                CloseCode.MESSAGE_TOO_BIG,
                "too many fragments",
            )
            return
        fragments.append(frame)
        if not frame.fin:
            return
        self._fragments = []
        data = b"".join(f.data for f in fragments)
        if fragments[0].opcode is not TEXT:
            self._batch.append(BinaryMessage(data))
        elif data.isascii() or self._valid_utf8(data):
            self._batch.append(data)

    def _valid_utf8(self, payload: bytes) -> bool:
        try:
            payload.decode()
        except UnicodeDecodeError as exc:
            reason = f"{exc.reason} at position {exc.start}"
            self._fault = (exc, CloseCode.INVALID_DATA, reason)
            return False
        return True

    def _settle(self) -> None:
        """After a read: pause reading above the high-water mark, wake the consumer."""
        if self._batch or self._fault is not None:
            high = self.max_queue_high
            if high is not None and len(self._batch) > high and not self._reading_paused:
                self._reading_paused = True
                self.transport.pause_reading()
            self._wake()

    def _frame_limit(self) -> int:
        """The largest frame websockets' parser accepts when no message is open."""
        protocol = self.protocol
        limits = [protocol.max_message_size, protocol.max_fragment_size]
        return min((n for n in limits if n is not None), default=UNLIMITED)

    def _at_boundary(self) -> bool:
        """Whether websockets' parser waits for the first byte of a frame, no fragment open."""
        protocol = self.protocol
        if (
            protocol.state is not State.OPEN
            or protocol.current_size is not None
            or protocol.reader.buffer
        ):
            return False
        parser: Any = protocol.parser
        while getattr(parser, "gi_yieldfrom", None) is not None:
            parser = parser.gi_yieldfrom
        return isinstance(parser, GeneratorType) and parser.gi_code.co_name == "at_eof"


def as_text(message: bytes) -> str | bytes:
    """A message as `recv()` would give it: text as `str`, binary as `bytes`."""
    return message.decode() if type(message) is bytes else message
