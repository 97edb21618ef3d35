"""Inside an import, uniqueness is checked by the database, not asked first per save: a write
it refuses ends the document with Django's Danish message, and nothing of it is stored."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from meetings import services
from meetings.models import AgendaItem, Case
from organisation.validation import unique_checked_by_database, unique_violation_message
from reading import importer
from reading.importer import import_document
from tests.reading.test_import_queries import minutes


def violation(write) -> str | None:
    with pytest.raises(IntegrityError) as error:
        with transaction.atomic(), unique_checked_by_database():
            write()
    return unique_violation_message(error.value)


@pytest.mark.django_db
def test_a_refused_write_gets_djangos_danish_message(ok, kb):
    meeting = services.meeting_create(body=ok, date=datetime.date(2024, 3, 1), start_time=None,
                                      from_template=False)  # fmt: skip
    services.agenda_item_add(meeting=meeting, fields={"title": "Et"})
    services.case_create(number="24/1", title="En sag")

    assert (
        violation(
            lambda: services.agenda_item_add(meeting=meeting, number=1, fields={"title": "To"})
        )
        == "Punktnummeret findes allerede på dagsordenen."
    )
    # the same words as when the check is asked first (outside the block, a ValidationError)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.case_create(number="24/1", title="Igen")
    assert error.value.messages == ["Sag med dette Sagsnummer eksisterer allerede."]
    assert violation(lambda: services.case_create(number="24/1", title="Igen")) == (
        "Sag med dette Sagsnummer eksisterer allerede."
    )


@pytest.mark.django_db
def test_a_document_the_database_refuses_is_stored_not_at_all(ok, kb, monkeypatch):
    document = minutes(2, day=7)
    document["document_type"] = "dagsorden"
    for item in document["items"]:
        item["decisions"] = []
    assert import_document(document).error is None
    stored = AgendaItem.objects.count(), Case.objects.count()

    # An importer that forgot what the meeting holds puts item 1 on it again.
    monkeypatch.setattr(importer._Import, "meeting_items", lambda self, meeting: [])
    document["items"].append({**document["items"][0], "case_number": "24/7999"})
    summary = import_document(document)
    assert summary.error == "Punktnummeret findes allerede på dagsordenen."
    assert not summary.created
    assert (AgendaItem.objects.count(), Case.objects.count()) == stored
