"""Pages of the annual cycle: the wheel, an event, its editing, briefings, the feeds."""

from __future__ import annotations

import datetime
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cycle import ical, selectors, services
from cycle import wheel as drawing
from cycle.forms import BriefingForm, EventForm, WheelFilterForm
from cycle.models import Event, EventKind
from meetings import ical as meeting_ical
from meetings import services as meeting_services
from meetings.models import PlannedTopicKind
from organisation.models import Body
from organisation.permissions import editor_scope, user_is_administrator, user_role


def _editable_bodies(user):
    if user_is_administrator(user):
        return Body.objects.all()
    if user_role(user) != "editor":
        return Body.objects.none()
    return Body.objects.filter(pk__in=editor_scope(user)["bodies"])


def _can_edit(user, event: Event) -> bool:
    return services.user_can_edit_event(
        user, bodies=list(event.bodies.all()), whole_organisation=event.whole_organisation
    )


def wheel_filters(request) -> tuple[int, Body | None, str]:
    """Year, body and ring kind from the query; what cannot be used is said in Danish and the
    wheel shows this year, all bodies, rings per body instead."""
    today = timezone.localdate()
    form = WheelFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    year = data.get("aar") or today.year
    if "aar" in form.errors:
        messages.warning(
            request,
            _("Året %(value)s kan ikke vises; årshjulet viser %(year)d.")
            % {"value": request.GET.get("aar", "")[:20], "year": today.year},
        )
    rings = data.get("ringe") or selectors.RINGS_BY_BODY
    if "ringe" in form.errors:
        messages.warning(request, _("Ringene kan kun vise udvalg eller slags begivenhed."))
    body = None
    wanted = request.GET.get("udvalg", "").strip()
    if wanted:
        body = Body.objects.filter(abbreviation=wanted[:20]).first()
        if body is None:
            messages.warning(
                request,
                _("Udvalget %(value)s findes ikke; årshjulet viser alle udvalg.")
                % {"value": wanted[:20]},
            )
    return year, body, rings


@require_GET
def wheel(request):
    """The year as a wheel, with the same events as a list, filtered by body and year."""
    year, body, rings = wheel_filters(request)
    today = timezone.localdate()
    bodies = list(Body.objects.all())
    kinds = [(kind.value, kind.label, drawing.COLOURS[kind.value]) for kind in EventKind]
    # The wheel and its list are the same for everyone until an event or a body changes (or
    # the day does): kept in the cache under a key naming all of that.
    stamp = Event.objects.aggregate(count=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    names = [(b.pk, b.name, b.abbreviation, b.position) for b in bodies]
    key = hashlib.sha256(repr((year, body.pk if body else None, rings, today, stamp, names))
                         .encode()).hexdigest()  # fmt: skip
    wheel_html = cache.get(f"cycle:wheel:{key}")
    if wheel_html is None:
        data = selectors.cycle_year(year=year, body=body, rings=rings)
        svg = mark_safe(drawing.render(data, today=today))  # noqa: S308  # every string escaped
        wheel_html = render_to_string(
            "cycle/_wheel.html",
            {"data": data, "svg": svg, "year": year, "today": today, "kinds": kinds},
        )
        cache.set(f"cycle:wheel:{key}", wheel_html, 3600)
    token = meeting_ical.feed_token(request.user)
    feed = request.build_absolute_uri(reverse("cycle:feed", args=[token]))
    context = {
        "wheel_html": mark_safe(wheel_html),  # noqa: S308  # rendered by the template above
        "year": year,
        "body": body,
        "rings": rings,
        "bodies": bodies,
        "today": today,
        "previous": year - 1,
        "following": year + 1,
        "feed_url": feed,
        "body_feed_url": f"{feed}?udvalg={body.abbreviation}" if body else "",
        "awaiting": selectors.awaiting_date(body=body),
        "can_create": _editable_bodies(request.user).exists(),
        "can_brief": _editable_bodies(request.user).exists(),
    }
    return render(request, "cycle/wheel.html", context)


@require_GET
def event_detail(request, pk: int):
    try:
        event = selectors.event_detail(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    coming = event.occurrences(today, today + datetime.timedelta(days=400))[:12]
    context = {
        "event": event,
        "coming": coming,
        "placements": selectors.placements(event=event),
        "can_edit": _can_edit(request.user, event),
    }
    return render(request, "cycle/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int | None = None):
    """Create or change an event: administrators, and a body's secretary for its events."""
    bodies = _editable_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Du kan ikke redigere årshjulet."))
    event = None
    if pk is not None:
        event = get_object_or_404(Event.objects.prefetch_related("bodies"), pk=pk)
        if not _can_edit(request.user, event):
            raise PermissionDenied(
                _("Du kan kun redigere årshjulets begivenheder for dine udvalg.")
            )
    initial = {}
    if event is None and request.GET.get("udvalg"):
        initial["bodies"] = list(bodies.filter(abbreviation=request.GET["udvalg"][:20]))
    form = EventForm(request.POST or None, instance=event, bodies=bodies, initial=initial)
    if not user_is_administrator(request.user):
        form.fields["whole_organisation"].disabled = True
    conflict = None
    if form.is_valid():
        chosen = list(form.cleaned_data["bodies"])
        try:
            if event is None:
                event = services.event_create(
                    fields=form.event_fields(), bodies=chosen, user=request.user
                )
                messages.success(request, _("Begivenheden er oprettet i årshjulet."))
            else:
                # Bodies the user cannot choose (another secretariat's) stay on the event.
                kept = [b for b in event.bodies.all() if b not in bodies]
                event = services.event_update(
                    event=event,
                    fields=form.event_fields(),
                    bodies=chosen + kept,
                    expected_version=form.cleaned_data.get("version"),
                    user=request.user,
                )
                messages.success(request, _("Begivenheden er gemt."))
        except services.EventConflict as error:
            conflict = error.current
        except ValidationError as error:
            form._add(error)
        else:
            return redirect(event)
    return render(
        request, "cycle/event_form.html", {"form": form, "event": event, "conflict": conflict}
    )


@require_POST
def event_delete(request, pk: int):
    event = get_object_or_404(Event.objects.prefetch_related("bodies"), pk=pk)
    if not _can_edit(request.user, event):
        raise PermissionDenied(_("Du kan kun redigere årshjulets begivenheder for dine udvalg."))
    services.event_delete(event=event, user=request.user)
    messages.success(request, _("Begivenheden er slettet fra årshjulet."))
    return redirect("cycle:wheel")


@require_http_methods(["GET", "POST"])
def briefing_create(request):
    """Plan a director's 5-minute briefing with a strategic tie on a body's meeting."""
    bodies = _editable_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Du kan ikke planlægge oplæg."))
    initial = {"body": bodies.filter(kind=Body.Kind.EXECUTIVE_BOARD).first()}
    form = BriefingForm(request.POST or None, bodies=bodies, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        description = _("5 minutters oplæg ved %(who)s.") % {"who": data["presenter"].strip()}
        if data["description"].strip():
            description = f"{description} {data['description'].strip()}"
        meeting_services.planned_topic_add(
            body=data["body"],
            title=data["title"],
            description=description,
            planned_for=data["planned_for"],
            kind=PlannedTopicKind.BRIEFING,
            theme=data["theme"],
            user=request.user,
        )
        messages.success(
            request, _("Oplægget er sat på %(body)s' kommende møder.") % {"body": data["body"].name}
        )
        return redirect("cycle:wheel")
    return render(request, "cycle/briefing_form.html", {"form": form})


@login_not_required
@require_GET
def cycle_feed(request, token: str):
    """The annual cycle for a staff member's calendar (the personal secret address of the
    meeting calendar); ?udvalg=ØK gives one body's events and the whole organisation's."""
    if meeting_ical.feed_user(token) is None:
        raise Http404
    body = None
    name = _("Kursen: årshjul")
    if request.GET.get("udvalg"):
        body = Body.objects.filter(abbreviation=request.GET["udvalg"][:20]).first()
        if body is None:
            raise Http404
        name = _("Kursen: årshjul for %(body)s") % {"body": body.name}
    content = ical.cycle_calendar(
        events=selectors.events(body=body),
        name=name,
        url_for=lambda e: request.build_absolute_uri(e.get_absolute_url()),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
