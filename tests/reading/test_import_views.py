"""Staff upload a published document, check and correct what was read, and store it."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import AgendaItem, Case, Meeting
from organisation.models import Body
from reading.models import DocumentImport
from tests.reading.files import seed

pytestmark = pytest.mark.django_db

BOARD_AGENDA = seed("004")
AU_EXTRACT = seed("003")


def upload(client, path: Path, name: str | None = None, content: bytes | None = None):
    data = content if content is not None else path.read_bytes()
    file = SimpleUploadedFile(name or path.name, data, content_type="text/plain")
    return client.post(reverse("reading:list"), {"document": file})


def review_data(response) -> dict:
    """The review form's fields as the browser would post them back."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return data


def test_readers_cannot_import(reader_client):
    assert reader_client.get(reverse("reading:list")).status_code == 403


def test_upload_shows_the_reading_and_stores_nothing_yet(admin_client_):
    response = upload(admin_client_, BOARD_AGENDA)

    document = DocumentImport.objects.get()
    assert response.url == reverse("reading:review", args=[document.pk])
    page = admin_client_.get(response.url)
    text = page.content.decode()
    assert "Direktionen" in text
    assert "Beslutningsprotokoller og dagsordener" in text
    # A GET runs no import, not even a dry run; the preview is asked for.
    assert "ville oprette" not in text
    shown = admin_client_.post(response.url, review_data(page) | {"action": "preview"})
    assert "ville oprette" in shown.content.decode()  # the dry run's summary
    assert not Meeting.objects.exists()


def test_corrected_reading_is_stored_through_the_import(admin_client_):
    response = admin_client_.get(upload(admin_client_, BOARD_AGENDA).url)
    data = review_data(response)
    data["item-1-title"] = "Økonomi og budgetopfølgning"
    data["action"] = "store"

    stored = admin_client_.post(response.request["PATH_INFO"], data)

    assert stored.status_code == 302
    meeting = Meeting.objects.get(body__name="Direktionen")
    assert meeting.items.get(number=2).title == "Økonomi og budgetopfølgning"
    document = DocumentImport.objects.get()
    assert document.state == DocumentImport.State.STORED
    done = admin_client_.get(stored.url).content.decode()
    assert "Gemt i Kursen" in done
    assert meeting.get_absolute_url() in done


def test_skipped_item_is_not_stored(admin_client_):
    response = admin_client_.get(upload(admin_client_, BOARD_AGENDA).url)
    data = review_data(response)
    data["item-3-skip"] = "on"
    data["action"] = "store"

    admin_client_.post(response.request["PATH_INFO"], data)

    assert AgendaItem.objects.count() == 3


def test_unreadable_file_gets_a_danish_error_and_nothing_is_kept(admin_client_):
    response = upload(admin_client_, BOARD_AGENDA, name="referat.pdf", content=b"\x00\x01" * 500)

    assert response.status_code == 200
    assert "ikke en PDF" in response.content.decode()
    assert not DocumentImport.objects.exists()


def test_editor_may_not_store_another_bodys_document(editor_client):
    response = editor_client.get(upload(editor_client, BOARD_AGENDA).url)
    assert "Du kan ikke gemme dette dokument" in response.content.decode()
    data = review_data(response) | {"action": "store"}

    refused = editor_client.post(response.request["PATH_INFO"], data)

    assert refused.status_code == 200
    assert "Direktionen" in refused.context["error"]
    assert not Meeting.objects.exists()
    assert DocumentImport.objects.get().state == DocumentImport.State.READ


def test_editor_stores_a_document_of_their_own_body(editor_client, au):
    response = editor_client.get(upload(editor_client, AU_EXTRACT).url)
    data = review_data(response) | {"action": "store"}

    editor_client.post(response.request["PATH_INFO"], data)

    assert Meeting.objects.get().body == au
    assert Body.objects.count() == 1  # AU only: nothing created behind the editor's back


def test_a_stale_review_does_not_overwrite_a_newer_correction(admin_client_):
    response = admin_client_.get(upload(admin_client_, BOARD_AGENDA).url)
    url = response.request["PATH_INFO"]
    first, second = review_data(response), review_data(response)
    first |= {"item-0-title": "Rettet af den første", "action": "preview"}
    admin_client_.post(url, first)

    second |= {"item-0-title": "Rettet af den anden", "action": "store"}
    stale = admin_client_.post(url, second, follow=True)

    assert "En anden har ændret" in stale.content.decode()
    assert not Meeting.objects.exists()
    parsed = DocumentImport.objects.get().parsed
    assert parsed["items"][0]["title"] == "Rettet af den første"


def test_discard_keeps_nothing(admin_client_):
    url = upload(admin_client_, BOARD_AGENDA).url

    admin_client_.post(url, {"action": "discard"})

    assert DocumentImport.objects.get().state == DocumentImport.State.DISCARDED
    assert not Case.objects.exists() and not Meeting.objects.exists()


def test_an_editor_sees_only_their_own_uploads(admin_client_, editor_client):
    upload(admin_client_, BOARD_AGENDA)
    document = DocumentImport.objects.get()

    assert editor_client.get(reverse("reading:review", args=[document.pk])).status_code == 404
    assert document.filename not in editor_client.get(reverse("reading:list")).content.decode()


def test_import_list_queries_do_not_grow_with_uploads(admin_client_, administrator):
    def make(n):
        DocumentImport.objects.bulk_create(
            DocumentImport(filename=f"dok{i}.txt", parsed={}, uploaded_by=administrator)
            for i in range(n)
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client_.get(reverse("reading:list")).status_code == 200
        return len(queries)

    make(2)
    few = count()
    make(25)
    assert count() == few
