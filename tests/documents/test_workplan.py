"""The work plan's PDF is tagged PDF/UA-1 (headings per meeting, table headers, bookmarks,
Danish) and hostile text prints as text; the archive version is PDF/A-2a."""

import datetime
import io

import pikepdf
import pytest
from pypdf import PdfReader

from documents.workplan import workplan_docx, workplan_pdf
from meetings import services as meeting_services
from meetings.access import Access
from tests.documents.test_pdf import HOSTILE, _outline, _structure
from tests.factories import ItemFactory, PlannedTopicFactory
from workplans import services
from workplans.selectors import workplan_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(au, plan, municipality):
    meetings = [
        meeting_services.meeting_create(
            body=au,
            date=datetime.date(2025, m, 10),
            start_time=datetime.time(9),
            from_template=False,
        )
        for m in (2, 5)
    ]
    item = ItemFactory(
        plan=plan,
        committee=au,
        code="AU-D07",
        title="Ny beskæftigelsesplan",
        needs_political_treatment=True,
        timing_year=2025,
        timing_quarter=1,
    )
    PlannedTopicFactory(body=au, title="Temamøde om rekruttering", planned_for=None)
    services.placement_save(body=au, year=2025, item=item, meeting=meetings[1], expected_version=0)
    return meetings


def test_the_work_plan_pdf_is_tagged_with_a_heading_per_meeting(au, busy):
    content = workplan_pdf(plan=workplan_for(body=au, year=2025, user=Access.system()))
    structure = _structure(content)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.Root.MarkInfo.Marked and str(pdf.Root.Lang) == "da"
        assert str(pdf.open_metadata()["pdfuaid:part"]) == "1"
    assert _outline(content) == [
        "Arbejdsmarkedsudvalgets arbejdsplan 2025",
        "Mødet mandag den 10. februar 2025",
        "Mødet lørdag den 10. maj 2025",
        "Afventer dato",
    ]
    assert structure["/TH"] == 8  # Nr., Punkt, Tidspunkt, Status: the May meeting, awaiting
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "passer ikke til tidspunktet 1. kvartal 2025" in text


def test_the_archive_version_is_pdfa(au, busy):
    plan = workplan_for(body=au, year=2025, user=Access.system())
    with pikepdf.open(io.BytesIO(workplan_pdf(plan=plan, archive=True))) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_hostile_text_prints_as_text(au, plan, municipality):
    for n, text in enumerate(HOSTILE):
        ItemFactory(
            plan=plan,
            committee=au,
            code=f"H{n}",
            title=text,
            needs_political_treatment=True,
            timing_year=2025,
            timing_quarter=None,
        )
    plan_ = workplan_for(body=au, year=2025, user=Access.system())
    content = workplan_pdf(plan=plan_)
    assert content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert '#read("/etc/passwd")' in text
    assert workplan_docx(plan=plan_).startswith(b"PK")
