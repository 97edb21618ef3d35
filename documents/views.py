"""Downloads of the documents Kursen writes: the committee extract, agendas and minutes, and
the agenda with its attachments.

The pages that link here belong to their apps (the plan register, the meetings); the documents
are built here, above them, from what their selectors give. A PDF with `?arkiv=1` is the
archive version (PDF/A-2a as well as PDF/UA-1).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from documents import agenda, extract
from documents import followup as followup_documents
from followup.models import Round
from meetings.access import Access
from meetings.models import Meeting
from organisation.models import Body
from plans import selectors as plan_selectors
from plans.models import Plan

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The kind of document in the address: is it the minutes?
MEETING_DOCUMENTS = {"dagsorden": False, "beslutningsprotokol": True}


def wants_archive(request: HttpRequest) -> bool:
    """The archive version ("Arkivversion (PDF/A)") was asked for: `?arkiv=1`."""
    return request.GET.get("arkiv") == "1"


def archive_filename(filename: str, archive: bool) -> str:
    """'dagsorden-OEK-2024-03-05-arkiv.pdf' for the archive version."""
    return filename.replace(".pdf", "-arkiv.pdf") if archive else filename


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def extract_download(request: HttpRequest, pk: int, abbreviation: str, ext: str) -> HttpResponse:
    """The committee extract as the Word or PDF attachment sent to the committee."""
    plan = get_object_or_404(Plan, pk=pk)
    body = get_object_or_404(Body.objects.committees(), abbreviation=abbreviation)
    sections = plan_selectors.extract_sections(plan=plan, body=body)
    filename = extract.extract_filename(plan=plan, body=body, ext=ext)
    if ext != "pdf":
        return _download(extract.extract_docx(plan=plan, body=body, sections=sections), DOCX,
                         filename)  # fmt: skip
    archive = wants_archive(request)
    return _download(
        extract.extract_pdf(plan=plan, body=body, sections=sections, archive=archive),
        PDF,
        archive_filename(filename, archive),
    )


@require_GET
def meeting_document(
    request: HttpRequest, pk: int, kind: str, variant: str, ext: str
) -> HttpResponse:
    """Agenda or minutes, internal or public version, as PDF or .docx."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if kind not in MEETING_DOCUMENTS or variant not in {"intern", "offentlig"}:
        raise Http404
    public = variant == "offentlig"
    if not public and not Access.for_user(request.user).sees_body(meeting.body_id):
        raise Http404
    minutes = MEETING_DOCUMENTS[kind]
    filename = agenda.agenda_filename(meeting=meeting, minutes=minutes, public=public, ext=ext)
    arguments = {"meeting": meeting, "user": request.user, "public": public, "minutes": minutes}
    if ext != "pdf":
        return _download(agenda.agenda_docx(**arguments), DOCX, filename)
    archive = wants_archive(request)
    return _download(
        agenda.agenda_pdf(**arguments, archive=archive), PDF, archive_filename(filename, archive)
    )


@require_GET
def combined_agenda(request: HttpRequest, pk: int, variant: str) -> HttpResponse:
    """The agenda with its attachments ("samlet dagsorden"), internal or public, as one PDF.

    The internal version holds the attachments the user may open, the public one the open
    attachments only.
    """
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if variant not in {"intern", "offentlig"}:
        raise Http404
    public = variant == "offentlig"
    if not public and not Access.for_user(request.user).sees_body(meeting.body_id):
        raise Http404
    content = agenda.combined_agenda_pdf(meeting=meeting, user=request.user,
                                                  public=public)  # fmt: skip
    filename = agenda.agenda_filename(meeting=meeting, minutes=False, public=public, ext="pdf")
    return _download(content, PDF, filename.replace("dagsorden-", "samlet-dagsorden-", 1))


@require_GET
def status_report(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """A status round's report as PDF or .docx (`?sammenlign=<round>` as on the page)."""
    round = get_object_or_404(Round.objects.select_related("plan"), pk=pk)
    compare_with = None
    wanted = request.GET.get("sammenlign", "")
    if wanted:
        if not wanted.isdigit() or len(wanted) > 9:
            raise Http404
        compare_with = get_object_or_404(
            Round.objects.filter(plan_id=round.plan_id).exclude(pk=round.pk), pk=wanted
        )
    filename = followup_documents.report_filename(round=round, ext=ext)
    if ext != "pdf":
        content = followup_documents.report_docx(round=round, compare_with=compare_with)
        return _download(content, DOCX, filename)
    archive = wants_archive(request)
    content = followup_documents.report_pdf(round=round, archive=archive,
                                            compare_with=compare_with)  # fmt: skip
    return _download(content, PDF, archive_filename(filename, archive))
