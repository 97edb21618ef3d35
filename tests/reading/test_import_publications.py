"""Real published meetings through the review-and-store flow: an upload of FirstAgenda's JSON
or SBSYS's zip on the review page, and the store service for a handful of meetings of
different bodies; closed items are stored closed, decisions in place."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import AgendaItem, Attachment, Meeting
from reading.reader import read_file
from reading.services import document_import_store
from tests.reading.support.shared import SBSYS, need, record
from tests.reading.test_import_views import review_data

pytestmark = pytest.mark.django_db


def upload_and_store(client, path):
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/octet-stream")
    response = client.get(client.post(reverse("reading:list"), {"document": file}).url)
    assert response.status_code == 200
    stored = client.post(response.request["PATH_INFO"], review_data(response) | {"action": "store"})
    assert stored.status_code == 302, stored.content.decode()[:2000]
    return response


def test_a_firstagenda_record_uploaded_on_the_review_page_is_stored_with_its_closed_item(
    admin_client_,
):
    page = upload_and_store(admin_client_, record("oekonomiudvalget-2025-06-25"))

    assert "Salg af Hundige Bygade - Valg af køber" in page.content.decode()
    meeting = Meeting.objects.get(body__name="Økonomiudvalget", date="2025-06-25")
    assert [(i.number, i.closed) for i in meeting.items.order_by("number")] == [
        (1, False), (2, True), (3, False),
    ]  # fmt: skip
    sale = meeting.items.get(number=2)
    assert sale.decision.startswith("Økonomiudvalget anbefaler overfor Byrådet")
    assert meeting.items.get(number=1).decision == "Godkendt."


def test_an_sbsys_archive_uploaded_on_the_review_page_is_stored_with_its_attachments(
    admin_client_,
):
    upload_and_store(admin_client_, need(SBSYS) / "Publication32.zip")

    meeting = Meeting.objects.get(body__name="KMB IT-udvalget", date="2013-05-15")
    assert meeting.items.count() == 5
    sapa = meeting.items.get(number=3)
    assert sapa.title == "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)"
    assert [a.title for a in Attachment.objects.filter(agenda_item=sapa)] == [
        "Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud"
    ]


MEETINGS = [
    "oekonomiudvalget-2025-06-25", "social-og-handicapudvalget-2025-09-08",
    "sundheds-og-omsorgsudvalget-2022-03-14", "kultur-og-fritidsudvalget-2022-01-12",
    "skole-boerne-og-ungeudvalget-2022-01-11", "klima-teknik-og-miljoeudvalget-2023-11-16",
]  # fmt: skip


def test_meetings_of_different_bodies_are_stored_item_by_item_and_a_second_import_changes_nothing():
    for name in MEETINGS:
        parsed = read_file(record(name))
        summary = document_import_store(parsed=parsed, user=None)
        assert summary.error is None, (name, summary.error)
        raw = json.loads(record(name).read_bytes())
        meeting = Meeting.objects.get(body__name=parsed["body"], date=parsed["meeting"]["date"])
        stored = {i.number: i for i in meeting.items.all()}
        assert sorted(stored) == [int(i["Number"]) for i in raw["Dagsordenpunkter"]]
        for item in raw["Dagsordenpunkter"]:
            assert stored[int(item["Number"])].closed == item["Navn"].startswith("Lukket: ")
        date = parsed["meeting"]["date"]
        decided = [
            item
            for item in parsed["items"]
            if any(d["date"] == date and d["text"] for d in item["decisions"])
        ]  # fmt: skip
        assert all(stored[i["number"]].decision for i in decided)
    items = AgendaItem.objects.count()

    again = document_import_store(parsed=read_file(record(MEETINGS[0])), user=None)

    assert not again.changed
    assert AgendaItem.objects.count() == items


def test_a_folder_of_publications_is_imported_by_the_command(tmp_path, capsys):
    import shutil

    from django.core.management import call_command

    for name in MEETINGS[:2]:
        shutil.copy(record(name), tmp_path / f"{name}.json")
    shutil.copy(need(SBSYS) / "Publication32.zip", tmp_path / "Publication32.zip")

    call_command("import_documents", str(tmp_path))

    assert "3 filer: 3 med ændringer" in capsys.readouterr().out
    assert Meeting.objects.filter(body__name="KMB IT-udvalget").exists()
    assert AgendaItem.objects.get(title="Salg af Hundige Bygade - Valg af køber").closed


def test_read_document_prints_a_publications_reading(capsys):
    from django.core.management import call_command

    call_command("read_document", str(need(SBSYS) / "Publication553.zip"))
    document = json.loads(capsys.readouterr().out)
    assert (document["body"], document["meeting"]["date"]) == ("Forretningsudvalget", "2012-09-25")


def test_a_meeting_quoted_in_another_meetings_minutes_takes_its_own_minutes_later():
    """KTM's minutes of 16-11-2023 quote SOU's decision of 13-11-2023 (Sagens forløb); SOU's
    own minutes, imported after, still store every one of SOU's items."""
    document_import_store(parsed=read_file(record("klima-teknik-og-miljoeudvalget-2023-11-16")),
                          user=None)  # fmt: skip
    own = read_file(record("sundheds-og-omsorgsudvalget-2023-11-13"))

    summary = document_import_store(parsed=own, user=None)

    assert summary.error is None
    assert not [w for w in summary.warnings if "har godkendt beslutningsprotokol" in w]
    meeting = Meeting.objects.get(body__name="Sundheds- og Omsorgsudvalget", date="2023-11-13")
    assert meeting.items.count() == len(own["items"])


def test_a_quoted_item_under_a_case_printed_on_two_items_takes_its_own_number_later():
    """SBU's agenda of 13-09-2022 prints case 22-009218 under items 3 and 4; KTM's minutes of
    19-09-2022 quote SBU's decision on item 4 (Sagens forløb) and are imported first. SBU's own
    document then gives every item its number: item 4 is the quoted one, item 10 the closed
    "Henvendelser til formanden"."""
    document_import_store(parsed=read_file(record("klima-teknik-og-miljoeudvalget-2022-09-19")),
                          user=None)  # fmt: skip
    own = read_file(record("skole-boerne-og-ungeudvalget-2022-09-13"))

    summary = document_import_store(parsed=own, user=None)

    assert summary.error is None
    meeting = Meeting.objects.get(body__name="Skole-, Børne- og Ungeudvalget", date="2022-09-13")
    stored = {i.number: i for i in meeting.items.all()}
    assert [(n, stored[n].title) for n in (1, 3, 4)] == [
        (1, "Godkendelse af dagsorden"),
        (3, "Prognose for dagtilbuds-, SFO- og klubområdet 2022"),
        (4, "Forslag til håndtering af kapacitetsudfordring på dagtilbudsområdet"),
    ]
    assert stored[10].title.endswith("Henvendelser til formanden")
    assert stored[10].closed
    assert len(stored) == len(own["items"])
