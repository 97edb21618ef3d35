"""The results as a plain-text table, with each target marked OK or MISSED."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from bench.documents import DocumentResult
from bench.excel import ExcelResult
from bench.pages import PageResult

# Targets (seconds and ratios). The plan page's are checked at 2,000 items.
PAGE_ITEMS = 2_000
PAGE_MAX = 0.150
PAGE_MAX_RATIO = 1.5
IMPORT_MAX = 3.0
PDF_MAX = 0.5  # the committee extract of 300 items (issue 10)


@dataclass
class Target:
    name: str
    measured: str
    ok: bool


def render(
    *,
    machine: dict[str, str],
    options: dict[str, object],
    pages: list[PageResult],
    excel: ExcelResult | None,
    documents: list[DocumentResult],
    elapsed: float,
    sections: Sequence[list[str]] = (),
    extra_targets: Sequence[Target] = (),
) -> str:
    now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    lines = [f"Kursen benchmark, {now}", ""]
    width = max(len(key) for key in [*machine, *options])
    lines += [f"  {key:<{width}}  {value}" for key, value in {**machine, **options}.items()]
    if pages:
        lines += ["", *_pages_table(pages)]
    if excel:
        lines += ["", *_excel_table(excel)]
    if documents:
        lines += ["", *_documents_table(documents)]
    for section in sections:
        lines += ["", *section]
    targets = [*_targets(pages, excel, documents), *extra_targets]
    if targets:
        lines += ["", *_targets_table(targets)]
    lines += ["", f"Total run time (with data generation): {elapsed:.0f} s"]
    return "\n".join(lines) + "\n"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _s(seconds: float) -> str:
    return f"{seconds:,.2f}"


def _table(title: str, header: list[str], rows: list[list[str]], notes: list[str]) -> list[str]:
    """Columns right-aligned except the first; a title above, notes below."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(w) for cell, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(line(header))
    return [title, rule, line(header), rule, *(line(row) for row in rows), rule, *notes]


def _pages_table(results: list[PageResult]) -> list[str]:
    header = ["Items", "Plan median ms", "min ms", "queries", "KB",
              "Admin median ms", "min ms", "queries", "KB", "Plan/admin"]  # fmt: skip
    rows = [
        [f"{r.items:,}", _ms(r.plan_page.median), _ms(r.plan_page.min),
         str(r.plan_page.queries), f"{r.plan_page_kb:,.0f}", _ms(r.admin.median),
         _ms(r.admin.min), str(r.admin.queries), f"{r.admin_kb:,.0f}", f"{r.ratio:.2f}x"]
        for r in results
    ]  # fmt: skip
    repeat = len(results[0].plan_page.times)
    notes = [
        f"Server time through Django's test client, median and min of {repeat} runs after a "
        "warm-up;",
        "queries counted in the warm-up run. Plan page: first 250 items, grouped, totals over all.",
        "Admin: the item changelist filtered to the same plan, 100 rows per page.",
    ]
    return _table("1. Plan page vs. Django admin changelist", header, rows, notes)


def _excel_table(result: ExcelResult) -> list[str]:
    header = ["Operation", "median s", "min s", "queries", "created", "unchanged"]
    rows = [
        [f"Export {result.items:,} items to .xlsx", _s(result.export.median),
         _s(result.export.min), str(result.export.queries), "", ""],
    ]  # fmt: skip
    for name, timing in (("Import as a new plan", result.import_new),
                         ("Re-import, nothing changed", result.reimport)):  # fmt: skip
        rows.append(
            [name, _s(timing.median), _s(timing.min), str(timing.queries),
             f"{timing.result.created:,}", f"{timing.result.unchanged:,}"]
        )  # fmt: skip
    repeat = len(result.export.times)
    notes = [
        f"Median and min of {repeat} runs after a warm-up; workbook {result.workbook_kb:,.0f} KB.",
        "Each import starts without the plan it creates (deleted between runs, untimed).",
    ]
    return _table(f"2. Excel, {result.items:,} items", header, rows, notes)


def _documents_table(results: list[DocumentResult]) -> list[str]:
    header = ["Format", "items", "median s", "min s", "CPU s", "queries", "KB", "pages",
              "peak MB"]  # fmt: skip
    rows = [
        [r.format.upper(), str(r.items), _s(r.timing.median), _s(r.timing.min),
         _s(r.timing.cpu_median) if r.timing.cpu_median is not None else "",
         str(r.timing.queries), f"{r.size_kb:,.0f}", str(r.pages or ""),
         f"{(r.timing.peak_bytes or 0) / 1024 / 1024:,.0f}"]
        for r in results
    ]  # fmt: skip
    repeat = len(results[0].timing.times)
    notes = [
        f"Selecting the sections and rendering, as the download view; median and min of "
        f"{repeat} runs",
        "after a warm-up. CPU s: median CPU seconds of a run, Kursen's process and the Typst",
        "worker together. Peak MB: Python allocations (tracemalloc) in one extra, untimed run.",
    ]
    return _table("3. Committee extract (AU, own and cross-cutting items)", header, rows, notes)


def _targets(
    pages: list[PageResult], excel: ExcelResult | None, documents: list[DocumentResult]
) -> list[Target]:
    targets = []
    at_size = next((r for r in pages if r.items == PAGE_ITEMS), None)
    if at_size:
        targets += [
            Target(f"Plan page median at {PAGE_ITEMS:,} items <= {PAGE_MAX * 1000:.0f} ms",
                   f"{_ms(at_size.plan_page.median)} ms", at_size.plan_page.median <= PAGE_MAX),
            Target(f"Plan page <= {PAGE_MAX_RATIO}x admin changelist at {PAGE_ITEMS:,} items",
                   f"{at_size.ratio:.2f}x", at_size.ratio <= PAGE_MAX_RATIO),
        ]  # fmt: skip
    if len(pages) > 1:
        counts = [r.plan_page.queries for r in pages]
        targets.append(
            Target("Plan page queries do not grow with the items",
                   " / ".join(str(c) for c in counts), len(set(counts)) == 1)
        )  # fmt: skip
    if excel:
        targets.append(
            Target(f"Import of {excel.items:,} items <= {IMPORT_MAX:.0f} s",
                   f"{_s(excel.import_new.median)} s", excel.import_new.median <= IMPORT_MAX)
        )  # fmt: skip
    pdf = next((r for r in documents if r.format == "pdf"), None)
    if pdf:
        targets.append(
            Target(f"PDF extract of {pdf.items} items <= {PDF_MAX} s",
                   f"{_s(pdf.timing.median)} s", pdf.timing.median <= PDF_MAX)
        )  # fmt: skip
    return targets


def _targets_table(targets: list[Target]) -> list[str]:
    header = ["Target", "measured", "result"]
    rows = [[t.name, t.measured, "OK" if t.ok else "MISSED"] for t in targets]
    return _table("Targets", header, rows, [])
