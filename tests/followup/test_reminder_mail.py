"""The reminder as its person receives it: sent by the worker through a real SMTP server on
loopback, in Danish, text and HTML, with the kommune's name and only their items; the daily job
sends each reminder once, however many workers ask."""

import datetime

import pytest
from django.core.management import call_command
from django.test import TestCase

from followup import services
from followup.workdays import working_days_before
from notify import schedule
from tests.followup.conftest import DEADLINE, TODAY

pytestmark = pytest.mark.django_db(transaction=True)


def work() -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("worker", once=True, no_scheduler=True, verbosity=0)


def test_reminder_arrives_on_the_loopback_server(
    smtp_server,
    database_tasks,
    plan,
    items,
    contact,
    area_director,
):
    round = services.round_open(
        plan=plan, name="Status december 2026", deadline=DEADLINE, today=TODAY
    )
    day = working_days_before(DEADLINE, 10)
    job = schedule.job("followup.reminders")
    assert job is not None
    job.func(day)
    job.func(day)  # a second worker on the same day
    work()
    received = smtp_server.to("kaje@testrup.dk")
    assert len(received) == 1
    message = received[0]
    assert "Status december 2026" in message.subject
    text = message.part("text/plain")
    assert "AU-D01 Jobindsats" in text and "AU-D02 Flere i job" in text
    assert "BUU-D01" not in text  # not theirs
    assert "fredag den 18. december 2026" in text and "Testrup Kommune" in text
    assert "/overblik/" in text
    assert "AU-D01 Jobindsats" in message.part("text/html")
    assert smtp_server.to("dd@testrup.dk") == []  # the director is not asked here
    assert job.func(day + datetime.timedelta(days=1)) == 0  # no reminder due that day
    del round


def test_a_round_opened_today_sends_the_reminder_due_today_once(
    smtp_server, database_tasks, plan, items, contact, area_director
):
    # The deadline is three working days away and the reminders are "3, 0": the first is due
    # today, and the daily job ran before the round existed.
    deadline = datetime.date(2026, 12, 4)
    assert working_days_before(deadline, 3) == TODAY
    services.round_open(
        plan=plan,
        name="Status december 2026",
        deadline=deadline,
        reminder_days=[3, 0],
        today=TODAY,
    )
    work()
    assert len(smtp_server.to("kaje@testrup.dk")) == 1
    job = schedule.job("followup.reminders")
    assert job is not None
    assert job.func(TODAY) == 0  # the job's own run today finds it claimed
    work()
    assert len(smtp_server.to("kaje@testrup.dk")) == 1


def test_a_round_opened_with_nothing_due_today_sends_nothing(
    smtp_server, database_tasks, plan, items, contact, area_director
):
    services.round_open(
        plan=plan, name="Status december 2026", deadline=DEADLINE, reminder_days=[3], today=TODAY
    )
    work()
    assert smtp_server.to("kaje@testrup.dk") == []


def test_changing_the_reminders_sends_one_now_due_today_once(
    smtp_server, database_tasks, plan, items, contact, area_director, administrator
):
    deadline = datetime.date(2026, 12, 4)  # three working days after today
    round = services.round_open(
        plan=plan, name="Status december 2026", deadline=deadline, reminder_days=[0], today=TODAY
    )
    work()
    assert smtp_server.to("kaje@testrup.dk") == []
    changed = services.round_reminders_change(
        round=round, reminder_days=[3, 0], expected_version=1, user=administrator, today=TODAY
    )
    assert changed.reminder_days == [3, 0] and changed.version == 2
    assert changed.history.first().history_change_reason == "Påmindelser ændret"
    work()
    assert len(smtp_server.to("kaje@testrup.dk")) == 1
    job = schedule.job("followup.reminders")
    assert job is not None
    assert job.func(TODAY) == 0
    services.round_reminders_change(
        round=round, reminder_days=[3, 0], expected_version=2, user=administrator, today=TODAY
    )
    work()
    assert len(smtp_server.to("kaje@testrup.dk")) == 1  # still once
