"""The råderumskatalog as an .xlsx workbook, and the way back.

One sheet, "Råderumskatalog": one row per proposal, its amounts in columns named by the plan's
budget years ("Beløb 2026"). Export then import gives the same catalogue back. An import is all
or nothing, like the plan's (plans.excel): every row is checked first, each problem reported in
Danish with its row and column, and only a clean file is written, through plans.services.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from organisation.models import Body
from plans import services
from plans.excel import (
    YEAR_HEADER,
    ImportRejected,
    _amount,
    _capped,
    _cell,
    _cell_text,
    _header_row,
    _labels,
    _open_workbook,
    _RowParser,
    _too_long,
)
from plans.models import AMOUNT_FIELDS, Plan, Proposal

SHEET = "Råderumskatalog"
LEADING = ["Nummer", "Titel", "Udvalg", "Tilstand"]
TRAILING = ["Beskrivelse", "Konsekvenser", "Blev til indsats"]
REQUIRED = {"Nummer", "Titel", "Udvalg"}
TEXTS = {"Nummer": "number", "Titel": "title", "Beskrivelse": "description",
         "Konsekvenser": "consequences"}  # fmt: skip


def headers(plan: Plan) -> list[str]:
    return LEADING + [f"Beløb {year}" for year in plan.years] + TRAILING


def catalogue_export_xlsx(*, plan: Plan, proposals: Iterable[Proposal]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "C2"
    _header_row(
        sheet, headers(plan), widths=[12, 50, 10, 16] + [14] * len(plan.years) + [60, 60, 16]
    )
    for proposal in proposals:
        row: list[Any] = [
            _cell(sheet, proposal.number),
            _cell(sheet, proposal.title),
            _cell(sheet, proposal.committee.abbreviation),
            _cell(sheet, proposal.state_label),
        ]
        row += [_amount(sheet, value) for _year, value in proposal.amounts()]
        row += [
            _cell(sheet, proposal.description),
            _cell(sheet, proposal.consequences),
            _cell(sheet, proposal.item.code if proposal.item else ""),
        ]
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class CatalogueResult:
    created: int
    updated: int
    unchanged: int


def catalogue_import_xlsx(*, plan: Plan, file: Any, user: Any) -> CatalogueResult:
    """Create or update the plan's proposals (by number) from the workbook: all or none."""
    if plan.is_archived:
        raise ImportRejected([f"{plan.name} er arkiveret og kan ikke ændres længere."])
    workbook = _open_workbook(file)
    if SHEET not in workbook.sheetnames:
        raise ImportRejected(
            [f'Arket "{SHEET}" mangler. Filen skal have samme opstilling som eksporten af '
             "råderumskataloget."]
        )  # fmt: skip
    limit = settings.KURSEN_IMPORT_MAX_ROWS
    lines = workbook.rows(SHEET, limit=limit + 2)
    if not lines or not any(_cell_text(v) for v in lines[0]):
        raise ImportRejected([f'Arket "{SHEET}" er tomt: række 1 skal have kolonneoverskrifterne.'])
    if len(lines) > limit + 1:
        raise ImportRejected([f'Arket "{SHEET}" har for mange rækker. Del filen op.'])
    columns, outside = _columns(lines[0], plan)
    rows = _parse(lines[1:], columns, outside, plan)
    with transaction.atomic():
        existing = {p.number: p for p in Proposal.objects.filter(plan=plan)}
        created = updated = unchanged = 0
        for fields in rows:
            proposal = existing.get(fields["number"])
            if proposal is None:
                services.proposal_create(
                    plan=plan, fields=fields, user=user, reason="Indlæst fra Excel"
                )
                created += 1
            elif all(getattr(proposal, k) == v for k, v in fields.items()):
                unchanged += 1
            else:
                services.proposal_update(
                    proposal=proposal, fields=fields, expected_version=proposal.version,
                    user=user, reason="Indlæst fra Excel",
                )  # fmt: skip
                updated += 1
    return CatalogueResult(created=created, updated=updated, unchanged=unchanged)


def _columns(header: list[Any], plan: Plan) -> tuple[dict[str, int], list[str]]:
    known = set(headers(plan))
    columns: dict[str, int] = {}
    outside: list[str] = []
    errors = []
    for index, value in enumerate(header):
        name = _cell_text(value)
        if not name:
            continue
        letter = get_column_letter(index + 1)
        if name in columns:
            errors.append(f'Række 1, kolonne {letter}: kolonnen "{name}" står der to gange.')
        elif name in known:
            columns[name] = index
        elif YEAR_HEADER.match(name) and name.startswith("Beløb"):
            columns[name] = index
            outside.append(name)
        else:
            errors.append(f'Række 1, kolonne {letter}: ukendt kolonneoverskrift "{name}".')
    for name in LEADING:
        if name in REQUIRED and name not in columns:
            errors.append(f'Række 1: kolonnen "{name}" mangler.')
    if errors:
        errors.append(f"Kolonneoverskrifterne kan være: {', '.join(headers(plan))}.")
        raise ImportRejected(errors)
    return columns, outside


def _parse(
    lines: list[list[Any]], columns: dict[str, int], outside: list[str], plan: Plan
) -> list[dict[str, Any]]:
    # The plan import's row parser knows amounts and committees; its errors name row and
    # column the same way.
    parser = _RowParser(plan, columns)
    committee_kinds = {Body.Kind.FINANCE_COMMITTEE, Body.Kind.STANDING_COMMITTEE}
    bodies = {key: body for key, body in parser.bodies.items() if body.kind in committee_kinds}
    states = {label.casefold(): value for value, label in Proposal.State.choices}
    found: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def raw(values: list[Any], header: str) -> Any:
        index = columns.get(header)
        return values[index] if index is not None and index < len(values) else None

    for row, values in enumerate(lines, start=2):
        if all(_cell_text(v) == "" for v in values):
            continue
        fields: dict[str, Any] = {name: _cell_text(raw(values, h)) for h, name in TEXTS.items()}
        for header, name in TEXTS.items():
            if too_long := _too_long(Proposal, name, fields[name]):
                parser.error(row, header, too_long)
        if not fields["number"]:
            parser.error(row, "Nummer", "nummeret mangler.")
        elif fields["number"] in seen:
            parser.error(
                row, "Nummer", f'nummeret "{fields["number"]}" står også i række '
                f"{seen[fields['number']]}."
            )  # fmt: skip
        else:
            seen[fields["number"]] = row
        if not fields["title"]:
            parser.error(row, "Titel", "titlen mangler.")
        committee = _cell_text(raw(values, "Udvalg"))
        fields["committee"] = bodies.get(committee.casefold())
        if not committee:
            parser.error(row, "Udvalg", "udvalget mangler.")
        elif fields["committee"] is None:
            parser.error(row, "Udvalg", f'ukendt udvalg "{committee}".')
        state = _cell_text(raw(values, "Tilstand"))
        fields["state"] = states.get(state.casefold()) if state else Proposal.State.PROPOSED
        if fields["state"] is None:
            parser.error(
                row, "Tilstand", f'ukendt tilstand "{state}" (brug {_labels(Proposal.State)}).'
            )
        for index, year in enumerate(plan.years):
            header = f"Beløb {year}"
            fields[AMOUNT_FIELDS[index]] = parser._amount(row, header, raw(values, header))
        for header in outside:
            if _cell_text(raw(values, header)):
                parser.error(
                    row, header,
                    f"{header.rsplit(' ', 1)[1]} er ikke et budgetår i {plan.name} "
                    f"({plan.first_year}-{plan.last_year}). Flyt beløbet til et af planens "
                    "år, eller lad cellen stå tom.",
                )  # fmt: skip
        found.append(fields)
    if parser.errors:
        raise ImportRejected(_capped(parser.errors))
    if not found:
        raise ImportRejected([f'Arket "{SHEET}" har ingen forslag under overskrifterne.'])
    return found
