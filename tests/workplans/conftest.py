"""A committee's year: AU meets in February, March and June 2025; ØK and KB in December."""

import datetime

import pytest

from meetings import services
from tests.factories import ItemFactory


def _meeting(body, date):
    return services.meeting_create(
        body=body, date=date, start_time=datetime.time(9), from_template=False
    )


@pytest.fixture
def au_meetings(au):
    return [_meeting(au, datetime.date(2025, m, d)) for m, d in ((2, 4), (3, 11), (6, 10))]


@pytest.fixture
def political(plan, au):
    """An AU item needing political treatment in March 2025."""
    return ItemFactory(
        plan=plan,
        committee=au,
        code="AU-D02",
        title="Ny jobcenterstrategi",
        needs_political_treatment=True,
        timing_year=2025,
        timing_quarter=None,
        timing_month=3,
    )
