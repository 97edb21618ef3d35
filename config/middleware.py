"""Requests whose address or parameters carry control characters get a Danish 400 page.

No view can use a NUL byte or another control character from an address: PostgreSQL refuses
NUL in text, and the others are never typed into a search field or a link. Refusing them here,
once, means no view has to remember it. Tab and line breaks are ordinary in form text; a
NUL is refused in a form too, since no database keeps it. Other control characters in form
text (Word's soft line break, pasted in) are kept and cleaned where they would break a
document (documents.common).
"""

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader

# C0 controls except tab, line feed and carriage return; DEL; and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NUL = "\x00"


def has_control_characters(value: str) -> bool:
    """Whether a string carries a character no address or search parameter legitimately has."""
    return bool(_CONTROL.search(value))


def _any(values: Iterable[str], test: Callable[[str], bool]) -> bool:
    return any(test(value) for value in values)


def _refusal(request: HttpRequest) -> HttpResponse:
    message = (
        "Adressen eller et af felterne indeholder et kontroltegn (for eksempel et nul-tegn), "
        "som ikke kan bruges. Ret adressen eller teksten, og prøv igen."
    )
    try:
        body: str = loader.render_to_string("400.html", {"message": message}, request)
    except Exception:  # the refusal must not fail itself: plain text as the last resort
        body = message
    return HttpResponseBadRequest(body)


class RejectControlCharactersMiddleware:
    """Answer 400 for control characters in the path or query, and for NUL in a posted form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        if (
            has_control_characters(request.path_info)
            or _any(query.keys(), has_control_characters)
            or _any((v for _, values in query.lists() for v in values), has_control_characters)
        ):
            return _refusal(request)
        if request.method == "POST" and _posted_nul(request):
            return _refusal(request)
        return self.get_response(request)


def _posted_nul(request: HttpRequest) -> bool:
    try:
        form = request.POST
    except Exception:  # a malformed body is Django's to refuse, later, with its own 400
        return False
    return _any(form.keys(), lambda v: _NUL in v) or _any(
        (v for _, values in form.lists() for v in values), lambda v: _NUL in v
    )
