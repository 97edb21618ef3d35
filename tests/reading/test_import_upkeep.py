"""What an import does around the rows it stores: mails about the meetings it stores only when
they are recent (an archive of years mails no one), and the annual cycle placed on the
meetings it creates, once per document."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.mail import AGENDA_SENT, CASE_OFFERED, MINUTES_APPROVED
from meetings.models import MeetingState
from notify.models import Mail
from organisation.models import Body, Profile
from reading.importer import import_document
from tests.factories import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(db):
    ok = BodyFactory(name="Økonomiudvalget", abbreviation="ØK", kind=Body.Kind.FINANCE_COMMITTEE)
    kb = BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)
    UserFactory(username="oek-medlem", email="medlem@norddjurs.example", role__bodies=[ok])
    UserFactory(
        username="kb-sekr",
        email="kb@norddjurs.example",
        role=Profile.Role.EDITOR,
        role__bodies=[kb],
    )
    return ok, kb


def _minutes(date: datetime.date) -> dict:
    return {
        "source": f"referat-{date}.txt",
        "document_type": "referat",
        "body": "Økonomiudvalget",
        "meeting": {"date": date.isoformat(), "start": "15:00", "members": [], "absent": []},
        "items": [
            {
                "number": 1,
                "title": "Jordkøb ved Grenaa",
                "case_number": "25/100",
                "access": "open",
                "routing": ["ØK", "KB"],
                "sections": [{"heading": "Sagsfremstilling", "text": "Kommunen køber jord."}],
                "decisions": [
                    {
                        "body": "Økonomiudvalget",
                        "date": date.isoformat(),
                        "text": "Anbefalet.",
                        "absent": ["Jens Meilvang (I)"],
                    }  # fmt: skip
                ],
                "attachments": [{"number": 1, "title": "Kort", "access": "open"}],
            }
        ],
    }


def test_minutes_of_a_recent_meeting_mail_as_when_typed_in(
    readers, admin_user, django_capture_on_commit_callbacks
):
    date = timezone.localdate() - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        summary = import_document(_minutes(date), user=admin_user)
    assert summary.error is None
    sent = {mail.kind: mail.subject for mail in Mail.objects.all()}
    assert set(sent) == {AGENDA_SENT, MINUTES_APPROVED, CASE_OFFERED}
    assert sent[CASE_OFFERED] == "Sag 25/100 er klar til Kommunalbestyrelsen"
    assert sent[MINUTES_APPROVED].startswith("Beslutningsprotokol godkendt: Økonomiudvalget")


def test_minutes_of_an_archived_meeting_mail_no_one(
    readers, admin_user, django_capture_on_commit_callbacks
):
    date = timezone.localdate() - datetime.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        summary = import_document(_minutes(date), user=admin_user)
    assert summary.error is None
    assert summary.created["decision"] == 1 and summary.created["member"] == 1
    assert not Mail.objects.exists()
    # Stored all the same: the decision, its absentee, the attachment, the approved minutes.
    [item] = readers[0].meetings.get().items.all()
    assert item.decision == "Anbefalet."
    assert [m.display_name for m in item.not_participating.all()] == ["Jens Meilvang (I)"]
    assert list(item.attachments.values_list("number", "title")) == [(1, "Kort")]
    assert item.meeting.state == MeetingState.MINUTES_APPROVED


def test_an_imported_item_holds_what_its_document_printed(readers, admin_user):
    """The case's earlier item is not copied into an imported one (as a secretary's new item
    starts from it): the record is the document."""
    old = timezone.localdate() - datetime.timedelta(days=90)
    import_document(_minutes(old), user=admin_user)
    council = _minutes(old + datetime.timedelta(days=7))
    council["body"] = "Kommunalbestyrelsen"
    council["items"][0].update(sections=[], attachments=[], routing=[])
    council["items"][0]["decisions"][0].update(body="Kommunalbestyrelsen", absent=[])
    council["items"][0]["decisions"][0]["date"] = council["meeting"]["date"]

    summary = import_document(council, user=admin_user)

    assert summary.error is None, summary.error
    [kb_item] = readers[1].meetings.get().items.all()
    assert kb_item.case.number == "25/100" and kb_item.decision == "Anbefalet."
    assert kb_item.case_presentation == ""  # ØK's "Kommunen køber jord." is not copied
