"""organisation.validation.full_clean: Django's errors, with fewer round trips.

Check constraints of plain comparisons are evaluated in Python with SQL's rule that NULL
passes; the rest still asks the database. A unique check of values a row held when it was read
under its lock is skipped; any other unique check still runs.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from meetings import services
from meetings.models import AgendaItem, Meeting, MeetingState
from organisation.validation import _check_here, full_clean, remember_loaded


@pytest.fixture
def meeting(ok):
    return services.meeting_create(
        body=ok, date=datetime.date(2024, 3, 1), start_time=datetime.time(9), from_template=False
    )


@pytest.mark.django_db
def test_a_check_constraint_is_answered_without_a_query_and_with_its_danish_message(meeting):
    meeting.end_time = datetime.time(8)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as error:
        full_clean(meeting)
    assert "Mødet kan ikke slutte, før det begynder." in error.value.messages
    assert not [q for q in queries.captured_queries if "_check" in q["sql"]]

    meeting.end_time = datetime.time(10)
    with CaptureQueriesContext(connection) as queries:
        full_clean(meeting)
    assert not [q for q in queries.captured_queries if "_check" in q["sql"]]


@pytest.mark.django_db
def test_null_passes_a_check_as_in_sql(meeting):
    meeting.start_time, meeting.end_time = None, datetime.time(8)
    full_clean(meeting)  # no start: the database's CHECK passes it too
    meeting.state = "nonsense"
    with pytest.raises(ValidationError):
        full_clean(meeting)


@pytest.mark.django_db
def test_the_python_answer_is_the_databases(meeting):
    conditions = [
        Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
        Q(state__in=MeetingState.values),
        ~Q(state=MeetingState.PLANNED),
        Q(date__gte=datetime.date(2024, 1, 1)) & Q(date__lt=datetime.date(2024, 3, 1)),
        Q(start_time__lte=F("end_time")),
        Q(absences_version__gt=0) | Q(start_time__isnull=False),
    ]
    cases = [(datetime.time(9), None), (datetime.time(9), datetime.time(8)),
             (datetime.time(9), datetime.time(10)), (None, datetime.time(10))]  # fmt: skip
    for start, end in cases:
        meeting.start_time, meeting.end_time = start, end
        against = meeting._get_field_expression_map(meta=Meeting._meta)
        for condition in conditions:
            here = _check_here(Meeting, meeting, condition, set())
            assert here is not None, condition
            assert here == Q(condition).check(against), (condition, start, end)


@pytest.mark.django_db
def test_a_condition_it_cannot_evaluate_goes_to_the_database(meeting):
    assert _check_here(Meeting, meeting, Q(body__name="x"), set()) is None
    assert _check_here(Meeting, meeting, Q(place__startswith="x"), set()) is None
    # a field left out of the validation leaves its constraint unchecked, as in Django
    assert _check_here(Meeting, meeting, Q(end_time__gt=F("start_time")), {"end_time"}) is True


@pytest.mark.django_db
def test_unique_checks_are_skipped_only_for_values_the_locked_row_holds(meeting):
    first = services.agenda_item_add(meeting=meeting, fields={"title": "Et"})
    second = services.agenda_item_add(meeting=meeting, fields={"title": "To"})

    locked = AgendaItem.objects.select_for_update().get(pk=second.pk)
    remember_loaded(locked)
    locked.title = "To, rettet"
    with CaptureQueriesContext(connection) as queries:
        full_clean(locked)
    assert not [q for q in queries.captured_queries if "meetings_agendaitem" in q["sql"]]

    locked = AgendaItem.objects.select_for_update().get(pk=second.pk)
    remember_loaded(locked)
    locked.number = first.number  # a changed value is checked
    with pytest.raises(ValidationError) as error:
        full_clean(locked)
    assert "Punktnummeret findes allerede på dagsordenen." in error.value.messages

    # without a remembered load (or after one save) every unique check runs
    second.number = first.number
    with pytest.raises(ValidationError):
        full_clean(second)
