"""The work plan page and the secretary's forms on it: what a secretary, a reader and an
editor of another body may do, Danish answers to bad input, and its documents."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import UserFactory
from workplans.models import Placement

pytestmark = pytest.mark.django_db


def _url(au, name="workplans:workplan", year=2025):
    return reverse(name, args=[au.pk, year])


def test_the_page_shows_the_item_on_its_meeting(editor_client, au, au_meetings, political):
    page = editor_client.get(_url(au)).content.decode()
    assert "Udvalgets arbejdsplan: Arbejdsmarkedsudvalget 2025" in page
    assert "Mødet tirsdag den 11. marts 2025" in page
    assert political.title in page and "Markér som behandlet" in page


def test_a_reader_sees_the_page_without_the_secretarys_tools(
    reader_client, au, au_meetings, political
):
    page = reader_client.get(_url(au)).content.decode()
    assert political.title in page and "Markér som behandlet" not in page
    response = reader_client.post(
        _url(au, "workplans:workplan_place"),
        {"entry": f"item-{political.pk}", "target": "none", "version": 0},
    )
    assert response.status_code == 403
    assert not Placement.objects.exists()


def test_moving_through_htmx_returns_the_fragment_with_a_danish_confirmation(
    editor_client, au, au_meetings, political
):
    response = editor_client.post(
        _url(au, "workplans:workplan_place"),
        {"entry": f"item-{political.pk}", "target": f"meeting-{au_meetings[2].pk}", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert f"»{political.title}« er placeret: mødet 10. juni 2025." in page
    assert "Placeringen passer ikke til indsatsens tidspunkt (marts 2025)." in page
    assert "Ret tidspunktet til juni 2025" in page


def test_adjusting_the_time_from_the_page(editor_client, au, au_meetings, political):
    editor_client.post(
        _url(au, "workplans:workplan_place"),
        {"entry": f"item-{political.pk}", "target": "month-9", "version": 0},
    )
    response = editor_client.post(
        _url(au, "workplans:workplan_timing"),
        {"entry": f"item-{political.pk}", "version": 1, "item_version": political.version},
        follow=True,
    )
    assert (
        "Tidspunktet for »Ny jobcenterstrategi« er nu september 2025." in response.content.decode()
    )
    political.refresh_from_db()
    assert political.timing_month == 9


@pytest.mark.parametrize(
    "data, message",
    [
        ({"target": "none", "version": 0}, "Vælg et punkt."),
        (
            {"entry": "item-999999", "target": "none", "version": 0},
            "Punktet findes ikke på arbejdsplanen.",
        ),
        (
            {"entry": "ITEM", "target": "month-13", "version": 0},
            "Punktet findes ikke på arbejdsplanen.",
        ),
        (
            {"entry": "{item}", "target": "month-13", "version": 0},
            "Vælg et af udvalgets møder i 2025, en måned eller »Afventer dato«.",
        ),
        (
            {"entry": "{item}", "target": "meeting-99999999999999", "version": 0},
            "Vælg et af udvalgets møder i 2025, en måned eller »Afventer dato«.",
        ),
        (
            {"entry": "{item}", "target": "none", "version": "x"},
            "Punktets version skal være et helt tal.",
        ),
        ({"entry": "{item}", "target": "none"}, "Siden mangler punktets version: genindlæs den."),
    ],
)
def test_bad_input_gives_a_danish_error(editor_client, au, au_meetings, political, data, message):
    data = {k: str(v).replace("{item}", f"item-{political.pk}") for k, v in data.items()}
    response = editor_client.post(_url(au, "workplans:workplan_place"), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Placement.objects.exists()


def test_a_stale_form_is_refused_in_danish(editor_client, au, au_meetings, political):
    data = {"entry": f"item-{political.pk}", "target": "month-4", "version": 0}
    editor_client.post(_url(au, "workplans:workplan_place"), data)
    response = editor_client.post(
        _url(au, "workplans:workplan_place"), data | {"target": "month-5"}, follow=True
    )
    assert "Nogen har ændret punktet, mens du så på arbejdsplanen." in response.content.decode()
    assert Placement.objects.get().month == 4


@pytest.mark.parametrize(
    "url",
    [
        "/arbejdsplan/999999/2025/",
        "/arbejdsplan/{au}/1999/",
        "/arbejdsplan/{au}/99999/",
        "/arbejdsplan/{au}/2025/arbejdsplan.ics",
    ],
)
def test_odd_addresses_are_answered_not_crashed(editor_client, au, url):
    response = editor_client.get(url.replace("{au}", str(au.pk)))
    assert response.status_code in (200, 404)


def test_presenting_from_the_page(editor_client, au, au_meetings, political):
    response = editor_client.post(
        _url(au, "workplans:workplan_present"), {"meeting": au_meetings[0].pk}, follow=True
    )
    page = response.content.decode()
    assert "»Udvalgets arbejdsplan« er sat på dagsordenen til mødet 4. februar 2025" in page
    assert "Udvalgets arbejdsplan 2025" in page  # the attachment on the agenda
    response = editor_client.post(
        _url(au, "workplans:workplan_present"), {"meeting": "x"}, follow=True
    )
    assert "Vælg et af udvalgets egne møder i 2025." in response.content.decode()


def test_an_editor_of_another_body_cannot_present(au, buu, au_meetings, client):
    client.force_login(UserFactory(username="buu", role="editor", role__bodies=[buu]))
    assert (
        client.post(
            _url(au, "workplans:workplan_present"), {"meeting": au_meetings[0].pk}
        ).status_code
        == 403
    )


def test_the_pdf_word_and_ical_hold_the_work_plan(editor_client, au, au_meetings, political):
    pdf = editor_client.get(reverse("documents:workplan", args=[au.pk, 2025, "pdf"]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Arbejdsmarkedsudvalgets arbejdsplan 2025" in text and political.title in text
    assert "Mødet tirsdag den 11. marts 2025" in text
    word = docx.Document(
        io.BytesIO(
            editor_client.get(reverse("documents:workplan", args=[au.pk, 2025, "docx"])).content
        )
    )
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Arbejdsmarkedsudvalgets arbejdsplan 2025"
    assert "Mødet tirsdag den 11. marts 2025" in headings and "Afventer dato" in headings
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert any(political.title in c for c in cells)
    ical = editor_client.get(_url(au, "workplans:workplan_calendar")).content.decode()
    assert ical.count("BEGIN:VEVENT") == 3 and "Ny jobcenterstrategi" in ical


def test_a_topic_already_on_an_agenda_is_not_moved_from_the_work_plan(
    editor_client, au, au_meetings
):
    """The work plan moves a topic through the forward plan's one update service, which keeps
    a topic that is already an agenda item where it is: a Danish message, nothing saved."""
    from meetings import services as meeting_services

    topic = meeting_services.planned_topic_add(
        body=au, title="Besøg", planned_for=au_meetings[0].date
    )
    item = meeting_services.agenda_item_add(meeting=au_meetings[0], fields={"title": "Besøg"})
    topic.agenda_item = item
    topic.save()
    response = editor_client.post(
        _url(au, "workplans:workplan_place"),
        {"entry": f"topic-{topic.pk}", "target": f"meeting-{au_meetings[2].pk}", "version": 0},
        follow=True,
    )
    assert response.status_code == 200
    assert "»Besøg« er ikke flyttet. Emnet står allerede på en dagsorden" in (
        response.content.decode()
    )
    topic.refresh_from_db()
    assert topic.planned_for == au_meetings[0].date and not Placement.objects.exists()
