"""Login throttling with django-axes: after too many wrong passwords for one username from one
address, that pair is locked out for a cool-off period and the login page says so in Danish.

The settings (config/settings.py, "Login throttling") name the functions here.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login made through a request (the login page, the admin's).

    `authenticate()` without a request is a shell or a test calling it directly
    (`Client.login`): there is no address to count failures for, and nothing from outside
    reaches it, so it passes on to the model backend instead of failing.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The address failures are counted for: the connection's own, or, behind Kursen's reverse
    proxy (KURSEN_BEHIND_PROXY), the one the proxy appended last to X-Forwarded-For; earlier
    entries are whatever the client sent and could be forged to dodge the lockout."""
    if settings.KURSEN_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, with the lockout explained instead of the password error."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    context = {
        "form": form,
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_out_minutes": minutes,
    }
    return render(
        request,
        "registration/login.html",
        context,
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
