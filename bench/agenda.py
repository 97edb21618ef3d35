"""A meeting's agenda of 30 items and 60 attachments as PDF and Word, against LibreOffice.

Each run does what a download of the agenda does: read the agenda as the user may see it
(`meetings.selectors.agenda_for`) and render the document. As a baseline, the same .docx is
converted to PDF by LibreOffice (``soffice --headless --convert-to pdf``), the usual way of
making a PDF of a Word agenda; our PDF should be faster than that. The first run of each is a
warm-up and is not timed (it imports WeasyPrint, or starts LibreOffice's profile).

Wiring (bench/__main__.py)::

    from bench import agenda
    agenda_results = agenda.run(admin=admin, repeat=args.repeat_documents)
    lines = agenda.table(agenda_results)       # the result table, as report.py's tables
    targets = agenda.targets(agenda_results)   # [bench.report.Target, ...]
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.db import transaction

from bench.documents import DocumentResult
from bench.measure import Timing, measure
from documents.agenda import agenda_docx, agenda_pdf
from meetings.models import Absence, AgendaItem, Attachment, Case, CaseRoute, Meeting
from organisation.models import Body, Member

ITEMS = 30
ATTACHMENTS = 60
PDF_MAX = 2.0
DOCX_MAX = 0.5

MEETING_DATE = datetime.date(2023, 12, 5)
EARLIER_DATE = datetime.date(2023, 11, 21)

MEMBERS = [
    ("Borgmester", "Kasper Juul", "V", Member.Role.CHAIR),
    ("", "Jan Petersen", "A", Member.Role.VICE_CHAIR),
    ("", "Anette Ruby Liebe", "A", Member.Role.MEMBER),
    ("", "Sebastian Grauert", "I", Member.Role.MEMBER),
    ("", "Jens Meilvang", "I", Member.Role.MEMBER),
    ("", "Allan Gjersbøl Jørgensen", "A", Member.Role.MEMBER),
    ("", "Lone Sørensen", "F", Member.Role.MEMBER),
]

TITLES = [
    "Budgetopfølgning pr. 30. september 2023",
    "Udmøntningsplan 2024-2027",
    "Strategisk udmøntningsplan 2024-2027",
    "Takster for 2024",
    "Anlægsregnskab for ombygning af Jobcenter Norddjurs",
    "Ansøgning om anlægsbevilling til Skovskolens udvidelse",
    "Kommunikationsplan for råderumsarbejdet",
    "Klimahandlingsplan, status for 2023",
    "Partnerskab med Halmstad om det blå område",
    "Rekruttering og fastholdelse på velfærdsområderne",
    "Lokalplan for boligområde ved Grenaa Havn",
    "Effektiviseringsbidrag 2024, fordeling på udvalg",
    "Budgetoverholdelse på tværs af udvalgene",
    "Samskabelse og borgerinddragelse, ny model",
    "Kompetencefordelingsplan, revision",
]

PRESENTATION = """\
Der er udarbejdet {title} for budget 2024-2027. I lighed med sidste år er der desuden \
udarbejdet en strategisk overbygning, som vil indgå to gange årligt på direktionens \
dagsorden og være en del af direktionens årshjul.

Budgetaftalen indeholder i år relativt mange opgaver, som varierer i tyngde og involvering \
af medarbejdere og politisk niveau. Det vil kræve fokus på ikke at gøre tingene større end \
nødvendigt og få organiseret processerne, så de fuldføres i 2024.

I planen indgår blandt andet:

- Økonomi i det strategiske og kort- og langsigtede perspektiv
  - eftersyn af budgetterne og budget i balance
  - budgetopfølgninger i 2024
- Rekruttering og fastholdelse samt HR, ledelsesudvikling og trivsel
- Klima: Det grønne, Næse for vand, biodiversitet, DK2020 og klimahandlingsplan, herunder \
den nye model for kommunens arbejde med klimatilpasning langs kysten
- Samskabelse, borgerinvolvering og borgerens møde med kommunen

Både den strategiske og den faste plan er dynamiske og bliver løbende udviklet og opdateret. \
De anførte tidspunkter i planen er vejledende og kan blive justeret."""

TREATMENT_TABLE = """\
Direktionen har følgende øvrige punkter til behandling:

| Tid | Punkt |
|---|---|
| 11.00 | Behandling af oplæg til udmøntningsplan 2024-2027. Fagdirektørerne gennemgår planen \
for eget område med afsæt i særlige opmærksomhedspunkter og strategiske hensyn. |
| 11.15 | Kommunikationsplan for råderumsarbejdet. Direktionen drøfter rammerne for arbejdet. |
| 11.30 | Anerkendelse af gennemført DOL. Chef for Ledelsessekretariatet præsenterer punktet. |
| 12.00 | Frokost |
| 12.30-13.00 | Dialogmøde med sundheds- og omsorgschef Anne-Marie Bentzen. |"""

POLICY = """\
Udmøntningen af budgettet tager strategisk udgangspunkt i den politisk vedtagne plan- og \
udviklingsstrategi, herunder styrkepositionerne det blå og det grønne samt bybånd som \
motorer for udvikling, og kystbåndet som porten til oplevelser."""

FINANCES = """\
Sagen har ingen direkte økonomiske konsekvenser. De økonomiske konsekvenser af de enkelte \
indsatser beskrives i dagsordenspunkterne til møderne i de stående udvalg."""

LEGAL = "Lov om kommunernes styrelse, § 18."

RECOMMENDATION = """\
Kommunaldirektøren indstiller, at planen drøftes og godkendes, og at den fremsendes til \
Kommunalbestyrelsen."""


def run(
    *, admin, repeat: int, items: int = ITEMS, attachments: int = ATTACHMENTS
) -> list[DocumentResult]:
    """Median and min of `repeat` runs: agenda PDF, agenda .docx, LibreOffice's PDF of it.

    Returns bench.documents.DocumentResult rows (format "pdf", "docx", "libreoffice-pdf");
    the LibreOffice row is missing when soffice is not installed.
    """
    meeting = meeting_create(items=items, attachments=attachments)
    count = AgendaItem.objects.filter(meeting=meeting).count()
    arguments = {"meeting": meeting, "user": admin, "public": False, "minutes": False}
    results = []
    for name, render in (("docx", agenda_docx), ("pdf", agenda_pdf)):
        timing = measure(lambda render=render: render(**arguments), repeat=repeat)
        results.append(_result(name, count, timing))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        content = agenda_docx(**arguments)
        with tempfile.TemporaryDirectory(prefix="kursen-bench-lo-") as folder:
            folder = Path(folder)
            source = folder / "dagsorden.docx"
            source.write_bytes(content)
            profile = (folder / "profile").as_uri()

            def convert() -> bytes:
                # A fresh output folder per run; one LibreOffice profile (made in the warm-up).
                out = Path(tempfile.mkdtemp(dir=folder))
                subprocess.run(
                    [soffice, f"-env:UserInstallation={profile}", "--headless",
                     "--convert-to", "pdf", "--outdir", str(out), str(source)],
                    check=True, capture_output=True, timeout=300,
                )  # fmt: skip
                return (out / "dagsorden.pdf").read_bytes()

            timing = measure(convert, repeat=repeat)
        results.append(_result("libreoffice-pdf", count, timing))
    return results


def _result(name: str, items: int, timing: Timing) -> DocumentResult:
    pdf = name.endswith("pdf")
    return DocumentResult(
        format=name,
        items=items,
        timing=timing,
        size_kb=len(timing.result) / 1024,
        pages=_pdf_pages(timing.result) if pdf else None,
    )


def _pdf_pages(content: bytes) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(content)).pages)


def table(results: list[DocumentResult]) -> list[str]:
    """The results as report.py prints its tables."""
    from bench.report import _s, _table

    header = ["Format", "items", "median s", "min s", "queries", "KB", "pages"]
    rows = [
        [r.format.upper(), str(r.items), _s(r.timing.median), _s(r.timing.min),
         str(r.timing.queries) if r.format != "libreoffice-pdf" else "",
         f"{r.size_kb:,.0f}", str(r.pages or "")]
        for r in results
    ]  # fmt: skip
    repeat = len(results[0].timing.times) if results else 0
    notes = [
        f"Reading the agenda and rendering it, as the download; median and min of {repeat} runs",
        "after a warm-up. LIBREOFFICE-PDF: the same .docx converted by soffice --headless.",
    ]
    items = results[0].items if results else ITEMS
    return _table(f"Agenda ({items} items, {ATTACHMENTS} attachments)", header, rows, notes)


def targets(results: list[DocumentResult]) -> list:
    """The agenda's targets as bench.report.Target rows."""
    from bench.report import Target

    by_format = {r.format: r for r in results}
    found = []
    pdf, word = by_format.get("pdf"), by_format.get("docx")
    office = by_format.get("libreoffice-pdf")
    if pdf:
        median = pdf.timing.median
        name = f"Agenda PDF of {pdf.items} items <= {PDF_MAX:.0f} s"
        found.append(Target(name, f"{median:.2f} s", median <= PDF_MAX))
    if word:
        median = word.timing.median
        name = f"Agenda .docx of {word.items} items <= {DOCX_MAX} s"
        found.append(Target(name, f"{median:.2f} s", median <= DOCX_MAX))
    if pdf and office:
        ours, theirs = pdf.timing.median, office.timing.median
        name = "Agenda PDF faster than LibreOffice's PDF of the .docx"
        found.append(Target(name, f"{ours:.2f} s vs {theirs:.2f} s", ours < theirs))
    return found


# --- The meeting ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, items: int = ITEMS, attachments: int = ATTACHMENTS) -> Meeting:
    """A finance committee meeting like a real one: cases routed AU, ØK, KB, most decided
    by AU two weeks before, sections with bullets and a table, open and closed attachments,
    three closed items at the end, decisions recorded and minutes approved.

    Needs the demo's bodies (bench.data.reference_data). Attachment rows only, no files.
    """
    ok = Body.objects.get(abbreviation="ØK")
    au = Body.objects.get(abbreviation="AU")
    kb = Body.objects.get(abbreviation="KB")
    members = []
    for position, (title, name, party, role) in enumerate(MEMBERS):
        member, _created = Member.objects.get_or_create(
            body=ok, name=name,
            defaults={"title": title, "party": party, "role": role, "position": position},
        )  # fmt: skip
        members.append(member)
    existing = Meeting.objects.filter(body=ok, date=MEETING_DATE).first()
    if existing:
        return existing
    earlier = Meeting.objects.create(
        body=au, date=EARLIER_DATE, start_time=datetime.time(15, 0),
        end_time=datetime.time(18, 0), place="Mødelokale 1, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )  # fmt: skip
    meeting = Meeting.objects.create(
        body=ok, date=MEETING_DATE, start_time=datetime.time(9, 0),
        end_time=datetime.time(13, 0), place="Mødelokale 250, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )  # fmt: skip
    Absence.objects.create(meeting=meeting, member=members[2], kind=Absence.Kind.APOLOGIES)
    au_members = _au_members(au)
    Absence.objects.create(meeting=earlier, member=au_members[1], kind=Absence.Kind.APOLOGIES)

    per_item, extra = divmod(attachments, items)
    attachment_rows = []
    for number in range(1, items + 1):
        title = TITLES[(number - 1) % len(TITLES)]
        if number > len(TITLES):
            title = f"{title} ({(number - 1) // len(TITLES) + 1})"
        closed = number > items - 3
        case = Case.objects.create(
            number=f"23/{9000 + number}", title=title, closed=closed and number % 2 == 0
        )
        CaseRoute.objects.bulk_create(
            CaseRoute(case=case, body=body, position=i) for i, body in enumerate((au, ok, kb))
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            case=case,
            number=number,
            title=title,
            closed=closed,
            time_slot=f"{9 + number // 6}.{(number % 6) * 10:02d}" if number % 3 == 0 else "",
            participants="Økonomichef Bettina Andersen deltager under punktet."
            if number % 4 == 0
            else "",
            case_presentation=PRESENTATION.format(title=title.lower())
            + ("\n\n" + TREATMENT_TABLE if number % 5 == 0 else ""),
            policy_context=POLICY if number % 2 else "",
            financial_consequences=FINANCES,
            legal_basis=LEGAL if number % 3 == 0 else "",
            recommendation=RECOMMENDATION,
            decision="Anbefales godkendt." if number % 7 else "Drøftet. Sagen genoptages.",
        )
        if number % 6 == 0:
            item.not_participating.add(members[4])
        if number % 3:
            before = AgendaItem.objects.create(
                meeting=earlier, case=case, number=number, title=title, closed=closed,
                recommendation=RECOMMENDATION, decision="Anbefales godkendt.",
            )  # fmt: skip
            if number % 2:
                before.not_participating.add(au_members[0])
        count = per_item + (1 if number <= extra else 0)
        for n in range(1, count + 1):
            index = len(attachment_rows) + 1
            attachment_rows.append(
                Attachment(
                    agenda_item=item,
                    number=n,
                    title=f"Notat om {title.lower()}, bilag {n}",
                    closed=index % 5 == 0,
                    document_number=f"{110000 + index}/23",
                )
            )
    Attachment.objects.bulk_create(attachment_rows)
    return meeting


def _au_members(au: Body) -> list[Member]:
    return [
        Member.objects.get_or_create(body=au, name=name, defaults={"party": party})[0]
        for name, party in (("Jens Meilvang", "I"), ("Sebastian Grauert", "I"))
    ]
