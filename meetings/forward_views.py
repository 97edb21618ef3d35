"""The body's secretary edits its forward plan (the topics for coming meetings, or awaiting a
date) and its agenda template (the standing items every new meeting starts with): list, add,
edit, delete and reorder, every change in the history. Everyone logged in may read them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import services
from meetings.forward_forms import DeleteForm, MoveForm, PlannedTopicForm, StandingItemForm
from meetings.models import TOPIC_ORDER, PlannedTopic, StandingItem
from organisation.models import Body
from organisation.permissions import user_can_prepare_meetings

GONE = "Punktet er slettet af en anden, mens du havde det åbent. Intet er gemt."
MOVE_CONFLICT = (
    "»{title}« er ændret af en anden, siden du åbnede siden, og er ikke flyttet. Listen "
    "herunder viser punkterne, som de står nu: flyt igen, hvis det stadig skal flyttes."
)


def _secretary(request, body: Body) -> None:
    if not user_can_prepare_meetings(request.user, body.pk):
        raise PermissionDenied


# --- Forward plan -----------------------------------------------------------------------------


@require_GET
def forward_plan(request, body_pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    topics = list(
        PlannedTopic.objects.filter(body=body).select_related("agenda_item").order_by(*TOPIC_ORDER)
    )
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "body": body,
            "dated": _grouped([t for t in topics if t.planned_for]),
            "awaiting": _grouped([t for t in topics if not t.planned_for]),
            "can_edit": user_can_prepare_meetings(request.user, body.pk),
        },
    )


def _grouped(topics: list[PlannedTopic]) -> list[dict]:
    """Each topic with whether it can move up or down among the topics of its date."""
    rows = []
    for n, topic in enumerate(topics):
        before = topics[n - 1] if n else None
        after = topics[n + 1] if n + 1 < len(topics) else None
        rows.append(
            {
                "topic": topic,
                "first_of_date": before is None or before.planned_for != topic.planned_for,
                "can_up": before is not None and before.planned_for == topic.planned_for,
                "can_down": after is not None and after.planned_for == topic.planned_for,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
def planned_topic_edit(request, body_pk: int, pk: int | None = None):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    topic = get_object_or_404(PlannedTopic, pk=pk, body=body) if pk else None
    form = PlannedTopicForm(request.POST or None, instance=topic)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if topic is None:
            services.planned_topic_add(
                body=body,
                title=data["title"],
                user=request.user,
                description=data["description"],
                planned_for=data["planned_for"],
            )
            messages.success(
                request, f"»{data['title']}« er tilføjet til punkterne til kommende møder."
            )
            return redirect(reverse("meetings:forward_plan", args=[body.pk]))
        try:
            services.planned_topic_update(
                topic=topic,
                fields=form.values(),
                expected_version=data["version"],
                user=request.user,
            )
        except services.MeetingConflict as error:
            conflict = form.conflict_with(error.current)
        except services.TopicOnAgenda as error:
            form.add_error(None, str(error))
        except PlannedTopic.DoesNotExist:
            messages.error(request, GONE)
            return redirect(reverse("meetings:forward_plan", args=[body.pk]))
        else:
            messages.success(request, f"»{data['title']}« er gemt.")
            return redirect(reverse("meetings:forward_plan", args=[body.pk]))
    return render(
        request,
        "meetings/forward_form.html",
        {"body": body, "form": form, "object": topic, "kind": "topic", "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def planned_topic_delete(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    topic = get_object_or_404(PlannedTopic, pk=pk, body=body)
    return _delete(
        request,
        body,
        topic,
        kind="topic",
        delete=services.planned_topic_delete,
        done=f"»{topic.title}« er slettet fra punkterne til kommende møder.",
        back=reverse("meetings:forward_plan", args=[body.pk]),
    )


def _delete(request, body: Body, obj, *, kind: str, delete, done: str, back: str):
    """The confirmation page; deleting from a page that showed an older version shows the
    saved one instead and asks again."""
    conflict, status = None, 200
    if request.method == "POST":
        form = DeleteForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect(back)
        try:
            delete(
                **{"topic" if kind == "topic" else "item": obj},
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.MeetingConflict as error:
            obj, conflict, status = error.current, error.current, 409
        except type(obj).DoesNotExist:
            messages.error(request, GONE)
            return redirect(back)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "meetings/forward_delete.html",
        {"body": body, "object": obj, "kind": kind, "conflict": conflict, "back": back},
        status=status,
    )


@require_POST
def planned_topic_move(request, body_pk: int, pk: int):
    """Move a topic one place up or down among the topics of its date."""
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    topic = get_object_or_404(PlannedTopic, pk=pk, body=body)
    back = reverse("meetings:forward_plan", args=[body.pk]) + f"#emne-{topic.pk}"
    form = MoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    up = form.cleaned_data["direction"] == "op"
    try:
        moved = services.planned_topic_move(
            topic=topic, up=up, expected_version=form.cleaned_data["version"], user=request.user
        )
    except services.MeetingConflict:
        messages.error(request, MOVE_CONFLICT.format(title=topic.title))
    except PlannedTopic.DoesNotExist:
        messages.error(request, GONE)
    else:
        if moved.version == topic.version:
            where = "øverst" if up else "nederst"
            messages.info(request, f"»{moved.title}« står allerede {where} for sin dato.")
        else:
            messages.success(
                request, f"»{moved.title}« er flyttet {'op' if up else 'ned'} i rækkefølgen."
            )
    return redirect(back)


# --- Agenda template --------------------------------------------------------------------------


@require_GET
def standing_items(request, body_pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    return render(
        request,
        "meetings/standing_items.html",
        {
            "body": body,
            "items": StandingItem.objects.filter(body=body).order_by("number"),
            "can_edit": user_can_prepare_meetings(request.user, body.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def standing_item_edit(request, body_pk: int, pk: int | None = None):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    item = get_object_or_404(StandingItem, pk=pk, body=body) if pk else None
    form = StandingItemForm(request.POST or None, instance=item)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if item is None:
            texts = {
                name: data[name]
                for name in ("case_presentation", "financial_consequences", "recommendation")
            }
            services.standing_item_add(
                body=body, title=data["title"], kind=data["kind"], user=request.user, **texts
            )
            messages.success(request, f"»{data['title']}« er tilføjet til dagsordensskabelonen.")
            return redirect(reverse("meetings:standing_items", args=[body.pk]))
        try:
            services.standing_item_update(
                item=item, fields=form.values(), expected_version=data["version"], user=request.user
            )
        except services.MeetingConflict as error:
            conflict = form.conflict_with(error.current)
        except StandingItem.DoesNotExist:
            messages.error(request, GONE)
            return redirect(reverse("meetings:standing_items", args=[body.pk]))
        else:
            messages.success(request, f"»{data['title']}« er gemt.")
            return redirect(reverse("meetings:standing_items", args=[body.pk]))
    return render(
        request,
        "meetings/forward_form.html",
        {"body": body, "form": form, "object": item, "kind": "standing", "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def standing_item_delete(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    item = get_object_or_404(StandingItem, pk=pk, body=body)
    return _delete(
        request,
        body,
        item,
        kind="standing",
        delete=services.standing_item_delete,
        done=f"»{item.title}« er slettet fra dagsordensskabelonen.",
        back=reverse("meetings:standing_items", args=[body.pk]),
    )


@require_POST
def standing_item_move(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    item = get_object_or_404(StandingItem, pk=pk, body=body)
    form = MoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(reverse("meetings:standing_items", args=[body.pk]))
    try:
        moved = services.standing_item_move(
            item=item,
            up=form.cleaned_data["direction"] == "op",
            expected_version=form.cleaned_data["version"],
            user=request.user,
        )
    except services.MeetingConflict:
        messages.error(request, MOVE_CONFLICT.format(title=item.title))
    except StandingItem.DoesNotExist:
        messages.error(request, GONE)
    else:
        messages.success(request, f"»{moved.title}« er nu punkt {moved.number}.")
    return redirect(reverse("meetings:standing_items", args=[body.pk]))
