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
from meetings.forward_forms import MoveForm, PlannedTopicForm, StandingItemForm
from meetings.models import PlannedTopic, StandingItem
from organisation.models import Body
from organisation.permissions import user_can_prepare_meetings

CONFLICT = (
    "Nogen har ændret eller slettet punktet, mens du redigerede. Dine ændringer er ikke "
    "gemt: se den nye udgave herunder."
)


def _secretary(request, body: Body) -> None:
    if not user_can_prepare_meetings(request.user, body.pk):
        raise PermissionDenied


# --- Forward plan -----------------------------------------------------------------------------


@require_GET
def forward_plan(request, body_pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    topics = PlannedTopic.objects.filter(body=body).order_by("planned_for", "created_at", "pk")
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "body": body,
            "dated": [t for t in topics if t.planned_for],
            "awaiting": [t for t in topics if not t.planned_for],
            "can_edit": user_can_prepare_meetings(request.user, body.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def planned_topic_edit(request, body_pk: int, pk: int | None = None):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    topic = get_object_or_404(PlannedTopic, pk=pk, body=body) if pk else None
    form = PlannedTopicForm(request.POST or None, instance=topic)
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
        else:
            try:
                services.planned_topic_edit(
                    topic=topic,
                    title=data["title"],
                    description=data["description"],
                    planned_for=data["planned_for"],
                    expected_fingerprint=data["edit_fingerprint"],
                    user=request.user,
                )
            except services.EditConflict:
                messages.error(request, CONFLICT)
                return redirect(reverse("meetings:forward_plan", args=[body.pk]))
            messages.success(request, f"»{data['title']}« er gemt.")
        return redirect(reverse("meetings:forward_plan", args=[body.pk]))
    return render(
        request,
        "meetings/forward_form.html",
        {"body": body, "form": form, "object": topic, "kind": "topic"},
    )


@require_http_methods(["GET", "POST"])
def planned_topic_delete(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    topic = get_object_or_404(PlannedTopic, pk=pk, body=body)
    if request.method == "POST":
        try:
            services.planned_topic_delete(
                topic=topic,
                user=request.user,
                expected_fingerprint=request.POST.get("edit_fingerprint"),
            )
        except services.EditConflict:
            messages.error(request, CONFLICT)
        else:
            messages.success(
                request, f"»{topic.title}« er slettet fra punkterne til kommende møder."
            )
        return redirect(reverse("meetings:forward_plan", args=[body.pk]))
    return render(
        request,
        "meetings/forward_delete.html",
        {"body": body, "object": topic, "kind": "topic", "form": PlannedTopicForm(instance=topic)},
    )


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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        texts = {
            name: data[name]
            for name in ("case_presentation", "financial_consequences", "recommendation")
        }
        if item is None:
            services.standing_item_add(
                body=body, title=data["title"], kind=data["kind"], user=request.user, **texts
            )
            messages.success(request, f"»{data['title']}« er tilføjet til dagsordensskabelonen.")
        else:
            try:
                services.standing_item_update(
                    item=item,
                    title=data["title"],
                    kind=data["kind"],
                    expected_fingerprint=data["edit_fingerprint"],
                    user=request.user,
                    **texts,
                )
            except services.EditConflict:
                messages.error(request, CONFLICT)
                return redirect(reverse("meetings:standing_items", args=[body.pk]))
            messages.success(request, f"»{data['title']}« er gemt.")
        return redirect(reverse("meetings:standing_items", args=[body.pk]))
    return render(
        request,
        "meetings/forward_form.html",
        {"body": body, "form": form, "object": item, "kind": "standing"},
    )


@require_http_methods(["GET", "POST"])
def standing_item_delete(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    item = get_object_or_404(StandingItem, pk=pk, body=body)
    if request.method == "POST":
        try:
            services.standing_item_delete(
                item=item,
                user=request.user,
                expected_fingerprint=request.POST.get("edit_fingerprint"),
            )
        except services.EditConflict:
            messages.error(request, CONFLICT)
        else:
            messages.success(request, f"»{item.title}« er slettet fra dagsordensskabelonen.")
        return redirect(reverse("meetings:standing_items", args=[body.pk]))
    return render(
        request,
        "meetings/forward_delete.html",
        {"body": body, "object": item, "kind": "standing", "form": StandingItemForm(instance=item)},
    )


@require_POST
def standing_item_move(request, body_pk: int, pk: int):
    body = get_object_or_404(Body, pk=body_pk)
    _secretary(request, body)
    item = get_object_or_404(StandingItem, pk=pk, body=body)
    form = MoveForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("direction", []):
            messages.error(request, str(error))
    else:
        moved = services.standing_item_move(
            item=item, up=form.cleaned_data["direction"] == "op", user=request.user
        )
        messages.success(request, f"»{moved.title}« er nu punkt {moved.number}.")
    return redirect(reverse("meetings:standing_items", args=[body.pk]))
