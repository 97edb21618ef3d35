"""`kursen worker`: runs the background tasks (mails) and the daily jobs (reminders).

One command whatever the backend: the database backend's worker (the embedded default), or
RQ's worker when KURSEN_TASKS=redis. Beside it a scheduler thread checks the daily jobs every
half minute; two workers may run (on one machine or several), each daily run is claimed once.
"""

from __future__ import annotations

import datetime
import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django_tasks import task_backends

from notify import schedule, tasks

logger = logging.getLogger("notify.worker")


def _scheduler(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            schedule.run_due()
            tasks.sweep()
        except Exception:  # a failing check must not stop the mails
            logger.exception("Daily jobs or waiting mail could not be checked")
        finally:
            close_old_connections()
        stop.wait(interval)
    connection.close()


class Command(BaseCommand):
    help = "Kører baggrundsopgaverne (mails) og de daglige opgaver (påmindelser). Stop med Ctrl+C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Kør de daglige opgaver, der er forfaldne, og alle ventende opgaver; stop så.",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Kør ikke de daglige opgaver fra denne proces.",
        )
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Sekunder mellem tjek af daglige opgaver."
        )

    def handle(self, *args: Any, once: bool, no_scheduler: bool, interval: float, **options: Any):
        backend = task_backends["default"]
        kind = type(backend).__name__
        verbosity = options.get("verbosity", 1)
        if once:
            if not no_scheduler:
                schedule.run_due()
                tasks.sweep(older_than=datetime.timedelta(0))
            self._work(kind, once=True, verbosity=verbosity)
            return
        stop = threading.Event()
        if not no_scheduler:
            threading.Thread(
                target=_scheduler, args=(stop, interval), name="kursen-scheduler", daemon=True
            ).start()
        self.stdout.write(f"Kursens baggrundsopgaver kører ({kind}). Stop med Ctrl+C.")
        try:
            self._work(kind, once=False, verbosity=verbosity)
        finally:
            stop.set()

    def _work(self, kind: str, *, once: bool, verbosity: int) -> None:
        if kind == "RQBackend":
            import django_rq
            from rq.worker import SimpleWorker

            # A burst run works in this process (tests, `--once`); a real one forks per job
            # as RQ does.
            extra: dict[str, Any] = {"worker_class": SimpleWorker} if once else {}
            worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job", **extra)
            worker.work(burst=once, with_scheduler=True, logging_level="WARNING")
        elif kind == "DatabaseBackend":
            call_command(
                "db_worker",
                queue_name="*",
                batch=once,
                reload=False,
                startup_delay=not once,
                interval=1,
                verbosity=verbosity,
            )
        else:  # the immediate and dummy backends run (or keep) tasks as they are enqueued
            self.stdout.write(f"Backenden {kind} har ingen worker.")
