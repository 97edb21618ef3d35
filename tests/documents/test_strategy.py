"""The strategic plan as PDF and .docx, and the status version the board's review attaches."""

from __future__ import annotations

import datetime
import io

import docx
import pikepdf
import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.strategy import STATUS_KIND, strategy_docx, strategy_pdf
from meetings import generated
from meetings.access import Access
from plans import services
from plans.models import Item
from tests.documents.test_pdf import _outline, _structure
from tests.factories import ItemFactory, SdgFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategic(plan, au, administrator, editor, municipality):
    sdgs = [
        SdgFactory(number=13, name="Klimaindsats"),
        SdgFactory(number=17, name="Partnerskaber for handling"),
    ]
    services.plan_choose_sdgs(plan=plan, sdgs=sdgs, expected=[], user=administrator)
    climate = ThemeFactory(plan=plan, name="Klima og den grønne omstilling", position=1)
    services.theme_update(
        theme=climate,
        fields={"strategy_link": "Næse for vand og DK2020."},
        sdgs=[sdgs[0]],
        expected_version=1,
        user=administrator,
    )
    services.theme_course_set(
        theme=climate,
        year=2026,
        text="Energirenovering af skolerne.",
        expected_version=0,
        user=administrator,
    )
    ThemeFactory(plan=plan, name="Samarbejder og partnerskaber", position=2)
    fleet = ItemFactory(
        plan=plan,
        committee=au,
        code="MTU-D05",
        title="Flådestyring i Østergård",
        coordination="Teknik koordinerer med Økonomi.",
        timing_year=2026,
        status=Item.Status.COMPLETED,
    )
    fleet.themes.add(climate)
    services.status_note_add(
        item=fleet, text="Alle biler er nu elbiler.", date=datetime.date(2025, 5, 1), user=editor
    )
    return plan


def _text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


def test_pdf_reads_as_the_strategic_plan_per_theme_course_items_kkc_status(strategic):
    text = _text(strategy_pdf(plan=strategic, year=2026))
    assert "Strategisk udmøntningsplan 2025-2028" in text
    assert "Kursen for 2026" in text and "Energirenovering af skolerne." in text
    assert "Kursen for 2026 er ikke skrevet endnu." in text  # the second theme
    assert "Flådestyring i Østergård" in text and "Teknik koordinerer med Økonomi." in text
    assert "X Afsluttet" in text and "2026" in text
    assert "Næse for vand og DK2020." in text and "Klimaindsats" in text
    assert "Alle biler er nu elbiler." not in text  # notes are in the status version


def test_pdf_is_tagged_danish_with_headings_table_headers_and_an_outline(strategic):
    content = strategy_pdf(plan=strategic, year=2026)
    structure = _structure(content)
    assert structure["/TH"] >= 5  # Nr., Indsats, KKC, Status, Tidspunkt
    assert structure["/H1"] >= 4
    outline = _outline(content)
    assert "1. Klima og den grønne omstilling" in outline
    assert "2. Samarbejder og partnerskaber" in outline
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da" and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Strategisk udmøntningsplan 2025-2028"
    archive = strategy_pdf(plan=strategic, year=2026, archive=True)
    with pikepdf.open(io.BytesIO(archive)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_docx_has_the_themes_as_headings_and_the_items_in_tables(strategic):
    document = docx.Document(io.BytesIO(strategy_docx(plan=strategic, year=2026)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Klima og den grønne omstilling" in headings and "Kursen for 2026" in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Koordinering og commitment (KKC)" in cells
    assert "Teknik koordinerer med Økonomi." in cells and "X Afsluttet" in cells
    assert document.core_properties.language == "da-DK"


def test_the_status_maker_is_registered_and_gives_todays_status(strategic):
    assert STATUS_KIND in generated.kinds()
    filename, content = generated.make(STATUS_KIND, obj_id=strategic.pk, access=Access.public())
    assert filename.startswith("status-strategisk-udmoentningsplan-2025-2028-")
    text = _text(content)
    assert "Status på den strategiske udmøntningsplan 2025-2028" in text
    assert "Status pr. tema" in text and "Alle biler er nu elbiler." in text


def test_downloads_and_a_bad_year_is_a_danish_error(reader_client, strategic):
    pdf = reader_client.get(
        reverse("documents:strategy", args=[strategic.pk, "pdf"]), {"aar": "2026"}
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "kursen-for-2026.pdf" in pdf["Content-Disposition"]
    word = reader_client.get(reverse("documents:strategy", args=[strategic.pk, "docx"]))
    assert word.status_code == 200
    bad = reader_client.get(reverse("documents:strategy", args=[strategic.pk, "pdf"]), {"aar": "x"})
    assert bad.status_code == 400 and "Vælg et af planens år" in bad.content.decode()


def test_the_status_for_a_meeting_shows_that_years_course_as_of_today(strategic, administrator):
    """A board meeting on 5 May 2027 made from its template today: the status is today's (the
    file name and the PDF say so), the course is that of 2027 once written, until then the
    latest written before it (2026)."""
    from django.utils import timezone

    from danish.formatting import long_date

    today = timezone.localdate()
    meeting_day = datetime.date(2027, 5, 5)
    filename, content = generated.make(
        STATUS_KIND, obj_id=strategic.pk, access=Access.public(), for_date=meeting_day
    )
    assert filename == f"status-strategisk-udmoentningsplan-2025-2028-pr-{today:%Y-%m-%d}.pdf"
    text = _text(content)
    assert f"Status pr. {long_date(today)}" in text
    assert "Kursen for 2026" in text and "Energirenovering af skolerne." in text

    climate = strategic.themes.get(position=1)
    services.theme_course_set(
        theme=climate, year=2027, text="Solceller på alle tage.", expected_version=0,
        user=administrator,
    )  # fmt: skip
    text = _text(generated.make(
        STATUS_KIND, obj_id=strategic.pk, access=Access.public(), for_date=meeting_day
    )[1])  # fmt: skip
    assert "Kursen for 2027" in text and "Solceller på alle tage." in text
    assert "Kursen for 2026" not in text
