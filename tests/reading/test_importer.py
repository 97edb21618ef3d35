"""The import stores read documents as bodies, meetings, cases, items, decisions, attachments.

The inputs are the hand-written expected readings of the seeds (tests/reading/golden), so these
tests check the import on its own; test_import_seeds.py runs reader and import together.
"""

import copy
import datetime
import json
from pathlib import Path

import pytest

from meetings import services
from meetings.models import AgendaItem, Attachment, Case, Meeting, MeetingState
from organisation.models import Body, Member
from reading.importer import import_document

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def snapshot() -> dict:
    """Every row the import can write, as comparable values."""
    return {
        "bodies": sorted(Body.objects.values_list("name", "abbreviation")),
        "members": sorted(Member.objects.values_list("body__name", "name", "party")),
        "meetings": sorted(Meeting.objects.values_list("body__name", "date", "state", "version")),
        "cases": sorted(Case.objects.values_list("number", "title", "closed")),
        "items": sorted(
            AgendaItem.objects.values_list(
                "meeting__body__name",
                "number",
                "title",
                "decision",
                "recommendation",
                "closed",
                "version",
            )  # fmt: skip
        ),
        "attachments": sorted(Attachment.objects.values_list("title", "document_number", "closed")),
    }


@pytest.mark.django_db
def test_seeds_000_and_002_give_one_case_with_three_decisions_in_order(admin_user):
    first = import_document(golden("000"), user=admin_user)
    second = import_document(golden("002"), user=admin_user)

    assert first.error is None and second.error is None
    case = Case.objects.get()
    assert case.number == "22/291"
    assert case.title == "Udmøntningsplan 2023-2026"
    assert [r.body.abbreviation for r in case.routing.order_by("position")] == ["ØK", "KB"]
    treated = AgendaItem.objects.filter(case=case).order_by("meeting__date")
    assert [(i.meeting.body.name, i.meeting.date, i.decision[:9]) for i in treated] == [
        ("Økonomiudvalget", datetime.date(2022, 12, 6), "Tiltrådt."),
        ("Kommunalbestyrelsen", datetime.date(2022, 12, 13), "Godkendt."),
        ("Hovedudvalget", datetime.date(2023, 3, 2), "Fællesfor"),
    ]
    ok_item, kb_item, hu_item = treated
    assert [m.display_name for m in ok_item.not_participating.all()] == ["Jens Meilvang (I)"]
    assert sorted(m.name for m in kb_item.not_participating.all()) == [
        "Allan Gjersbøl Jørgensen", "Anette Ruby Liebe", "Sebastian Grauert",
    ]  # fmt: skip
    chair = hu_item.not_participating.get(name="Christian Bertelsen")
    assert (chair.title, chair.role) == ("Kommunaldirektør", Member.Role.CHAIR)
    # The earlier bodies' item has the Kommunaldirektør's Indstilling, Hovedudvalget its own.
    assert ok_item.recommendation.startswith("Kommunaldirektøren indstiller")
    assert ok_item.recommended_by == "Kommunaldirektøren"
    assert hu_item.recommendation.startswith("Formanden indstiller")
    assert "Kompetencefordelingsplanen" in hu_item.case_presentation
    # Published minutes: each meeting is approved, so its decisions are public and locked.
    assert {i.meeting.state for i in treated} == {MeetingState.MINUTES_APPROVED}
    assert list(hu_item.attachments.values_list("number", "document_number")) == [
        (1, "151433/22"), (2, "146522/22"),
    ]  # fmt: skip


@pytest.mark.django_db
def test_importing_the_same_documents_again_changes_nothing(admin_user):
    for name in ("000", "002"):
        import_document(golden(name), user=admin_user)
    before = snapshot()

    again = [import_document(golden(name), user=admin_user) for name in ("002", "000")]

    assert snapshot() == before
    assert [s.changed for s in again] == [False, False]
    assert all("ingen ændringer" in s.line() for s in again)


@pytest.mark.django_db
def test_dry_run_reports_the_changes_and_stores_nothing(admin_user):
    summary = import_document(golden("002"), user=admin_user, dry_run=True)

    assert summary.created["meeting"] == 3
    assert summary.created["decision"] == 3
    assert summary.created["case"] == 1
    assert "ville oprette" in summary.line()
    assert not Meeting.objects.exists() and not Case.objects.exists()
    assert not Body.objects.exists()


@pytest.mark.django_db
def test_agenda_of_the_board_gets_its_items_attachments_and_closed_attachment(admin_user):
    summary = import_document(golden("004"), user=admin_user)

    assert summary.error is None
    meeting = Meeting.objects.get(body__name="Direktionen")
    assert meeting.date == datetime.date(2023, 11, 22)
    assert (meeting.start_time, meeting.end_time) == (datetime.time(9), datetime.time(17))
    assert meeting.place == "Mødelokale 250, rådhuset"
    assert meeting.state == MeetingState.AGENDA_PUBLISHED  # an agenda: nothing decided yet
    titles = list(meeting.items.order_by("number").values_list("number", "title"))
    assert titles[:2] == [(1, "Beslutningsprotokoller og dagsordener"), (2, "Økonomi")]
    assert len(titles) == 4
    economy = meeting.items.get(number=2)
    assert list(economy.attachments.order_by("number").values_list("number", "closed")) == [
        (1, False), (2, True),
    ]  # fmt: skip
    members = set(meeting.body.members.values_list("name", flat=True))
    assert "Jonas Kroustrup" in members


@pytest.mark.django_db
def test_closed_item_is_stored_closed(admin_user):
    parsed = copy.deepcopy(golden("000"))
    parsed["items"][0]["access"] = "closed"
    parsed["items"][0]["case_number"] = "23/999"

    import_document(parsed, user=admin_user)

    case = Case.objects.get(number="23/999")
    assert case.closed
    assert AgendaItem.objects.get(case=case).closed


@pytest.mark.django_db
def test_existing_bodies_and_members_are_reused(admin_user, ok, ok_members):
    import_document(golden("000"), user=admin_user)

    assert Body.objects.filter(name="Økonomiudvalget").count() == 1
    item = AgendaItem.objects.get(meeting__body=ok)
    assert list(item.not_participating.all()) == [ok_members[0]]
    assert Member.objects.filter(body=ok).count() == 2


@pytest.mark.django_db
def test_a_document_with_nowhere_to_put_its_items_is_refused_in_danish(admin_user):
    parsed = copy.deepcopy(golden("000"))
    parsed["items"][0]["decisions"] = []
    parsed["body"], parsed["meeting"] = None, None

    summary = import_document(parsed, user=admin_user)

    assert summary.error and "mødedato" in summary.error
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_approved_minutes_in_kursen_are_not_overwritten(admin_user):
    import_document(golden("000"), user=admin_user)
    changed = copy.deepcopy(golden("000"))
    changed["items"][0]["decisions"][0]["text"] = "Udsat."

    summary = import_document(changed, user=admin_user)

    assert AgendaItem.objects.get().decision == "Tiltrådt."
    assert any("afviger" in warning for warning in summary.warnings)


@pytest.mark.django_db
def test_import_joins_a_case_typed_into_kursen(admin_user, ok, kb):
    case = services.case_create(number="22/291", title="Udmøntningsplan 2023-2026",
                                routing=[ok, kb])  # fmt: skip

    import_document(golden("002"), user=admin_user)

    assert Case.objects.get() == case
    assert AgendaItem.objects.filter(case=case).count() == 3
