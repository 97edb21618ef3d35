"""Cells that used to give a server error or a silent change are refused, all or nothing, with
a Danish message naming the row and column (issue 9, finding 13)."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from plans.models import Item
from tests.plans import test_excel
from tests.plans.test_excel import column, edited, export, rejected, set_cell, snapshot

rich_plan = test_excel.rich_plan  # the fixture: items using every column

pytestmark = pytest.mark.django_db


def test_a_quarter_past_the_fourth_is_refused_by_row_and_column(rich_plan, administrator):
    before = snapshot()

    errors = rejected(
        edited(export(rich_plan), set_cell("Tidspunkt", "12. kvartal 2025")), administrator
    )

    assert errors == [
        'Række 2, kolonne "Tidspunkt": "12. kvartal 2025" kan ikke læses som et tidspunkt '
        '(skriv f.eks. "1. kvartal 2025", "marts 2025" eller "2025").'
    ]
    assert snapshot() == before


@pytest.mark.parametrize("value", ["²", "3²", "١"])
def test_a_superscript_or_foreign_digit_is_not_a_goal(rich_plan, administrator, value):
    errors = rejected(edited(export(rich_plan), set_cell("Verdensmål", value)), administrator)

    assert errors == [f'Række 2, kolonne "Verdensmål": "{value}" er ikke et verdensmål (1-17).']


def _edit_sheet(content: bytes, name: str, change) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook[name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_plan_name_longer_than_its_field_is_refused(rich_plan, administrator):
    before = snapshot()
    content = _edit_sheet(
        export(rich_plan), "Plan", lambda s: s.cell(row=2, column=2, value="P" * 121)
    )

    errors = rejected(content, administrator)

    assert errors == [
        'Arket "Plan", feltet "Navn": teksten er 121 tegn lang; den må højst være 120 tegn.'
    ]
    assert snapshot() == before


def test_a_heading_longer_than_its_field_is_refused(rich_plan, administrator):
    before = snapshot()
    content = _edit_sheet(
        export(rich_plan), "Hovedpunkter", lambda s: s.cell(row=3, column=1, value="H" * 201)
    )

    errors = rejected(content, administrator)

    assert errors == [
        'Arket "Hovedpunkter", række 3: teksten er 201 tegn lang; den må højst være 200 tegn.'
    ]
    assert snapshot() == before


def test_a_theme_longer_than_its_field_is_refused(rich_plan, administrator):
    before = snapshot()
    content = _edit_sheet(
        export(rich_plan), "Strategiske temaer", lambda s: s.cell(row=2, column=1, value="T" * 201)
    )

    errors = rejected(content, administrator)

    assert errors == [
        'Arket "Strategiske temaer", række 2, kolonne "Tema": teksten er 201 tegn lang; den må '
        "højst være 200 tegn."
    ]
    assert snapshot() == before


def _truncated(content: bytes, part: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[: len(data) // 2] if info.filename == part else data)
    return out.getvalue()


def test_a_truncated_sheet_is_refused_as_damaged(rich_plan, administrator):
    before = snapshot()

    errors = rejected(_truncated(export(rich_plan), "xl/worksheets/sheet1.xml"), administrator)

    assert errors == [
        'Arket "Indsatser" kan ikke læses: filen er beskadiget eller ufuldstændig. Gem den igen '
        "fra Excel, og prøv igen."
    ]
    assert snapshot() == before


def _error_cell(header: str, code: str, error: str = "#DIV/0!"):
    def change(sheet):
        at = [c.value for c in sheet["A"]].index(code) + 1
        cell = sheet.cell(row=at, column=column(sheet, header))
        cell.value = error
        cell.data_type = "e"  # as Excel stores a formula that cannot be computed

    return change


def test_an_error_cell_in_status_does_not_reset_the_status(rich_plan, administrator):
    item = Item.objects.filter(plan=rich_plan).exclude(status=Item.Status.NOT_STARTED).first()
    assert item is not None
    before = snapshot()
    content = edited(export(rich_plan), _error_cell("Status", item.code))
    row = [c.value for c in load_workbook(io.BytesIO(content))["Indsatser"]["A"]].index(item.code)

    errors = rejected(content, administrator)

    assert errors == [
        f'Række {row + 1}, kolonne "Status": cellen viser fejlen #DIV/0!. Ret formlen, eller '
        "skriv værdien i cellen."
    ]
    assert snapshot() == before
    item.refresh_from_db()
    assert item.status != Item.Status.NOT_STARTED


def test_an_error_cell_on_the_plan_sheet_is_named_by_sheet(rich_plan, administrator):
    def change(sheet):
        sheet.cell(row=6, column=2).value = "#REF!"
        sheet.cell(row=6, column=2).data_type = "e"

    errors = rejected(_edit_sheet(export(rich_plan), "Plan", change), administrator)

    assert errors == [
        'Arket "Plan", række 6, kolonne B: cellen viser fejlen #REF!. Ret formlen, eller skriv '
        "værdien i cellen."
    ]
