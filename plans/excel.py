"""The plan as an .xlsx workbook, and the way back: import creates or updates a plan.

The workbook has four sheets: "Plan" (name, period, state, adoption date), "Hovedpunkter",
"Strategiske temaer" and "Indsatser" (one row per item, Danish column headers). Export then
import gives the same plan back. An import is all or nothing: every row is checked first and
each problem is reported in Danish with its row and column; only a clean file is written, in
one transaction, through plans.services (so history and version checks apply).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from danish.formatting import long_date, number, parse_number, parse_timing
from organisation.models import Body, Director, Sdg
from plans import services
from plans.models import MAX_PLAN_YEARS, Heading, Item, ItemQuerySet, Plan, Theme

ITEMS_SHEET = "Indsatser"
PLAN_SHEET = "Plan"
HEADINGS_SHEET = "Hovedpunkter"
THEMES_SHEET = "Strategiske temaer"

# Item columns: header and the model field (or m2m) it holds. Amount columns follow "Status".
TEXT_COLUMNS = {
    "Nummer": "code",
    "Titel": "title",
    "Kontaktperson": "contact",
    "Beskrivelse": "description",
    "Proces": "process",
    "Tværgående aspekter": "cross_cutting_aspects",
    "Direktionens rolle": "board_role",
    "Koordinering og commitment (KKC)": "coordination",
    "MED-inddragelse": "med_involvement",
}
YES_NO_COLUMNS = {
    "Tværgående": "cross_cutting",
    "Følges på direktionsmøder": "followed_by_board",
    "Politisk behandling": "needs_political_treatment",
}
LEADING_HEADERS = [
    "Nummer", "Titel", "Type", "Hovedpunkt", "Udvalg", "Tværgående", "Ansvarlig direktør",
    "Kontaktperson", "Beskrivelse", "Proces", "Tværgående aspekter", "Direktionens rolle",
    "Koordinering og commitment (KKC)", "Følges på direktionsmøder", "Politisk behandling",
    "Behandles i", "MED-inddragelse", "Tidspunkt", "Status",
]  # fmt: skip
TRAILING_HEADERS = ["Strategiske temaer", "Verdensmål"]
REQUIRED_HEADERS = {"Nummer", "Titel", "Type", "Udvalg"}
LIST_SEPARATOR = ";"
YES, NO = "Ja", "Nej"
PLAN_FIELDS = ["Navn", "Første budgetår", "Sidste budgetår", "Tilstand", "Vedtaget i KB den"]
MAX_ERRORS_SHOWN = 50


YEAR_HEADER = re.compile(r"^(Beløb|Afledt drift) (\d{4})$")


def item_headers(plan: Plan) -> list[str]:
    amounts = [f"Beløb {year}" for year in plan.years]
    derived = [f"Afledt drift {year}" for year in plan.years]
    return LEADING_HEADERS + amounts + derived + TRAILING_HEADERS


# --- Export ----------------------------------------------------------------------------------


def plan_export_xlsx(*, plan: Plan, items: ItemQuerySet | Iterable[Item]) -> bytes:
    """The plan's sheets with the given items (the whole plan or a filtered view)."""
    if isinstance(items, ItemQuerySet):
        items = items.with_everything()
    workbook = Workbook(write_only=True)
    _write_items(workbook.create_sheet(ITEMS_SHEET), plan, items)
    _write_plan(workbook.create_sheet(PLAN_SHEET), plan)
    headings = workbook.create_sheet(HEADINGS_SHEET)
    _header_row(headings, ["Hovedpunkt"], widths=[80])
    for heading in plan.headings.all():
        headings.append([_text(headings, heading.name)])
    themes = workbook.create_sheet(THEMES_SHEET)
    course_headers = [COURSE_HEADER % year for year in plan.years]
    _header_row(
        themes,
        ["Tema", "Beskrivelse", *course_headers],
        widths=[40, 80, *[80] * len(course_headers)],
    )
    for theme in plan.themes.prefetch_related("courses"):
        courses = {course.year: course.text for course in theme.courses.all()}
        values = [theme.name, theme.description, *(courses.get(y, "") for y in plan.years)]
        themes.append([_text(themes, v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_items(sheet, plan: Plan, items: Iterable[Item]) -> None:
    headers = item_headers(plan)
    widths = [12, 50, 18, 30, 10, 12, 28, 28] + [50] * 5 + [14, 14, 16, 50, 16, 14]
    widths += [14] * (2 * len(plan.years)) + [40, 14]
    sheet.freeze_panes = "C2"
    _header_row(sheet, headers, widths=widths)
    amount_columns = plan.amount_columns
    for item in items:
        row: list[Any] = [
            item.code,
            item.title,
            item.kind_label,
            item.heading.name if item.heading else "",
            item.committee.abbreviation,
            _yes_no(item.cross_cutting),
            item.director.title if item.director else "",
            item.contact,
            item.description,
            item.process,
            item.cross_cutting_aspects,
            item.board_role,
            item.coordination,
            _yes_no(item.followed_by_board),
            _yes_no(item.needs_political_treatment),
            _joined(b.abbreviation for b in item.political_bodies.all()),
            item.med_involvement,
            item.timing_label,
            item.status_label,
        ]
        cells = [_cell(sheet, value) for value in row]
        for _year, amount_field, _derived_field in amount_columns:
            cells.append(_amount(sheet, getattr(item, amount_field)))
        for _year, _amount_field, derived_field in amount_columns:
            cells.append(_amount(sheet, getattr(item, derived_field)))
        cells.append(_cell(sheet, _joined(t.name for t in item.themes.all())))
        cells.append(_cell(sheet, _joined(str(s.number) for s in item.sdgs.all())))
        sheet.append(cells)


def _write_plan(sheet, plan: Plan) -> None:
    _header_row(sheet, ["Felt", "Værdi"], widths=[22, 50])
    adopted = WriteOnlyCell(sheet, value=plan.adopted_on)
    adopted.number_format = "DD-MM-YYYY"
    for label, value in zip(
        PLAN_FIELDS,
        [_text(sheet, plan.name), plan.first_year, plan.last_year,
         _text(sheet, plan.get_state_display()), adopted],
        strict=True,
    ):  # fmt: skip
        sheet.append([_text(sheet, label), value])


def _header_row(sheet, headers: list[str], *, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    cells = []
    for header in headers:
        cell = _text(sheet, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    sheet.append(cells)


def _text(sheet, value: str) -> WriteOnlyCell:
    """A text cell that Excel shows as typed: never a formula, even when it starts with "="."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value) if value else None)
    if value:
        cell.data_type = "s"
    return cell


def _cell(sheet, value: str):
    """Text for a cell: plain where that is safe (fast), a text cell where it starts with "="."""
    if value.startswith("="):
        return _text(sheet, value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def _amount(sheet, value: Decimal | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "#,##0.0;-#,##0.0"
    return cell


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _joined(values: Iterable[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(values)


# --- Import ----------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The file was not imported; errors says why, in Danish, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    created: int
    updated: int
    unchanged: int


@dataclass
class _Row:
    number: int
    fields: dict[str, Any]
    m2m: dict[str, list]


def plan_import_xlsx(*, file, user) -> ImportResult:
    """Create or update the plan the workbook describes; all rows or, on any error, none."""
    workbook = _open_workbook(file)
    with transaction.atomic():
        return _import(workbook, user)


class _Workbook:
    """The sheets of an uploaded workbook, read by calamine.

    openpyxl writes the export; reading goes through calamine (Rust), which reads a sheet of
    2,000 items in 0.07 s where openpyxl takes 1.4 s. Empty cells come back as "".
    """

    def __init__(self, file):
        file.seek(0)
        self.archive = zipfile.ZipFile(io.BytesIO(file.read()))
        file.seek(0)
        self.book = CalamineWorkbook.from_filelike(file)
        self.sheetnames = self.book.sheet_names

    def rows(self, name: str, limit: int | None = None) -> list[list]:
        """The sheet's rows from row 1 (so list index + 1 is Excel's row number).

        A damaged sheet, and a cell showing an error (#DIV/0!, #REF!, ...), refuse the file:
        calamine gives such a cell as "", which would quietly empty the field (an item's
        status would go back to "Ikke startet").
        """
        try:
            rows = self.book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=limit)
            errors = self._error_cells(name, len(rows) if limit is not None else None)
        except (CalamineError, ElementTree.ParseError, zipfile.BadZipFile) as error:
            raise ImportRejected(
                [
                    f'Arket "{name}" kan ikke læses: filen er beskadiget eller ufuldstændig. '
                    "Gem den igen fra Excel, og prøv igen."
                ]
            ) from error
        if errors:
            header = rows[0] if rows and name == ITEMS_SHEET else []
            messages = []
            for row, col, value in errors:
                title = _cell_text(header[col]) if col < len(header) else ""
                where = f'kolonne "{title}"' if title else f"kolonne {get_column_letter(col + 1)}"
                place = f"Række {row}" if name == ITEMS_SHEET else f'Arket "{name}", række {row}'
                messages.append(
                    f"{place}, {where}: cellen viser fejlen {value}. Ret formlen, "
                    "eller skriv værdien i cellen."
                )
            raise ImportRejected(_capped(messages))
        return rows

    def _error_cells(self, name: str, rows: int | None) -> list[tuple[int, int, str]]:
        """(row, column index, error) of the cells Excel stored as errors, from the sheet's XML.

        Read as a stream (the elements are dropped as they pass), so a big sheet costs little.
        """
        found: list[tuple[int, int, str]] = []
        path = self._sheet_path(name)
        if path is None:  # parts where no common program puts them: calamine's reading stands
            return found
        with self.archive.open(path) as xml:
            for _event, element in ElementTree.iterparse(xml):
                if element.tag == f"{{{_MAIN}}}c":
                    if element.get("t") == "e":
                        row, col = _cell_position(element.get("r", ""))
                        if rows is None or row <= rows:
                            value = element.findtext(f"{{{_MAIN}}}v") or "#FEJL"
                            found.append((row, col, value.strip()[:20]))
                    element.clear()
                elif element.tag == f"{{{_MAIN}}}row":
                    element.clear()
        return found

    def _sheet_path(self, name: str) -> str | None:
        try:
            workbook = ElementTree.fromstring(self.archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return None
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
            target = targets.get(sheet.get(f"{{{_RELS}}}id"))
            if sheet.get("name") == name and target:
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                return path if path in self.archive.namelist() else None
        return None


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell_position(ref: str) -> tuple[int, int]:
    """'C12' -> (12, 2): Excel's row number and the column's index from 0."""
    letters = ref.rstrip("0123456789")
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - ord("A") + 1
    digits = ref[len(letters) :]
    return (int(digits) if digits.isdigit() else 0), max(col - 1, 0)


def _open_workbook(file):
    size = getattr(file, "size", None)
    limit = settings.KURSEN_IMPORT_MAX_BYTES
    if size is not None and size > limit:
        raise ImportRejected(
            [
                f"Filen fylder {number(Decimal(size) / 1024 / 1024)} MB; "
                f"den må højst fylde {number(limit // 1024 // 1024)} MB."
            ]
        )
    if size == 0:
        raise ImportRejected(["Filen er tom."])
    file.seek(0)
    if not zipfile.is_zipfile(file):
        raise ImportRejected(
            [
                "Filen er ikke en Excel-fil (.xlsx). Gem den som Excel-projektmappe (.xlsx), "
                "og prøv igen."
            ]
        )
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > settings.KURSEN_IMPORT_MAX_UNPACKED_BYTES:
        raise ImportRejected(
            [
                "Filen fylder for meget, når den pakkes ud. Del den op, og indlæs delene hver "
                "for sig."
            ]
        )
    file.seek(0)
    try:
        return _Workbook(file)
    except Exception as error:  # calamine raises several kinds on a damaged or foreign file.
        raise ImportRejected(
            ["Filen kan ikke læses som en Excel-fil (.xlsx). Den er måske beskadiget, "
             "eller det er en anden slags fil."]
        ) from error  # fmt: skip


def _import(workbook, user) -> ImportResult:
    if ITEMS_SHEET not in workbook.sheetnames:
        raise ImportRejected(
            [
                f'Arket "{ITEMS_SHEET}" mangler. Filen skal have samme opstilling som '
                "Excel-eksporten af en plan."
            ]
        )
    plan = _import_plan(workbook, user)
    rows = _read_item_rows(workbook, plan)
    existing = {item.code: item for item in Item.objects.filter(plan=plan).with_everything()}
    changes: list[services.ItemChange] = []
    numbers: list[int] = []
    unchanged = 0
    for row in rows:
        item = existing.get(row.fields["code"])
        if item is not None and _same(item, row):
            unchanged += 1
            continue
        changes.append(services.ItemChange(fields=row.fields, m2m=row.m2m, item=item))
        numbers.append(row.number)
    try:
        services.items_save_many(plan=plan, changes=changes, user=user,
                                 reason="Indlæst fra Excel")  # fmt: skip
    except services.ItemsInvalid as invalid:
        errors = []
        for index, error in sorted(invalid.errors.items()):
            errors += _validation_errors(numbers[index], error)
        raise ImportRejected(_capped(errors)) from invalid
    except services.ItemConflict as conflict:
        raise ImportRejected(
            [f'Indsatsen "{conflict.current.code}" blev ændret af en anden under indlæsningen. '
             "Intet er ændret; prøv igen."]
        ) from conflict  # fmt: skip
    created = sum(1 for change in changes if change.item is None)
    updated = len(changes) - created
    return ImportResult(plan=plan, created=created, updated=updated, unchanged=unchanged)


FIELD_HEADERS = {
    **{name: header for header, name in TEXT_COLUMNS.items()},
    **{name: header for header, name in YES_NO_COLUMNS.items()},
    "kind": "Type", "committee": "Udvalg", "heading": "Hovedpunkt",
    "director": "Ansvarlig direktør", "status": "Status", "timing_year": "Tidspunkt",
    "timing_quarter": "Tidspunkt", "timing_month": "Tidspunkt",
}  # fmt: skip


def _validation_errors(row: int, error: ValidationError) -> list[str]:
    """The model's own validation messages, placed at the row and (where known) column."""
    if not hasattr(error, "error_dict"):
        return [f"Række {row}: {message}" for message in error.messages]
    found = []
    for field, messages in error.message_dict.items():
        header = FIELD_HEADERS.get(field)
        where = f'Række {row}, kolonne "{header}"' if header else f"Række {row}"
        found += [f"{where}: {message}" for message in messages]
    return found


def _same(item: Item, row: _Row) -> bool:
    if any(getattr(item, name) != value for name, value in row.fields.items()):
        return False
    return all(
        {obj.pk for obj in getattr(item, name).all()} == {obj.pk for obj in values}
        for name, values in row.m2m.items()
    )


def _capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_SHOWN:
        return errors
    rest = len(errors) - MAX_ERRORS_SHOWN
    return errors[:MAX_ERRORS_SHOWN] + [f"… og {number(rest)} fejl mere."]


def _import_plan(workbook, user) -> Plan:
    """Read the "Plan", "Hovedpunkter" and "Strategiske temaer" sheets; create or update."""
    if PLAN_SHEET not in workbook.sheetnames:
        raise ImportRejected(
            [f'Arket "{PLAN_SHEET}" mangler: det angiver planens navn og budgetår.']
        )
    values: dict[str, Any] = {}
    for row in workbook.rows(PLAN_SHEET):
        if not row or _cell_text(row[0]) in {"", "Felt"}:
            continue
        values[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    errors = []
    name = _cell_text(values.get("Navn"))
    if not name:
        errors.append(f'Arket "{PLAN_SHEET}", feltet "Navn": planens navn mangler.')
    elif too_long := _too_long(Plan, "name", name):
        errors.append(f'Arket "{PLAN_SHEET}", feltet "Navn": {too_long}')
    years: dict[str, int] = {}
    for label in ("Første budgetår", "Sidste budgetår"):
        try:
            years[label] = _cell_year(values.get(label))
        except ValueError:
            errors.append(
                f'Arket "{PLAN_SHEET}", feltet "{label}": '
                f'"{_cell_text(values.get(label))}" er ikke et årstal.'
            )
    first, last = years.get("Første budgetår"), years.get("Sidste budgetår")
    if first and last and not first <= last < first + MAX_PLAN_YEARS:
        errors.append(
            f'Arket "{PLAN_SHEET}": en plan dækker 1 til {MAX_PLAN_YEARS} budgetår, '
            f"ikke {first}-{last}."
        )
    state_label = _cell_text(values.get("Tilstand")) or str(Plan.State.DRAFT.label)
    state = _choice(Plan.State, state_label)
    if state is None:
        errors.append(
            f'Arket "{PLAN_SHEET}", feltet "Tilstand": ukendt tilstand "{state_label}" '
            f"(brug {_labels(Plan.State)})."
        )
    try:
        adopted_on = _cell_date(values.get("Vedtaget i KB den"))
    except ValueError:
        errors.append(
            f'Arket "{PLAN_SHEET}", feltet "Vedtaget i KB den": '
            f'"{_cell_text(values.get("Vedtaget i KB den"))}" er ikke en dato (dd-mm-åååå).'
        )
    if errors:
        raise ImportRejected(errors)
    first, last = years["Første budgetår"], years["Sidste budgetår"]  # both read, or rejected

    plan = Plan.objects.filter(name=name).first()
    fields: dict[str, Any] = {"state": state, "adopted_on": adopted_on}
    if plan is not None and plan.is_archived:
        raise ImportRejected(
            [f'Arket "{PLAN_SHEET}": "{name}" er arkiveret og kan ikke ændres længere. '
             "Indlæs den nye budgetperiodes indsatser i den nye plan."]
        )  # fmt: skip
    if plan is None:
        plan = services.plan_create(name=name, first_year=first, last_year=last, user=user,
                                    **fields)  # fmt: skip
    elif (plan.first_year, plan.last_year) != (first, last):
        raise ImportRejected(
            [
                f'Arket "{PLAN_SHEET}": "{name}" dækker {plan.first_year}-{plan.last_year} i '
                f"Kursen, men {first}-{last} i filen. En plans budgetår kan ikke ændres ved "
                "indlæsning."
            ]
        )
    else:
        services.plan_update(plan=plan, fields=fields, user=user)
    _import_headings_and_themes(workbook, plan, user)
    return plan


def _import_headings_and_themes(workbook, plan: Plan, user) -> None:
    headings: list[str] = []
    themes: list[list[str]] = []
    errors = []
    if HEADINGS_SHEET in workbook.sheetnames:
        for row_number, row in enumerate(workbook.rows(HEADINGS_SHEET)[1:], start=2):
            name = _cell_text(row[0]) if row else ""
            if name:
                headings.append(name)
                if too_long := _too_long(Heading, "name", name):
                    errors.append(f'Arket "{HEADINGS_SHEET}", række {row_number}: {too_long}')
    course_years: list[int | None] = []
    if THEMES_SHEET in workbook.sheetnames:
        rows = workbook.rows(THEMES_SHEET)
        course_years = _course_years(rows[0][2:] if rows else (), plan)
        width = 2 + len(course_years)
        for row_number, row in enumerate(rows[1:], start=2):
            cells = [_cell_text(value) for value in (*row, *[None] * width)[:width]]
            if cells[0]:
                themes.append(cells)
                if too_long := _too_long(Theme, "name", cells[0]):
                    errors.append(
                        f'Arket "{THEMES_SHEET}", række {row_number}, kolonne "Tema": {too_long}'
                    )
    if errors:
        raise ImportRejected(_capped(errors))
    for position, name in enumerate(headings):
        services.heading_save(plan=plan, name=name, position=position, user=user)
    for position, (name, description, *courses) in enumerate(themes):
        services.theme_save(
            plan=plan,
            name=name,
            description=description,
            courses={
                year: text
                for year, text in zip(course_years, courses, strict=True)
                if year is not None
            },
            position=position,
            user=user,
        )


# The themes sheet has one column per year of the plan: "Kursen for 2025", "Kursen for 2026".
COURSE_HEADER = "Kursen for %s"


def _course_years(headers, plan: Plan) -> list[int | None]:
    """The year of each course column of the themes sheet; a column of an older export
    ("Årets kurs", one text for all years) is the plan's first year's course."""
    years: list[int | None] = []
    for header in headers:
        text = _cell_text(header)
        found = re.search(r"\b(\d{4})\b", text)
        if found and int(found.group(1)) in plan.years:
            years.append(int(found.group(1)))
        elif text.lower() == "årets kurs":
            years.append(plan.first_year)
        else:
            years.append(None)
    return years


def _too_long(model, field: str, text: str) -> str:
    """The Danish complaint about a text longer than its field allows, or ''."""
    limit = model._meta.get_field(field).max_length
    if limit is None or len(text) <= limit:
        return ""
    return f"teksten er {number(len(text))} tegn lang; den må højst være {number(limit)} tegn."


def _read_item_rows(workbook: _Workbook, plan: Plan) -> list[_Row]:
    """Every item row checked and turned into service arguments, or ImportRejected."""
    # Read no more than the limit allows before checking anything: a sheet of a million rows
    # costs a moment, not minutes, to refuse.
    limit = settings.KURSEN_IMPORT_MAX_ROWS
    lines = workbook.rows(ITEMS_SHEET, limit=limit + 2)
    header = lines[0] if lines else None
    if header is None or not any(_cell_text(v) for v in header):
        raise ImportRejected(
            [f'Arket "{ITEMS_SHEET}" er tomt: række 1 skal have kolonneoverskrifterne.']
        )
    columns = _columns(header, plan)
    parser = _RowParser(plan, columns)
    lines = lines[1:]
    if len(lines) > limit:
        raise ImportRejected(
            [
                f'Arket "{ITEMS_SHEET}" har mere end {number(limit)} indsatser: række '
                f"{number(limit + 2)} og frem er for meget. Del filen op, og indlæs delene "
                "hver for sig."
            ]
        )
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for row_number, values in enumerate(lines, start=2):
        if all(_cell_text(v) == "" for v in values):
            continue
        row = parser.parse(row_number, values)
        if row is None:
            continue
        code = row.fields["code"]
        if code in seen:
            parser.error(row_number, "Nummer", f'nummeret "{code}" står også i række {seen[code]}.')
        else:
            seen[code] = row_number
        rows.append(row)
    if parser.errors:
        raise ImportRejected(_capped(parser.errors))
    if not rows:
        raise ImportRejected([f'Arket "{ITEMS_SHEET}" har ingen indsatser under overskrifterne.'])
    return rows


def _columns(header: Sequence[Any], plan: Plan) -> dict[str, int]:
    """Header name to column index; reject unknown, repeated and missing required headers."""
    known = set(item_headers(plan))
    columns: dict[str, int] = {}
    errors = []
    for index, value in enumerate(header):
        name = _cell_text(value)
        if not name:
            continue
        letter = get_column_letter(index + 1)
        if name not in known and YEAR_HEADER.match(name) and name not in columns:
            # A year outside the plan (an older plan's export used as the template): the
            # column may stay, but each row with an amount in it is refused by the parser.
            columns[name] = index
        elif name not in known:
            hint = ""
            if name.startswith(("Beløb ", "Afledt drift ")):
                hint = f" Planen dækker budgetårene {plan.first_year}-{plan.last_year}."
            errors.append(f'Række 1, kolonne {letter}: ukendt kolonneoverskrift "{name}".{hint}')
        elif name in columns:
            errors.append(f'Række 1, kolonne {letter}: kolonnen "{name}" står der to gange.')
        else:
            columns[name] = index
    for name in item_headers(plan):
        if name in REQUIRED_HEADERS and name not in columns:
            errors.append(f'Række 1: kolonnen "{name}" mangler.')
    if errors:
        errors.append(f"Kolonneoverskrifterne kan være: {', '.join(item_headers(plan))}.")
        raise ImportRejected(errors)
    return columns


class _RowParser:
    """Turns one sheet row into item fields, collecting Danish errors by row and column."""

    def __init__(self, plan: Plan, columns: dict[str, int]):
        self.plan = plan
        self.columns = columns
        self.errors: list[str] = []
        self.bodies = {b.abbreviation.casefold(): b for b in Body.objects.all()}
        self.bodies.update({b.name.casefold(): b for b in self.bodies.values()})
        self.directors = {d.title.casefold(): d for d in Director.objects.all()}
        self.headings = {h.name.casefold(): h for h in Heading.objects.filter(plan=plan)}
        self.themes = {t.name.casefold(): t for t in Theme.objects.filter(plan=plan)}
        self.sdgs = {s.number: s for s in Sdg.objects.all()}
        known = set(item_headers(plan))
        self.outside_years = [header for header in columns if header not in known]
        self.kinds = {label.casefold(): value for value, label in Item.Kind.choices}
        self.statuses = {label.casefold(): value for value, label in Item.Status.choices}
        self.statuses["x"] = Item.Status.COMPLETED

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(f'Række {row}, kolonne "{column}": {message}')

    def parse(self, row_number: int, values: Sequence[Any]) -> _Row | None:
        before = len(self.errors)
        cell = _Cells(values, self.columns)
        fields: dict[str, Any] = {}
        for header, name in TEXT_COLUMNS.items():
            fields[name] = cell.text(header)
        for header, name in YES_NO_COLUMNS.items():
            fields[name] = self._yes_no(row_number, header, cell.text(header))
        if not fields["code"]:
            self.error(row_number, "Nummer", "nummeret mangler.")
        if not fields["title"]:
            self.error(row_number, "Titel", "titlen mangler.")
        fields["kind"] = self._lookup(row_number, "Type", cell.text("Type"), self.kinds,
                                      "type", Item.Kind, required=True)  # fmt: skip
        fields["committee"] = self._lookup(row_number, "Udvalg", cell.text("Udvalg"),
                                           self.bodies, "udvalg", None, required=True)  # fmt: skip
        fields["heading"] = self._lookup(row_number, "Hovedpunkt", cell.text("Hovedpunkt"),
                                         self.headings, "hovedpunkt", None)  # fmt: skip
        fields["director"] = self._lookup(
            row_number,
            "Ansvarlig direktør",
            cell.text("Ansvarlig direktør"),
            self.directors,
            "direktør",
            None,
        )
        status = cell.text("Status")
        fields["status"] = (
            self._lookup(
                row_number, "Status", status, self.statuses, "status", Item.Status
            )  # fmt: skip
            if status
            else Item.Status.NOT_STARTED
        )
        try:
            year, quarter, month = parse_timing(cell.text("Tidspunkt"))
        except ValueError:
            self.error(row_number, "Tidspunkt",
                       f'"{cell.text("Tidspunkt")}" kan ikke læses som et tidspunkt '
                       '(skriv f.eks. "1. kvartal 2025", "marts 2025" eller "2025").')  # fmt: skip
            year = quarter = month = None
        fields.update(timing_year=year, timing_quarter=quarter, timing_month=month)
        for year_, amount_field, derived_field in self.plan.amount_columns:
            for header, name in ((f"Beløb {year_}", amount_field),
                                 (f"Afledt drift {year_}", derived_field)):  # fmt: skip
                fields[name] = self._amount(row_number, header, cell.raw(header))
        for header in self.outside_years:
            if _cell_text(cell.raw(header)):
                self.error(
                    row_number, header,
                    f"{header.rsplit(' ', 1)[1]} er ikke et budgetår i {self.plan.name} "
                    f"({self.plan.first_year}-{self.plan.last_year}). Flyt beløbet til et af "
                    "planens år, eller lad cellen stå tom.",
                )  # fmt: skip
        m2m = {
            "political_bodies": self._many(
                row_number, "Behandles i", cell.text("Behandles i"), self.bodies, "udvalg"
            ),  # fmt: skip
            "themes": self._many(
                row_number,
                "Strategiske temaer",
                cell.text("Strategiske temaer"),
                self.themes,
                "tema",
            ),  # fmt: skip
            "sdgs": self._sdgs(row_number, cell.text("Verdensmål")),
        }
        if len(self.errors) > before:
            return None
        return _Row(number=row_number, fields=fields, m2m=m2m)

    def _lookup(self, row, column, text, table, noun, choices, *, required=False):
        """The value named by text, from table; choices (if any) are listed in the error."""
        if not text:
            if required:
                self.error(row, column, f"{noun} mangler.")
            return None
        found = table.get(text.casefold())
        if found is None:
            hint = f" (brug {_labels(choices)})" if choices else ""
            self.error(row, column, f'ukendt {noun} "{text}"{hint}.')
        return found

    def _many(self, row, column, text, table, noun) -> list:
        found = []
        for part in _split(text):
            value = self._lookup(row, column, part, table, noun, None)
            if value is not None:
                found.append(value)
        return found

    def _sdgs(self, row, text) -> list[Sdg]:
        found = []
        for part in _split(text, commas=True):
            sdg = self.sdgs.get(int(part)) if part.isascii() and part.isdigit() else None
            if sdg is None:
                self.error(row, "Verdensmål", f'"{part}" er ikke et verdensmål (1-17).')
            else:
                found.append(sdg)
        return found

    def _yes_no(self, row, column, text) -> bool:
        folded = text.casefold()
        if folded in {"ja", "x", "1", "true", "sand"}:
            return True
        if folded in {"", "nej", "0", "false", "falsk"}:
            return False
        self.error(row, column, f'skriv "{YES}" eller "{NO}", ikke "{text}".')
        return False

    def _amount(self, row, column, value) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, int | float | Decimal):
                amount = Decimal(str(value))
            else:
                amount = parse_number(str(value))
            rounded = amount.quantize(Decimal("0.1"))
        except (InvalidOperation, ValueError):
            self.error(row, column, f'"{value}" er ikke et beløb (skriv tusinde kr., f.eks. -250).')
            return None
        if abs(rounded) >= Decimal("1e11"):
            self.error(row, column, f'"{value}" er for stort et beløb.')
            return None
        return rounded


class _Cells:
    """One row's values by header name."""

    def __init__(self, values: Sequence[Any], columns: dict[str, int]):
        self.values = values
        self.columns = columns

    def raw(self, header: str) -> Any:
        index = self.columns.get(header)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def text(self, header: str) -> str:
        return _cell_text(self.raw(header))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return long_date(value.date(), weekday=False)
    return str(value).strip()


def _cell_year(value: Any) -> int:
    text = _cell_text(value)
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise ValueError(text)
    return int(text)


def _cell_date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d-%m-%Y").date()


def _split(text: str, *, commas: bool = False) -> Iterator[str]:
    """Parts of a list cell, separated by ";" (and by "," where no name can hold one)."""
    if commas:
        text = text.replace(",", LIST_SEPARATOR)
    return (part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


def _choice(choices, label: str) -> str | None:
    for value, choice_label in choices.choices:
        if label.casefold() in {str(choice_label).casefold(), value}:
            return value
    return None


def _labels(choices) -> str:
    labels = [f'"{label}"' for _value, label in choices.choices]
    return ", ".join(labels[:-1]) + " eller " + labels[-1]
