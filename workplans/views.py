"""The committees' work plans: the page, the secretary's placing, moving, marking done and
adjusting of times, presenting it at the committee's meeting, and its iCal file."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from danish.formatting import MONTHS, long_date
from meetings import ical as meeting_ical
from meetings.models import Meeting
from meetings.services import MinutesLocked, TopicOnAgenda
from organisation.models import Body
from organisation.permissions import user_can_edit_item, user_can_prepare_meetings
from plans.services import ItemConflict
from workplans import ical, services
from workplans.forms import DoneForm, PlaceForm, PresentForm, TimingForm
from workplans.selectors import FIRST_YEAR, LAST_YEAR, Workplan, workplan_bodies, workplan_for
from workplans.templatetags.workplan import target_options

CONFLICT = (
    "Nogen har ændret punktet, mens du så på arbejdsplanen. Din ændring er ikke gemt: "
    "arbejdsplanen herunder viser den nye udgave."
)


@require_GET
def workplan_index(request):
    """Every body's work plan for this year (and a link to the next)."""
    year = datetime.date.today().year
    return render(
        request,
        "workplans/workplan_index.html",
        {"bodies": workplan_bodies(), "year": year, "next_year": year + 1},
    )


def _body_year(body_pk: int, year: int) -> Body:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return get_object_or_404(Body, pk=body_pk)


def _page(request, plan: Workplan, *, status: int = 200):
    can_edit = user_can_prepare_meetings(request.user, plan.body.pk)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "options": target_options(plan.targets()),
        "urls": {
            name: reverse(f"workplans:workplan_{name}", args=[plan.body.pk, plan.year])
            for name in ("place", "done", "timing")
        },
        "present_form": PresentForm(plan=plan) if can_edit else None,
        "coming": [m for m in plan.meetings if not m.minutes_locked],
        "years": [plan.year - 1, plan.year + 1],
        "feed_url": request.build_absolute_uri(
            reverse(
                "workplans:workplan_feed",
                args=[plan.body.pk, meeting_ical.feed_token(request.user)],
            )
        ),
    }
    template = "workplans/_workplan.html" if request.htmx else "workplans/workplan.html"
    return render(request, template, context, status=status)


@require_GET
def workplan_detail(request, body_pk: int, year: int):
    """The committee's work plan of the year, as the user may see it."""
    body = _body_year(body_pk, year)
    return _page(request, workplan_for(body=body, year=year, user=request.user))


def _editing(request, body_pk: int, year: int) -> Workplan:
    body = _body_year(body_pk, year)
    if not user_can_prepare_meetings(request.user, body.pk):
        raise PermissionDenied
    return workplan_for(body=body, year=year, user=request.user)


def _done(request, plan: Workplan):
    """After a change: the fragment for htmx, else back to the page."""
    if request.htmx:
        return _page(request, workplan_for(body=plan.body, year=plan.year, user=request.user))
    return redirect(reverse("workplans:workplan", args=[plan.body.pk, plan.year]))


def _refused(request, plan: Workplan, form) -> HttpResponse:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    if request.htmx:
        # htmx swaps only a 2xx answer: the errors come as the page's messages.
        return _page(request, plan)
    return redirect(reverse("workplans:workplan", args=[plan.body.pk, plan.year]))


@require_POST
def workplan_place(request, body_pk: int, year: int):
    """Place or move an item or topic: on a meeting, in a month, or awaiting a date."""
    plan = _editing(request, body_pk, year)
    form = PlaceForm(request.POST, plan=plan)
    if not form.is_valid():
        return _refused(request, plan, form)
    entry = form.cleaned_data["entry"]
    meeting, month = form.cleaned_data["target"]
    try:
        services.placement_save(
            body=plan.body,
            year=plan.year,
            item=entry.item,
            topic=entry.topic,
            meeting=meeting,
            month=month,
            expected_version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.WorkplanConflict:
        messages.error(request, CONFLICT)
        return _done(request, plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _done(request, plan)
    except TopicOnAgenda as error:
        messages.error(request, f"»{entry.title}« er ikke flyttet. {error}")
        return _done(request, plan)
    if meeting is not None:
        where = f"mødet {long_date(meeting.date, weekday=False)}"
    elif month is not None:
        where = f"{MONTHS[month - 1]} {plan.year}"
    else:
        where = "»Afventer dato«"
    messages.success(request, f"»{entry.title}« er placeret: {where}.")
    return _done(request, plan)


@require_POST
def workplan_done(request, body_pk: int, year: int):
    """Mark an entry treated, or not treated."""
    plan = _editing(request, body_pk, year)
    form = DoneForm(request.POST, plan=plan)
    if not form.is_valid():
        return _refused(request, plan, form)
    entry = form.cleaned_data["entry"]
    where: tuple[Meeting | None, int | None] = (None, None)
    if entry.where.startswith("meeting-"):
        where = (next(m for m in plan.meetings if f"meeting-{m.pk}" == entry.where), None)
    elif entry.where.startswith("month-"):
        where = (None, int(entry.where.removeprefix("month-")))
    done = form.cleaned_data["done"]
    try:
        services.placement_set_done(
            body=plan.body,
            year=plan.year,
            item=entry.item,
            topic=entry.topic,
            done=done,
            expected_version=form.cleaned_data["version"],
            user=request.user,
            where=where,
        )
    except services.WorkplanConflict:
        messages.error(request, CONFLICT)
        return _done(request, plan)
    text = "er markeret som behandlet" if done else "er ikke længere markeret som behandlet"
    messages.success(request, f"»{entry.title}« {text}.")
    return _done(request, plan)


@require_POST
def workplan_timing(request, body_pk: int, year: int):
    """Adjust an item's indicative time to where it is placed (recorded in its history)."""
    plan = _editing(request, body_pk, year)
    form = TimingForm(request.POST, plan=plan)
    if not form.is_valid():
        return _refused(request, plan, form)
    entry = form.cleaned_data["entry"]
    if entry.placement is None or entry.item is None or entry.fits:
        messages.error(request, f"»{entry.title}« passer allerede til sit tidspunkt.")
        return _done(request, plan)
    if entry.placement.version != form.cleaned_data["version"]:
        messages.error(request, CONFLICT)
        return _done(request, plan)
    if not user_can_edit_item(request.user, entry.item):
        # The item belongs to another committee's secretariat: its time is theirs to set.
        messages.error(
            request,
            f"Du kan ikke ændre tidspunktet for »{entry.title}«: indsatsen "
            "hører til et andet udvalg. Kontakt dets sekretariat.",
        )
        return _done(request, plan)
    try:
        item = services.placement_adjust_timing(
            placement=entry.placement,
            expected_item_version=form.cleaned_data["item_version"],
            user=request.user,
        )
    except ItemConflict:
        messages.error(request, CONFLICT)
        return _done(request, plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _done(request, plan)
    messages.success(request, f"Tidspunktet for »{entry.title}« er nu {item.timing_label}.")
    return _done(request, plan)


@require_POST
def workplan_present(request, body_pk: int, year: int):
    """Put the work plan on one of the committee's meetings, with the document attached."""
    plan = _editing(request, body_pk, year)
    form = PresentForm(request.POST, plan=plan)
    if not form.is_valid():
        return _refused(request, plan, form)
    meeting = form.cleaned_data["meeting"]
    try:
        services.workplan_present(
            body=plan.body, year=plan.year, meeting=meeting, user=request.user
        )
    except (MinutesLocked, ValidationError) as error:
        messages.error(request, str(error))
        return _done(request, plan)
    messages.success(
        request,
        f"»Udvalgets arbejdsplan« er sat på dagsordenen til mødet "
        f"{long_date(meeting.date, weekday=False)} med arbejdsplanen som bilag.",
    )
    return redirect(meeting)


@require_GET
def workplan_calendar(request, body_pk: int, year: int):
    """The work plan as an iCalendar file: one event per meeting with what is placed on it."""
    body = _body_year(body_pk, year)
    plan = workplan_for(body=body, year=year, user=request.user)
    content = ical.workplan_calendar(
        plan=plan,
        url=request.build_absolute_uri(reverse("workplans:workplan", args=[body.pk, year])),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arbejdsplan-{body.pk}-{year}.ics"'
    return response


# The years a subscription holds: this year's work plan and next year's, so the calendar does
# not empty itself on New Year's Day.
FEED_YEARS = 2


def feed_today() -> datetime.date:
    return timezone.localdate()


@login_not_required
@require_GET
def workplan_feed(request, body_pk: int, token: str):
    """The committee's work plan for a staff member's calendar program, at the personal secret
    address of their meeting calendar (meetings.ical): read as that user may see it, so a
    closed case shows as on their page. A forged or renewed address answers 404."""
    user = meeting_ical.feed_user(token)
    if user is None:
        raise Http404
    body = get_object_or_404(Body, pk=body_pk)
    today = feed_today()
    plans = [
        workplan_for(body=body, year=year, user=user, today=today)
        for year in range(today.year, today.year + FEED_YEARS)
    ]
    content = ical.workplans_calendar(
        plans=plans,
        name=f"Kursen: {body.name}s arbejdsplan",
        url_for=lambda plan: request.build_absolute_uri(
            reverse("workplans:workplan", args=[body.pk, plan.year])
        ),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
