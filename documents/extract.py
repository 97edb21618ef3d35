"""A committee's extract of the plan ("udsnit") as the Word and PDF attachment sent to it.

The committee gets its own items and the cross-cutting ones (seed 003). Both documents are
built from one prepared model of the extract, so the Word and the PDF version always say the
same thing; only the rendering differs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import docx
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from danish.formatting import ascii_slug, long_date, number
from documents import pdf, word
from documents.common import xml_safe
from documents.word import (
    ACCENT,
    HEADER_FILL,
    RULE,
    TOTAL_FILL,
    core_properties,
    danish_defaults,
    page_number_footer,
    shade,
    table_properties,
)
from organisation.models import Body, Municipality
from plans.models import Item, Plan
from plans.selectors import ExtractSection

# A4 landscape: the tables need the width. Margins in mm.
PAGE_WIDTH, PAGE_HEIGHT = 297, 210
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 15, 17, 15
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
GUIDE_WIDTH = 170  # the title page's reading guide

# Column widths in mm shared by both documents; "Indsats" takes what is left.
CODE_WIDTH, TIMING_WIDTH, POLITICAL_WIDTH, STATUS_WIDTH, YEAR_WIDTH = 19, 25, 29, 24, 18

# Order in which bodies treat a case ("Sagsgang"): administration, committee, ØK, KB.
ROUTING_ORDER = {
    Body.Kind.EXECUTIVE_BOARD: 0,
    Body.Kind.MED: 1,
    Body.Kind.STANDING_COMMITTEE: 2,
    Body.Kind.FINANCE_COMMITTEE: 3,
    Body.Kind.COUNCIL: 4,
}


def extract_filename(*, plan: Plan, body: Body, ext: str) -> str:
    """ASCII-safe file name: 'udsnit-AU-udmoentningsplan-2025-2028.pdf'."""
    # The abbreviation keeps its capitals, as committees are known by them ("AU", "OEK").
    abbreviation = ascii_slug(body.abbreviation)
    if body.abbreviation.isupper():
        abbreviation = abbreviation.upper()
    return f"udsnit-{abbreviation}-{ascii_slug(plan.name)}.{ext.lower().lstrip('.')}"


# --- The prepared extract -------------------------------------------------------------------


@dataclass
class Row:
    """One item as the tables print it: every value already formatted."""

    code: str
    title: str
    process: str
    timing: str
    political: str
    status: str
    completed: bool
    amounts: list[str]
    # Derived operating cost per year; None when the section or the item has none.
    derived: list[str] | None


@dataclass
class Table:
    """One section of the extract: a heading and its table, with totals per plan year."""

    title: str
    years: list[int]  # empty when the section shows no amounts
    rows: list[Row]
    totals: list[str]
    derived_totals: list[str] | None

    @property
    def has_derived(self) -> bool:
        return self.derived_totals is not None

    @property
    def contents_line(self) -> str:
        """'Driftsændringer (5 indsatser)', for the title page's list of contents."""
        count = len(self.rows)
        text = ngettext("%(title)s (%(count)s indsats)", "%(title)s (%(count)s indsatser)", count)
        return text % {"title": self.title, "count": count}

    @property
    def widths(self) -> list[float]:
        """Column widths in mm: Nr., Indsats, Tidspunkt, Politisk behandling, Status, years."""
        fixed = CODE_WIDTH + TIMING_WIDTH + POLITICAL_WIDTH + STATUS_WIDTH
        title = TEXT_WIDTH - fixed - YEAR_WIDTH * len(self.years)
        years = [YEAR_WIDTH] * len(self.years)
        return [CODE_WIDTH, title, TIMING_WIDTH, POLITICAL_WIDTH, STATUS_WIDTH, *years]


@dataclass
class Extract:
    """The title page's text and the tables."""

    municipality: str
    plan_name: str
    committee: str
    period: str
    adopted: str
    printed: str
    tables: list[Table]

    @property
    def title(self) -> str:
        return _("%(plan)s – udsnit for %(committee)s") % {
            "plan": self.plan_name,
            "committee": self.committee,
        }

    @property
    def subtitle(self) -> str:
        return _("Udsnit for %s") % self.committee

    @property
    def running_head(self) -> str:
        parts = [self.municipality, self.plan_name, self.subtitle]
        return " · ".join(p for p in parts if p)

    @property
    def guide(self) -> list[str]:
        return [
            _(
                "Udsnittet indeholder %(committee)s egne indsatser fra udmøntningsplanen: "
                "driftsændringer, råderumsforslag, anlægsprojekter og hensigtserklæringer, "
                "samt de tværgående indsatser, som vedrører alle udvalg."
            )
            % {"committee": _genitive(self.committee)},
            _(
                "Indsatser, der er afsluttet, er markeret med X. De anførte tidspunkter er "
                "vejledende og kan blive justeret. Politisk behandling angiver, om indsatsen "
                "skal behandles politisk, og i hvilke udvalg, eller om den indgår i den "
                "ordinære drift."
            ),
            _("Beløb er angivet i 1.000 kr. Negative beløb er mindreudgifter eller merindtægter."),
        ]


def _genitive(name: str) -> str:
    """Danish genitive: 'Arbejdsmarkedsudvalgets'; a name ending in s, x or z takes "'"."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def build_extract(*, plan: Plan, body: Body, sections: list[ExtractSection]) -> Extract:
    """The extract's text, ready for either document."""
    municipality = Municipality.objects.first()
    if plan.first_year == plan.last_year:
        period = _("Budget %s") % plan.first_year
    else:
        period = _("Budget %(first)s-%(last)s") % {"first": plan.first_year, "last": plan.last_year}
    adopted = ""
    if plan.adopted_on:
        adopted = _("Vedtaget i Kommunalbestyrelsen %s") % long_date(plan.adopted_on)
    extract = Extract(
        municipality=municipality.name if municipality else "",
        plan_name=plan.name,
        committee=body.name,
        period=period,
        adopted=adopted,
        printed=_("Udskrevet %s") % long_date(timezone.localdate()),
        tables=[_table(plan, section) for section in sections],
    )
    return xml_safe(extract)  # a pasted soft line break must not break the Word document


def _table(plan: Plan, section: ExtractSection) -> Table:
    columns = plan.amount_columns if section.show_amounts else []
    rows = []
    totals: list[Decimal | None] = [None] * len(columns)
    derived_totals: list[Decimal | None] = [None] * len(columns)
    for item in section.items:
        amounts = [getattr(item, field) for _year, field, _derived in columns]
        derived = [getattr(item, field) for _year, _amount, field in columns]
        totals = [_add(t, a) for t, a in zip(totals, amounts, strict=True)]
        has_derived = section.show_derived and any(d is not None for d in derived)
        if has_derived:
            derived_totals = [_add(t, d) for t, d in zip(derived_totals, derived, strict=True)]
        rows.append(
            Row(
                code=item.code,
                title=item.title,
                process=item.process.strip(),
                timing=item.timing_label,
                political=_political(item),
                status=item.status_label,
                completed=item.is_completed,
                amounts=[number(a) for a in amounts],
                derived=[number(d) for d in derived] if has_derived else None,
            )
        )
    show_derived_totals = section.show_derived and any(r.derived for r in rows)
    return Table(
        title=section.title,
        years=[year for year, _amount, _derived in columns],
        rows=rows,
        totals=[_total(t) for t in totals],
        derived_totals=[_total(t) for t in derived_totals] if show_derived_totals else None,
    )


def _add(total: Decimal | None, value) -> Decimal | None:
    if value is None:
        return total
    return (total or Decimal(0)) + value


def _total(value: Decimal | None) -> str:
    # A dash, not "0", where no item has an amount that year: nothing was estimated.
    return "–" if value is None else number(value)


def _political(item: Item) -> str:
    """'Ja: AU, ØK, KB' in the order the case goes through the bodies, or 'Ordinær drift'."""
    if not item.needs_political_treatment:
        return _("Ordinær drift")
    bodies = sorted(
        item.political_bodies.all(), key=lambda b: (ROUTING_ORDER.get(b.kind, 9), b.position)
    )
    if not bodies:
        return _("Ja")
    return _("Ja: %s") % ", ".join(b.abbreviation for b in bodies)


# --- PDF ------------------------------------------------------------------------------------


def extract_pdf(*, plan: Plan, body: Body, sections: list[ExtractSection],
                archive: bool = False) -> bytes:  # fmt: skip
    """The extract as a tagged PDF/UA document (PDF/A-2a too with `archive`), set by Typst."""
    extract = build_extract(plan=plan, body=body, sections=sections)
    return pdf.typeset("extract.typ", extract_data(extract), archive=archive)


def extract_data(extract: Extract) -> dict:
    """The prepared extract as typst/extract.typ's data."""
    return {
        "meta": {
            "title": extract.title,
            "author": extract.municipality,
            "keywords": [_("udmøntningsplan"), _("udsnit")],
            "description": f"{extract.subtitle}, {extract.period}",
        },
        "labels": {
            "page": _("Side"),
            "of": _("af"),
            "guide": _("Om udsnittet"),
            "contents": _("Indhold"),
            "code": _("Nr."),
            "title": _("Indsats"),
            "timing": _("Tidspunkt"),
            "political": _("Politisk behandling"),
            "status": _("Status"),
            "unit": _("Beløb i 1.000 kr."),
            "derived": _("Afledt drift"),
            "total": _("I alt"),
            "derived_total": _("Afledt drift i alt"),
        },
        "municipality": extract.municipality,
        "plan_name": extract.plan_name,
        "subtitle": extract.subtitle,
        "running_head": extract.running_head,
        "facts": [line for line in (extract.period, extract.adopted, extract.printed) if line],
        "guide": extract.guide,
        "contents": [table.contents_line for table in extract.tables],
        "tables": [
            {
                "title": table.title,
                "years": table.years,
                "widths": [round(width, 2) for width in table.widths],
                "rows": [
                    {
                        "code": row.code,
                        "title": row.title,
                        "process": row.process,
                        "timing": row.timing,
                        "political": row.political,
                        "status": row.status,
                        "completed": row.completed,
                        "amounts": row.amounts,
                        "derived": row.derived,
                    }
                    for row in table.rows
                ],
                "totals": table.totals,
                "derived_totals": table.derived_totals,
            }
            for table in extract.tables
        ],
    }


# --- Word -----------------------------------------------------------------------------------

# Style ids of the table's paragraph styles (their names in Word carry a space). Set on the XML
# directly: python-docx's style setter looks the style up by name on every call, which costs
# seconds over a long extract.
TEXT, SMALL, NUMBER = "Tabeltekst", "Tabeltekstlille", "Tabeltal"
HEAD, HEAD_NUMBER = "Tabeloverskrift", "Tabeloverskrifttal"


def extract_docx(*, plan: Plan, body: Body, sections: list[ExtractSection]) -> bytes:
    """The extract as a Word document with real headings and tables, for editing and sending."""
    extract = build_extract(plan=plan, body=body, sections=sections)
    document = docx.Document()
    _docx_styles(document)
    core_properties(document, title=extract.title, subject=extract.period,
                    author=extract.municipality, keywords=_("udmøntningsplan, udsnit"))  # fmt: skip

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Mm(MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Mm(8)
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = extract.running_head
    page_number_footer(section)

    _docx_title_page(document, extract)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    for table in extract.tables:
        document.add_heading(table.title, level=2)
        _docx_table(document, table)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_styles(document) -> None:
    """Danish language, one font and the few paragraph styles the tables need."""
    danish_defaults(document)

    def paragraph_style(name, *, size=9, **options):
        return word.paragraph_style(document, name, size=size, line_spacing=1.0, **options)

    normal = paragraph_style("Normal", base=None, size=10, after=6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before, after in (("Heading 1", 26, 0, 6), ("Heading 2", 13, 14, 6)):
        heading = paragraph_style(name, size=size, bold=True, color=ACCENT, before=before,
                                  after=after)  # fmt: skip
        heading.paragraph_format.keep_with_next = True
    subtitle = paragraph_style("Subtitle", size=16, color=ACCENT, after=14)
    subtitle.font.italic = False
    letter_spacing = subtitle.element.rPr.find(qn("w:spacing"))
    if letter_spacing is not None:
        subtitle.element.rPr.remove(letter_spacing)
    paragraph_style("Tabeltekst", size=8.5)
    small = paragraph_style("Tabeltekst lille", size=7.5, color="404040")
    small.paragraph_format.space_before = Pt(1)
    paragraph_style("Tabeloverskrift", size=8.5, bold=True)
    paragraph_style("Tabeltal", size=8.5).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    overskrift_tal = paragraph_style("Tabeloverskrift tal", size=8.5, bold=True)
    overskrift_tal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for name in ("Header", "Footer"):
        paragraph_style(name, size=8, color="595959")


def _docx_title_page(document, extract: Extract) -> None:
    intro = document.add_paragraph()
    run = intro.add_run(extract.municipality)
    run.font.size = Pt(14)
    run.font.bold = True
    run.font.color.rgb = RGBColor.from_string(ACCENT)
    intro.paragraph_format.space_after = Pt(60)

    document.add_heading(extract.plan_name, level=1)
    document.add_paragraph(extract.subtitle, style="Subtitle")
    for line in (extract.period, extract.adopted, extract.printed):
        if line:
            document.add_paragraph(line).paragraph_format.space_after = Pt(2)

    heading = document.add_paragraph(_("Om udsnittet"), style="Tabeloverskrift")
    heading.paragraph_format.space_before = Pt(30)
    heading.paragraph_format.space_after = Pt(4)
    heading.runs[0].font.size = Pt(10)
    # A readable measure, as in the PDF: guide lines across a landscape page are too long.
    indent = Mm(TEXT_WIDTH - GUIDE_WIDTH)
    for text in extract.guide:
        document.add_paragraph(text).paragraph_format.right_indent = indent

    heading = document.add_paragraph(_("Indhold"), style="Tabeloverskrift")
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(4)
    heading.runs[0].font.size = Pt(10)
    for table in extract.tables:
        line = document.add_paragraph(table.contents_line)
        line.paragraph_format.space_after = Pt(0)


def _docx_table(document, table: Table) -> None:
    years = table.years
    grid = document.add_table(rows=2 if years else 1, cols=5 + len(years))
    _table_properties(grid)
    for gridcol, width in zip(grid._tbl.tblGrid.gridCol_lst, table.widths, strict=True):
        gridcol.w = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, table.widths, strict=True):
            cell.width = Mm(width)

    labels = [_("Nr."), _("Indsats"), _("Tidspunkt"), _("Politisk behandling"), _("Status")]
    head = grid.rows[0].cells
    if years:
        # Two header rows: the unit over the year columns, so it repeats on every page too.
        for i in range(len(labels)):
            head[i].merge(grid.rows[1].cells[i])
        _cell_text(head[5].merge(head[-1]), _("Beløb i 1.000 kr."), HEAD_NUMBER)
        for cell, year in zip(grid.rows[1].cells[5:], years, strict=True):
            _cell_text(cell, str(year), HEAD_NUMBER)
    for cell, label in zip(head, labels, strict=False):
        _cell_text(cell, label, HEAD)
    for row in grid.rows:
        _row_properties(row, header=True)
        for tc in row._tr.tc_lst:
            shade(tc, HEADER_FILL)
    _rule(grid.rows[-1], "bottom", "404040")

    for item in table.rows:
        cells = _add_row(grid)
        _cell_text(cells[0], item.code)
        title = cells[1].paragraphs[0]
        title.add_run(item.title).bold = True
        if item.process:
            cells[1].add_paragraph(item.process)._p.style = SMALL
        _cell_text(cells[2], item.timing)
        _cell_text(cells[3], item.political)
        status = cells[4].paragraphs[0]
        if item.completed:
            status.add_run("X").bold = True
            status.add_run(" ")
        status.add_run(item.status)
        for cell, value in zip(cells[5:], item.amounts, strict=True):
            _cell_text(cell, value, NUMBER)
        if item.derived:
            # Word keeps a row with the next when its paragraphs are "keep with next".
            for cell in cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
            _rule(grid.rows[-1], "bottom", "nil")
            cells = _add_row(grid)
            _rule(grid.rows[-1], "top", "nil")
            _cell_text(cells[1], _("Afledt drift"), SMALL)
            for cell, value in zip(cells[5:], item.derived, strict=True):
                _cell_text(cell, value, NUMBER)

    if years:
        totals = [(_("I alt"), table.totals)]
        if table.derived_totals:
            totals.append((_("Afledt drift i alt"), table.derived_totals))
        for i, (label, values) in enumerate(totals):
            cells = _add_row(grid)
            _cell_text(cells[1], label, HEAD)
            for cell, value in zip(cells[5:], values, strict=True):
                _cell_text(cell, value, HEAD_NUMBER)
            for cell in cells:
                shade(cell._tc, TOTAL_FILL)
            if i == 0:
                _rule(grid.rows[-1], "top", "404040")


def _add_row(grid):
    """A new body row's cells. Rows are not split across pages: an item reads as one."""
    row = grid.add_row()
    _row_properties(row, header=False)
    # Not row.cells: it walks the whole table each time, quadratic over a long extract.
    cells = [_Cell(tc, grid) for tc in row._tr.tc_lst]
    for cell in cells:
        # Empty cells too: a Normal paragraph's spacing would make the row taller.
        cell._tc.p_lst[0].style = TEXT
    return cells


def _cell_text(cell, text: str, style: str = TEXT) -> None:
    paragraph = cell.paragraphs[0]
    if style != TEXT:  # _add_row gave every cell TEXT already
        paragraph._p.style = style
    if text:
        paragraph.add_run(text)


def _table_properties(grid) -> None:
    table_properties(grid, width_mm=TEXT_WIDTH, rule=RULE, margins=(45, 70))
    look = grid._tbl.tblPr.find(qn("w:tblLook"))
    look.set(qn("w:firstColumn"), "0")


def _row_properties(row, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        # Repeated at the top of every page the table runs over.
        tr_pr.append(OxmlElement("w:tblHeader"))


def _rule(row, edge: str, color: str) -> None:
    """A darker rule on one edge of every cell of the row (under the header, over the totals).

    Color "nil" removes the table's rule there instead (between an item and its derived line).
    """
    for tc in row._tr.tc_lst:
        tc_pr = tc.get_or_add_tcPr()
        borders = tc_pr.find(qn("w:tcBorders"))
        if borders is None:
            borders = OxmlElement("w:tcBorders")
            # tcBorders must precede shd in tcPr.
            shading = tc_pr.find(qn("w:shd"))
            if shading is not None:
                shading.addprevious(borders)
            else:
                tc_pr.append(borders)
        border = OxmlElement(f"w:{edge}")
        if color == "nil":
            border.set(qn("w:val"), "nil")
        else:
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), "8")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), color)
        borders.append(border)
