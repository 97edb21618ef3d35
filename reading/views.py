"""Staff pages for importing published agendas and minutes: upload, check and correct, store."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings.models import Meeting
from organisation.permissions import user_can_edit_any_item, user_is_administrator
from reading import services
from reading.forms import ReviewForm, UploadForm
from reading.importer import import_document, import_refusal
from reading.models import DocumentImport
from reading.reader import ReadError, read_bytes

RECENT = 50


def _require_staff(user) -> None:
    """Administrators and editors import; readers only read."""
    if not user_can_edit_any_item(user):
        raise PermissionDenied


def _imports_for(user):
    """Administrators see every import; an editor their own (the reading holds closed text)."""
    imports = DocumentImport.objects.select_related("uploaded_by", "stored_by")
    return imports if user_is_administrator(user) else imports.filter(uploaded_by=user)


@require_http_methods(["GET", "POST"])
def import_list(request):
    _require_staff(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            parsed = read_bytes(upload.read(), upload.name)
        except ReadError as error:
            form.add_error("document", error.message)
        else:
            document = DocumentImport.objects.create(
                filename=upload.name[:255], size=upload.size, parsed=parsed,
                uploaded_by=request.user,
            )  # fmt: skip
            return redirect("reading:review", pk=document.pk)
    imports = list(_imports_for(request.user)[:RECENT])
    return render(request, "reading/import_list.html", {"form": form, "imports": imports})


@require_http_methods(["GET", "POST"])
def import_review(request, pk: int):
    _require_staff(request.user)
    document = get_object_or_404(_imports_for(request.user), pk=pk)
    if document.state != DocumentImport.State.READ:
        return render(request, "reading/import_done.html", {
            "document": document, "meetings": _meetings_of(document.parsed),
        })  # fmt: skip
    action = request.POST.get("action")
    if request.method == "POST" and action == "discard":
        try:
            services.document_import_discard(document=document, user=request.user)
        except services.DocumentImportStale as stale:
            messages.error(request, str(stale))
            return redirect("reading:review", pk=document.pk)
        messages.success(request, _("%(file)s er kasseret; intet er gemt.")
                         % {"file": document.filename})  # fmt: skip
        return redirect("reading:list")
    form = ReviewForm(request.POST or None, reading=document.parsed, version=document.version)
    error = None
    if request.method == "POST" and form.is_valid():
        parsed = form.parsed()
        try:
            if action == "store":
                error = services.document_import_store(
                    parsed=parsed, user=request.user, document=document,
                    expected_version=form.cleaned_data["version"],
                ).error  # fmt: skip
                current = document
            else:
                current = services.document_import_correct(
                    document=document, parsed=parsed,
                    expected_version=form.cleaned_data["version"], user=request.user,
                )  # fmt: skip
        except services.DocumentImportStale as stale:
            messages.error(request, str(stale))
            return redirect("reading:review", pk=document.pk)
        if error is None and action == "store":
            messages.success(request, _("%(file)s er gemt i Kursen.")
                             % {"file": document.filename})  # fmt: skip
            return redirect("reading:review", pk=document.pk)
        if error is None and action != "preview":
            return redirect("reading:review", pk=document.pk)
        document = current
        if error is None:  # the corrections are saved: the form continues from them
            form = ReviewForm(reading=document.parsed, version=document.version)
        else:
            form = ReviewForm(request.POST, reading=document.parsed, version=document.version)
            form.is_valid()
    # What storing would do is shown only when asked for (a POST: a GET never runs an import)
    # and only when this user may store the document: otherwise the dry run would answer
    # questions about what the user may not see ("afviger fra den gemte").
    refusal = import_refusal(request.user, document.parsed)
    preview = None
    if request.method == "POST" and action == "preview" and error is None and refusal is None:
        preview = import_document(document.parsed, user=request.user, dry_run=True)
    return render(request, "reading/import_review.html", {
        "document": document, "form": form, "preview": preview, "error": error,
        "refusal": refusal,
    })  # fmt: skip


def _meetings_of(parsed: dict) -> list[Meeting]:
    """The meetings a stored document went into, for links on the result page."""
    wanted = set()
    meeting = parsed.get("meeting") or {}
    if parsed.get("body") and meeting.get("date"):
        wanted.add((parsed["body"].casefold(), meeting["date"]))
    for item in parsed.get("items") or []:
        for decision in item["decisions"]:
            if decision.get("date"):
                wanted.add((decision["body"].casefold(), decision["date"]))
    dates = {date for _body, date in wanted}
    candidates = Meeting.objects.filter(date__in=dates).select_related("body")
    return [m for m in candidates if (m.body.name.casefold(), m.date.isoformat()) in wanted]
