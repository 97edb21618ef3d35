"""Closed content found in an imported document is stored closed, and reaches neither the
portal, its documents, the public search nor a reader's search; an administrator finds it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import AgendaItem, Attachment, Case, Meeting

pytestmark = pytest.mark.django_db

DOCUMENT = Path(__file__).parent / "documents" / "oek_lukket_punkt.txt"
MARKER = "Zyxbrandt"  # only in the closed item's text, decision and the closed attachment
# Searches that find the closed item (its title is public, as on the agenda) and its text; the
# search page repeats the query, so the marker itself is not searched for.
QUERIES = ["tilbuddet", "Kvorupgaard", "fortroligt", "accepteres"]


@pytest.fixture
def imported():
    call_command("import_documents", str(DOCUMENT), stdout=io.StringIO(), stderr=io.StringIO())
    return Meeting.objects.get(body__name="Økonomiudvalget")


def test_closed_item_case_and_attachment_are_stored_closed(imported):
    assert Case.objects.get(number="26/1002").closed
    assert AgendaItem.objects.get(meeting=imported, number=2).closed
    assert Attachment.objects.get(document_number="5678/26").closed
    assert not Attachment.objects.get(document_number="1234/26").closed


def test_portal_and_public_search_never_show_it(imported):
    anonymous = Client()
    pages = [
        reverse("portal:meeting", args=[imported.pk]),
        *(reverse("portal:search") + f"?q={query}" for query in QUERIES),
    ]
    for url in pages:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url
    pdf = anonymous.get(
        reverse("portal:meeting_document", args=[imported.pk, "referat", "pdf"])
    ).getvalue()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Budgetopfølgning" in text and MARKER not in text


def test_staff_search_shows_it_only_to_those_with_access(imported, reader_client, admin_client_):
    for query in QUERIES:
        url = reverse("search:search") + f"?q={query}"
        assert MARKER not in reader_client.get(url).content.decode(), query
    admin_page = admin_client_.get(reverse("search:search") + "?q=tilbuddet").content.decode()
    assert MARKER in admin_page
