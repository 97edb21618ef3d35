"""A committee's extract of 300 items as Word (.docx) and PDF, as the download view makes it.

Each run does what plans.views.extract_download does: select the extract's sections (own items
and the cross-cutting ones) and render the document. The PDF is set by WeasyPrint; its first
run, which imports WeasyPrint, is the warm-up and is not timed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from bench import data
from bench.measure import Timing, measure
from documents.extract import extract_docx, extract_pdf
from organisation.models import Body
from plans import selectors
from plans.models import Item

ITEMS = 300
COMMITTEE = "AU"
PLAN_NAME = "Bench extract"


@dataclass
class DocumentResult:
    format: str
    items: int
    timing: Timing
    size_kb: float
    pages: int | None


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

    results = []
    for name, render in (("docx", extract_docx), ("pdf", extract_pdf)):

        def make(render=render) -> bytes:
            sections = selectors.extract_sections(plan=plan, body=body)
            return render(plan=plan, body=body, sections=sections)

        timing = measure(make, repeat=repeat, peak_memory=True)
        results.append(
            DocumentResult(
                format=name,
                items=in_extract,
                timing=timing,
                size_kb=len(timing.result) / 1024,
                pages=_pdf_pages(timing.result) if name == "pdf" else None,
            )
        )
    return results


def _pdf_pages(content: bytes) -> int | None:
    try:
        from pypdf import PdfReader  # a development dependency: the page count is a bonus
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(content)).pages)
