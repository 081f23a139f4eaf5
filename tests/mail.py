"""Mail servers on loopback for the email tests: one that delivers (aiosmtpd), one that hangs, one that is down."""

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


@dataclass
class SinkHandler:
    """Keeps every message the server accepted."""

    received: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HoldingSinkHandler(SinkHandler):
    """A sink that can hold the next session after MAIL FROM, as a mail server that stops answering mid-send."""

    def __init__(self) -> None:
        super().__init__()
        self.hold_next = False
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if self.hold_next:
            self.hold_next = False
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.released.wait, 60)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@contextmanager
def serving(handler: SinkHandler) -> Iterator[int]:
    """An SMTP server with this handler on a free loopback port; yields the port."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


@contextmanager
def smtp_sink() -> Iterator[tuple[int, list[Message]]]:
    """A mail server that accepts every message; yields its port and the messages it received."""
    handler = SinkHandler()
    with serving(handler) as port:
        yield port, handler.received


@contextmanager
def hanging_mail_server() -> Iterator[int]:
    """A port whose server accepts connections and never says a word; yields the port."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        # The kernel completes the handshakes of this many clients; nobody ever reads or writes.
        server.listen(16)
        yield server.getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    return free_port()
