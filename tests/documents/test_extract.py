"""The committee's extract ("udsnit") as the Word and PDF attachment sent to the committee."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from documents.extract import extract_docx, extract_filename, extract_pdf
from organisation.models import Municipality
from plans.models import Item
from plans.selectors import extract_sections
from tests.factories import BodyFactory, ItemFactory, PlanFactory


@pytest.fixture
def kb(db):
    return BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind="council")


@pytest.fixture
def au_items(plan, au, ok, kb, heading, item):
    """The AU extract's own items of every kind, a completed one and a cross-cutting ØK item."""
    item.needs_political_treatment = True
    item.save()
    item.political_bodies.set([kb, ok, au])
    return {
        "operating": item,
        "completed": ItemFactory(
            plan=plan,
            committee=au,
            code="AU-D02",
            title="Æblehavens jobværksted på Østergade",
            process="Indarbejdes i den ordinære drift.",
            status=Item.Status.COMPLETED,
            amount_1=-1000,
            amount_2=-1000,
        ),
        "reallocation": ItemFactory(
            plan=plan,
            committee=au,
            code="AU-R01",
            title="Færre eksterne aktører i beskæftigelsesindsatsen",
            kind=Item.Kind.REALLOCATION,
        ),
        "capital": ItemFactory(
            plan=plan,
            committee=au,
            code="AU-A01",
            title="Ombygning af Jobcenter Norddjurs",
            kind=Item.Kind.CAPITAL_PROJECT,
            amount_1=12000,
            amount_2=8000,
            derived_2=25,
            derived_3=50,
        ),
        "declaration": ItemFactory(
            plan=plan,
            committee=au,
            code="H6-02",
            title="Iværksætterstrategi med særligt fokus på små virksomheder i landdistrikterne",
            kind=Item.Kind.DECLARATION,
            heading=heading,
            amount_1=None,
            amount_2=None,
        ),
        "cross_cutting": ItemFactory(
            plan=plan,
            committee=ok,
            cross_cutting=True,
            code="TV-01",
            title="Budgetoverholdelse på tværs af udvalgene",
        ),
        "other_committees_own": ItemFactory(
            plan=plan, committee=ok, code="ØK-D01", title="Lukning af rådhusets kantine"
        ),
    }


@pytest.fixture
def other_items(other_item):
    return [other_item]


def _extract_args(plan, au):
    return {"plan": plan, "body": au, "sections": extract_sections(plan=plan, body=au)}


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    """pdftotext in reading order (no -layout), whitespace normalised: titles may wrap."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "udsnit.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return " ".join(text.split())


@pytest.fixture
def word(plan, au, au_items, other_items):
    return extract_docx(**_extract_args(plan, au))


@pytest.fixture
def pdf(plan, au, au_items, other_items):
    return extract_pdf(**_extract_args(plan, au))


# --- Word -----------------------------------------------------------------------------------


def test_word_extract_names_municipality_plan_and_committee_on_the_title_page(word):
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word)).paragraphs]

    assert "Testrup Kommune" in paragraphs
    assert "Udmøntningsplan 2025-2028" in paragraphs
    assert "Udsnit for Arbejdsmarkedsudvalget" in paragraphs
    assert "Budget 2025-2028" in paragraphs
    assert "Vedtaget i Kommunalbestyrelsen onsdag den 11. december 2024" in paragraphs
    assert any(p.startswith("Udskrevet ") for p in paragraphs)


def test_word_extract_lists_every_item_of_the_extract_under_its_section(plan, au, word, au_items):
    text = _docx_text(word)
    headings = [
        p.text for p in docx.Document(io.BytesIO(word)).paragraphs if p.style.name == "Heading 2"
    ]

    assert headings == [s.title for s in extract_sections(plan=plan, body=au)]
    assert headings == [
        "Driftsændringer",
        "Råderumsforslag",
        "Anlægsprojekter",
        "Hensigtserklæringer: Økonomisk Politik",
        "Tværgående indsatser",
    ]
    for key, item in au_items.items():
        if key != "other_committees_own":
            assert item.code in text
            assert item.title in text


def test_word_extract_shows_cross_cutting_items_but_not_other_committees_own_items(word, au_items):
    text = _docx_text(word)

    assert "TV-01" in text
    assert "Budgetoverholdelse på tværs af udvalgene" in text
    assert "ØK-D01" not in text
    assert "Lukning af rådhusets kantine" not in text
    assert "BUU-D01" not in text
    assert "Inklusion i folkeskolen" not in text


def _row_of(document, code: str) -> list[str]:
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if cells[0] == code:
                return cells
    raise AssertionError(f"{code} not in any table")


def test_word_extract_marks_completed_items_with_a_bold_x(word):
    document = docx.Document(io.BytesIO(word))

    assert _row_of(document, "AU-D02")[4] == "X Afsluttet"
    assert _row_of(document, "AU-D01")[4] == "I gang"
    x_runs = [
        run
        for table in document.tables
        for row in table.rows
        for run in row.cells[4].paragraphs[0].runs
        if run.text == "X"
    ]
    assert len(x_runs) == 1
    assert x_runs[0].bold


def test_word_extract_shows_political_treatment_in_case_routing_order(word):
    document = docx.Document(io.BytesIO(word))

    assert _row_of(document, "AU-D01")[3] == "Ja: AU, ØK, KB"
    assert _row_of(document, "AU-R01")[3] == "Ordinær drift"


def test_word_extract_shows_amounts_per_plan_year_with_totals_and_derived_operation(word):
    document = docx.Document(io.BytesIO(word))
    operating = document.tables[0]
    header = [cell.text for cell in operating.rows[1].cells]
    totals = [cell.text for cell in operating.rows[-1].cells]

    assert header[5:] == ["2025", "2026", "2027", "2028"]
    assert "Beløb i 1.000 kr." in [cell.text for cell in operating.rows[0].cells]
    assert _row_of(document, "AU-D02")[5:] == ["-1.000", "-1.000", "", ""]
    # AU-D01 (-250, -500) and AU-D02 (-1.000, -1.000); nothing estimated for 2027-2028.
    assert totals[1] == "I alt"
    assert totals[5:] == ["-1.250", "-1.500", "–", "–"]
    capital = document.tables[2]
    rows = [[cell.text for cell in row.cells] for row in capital.rows]
    assert ["", "Afledt drift", "", "", "", "", "25", "50", ""] in rows
    assert rows[-1][1] == "Afledt drift i alt"
    assert rows[-1][5:] == ["–", "25", "50", "–"]


def test_word_extract_declarations_have_no_amount_columns(word):
    declarations = docx.Document(io.BytesIO(word)).tables[3]

    assert [cell.text for cell in declarations.rows[0].cells] == [
        "Nr.",
        "Indsats",
        "Tidspunkt",
        "Politisk behandling",
        "Status",
    ]


def test_word_extract_is_danish_landscape_with_repeating_table_headers_and_page_numbers(word):
    document = docx.Document(io.BytesIO(word))
    section = document.sections[0]
    defaults = document.styles.element.find(qn("w:docDefaults"))

    assert section.page_width > section.page_height
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "da-DK"
    assert (
        document.styles["Heading 2"].element.find(f".//{qn('w:lang')}").get(qn("w:val")) == "da-DK"
    )
    assert document.core_properties.language == "da-DK"
    assert document.core_properties.title == (
        "Udmøntningsplan 2025-2028 – udsnit for Arbejdsmarkedsudvalget"
    )
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[-1]._tr.trPr.find(qn("w:tblHeader")) is None
    footer = section.footer._element.xml
    assert "Side " in footer
    assert " PAGE " in footer
    assert " NUMPAGES " in footer


def test_word_extract_keeps_danish_letters(word):
    text = _docx_text(word)

    assert "Æblehavens jobværksted på Østergade" in text
    assert "Råderumsforslag" in text


def test_word_extract_without_a_municipality_leaves_its_name_out(plan, au, au_items):
    Municipality.objects.all().delete()

    document = docx.Document(io.BytesIO(extract_docx(**_extract_args(plan, au))))

    assert document.paragraphs[0].text == ""
    assert document.sections[0].header.paragraphs[0].text == (
        "Udmøntningsplan 2025-2028 · Udsnit for Arbejdsmarkedsudvalget"
    )


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_extract_lists_every_item_of_the_extract_and_the_committee(plan, au, pdf, au_items):
    text = _pdf_text(pdf)

    assert "Testrup Kommune" in text
    assert "Udsnit for Arbejdsmarkedsudvalget" in text
    assert "Vedtaget i Kommunalbestyrelsen onsdag den 11. december 2024" in text
    for section in extract_sections(plan=plan, body=au):
        assert section.title in text
    for key, item in au_items.items():
        if key != "other_committees_own":
            assert item.code in text
            assert item.title in text


def test_pdf_extract_shows_cross_cutting_items_but_not_other_committees_own_items(pdf, au_items):
    text = _pdf_text(pdf)

    assert "Budgetoverholdelse på tværs af udvalgene" in text
    assert "ØK-D01" not in text
    assert "Lukning af rådhusets kantine" not in text
    assert "Inklusion i folkeskolen" not in text


def test_pdf_extract_marks_completed_items_with_x(pdf):
    text = _pdf_text(pdf)

    assert len(re.findall(r"\bX Afsluttet\b", text)) == 1
    assert "I gang" in text


def test_pdf_extract_shows_amounts_totals_and_unit(pdf):
    text = _pdf_text(pdf)

    assert "Beløb i 1.000 kr." in text
    assert "-1.250" in text
    assert "12.000" in text
    assert "Afledt drift i alt" in text
    assert "Ja: AU, ØK, KB" in text


def test_pdf_extract_numbers_its_pages(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    last = pages[-1].extract_text()

    assert f"Side {len(pages)} af {len(pages)}" in last
    assert "Side 1 af" in pages[0].extract_text()


def test_pdf_extract_is_tagged_danish_and_titled(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "da"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == (
        "Udmøntningsplan 2025-2028 – udsnit for Arbejdsmarkedsudvalget"
    )
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_pdf_extract_keeps_danish_letters(pdf):
    text = _pdf_text(pdf)

    assert "Æblehavens jobværksted på Østergade" in text
    assert "Økonomisk Politik" in text


# --- File name ------------------------------------------------------------------------------


def test_extract_filename_is_ascii_with_danish_letters_transliterated(db, au, ok):
    plan = PlanFactory(name="Udmøntningsplan 2025-2028")

    assert extract_filename(plan=plan, body=au, ext="pdf") == (
        "udsnit-AU-udmoentningsplan-2025-2028.pdf"
    )
    assert extract_filename(plan=plan, body=ok, ext="docx") == (
        "udsnit-OEK-udmoentningsplan-2025-2028.docx"
    )
