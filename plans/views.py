"""Pages of the plan register: the plan, items, history, extracts and Excel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danish.formatting import ascii_slug
from organisation.models import Body
from organisation.permissions import (
    user_can_edit_any_item,
    user_can_edit_item,
    user_is_administrator,
)
from plans import excel, lineage, pages, selectors, services, timeline
from plans.forms import (
    ChosenSdgsForm,
    CourseForm,
    ItemForm,
    PlanFilterForm,
    StatusNoteForm,
    StrategyYearForm,
    ThemeForm,
)
from plans.models import Item, Plan, StatusNote, Theme, ThemeCourse

PAGE_SIZE = 250
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def plan_current(request):
    """The start page: the current plan, or the list of plans when there is none."""
    plan = selectors.plan_current()
    return redirect(plan) if plan else redirect("plans:plans")


@require_GET
def plan_list(request):
    plans = Plan.objects.all()
    return render(request, "plans/plan_list.html", {"plans": plans})


@require_GET
def plan_detail(request, pk: int):
    """All items grouped by committee and kind, filtered, with counts and totals per group."""
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanFilterForm(request.GET or None, plan=plan)
    items = selectors.items_filtered(plan=plan, criteria=form.criteria)
    summary = selectors.plan_summary(plan=plan, items=items)
    page = Paginator(
        items.select_related("plan", "committee", "heading"),
        PAGE_SIZE,
    ).get_page(request.GET.get("side"))
    page.paginator.count = summary["count"]  # already counted by the summary query
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "groups": selectors.group_items(items=list(page), summary=summary),
        "summary": summary,
        "query": _query_without_page(request),
        "sdg_counts": _sdg_filters(request, plan, items),
    }
    template = "plans/_plan_results.html" if request.htmx else "plans/plan_detail.html"
    return render(request, template, context)


def _sdg_filters(request, plan: Plan, items) -> list[dict]:
    """Each SDG with the number of shown items that serve it, and the address of the plan
    filtered to it (the other filters kept); the current one is marked."""
    current = request.GET.get("sdg", "")
    rows = []
    for row in selectors.sdg_counts(plan=plan, items=items):
        query = request.GET.copy()
        query.pop("side", None)
        query["sdg"] = str(row.sdg.pk)
        rows.append({"row": row, "query": query.urlencode(), "current": current == str(row.sdg.pk)})
    return rows


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("side", None)
    return query.urlencode()


@require_GET
def item_detail(request, pk: int):
    """An item's fields and its one timeline: edits, status notes, cases and decisions, and
    what other apps add, in date order, each entry as the access rule lets the user see it."""
    item = get_object_or_404(Item.objects.with_everything(), pk=pk)
    can_edit = user_can_edit_item(request.user, item) and not item.plan.is_archived
    return render(
        request,
        "plans/item_detail.html",
        _item_page(request, item, can_edit, StatusNoteForm() if can_edit else None),
    )


def _item_page(request, item: Item, can_edit: bool, note_form) -> dict:
    return {
        "item": item,
        "plan": item.plan,
        "can_edit": can_edit,
        "note_form": note_form,
        "item_sdgs": _marked_sdgs(item),
        "timeline": timeline.entries(item=item, user=request.user),
        "lineage": lineage.item_lineage(item=item),
        **pages.item_context(item=item, user=request.user),
    }


def _marked_sdgs(item: Item) -> list:
    """(SDG, chosen for the plan) of each goal the item serves."""
    chosen = set(item.plan.chosen_sdgs.values_list("pk", flat=True))
    return [(sdg, sdg.pk in chosen) for sdg in item.sdgs.all()]


def _editable_item(request, pk: int) -> Item:
    item = get_object_or_404(Item.objects.select_related("plan"), pk=pk)
    if not user_can_edit_item(request.user, item):
        raise PermissionDenied(_("Du har ikke ret til at redigere denne indsats."))
    if item.plan.is_archived:
        raise services.PlanArchived(item.plan)
    return item


def _editable_committees(user):
    """None for administrators (all committees); an editor's own committees otherwise."""
    if user_is_administrator(user):
        return None
    return list(user.profile.bodies.values_list("pk", flat=True))


@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    """Edit an item; a save based on an outdated version shows both versions instead."""
    item = _editable_item(request, pk)
    form = ItemForm(
        request.POST or None,
        instance=item,
        plan=item.plan,
        editable_committees=_editable_committees(request.user),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                item=item,
                fields=form.field_values(),
                m2m=form.m2m_values(),
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.ItemConflict as error:
            conflict = _conflict(form, error.current)
        else:
            messages.success(request, _("Indsatsen er gemt."))
            return redirect(item)
    return render(
        request,
        "plans/item_form.html",
        {"item": item, "plan": item.plan, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _conflict(form: ItemForm, current: Item) -> dict:
    """What the other user saved, beside what this user tried to save, field by field."""
    current_form = ItemForm(instance=current, plan=current.plan)
    rows = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        mine, theirs = form[name], current_form[name]
        mine_value = field.prepare_value(form.cleaned_data.get(name))
        theirs_value = field.prepare_value(current_form.initial.get(name))
        rows.append(
            {
                "label": field.label,
                "mine": _shown(mine, mine_value),
                "theirs": _shown(theirs, theirs_value),
                "differs": _comparable(mine_value) != _comparable(theirs_value),
            }
        )
    # The last edit (a decision's entry changes no version, and may be closed).
    last = (
        current.history.filter(decision_agenda_item_id=None).select_related("history_user").first()
    )
    # The user may now save their version deliberately: it is based on the current version.
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["version"] = str(current.version)
    form.data = data
    return {"rows": [r for r in rows if r["differs"]], "current": current, "last": last}


def _comparable(value):
    if isinstance(value, list | tuple | set):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    if hasattr(value, "pk"):
        return str(value.pk)
    return "" if value is None else str(value)


def _shown(bound_field, value) -> str:
    field = bound_field.field
    if hasattr(field, "queryset"):
        values = value if isinstance(value, list | tuple) else [value]
        pks = {str(getattr(v, "pk", v)) for v in values if v not in (None, "")}
        return ", ".join(str(o) for o in field.queryset if str(o.pk) in pks) or "–"
    if hasattr(field, "choices") and field.choices:
        return str(dict(field.choices).get(value, value) or "–")
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    return str(value) if value not in (None, "") else "–"


@require_http_methods(["GET", "POST"])
def item_create(request, plan_pk: int):
    plan = get_object_or_404(Plan, pk=plan_pk)
    if not user_can_edit_any_item(request.user):
        raise PermissionDenied(_("Du har ikke ret til at oprette indsatser."))
    if plan.is_archived:
        raise services.PlanArchived(plan)
    form = ItemForm(
        request.POST or None,
        instance=Item(plan=plan),
        plan=plan,
        editable_committees=_editable_committees(request.user),
        initial={"version": 1},
    )
    if request.method == "POST" and form.is_valid():
        item = services.item_create(
            plan=plan, fields=form.field_values(), m2m=form.m2m_values(), user=request.user
        )
        messages.success(request, _("Indsatsen er oprettet."))
        return redirect(item)
    return render(request, "plans/item_form.html", {"item": None, "plan": plan, "form": form})


@require_GET
def item_history(request, pk: int):
    item = get_object_or_404(Item.objects.select_related("plan"), pk=pk)
    return render(
        request,
        "plans/item_history.html",
        {
            "item": item,
            "plan": item.plan,
            "entries": selectors.item_history(
                item=item, visible_decisions=selectors.readable_decisions(request.user)
            ),
            "can_edit": user_can_edit_item(request.user, item) and not item.plan.is_archived,
        },
    )


@require_http_methods(["GET", "POST"])
def item_restore(request, pk: int, history_id: int):
    """GET shows which fields the restore changes, from what to what; POST restores."""
    item = _editable_item(request, pk)
    record = item.history.filter(history_id=history_id).first()
    if record is None or (
        record.decision_agenda_item_id
        and not selectors.readable_decisions(request.user)({record.decision_agenda_item_id})
    ):
        raise Http404  # a version the user may not see is answered as one that does not exist
    if request.method == "GET":
        return render(
            request,
            "plans/item_restore.html",
            {
                "item": item,
                "plan": item.plan,
                "record": record,
                "changes": selectors.item_restore_changes(item=item, record=record),
            },
        )
    expected_version = _version_from(request.POST.get("version"))
    if expected_version is None:
        messages.error(request, _("Versionen kunne ikke læses. Se historikken igen og gendan."))
        return redirect("plans:item_history", pk=item.pk)
    try:
        services.item_restore(
            item=item,
            history_id=history_id,
            expected_version=expected_version,
            user=request.user,
        )
    except services.ItemConflict:
        messages.error(
            request, _("Indsatsen er ændret i mellemtiden. Se historikken igen, før du gendanner.")
        )
        return redirect("plans:item_history", pk=item.pk)
    except item.history.model.DoesNotExist:
        raise PermissionDenied from None
    except ValidationError as error:  # the version cannot be whole any more: nothing restored
        messages.error(request, " ".join(error.messages))
        return redirect("plans:item_history", pk=item.pk)
    messages.success(request, _("Den tidligere version er gendannet."))
    return redirect(item)


def _version_from(value: str | None) -> int | None:
    """The version a form was based on; None when it is not a version number."""
    try:
        version = int(value or 0)
    except ValueError:
        return None
    return version if 0 <= version < 2**31 else None


@require_POST
def note_add(request, pk: int):
    item = _editable_item(request, pk)
    form = StatusNoteForm(request.POST)
    if form.is_valid():
        services.status_note_add(
            item=item, text=form.cleaned_data["text"], date=form.cleaned_data["date"],
            user=request.user,
        )  # fmt: skip
        messages.success(request, _("Statusnoten er tilføjet."))
        return redirect(item)
    item = Item.objects.with_everything().get(pk=item.pk)
    return render(
        request, "plans/item_detail.html", _item_page(request, item, True, form), status=400
    )


def _own_note(request, pk: int) -> StatusNote:
    note = get_object_or_404(StatusNote.objects.select_related("item__plan", "author"), pk=pk)
    if note.author_id != request.user.pk or not user_can_edit_item(request.user, note.item):
        raise services.NoteForbidden
    if note.item.plan.is_archived:
        raise services.PlanArchived(note.item.plan)
    return note


@require_http_methods(["GET", "POST"])
def note_edit(request, pk: int):
    """The author corrects a status note (the history keeps the earlier text)."""
    note = _own_note(request, pk)
    form = StatusNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        services.status_note_update(
            note=note, text=form.cleaned_data["text"], date=form.cleaned_data["date"],
            user=request.user,
        )  # fmt: skip
        messages.success(request, _("Statusnoten er rettet."))
        return redirect(note.item)
    return render(
        request,
        "plans/note_form.html",
        {"note": note, "item": note.item, "plan": note.item.plan, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def note_delete(request, pk: int):
    """GET asks for confirmation; POST deletes the note (the history keeps it)."""
    note = _own_note(request, pk)
    if request.method == "POST":
        services.status_note_delete(note=note, user=request.user)
        messages.success(request, _("Statusnoten er slettet."))
        return redirect(note.item)
    return render(
        request,
        "plans/note_delete.html",
        {"note": note, "item": note.item, "plan": note.item.plan},
    )


@require_GET
def extract_index(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    return render(
        request,
        "plans/extract_index.html",
        {"plan": plan, "committees": Body.objects.committees()},
    )


def _extract_context(pk: int, abbreviation: str) -> dict:
    plan = get_object_or_404(Plan, pk=pk)
    body = get_object_or_404(Body.objects.committees(), abbreviation=abbreviation)
    return {
        "plan": plan,
        "body": body,
        "sections": selectors.extract_sections(plan=plan, body=body),
        "chosen_sdgs": set(plan.chosen_sdgs.values_list("pk", flat=True)),
    }


@require_GET
def extract_detail(request, pk: int, abbreviation: str):
    return render(request, "plans/extract_detail.html", _extract_context(pk, abbreviation))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def plan_export(request, pk: int):
    """The plan, or the filtered view of it, as .xlsx."""
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanFilterForm(request.GET or None, plan=plan)
    items = selectors.items_filtered(plan=plan, criteria=form.criteria)
    slug = ascii_slug(plan.name)
    return _download(excel.plan_export_xlsx(plan=plan, items=items), XLSX, f"{slug}.xlsx")


@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    """Administrators import an .xlsx to create or update a plan: all rows or none."""
    if not user_is_administrator(request.user):
        raise PermissionDenied(_("Kun administratorer kan indlæse planer."))
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Vælg en Excel-fil (.xlsx) at indlæse.")]
        else:
            try:
                result = excel.plan_import_xlsx(file=upload, user=request.user)
            except excel.ImportRejected as rejected:
                errors = rejected.errors
            else:
                messages.success(
                    request,
                    _("%(plan)s er indlæst: %(created)d oprettet, %(updated)d opdateret, "
                      "%(unchanged)d uændret.")
                    % {"plan": result.plan, "created": result.created, "updated": result.updated,
                       "unchanged": result.unchanged},
                )  # fmt: skip
                return redirect(result.plan)
    return render(
        request, "plans/plan_import.html", {"errors": errors}, status=400 if errors else 200
    )


# --- The strategic plan -----------------------------------------------------------------------


def _administrator_only(request, message: str) -> None:
    if not user_is_administrator(request.user):
        raise PermissionDenied(message)


@require_GET
def strategy_detail(request, pk: int):
    """The strategic plan: per theme the course of the chosen year, the ties, the items with
    their KKC, status and time; the chosen SDGs; what higher apps add (strategic reviews)."""
    plan = get_object_or_404(Plan, pk=pk)
    form = StrategyYearForm(request.GET or None, plan=plan)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["aar"] or None
    strategy = selectors.strategic_plan(plan=plan, year=year)
    if not form.is_bound:
        form = StrategyYearForm(initial={"aar": strategy.year}, plan=plan)
    return render(
        request,
        "plans/strategy_detail.html",
        {
            "plan": plan,
            "strategy": strategy,
            "form": form,
            "can_edit": user_is_administrator(request.user),
            "counts": selectors.sdg_counts(plan=plan, items=Item.objects.filter(plan=plan)),
            "plan_sections": _plan_sections(plan, request.user),
        },
        status=400 if form.errors else 200,
    )


def _plan_sections(plan: Plan, user) -> list:
    """What registered apps show at the bottom of the strategic plan, in registration order;
    a source gives HTML (a rendered fragment), anything else is shown as text."""
    return [value for value in pages.plan_context(plan=plan, user=user).values() if value]


@require_http_methods(["GET", "POST"])
def plan_sdgs(request, pk: int):
    """The administrator chooses the SDGs the plan rests on (6 of the 17 in Norddjurs)."""
    _administrator_only(request, _("Kun administratorer kan vælge planens verdensmål."))
    plan = get_object_or_404(Plan, pk=pk)
    chosen = list(plan.chosen_sdgs.all())
    based_on = ",".join(str(sdg.number) for sdg in chosen)
    form = ChosenSdgsForm(request.POST or None, initial={"sdgs": chosen, "based_on": based_on})
    if request.method == "POST" and form.is_valid():
        numbers = form.cleaned_data["based_on"]
        try:
            services.plan_choose_sdgs(
                plan=plan, sdgs=form.cleaned_data["sdgs"], expected=numbers, user=request.user
            )
        except services.StaleEdit:
            message = _(
                "Nogen har ændret planens verdensmål, mens du valgte. Dine valg er ikke gemt: "
                "se de gældende valg herunder, og vælg igen."
            )
            form = _fresh_sdg_form(plan, message)
        else:
            messages.success(request, _("Planens verdensmål er gemt."))
            return redirect("plans:strategy", pk=plan.pk)
    return render(
        request,
        "plans/plan_sdgs.html",
        {"plan": plan, "form": form},
        status=409 if form.non_field_errors() else 400 if form.errors else 200,
    )


def _fresh_sdg_form(plan: Plan, message: str) -> ChosenSdgsForm:
    """The current choice, as if just submitted, with the refusal above it."""
    chosen = list(plan.chosen_sdgs.all())
    data = QueryDict(mutable=True)
    data.setlist("sdgs", [str(sdg.pk) for sdg in chosen])
    data["based_on"] = ",".join(str(sdg.number) for sdg in chosen)
    form = ChosenSdgsForm(data)
    form.is_valid()
    form.add_error(None, message)
    return form


@require_http_methods(["GET", "POST"])
def theme_create(request, pk: int):
    _administrator_only(request, _("Kun administratorer kan oprette strategiske temaer."))
    plan = get_object_or_404(Plan, pk=pk)
    form = ThemeForm(request.POST or None, plan=plan, initial={"position": plan.themes.count()})
    if request.method == "POST" and form.is_valid():
        services.theme_create(
            plan=plan, fields=form.field_values(), sdgs=form.cleaned_data["sdgs"], user=request.user
        )
        messages.success(request, _("Temaet er oprettet."))
        return redirect("plans:strategy", pk=plan.pk)
    return render(
        request,
        "plans/theme_form.html",
        {"plan": plan, "theme": None, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def theme_edit(request, pk: int):
    """Edit a theme's name, description, ties to the strategy and SDGs; a save based on an
    older version is refused."""
    _administrator_only(request, _("Kun administratorer kan redigere strategiske temaer."))
    theme = get_object_or_404(Theme.objects.select_related("plan"), pk=pk)
    form = ThemeForm(request.POST or None, instance=theme, plan=theme.plan)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                theme=theme,
                fields=form.field_values(),
                sdgs=form.cleaned_data["sdgs"],
                expected_version=form.cleaned_data["version"] or 0,
                user=request.user,
            )
        except services.StaleEdit:
            theme.refresh_from_db()
            form.add_error(
                None,
                _(
                    "Nogen har gemt temaet, mens du redigerede. Dine ændringer "
                    "er ikke gemt: genindlæs siden for at se den nye udgave, og "
                    "ret igen."
                ),
            )
            status = 409
        else:
            messages.success(request, _("Temaet er gemt."))
            return redirect(reverse("plans:strategy", args=[theme.plan_id]) + f"#tema-{theme.pk}")
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "plans/theme_form.html",
        {"plan": theme.plan, "theme": theme, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def course_edit(request, pk: int, year: int):
    """Write a theme's course for one year of the plan ("Kursen for 2026")."""
    _administrator_only(request, _("Kun administratorer kan skrive årets kurs."))
    theme = get_object_or_404(Theme.objects.select_related("plan"), pk=pk)
    if year not in theme.plan.years:
        raise Http404(_("Året ligger ikke i planens periode."))
    course = ThemeCourse.objects.filter(theme=theme, year=year).first()
    initial = {"text": course.text if course else "", "version": course.version if course else 0}
    form = CourseForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_course_set(
                theme=theme,
                year=year,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.StaleEdit as stale:
            form.add_error(
                None,
                _(
                    "Nogen har gemt årets kurs, mens du skrev. Din tekst er ikke "
                    "gemt: den gældende tekst står herunder."
                ),
            )
            course = stale.current
            status = 409
        else:
            messages.success(request, _("Kursen for %s er gemt.") % year)
            url = reverse("plans:strategy", args=[theme.plan_id])
            return redirect(f"{url}?aar={year}#tema-{theme.pk}")
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "plans/course_form.html",
        {"plan": theme.plan, "theme": theme, "year": year, "form": form, "current": course},
        status=status,
    )
