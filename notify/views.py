"""The user's own page "Mine mails" (what they are mailed about), and the administrator's
"Sendte mails" (every outgoing mail and what became of it)."""

from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notify import selectors, services
from notify.forms import MailPreferencesForm, SentMailFilterForm
from notify.models import Delivery
from notify.permissions import may_administer_mail
from notify.preferences import choices_of, kind_name

PAGE_SIZE = 50
FILTERS = ("tilstand", "slags", "side")


@require_http_methods(["GET", "POST"])
def mail_preferences(request: HttpRequest) -> HttpResponse:
    """Each registered kind of mail with a checkbox; saving stores only what changed."""
    user = cast(User, request.user)  # every page but the public ones requires a login
    form = MailPreferencesForm(request.POST or None, initial_choices=choices_of(user))
    if request.method == "POST" and form.is_valid():
        services.mail_preferences_save(user=user, wanted=form.choices())
        messages.success(request, "Dine valg er gemt.")
        return redirect("notify:preferences")
    return render(
        request,
        "notify/preferences.html",
        {"form": form, "address": getattr(user, "email", "")},
    )


def _administrator(request: HttpRequest) -> None:
    if not may_administer_mail(request.user):
        raise PermissionDenied("Kun administratorer kan se de sendte mails.")


def _filters(query: QueryDict) -> str:
    """The page's own filters from a query string, and nothing else (for links and redirects)."""
    return urlencode([(k, query[k]) for k in FILTERS if query.get(k)])


@require_GET
def sent_mails(request: HttpRequest) -> HttpResponse:
    """Every outgoing mail, newest first, filtered by state and kind, 50 a page: to whom, its
    subject and kind, when, what became of it and why it failed. What the mail said, nothing
    else: no mail holds closed content, and the page shows no more than the mail."""
    _administrator(request)
    form = SentMailFilterForm(request.GET, kind_choices=selectors.mail_kind_choices())
    valid = form.is_valid()
    state = form.cleaned_data.get("tilstand", "") if valid else ""
    kind = form.cleaned_data.get("slags", "") if valid else ""
    page = Paginator(selectors.sent_mails(state=state, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    rows = [(delivery, kind_name(delivery.mail.kind)) for delivery in page]
    query = _filters(request.GET)
    without_page = request.GET.copy()
    without_page.pop("side", None)
    return render(
        request,
        "notify/sent_mails.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filtered": bool(state or kind),
            "query": query,
            "query_without_page": _filters(without_page),
        },
        status=200 if valid else 400,
    )


@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Send igen" for a failed mail: it waits again and the worker sends it."""
    _administrator(request)
    delivery = get_object_or_404(Delivery, pk=pk)
    try:
        services.delivery_resend(delivery_id=delivery.pk, user=cast(User, request.user))
    except services.AlreadyResent:
        messages.info(
            request, f"Mailen til {delivery.address} er ikke fejlet længere: den er sendt igen."
        )
    else:
        messages.success(request, f"Mailen til {delivery.address} sendes igen.")
    back = reverse("notify:sent")
    query = _filters(QueryDict(request.POST.get("query", "")))
    return redirect(f"{back}?{query}" if query else back)
