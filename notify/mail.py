"""Rendering one mail for one recipient: plain text and HTML from the same template pair, with
what every mail says (the kommune's name, Kursen's address) from the registered providers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

ContextProvider = Callable[[], Mapping[str, Any]]
_PROVIDERS: list[ContextProvider] = []


def register_context(provider: ContextProvider) -> None:
    """Add what every mail's templates may use, e.g. {"municipality": "Norddjurs Kommune"}.
    Registered from above (organisation's AppConfig.ready), so notify imports no app."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def template_names(template: str) -> tuple[str, str]:
    """ "agenda_sent" is templates/notify/agenda_sent.txt and .html; a name with a folder
    ("meetings/mail/agenda_sent") is used as it is."""
    base = template if "/" in template else f"notify/{template}"
    return f"{base}.txt", f"{base}.html"


def common_context() -> dict[str, Any]:
    context: dict[str, Any] = {"base_url": settings.KURSEN_BASE_URL, "municipality": ""}
    for provider in _PROVIDERS:
        context.update(provider())
    return context


def build_message(
    *,
    template: str,
    subject: str,
    context: Mapping[str, Any],
    address: str,
    name: str = "",
    common: Mapping[str, Any] | None = None,
    connection: Any = None,
) -> EmailMultiAlternatives:
    """The message to one recipient, both parts rendered from the same context."""
    full = dict(common if common is not None else common_context())
    full.update(context)
    full.update({"recipient_name": name, "subject": subject})
    text_name, html_name = template_names(template)
    text = render_to_string(text_name, full)
    html = render_to_string(html_name, full)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ").strip(),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((name, address)) if name else address],
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
