"""Downloads of the documents Kursen writes: the committee extract, agendas and minutes.

The pages that link here belong to their apps (the plan register, the meetings); the documents
are built here, above them, from what their selectors give.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from documents import agenda, extract
from meetings.access import Access
from meetings.models import Meeting
from organisation.models import Body
from plans import selectors as plan_selectors
from plans.models import Plan

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The kind of document in the address: is it the minutes?
MEETING_DOCUMENTS = {"dagsorden": False, "beslutningsprotokol": True}


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
    build = extract.extract_pdf if ext == "pdf" else extract.extract_docx
    return _download(
        build(plan=plan, body=body, sections=sections),
        PDF if ext == "pdf" else DOCX,
        extract.extract_filename(plan=plan, body=body, ext=ext),
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
    build = agenda.agenda_pdf if ext == "pdf" else agenda.agenda_docx
    return _download(
        build(meeting=meeting, user=request.user, public=public, minutes=minutes),
        PDF if ext == "pdf" else DOCX,
        agenda.agenda_filename(meeting=meeting, minutes=minutes, public=public, ext=ext),
    )
