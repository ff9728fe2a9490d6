"""Outages for the tests: a clock the outbox reads and the tests move, the tests' SMTP server
stopped and started again, a port where nothing listens."""
import asyncio
import contextlib
import datetime
import socket

from portal.models.base import utcnow


class Clock:
    """Called as `utcnow()` by the code under test; `advance` moves it."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@contextlib.contextmanager
def stopped(smtp_server):
    """The tests' SMTP server down for the block (started again even if the block fails)."""
    smtp_server.stop()
    try:
        yield
    finally:
        smtp_server.loop = asyncio.new_event_loop()  # stop() closed the old one
        smtp_server.start()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
