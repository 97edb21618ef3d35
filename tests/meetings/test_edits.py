"""Nothing is lost: who may edit a case, and stale forms for cases, attachments and absences
are refused with a Danish message instead of silently undoing what someone else saved."""

import pytest
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Absence, Case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ok_client(ok):
    client = Client()
    client.force_login(UserFactory(username="sekretaer", role="editor", role__bodies=[ok]))
    return client


def _case_form(case, **changes):
    data = {
        "number": case.number,
        "kle_number": case.kle_number,
        "title": case.title,
        "routing_text": ", ".join(r.body.abbreviation for r in case.routing.all()),
        "item_codes": ", ".join(case.items.values_list("code", flat=True)),
        "version": case.version,
    }
    if case.closed:
        data["closed"] = "on"
    data.update(changes)
    return data


# --- Finding 8: case edits --------------------------------------------------------------------


def test_editor_of_a_body_not_on_the_routing_cannot_edit_the_case(editor_client, case):
    """AU's editor may not edit ØK → KB's case, neither open the form nor post it."""
    url = reverse("meetings:case_edit", args=[case.pk])

    assert editor_client.get(url).status_code == 403
    response = editor_client.post(url, _case_form(case, title="Overtaget af AU"))

    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title == "Udmøntningsplan 2023-2026"
    page = editor_client.get(case.get_absolute_url()).content.decode()
    assert reverse("meetings:case_edit", args=[case.pk]) not in page


def test_secretary_of_a_body_on_the_routing_edits_the_case(ok_client, case):
    response = ok_client.post(
        reverse("meetings:case_edit", args=[case.pk]), _case_form(case, title="Ny titel")
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Ny titel"
    assert case.version == 2


def test_editor_cannot_move_a_case_out_of_their_bodies(ok_client, case, au):
    response = ok_client.post(
        reverse("meetings:case_edit", args=[case.pk]), _case_form(case, routing_text="AU")
    )

    assert response.status_code == 200
    assert "Sagsgangen skal omfatte et af dine udvalg." in response.content.decode()
    assert [r.body.abbreviation for r in case.routing.all()] == ["ØK", "KB"]


def test_stale_case_form_does_not_revert_the_administrators_save(ok_client, admin_client_, case):
    """The secretary opened the form; the administrator closes the case and renames it; the
    secretary's save (based on the old version) is refused and shows the administrator's change."""
    opened = _case_form(case, kle_number="00.01.00-A00-1-22")
    response = admin_client_.post(
        reverse("meetings:case_edit", args=[case.pk]),
        _case_form(case, title="Lukket personalesag", closed="on"),
    )
    assert response.status_code == 302

    response = ok_client.post(reverse("meetings:case_edit", args=[case.pk]), opened)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Sagen er ændret, mens du redigerede" in page
    assert "Lukket personalesag" in page  # the other person's change is shown
    assert 'value="00.01.00-A00-1-22"' in page  # the user's own input is kept in the form
    case.refresh_from_db()
    assert case.title == "Lukket personalesag" and case.closed and case.kle_number == ""

    # Saving again from the conflict page is deliberate: it is based on the current version.
    again = ok_client.post(
        reverse("meetings:case_edit", args=[case.pk]),
        {**opened, "title": "Lukket personalesag", "closed": "on", "version": case.version},
    )
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.kle_number == "00.01.00-A00-1-22" and case.closed


def test_case_update_service_refuses_a_stale_version_and_an_outside_editor(case, editor):
    services.case_update(case=case, fields={"title": "Første"}, expected_version=1)

    with pytest.raises(services.MeetingConflict):
        services.case_update(case=case, fields={"title": "Anden"}, expected_version=1)
    with pytest.raises(services.CaseForbidden):
        services.case_update(case=case, fields={"title": "AU's"}, expected_version=2, user=editor)
    assert Case.objects.get(pk=case.pk).title == "Første"


# --- Finding 9: closing an attachment ---------------------------------------------------------


@pytest.fixture
def published_attachment(case, ok_meeting, pdf_upload):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    attachment = services.attachment_add(item=item, title="Notat om løn", upload=pdf_upload())
    services.meeting_publish_agenda(meeting=ok_meeting)
    return attachment


def test_double_click_on_close_leaves_the_attachment_closed(ok_client, published_attachment):
    url = reverse("meetings:attachment_closed", args=[published_attachment.pk])
    form = {"closed": "1", "version": published_attachment.version}

    ok_client.post(url, form)
    ok_client.post(url, form)  # the second click of a double click, from the same page

    published_attachment.refresh_from_db()
    assert published_attachment.closed
    public_file = reverse("portal:attachment", args=[published_attachment.pk])
    assert Client().get(public_file).status_code == 404


def test_stale_page_cannot_reopen_an_attachment_closed_since(
    ok_client, admin_client_, published_attachment
):
    """The secretary's page still shows the attachment closed (version 2) and offers "Åbn";
    meanwhile it was opened and closed again. Their "Åbn" is refused."""
    url = reverse("meetings:attachment_closed", args=[published_attachment.pk])
    ok_client.post(url, {"closed": "1", "version": 1})
    stale = {"closed": "0", "version": 2}
    admin_client_.post(url, {"closed": "0", "version": 2})
    admin_client_.post(url, {"closed": "1", "version": 3})

    response = ok_client.post(url, stale, follow=True)

    published_attachment.refresh_from_db()
    assert published_attachment.closed
    assert "Bilaget er ændret af en anden" in response.content.decode()
    assert published_attachment.history.count() == 4  # added, closed, opened, closed


def test_close_form_says_which_state_it_wants(ok_client, published_attachment):
    page = ok_client.get(published_attachment.agenda_item.get_absolute_url()).content.decode()
    assert 'name="closed" value="1"' in page
    assert f'name="version" value="{published_attachment.version}"' in page

    response = ok_client.post(
        reverse("meetings:attachment_closed", args=[published_attachment.pk]), {"closed": "x"}
    )
    assert response.status_code == 302
    published_attachment.refresh_from_db()
    assert not published_attachment.closed


def test_attachment_set_closed_service_sets_and_never_flips(published_attachment):
    closed = services.attachment_set_closed(
        attachment=published_attachment, closed=True, expected_version=1
    )
    again = services.attachment_set_closed(
        attachment=published_attachment, closed=True, expected_version=1
    )
    assert closed.closed and again.closed and again.version == 2
    with pytest.raises(services.MeetingConflict):
        services.attachment_set_closed(
            attachment=published_attachment, closed=False, expected_version=1
        )


# --- Finding 10: absences ---------------------------------------------------------------------


def test_second_stale_absence_form_does_not_erase_the_first_secretarys_entry(
    ok_client, ok_meeting, ok_members
):
    """Two secretaries open the meeting page; the first records Jens Meilvang's "Afbud", the
    second, on the old page, records Anette Ruby Liebe's. The second is refused."""
    jens, anette = ok_members
    page = ok_client.get(ok_meeting.get_absolute_url()).content.decode()
    assert f'name="version" value="{ok_meeting.absences_version}"' in page
    url = reverse("meetings:meeting_absences", args=[ok_meeting.pk])
    version = ok_meeting.absences_version

    ok_client.post(url, {f"member_{jens.pk}": "apologies", "version": version})
    response = ok_client.post(
        url, {f"member_{anette.pk}": "apologies", "version": version}, follow=True
    )

    assert "En anden har gemt fraværet" in response.content.decode()
    absences = {a.member: a.kind for a in Absence.objects.filter(meeting=ok_meeting)}
    assert absences == {jens: Absence.Kind.APOLOGIES}


def test_absence_form_without_a_version_is_refused(ok_client, ok_meeting, ok_members):
    jens, _anette = ok_members
    response = ok_client.post(
        reverse("meetings:meeting_absences", args=[ok_meeting.pk]),
        {f"member_{jens.pk}": "apologies"},
        follow=True,
    )
    assert "Fraværet er ikke gemt" in response.content.decode()
    assert not Absence.objects.exists()


def test_absences_keep_their_history_when_saved_again(ok_meeting, ok_members):
    jens, anette = ok_members
    services.meeting_set_absences(
        meeting=ok_meeting, absences={jens: "apologies"}, expected_version=1
    )
    services.meeting_set_absences(
        meeting=ok_meeting, absences={jens: "apologies", anette: "absent"}, expected_version=2
    )
    with pytest.raises(services.MeetingConflict):
        services.meeting_set_absences(meeting=ok_meeting, absences={}, expected_version=2)
    kept = Absence.objects.get(member=jens)
    assert kept.history.count() == 1  # kept, not deleted and recreated
    assert Absence.objects.count() == 2
