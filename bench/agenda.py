"""A meeting's agenda of 30 items and 60 attachments as PDF and Word, against LibreOffice;
the agenda with 60 five-page attachment PDFs merged; a council's 200-item budget meeting; and
the limit, Typst printing the same data with the simplest template.

Each run does what a download of the agenda does: read the agenda as the user may see it
(`meetings.selectors.agenda_for`) and render the document. As a baseline, the same .docx is
converted to PDF by LibreOffice (``soffice --headless --convert-to pdf``), the usual way of
making a PDF of a Word agenda; our PDF should be at least 5x faster than that. The first run of
each is a warm-up and is not timed (it loads the fonts, or starts LibreOffice's profile).
Peak memory is the growth of the process's resident set during one run (Typst allocates
outside Python, so tracemalloc would not see it).

Wiring (bench/__main__.py)::

    from bench import agenda
    agenda_results = agenda.run(admin=admin, repeat=args.repeat_documents)
    lines = agenda.table(agenda_results)       # the result table, as report.py's tables
    targets = agenda.targets(agenda_results)   # [bench.report.Target, ...]
"""

from __future__ import annotations

import datetime
import functools
import io
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings

from bench.documents import DocumentResult, retitle, simplest
from bench.measure import Timing, measure
from documents import pdf as engine
from documents.agenda import agenda_docx, agenda_pdf, build_agenda, combined_agenda_pdf
from documents.agenda.pdf import agenda_data
from meetings.models import Absence, AgendaItem, Attachment, Case, CaseRoute, Meeting
from organisation.models import Body, Member

ITEMS = 30
ATTACHMENTS = 60
ATTACHMENT_PAGES = 5
BUDGET_ITEMS = 200  # a council's budget meeting
GROWTH_ITEMS = 100  # between the two, to show how time and memory grow
PDF_MAX = 0.3
DOCX_MAX = 0.5
LIBREOFFICE_RATIO = 5.0  # our PDF at least this many times faster than LibreOffice's
COMBINED_MAX = 2.0
SIMPLEST = Path(__file__).resolve().parent / "simplest.typ"

MEETING_DATE = datetime.date(2023, 12, 5)
BUDGET_DATE = datetime.date(2023, 10, 10)
GROWTH_DATE = datetime.date(2023, 11, 7)

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
    """Median and min of `repeat` runs of each document, all measured in this one run.

    Returns bench.documents.DocumentResult rows: "docx", "pdf", "pdf-simplest" (the limit),
    "libreoffice-pdf" (missing when soffice is not installed), "combined-pdf" (the agenda
    with its attachments merged), "pdf-100", "pdf-200" and "pdf-200-simplest" (the budget meeting).
    """
    meeting = meeting_create(items=items, attachments=attachments)
    count = AgendaItem.objects.filter(meeting=meeting).count()
    arguments = {"meeting": meeting, "user": admin, "public": False, "minutes": False}
    fresh = retitle(AgendaItem.objects.filter(meeting=meeting))
    results = []
    for name, render in (("docx", agenda_docx), ("pdf", agenda_pdf)):
        build = functools.partial(render, **arguments)
        timing = measure(build, repeat=repeat, before_each=fresh)
        results.append(_result(name, count, timing, rss=_peak_rss(build)))
    results.append(_result("pdf-simplest", count, _simplest(arguments, repeat)))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        content = agenda_docx(**arguments)
        with tempfile.TemporaryDirectory(prefix="kursen-bench-lo-") as name:
            folder = Path(name)
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

    with tempfile.TemporaryDirectory(prefix="kursen-bench-media-") as media:
        with override_settings(MEDIA_ROOT=media):
            attachment_files_add(meeting)

            def combined() -> bytes:
                return combined_agenda_pdf(meeting=meeting, user=admin, public=False)

            timing = measure(combined, repeat=repeat, before_each=fresh)
            results.append(_result("combined-pdf", count, timing, rss=_peak_rss(combined)))

    # The growth: 30 items above, then 100, then the budget meeting's 200.
    for size, date in ((GROWTH_ITEMS, GROWTH_DATE), (BUDGET_ITEMS, BUDGET_DATE)):
        budget = meeting_create(items=size, attachments=2 * size, date=date)
        budget_arguments = {**arguments, "meeting": budget}
        budget_count = AgendaItem.objects.filter(meeting=budget).count()
        build = functools.partial(agenda_pdf, **budget_arguments)
        fresh_titles = retitle(AgendaItem.objects.filter(meeting=budget))
        timing = measure(build, repeat=repeat, before_each=fresh_titles)
        rss = _peak_rss(build)
        results.append(_result(f"pdf-{size}", budget_count, timing, rss=rss))
    results.append(_result("pdf-200-simplest", budget_count, _simplest(budget_arguments, repeat)))
    return results


def _simplest(arguments: dict, repeat: int) -> Timing:
    """The limit: the agenda's data printed by bench/simplest.typ (bench.documents.simplest);
    the data is prepared once, untimed, so this is the engine's floor."""
    return simplest(engine.printable(agenda_data(build_agenda(**arguments))), repeat=repeat)


def _peak_rss(run) -> tuple[int, int]:
    """The peak resident sets during one run, sampled every 2 ms: Kursen's process (Python and
    Django) and the Typst worker's (documents/typst_worker.py), where Typst's memory is.

    A flat memory shows as the same server peak for 30 and 200 items; the worker's peak is
    what Typst holds for one document, bounded between documents by pdf.WORKER_LIMIT.
    """
    peak, worker = _rss(), _rss(engine.worker_pid())
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, worker
        while not done.is_set():
            peak, worker = max(peak, _rss()), max(worker, _rss(engine.worker_pid()))
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run()
    finally:
        done.set()
        sampler.join()
    return max(peak, _rss()), max(worker, _rss(engine.worker_pid()))


def _rss(pid: int | str | None = "self") -> int:
    if pid is None:
        return 0
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * 4096
    except OSError:  # the worker was replaced between two samples
        return 0


def _result(name: str, items: int, timing: Timing, *, rss: tuple[int, int] | None = None
            ) -> DocumentResult:  # fmt: skip
    pdf = "pdf" in name
    return DocumentResult(
        format=name,
        items=items,
        timing=timing,
        size_kb=len(timing.result) / 1024,
        pages=_pdf_pages(timing.result) if pdf else None,
        peak_rss=rss[0] if rss else None,
        peak_typst=rss[1] if rss else None,
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

    by_format = {r.format: r for r in results}
    header = ["Document", "items", "median s", "min s", "CPU s", "KB", "pages", "s/page",
              "RSS MB", "Typst MB", "vs limit"]  # fmt: skip
    limits = {"pdf": "pdf-simplest", "pdf-200": "pdf-200-simplest"}
    rows = []
    for r in results:
        limit = by_format.get(limits.get(r.format, ""))
        rows.append([
            r.format.upper(), str(r.items), _s(r.timing.median), _s(r.timing.min),
            _s(r.timing.cpu_median) if r.timing.cpu_median is not None else "",
            f"{r.size_kb:,.0f}", str(r.pages or ""),
            f"{r.timing.median / r.pages * 1000:.1f} ms" if r.pages else "",
            f"{r.peak_rss / 1024 / 1024:,.0f}" if r.peak_rss is not None else "",
            f"{r.peak_typst / 1024 / 1024:,.0f}" if r.peak_typst is not None else "",
            _ratio(r.timing, limit.timing) if limit else "",
        ])  # fmt: skip
    repeat = len(results[0].timing.times) if results else 0
    notes = [
        f"Reading the agenda and rendering it, as the download; median and min of {repeat} runs",
        "after a warm-up; CPU s: median CPU seconds, Kursen's process and the Typst worker",
        "(not LibreOffice's, a process of its own). LIBREOFFICE-PDF: the same .docx converted",
        "by soffice --headless.",
        f"COMBINED-PDF: the agenda with {ATTACHMENTS} attachment PDFs of {ATTACHMENT_PAGES} pages "
        "merged after their items.",
        "*-SIMPLEST: Typst printing the same data with bench/simplest.typ (every string a",
        "paragraph, PDF/UA-1), the engine's floor; 'vs limit' is the real template's multiple",
        "(wall clock / CPU).",
        "RSS MB: Kursen's process's peak resident set during one run; Typst MB: the Typst",
        "worker's (documents/typst_worker.py), replaced when past pdf.WORKER_LIMIT.",
        "Every timed run prints titles no earlier run printed (Typst replays unchanged layout).",
    ]
    items = results[0].items if results else ITEMS
    return _table(f"Agenda ({items} items, {ATTACHMENTS} attachments)", header, rows, notes)


def _ratio(timing: Timing, limit: Timing) -> str:
    """'2.1x / 1.9x': the multiple of the limit by the wall clock and by CPU time."""
    wall = f"{timing.median / limit.median:.1f}x"
    if timing.cpu_median and limit.cpu_median:
        return f"{wall} / {timing.cpu_median / limit.cpu_median:.1f}x"
    return wall


def targets(results: list[DocumentResult]) -> list:
    """The agenda's targets as bench.report.Target rows."""
    from bench.report import Target

    by_format = {r.format: r for r in results}
    found = []
    pdf, word = by_format.get("pdf"), by_format.get("docx")
    office, combined = by_format.get("libreoffice-pdf"), by_format.get("combined-pdf")
    if pdf:
        median = pdf.timing.median
        name = f"Agenda PDF of {pdf.items} items <= {PDF_MAX} s"
        found.append(Target(name, f"{median:.2f} s", median <= PDF_MAX))
    if word:
        median = word.timing.median
        name = f"Agenda .docx of {word.items} items <= {DOCX_MAX} s"
        found.append(Target(name, f"{median:.2f} s", median <= DOCX_MAX))
    if pdf and office:
        ratio = office.timing.median / pdf.timing.median
        name = f"Agenda PDF >= {LIBREOFFICE_RATIO:.0f}x faster than LibreOffice's PDF of the .docx"
        found.append(Target(name, f"{ratio:.1f}x", ratio >= LIBREOFFICE_RATIO))
    if combined:
        median = combined.timing.median
        name = (f"Agenda with {ATTACHMENTS} attachments of {ATTACHMENT_PAGES} pages merged "
                f"<= {COMBINED_MAX:.0f} s")  # fmt: skip
        found.append(Target(name, f"{median:.2f} s", median <= COMBINED_MAX))
    return found


# --- The meeting ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, items: int = ITEMS, attachments: int = ATTACHMENTS, date: datetime.date = MEETING_DATE
) -> Meeting:
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
    existing = Meeting.objects.filter(body=ok, date=date).first()
    if existing:
        return existing
    earlier = Meeting.objects.create(
        body=au, date=date - datetime.timedelta(days=14), start_time=datetime.time(15, 0),
        end_time=datetime.time(18, 0), place="Mødelokale 1, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )  # fmt: skip
    meeting = Meeting.objects.create(
        body=ok, date=date, start_time=datetime.time(9, 0),
        end_time=datetime.time(13, 0), place="Mødelokale 250, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )  # fmt: skip
    Absence.objects.create(meeting=meeting, member=members[2], kind=Absence.Kind.APOLOGIES)
    au_members = _au_members(au)
    Absence.objects.create(meeting=earlier, member=au_members[1], kind=Absence.Kind.APOLOGIES)

    per_item, extra = divmod(attachments, items)
    attachment_rows: list[Attachment] = []
    for number in range(1, items + 1):
        title = TITLES[(number - 1) % len(TITLES)]
        if number > len(TITLES):
            title = f"{title} ({(number - 1) // len(TITLES) + 1})"
        closed = number > items - 3
        case = Case.objects.create(
            number=f"{date:%y}{date:%m}/{9000 + number}", title=title,
            closed=closed and number % 2 == 0,
        )  # fmt: skip
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


def attachment_files_add(meeting: Meeting) -> None:
    """A PDF of ATTACHMENT_PAGES pages for every attachment of the meeting, each its own."""
    import typst

    for attachment in Attachment.objects.filter(agenda_item__meeting=meeting):
        pages = "\n#pagebreak()\n".join(
            f"= {attachment.title}\n\nSide {n} af bilaget. " + "Tekst i bilaget. " * 120
            for n in range(1, ATTACHMENT_PAGES + 1)
        )
        content = typst.compile(pages.encode())
        attachment.filename = f"bilag-{attachment.pk}.pdf"
        attachment.content_type = "application/pdf"
        attachment.file.save(attachment.filename, ContentFile(content), save=True)
