"""A real SMTP server on loopback (aiosmtpd) and the two task backends, for the mail tests."""

from __future__ import annotations

import email
import email.policy
import os
import socket
from dataclasses import dataclass, field
from typing import Any

import pytest
import redis
from aiosmtpd.controller import Controller

# This suite's own Redis database (another checkout's tests may use another one at once).
REDIS_URL = os.environ.get("KURSEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@dataclass
class Received:
    """One message as the server received it: the envelope and the parsed message."""

    sender: str
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        """As a mail program shows it (a long encoded subject is folded onto a second line)."""
        return str(self.message["Subject"]).strip()

    def part(self, content_type: str) -> str:
        found = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert found is not None and found.get_content_type() == content_type, content_type
        return found.get_content()


@dataclass
class Mailbox:
    """The server's handler: keeps what it receives, and answers a recipient in `refusals`
    with its reply (e.g. "550 5.1.1 User unknown") instead of taking the mail."""

    received: list[Received] = field(default_factory=list)
    refusals: dict[str, str] = field(default_factory=dict)
    port: int = 0
    controller: Any = None

    def up(self) -> None:
        """The server listens on its port (again)."""
        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def down(self) -> None:
        """The server stops: nothing listens on its port, a connection is refused."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refusals:
            return self.refusals[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on 127.0.0.1 that keeps what it receives; Django sends to it."""
    mailbox = Mailbox(port=free_port())
    mailbox.up()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mailbox.port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Kursen <kursen@norddjurs.example>"
    settings.KURSEN_BASE_URL = "https://kursen.norddjurs.example"
    try:
        yield mailbox
    finally:
        mailbox.down()


def use_backend(settings, name: str) -> None:
    """The task backend `kursen worker` runs: the database (default) or Redis through RQ."""
    if name == "redis":
        settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
        }
        redis.Redis.from_url(REDIS_URL).flushdb()
    else:
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
        }


@pytest.fixture(params=["database", "redis"])
def task_backend(request, settings):
    use_backend(settings, request.param)
    yield request.param
    if request.param == "redis":
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def database_tasks(settings):
    use_backend(settings, "database")
