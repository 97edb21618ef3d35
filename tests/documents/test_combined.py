"""The agenda with its attachments in one PDF ("samlet dagsorden"), internal and public."""

import datetime
import io
import shutil

import docx
import pikepdf
import pytest
import typst
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from documents.agenda import combined_agenda_pdf
from meetings.models import Meeting
from organisation.models import Profile
from tests.factories import AgendaItemFactory, AttachmentFactory, MeetingFactory, UserFactory

OPEN_WORD = "Skolestrukturnotat"
CLOSED_WORD = "Fortroligtlønbilag"
WORD_WORD = "Wordbilagsindhold"


def attachment_pdf(text: str, pages: int = 1) -> bytes:
    """A PDF whose every page says `text` and its page number."""
    body = "\n#pagebreak()\n".join(f"{text} side {n}" for n in range(1, pages + 1))
    return typst.compile(f'#set document(title: "{text}")\n{body}'.encode())


def attachment_docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _attach(item, number, title, content, *, filename, closed=False):
    attachment = AttachmentFactory(agenda_item=item, number=number, title=title, closed=closed,
                                   filename=filename, document_number="")  # fmt: skip
    attachment.file.save(filename, ContentFile(content), save=True)
    return attachment


@pytest.fixture
def meeting(ok, ok_members, municipality):
    meeting = MeetingFactory(body=ok, date=datetime.date(2024, 3, 5),
                             state=Meeting.State.AGENDA_PUBLISHED)  # fmt: skip
    first = AgendaItemFactory(meeting=meeting, number=1, title="Skolestruktur",
                              case_presentation="Oplæg om skolestrukturen.")  # fmt: skip
    _attach(first, 1, "Notat om skolestruktur", attachment_pdf(OPEN_WORD, pages=3),
            filename="notat.pdf")  # fmt: skip
    _attach(first, 2, "Lønoversigt", attachment_pdf(CLOSED_WORD, pages=2), filename="loen.pdf",
            closed=True)  # fmt: skip
    second = AgendaItemFactory(meeting=meeting, number=2, title="Regnskab",
                               case_presentation="Regnskabet forelægges.")  # fmt: skip
    _attach(second, 1, "Regneark", b"PK\x03\x04 not really a spreadsheet", filename="tal.xlsx")
    _attach(second, 2, "Beskadiget PDF", b"%PDF-1.7 broken", filename="beskadiget.pdf")
    return meeting


def _pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def _outline(content: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark."""
    reader = PdfReader(io.BytesIO(content))
    found = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                page = reader.get_destination_page_number(entry) + 1
                found.append((depth, str(entry.title), page))

    walk(reader.outline, 0)
    return found


def test_internal_file_has_each_attachment_after_its_item_with_bookmarks(meeting, administrator):
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=False)
    pages = _pages(content)
    outline = _outline(content)

    first_item = next(i for i, text in enumerate(pages) if "1. Skolestruktur Åben sag" in text)
    second_item = next(i for i, text in enumerate(pages) if "2. Regnskab Åben sag" in text)
    # Item 1's page, its three attachment pages, the closed attachment's two, then item 2.
    assert [pages[first_item + n] for n in (1, 2, 3)] == [
        f"{OPEN_WORD} side 1",
        f"{OPEN_WORD} side 2",
        f"{OPEN_WORD} side 3",
    ]
    assert [pages[first_item + n] for n in (4, 5)] == [f"{CLOSED_WORD} side 1",
                                                       f"{CLOSED_WORD} side 2"]  # fmt: skip
    assert second_item == first_item + 6
    assert (1, "Bilag 1: Notat om skolestruktur", first_item + 2) in outline
    assert (1, "Bilag 2: Lønoversigt", first_item + 5) in outline
    assert (0, "1. Skolestruktur", first_item + 1) in outline
    # "Side x af y" counts the attachments' pages.
    assert f"Side 1 af {len(pages)}" in pages[0]


def test_attachments_that_cannot_be_merged_are_listed_with_a_note(meeting, administrator):
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=False)
    text = " ".join(_pages(content))

    assert "Filtypen xlsx kan ikke indgå i den samlede dagsorden; hent bilaget for sig." in text
    assert "PDF-filen kunne ikke læses og er ikke med; hent bilaget for sig." in text


def test_overview_links_to_each_merged_attachments_first_page(meeting, administrator):
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=False)
    reader = PdfReader(io.BytesIO(content))
    pages = _pages(content)
    overview = next(i for i, text in enumerate(pages) if text.startswith("Bilagsoversigt")
                    or " Bilagsoversigt 1. Skolestruktur" in text)  # fmt: skip
    targets = set()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        page_numbers = {page.objgen: n for n, page in enumerate(pdf.pages)}
        for annotation in pdf.pages[overview].obj.get("/Annots", []):
            destination = annotation.get("/Dest")
            if destination is None and "/A" in annotation:
                destination = annotation.A.get("/D")
            if isinstance(destination, pikepdf.Array):
                targets.add(page_numbers[destination[0].objgen])
    first = pages.index(f"{OPEN_WORD} side 1")
    closed = pages.index(f"{CLOSED_WORD} side 1")

    assert len(reader.pages) == len(pages)
    assert {first, closed} <= targets


def test_public_file_never_holds_a_closed_attachment(meeting, administrator):
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=True)
    text = " ".join(_pages(content))
    titles = " ".join(title for _depth, title, _page in _outline(content))

    assert f"{OPEN_WORD} side 3" in text
    assert CLOSED_WORD not in text
    assert "Lønoversigt" not in text
    assert "Lønoversigt" not in titles
    assert CLOSED_WORD.encode() not in content
    with pikepdf.open(io.BytesIO(content)) as pdf:
        # Not hidden anywhere either: no page, object or stream carries its text.
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                assert CLOSED_WORD.encode() not in obj.read_bytes()


@pytest.mark.parametrize("role", [Profile.Role.READER, Profile.Role.EDITOR])
def test_user_without_the_body_gets_only_open_attachments(meeting, au, role):
    user = UserFactory(username=f"bruger-{role}", role=role, role__bodies=[au])
    content = combined_agenda_pdf(meeting=meeting, user=user, public=False)
    text = " ".join(_pages(content))

    assert f"{OPEN_WORD} side 1" in text
    assert CLOSED_WORD not in text


def test_word_attachment_is_converted_by_libreoffice(meeting, administrator):
    item = meeting.items.get(number=2)
    _attach(item, 3, "Notat i Word", attachment_docx(WORD_WORD), filename="notat.docx")
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=False)
    text = " ".join(_pages(content))
    titles = [title for _depth, title, _page in _outline(content)]

    assert WORD_WORD in text
    assert "Bilag 3: Notat i Word" in titles


def test_word_attachment_without_libreoffice_is_listed_with_a_note(
    meeting, administrator, monkeypatch
):
    cache.clear()  # no conversion kept from another test
    monkeypatch.setattr(shutil, "which", lambda name: None)
    item = meeting.items.get(number=2)
    _attach(item, 3, "Notat i Word", attachment_docx(WORD_WORD), filename="notat.docx")
    content = combined_agenda_pdf(meeting=meeting, user=administrator, public=False)
    text = " ".join(_pages(content))

    assert WORD_WORD not in text
    assert "Word-filen kunne ikke omdannes til PDF; hent bilaget for sig." in text


# --- Downloads ------------------------------------------------------------------------------


def test_staff_download_of_the_internal_file_needs_the_body(client, meeting, administrator, au):
    url = reverse("documents:combined", args=[meeting.pk, "intern"])
    outsider = UserFactory(username="udenfor", role=Profile.Role.EDITOR, role__bodies=[au])
    client.force_login(outsider)
    refused = client.get(url)
    client.force_login(administrator)
    response = client.get(url)

    assert refused.status_code == 404
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="samlet-dagsorden-OEK-2024-03-05.pdf"'
    )
    assert f"{CLOSED_WORD} side 2" in " ".join(_pages(response.content))


def test_portal_offers_the_public_file_without_closed_attachments(client, meeting):
    page = client.get(reverse("portal:meeting", args=[meeting.pk]))
    url = reverse("portal:meeting_document", args=[meeting.pk, "samlet-dagsorden", "pdf"])
    response = client.get(url)
    text = " ".join(_pages(response.content))

    assert url in page.content.decode()
    assert response.status_code == 200
    assert f"{OPEN_WORD} side 1" in text
    assert CLOSED_WORD not in text


def test_portal_archive_version_is_pdfa(client, meeting):
    url = reverse("portal:meeting_document", args=[meeting.pk, "dagsorden", "pdf"])
    page = client.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    archive = client.get(url, {"arkiv": "1"})

    assert f"{url}?arkiv=1" in page
    assert "Arkivversion (PDF/A)" in page
    with pikepdf.open(io.BytesIO(archive.content)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
    assert "-arkiv.pdf" in archive["Content-Disposition"]


def test_meeting_page_links_the_combined_file_and_the_archive_versions(
    client, meeting, administrator
):
    client.force_login(administrator)
    page = client.get(meeting.get_absolute_url()).content.decode()

    assert reverse("documents:combined", args=[meeting.pk, "intern"]) in page
    assert reverse("documents:combined", args=[meeting.pk, "offentlig"]) in page
    assert "Arkivversion (PDF/A)" in page
