"""Danish working days: Monday to Friday except the public holidays (the `holidays` library's
Danish calendar), for the reminders of a status round ("3 arbejdsdage før fristen")."""

from __future__ import annotations

import datetime
import functools

import holidays


@functools.cache
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days before `day` (0: `day` itself, or the working day
    before it when `day` is not one)."""
    current = day
    while not is_working_day(current):
        current -= datetime.timedelta(days=1)
    for _ in range(count):
        current -= datetime.timedelta(days=1)
        while not is_working_day(current):
            current -= datetime.timedelta(days=1)
    return current
