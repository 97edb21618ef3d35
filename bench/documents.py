"""A committee's extract of 300 items as Word (.docx) and PDF, as the download view makes it.

Each run does what documents.views.extract_download does: select the extract's sections (own
items and the cross-cutting ones) and render the document. The PDF is set by Typst; its first
run, which loads the fonts, is the warm-up and is not timed. PDF-SIMPLEST is the limit: Typst
printing the same data with bench/simplest.typ (every string a paragraph).
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import data
from bench.measure import Timing, measure
from documents import pdf as engine
from documents.extract import build_extract, extract_data, extract_docx, extract_pdf
from organisation.models import Body
from plans import selectors
from plans.models import Item

ITEMS = 300
COMMITTEE = "AU"
PLAN_NAME = "Bench extract"
SIMPLEST = Path(__file__).resolve().parent / "simplest.typ"


@dataclass
class DocumentResult:
    format: str
    items: int
    timing: Timing
    size_kb: float
    pages: int | None
    # Peak resident set during one run: Kursen's process, and the Typst worker's
    # (documents/typst_worker.py), where Typst's memory is.
    peak_rss: int | None = None
    peak_typst: int | None = None


def run(*, repeat: int, items: int = ITEMS) -> list[DocumentResult]:
    """A plan where AU's extract has `items` items (90 % its own, 10 % cross-cutting)."""
    plan = data.plan_create(PLAN_NAME)
    body = Body.objects.get(abbreviation=COMMITTEE)
    others = list(Body.objects.committees().exclude(pk=body.pk))
    cross_cutting = items // 10
    data.items_add(plan, items - cross_cutting, committees=[body], cross_cutting_share=0,
                   prefix="AU", seed=1)  # fmt: skip
    data.items_add(plan, cross_cutting, committees=others, cross_cutting_share=1, prefix="TV",
                   seed=2)  # fmt: skip
    # Other committees' own items, which the extract must leave out.
    data.items_add(plan, items, committees=others, cross_cutting_share=0, prefix="X", seed=3)
    in_extract = Item.objects.filter(plan=plan).for_extract(body).count()
    if in_extract != items:
        raise RuntimeError(f"the extract has {in_extract} items, not {items}")

    fresh = retitle(Item.objects.filter(plan=plan))
    results = []
    for name, render in (("docx", extract_docx), ("pdf", extract_pdf)):

        def make(render=render) -> bytes:
            sections = selectors.extract_sections(plan=plan, body=body, printed=True)
            return render(plan=plan, body=body, sections=sections)

        timing = measure(make, repeat=repeat, peak_memory=True, before_each=fresh)
        results.append(
            DocumentResult(
                format=name,
                items=in_extract,
                timing=timing,
                size_kb=len(timing.result) / 1024,
                pages=_pdf_pages(timing.result) if name == "pdf" else None,
            )
        )
    sections = selectors.extract_sections(plan=plan, body=body, printed=True)
    prepared = extract_data(build_extract(plan=plan, body=body, sections=sections))
    timing = simplest(engine.printable(prepared), repeat=repeat)
    results.append(DocumentResult(format="pdf-simplest", items=in_extract, timing=timing,
                                  size_kb=len(timing.result) / 1024,
                                  pages=_pdf_pages(timing.result)))  # fmt: skip
    return results


def retitle(queryset) -> Callable[[], None]:
    """An untimed step that gives every row a title of its own for the next run.

    Typst memoizes layout: a run that prints exactly what the last one printed is mostly
    replayed from that cache. A download prints a document that changed since the last one,
    so each timed run prints titles no run printed before.
    """
    rows = list(queryset.only("pk", "title"))
    originals = {row.pk: row.title for row in rows}
    counter = itertools.count()

    def fresh() -> None:
        n = next(counter)
        for row in rows:
            row.title = f"{originals[row.pk]} ({n})"
        queryset.model.objects.bulk_update(rows, ["title"])

    return fresh


def simplest(data: dict, *, repeat: int) -> Timing:
    """The limit: Typst printing `data` with bench/simplest.typ (every string a paragraph,
    PDF/UA-1, the same fonts). Each run's strings carry the run's number, as `retitle`."""
    counter = itertools.count()
    payloads = [json.dumps(_numbered(data, n), ensure_ascii=False) for n in range(repeat + 1)]

    def compile_() -> bytes:
        payload = payloads[next(counter) % len(payloads)]
        return engine.typeset_file(SIMPLEST, payload, standards=["ua-1"])

    return measure(compile_, repeat=repeat)


def _numbered(value, n: int):
    if isinstance(value, str):
        return f"{value} {n}" if value else value
    if isinstance(value, dict):
        return {key: _numbered(item, n) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbered(item, n) for item in value]
    return value


def _pdf_pages(content: bytes) -> int | None:
    try:
        from pypdf import PdfReader  # a development dependency: the page count is a bonus
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(content)).pages)
