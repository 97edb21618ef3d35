"""Staff pages for meetings: calendar, agendas, items, decisions, minutes, cases, attachments."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danish.formatting import MONTHS, short_date
from meetings import selectors, services
from meetings.access import access_agenda_item, access_attachment, access_case
from meetings.forms import (
    AbsenceForm,
    AddendumForm,
    AgendaItemForm,
    AttachmentClosedForm,
    AttachmentForm,
    CaseForm,
    DecisionForm,
    MeetingForm,
    NewAgendaItemForm,
    PutOnAgendaForm,
)
from meetings.models import AgendaItem, Attachment, Case, Meeting, MeetingState
from organisation.models import Body
from organisation.permissions import (
    editor_scope,
    user_can_edit_case,
    user_can_prepare_meetings,
    user_is_administrator,
    user_role,
)
from organisation.services import profile_renew_calendar_key
from plans.selectors import plan_current

# --- Calendar ---------------------------------------------------------------------------------


@require_GET
def calendar(request):
    """All bodies' meetings of one month, by day, with a filter by body."""
    today = datetime.date.today()
    month = _month_from(request.GET.get("maaned"), today, request)
    first = month
    last = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
        days=1
    )
    bodies = Body.objects.all()
    body = None
    if request.GET.get("udvalg"):
        body = bodies.filter(abbreviation=request.GET["udvalg"]).first()
    meetings = selectors.meetings_in_period(first=first, last=last, bodies=[body] if body else None)
    days: dict[datetime.date, list[Meeting]] = {}
    for meeting in meetings:
        days.setdefault(meeting.date, []).append(meeting)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    from meetings import ical

    feed_token = ical.feed_token(request.user)
    context = {
        "month_label": f"{MONTHS[month.month - 1]} {month.year}",
        "month_value": _month_value(month),
        "days": sorted(days.items()),
        "bodies": bodies,
        "body": body,
        "previous": _month_value(previous),
        "following": _month_value(following),
        "today": today,
        "feed_url": request.build_absolute_uri(
            reverse("meetings:calendar_feed", args=[feed_token])
        ),
        "can_create": user_role(request.user) in {"administrator", "editor"},
    }
    return render(request, "meetings/calendar.html", context)


# The calendar pages from January of year 2 to November of 9998, so that the month before and
# after each page still lies in Python's calendar (years 1 to 9999).
CALENDAR_FIRST = datetime.date(2, 1, 1)
CALENDAR_LAST = datetime.date(9998, 11, 1)


def _month_value(month: datetime.date) -> str:
    """'2025-01'; strftime leaves out the zeros of a year before 1000 on some platforms."""
    return f"{month.year:04d}-{month.month:02d}"


def _month_from(value: str | None, today: datetime.date, request=None) -> datetime.date:
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date().replace(day=1)
    except ValueError:
        month = None
    if month is None or not CALENDAR_FIRST <= month <= CALENDAR_LAST:
        if value and request is not None:
            messages.warning(
                request,
                _("Måneden %(value)s kan ikke vises; kalenderen viser denne måned.")
                % {"value": value[:20]},
            )
        return today.replace(day=1)
    return month


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    """All bodies' meetings for a staff member's own calendar program (a secret address)."""
    from meetings import ical

    if ical.feed_user(token) is None:
        raise Http404

    today = datetime.date.today()
    meetings = selectors.meetings_in_period(
        first=today - datetime.timedelta(days=180), last=today + datetime.timedelta(days=400)
    )
    content = ical.meetings_calendar(
        meetings=meetings,
        name=_("Kursen: alle møder"),
        url_for=lambda m: request.build_absolute_uri(m.get_absolute_url()),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@require_POST
def calendar_feed_renew(request):
    """A new personal calendar address; the old one answers 404 from now on."""
    profile_renew_calendar_key(user=request.user)
    messages.success(
        request,
        _(
            "Du har fået en ny kalenderadresse. Den gamle virker ikke længere: abonnér på den "
            "nye i din kalender."
        ),
    )
    # Back to the page the renewal was asked from (the work plan, the annual cycle), if ours.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("meetings:calendar")


# --- Meetings ---------------------------------------------------------------------------------


def _preparable_bodies(user):
    bodies = Body.objects.all()
    if user_is_administrator(user):
        return bodies
    if user_role(user) != "editor":
        return bodies.none()
    return bodies.filter(pk__in=editor_scope(user)["bodies"])


def _require_prepare(request, meeting: Meeting) -> None:
    if not user_can_prepare_meetings(request.user, meeting.body_id):
        raise _forbidden()


def _forbidden() -> PermissionDenied:
    return PermissionDenied(_("Du kan ikke forberede møder i dette udvalg."))


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    bodies = _preparable_bodies(request.user)
    if not bodies.exists():
        raise _forbidden()
    form = MeetingForm(request.POST or None, bodies=bodies, initial=_initial_from(request))
    if form.is_valid():
        meeting = services.meeting_create(
            body=form.cleaned_data["body"],
            date=form.cleaned_data["date"],
            start_time=form.cleaned_data["start_time"],
            end_time=form.cleaned_data["end_time"],
            place=form.cleaned_data["place"],
            from_template=form.cleaned_data["from_template"],
            user=request.user,
        )
        messages.success(request, _("Mødet er oprettet."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _initial_from(request) -> dict:
    initial: dict[str, Any] = {"start_time": datetime.time(9, 0)}
    if request.GET.get("udvalg"):
        initial["body"] = Body.objects.filter(abbreviation=request.GET["udvalg"]).first()
    return initial


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _require_prepare(request, meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if form.is_valid():
        fields = {
            name: form.cleaned_data[name] for name in ["date", "start_time", "end_time", "place"]
        }
        try:
            services.meeting_update(
                meeting=meeting,
                fields=fields,
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
            )
        except services.MeetingConflict as error:
            conflict = error.current
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "conflict": conflict},
    )


@require_GET
def meeting_detail(request, pk: int):
    """The agenda as the user may see it, with the secretary's tools for each step."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    agenda = selectors.agenda_for(meeting=meeting, user=request.user)
    can_prepare = user_can_prepare_meetings(request.user, meeting.body_id)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "can_prepare": can_prepare,
        "documents": _document_links(meeting, agenda.internal),
    }
    if can_prepare and not meeting.minutes_locked:
        awaiting = selectors.cases_awaiting(body=meeting.body, user=request.user)
        on_agenda = {entry.item.case_id for entry in agenda.entries if entry.item}
        context["awaiting"] = [
            case
            for case in awaiting
            if case.pk not in on_agenda and _decided_before(case, meeting.date)
        ]
        context["new_item_form"] = NewAgendaItemForm(
            cases=Case.objects.visible_to(request.user).order_by("-created_at")
        )
        context["absence_form"] = AbsenceForm(meeting=meeting)
    return render(request, "meetings/meeting_detail.html", context)


def _decided_before(case: Case, date: datetime.date) -> bool:
    """The case's last decision (its prefetched agenda items) lies before `date`."""
    decided = [item.meeting.date for item in case.agenda_items.all() if item.has_decision]
    return not decided or max(decided) < date


def _document_links(meeting: Meeting, internal: bool) -> list[dict]:
    links = []
    kinds = ["dagsorden"] + (
        ["beslutningsprotokol"] if meeting.state != MeetingState.PLANNED else []
    )
    for kind in kinds:
        for variant in (["intern"] if internal else []) + ["offentlig"]:
            for ext in ("pdf", "docx"):
                links.append(
                    {
                        "label": f"{kind.capitalize()} ({variant} version), {ext.upper()}",
                        "url": reverse("documents:meeting", args=[meeting.pk, kind, variant, ext]),
                    }
                )
            # The archive version: PDF/A-2a as well as PDF/UA-1.
            url = reverse("documents:meeting", args=[meeting.pk, kind, variant, "pdf"])
            links.append({"label": f"{kind.capitalize()} ({variant} version), "
                                   "Arkivversion (PDF/A)", "url": f"{url}?arkiv=1"})  # fmt: skip
    for variant in (["intern"] if internal else []) + ["offentlig"]:
        links.append(
            {
                "label": f"Samlet dagsorden med bilag ({variant} version), PDF",
                "url": reverse("documents:combined", args=[meeting.pk, variant]),
            }
        )
    return links


def _confirm(request, meeting: Meeting, action: str):
    """The confirmation page of an irreversible step: what will happen, before it happens."""
    agenda = selectors.agenda_for(meeting=meeting, user=request.user)
    undecided = [e for e in agenda.entries if e.item is not None and not e.item.has_decision]
    return render(
        request,
        "meetings/meeting_confirm.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "action": action,
            "undecided": undecided,
            "closed_count": sum(1 for e in agenda.entries if e.closed),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_publish(request, pk: int):
    """GET asks for confirmation (what the public will see); POST sends out the agenda."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _require_prepare(request, meeting)
    if request.method == "GET":
        return _confirm(request, meeting, "publish")
    try:
        services.meeting_publish_agenda(meeting=meeting, user=request.user)
    except services.WrongState as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Dagsordenen er udsendt og vises nu på den offentlige portal."))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def meeting_approve(request, pk: int):
    """GET asks for confirmation (what is locked); POST approves the minutes."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _require_prepare(request, meeting)
    if request.method == "GET":
        return _confirm(request, meeting, "approve")
    try:
        services.meeting_approve_minutes(meeting=meeting, user=request.user)
    except services.WrongState as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Beslutningsprotokollen er godkendt og låst. Rettelser sker som tilføjelser."),
        )
    return redirect(meeting)


@require_POST
def meeting_absences(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _require_prepare(request, meeting)
    form = AbsenceForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Fraværet er ikke gemt: genindlæs siden og prøv igen."))
        return redirect(meeting)
    try:
        services.meeting_set_absences(
            meeting=meeting,
            absences=form.absences,
            expected_version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.MeetingConflict:
        messages.error(
            request,
            _("En anden har gemt fraværet, mens du havde siden åben. Dine ændringer er ikke "
              "gemt; her er det gemte fravær. Ret igen, hvis det skal ændres."),
        )  # fmt: skip
    except (services.MinutesLocked, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Fraværet er gemt."))
    return redirect(meeting)


@require_POST
def agenda_item_add(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    _require_prepare(request, meeting)
    form = NewAgendaItemForm(request.POST, cases=Case.objects.visible_to(request.user))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(str(message) for message in error))
        return redirect(meeting)
    case = form.cleaned_data["case"]
    decided_on = selectors.case_last_decision_date(case=case) if case else None
    if decided_on is not None and meeting.date <= decided_on:
        messages.error(
            request,
            _("Sagen blev senest behandlet den %(date)s og kan kun sættes på et senere møde.")
            % {"date": short_date(decided_on)},
        )
        return redirect(meeting)
    try:
        item = services.agenda_item_add(
            meeting=meeting,
            case=form.cleaned_data["case"],
            fields={"title": form.cleaned_data["title"].strip()}
            if not form.cleaned_data["case"]
            else None,
            user=request.user,
        )
    except services.MinutesLocked as error:
        messages.error(request, str(error))
        return redirect(meeting)
    messages.success(request, _("Punktet er sat på dagsordenen."))
    return redirect("meetings:agenda_item_edit", item.pk)


@require_POST
def agenda_item_move(request, pk: int):
    """Move an item one place up ("op") or down ("ned") on its agenda, renumbering it."""
    item = access_agenda_item(request.user, pk, content=False)
    _require_prepare(request, item.meeting)
    direction = {"op": "up", "ned": "down"}.get(request.POST.get("retning", ""))
    if direction is None:
        messages.error(request, _("Vælg, om punktet skal flyttes op eller ned."))
        return redirect(item.meeting)
    try:
        moved = services.agenda_item_move(item=item, direction=direction, user=request.user)
    except (services.MinutesLocked, services.MoveRefused) as error:
        messages.error(request, str(error))
        return redirect(item.meeting)
    messages.success(
        request,
        _("%(title)s er nu punkt %(number)d.") % {"title": moved.title, "number": moved.number},
    )
    return redirect(f"{item.meeting.get_absolute_url()}#punkt-{moved.number}")


# --- Documents and attachments ----------------------------------------------------------------


@require_GET
def attachment_download(request, pk: int):
    """The file of an attachment the user may see; the same 404 whether closed or missing."""
    attachment = access_attachment(request.user, pk)
    if not attachment.file:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename or f"bilag-{attachment.pk}",
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def attachment_add(request, pk: int):
    item = _visible_item(request, pk)
    _require_prepare(request, item.meeting)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                item=item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                closed=form.cleaned_data["closed"],
                document_number=form.cleaned_data["document_number"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        except services.MinutesLocked as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Bilaget er tilføjet."))
            return redirect(item)
    return _item_page(request, item, attachment_form=form, status=400)


@require_POST
def attachment_set_closed(request, pk: int):
    """Close or open an attachment without uploading it again. The form says which state is
    wanted (closed=1 or 0) and which version the page showed, so a double click or a stale
    page never reopens a closed attachment."""
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    item = attachment.agenda_item
    _require_prepare(request, item.meeting)
    form = AttachmentClosedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg, om bilaget skal være lukket eller åbent."))
        return redirect(item)
    try:
        attachment = services.attachment_set_closed(
            attachment=attachment,
            closed=form.cleaned_data["closed"],
            expected_version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.MeetingConflict:
        messages.error(
            request,
            _("Bilaget er ændret af en anden, siden du åbnede siden. Intet er ændret: se "
              "bilagets nuværende tilstand herunder, og prøv igen."),
        )  # fmt: skip
    except services.MinutesLocked as error:
        messages.error(request, str(error))
    else:
        if attachment.closed:
            messages.success(request, _("Bilaget er lukket og vises ikke offentligt."))
        else:
            messages.success(request, _("Bilaget er åbent og vises offentligt."))
    return redirect(item)


@require_POST
def attachment_remove(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    item = attachment.agenda_item
    _require_prepare(request, item.meeting)
    try:
        services.attachment_remove(attachment=attachment, user=request.user)
    except services.MinutesLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Bilaget er fjernet."))
    return redirect(item)


# --- Agenda items and decisions ---------------------------------------------------------------


def _visible_item(request, pk: int) -> AgendaItem:
    return access_agenda_item(request.user, pk, content=True)


@require_GET
def agenda_item_detail(request, pk: int):
    return _item_page(request, _visible_item(request, pk))


def _item_page(request, item: AgendaItem, status: int = 200, **forms):
    meeting = item.meeting
    agenda = selectors.agenda_for(meeting=meeting, user=request.user)
    entry = next(e for e in agenda.entries if e.number == item.number)
    can_prepare = user_can_prepare_meetings(request.user, meeting.body_id)
    context = {
        "meeting": meeting,
        "item": item,
        "entry": entry,
        "can_prepare": can_prepare,
        "next_body": selectors.case_next_body(case=item.case) if item.case else None,
    }
    if can_prepare:
        if meeting.minutes_locked:
            context["addendum_form"] = forms.get("addendum_form") or AddendumForm()
        else:
            context["attachment_form"] = forms.get("attachment_form") or AttachmentForm()
            if meeting.state != MeetingState.PLANNED:
                context["decision_form"] = forms.get("decision_form") or DecisionForm(item=item)
    return render(request, "meetings/agenda_item_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int):
    item = _visible_item(request, pk)
    _require_prepare(request, item.meeting)
    if item.meeting.minutes_locked:
        messages.error(request, str(services.MinutesLocked()))
        return redirect(item)
    form = AgendaItemForm(request.POST or None, instance=item)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            item = services.agenda_item_update(
                item=item,
                fields=fields,
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
            )
        except services.MeetingConflict as error:
            conflict = error.current
        except ValidationError as error:
            form.add_error(None, error)
        except IntegrityError:
            form.add_error("number", _("Punktnummeret findes allerede på dagsordenen."))
        else:
            messages.success(request, _("Punktet er gemt."))
            return redirect(item)
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"form": form, "item": item, "meeting": item.meeting, "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_POST
def decision_record(request, pk: int):
    item = _visible_item(request, pk)
    _require_prepare(request, item.meeting)
    form = DecisionForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.decision_record(
                item=item,
                text=form.cleaned_data["decision"],
                not_participating=form.cleaned_data["not_participating"],
                expected_version=form.cleaned_data.get("version"),
                user=request.user,
            )
        except services.MeetingConflict:
            form.add_error(
                None,
                _("Punktet er ændret af en anden, mens du skrev. Genindlæs siden og prøv igen."),
            )
        except services.MinutesLocked:
            form.add_error(None, _("Beslutningsprotokollen er godkendt. Brug en tilføjelse."))
        except services.WrongState as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Beslutningen er registreret."))
            return redirect(item)
    return _item_page(request, item, decision_form=form, status=400)


@require_POST
def addendum_add(request, pk: int):
    item = _visible_item(request, pk)
    _require_prepare(request, item.meeting)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.addendum_add(item=item, text=form.cleaned_data["text"], user=request.user)
        except services.WrongState as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tilføjelsen er gemt i beslutningsprotokollen."))
            return redirect(item)
    return _item_page(request, item, addendum_form=form, status=400)


# --- Cases ------------------------------------------------------------------------------------


@require_GET
def case_list(request):
    query = request.GET.get("q", "").strip()
    cases = selectors.cases_for(user=request.user, query=query)[:200]
    return render(
        request,
        "meetings/case_list.html",
        {
            "cases": cases,
            "query": query,
            "can_create": user_role(request.user) in {"administrator", "editor"},
        },
    )


@require_GET
def case_detail(request, pk: int):
    case = access_case(request.user, pk)
    next_body = selectors.case_next_body(case=case)
    context = {
        "case": case,
        "steps": selectors.case_progress(case=case, user=request.user),
        "items": case.items.select_related("plan", "committee").order_by("code"),
        "next_body": next_body,
        "can_edit": user_can_edit_case(request.user, case),
    }
    if next_body is not None and user_can_prepare_meetings(request.user, next_body.pk):
        context["put_form"] = PutOnAgendaForm(
            meetings=selectors.meetings_for_next_step(case=case, body=next_body)[:20]
        )
        context["decided_on"] = selectors.case_last_decision_date(case=case)
    return render(request, "meetings/case_detail.html", context)


@require_POST
def case_put_on_agenda(request, pk: int):
    case = access_case(request.user, pk)
    next_body = selectors.case_next_body(case=case)
    if next_body is None or not user_can_prepare_meetings(request.user, next_body.pk):
        raise _forbidden()
    form = PutOnAgendaForm(
        request.POST,
        meetings=selectors.meetings_for_next_step(case=case, body=next_body, upcoming=False),
    )
    if not form.is_valid():
        chosen = request.POST.get("meeting", "")[:12]
        if (
            chosen.isascii()
            and chosen.isdigit()
            and Meeting.objects.filter(
                body=next_body, pk=int(chosen), state=MeetingState.MINUTES_APPROVED
            ).exists()
        ):  # a meeting of the body, no longer offered because its minutes are approved
            messages.error(request, str(services.MinutesLocked()))
            return redirect(case)
        decided_on = selectors.case_last_decision_date(case=case)
        messages.error(
            request,
            _("Vælg et af de kommende møder i %(body)s efter beslutningen den %(date)s.")
            % {"body": next_body.name, "date": short_date(decided_on) if decided_on else "–"},
        )
        return redirect(case)
    try:
        item = services.agenda_item_add(
            meeting=form.cleaned_data["meeting"], case=case, user=request.user
        )
    except services.MinutesLocked as error:
        messages.error(request, str(error))
        return redirect(case)
    messages.success(request, _("Sagen er sat på dagsordenen."))
    return redirect(item)


@require_http_methods(["GET", "POST"])
def case_edit(request, pk: int | None = None):
    """Create or edit a case. Editors edit the cases routed through their bodies; a save based
    on an outdated version shows what the other person saved instead of overwriting it."""
    if user_role(request.user) not in {"administrator", "editor"}:
        raise _forbidden()
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk) if pk else None
    if case is not None and not user_can_edit_case(request.user, case):
        raise services.CaseForbidden
    form = CaseForm(request.POST or None, instance=case, plan=plan_current(), user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if case is None:
                case = services.case_create(
                    **fields,
                    routing=form.cleaned_data["routing_text"],
                    items=form.cleaned_data["item_codes"],
                    user=request.user,
                )
            else:
                services.case_update(
                    case=case,
                    fields=fields,
                    routing=form.cleaned_data["routing_text"],
                    items=form.cleaned_data["item_codes"],
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                )
        except services.MeetingConflict as error:
            conflict = form.conflict_with(error.current)
        except IntegrityError:
            form.add_error("number", _("Sagsnummeret findes allerede."))
        else:
            messages.success(request, _("Sagen er gemt."))
            return redirect(case)
    return render(
        request,
        "meetings/case_form.html",
        {"form": form, "case": case, "conflict": conflict},
        status=409 if conflict else 200,
    )
