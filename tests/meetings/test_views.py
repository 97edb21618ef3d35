"""The secretary's pages: plan a meeting, build its agenda, decide, approve, upload."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Attachment, Meeting, MeetingState
from tests.factories import (
    AgendaItemFactory,
    CaseFactory,
    MeetingFactory,
    StandingItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ok_editor(ok):
    return UserFactory(username="sekretaer", role="editor", role__bodies=[ok])


@pytest.fixture
def ok_client(client, ok_editor):
    client.force_login(ok_editor)
    return client


def test_secretary_plans_a_meeting_from_the_template(ok_client, ok):
    StandingItemFactory(body=ok, number=1, title="Meddelelser")
    response = ok_client.post(
        reverse("meetings:meeting_create"),
        {"body": ok.pk, "date": "2025-12-09", "start_time": "14:00", "end_time": "17:00",
         "place": "Mødelokale 1", "from_template": "on"},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert [i.title for i in meeting.items.all()] == ["Meddelelser"]
    page = ok_client.get(meeting.get_absolute_url()).content.decode()
    assert "Tirsdag den 9. december 2025" in page
    assert "Meddelelser" in page


def test_meeting_ending_before_it_starts_gets_a_danish_error(ok_client, ok):
    response = ok_client.post(
        reverse("meetings:meeting_create"),
        {"body": ok.pk, "date": "2025-12-09", "start_time": "14:00", "end_time": "13:00"},
    )
    assert response.status_code == 200
    assert "Mødet kan ikke slutte, før det begynder." in response.content.decode()
    assert not Meeting.objects.exists()


def test_whole_flow_moves_the_case_to_the_next_body(ok_client, admin_client_, case, ok_meeting,
                                                    kb_meeting):  # fmt: skip
    ok_client.post(reverse("meetings:agenda_item_add", args=[ok_meeting.pk]), {"case": case.pk})
    item = AgendaItem.objects.get(meeting=ok_meeting)
    ok_client.post(reverse("meetings:meeting_publish", args=[ok_meeting.pk]))
    response = ok_client.post(reverse("meetings:decision_record", args=[item.pk]),
                              {"decision": "Tiltrådt.", "version": item.version + 0})  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == "Tiltrådt."

    # The case page offers it to KB; KB's secretary (here the administrator) puts it on.
    case_page = admin_client_.get(case.get_absolute_url()).content.decode()
    assert "Sagen går videre til Kommunalbestyrelsen" in case_page
    admin_client_.post(reverse("meetings:case_put_on_agenda", args=[case.pk]),
                       {"meeting": kb_meeting.pk})  # fmt: skip
    kb_page = admin_client_.get(kb_meeting.get_absolute_url()).content.decode()
    assert "Beslutning i Økonomiudvalget den 06-12-2022" in kb_page

    ok_client.post(reverse("meetings:meeting_approve", args=[ok_meeting.pk]))
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.MINUTES_APPROVED
    response = ok_client.post(reverse("meetings:decision_record", args=[item.pk]),
                              {"decision": "Forkastet."})  # fmt: skip
    assert response.status_code == 400
    assert "Beslutningsprotokollen er godkendt" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == "Tiltrådt."


def test_stale_decision_form_is_refused(ok_client, case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    services.meeting_publish_agenda(meeting=ok_meeting)
    opened = item.version
    services.decision_record(item=item, text="Tiltrådt.")
    response = ok_client.post(reverse("meetings:decision_record", args=[item.pk]),
                              {"decision": "Godkendt.", "version": opened})  # fmt: skip
    assert response.status_code == 400
    assert "ændret af en anden" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == "Tiltrådt."


def test_editor_of_another_body_cannot_prepare_the_meeting(editor_client, ok_meeting):
    response = editor_client.post(reverse("meetings:meeting_publish", args=[ok_meeting.pk]))
    assert response.status_code == 403
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.PLANNED


def test_bad_upload_shows_a_danish_error_beside_the_file_field(ok_client, case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    response = ok_client.post(
        reverse("meetings:attachment_add", args=[item.pk]),
        {"title": "Notat", "file": SimpleUploadedFile("notat.pdf", b"MZ\x90\x00not a pdf")},
    )
    assert response.status_code == 400
    assert "Filtypen kan ikke bruges som bilag." in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_file_is_served_only_to_those_who_may_see_it(
    ok_client, reader_client, case, ok_meeting, pdf_upload
):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    open_one = services.attachment_add(item=item, title="Åbent notat", upload=pdf_upload())
    closed_one = services.attachment_add(item=item, title="Personsag", upload=pdf_upload(),
                                         closed=True)  # fmt: skip

    response = ok_client.get(reverse("meetings:attachment", args=[closed_one.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert reader_client.get(reverse("meetings:attachment", args=[open_one.pk])).status_code == 200
    assert (
        reader_client.get(reverse("meetings:attachment", args=[closed_one.pk])).status_code == 404
    )
    # Anonymous visitors are sent to the login page; the public portal serves open files.
    anonymous = Client().get(reverse("meetings:attachment", args=[open_one.pk]))
    assert anonymous.status_code == 302


def test_closed_item_page_is_not_found_for_a_reader(reader_client, ok_meeting):
    closed = AgendaItemFactory(meeting=ok_meeting, closed=True, title="Personalesag")
    assert reader_client.get(closed.get_absolute_url()).status_code == 404
    page = reader_client.get(ok_meeting.get_absolute_url()).content.decode()
    assert "Personalesag" in page and "Lukket punkt" in page


def test_closed_case_is_hidden_from_a_reader(reader_client, admin_client_):
    case = CaseFactory(number="25/9999", title="Fortrolig sag", closed=True)
    assert reader_client.get(case.get_absolute_url()).status_code == 404
    assert "25/9999" not in reader_client.get(reverse("meetings:cases")).content.decode()
    assert "25/9999" in admin_client_.get(reverse("meetings:cases")).content.decode()


def test_agenda_item_edit_keeps_sections_plain_and_safe(ok_client, case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    response = ok_client.post(
        reverse("meetings:agenda_item_edit", args=[item.pk]),
        {"number": 1, "title": item.title, "treatment": "decision", "version": item.version,
         "case_presentation": "<p>Første afsnit</p><ul><li>punkt</li></ul>"
                              "<script>alert('x')</script><img src=x onerror=alert(1)>"},
    )  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.case_presentation == "Første afsnit\n\n- punkt"
    page = ok_client.get(item.get_absolute_url()).content.decode()
    assert "<p>Første afsnit</p>\n<ul><li>punkt</li></ul>" in page
    assert "alert" not in page


def test_calendar_feed_needs_the_secret_address(ok_client, ok_meeting):
    client = Client()
    page = ok_client.get(reverse("meetings:calendar") + "?maaned=2022-12").content.decode()
    assert "Økonomiudvalget" in page
    feed_url = page.split('id="feed-url" readonly value="')[1].split('"')[0]
    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert client.get(reverse("meetings:calendar_feed", args=["forkert"])).status_code == 404


def test_documents_internal_version_needs_access(reader_client, admin_client_, ok_meeting):
    AgendaItemFactory(meeting=ok_meeting)
    internal = reverse("documents:meeting", args=[ok_meeting.pk, "dagsorden", "intern", "pdf"])
    public = reverse("documents:meeting", args=[ok_meeting.pk, "dagsorden", "offentlig", "docx"])
    assert reader_client.get(internal).status_code == 404
    assert reader_client.get(public).status_code == 200
    assert admin_client_.get(internal)["Content-Type"] == "application/pdf"


def test_meeting_list_shows_meetings_by_day(admin_client_, ok):
    MeetingFactory(body=ok, date=datetime.date(2025, 3, 4))
    page = admin_client_.get(reverse("meetings:calendar") + "?maaned=2025-03").content.decode()
    assert "tirsdag den 4. marts 2025" in page
    assert (
        "Ingen møder"
        in admin_client_.get(reverse("meetings:calendar") + "?maaned=2025-04").content.decode()
    )


def test_plan_item_page_shows_the_decisions_on_its_cases(admin_client_, case, ok_meeting, item):
    agenda_item = services.agenda_item_add(meeting=ok_meeting, case=case)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=agenda_item, text="Tiltrådt.")

    page = admin_client_.get(item.get_absolute_url()).content.decode()
    # One timeline: the case and the decision of the body that treated it, linked.
    timeline = page[page.index('class="timeline"') :]
    assert "Sag 22/291 Udmøntningsplan 2023-2026" in timeline
    assert "Økonomiudvalget 6. december 2022: Tiltrådt.</a>" in timeline
    assert f'href="{agenda_item.get_absolute_url()}"' in timeline
    history = admin_client_.get(reverse("plans:item_history", args=[item.pk])).content.decode()
    assert "Beslutning i Økonomiudvalget den 06-12-2022 (sag 22/291): Tiltrådt." in history


def test_plan_item_page_hides_a_closed_case_from_a_reader(reader_client, item):
    CaseFactory(number="88/1", title="Fortrolig", closed=True).items.add(item)
    page = reader_client.get(item.get_absolute_url()).content.decode()
    assert "88/1" not in page


def test_calendar_filtered_to_one_body_links_to_its_year_plan(admin_client_, ok, kb):
    MeetingFactory(body=ok, date=datetime.date(2025, 3, 4))
    MeetingFactory(body=kb, date=datetime.date(2025, 3, 11))
    url = reverse("meetings:calendar") + "?maaned=2025-03&udvalg=ØK"
    page = admin_client_.get(url).content.decode()
    assert "tirsdag den 4. marts 2025" in page
    assert "tirsdag den 11. marts 2025" not in page
    year_plan = admin_client_.get(reverse("portal:body", args=[ok.pk]), follow=True)
    assert year_plan.status_code == 200
    assert f'href="{reverse("portal:body", args=[ok.pk])}"' in page


def test_secretary_closes_an_attachment_and_the_public_no_longer_gets_it(
    ok_client, case, ok_meeting, pdf_upload
):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    attachment = services.attachment_add(item=item, title="Notat om løn", upload=pdf_upload())
    services.meeting_publish_agenda(meeting=ok_meeting)
    public_file = reverse("portal:attachment", args=[attachment.pk])
    assert Client().get(public_file).status_code == 200

    response = ok_client.post(reverse("meetings:attachment_closed", args=[attachment.pk]),
                             {"closed": "1", "version": attachment.version})  # fmt: skip

    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.closed
    assert Client().get(public_file).status_code == 404
    public_page = Client().get(reverse("portal:meeting", args=[ok_meeting.pk])).content.decode()
    assert "Notat om løn" not in public_page and "Lukket bilag" in public_page
