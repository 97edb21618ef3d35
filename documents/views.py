"""Downloads of the documents Kursen writes: the committee extract, agendas and minutes, and
the agenda with its attachments.

The pages that link here belong to their apps (the plan register, the meetings); the documents
are built here, above them, from what their selectors give. A PDF with `?arkiv=1` is the
archive version (PDF/A-2a as well as PDF/UA-1).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from documents import agenda, extract, strategy, workplan
from documents import followup as followup_documents
from followup.models import Round
from meetings.access import Access
from meetings.models import Meeting
from organisation.models import Body
from plans import selectors as plan_selectors
from plans.forms import StrategyYearForm
from plans.models import Plan
from workplans.selectors import FIRST_YEAR, LAST_YEAR, workplan_for

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
    sections = plan_selectors.extract_sections(plan=plan, body=body, printed=True)
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
def strategy_download(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """The strategic plan with the course of the year asked for (?aar=2026), as PDF or .docx;
    `?status=1` gives the status version at today's date, as the board reviews it."""
    plan = get_object_or_404(Plan, pk=pk)
    form = StrategyYearForm(request.GET or None, plan=plan)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            " ".join(str(error) for error in form.errors["aar"]), content_type="text/plain"
        )
    year = (form.cleaned_data.get("aar") if form.is_bound else None) or (
        plan_selectors.strategy_default_year(plan)
    )
    status_on = timezone.localdate() if request.GET.get("status") == "1" else None
    filename = strategy.strategy_filename(plan=plan, year=year, ext=ext, status_on=status_on)
    if ext != "pdf":
        return _download(
            strategy.strategy_docx(plan=plan, year=year, status_on=status_on), DOCX, filename
        )
    archive = wants_archive(request)
    content = strategy.strategy_pdf(plan=plan, year=year, status_on=status_on, archive=archive)
    return _download(content, PDF, archive_filename(filename, archive))


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
def workplan_download(request: HttpRequest, body_pk: int, year: int, ext: str) -> HttpResponse:
    """The committee's work plan as PDF or .docx, as the user may see it (closed cases on its
    meetings through the access gate, as on the page)."""
    if len(str(year)) != 4 or not FIRST_YEAR <= int(year) <= LAST_YEAR or len(str(body_pk)) > 9:
        raise Http404
    body = get_object_or_404(Body, pk=int(body_pk))
    plan = workplan_for(body=body, year=int(year), user=request.user)
    filename = workplan.workplan_filename(plan=plan, ext=ext)
    if ext != "pdf":
        return _download(workplan.workplan_docx(plan=plan), DOCX, filename)
    archive = wants_archive(request)
    return _download(
        workplan.workplan_pdf(plan=plan, archive=archive), PDF, archive_filename(filename, archive)
    )


def cycle_download(request: HttpRequest, year: str) -> HttpResponse:
    """The annual cycle of a year (of one body with ?udvalg=ØK) as a PDF: wheel and list."""
    import datetime

    from django.utils import timezone

    from documents import cycle

    number = int(year)
    if not 1900 <= number <= 2200:
        raise Http404
    body = None
    if request.GET.get("udvalg"):
        body = Body.objects.filter(abbreviation=request.GET["udvalg"][:20]).first()
        if body is None:
            raise Http404
    today: datetime.date = timezone.localdate()
    archive = wants_archive(request)
    content = cycle.cycle_pdf(year=number, body=body, today=today, archive=archive)
    return _download(
        content, PDF, archive_filename(cycle.cycle_filename(year=number, body=body), archive)
    )


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
