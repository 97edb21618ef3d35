"""Reading and importing a generated corpus of agendas, minutes and case extracts.

10,000 documents from ``tests.reading.support.corpus`` (seed 1: single-case extracts as seeds
000/002/003, whole agendas and minutes as seed 004, a share of them as HTML pages) are written
as files to a temporary folder. Then:

- Reading: one full pass over every file with ``reading.reader.read_file`` in this process,
  on one core, timed as a whole and per style; documents whose reading has warnings, and
  files the reader refuses (``ReadError``) or fails on, are counted.
- The PDF share, apart from the corpus: the first PDF_COUNT HTML agendas printed to PDF by
  Typst (tests/reading/support/foreign.py, untimed) and read from their files as the others
  (the reader's PDF path is pypdf's text extraction, much slower than text).
- Import into SQLite: the first IMPORT_COUNT readings through
  ``reading.importer.import_document``, into the benchmark's fresh SQLite database (with the
  demo's bodies loaded), one document after the other as the import command does.
- Import into PostgreSQL: the same documents, in a process of its own on a database of its
  own (kursen_bench_reading) on the server named, created and migrated for the run and dropped
  after it; the process reads the documents again (untimed) and times the imports only.

Wiring (bench/__main__.py)::

    from bench import reading
    result = reading.run(postgres_url=args.portal_database_url)
    lines = reading.table(result)        # the result table, as report.py's tables
    targets = reading.targets(result)    # [bench.report.Target, ...]

Real published material (../shared/corpus, when it is there): per format, one pass on one
core, documents per second, and the share of items whose number, title, case number, closure
and decisions match the source's own structure:

- FirstAgenda JSON (Greve): the structured reader, against the record's raw fields;
- FirstAgenda printed (text as a PDF gives it, with page furniture), as an HTML page and as a
  real PDF (printed by Typst, furniture in the page margins; the first PUBLISHED_PDFS records)
  (tests/reading/support/render.py): the text reader, against the record's reading;
- SBSYS zip: the structured reader, against the XML's raw fields.

Alone, on a fresh SQLite database: ``python -m bench.reading``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "kursen_bench_reading"
COUNT = 10_000
IMPORT_COUNT = 200
PDF_COUNT = 50
SEED = 1
READ_MIN = 200.0  # documents per second, one core
IMPORT_MIN = 20.0  # documents of about ten items per second, into PostgreSQL
PUBLISHED_PDFS = 25


@dataclass
class ReadPart:
    """Reading the files of one kind (or all): how many, how big, how long."""

    name: str
    documents: int = 0
    bytes: int = 0
    seconds: float = 0.0
    warned: int = 0
    refused: int = 0
    failed: int = 0
    items: int = 0  # with truth to compare with: items in it, and items read as generated
    items_right: int = 0

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.bytes / 1024 / 1024 / self.seconds if self.seconds else 0.0


@dataclass
class ImportPart:
    """Importing documents into one database; error is why it did not run, if it did not."""

    database: str
    documents: int = 0
    seconds: float = 0.0
    items: int = 0
    warned: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)
    error: str | None = None

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class PublishedPart:
    """One format of the real corpus: speed, and items matching the source's structure."""

    name: str
    documents: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def share(self, key: str) -> str:
        if key not in self.counts and key != "found":
            return "–"
        return f"{100 * self.counts[key] / max(self.counts['items'], 1):.1f} %"


@dataclass
class CorpusImport:
    """Every real corpus meeting through the store service: what was stored as read."""

    documents: int = 0
    seconds: float = 0.0
    items: int = 0
    stored: int = 0
    closed: int = 0
    closed_stored_closed: int = 0
    decided: int = 0
    decisions_stored: int = 0
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class ReadingResult:
    count: int
    megabytes: float
    generate_seconds: float
    reading: list[ReadPart]
    imports: list[ImportPart]
    failures: Counter = field(default_factory=Counter)
    published: list[PublishedPart] = field(default_factory=list)
    corpus_import: CorpusImport | None = None


def run(
    *,
    postgres_url: str | None,
    count: int = COUNT,
    import_count: int = IMPORT_COUNT,
    pdf_count: int = PDF_COUNT,
) -> ReadingResult:
    """Generate the corpus, read it all, import the first import_count documents into the
    benchmark's database and into PostgreSQL (when postgres_url is given)."""
    with tempfile.TemporaryDirectory(prefix="kursen-bench-corpus-") as name:
        folder = Path(name)
        started = time.perf_counter()
        truth: dict[str, dict] = {}
        documents = []
        for document in _write(folder, count):
            documents.append((document.filename, document.style))
            if document.style == "agenda-html" and len(truth) < pdf_count:
                truth[document.filename] = document.expected
        generate_seconds = time.perf_counter() - started
        size = sum((folder / name).stat().st_size for name, _style in documents)
        reading, parsed, failures = _read_all(folder, documents)
        if pdf_count:
            reading.append(_read_pdfs(folder, truth, failures))
    # The real corpus first, on the database as the demo's bodies leave it, and rolled back:
    # the generated meetings would otherwise share bodies and dates with Greve's (an ØK
    # meeting of 27-11-2024 in both), and the real ones are checked against their own reading.
    corpus_import = _rolled_back(import_published)
    imports = [_import_here(parsed[:import_count])]
    if postgres_url:
        imports.append(_import_postgres(postgres_url, import_count))
    return ReadingResult(
        count=len(documents),
        megabytes=size / 1024 / 1024,
        generate_seconds=generate_seconds,
        reading=reading,
        imports=imports,
        failures=failures,
        published=run_published(),
        corpus_import=corpus_import,
    )


def _rolled_back(work):
    """`work()`'s result, with everything it wrote undone."""
    from django.db import transaction

    with transaction.atomic():
        result = work()
        transaction.set_rollback(True)
    return result


def import_published() -> CorpusImport | None:
    """Store every meeting of ../shared/corpus in the benchmark's database, in file order,
    through reading.services (as the review page and the command do), and check each own
    meeting against its reading: items, closure, decisions."""
    from meetings.models import Meeting
    from reading.reader import read_file
    from reading.services import document_import_store
    from tests.reading.support.shared import firstagenda_files, sbsys_files

    files = firstagenda_files() + sbsys_files()
    if not files:
        return None
    result = CorpusImport()
    for path in files:
        parsed: Any = read_file(path)
        started = time.perf_counter()
        summary = document_import_store(parsed=parsed, user=None)
        result.seconds += time.perf_counter() - started
        result.documents += 1
        if summary.error:
            result.failed.append(f"{path.name}: {summary.error[:120]}")
            continue
        date = (parsed["meeting"] or {}).get("date") or ""
        meeting = Meeting.objects.filter(body__name=parsed["body"], date=date).first()
        stored = {i.number: i for i in meeting.items.all()} if meeting else {}
        for item in parsed["items"]:
            result.items += 1
            got = stored.get(item["number"])
            if got is None:
                result.missing.append(f"{path.name} punkt {item['number']}: {item['title']}")
                continue
            result.stored += 1
            if item["access"] == "closed":
                result.closed += 1
                result.closed_stored_closed += got.closed
            if any(d["date"] == date and d["text"] for d in item["decisions"]):
                result.decided += 1
                result.decisions_stored += bool(got.decision)
    return result


def run_published() -> list[PublishedPart]:
    """Each format of ../shared/corpus read once, timed; nothing when the corpus is absent."""
    import xml.etree.ElementTree as ElementTree
    import zipfile

    from reading.reader import read_bytes
    from tests.reading.support.compare import compare, mismatches
    from tests.reading.support.render import as_html, as_pdf, as_text
    from tests.reading.support.shared import firstagenda_files, sbsys_files

    parts = []
    records = [(path.name, path.read_bytes()) for path in firstagenda_files()]
    if records:
        structured = PublishedPart("FirstAgenda JSON (structured)")
        readings = {}
        for name, data in records:
            started = time.perf_counter()
            readings[name] = read_bytes(data, name)
            structured.seconds += time.perf_counter() - started
            structured.documents += 1
            structured.counts += compare(_raw_firstagenda(json.loads(data)), readings[name])
        parts.append(structured)
        for label, render, suffix in (("printed, PDF text", as_text, ".txt"),
                                      ("HTML page", as_html, ".html")):  # fmt: skip
            part = PublishedPart(f"FirstAgenda {label} (text reader)")
            for name, data in records:
                printed = render(json.loads(data)).encode()
                started = time.perf_counter()
                reading = read_bytes(printed, name.replace(".json", suffix))
                part.seconds += time.perf_counter() - started
                part.documents += 1
                part.counts += compare(readings[name], reading)
                if len(part.examples) < 3:
                    part.examples += [f"{name}: {m[:160]}"
                                      for m in mismatches(readings[name], reading)
                                      if "access" not in m][:1]  # fmt: skip
            parts.append(part)
        # Real PDFs are slower to print (untimed): the first PUBLISHED_PDFS records.
        part = PublishedPart(f"FirstAgenda PDF, first {PUBLISHED_PDFS} (text reader)")
        for name, data in records[:PUBLISHED_PDFS]:
            printed = as_pdf(json.loads(data))
            started = time.perf_counter()
            reading = read_bytes(printed, name.replace(".json", ".pdf"))
            part.seconds += time.perf_counter() - started
            part.documents += 1
            part.counts += compare(readings[name], reading)
        parts.append(part)
    archives = sbsys_files()
    if archives:
        part = PublishedPart("SBSYS zip (structured)")
        for path in archives:
            data = path.read_bytes()
            started = time.perf_counter()
            reading = read_bytes(data, path.name)
            part.seconds += time.perf_counter() - started
            part.documents += 1
            with zipfile.ZipFile(path) as archive:
                xml_name = next(n for n in archive.namelist() if n.endswith(".xml"))
                root = ElementTree.fromstring(archive.read(xml_name))
            part.counts += compare(_raw_sbsys(root), reading)
        parts.append(part)
    return parts


def _raw_firstagenda(record: dict) -> dict:
    """The record's own fields as items (decisions are not fields of the record)."""
    items = []
    for raw in record["Dagsordenpunkter"]:
        title = raw["Navn"]
        closed = title.startswith("Lukket: ")
        items.append({"number": int(raw["Number"]), "title": title[8:] if closed else title,
                      "case_number": raw["SagsNummer"] or None,
                      "access": "closed" if closed else "open", "decisions": None})  # fmt: skip
    return {"items": items}


def _raw_sbsys(root) -> dict:
    items = []
    for raw in root.findall("Agendas/Agenda/Items/Item"):
        items.append({"number": int(raw.findtext("Number")), "title": raw.findtext("Caption"),
                      "case_number": raw.findtext("Case/Number") or None,
                      "access": "open" if raw.findtext("IsPublic") == "True" else "closed",
                      "decisions": None})  # fmt: skip
    return {"items": items}


def _write(folder: Path, count: int):
    from tests.reading.support import corpus

    for document in corpus.generate(count, seed=SEED):
        (folder / document.filename).write_bytes(document.data)
        yield document


# --- Reading ----------------------------------------------------------------------------------

KINDS = {
    "sag": ".txt case extracts, clean (seed 000)",
    "sag-pdf": ".txt case extracts, PDF text (seeds 002/003)",
    "agenda": ".txt agendas and minutes (seed 004)",
    "agenda-pdf": ".txt minutes, PDF text",
    "agenda-html": ".html agendas and minutes",
}


def _read_all(folder: Path, documents: list[tuple[str, str]]):
    """One pass over every file in corpus order; each file's time is added to its kind's."""
    from reading.extract import ReadError
    from reading.reader import read_file

    parts = {style: ReadPart(KINDS[style]) for style in KINDS}
    parsed: list[Any] = []
    failures: Counter = Counter()
    clock = time.perf_counter
    for name, style in documents:
        path = folder / name
        part = parts[style]
        size = path.stat().st_size
        began = clock()
        try:
            result = read_file(path)
        except ReadError as error:
            part.seconds += clock() - began
            part.refused += 1
            failures[f"ReadError: {error.message}"] += 1
        except Exception as error:  # noqa: BLE001 - a crash is counted, not fatal to the run
            part.seconds += clock() - began
            part.failed += 1
            failures[_where(error)] += 1
        else:
            part.seconds += clock() - began
            if result.get("warnings"):
                part.warned += 1
            parsed.append(result)
        part.documents += 1
        part.bytes += size
    total = ReadPart("All documents")
    for part in parts.values():
        for key in ("documents", "bytes", "seconds", "warned", "refused", "failed"):
            setattr(total, key, getattr(total, key) + getattr(part, key))
    return [total, *(p for p in parts.values() if p.documents)], parsed, failures


def _read_pdfs(folder: Path, truth: dict[str, dict], failures: Counter) -> ReadPart:
    """The PDF share, apart: HTML agendas printed to PDF (untimed, by
    tests/reading/support/foreign.py), then read from their files as the others; their items
    are compared with the generated truth."""
    from reading.extract import ReadError
    from reading.reader import read_file
    from tests.reading.support.foreign import html_pdf

    part = ReadPart(f".pdf agendas and minutes (HTML printed to PDF), first {len(truth)}")
    for name, expected in truth.items():
        path = folder / (Path(name).stem + ".pdf")
        path.write_bytes(html_pdf((folder / name).read_text(encoding="utf-8")))
        size = path.stat().st_size
        part.items += len(expected["items"])
        began = time.perf_counter()
        try:
            result = read_file(path)
        except ReadError as error:
            part.seconds += time.perf_counter() - began
            part.refused += 1
            failures[f"ReadError (PDF): {error.message}"] += 1
        except Exception as error:  # noqa: BLE001 - counted, not fatal to the run
            part.seconds += time.perf_counter() - began
            part.failed += 1
            failures[_where(error)] += 1
        else:
            part.seconds += time.perf_counter() - began
            if result.get("warnings"):
                part.warned += 1
            if len(result["items"]) == len(expected["items"]):
                part.items_right += sum(
                    _same_item(got, want)
                    for got, want in zip(result["items"], expected["items"], strict=True)
                )
        part.documents += 1
        part.bytes += size
    return part


def _same_item(got: Any, want: dict) -> bool:
    """As tests/reading/test_corpus.py compares: all the importer stores but section texts
    (and the reader's confidence in its reading), whitespace runs as one space."""

    def squash(value):
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, list):
            return [squash(v) for v in value]
        if isinstance(value, dict):
            # The reading's own confidence is not part of what was generated.
            return {k: squash(v) for k, v in value.items() if k not in {"sections", "confidence"}}
        return value

    return squash(got) == squash(want)


def _where(error: Exception) -> str:
    """The exception and the line of the reader it came from, to group crashes by cause."""
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1] if frames else None
    place = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
    return f"{type(error).__name__}{place}: {str(error)[:80]}"


# --- Importing --------------------------------------------------------------------------------


def _importer():
    try:
        from reading.importer import import_document
    except ImportError as error:
        return None, f"importer not available ({error})"
    return import_document, None


def _import_all(parsed: list[Any], database: str) -> ImportPart:
    """Import the readings one after the other; time the imports only."""
    from meetings.models import AgendaItem

    part = ImportPart(database)
    import_document, missing = _importer()
    if import_document is None:
        part.error = missing
        return part
    before = AgendaItem.objects.count()
    clock = time.perf_counter
    for document in parsed:
        began = clock()
        try:
            summary = import_document(document)
        except Exception as error:  # noqa: BLE001 - counted; the run goes on
            part.seconds += clock() - began
            part.failed += 1
            part.errors[_where(error)] += 1
        else:
            part.seconds += clock() - began
            if summary.error:
                part.failed += 1
                part.errors[summary.error[:100]] += 1
            elif summary.warnings:
                part.warned += 1
        part.documents += 1
    part.items = AgendaItem.objects.count() - before
    return part


def _import_here(parsed: list[Any]) -> ImportPart:
    from django.db import connection

    return _import_all(parsed, f"{connection.vendor} (the benchmark's database)")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _import_postgres(url: str, count: int) -> ImportPart:
    """A process of its own on kursen_bench_reading, created for the run and dropped after."""
    part = ImportPart("PostgreSQL (a database of its own)")
    if not url.startswith(("postgres://", "postgresql://")):
        part.error = "not a PostgreSQL URL"
        return part
    _, missing = _importer()
    if missing:
        part.error = missing
        return part
    import psycopg

    def execute(sql: str) -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)

    try:
        execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        execute(f'CREATE DATABASE "{DATABASE}"')
    except psycopg.Error as error:
        part.error = f"PostgreSQL not available ({str(error).strip()[:80]})"
        return part
    try:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MEDIA_ROOT"}}
        env.update(
            DATABASE_URL=_with_database(url, DATABASE),
            DJANGO_SETTINGS_MODULE="config.settings",
            SECRET_KEY=secrets.token_urlsafe(50),
            PYTHONPATH=str(ROOT),
        )
        with tempfile.TemporaryDirectory(prefix="kursen-bench-media-") as media:
            env["MEDIA_ROOT"] = media
            completed = subprocess.run(
                [sys.executable, "-m", "bench.reading", "--import-here", str(count)],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600,
            )  # fmt: skip
        if completed.returncode != 0:
            part.error = "the import process failed: " + completed.stderr.strip()[-300:]
            return part
        data = json.loads(completed.stdout.strip().splitlines()[-1])
    finally:
        execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    part.documents = data["documents"]
    part.seconds = data["seconds"]
    part.items = data["items"]
    part.warned = data["warned"]
    part.failed = data["failed"]
    part.errors = Counter(data["errors"])
    part.error = data["error"]
    return part


def import_here(count: int) -> dict:
    """(In the PostgreSQL process.) Migrate, load the demo's bodies, read the first count
    documents of the corpus (untimed) and time their import."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench import data
    from reading.reader import read_bytes
    from tests.reading.support import corpus

    call_command("migrate", verbosity=0, interactive=False)
    data.reference_data()
    parsed = []
    for document in corpus.generate(count, seed=SEED):
        try:
            parsed.append(read_bytes(document.data, document.filename))
        except Exception:  # noqa: BLE001 - as the reading pass: what fails is not imported
            continue
    part = _import_all(parsed, "postgresql")
    return {
        "documents": part.documents,
        "seconds": part.seconds,
        "items": part.items,
        "warned": part.warned,
        "failed": part.failed,
        "errors": dict(part.errors),
        "error": part.error,
    }


# --- Report -----------------------------------------------------------------------------------


def table(result: ReadingResult) -> list[str]:
    """The result as report.py prints its tables."""
    from bench.report import _table

    header = ["Reading", "documents", "MB", "s", "docs/s", "MB/s", "warned", "refused",
              "crashed"]  # fmt: skip
    rows = [
        [p.name, f"{p.documents:,}", f"{p.bytes / 1024 / 1024:,.1f}", f"{p.seconds:,.2f}",
         f"{p.per_second:,.0f}", f"{p.mb_per_second:,.2f}", f"{p.warned:,}", f"{p.refused:,}",
         f"{p.failed:,}"]
        for p in result.reading
    ]  # fmt: skip
    for part in result.imports:
        if part.error:
            rows.append([f"Import into {part.database}", part.error, "", "", "", "", "", "", ""])
            continue
        rows.append(
            [f"Import into {part.database}", f"{part.documents:,}", "", f"{part.seconds:,.2f}",
             f"{part.per_second:,.1f}", "", f"{part.warned:,}", "", f"{part.failed:,}"]
        )  # fmt: skip
    notes = [
        f"{result.count:,} generated documents ({result.megabytes:,.1f} MB, "
        f"tests.reading.support.corpus seed {SEED}), written in {result.generate_seconds:.1f} s;",
        "reading: ONE full pass, read_file on each file in turn, one process, one core; the "
        "PDFs are extra,",
        "not in the corpus nor in 'All documents' (Typst's prints of the first HTML agendas).",
        "warned: documents whose reading has warnings; refused: ReadError; crashed: any other "
        "exception",
        "(for imports: refused by the importer or crashed). Imports: the first documents of the "
        "corpus,",
        "one import_document call each, timed without the reading; "
        + ", ".join(
            f"{p.items:,} agenda items stored in {p.database.split()[0]}"
            for p in result.imports
            if not p.error
        ),  # fmt: skip
    ]
    for read_part in result.reading:
        if read_part.items:
            notes.append(
                f"{read_part.name.split(' (')[0]}: {read_part.items_right:,} of "
                f"{read_part.items:,} items read "
                "as generated (number, title, case, access, routing, decisions, attachments)."
            )
    for cause, n in result.failures.most_common(5):
        notes.append(f"Reading failure x{n}: {cause}")
    for part in result.imports:
        for cause, n in part.errors.most_common(3):
            notes.append(f"Import failure ({part.database.split()[0]}) x{n}: {cause}")
    lines = _table("Reading and importing published documents", header, rows, notes)
    if result.published:
        lines += ["", *published_table(result.published)]
    done = result.corpus_import
    if done is not None:
        lines += [
            "",
            f"Real corpus into {_database_name()}: {done.documents} documents in "
            f"{done.seconds:.1f} s ({done.per_second:.1f} docs/s); items stored "
            f"{done.stored:,} of {done.items:,}; closed items stored closed "
            f"{done.closed_stored_closed} of {done.closed}; own decisions stored "
            f"{done.decisions_stored:,} of {done.decided:,}; failed {len(done.failed)}.",
            *[f"  not stored: {line}" for line in done.missing[:5]],
            *[f"  failed: {line}" for line in done.failed[:5]],
        ]
    return lines


def _database_name() -> str:
    from django.db import connection

    return connection.vendor


def published_table(parts: list[PublishedPart]) -> list[str]:
    """Real published material per format: speed, and items matching the source."""
    from bench.report import _table

    header = ["Real corpus", "documents", "docs/s", "items", "found", "title", "case",
              "closure", "closed read open", "decisions"]  # fmt: skip
    rows = [
        [p.name, f"{p.documents:,}", f"{p.per_second:,.1f}", f"{p.counts['items']:,}",
         p.share("found"), p.share("title"), p.share("case_number"), p.share("access"),
         f"{p.counts['closed_read_open']:,}",
         p.share("decisions") if "structured" not in p.name else "–"]
        for p in parts
    ]  # fmt: skip
    notes = [
        "../shared/corpus: Greve's FirstAgenda records (250) and two SBSYS archives; one pass, "
        "one core, reading only.",
        "Structured formats are compared with their raw fields; the printed forms with the "
        "structured reading of the same record.",
        "closure: an item printed without a mark in a meeting with no closed item is read "
        "closed until a person says otherwise,",
        "so open items read closed lower this share by design; 'closed read open' must be 0.",
    ]
    for part in parts:
        notes += [f"{part.name}, e.g.: {example}" for example in part.examples]
    return _table("Reading real published meetings, per format", header, rows, notes)


def targets(result: ReadingResult) -> list:
    """The reading targets as bench.report.Target rows."""
    from bench.report import Target

    total = result.reading[0]
    found = [
        Target(f"Reading >= {READ_MIN:.0f} documents/s on one core",
               f"{total.per_second:,.0f} docs/s", total.per_second >= READ_MIN),
        Target("Every generated document read without a crash",
               f"{total.failed + total.refused:,} of {total.documents:,}",
               total.failed + total.refused == 0),
    ]  # fmt: skip
    for part in result.imports:
        if not part.error:
            found.append(
                Target(f"Import into {part.database.split()[0]} without failures",
                       f"{part.failed:,} of {part.documents:,}", part.failed == 0)
            )  # fmt: skip
    for part in result.imports:
        if not part.error and part.database.startswith("PostgreSQL"):
            found.append(
                Target(f"Import into PostgreSQL >= {IMPORT_MIN:.0f} documents/s",
                       f"{part.per_second:,.1f} docs/s", part.per_second >= IMPORT_MIN)
            )  # fmt: skip
    done = result.corpus_import
    if done is not None:
        found.append(
            Target("Every real corpus meeting stored with its items, closed items closed",
                   f"{done.stored:,} of {done.items:,} items, {done.closed_stored_closed} of "
                   f"{done.closed} closed", done.stored == done.items
                   and done.closed_stored_closed == done.closed and not done.failed)
        )  # fmt: skip
    for published in result.published:
        found.append(
            Target(f"{published.name}: no closed item read as open",
                   f"{published.counts['closed_read_open']:,} of {published.counts['items']:,}",
                   published.counts["closed_read_open"] == 0)
        )  # fmt: skip
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reading",
        description="Read and import a generated corpus on a fresh SQLite database.",
    )
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--import-count", type=int, default=IMPORT_COUNT)
    parser.add_argument("--pdf-count", type=int, default=PDF_COUNT)
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--import-here", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.import_here is not None:
        print(json.dumps(import_here(args.import_here)))
        return 0
    from bench.environment import django_environment

    with django_environment(None):
        from bench import data

        data.reference_data()
        result = run(postgres_url=args.postgres_url, count=args.count,
                     import_count=args.import_count, pdf_count=args.pdf_count)  # fmt: skip
        print("\n".join(table(result)))
        for target in targets(result):
            print(f"{target.name}: {target.measured} {'OK' if target.ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
