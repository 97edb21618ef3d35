"""Every write of the document import: correcting the reading, storing it, discarding it.

The review page and `kursen import-documents` call these, so the same rights (import_refusal),
the same all-or-nothing import and the same record on the DocumentImport hold for both.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reading.importer import FileSummary, import_document, import_refusal
from reading.models import DocumentImport


class DocumentImportStale(Exception):
    """Someone corrected, stored or discarded the document since the user opened it."""

    def __str__(self) -> str:
        return _(
            "En anden har ændret eller gemt dokumentet, mens du så det igennem. "
            "Her er den nyeste udgave."
        )


def _locked(document: DocumentImport, expected_version: int | None) -> DocumentImport:
    current = DocumentImport.objects.select_for_update().get(pk=document.pk)
    if current.state != DocumentImport.State.READ or (
        expected_version is not None and current.version != expected_version
    ):
        raise DocumentImportStale
    return current


@transaction.atomic
def document_import_correct(
    *,
    document: DocumentImport,
    parsed: dict[str, Any],
    expected_version: int,
    user: User,
) -> DocumentImport:
    """Keep the user's corrections of the reading; nothing is stored in Kursen yet."""
    current = _locked(document, expected_version)
    current.parsed = parsed
    current.version += 1
    current.save(update_fields=["parsed", "version"])
    return current


@transaction.atomic
def document_import_store(
    *,
    parsed: dict[str, Any],
    user: User | None,
    document: DocumentImport | None = None,
    expected_version: int | None = None,
    dry_run: bool = False,
) -> FileSummary:
    """Store a read document in Kursen, all or nothing, if the user may.

    With `document` (the review page), the reading as corrected is kept on it and it is marked
    stored by the user, unless it changed since (DocumentImportStale). Without it (the command),
    only the import runs. A refusal or a failed import comes back as the summary's Danish
    error, and then nothing is written, the corrections neither. `user` None is the operator's
    own command line, which may store anything.
    """
    current = _locked(document, expected_version) if document is not None else None
    refusal = import_refusal(user, parsed) if user is not None else None
    if refusal is not None:
        return FileSummary(source=parsed.get("source") or "", error=refusal, dry_run=dry_run)
    summary = import_document(parsed, user=user, dry_run=dry_run)
    if current is not None and summary.error is None and not dry_run:
        current.parsed = parsed
        current.version += 1
        current.state = DocumentImport.State.STORED
        current.stored_by = user
        current.stored_at = timezone.now()
        current.result = "\n".join([summary.line(), *summary.changes, *summary.warnings])
        current.save()
    return summary


@transaction.atomic
def document_import_discard(
    *, document: DocumentImport, user: User, expected_version: int | None = None
) -> DocumentImport:
    """Throw the reading away: nothing of it is stored, and the record says who discarded it."""
    current = _locked(document, expected_version)
    current.state = DocumentImport.State.DISCARDED
    current.result = _("Kasseret af %(user)s.") % {
        "user": user.get_full_name() or user.get_username()
    }
    current.version += 1
    current.save(update_fields=["state", "result", "version"])
    return current
