"""The user's own page "Mine mails": what they are mailed about."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from notify import services
from notify.forms import MailPreferencesForm
from notify.preferences import choices_of


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
