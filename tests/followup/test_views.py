"""The round's pages: opening, answering, review, closing, the report and "Mit overblik"."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from followup import services
from followup.models import Answer, Round
from meetings import services as meeting_services
from meetings.models import Attachment
from notify.models import Delivery
from plans import timeline
from plans.models import Item
from tests.followup.conftest import client_for

pytestmark = pytest.mark.django_db


def _answer(round, code):
    return Answer.objects.get(round=round, item__code=code)


def test_start_page_is_mit_overblik(contact, open_round):
    response = client_for(contact).get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("followup:overview")
    assert "Mit overblik" in page
    assert "AU-D01" in page and "AU-D02" in page and "BUU-D01" not in page
    assert "fredag den 18. december 2026" in page


def test_administrator_opens_a_round_through_the_page(admin_client_, plan, items, contact):
    response = admin_client_.post(
        reverse("followup:round_open"),
        {
            "plan": plan.pk,
            "name": "Status juni 2027",
            "deadline": "2027-06-18",
            "rule": "contact",
            "reminder_days": "10, 3, 0",
        },
    )
    round = Round.objects.get(name="Status juni 2027")
    assert response.url == round.get_absolute_url()
    page = admin_client_.get(response.url).content.decode()
    assert "0 af 3 indsatser er besvaret" in page
    assert "Indsatser uden en bruger at spørge (1)" in page
    assert "BUU-D01" in page and "Ukendt Person" in page
    assert "fredag den 4. juni 2027" in page  # 10 working days before, Grundlovsdag aside


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "deadline": "2027-06-18"}, "Giv statusrunden et navn."),
        ({"name": "X", "deadline": "18-juni"}, "Angiv svarfristen som en dato"),
        ({"name": "X", "deadline": "9999-12-31"}, "mellem år 2000 og 2100"),
        ({"name": "X", "deadline": "2027-06-18", "reminder_days": "ti"}, "hele tal"),
        ({"name": "X", "deadline": "2027-06-18", "reminder_days": "99"}, "0 til 60"),
        ({"name": "X", "deadline": "2027-06-18", "rule": "boss"}, "Vælg, hvem der svarer"),
        ({"name": "X", "deadline": "2027-06-18", "kind": "declaration"}, "Udvalget af"),
        ({"name": "X", "deadline": "2027-06-18", "committee": "999999"}, "Vælg et af udvalgene"),
        ({"name": "X", "deadline": "2000-01-03"}, "Svarfristen kan ikke ligge før i dag"),
    ],
)
def test_opening_with_bad_input_gives_danish_errors(admin_client_, plan, items, data, message):
    form = {"plan": plan.pk, "rule": "contact", "reminder_days": "3"} | data
    response = admin_client_.post(reverse("followup:round_open"), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Round.objects.exists()


def test_only_administrators_open_close_and_remind(editor_client, open_round):
    assert editor_client.get(reverse("followup:round_open")).status_code == 403
    assert (
        editor_client.post(
            reverse("followup:round_close", args=[open_round.pk]), {"version": 1}
        ).status_code
        == 403
    )
    assert (
        editor_client.post(reverse("followup:round_remind", args=[open_round.pk])).status_code
        == 403
    )


def test_contact_saves_a_draft_then_submits(contact, open_round):
    client = client_for(contact)
    answer = _answer(open_round, "AU-D01")
    url = reverse("followup:answer", args=[answer.pk])
    form = {
        "status": "in_progress",
        "note": "Halvvejs.",
        "note_date": "2026-12-01",
        "timing_year": "2027",
        "timing_period": "q1",
        "realised": "-1.250,5",
        "version": answer.version,
        "action": "draft",
    }
    assert client.post(url, form).status_code == 302
    answer.refresh_from_db()
    assert answer.state == "draft" and str(answer.realised) == "-1250.5"
    assert answer.timing_quarter == 1
    # A second tab with the old version is refused and shown the saved answer.
    stale = client.post(url, form | {"note": "Fra en anden fane."})
    assert "Nogen har gemt svaret" in stale.content.decode()
    response = client.post(url, form | {"version": answer.version, "action": "submit"})
    assert response.url == reverse("followup:overview")
    answer.refresh_from_db()
    assert answer.state == "submitted"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "flying"}, "Vælg en af statusserne."),
        ({"timing_year": "tyve"}, "Angiv et årstal"),
        ({"timing_period": "q1", "timing_year": ""}, "Angiv året for tidspunktet."),
        ({"realised": "mange"}, "Skriv beløbet som et tal"),
        ({"note_date": "0001-01-01"}, "mellem år 2000 og 2100"),
        ({"status": "completed", "note": "", "action": "submit"}, "Skriv en statusnote"),
    ],
)
def test_answer_with_bad_input_gives_danish_errors(contact, open_round, data, message):
    answer = _answer(open_round, "AU-D01")
    form = {"status": "in_progress", "version": answer.version, "action": "draft"} | data
    response = client_for(contact).post(reverse("followup:answer", args=[answer.pk]), form)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_others_cannot_open_someones_answer(reader, open_round):
    answer = _answer(open_round, "AU-D01")
    assert client_for(reader).get(reverse("followup:answer", args=[answer.pk])).status_code == 404


def test_director_reviews_on_the_page(contact, area_director, open_round):
    answer = _answer(open_round, "AU-D01")
    services.answer_save(answer=answer, fields={}, expected_version=1, submit=True, user=contact)
    client = client_for(area_director)
    overview = client.get(reverse("followup:overview")).content.decode()
    assert "Svar, der venter på din godkendelse" in overview
    url = reverse("followup:review", args=[answer.pk])
    refused = client.post(url, {"version": 2, "action": "return", "comment": ""})
    assert "Skriv, hvad der skal rettes" in refused.content.decode()
    returned = client.post(
        url, {"version": 2, "action": "return", "comment": "Mere konkret."}, follow=True
    )
    assert "Svaret er sendt retur." in returned.content.decode()
    assert _answer(open_round, "AU-D01").state == "returned"
    assert "Mere konkret." in client_for(contact).get(reverse("followup:overview")).content.decode()
    services.answer_save(
        answer=_answer(open_round, "AU-D01"),
        fields={},
        expected_version=3,
        submit=True,
        user=contact,
    )
    approved = client.post(url, {"version": 4, "action": "approve"}, follow=True)
    assert "Svaret er godkendt." in approved.content.decode()
    assert _answer(open_round, "AU-D01").state == "approved"


def test_remind_again_mails_each_person_once(admin_client_, open_round):
    response = admin_client_.post(
        reverse("followup:round_remind", args=[open_round.pk]), follow=True
    )
    assert list(Delivery.objects.values_list("address", flat=True)) == ["kaje@testrup.dk"]
    assert "Påmindelsen er sendt til 1 person." in response.content.decode()


def _close_with_answer(open_round, contact, administrator):
    answer = _answer(open_round, "AU-D01")
    services.answer_save(
        answer=answer,
        fields={"status": "completed", "note": "Alle er i job."},
        expected_version=1,
        submit=True,
        user=contact,
    )
    return services.round_close(round=open_round, expected_version=1, user=administrator)


def test_report_page_pdf_and_docx(admin_client_, contact, administrator, open_round):
    admin_client_.post(reverse("followup:round_close", args=[open_round.pk]), {"version": "x"})
    assert Round.objects.get().is_open  # a bad version closes nothing
    round = _close_with_answer(open_round, contact, administrator)
    page = admin_client_.get(reverse("followup:report", args=[round.pk])).content.decode()
    assert page.count('role="img"') == 3  # per committee, kind and theme
    assert "Status pr. udvalg" in page and "Afsluttede indsatser (1)" in page
    assert "Alle er i job." in page
    pdf = admin_client_.get(reverse("documents:status_report", args=[round.pk, "pdf"]))
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Statusrapport: Status december 2026" in text and "Alle er i job." in text
    assert reader.metadata.title == "Statusrapport: Status december 2026"
    docx = admin_client_.get(reverse("documents:status_report", args=[round.pk, "docx"]))
    assert docx.content.startswith(b"PK")
    bad = admin_client_.get(reverse("followup:report", args=[round.pk]), {"sammenlign": "abc"})
    assert bad.status_code == 404


def test_report_goes_on_direktionens_agenda_and_the_decision_on_the_timeline(
    admin_client_, contact, administrator, open_round, dir_body
):
    round = _close_with_answer(open_round, contact, administrator)
    meeting = meeting_services.meeting_create(
        body=dir_body,
        date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9),
        from_template=False,
    )
    response = admin_client_.post(
        reverse("followup:round_agenda", args=[round.pk]), {"meeting": meeting.pk}
    )
    round.refresh_from_db()
    item = round.agenda_item
    assert response.url == item.get_absolute_url()
    assert item.title == "Udmøntningsplan 2025-2028: Status december 2026"
    attachment = Attachment.objects.get(agenda_item=item)
    assert attachment.filename.endswith(".pdf")
    # The decision: recorded on the meeting day.
    meeting_services.meeting_publish_agenda(meeting=meeting, user=administrator)
    meeting.date = timezone.localdate()
    meeting.save(update_fields=["date"])
    meeting_services.decision_record(item=item, text="Taget til efterretning.", user=administrator)
    plan_item = Item.objects.get(code="AU-D01")
    entries = timeline.entries(item=plan_item, user=administrator)
    kinds = [(e.kind, e.title) for e in entries]
    assert ("Statusrunde", "Status december 2026: I gang → Afsluttet") in kinds
    assert any(k == "Beslutning" and "Taget til efterretning." in t for k, t in kinds)
    page = admin_client_.get(round.get_absolute_url()).content.decode()
    assert "Taget til efterretning." in page


def test_bad_agenda_choice_is_refused_in_danish(admin_client_, contact, administrator, open_round):
    round = _close_with_answer(open_round, contact, administrator)
    response = admin_client_.post(
        reverse("followup:round_agenda", args=[round.pk]), {"meeting": "999999"}, follow=True
    )
    assert "Vælg et kommende møde i Direktionen eller Økonomiudvalget." in response.content.decode()


def test_closing_asks_for_confirmation(admin_client_, open_round):
    url = reverse("followup:round_close", args=[open_round.pk])
    page = admin_client_.get(open_round.get_absolute_url()).content.decode()
    assert "Jeg ved, at lukningen ikke kan fortrydes" in page
    refused = admin_client_.post(url, {"version": 1}, follow=True)
    assert "Statusrunden er ikke lukket: sæt kryds ved" in refused.content.decode()
    assert Round.objects.get().is_open
    closed = admin_client_.post(url, {"version": 1, "confirm": "1"}, follow=True)
    assert "Statusrunden er lukket" in closed.content.decode()
    assert not Round.objects.get().is_open


def test_a_round_closed_before_its_deadline_reports_unanswered_not_late(
    admin_client_, contact, administrator, open_round
):
    round = _close_with_answer(open_round, contact, administrator)  # today is before 18-12
    assert round.closed_at.date() < round.deadline
    page = admin_client_.get(round.get_absolute_url()).content.decode()
    assert "1 af 3 indsatser er besvaret, 0 godkendt, 2 ikke besvaret." in page
    assert "for sent" not in page.lower()
    assert '<th scope="col" class="num">Ikke besvaret</th>' in page
    # Closed after the deadline passed: the same items are late.
    Round.objects.filter(pk=round.pk).update(
        closed_at=timezone.make_aware(datetime.datetime(2026, 12, 21, 12))
    )
    page = admin_client_.get(round.get_absolute_url()).content.decode()
    assert "1 af 3 indsatser er besvaret, 0 godkendt, 2 for sent." in page
    assert '<th scope="col" class="num">For sent</th>' in page


def test_closing_gives_only_answered_items_a_status_and_a_timeline_entry(
    contact, administrator, open_round
):
    _close_with_answer(open_round, contact, administrator)
    answered = Item.objects.get(code="AU-D01")
    unanswered = Item.objects.get(code="AU-D02")
    assert [e.kind for e in timeline.entries(item=answered, user=administrator)].count(
        "Statusrunde"
    ) == 1
    entries = timeline.entries(item=unanswered, user=administrator)
    assert "Statusrunde" not in [e.kind for e in entries]
    assert not unanswered.notes.exists()
    assert unanswered.history.count() == 1  # made, never changed by the round


def test_answer_form_says_the_year_and_writes_months_in_lowercase(
    contact, area_director, open_round
):
    answer = _answer(open_round, "AU-D01")  # the item has amounts
    page = client_for(contact).get(reverse("followup:answer", args=[answer.pk])).content.decode()
    assert "Realiseret i 2026 (t.kr.)" in page and "Realiseret i år" not in page
    assert '<option value="m1">januar</option>' in page
    assert "Januar" not in page
    services.answer_save(
        answer=answer, fields={"realised": 12}, expected_version=1, submit=True, user=contact
    )
    review = client_for(area_director).get(reverse("followup:review", args=[answer.pk]))
    assert "<dt>Realiseret i 2026</dt>" in review.content.decode()


def test_administrator_changes_the_reminders_on_the_page(admin_client_, editor_client, open_round):
    url = reverse("followup:round_reminders", args=[open_round.pk])
    assert editor_client.post(url, {"version": 1, "reminder_days": "5"}).status_code == 403
    bad = admin_client_.post(url, {"version": 1, "reminder_days": "fem"}, follow=True)
    assert "Skriv påmindelserne som hele tal" in bad.content.decode()
    stale = admin_client_.post(url, {"version": 9, "reminder_days": "5"}, follow=True)
    assert "Statusrunden er ændret" in stale.content.decode()
    done = admin_client_.post(url, {"version": 1, "reminder_days": "5, 1"}, follow=True)
    assert "Påmindelserne er gemt." in done.content.decode()
    assert Round.objects.get().reminder_days == [5, 1]
