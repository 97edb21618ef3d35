"""The status report as PDF: tagged PDF/UA-1 in Danish, with the report's headings, table
headers for the numbers beside each chart, and the archive version as PDF/A-2a; the .docx says
the same."""

import io
import zipfile

import pikepdf
import pytest
from pypdf import PdfReader

from documents.followup import report_docx, report_pdf
from followup import services
from followup.models import Answer
from tests.documents.test_pdf import _metadata, _outline, _structure
from tests.followup.conftest import DEADLINE, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(plan, items, contact, administrator):
    round = services.round_open(
        plan=plan, name="Status december 2026", deadline=DEADLINE, today=TODAY
    )
    answer = Answer.objects.get(round=round, item__code="AU-D01")
    services.answer_save(
        answer=answer,
        fields={"status": "postponed", "note": "Afventer ny lovgivning."},
        expected_version=1,
        submit=True,
        user=contact,
    )
    return services.round_close(round=round, expected_version=1, user=administrator)


def test_report_pdf_is_tagged_pdfua_with_headings_and_table_headers(closed_round):
    content = report_pdf(round=closed_round)
    structure = _structure(content)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "da"
    metadata, namespaces = _metadata(content)
    assert metadata["title"] == "Statusrapport: Status december 2026"
    assert metadata["part"] == "1" and "http://www.aiim.org/pdfua/ns/id/" in namespaces
    assert structure["/H1"] == 1
    assert structure["/H2"] == 4
    assert structure["/TH"] >= 3 * 8  # each chart's table: group, bar, five statuses, total
    assert _outline(content)[:2] == ["Statusrapport: Status december 2026", "Status"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Afventer ny lovgivning." in text and "Udskudt (1)" in text


def test_report_archive_version_is_pdfa(closed_round):
    with pikepdf.open(io.BytesIO(report_pdf(round=closed_round, archive=True))) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_report_docx_holds_the_same_answers(closed_round):
    with zipfile.ZipFile(io.BytesIO(report_docx(round=closed_round))) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "Statusrapport: Status december 2026" in xml
    assert "Afventer ny lovgivning." in xml and "Status pr. udvalg" in xml
