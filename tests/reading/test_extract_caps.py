"""Reading an uploaded file's text is capped by what it unpacks to, by text length and, for a
PDF, by pages: a "zip bomb" .docx (under 1 MB that unpacks to 200 MB of XML) is refused at the
upload and by the import, and the search index takes the start of its text, all in bounded
memory (issue 9, finding 17).

Memory is measured with tracemalloc (Python's allocations, which include lxml's tree only
through its Python proxies; the streamed reading keeps no tree, and the list of lines it
builds is what the peak shows). No timing is asserted.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import uploads
from reading.extract import ReadError, text_from_bytes
from search.indexing import MAX_ATTACHMENT_CHARS, index_attachments
from search.models import Entry, Kind
from tests.factories import AgendaItemFactory, AttachmentFactory

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PARAGRAPH = (
    "<w:p><w:r><w:t>Kommunalbestyrelsen godkender budgettet for de kommende år.</w:t></w:r></w:p>"
).encode()
MB = 1024 * 1024


def docx_bomb(unpacked: int = 200 * MB, *, one_paragraph: bool = False) -> bytes:
    """A .docx whose document.xml unpacks to `unpacked` bytes of repeated text, written in
    chunks so the test itself never holds it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            if one_paragraph:
                part.write(b"<w:p>")
                run = b"<w:r><w:t>budget og regnskab </w:t></w:r>"
                block = run * (MB // len(run))
            else:
                block = PARAGRAPH * (MB // len(PARAGRAPH))
            for _ in range(unpacked // len(block)):
                part.write(block)
            part.write(b"</w:p>" if one_paragraph else b"")
            part.write(b"</w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    content = docx_bomb()
    assert len(content) < MB  # the attack: small to send, huge to unpack
    return content


def peak_memory(function):
    """(result, peak bytes of Python allocations) of function()."""
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_import_refuses_a_zip_bomb_in_danish_before_unpacking_it(bomb):
    def read():
        with pytest.raises(ReadError) as refused:
            text_from_bytes(bomb, "dagsorden.docx")
        return refused.value.message

    message, peak = peak_memory(read)

    assert message.startswith("Filens tekst fylder 200 MB, når den pakkes ud; Kursen læser højst")
    assert peak < 5 * MB


def test_partial_reading_of_a_zip_bomb_keeps_the_start_in_bounded_memory(bomb):
    extracted, peak = peak_memory(
        lambda: text_from_bytes(bomb, "bilag.docx", partial=True, max_chars=MAX_ATTACHMENT_CHARS)
    )

    assert extracted.text.startswith("Kommunalbestyrelsen godkender budgettet")
    assert len(extracted.text) <= MAX_ATTACHMENT_CHARS
    assert "Kun begyndelsen er læst." in extracted.warnings[-1]
    assert peak < 20 * MB  # the 200 MB file would need gigabytes as a tree


def test_partial_reading_stops_the_stream_at_the_unpacked_cap(settings):
    """Over the unpacked cap, partial reading streams up to the cap and no further."""
    settings.KURSEN_READ_MAX_UNPACKED_BYTES = 2 * MB
    settings.KURSEN_READ_MAX_CHARS = 10**9
    extracted, peak = peak_memory(
        lambda: text_from_bytes(docx_bomb(8 * MB, one_paragraph=True), "x.docx", partial=True)
    )

    assert extracted.text.startswith("budget og regnskab")
    assert "når den pakkes ud" in extracted.warnings[0]
    assert len(extracted.text) < 2 * MB
    assert peak < 20 * MB


def test_one_endless_paragraph_is_capped_by_text_length():
    extracted, peak = peak_memory(
        lambda: text_from_bytes(
            docx_bomb(30 * MB, one_paragraph=True), "x.docx", partial=True, max_chars=100_000
        )
    )

    assert extracted.text.startswith("budget og regnskab")
    assert len(extracted.text) <= 100_000
    assert peak < 40 * MB


def test_an_ordinary_docx_reads_as_before():
    import docx

    document = docx.Document()
    document.add_paragraph("Dagsorden")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "11.00", "Budget"
    document.add_paragraph("Slut")
    buffer = io.BytesIO()
    document.save(buffer)

    extracted = text_from_bytes(buffer.getvalue(), "dagsorden.docx")

    assert extracted.text == "Dagsorden\n\n11.00\tBudget\n\nSlut\n"
    assert extracted.warnings == []


def test_an_attachment_that_is_a_zip_bomb_is_refused_at_upload(bomb):
    upload = SimpleUploadedFile("bilag.docx", bomb)

    with pytest.raises(ValidationError) as refused:
        uploads.check(upload)

    assert "når den pakkes ud" in refused.value.messages[0]


@pytest.mark.django_db
def test_the_index_takes_the_start_of_a_stored_zip_bomb_in_bounded_memory(bomb):
    """A file stored before the upload check (or by an import) is indexed, capped."""
    attachment = AttachmentFactory(agenda_item=AgendaItemFactory(), filename="bilag.docx")
    attachment.file.save("bilag.docx", ContentFile(bomb), save=True)

    _result, peak = peak_memory(lambda: index_attachments([attachment.pk]))

    entry = Entry.objects.get(kind=Kind.ATTACHMENT, object_id=attachment.pk)
    assert "Kommunalbestyrelsen godkender budgettet" in entry.content.text
    assert len(entry.content.text) <= MAX_ATTACHMENT_CHARS + 100
    assert peak < 60 * MB


@pytest.fixture(scope="module")
def three_page_pdf() -> bytes:
    from tests.reading.support.foreign import html_pdf

    pages = "".join(
        f'<p style="page-break-after: always">Side {n}: budgetopfølgning</p>' for n in (1, 2, 3)
    )
    return html_pdf(f"<html><body>{pages}</body></html>")


def test_a_pdf_over_the_page_cap_is_refused_by_the_import(settings, three_page_pdf):
    settings.KURSEN_READ_MAX_PDF_PAGES = 2

    with pytest.raises(ReadError) as refused:
        text_from_bytes(three_page_pdf, "dagsorden.pdf")

    assert refused.value.message == "PDF-filen har 3 sider; Kursen læser højst 2 sider af en fil."


def test_the_index_reads_the_first_pages_of_a_pdf_over_the_page_cap(settings, three_page_pdf):
    settings.KURSEN_READ_MAX_PDF_PAGES = 2

    extracted = text_from_bytes(three_page_pdf, "bilag.pdf", partial=True)

    assert "Side 2" in extracted.text and "Side 3" not in extracted.text
    assert "Kun begyndelsen er læst." in extracted.warnings[0]


def test_a_pdf_over_the_text_cap_keeps_its_start(three_page_pdf):
    extracted = text_from_bytes(three_page_pdf, "bilag.pdf", partial=True, max_chars=10)

    assert extracted.text == "Side 1: bu"
    assert "tegn tekst" in extracted.warnings[0]
