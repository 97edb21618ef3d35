"""200 reminder mails through a real SMTP server on loopback (aiosmtpd), as a status round's
reminders go: 200 calls of notify's send_mail (one per person, each with its own key), then
the worker (`kursen worker --once`, the database backend) renders and sends them all. Timed
from the first send_mail to the last message received by the server.

Baseline, in the same run: the same 200 messages rendered and sent by Django's mail framework
directly over one connection, no queue, no records: the floor that SMTP itself sets.

Wiring (bench/__main__.py)::

    from bench import mail
    mail_result = mail.run(repeat=args.repeat_documents)
    lines = mail.table(mail_result)
    targets = mail.targets(mail_result)
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from bench.measure import Timing, measure

MAILS = 200
TARGET_S = 10.0


class _Counter:
    """aiosmtpd's handler: counts what arrives and checks it is a two-part Danish mail."""

    def __init__(self) -> None:
        self.received = 0
        self.bad = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        content = envelope.original_content or b""
        if b"text/html" not in content or b"text/plain" not in content:
            self.bad += 1
        self.received += 1
        return "250 OK"


@dataclass
class MailResult:
    queued: Timing
    direct: Timing
    mails: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*, repeat: int = 5) -> MailResult:
    from aiosmtpd.controller import Controller
    from django.contrib.auth.models import User
    from django.core.mail import get_connection
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django_tasks_db.models import DBTaskResult

    from notify.mail import build_message
    from notify.models import Delivery, Mail
    from notify.services import send_mail

    counter = _Counter()
    port = _free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    )
    smtp.enable()
    try:
        users = [
            User.objects.get_or_create(
                username=f"bench-mail-{n}",
                defaults={"email": f"person{n}@norddjurs.example", "first_name": f"Person {n}"},
            )[0]
            for n in range(MAILS)
        ]
        round_no = iter(range(1_000_000))

        def reset() -> None:
            Mail.objects.all().delete()
            DBTaskResult.objects.all().delete()
            counter.received = 0

        def context(n: int) -> dict[str, str]:
            return {"message": f"Husk at svare på statusopfølgningen for indsats AU-D{n:02d}."}

        def queued() -> int:
            number = next(round_no)
            for n, user in enumerate(users):
                send_mail(
                    to=[user],
                    subject="Påmindelse: Status juni 2025",
                    template="test_mail",
                    context=context(n),
                    kind="bench.reminder",
                    key=f"bench.reminder:{number}:{user.pk}",
                )
            call_command("worker", once=True, no_scheduler=True, verbosity=0)
            return Delivery.objects.filter(state=Delivery.State.SENT).count()

        def direct() -> int:
            with get_connection() as connection:
                messages = [
                    build_message(
                        template="test_mail",
                        subject="Påmindelse: Status juni 2025",
                        context=context(n),
                        address=user.email,
                        name=user.first_name,
                        connection=connection,
                    )
                    for n, user in enumerate(users)
                ]
                return int(connection.send_messages(messages) or 0)

        queued_timing = measure(queued, repeat=repeat, before_each=reset)
        assert queued_timing.result == MAILS, queued_timing.result
        assert counter.received == MAILS and counter.bad == 0, (counter.received, counter.bad)
        direct_timing = measure(direct, repeat=repeat, before_each=reset)
        assert direct_timing.result == MAILS
        reset()
        User.objects.filter(username__startswith="bench-mail-").delete()
    finally:
        smtp.disable()
        controller.stop()
    return MailResult(queued=queued_timing, direct=direct_timing, mails=MAILS)


def table(result: MailResult) -> list[str]:
    from bench.report import _s, _table

    rows = [
        [
            "send_mail + worker (database queue)",
            str(result.mails),
            _s(result.queued.median),
            _s(result.queued.min),
            str(result.queued.queries),
        ],
        [
            "Django's mail, one connection (baseline)",
            str(result.mails),
            _s(result.direct.median),
            _s(result.direct.min),
            str(result.direct.queries),
        ],
    ]
    ratio = result.queued.median / result.direct.median if result.direct.median else 0
    notes = [
        f"Reminder mails through an SMTP server on loopback (aiosmtpd); median and min of "
        f"{len(result.queued.times)} runs after a warm-up.",
        "The queued run: one send_mail per person (a key each), then `kursen worker --once`;",
        f"the baseline renders and sends the same messages directly. Queue overhead {ratio:.1f}x.",
    ]
    header = ["Mail", "mails", "median s", "min s", "queries"]
    return _table("Mail", header, rows, notes)


def targets(result: MailResult) -> list:
    from bench.report import Target

    median = result.queued.median
    return [
        Target(
            f"{result.mails} reminder mails through SMTP <= {TARGET_S:.0f} s",
            f"{median:.2f} s",
            median <= TARGET_S,
        )
    ]
