"""Excel export of a plan of 2,000 items, its import as a new plan, and a re-import.

The import is timed as the upload view runs it (plans.excel.plan_import_xlsx: read, check
every row, write in one transaction with history). Each timed import starts from the same
state: the plan it created the time before is deleted first, untimed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from bench import data
from bench.measure import Timing, measure
from plans.excel import ImportResult, plan_export_xlsx, plan_import_xlsx
from plans.models import Item, Plan

ITEMS = 2_000
PLAN_NAME = "Bench Excel"


@dataclass
class ExcelResult:
    items: int
    export: Timing
    import_new: Timing
    reimport: Timing
    workbook_kb: float


def run(*, admin: User, repeat: int, items: int = ITEMS) -> ExcelResult:
    source = data.plan_create(PLAN_NAME)
    data.items_add(source, items, seed=items + 1)

    def export() -> bytes:
        return plan_export_xlsx(plan=source, items=Item.objects.filter(plan=source).in_plan_order())

    exported = measure(export, repeat=repeat)
    workbook = exported.result
    # The workbook names the plan; renamed, the source no longer matches, so importing the
    # workbook creates a new plan of that name with all its items.
    Plan.objects.filter(pk=source.pk).update(name=f"{PLAN_NAME} (source)")

    def import_workbook() -> ImportResult:
        upload = SimpleUploadedFile("plan.xlsx", workbook, content_type="application/octet-stream")
        return plan_import_xlsx(file=upload, user=admin)

    imported = measure(import_workbook, repeat=repeat, before_each=_delete_imported)
    _check(imported.result, created=items)
    _delete_imported()
    import_workbook()
    reimported = measure(import_workbook, repeat=repeat)
    _check(reimported.result, created=0, unchanged=items)
    return ExcelResult(
        items=items,
        export=exported,
        import_new=imported,
        reimport=reimported,
        workbook_kb=len(workbook) / 1024,
    )


@transaction.atomic
def _delete_imported() -> None:
    """Delete the plan an import created; its items first, as headings are RESTRICTed."""
    Item.objects.filter(plan__name=PLAN_NAME).delete()
    Plan.objects.filter(name=PLAN_NAME).delete()


def _check(result: ImportResult, *, created: int, unchanged: int = 0) -> None:
    """Stop if the import did something else than expected: its time would mean nothing."""
    got = (result.created, result.updated, result.unchanged)
    if got != (created, 0, unchanged):
        raise RuntimeError(f"import gave created/updated/unchanged {got}")
