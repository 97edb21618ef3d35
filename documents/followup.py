"""A status round's report ("statusrapport") as a tagged PDF (Typst) and as .docx.

Both are made from the one prepared model the report page shows (followup.selectors.report), so
the page, the PDF and the Word document always say the same thing. The report names plan items
and their answers only; the decision on the agenda item it was put on is shown only where the
reader may read that item.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from django.utils import timezone
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor

from danish.formatting import ascii_slug, long_date
from documents import pdf
from documents.common import xml_safe
from documents.word import (
    ACCENT,
    HEADER_FILL,
    core_properties,
    danish_defaults,
    page_number_footer,
    shade,
)
from followup import selectors
from followup.models import Round
from organisation.models import Municipality

SECTIONS = [
    ("moves", "Ny status"),
    ("delays", "Nye forsinkelser"),
    ("finished", "Afsluttede indsatser"),
    ("notes", "Nye statusnoter"),
]


def report_filename(*, round: Round, ext: str) -> str:
    return f"statusrapport-{ascii_slug(round.name)}.{ext}"


def report_model(*, round: Round, compare_with: Round | None = None) -> dict[str, Any]:
    """The report as plain data for the templates."""
    data = selectors.report(round=round, compare_with=compare_with)
    municipality = Municipality.objects.first()
    earlier = data["compared_with"]
    return {
        "meta": {
            "title": f"Statusrapport: {round.name}",
            "author": municipality.name if municipality else "Kursen",
            "keywords": ["statusrapport", round.plan.name],
        },
        "municipality": municipality.name if municipality else "",
        "plan": round.plan.name,
        "state": (
            f"Lukket {long_date(round.closed_at, weekday=False)}"
            if round.closed_at
            else f"Åben: svarene, som de står {long_date(timezone.localdate(), weekday=False)}"
        ),
        "deadline": long_date(round.deadline),
        "count": len(data["facts"]),
        "compared": earlier.name if earlier else "indsatserne, da runden blev åbnet",
        "charts": [
            {
                "title": chart.title,
                "group": chart.group_label,
                "statuses": [label for _value, label in chart.statuses],
                "rows": [
                    {"label": row.label, "counts": row.counts, "total": row.total}
                    for row in chart.rows
                ],
                "totals": chart.totals,
            }
            for chart in data["charts"]
        ],
        "changes": [
            {"title": title, "facts": [_fact(f) for f in data["changes"][key]]}
            for key, title in SECTIONS
        ],
        "overdue": [_fact(f) for f in data["overdue"]],
        "blocked": [_fact(f) for f in data["blocked"]],
        "unanswered": [_fact(f) for f in data["unanswered"]],
        "facts": [_fact(f) for f in data["facts"]],
    }


def _fact(fact: dict[str, Any]) -> dict[str, str]:
    return {
        "code": fact["code"],
        "title": fact["title"],
        "committee": fact["committee"],
        "kind": fact["kind_label"],
        "status": fact["status_label"],
        "timing": fact["timing"],
        "from": _from(fact),
        "from_timing": fact.get("from_timing", ""),
        "note": fact["note"],
        "realised": fact["realised"],
        "state": fact["state_label"],
        "respondent": fact["respondent"],
    }


def _from(fact: dict[str, Any]) -> str:
    """Where the item came from: its earlier status, and its earlier time when that moved."""
    status, timing = fact.get("from_status", ""), fact.get("from_timing", "")
    return f"{status}, {timing}" if timing and timing != fact["timing"] else status


def report_pdf(*, round: Round, archive: bool = False, compare_with: Round | None = None) -> bytes:
    return pdf.typeset(
        "status_report.typ", report_model(round=round, compare_with=compare_with), archive=archive
    )


def report_docx(*, round: Round, compare_with: Round | None = None) -> bytes:
    model = report_model(round=round, compare_with=compare_with)
    document = docx.Document()
    danish_defaults(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    page_number_footer(section)
    core_properties(
        document,
        title=model["meta"]["title"],
        subject=model["plan"],
        author=model["meta"]["author"],
        keywords="statusrapport",
    )

    def text(value: str) -> str:
        return xml_safe(value or "")

    heading = document.add_heading(text(model["meta"]["title"]), level=1)
    for run in heading.runs:
        run.font.color.rgb = RGBColor.from_string(ACCENT)
    document.add_paragraph(
        text(
            f"{model['municipality']} · {model['plan']} · {model['state']} · "
            f"svarfrist {model['deadline']} · {model['count']} indsatser"
        )
    )

    def table(header: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, value in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text(value)
            shade(cell._tc, HEADER_FILL)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = text(str(value))
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(9)
        document.add_paragraph()

    document.add_heading("Status", level=2)
    for chart in model["charts"]:
        document.add_heading(text(chart["title"]), level=3)
        table(
            [chart["group"], *chart["statuses"], "I alt"],
            [[row["label"], *row["counts"], row["total"]] for row in chart["rows"]],
        )

    document.add_heading(text(f"Ændret siden {model['compared']}"), level=2)
    for change in model["changes"]:
        document.add_heading(text(f"{change['title']} ({len(change['facts'])})"), level=3)
        if change["facts"]:
            table(
                ["Indsats", "Udvalg", "Fra", "Status", "Tidspunkt", "Statusnote"],
                [
                    [
                        f"{f['code']} {f['title']}",
                        f["committee"],
                        f["from"],
                        f["status"],
                        f["timing"],
                        f["note"],
                    ]
                    for f in change["facts"]
                ],
            )
        else:
            document.add_paragraph("Ingen.")
    document.add_heading("Forsinkede og udskudte indsatser", level=2)
    for title, facts in (
        ("Tidspunktet er passeret", model["overdue"]),
        ("Udskudt", model["blocked"]),
        ("Ikke besvaret", model["unanswered"]),
    ):
        document.add_heading(text(f"{title} ({len(facts)})"), level=3)
        if facts:
            table(
                ["Indsats", "Udvalg", "Status", "Tidspunkt"],
                [
                    [f"{f['code']} {f['title']}", f["committee"], f["status"], f["timing"]]
                    for f in facts
                ],
            )
        else:
            document.add_paragraph("Ingen.")
    document.add_heading("Svar pr. indsats", level=2)
    table(
        ["Indsats", "Udvalg", "Status", "Tidspunkt", "Statusnote", "Realiseret", "Svar"],
        [
            [
                f"{f['code']} {f['title']}",
                f["committee"],
                f["status"],
                f["timing"],
                f["note"],
                f["realised"],
                f"{f['state']} {f['respondent']}".strip(),
            ]
            for f in model["facts"]
        ],
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def status_report_maker(*, obj_id: int, access: Any) -> tuple[str, bytes]:
    """meetings.generated's maker for kind "status_report": the report holds plan items and
    answers only (no meeting content), so it is the same for every `access`."""
    round = Round.objects.select_related("plan").get(pk=obj_id)
    return report_filename(round=round, ext="pdf"), report_pdf(round=round)
