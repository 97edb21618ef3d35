"""The public portal: bodies, their meetings, published agendas and minutes, open attachments
and iCalendar feeds, for anyone without logging in.

What of an agenda the public sees is decided by the access gate, `meetings.access`, for the
public (`Access.public()`), through `meetings.selectors.agenda_for(public=True)` and
`access_meeting`/`access_attachment`; these views never look at closed content themselves.
Every view is read only and open to anonymous visitors (`login_not_required`).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db.models import F
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from danish.formatting import ascii_slug
from meetings import ical
from meetings.access import Access, access_attachment, access_meeting
from meetings.models import (
    Attachment,
    Meeting,
    MeetingState,
)
from meetings.selectors import agenda_for, meetings_in_period
from organisation.models import Body, Municipality
from search.forms import SearchForm

# Upcoming meetings shown per body on the front page.
NEXT_MEETINGS = 3
# Latest agendas and minutes on the front page.
LATEST_MEETINGS = 10
# A rendered agenda is kept this long at most; any change to the agenda changes its key first
# (see _agenda_key); the timeout bounds how long e.g. a member's new title edited in the admin
# lingers.
CACHE_SECONDS = 300
# Bumped when the agenda template changes, so a shared cache never serves the old markup.
CACHE_LAYOUT = 1
# Feeds cover last year's meetings and every one planned ahead.
FEED_YEARS_BACK = 1

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# URL word -> minutes; "referat" stays for links made before the glossary (danish/glossary.py).
DOCUMENT_KINDS = {"dagsorden": False, "beslutningsprotokol": True, "referat": True}
COMBINED_KIND = "samlet-dagsorden"  # the agenda with its open attachments, one PDF


def body_key(body: Body) -> str:
    """The body's part of its portal URL: its abbreviation as a slug ("ØK" -> "oek")."""
    slug = ascii_slug(body.abbreviation)
    return slug if slug and not slug.isdigit() else str(body.pk)


def _body_or_404(key: str) -> Body:
    """The body named by its slug or, for old or odd links, its pk."""
    if key.isdigit():
        return get_object_or_404(Body, pk=int(key))
    for body in Body.objects.all():
        if body_key(body) == key:
            return body
    raise Http404


@login_not_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The bodies with their next meetings, and the latest agendas and minutes."""
    today = timezone.localdate()
    bodies = list(Body.objects.all())
    # A planned meeting is listed by its date only: its agenda is not out yet.
    upcoming = (
        Meeting.objects.filter(date__gte=today)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("body_id")],
                order_by=[F("date").asc(), F("start_time").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=NEXT_MEETINGS)
        .order_by("date", "start_time", "pk")
    )
    by_body: dict[int, list[Meeting]] = {}
    for meeting in upcoming:
        by_body.setdefault(meeting.body_id, []).append(meeting)
    latest = (
        Meeting.objects.public()
        .filter(date__lte=today)
        .select_related("body")
        .order_by("-date", "-start_time", "-pk")[:LATEST_MEETINGS]
    )
    context = {
        "bodies": [(body, by_body.get(body.pk, [])) for body in bodies],
        "latest": latest,
    }
    return _render(request, "portal/index.html", context)


@login_not_required
@require_safe
def body_detail(request, key: str):
    """A body's members and its meetings of one year (?aar=2025), with its calendar feed."""
    body = _body_or_404(key)
    if body_key(body) != key:
        return redirect("portal:body", key=body_key(body), permanent=True)
    years = [day.year for day in Meeting.objects.filter(body=body).dates("date", "year")]
    year = _year(request.GET.get("aar"), years)
    meetings = (
        Meeting.objects.filter(
            body=body, date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31)
        )
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )
    context = {
        "body": body,
        "members": body.members.filter(active=True).order_by("position", "name"),
        "years": years,
        "year": year,
        "meetings": meetings,
        "today": timezone.localdate(),
    }
    return _render(request, "portal/body_detail.html", context)


def _year(text: str | None, years: list[int]) -> int:
    """The year asked for; else this year when it has meetings, else the latest that has."""
    try:
        year = int(text or "")
    except ValueError:
        year = 0
    if 1900 <= year <= 2999:
        return year
    this_year = timezone.localdate().year
    if this_year in years or not years:
        return this_year
    earlier = [y for y in years if y < this_year]
    return max(earlier) if earlier else min(years)


def _public_meeting_or_404(pk: int) -> Meeting:
    """A meeting whose agenda is sent out (a planned one does not exist for the public)."""
    return access_meeting(Access.public(), pk)


def _agenda_key(meeting: Meeting, *parts: str) -> str:
    """A cache key naming this version of the meeting's public agenda.

    Every write that changes what an agenda shows goes through meetings.services, which
    stamps `updated_at` on the meeting and on every meeting treating the same cases (their
    agendas show its decisions). So closing an item, a case or an attachment changes the key
    in the same transaction, and a page with formerly open content is never served again.
    """
    version = f"{meeting.updated_at.isoformat()}|{meeting.state}|{meeting.body.name}"
    digest = hashlib.sha256(version.encode()).hexdigest()[:32]
    return ":".join(["portal", str(CACHE_LAYOUT), *parts, str(meeting.pk), digest])


def _municipality():
    """The municipality for the page header, from the cache. (The site's context processor
    would ask the database each time base.html names it; the portal's pages must be cheap.)"""
    return cache.get_or_set(
        "portal:municipality", Municipality.objects.first, _setting("CACHE_SECONDS")
    )


def _coat_of_arms_url(municipality: Municipality | None) -> str:
    """The address of the kommune's arms among the static files; empty when none is set or
    the file is missing (a wrong setting must not break every public page)."""
    path = municipality.coat_of_arms if municipality is not None else ""
    if not path:
        return ""
    try:
        return staticfiles_storage.url(path)
    except ValueError:  # not in the manifest of collected static files
        return ""


def _render(request, template: str, context: dict) -> HttpResponse:
    municipality = _municipality()
    return render(
        request,
        template,
        {"municipality": municipality, "coat_of_arms": _coat_of_arms_url(municipality), **context},
    )


@login_not_required
@require_safe
def meeting_detail(request, pk: int):
    """The published agenda, and the decisions once the minutes are approved.

    The page is the same for every visitor without login, so it is rendered once per version
    of the meeting and served from the cache: reused for FRESH_SECONDS without a query, then
    checked against the meeting's version (one query). For a logged-in user (whose name is in
    the header) the version is read each time and only the agenda part comes from the cache.
    """
    meeting = _public_meeting_or_404(pk)
    if request.user.is_authenticated:
        return HttpResponse(_meeting_page(request, meeting))
    key = _agenda_key(meeting, "page")
    page = cache.get(key)
    if page is None:
        # Nothing of this visitor's may go into a page served to all: no CSRF token (the
        # portal has no forms), no pending messages.
        page = _meeting_page(request, meeting, csrf_token="", messages=())
        cache.set(key, page, _setting("CACHE_SECONDS"))
    return HttpResponse(page)


def _setting(name: str) -> int:
    """KURSEN_PORTAL_<name> from the settings, else this module's default."""
    return getattr(settings, f"KURSEN_PORTAL_{name}", globals()[name])


def _meeting_page(request, meeting: Meeting, **overrides) -> str:
    key = _agenda_key(meeting, "agenda")
    agenda_html = cache.get(key)
    if agenda_html is None:
        agenda = agenda_for(meeting=meeting, user=Access.public(), public=True)
        agenda_html = render_to_string("portal/_agenda.html", {"agenda": agenda})
        cache.set(key, agenda_html, _setting("CACHE_SECONDS"))
    context = {
        "municipality": _municipality(),
        "meeting": meeting,
        "agenda_html": agenda_html,
        "minutes": meeting.state == MeetingState.MINUTES_APPROVED,
        **overrides,
    }
    return render_to_string("portal/meeting_detail.html", context, request=request)


@login_not_required
@require_safe
def meeting_document(request, pk: int, kind: str, ext: str):
    """The published agenda or minutes as PDF or .docx, as `documents.agenda` lays them out."""
    from documents import agenda as agenda_documents

    meeting = _public_meeting_or_404(pk)
    combined = kind == COMBINED_KIND and ext == "pdf"  # the agenda with its open attachments
    minutes = False if combined else DOCUMENT_KINDS.get(kind)
    if minutes is None or ext not in DOCUMENT_TYPES:
        raise Http404
    if minutes and meeting.state != MeetingState.MINUTES_APPROVED:
        raise Http404
    archive = ext == "pdf" and not combined and request.GET.get("arkiv") == "1"  # PDF/A
    # A PDF takes a while to lay out; the same version is made once, not per download.
    key = _agenda_key(meeting, "document", kind, ext, "arkiv" if archive else "")
    content = cache.get(key)
    if content is None:
        arguments: dict[str, Any] = {"meeting": meeting, "user": Access.public(), "public": True}
        if combined:
            content = agenda_documents.combined_agenda_pdf(**arguments)
        elif ext == "pdf":
            content = agenda_documents.agenda_pdf(**arguments, minutes=minutes, archive=archive)
        else:
            content = agenda_documents.agenda_docx(**arguments, minutes=minutes)
        cache.set(key, content, _setting("CACHE_SECONDS"))
    filename = agenda_documents.agenda_filename(
        meeting=meeting, minutes=minutes, public=True, ext=ext
    )
    if combined:
        filename = filename.replace("dagsorden-", "samlet-dagsorden-", 1)
    elif archive:
        filename = filename.replace(".pdf", "-arkiv.pdf")
    response = HttpResponse(content, content_type=DOCUMENT_TYPES[ext])
    _disposition(response, as_attachment=True, filename=filename)
    return response


@login_not_required
@require_safe
def attachment_download(request, pk: int):
    """An open attachment's file. A closed attachment, one of a closed item or of a planned
    meeting, and one that does not exist all give the same 404, so existence does not leak."""
    attachment = access_attachment(
        Access.public(), pk, queryset=Attachment.objects.exclude(file="")
    )
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename or "bilag",
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Stored nowhere on the way: an attachment closed later must not linger in a proxy.
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_safe
def search(request):
    """Search the published agendas, decisions of approved minutes and open attachments.

    Whoever asks, only what the portal itself shows (`search.selectors.public_q`): a logged-in
    user's rights do not widen the public search.
    """
    form = SearchForm(request.GET or None, public=True)
    results = form.search() if request.GET else None
    context = {"form": form, "results": results, "public": True}
    if request.htmx:  # as the visitor types: the results only
        return render(request, "search/_results.html", context)
    return _render(request, "portal/search.html", context)


@login_not_required
@require_safe
def body_calendar(request, key: str):
    """The body's meetings as an iCalendar feed: public ones with a link to the agenda, planned
    ones by date, time and place only."""
    body = _body_or_404(key)
    return _calendar_response(request, bodies=[body], name=f"{body.name}: møder",
                              filename=f"moeder-{body_key(body)}.ics")  # fmt: skip


@login_not_required
@require_safe
def calendar(request):
    """Every body's meetings as one iCalendar feed."""
    return _calendar_response(request, bodies=None, name="Politiske møder",
                              filename="moeder.ics")  # fmt: skip


def _calendar_response(request, *, bodies, name: str, filename: str) -> HttpResponse:
    today = timezone.localdate()
    meetings = meetings_in_period(
        first=datetime.date(today.year - FEED_YEARS_BACK, 1, 1),
        last=datetime.date(today.year + 10, 12, 31),
        bodies=bodies,
    )

    def url_for(meeting: Meeting) -> str | None:
        if not meeting.is_public:
            return None
        return request.build_absolute_uri(reverse("portal:meeting", args=[meeting.pk]))

    content = ical.meetings_calendar(meetings=meetings, name=name, url_for=url_for)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    _disposition(response, as_attachment=False, filename=filename)
    return response


def _disposition(response: HttpResponse, *, as_attachment: bool, filename: str) -> None:
    """Django's Content-Disposition for the file: a download, or shown in the browser."""
    header = content_disposition_header(as_attachment, filename)
    if header is not None:  # None only for an inline file without a name
        response["Content-Disposition"] = header
