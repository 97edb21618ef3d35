"""Work that runs once a day (reminders), from the same worker that sends the mails.

An app registers a job from its AppConfig.ready:

    notify.schedule.register_daily("followup.reminders", send_reminders, at=datetime.time(7))

`kursen worker` checks the jobs every half minute; a job whose time of day has come is claimed
for the day with a unique row (DailyRun) and enqueued as a task, so it runs once a day however
many workers run. A day on which no worker ran is not made up afterwards: the job's own
function decides what is due on the day it runs (e.g. every reminder due by today).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    name: str
    func: Callable[[datetime.date], object]
    at: datetime.time


_JOBS: dict[str, DailyJob] = {}


def register_daily(
    name: str, func: Callable[[datetime.date], object], *, at: datetime.time = datetime.time(6)
) -> None:
    """Call func(today) once a day, from `at` (local time) on. The function must be importable
    by the worker (registered at start-up, e.g. in AppConfig.ready) and should itself be safe
    to run twice (send_mail with a key is)."""
    _JOBS[name] = DailyJob(name, func, at)


def jobs() -> list[DailyJob]:
    return list(_JOBS.values())


def job(name: str) -> DailyJob | None:
    return _JOBS.get(name)


def claim(name: str, day: datetime.date) -> bool:
    """Claim the job's run for the day; False when another worker (or an earlier check) did."""
    from notify.models import DailyRun

    try:
        with transaction.atomic():
            DailyRun.objects.create(name=name, day=day)
    except IntegrityError:
        return False
    return True


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each job whose time has come today and that no one has claimed; returns their
    names. Called by the worker's scheduler loop (and by tests, as a second worker would)."""
    from notify.models import DailyRun
    from notify.tasks import run_daily

    local = timezone.localtime(now or timezone.now())
    today = local.date()
    due = [j for j in _JOBS.values() if local.time() >= j.at]
    if not due:
        return []
    done = set(
        DailyRun.objects.filter(day=today, name__in=[j.name for j in due]).values_list(
            "name", flat=True
        )
    )
    started = []
    for daily in due:
        if daily.name in done or not claim(daily.name, today):
            continue
        run_daily.enqueue(daily.name, today.isoformat())
        started.append(daily.name)
        logger.info("Daily job %s enqueued for %s", daily.name, today)
    return started
