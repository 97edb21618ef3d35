"""Pages of the status rounds and "Mit overblik"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from followup import charts, rows, selectors, services
from followup.forms import AgendaForm, AnswerForm, ReviewForm, RoundOpenForm
from followup.models import Answer, Round
from organisation.permissions import user_is_administrator

CONFLICT = _(
    "Nogen har gemt svaret, mens du redigerede. Dine ændringer er ikke gemt: her er "
    "den gemte udgave."
)


def _administrator(request: HttpRequest) -> None:
    if not user_is_administrator(request.user):
        raise PermissionDenied(_("Kun administratorer kan styre statusrunder."))


def _round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("plan"), pk=pk)


def _errors(error: ValidationError) -> list[str]:
    return (
        [message for messages_ in error.message_dict.values() for message in messages_]
        if hasattr(error, "error_dict")
        else list(error.messages)
    )


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """ "Mit overblik": the logged-in user's start page."""
    return render(request, "followup/overview.html", selectors.overview(user=request.user))


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.rounds_list()
    return render(
        request,
        "followup/round_list.html",
        {"rounds": rounds, "can_open": user_is_administrator(request.user)},
    )


@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest) -> HttpResponse:
    """An administrator opens a round: which items, the deadline, who answers, reminders."""
    _administrator(request)
    form = RoundOpenForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round = services.round_open(
                plan=data["plan"],
                name=data["name"],
                deadline=data["deadline"],
                rule=data["rule"],
                reminder_days=data["reminder_days"],
                committee=data["committee"],
                kind=data["kind"],
                theme=data["theme"],
                user=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Statusrunden er åbnet."))
            return redirect(round)
    return render(request, "followup/round_open.html", {"form": form})


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's progress per committee and director, and the administrator's actions."""
    round = _round(pk)
    administrator = user_is_administrator(request.user)
    context = {
        "round": round,
        "progress": selectors.progress(round=round),
        "reminders": selectors.reminder_dates(round=round),
        "administrator": administrator,
        "decision": selectors.round_decision(round=round, user=request.user),
    }
    if administrator and not round.is_open and round.agenda_item_id is None:
        context["agenda_form"] = AgendaForm(meetings=services.agenda_meetings())
    return render(request, "followup/round_detail.html", context)


@require_GET
def round_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """Every item of the round with who answers and the answer's state."""
    round = _round(pk)
    answers = round.answers.select_related("item__committee", "item__director", "respondent")
    context = {
        "round": round,
        "answers": answers,
        "administrator": user_is_administrator(request.user),
    }
    return render(request, "followup/round_answers.html", context)


@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator(request)
    round = _round(pk)
    try:
        sent = services.round_remind_again(round=round, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(
            request,
            ngettext(
                "Påmindelsen er sendt til %(n)s person.",
                "Påmindelsen er sendt til %(n)s personer.",
                sent,
            )
            % {"n": sent},
        )
    return redirect(round)


@require_POST
def round_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    """The administrator changes when the reminders go out."""
    _administrator(request)
    round = _round(pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.round_reminders_change(
            round=round,
            reminder_days=services.parse_reminder_days(request.POST.get("reminder_days", "")),
            expected_version=version,
            user=request.user,  # type: ignore[arg-type]
        )
    except services.RoundConflict:
        messages.error(request, _("Statusrunden er ændret, siden du åbnede siden. Prøv igen."))
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("Påmindelserne er gemt."))
    return redirect(round)


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator(request)
    round = _round(pk)
    if not request.POST.get("confirm"):
        messages.error(
            request,
            _(
                "Statusrunden er ikke lukket: sæt kryds ved »Jeg ved, at lukningen ikke kan "
                "fortrydes« først."
            ),
        )
        return redirect(round)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.round_close(round=round, expected_version=version, user=request.user)  # type: ignore[arg-type]
    except services.RoundConflict:
        messages.error(request, _("Statusrunden er ændret, siden du åbnede siden. Prøv igen."))
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(
            request, _("Statusrunden er lukket, og svarene er overført til indsatserne.")
        )
    return redirect(round)


@require_POST
def round_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the closed round's report on Direktionen's or ØK's agenda."""
    _administrator(request)
    round = _round(pk)
    form = AgendaForm(request.POST, meetings=services.agenda_meetings())
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(round)
    try:
        item = services.round_put_on_agenda(
            round=round,
            meeting=form.cleaned_data["meeting"],
            user=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
        return redirect(round)
    messages.success(request, _("Rapporten er sat på dagsordenen."))
    return redirect(item)


@require_GET
def round_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: charts with their numbers, changes since an earlier round, late and
    blocked items, each item's answer. `?sammenlign=<round>` compares with that round."""
    round = _round(pk)
    compare_with = None
    wanted = request.GET.get("sammenlign", "")
    if wanted:
        if not wanted.isdigit() or len(wanted) > 9:
            raise Http404
        compare_with = get_object_or_404(selectors.comparable_rounds(round=round), pk=wanted)
    data = selectors.report(round=round, compare_with=compare_with)
    context = data | {
        "chart_pairs": [(chart, charts.svg(chart)) for chart in data["charts"]],
        "answer_rows": rows.answer_rows(data["facts"]),
        "rows": {
            "moves": rows.fact_rows(data["changes"]["moves"], moves=True),
            "delays": rows.fact_rows(data["changes"]["delays"], moves=True),
            "finished": rows.fact_rows(data["changes"]["finished"]),
            "notes": rows.fact_rows(data["changes"]["notes"], notes=True),
            "overdue": rows.fact_rows(data["overdue"]),
            "blocked": rows.fact_rows(data["blocked"], notes=True),
            "unanswered": rows.fact_rows(data["unanswered"]),
        },
        "comparable": selectors.comparable_rounds(round=round),
        "decision": selectors.round_decision(round=round, user=request.user),
    }
    return render(request, "followup/report.html", context)


def _answer(pk: int) -> Answer:
    return get_object_or_404(Answer.objects.with_everything().select_related("round__plan"), pk=pk)


@require_http_methods(["GET", "POST"])
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer for one item: save as a draft, or submit for the director's review."""
    answer = _answer(pk)
    if not services.user_may_answer(request.user, answer):
        raise Http404
    has_amounts = any(getattr(answer.item, f"amount_{n}") for n in range(1, 5))
    archived = answer.round.plan.is_archived
    editable = answer.round.is_open and answer.state != Answer.State.APPROVED and not archived
    year = answer.round.deadline.year
    form = AnswerForm(
        request.POST or None,
        initial=AnswerForm.initial_for(answer),
        has_amounts=has_amounts,
        year=year,
    )
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data.get(name)
            for name in services.ANSWER_FIELDS
            if name in data or name in {"timing_quarter", "timing_month"}
        }
        try:
            saved = services.answer_save(
                answer=answer,
                fields=fields,
                expected_version=data["version"],
                submit=request.POST.get("action") == "submit",
                user=request.user,  # type: ignore[arg-type]
            )
        except services.AnswerConflict as conflict:
            form = AnswerForm(
                initial=AnswerForm.initial_for(conflict.current),
                has_amounts=has_amounts,
                year=year,
            )
            form.conflict = True  # type: ignore[attr-defined]
            messages.error(request, CONFLICT)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            if saved.state == Answer.State.SUBMITTED:
                messages.success(request, _("Svaret er indsendt til direktøren."))
                return redirect("followup:overview")
            messages.success(request, _("Svaret er gemt som kladde."))
            return redirect(saved)
    elif request.method == "POST" and not editable:
        if archived and answer.round.is_open:
            messages.error(
                request, " ".join(services.RoundPlanArchived(answer.round.plan).messages)
            )
        else:
            messages.error(request, _("Svaret kan ikke længere ændres."))
    return render(
        request,
        "followup/answer_form.html",
        {"answer": answer, "form": form, "editable": editable, "archived": archived},
    )


@require_http_methods(["GET", "POST"])
def answer_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The director approves the answer or returns it with a comment."""
    answer = _answer(pk)
    if not services.user_may_review(request.user, answer):
        raise Http404
    form = ReviewForm(request.POST or None, initial={"version": answer.version})
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("action") != "return"
        try:
            services.answer_review(
                answer=answer,
                approve=approve,
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
                user=request.user,  # type: ignore[arg-type]
            )
        except services.AnswerConflict:
            messages.error(request, _("Svaret er ændret, siden du åbnede det. Se det igen."))
            return redirect("followup:review", pk=answer.pk)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request, _("Svaret er godkendt.") if approve else _("Svaret er sendt retur.")
            )
            return redirect("followup:overview")
    return render(
        request,
        "followup/answer_review.html",
        {"answer": answer, "form": form, "archived": answer.round.plan.is_archived},
    )
