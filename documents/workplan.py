"""The committee's work plan as a PDF (Typst, typst/workplan.typ) and a Word document, from
workplans.selectors' work plan: the same content as the page, as the viewer may see it. The PDF is
also what is attached when the work plan is presented to the committee (registered as the
generated document of kind "workplan", see meetings.generated)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
from django.utils.translation import gettext as _

from danish.formatting import ascii_slug, long_date
from documents import pdf
from documents.common import xml_safe
from documents.word import core_properties, danish_defaults, page_number_footer
from meetings.access import Access
from organisation.models import Municipality
from workplans.models import WorkplanVersion
from workplans.selectors import Entry, Workplan, workplan_for

KIND_LABELS = {"item": "Indsats", "topic": "Emne"}


def workplan_filename(*, plan: Workplan, ext: str) -> str:
    return f"arbejdsplan-{ascii_slug(plan.body.abbreviation)}-{plan.year}.{ext}"


def _status(entry: Entry) -> str:
    return entry.status


def _note(entry: Entry) -> str:
    parts = [KIND_LABELS[entry.kind]]
    if entry.origin:
        parts.append(_("fra %(body)s") % {"body": entry.origin})
    if entry.via:
        parts.append(entry.via)
    if not entry.fits:
        parts.append(_("passer ikke til tidspunktet %(timing)s") % {"timing": entry.timing})
    return " · ".join(parts)


def _row(entry: Entry) -> dict[str, str]:
    return {
        "code": entry.code,
        "title": entry.title,
        "note": _note(entry),
        "timing": entry.timing,
        "status": _status(entry),
    }


def workplan_data(plan: Workplan, *, printed: datetime.date | None = None) -> dict[str, Any]:
    """The work plan as typst/workplan.typ's data."""
    municipality = Municipality.objects.first()
    printed = printed or datetime.date.today()
    facts = [_("Udskrevet %(date)s") % {"date": long_date(printed, weekday=False)}]
    if plan.last_version is not None:
        facts.append(
            _("Seneste version fremlagt %(date)s")
            % {"date": long_date(plan.last_version.presented_at.date(), weekday=False)}
        )
    return {
        "meta": {
            "title": plan.title,
            "author": municipality.name if municipality else "",
            "keywords": [_("arbejdsplan"), plan.body.abbreviation],
        },
        "labels": {
            "page": _("Side"),
            "of": _("af"),
            "code": _("Nr."),
            "title": _("Punkt"),
            "timing": _("Tidspunkt"),
            "status": _("Status"),
            "cases": _("På dagsordenen"),
            "awaiting": _("Afventer dato"),
            "nothing": _("Intet placeret endnu."),
            "changes": _("Ændret siden seneste fremlagte version"),
            "change": _("Ændring"),
            "where": _("Hvor"),
            "no_changes": _("Ingen ændringer."),
        },
        "municipality": municipality.name if municipality else "",
        "facts": facts,
        "changes": None
        if plan.changes is None
        else [{"kind": c.kind, "title": c.title, "text": c.text} for c in plan.changes],
        "slots": [
            {
                "label": (f"Mødet {slot.label}" if slot.kind == "meeting" else slot.label),
                "rows": [_row(e) for e in slot.entries],
                "cases": [
                    " ".join(
                        p
                        for p in (
                            f"{c.number}.",
                            c.title,
                            f"({c.case_number})" if c.case_number else "",
                        )
                        if p
                    )
                    for c in slot.cases
                ],
            }
            for slot in plan.slots
        ],
        "awaiting": [_row(e) for e in plan.awaiting],
    }


def workplan_pdf(*, plan: Workplan, archive: bool = False) -> bytes:
    return pdf.typeset("workplan.typ", workplan_data(plan), archive=archive)


def workplan_docx(*, plan: Workplan) -> bytes:
    """The work plan as a Word document with real headings and tables."""
    data = xml_safe(workplan_data(plan))  # control characters typed in a title
    title = data["meta"]["title"]
    document = docx.Document()
    danish_defaults(document)
    core_properties(
        document,
        title=title,
        subject=str(plan.year),
        author=data["municipality"],
        keywords=_("arbejdsplan"),
    )
    page_number_footer(document.sections[0])
    document.add_heading(title, level=1)
    for line in data["facts"]:
        document.add_paragraph(line)
    if data["changes"] is not None:
        document.add_heading(data["labels"]["changes"], level=2)
        if not data["changes"]:
            document.add_paragraph(data["labels"]["no_changes"])
        else:
            _table(
                document,
                [_("Ændring"), _("Punkt"), _("Hvor")],
                [[c["kind"], c["title"], c["text"]] for c in data["changes"]],
            )
    head = [_("Nr."), _("Punkt"), _("Tidspunkt"), _("Status")]
    for slot in data["slots"]:
        document.add_heading(slot["label"], level=2)
        if slot["rows"]:
            _table(document, head, [_cells(r) for r in slot["rows"]])
        elif not slot["cases"]:
            document.add_paragraph(data["labels"]["nothing"])
        if slot["cases"]:
            document.add_heading(data["labels"]["cases"], level=3)
            for line in slot["cases"]:
                document.add_paragraph(line, style="List Bullet")
    document.add_heading(data["labels"]["awaiting"], level=2)
    if data["awaiting"]:
        _table(document, head, [_cells(r) for r in data["awaiting"]])
    else:
        document.add_paragraph(data["labels"]["nothing"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cells(row: dict[str, str]) -> list[str]:
    title = f"{row['title']}\n{row['note']}" if row["note"] else row["title"]
    return [row["code"], title, row["timing"], row["status"]]


def _table(document: Any, head: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Word repeats the header row on every page.
    from docx.oxml import OxmlElement

    marker = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def presented_workplan(*, obj_id: int, access: Any) -> tuple[str, bytes]:
    """The generated document of kind "workplan": the work plan of the version `obj_id` as
    `access` may see it, for the agenda item that presents it."""
    version = WorkplanVersion.objects.select_related("body").get(pk=obj_id)
    plan = workplan_for(
        body=version.body, year=version.year, user=Access.of(access), before_version=version.pk
    )
    return workplan_filename(plan=plan, ext="pdf"), workplan_pdf(plan=plan)
