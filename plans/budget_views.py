"""Pages for the next budget period, the råderumskatalog and the efficiency contribution."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danish.formatting import ascii_slug
from organisation.permissions import user_is_administrator
from plans import archiving, catalogue_excel, selectors, services
from plans.budget_forms import (
    CarryOverForm,
    ProposalFilterForm,
    ProposalForm,
    ProposalItemForm,
    TargetsForm,
)
from plans.excel import ImportRejected
from plans.models import AMOUNT_FIELDS, EfficiencyTarget, Item, Plan, Proposal
from plans.services import CarryAmounts, carried_amounts
from plans.views import XLSX, _download

CHART_WIDTH = 220  # the widest bar in the compliance chart, in SVG units (a phone shows it whole)


def _require_administrator(request: HttpRequest, message: str) -> None:
    if not user_is_administrator(request.user):
        raise PermissionDenied(message)


def _writable(plan: Plan) -> None:
    if plan.is_archived:
        raise services.PlanArchived(plan)


# --- The next budget period ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators make the next period's plan: choose the items, preview, then carry
    over, all or nothing. POST with "preview" only shows what would be carried."""
    _require_administrator(request, _("Kun administratorer kan videreføre en plan."))
    plan = get_object_or_404(Plan, pk=pk)
    if plan.state != Plan.State.ADOPTED:
        messages.error(request, _("Kun en vedtaget plan kan videreføres til en ny budgetperiode."))
        return redirect(plan)
    items = list(Item.objects.filter(plan=plan).select_related("plan", "committee").in_plan_order())
    form = CarryOverForm(request.POST if request.method == "POST" else None, source=plan,
                         items=items)  # fmt: skip
    preview = None
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        first, last = form.cleaned_data["first_year"], form.cleaned_data["last_year"]
        if "commit" in request.POST:
            try:
                new = services.plan_carry_over(
                    source=plan,
                    name=form.cleaned_data["name"],
                    first_year=first,
                    last_year=last,
                    choices=form.choices,
                    archive_source=form.cleaned_data["archive_source"],
                    user=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    _("%(plan)s er oprettet med %(count)d videreførte indsatser.")
                    % {"plan": new.name, "count": len(form.choices)},
                )
                return redirect(new)
        years = list(range(first, last + 1))
        rows = []
        for choice in form.choices:
            values = carried_amounts(
                item=choice.item, first_year=first, last_year=last, amounts=choice.amounts
            )
            rows.append(
                {"item": choice.item, "amounts": [values[f] for f in AMOUNT_FIELDS[: len(years)]]}
            )
        preview = {"years": years, "rows": rows}
    elif request.method == "POST":
        errors = [str(error) for error in form.non_field_errors()]
    return render(
        request,
        "plans/carry_over.html",
        {
            "plan": plan,
            "form": form,
            "rows": form.rows(),
            "amount_choices": CarryAmounts.choices,
            "preview": preview,
            "errors": errors,
            "archive_blockers": archiving.archive_blockers(plan=plan),
        },
        status=400 if request.method == "POST" and (errors or form.errors) else 200,
    )


@require_POST
def plan_archive(request: HttpRequest, pk: int) -> HttpResponse:
    _require_administrator(request, _("Kun administratorer kan arkivere en plan."))
    plan = get_object_or_404(Plan, pk=pk)
    if plan.is_archived:
        messages.info(request, _("Planen er allerede arkiveret."))
    else:
        try:
            services.plan_archive(plan=plan, user=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(plan)s er arkiveret og kan nu kun læses.") % {
                "plan": plan.name})  # fmt: skip
    return redirect(plan)


# --- The råderumskatalog ---------------------------------------------------------------------


@require_GET
def proposal_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The catalogue: every proposal with its state and what it became, filtered, with totals."""
    plan = get_object_or_404(Plan, pk=pk)
    form = ProposalFilterForm(request.GET or None)
    proposals = selectors.proposals_filtered(plan=plan, criteria=form.criteria)
    totals = selectors.proposals_totals(plan=plan, proposals=proposals)
    return render(
        request,
        "plans/proposal_list.html",
        {
            "plan": plan,
            "form": form,
            "proposals": list(proposals.with_everything()),
            "totals": totals,
            "query": request.GET.urlencode(),
            "can_edit": user_is_administrator(request.user) and not plan.is_archived,
        },
    )


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.with_everything(), pk=pk)


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    can_edit = user_is_administrator(request.user) and not proposal.plan.is_archived
    history = proposal.history.select_related("history_user").order_by("-history_date")[:50]
    item_form = None
    if can_edit and proposal.item is None:
        item_form = ProposalItemForm(initial={"code": proposal.number,
                                              "version": proposal.version})  # fmt: skip
    carried_to = None
    if proposal.item is not None:
        carried_to = Item.objects.select_related("plan").filter(carried_from=proposal.item).first()
    return render(
        request,
        "plans/proposal_detail.html",
        {
            "proposal": proposal,
            "plan": proposal.plan,
            "can_edit": can_edit,
            "history": history,
            "item_form": item_form,
            "carried_to": carried_to,
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_administrator(request, _("Kun administratorer kan oprette råderumsforslag."))
    plan = get_object_or_404(Plan, pk=pk)
    _writable(plan)
    form = ProposalForm(request.POST or None, instance=Proposal(plan=plan), plan=plan,
                        initial={"version": 1})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(
            plan=plan,
            fields=form.field_values(),
            user=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Forslaget er oprettet."))
        return redirect(proposal)
    return render(
        request,
        "plans/proposal_form.html",
        {"plan": plan, "proposal": None, "form": form, "conflict": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a proposal; a save based on an outdated version is refused and shows the news."""
    _require_administrator(request, _("Kun administratorer kan rette råderumsforslag."))
    proposal = _proposal(pk)
    _writable(proposal.plan)
    form = ProposalForm(request.POST or None, instance=proposal, plan=proposal.plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                fields=form.field_values(),
                expected_version=form.cleaned_data["version"],
                user=request.user,  # type: ignore[arg-type]
            )
        except services.ProposalConflict as error:
            conflict = error.current
            # Saving again from the shown form means "my version wins": base it on theirs.
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form.data = data
        else:
            messages.success(request, _("Forslaget er gemt."))
            return redirect(proposal)
    return render(
        request,
        "plans/proposal_form.html",
        {"plan": proposal.plan, "proposal": proposal, "form": form, "conflict": conflict},
        status=409 if conflict else (400 if form.errors else 200),
    )


@require_POST
def proposal_make_item(request: HttpRequest, pk: int) -> HttpResponse:
    """A chosen proposal becomes an item of the plan (kind råderum)."""
    _require_administrator(request, _("Kun administratorer kan oprette indsatser fra forslag."))
    proposal = _proposal(pk)
    form = ProposalItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv indsatsens nummer i planen (højst 20 tegn)."))
        return redirect(proposal)
    try:
        item = services.proposal_make_item(
            proposal=proposal,
            code=form.cleaned_data["code"].strip(),
            expected_version=form.cleaned_data["version"],
            partly=form.cleaned_data["partly"],
            user=request.user,  # type: ignore[arg-type]
        )
    except services.ProposalConflict:
        messages.error(request, _("Forslaget er ændret i mellemtiden. Se det igen, og prøv igen."))
        return redirect(proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(proposal)
    messages.success(request, _("Forslaget er blevet til indsats %(code)s.") % {"code": item.code})
    return redirect(item)


@require_GET
def catalogue_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The catalogue (or the filtered view of it) as .xlsx."""
    plan = get_object_or_404(Plan, pk=pk)
    form = ProposalFilterForm(request.GET or None)
    proposals = selectors.proposals_filtered(plan=plan, criteria=form.criteria).with_everything()
    content = catalogue_excel.catalogue_export_xlsx(plan=plan, proposals=proposals)
    return _download(content, XLSX, f"raaderumskatalog-{ascii_slug(plan.name)}.xlsx")


@require_http_methods(["GET", "POST"])
def catalogue_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators import the catalogue from .xlsx: all rows or none."""
    _require_administrator(request, _("Kun administratorer kan indlæse råderumskataloget."))
    plan = get_object_or_404(Plan, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Vælg en Excel-fil (.xlsx) at indlæse.")]
        else:
            try:
                result = catalogue_excel.catalogue_import_xlsx(
                    plan=plan, file=upload, user=request.user
                )
            except ImportRejected as rejected:
                errors = rejected.errors
            else:
                messages.success(
                    request,
                    _("Råderumskataloget er indlæst: %(created)d oprettet, %(updated)d "
                      "opdateret, %(unchanged)d uændret.")
                    % {"created": result.created, "updated": result.updated,
                       "unchanged": result.unchanged},
                )  # fmt: skip
                return redirect("plans:proposals", pk=plan.pk)
    return render(
        request,
        "plans/catalogue_import.html",
        {"plan": plan, "errors": errors},
        status=400 if errors else 200,
    )


# --- The efficiency contribution and budget compliance ---------------------------------------


@require_GET
def compliance(request: HttpRequest, pk: int) -> HttpResponse:
    """Per committee and year: the target, what the items carry and what was realised, as a
    table and as a bar chart of the chosen year."""
    plan = get_object_or_404(Plan, pk=pk)
    year = _year_from(request.GET.get("aar"), plan)
    if year is None:
        messages.error(
            request,
            _("Vælg et af planens budgetår (%(period)s).") % {"period": plan.period},
        )
        return redirect("plans:compliance", pk=plan.pk)
    rows = selectors.compliance(plan=plan)
    totals = selectors.compliance_totals(plan=plan, rows=rows)
    return render(
        request,
        "plans/compliance.html",
        {
            "plan": plan,
            "rows": rows,
            "totals": totals,
            "year": year,
            "chart": _chart(rows, plan.years.index(year)),
            "can_edit": user_is_administrator(request.user) and not plan.is_archived,
        },
    )


def _year_from(value: str | None, plan: Plan) -> int | None:
    if not value:
        return plan.first_year
    try:
        year = int(value)
    except ValueError:
        return None
    return year if year in plan.years else None


def _chart(rows: list[selectors.ComplianceRow], index: int) -> dict[str, Any]:
    """Bar lengths for the chart: the three amounts of each committee in the chosen year,
    scaled to the largest (savings are drawn by their size)."""
    bars = []
    values = [
        abs(v)
        for row in rows
        for v in (row.cells[index].target, row.cells[index].planned, row.cells[index].realised)
        if v is not None
    ]
    largest = max(values, default=0) or 1
    for position, row in enumerate(rows):
        cell = row.cells[index]
        series = []
        for offset, (label, css, value) in enumerate(
            [(_("Mål"), "target", cell.target), (_("Indsatser"), "planned", cell.planned),
             (_("Realiseret"), "realised", cell.realised)]
        ):  # fmt: skip
            width = int(abs(value) / largest * CHART_WIDTH) if value is not None else 0
            series.append(
                {"label": label, "css": css, "value": value, "width": width,
                 "y": position * 84 + 22 + offset * 20}
            )  # fmt: skip
        bars.append({"row": row, "y": position * 84 + 14, "series": series})
    return {"bars": bars, "height": max(len(rows) * 84 + 10, 40), "width": CHART_WIDTH + 170}


@require_http_methods(["GET", "POST"])
def compliance_targets(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators set the efficiency contribution per committee and year."""
    _require_administrator(request, _("Kun administratorer kan sætte effektiviseringsbidraget."))
    plan = get_object_or_404(Plan, pk=pk)
    _writable(plan)
    initial = {
        (t.committee_id, t.year): t.amount for t in EfficiencyTarget.objects.filter(plan=plan)
    }
    form = TargetsForm(request.POST if request.method == "POST" else None, plan=plan,
                       initial_targets=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        for committee, year, amount in form.targets():
            if initial.get((committee.pk, year)) != amount:
                services.efficiency_target_set(
                    plan=plan, committee=committee, year=year, amount=amount,
                    user=request.user,  # type: ignore[arg-type]
                )  # fmt: skip
        messages.success(request, _("Effektiviseringsbidraget er gemt."))
        return redirect("plans:compliance", pk=plan.pk)
    return render(
        request,
        "plans/compliance_targets.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )
