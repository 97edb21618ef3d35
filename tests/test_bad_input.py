"""Every URL of the project, asked with odd values by every role, answers without a 500.

The URL patterns are read from Django's resolver, so a new page is covered the day it is
added. Path converters get the ids of a small municipality and odd values (0, huge numbers,
NUL and other control characters, long strings); every query parameter a view reads
(`request.GET` and the filter and search forms) gets odd values too: NUL, control characters,
huge numbers, the years 0001 and 9999, long strings, wrong types. POST forms get the same odd
values for the field names the project's forms use. Runs on SQLite and PostgreSQL.

PDF downloads are left out of the random part (a Typst compile per draw is slow); their
.docx twins come from the same prepared model, and the documents' own tests cover the PDF.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import services as meeting_services
from meetings.models import Absence, Meeting
from plans import services as plan_services
from reading.models import DocumentImport
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
    SdgFactory,
    StatusNoteFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "editor", "administrator"]

# Every parameter a view reads from the query string, and the filter and search forms' fields.
QUERY_PARAMETERS = [
    "q", "udvalg", "maaned", "side", "aar", "type", "status", "committee", "kind", "heading",
    "theme", "sdg", "political", "next", "o", "p", "e", "ringe",
    "state",
]  # fmt: skip
# Field names of the project's POST forms (items, cases, meetings, decisions, imports, notes).
FORM_FIELDS = [
    "title", "number", "text", "decision", "version", "date", "start_time", "end_time", "place",
    "meeting", "case", "body", "closed", "document_number", "action", "code", "committee",
    "kind", "status", "routing_text", "item_codes", "not_participating", "from_template",
    "participants", "case_presentation", "recommendation", "time_slot", "username", "password",
    "amount_2025", "timing_year", "timing_period", "heading", "themes", "sdgs", "director",
    "bodies", "start", "preset", "month", "second_month", "custom_rule", "window_days", "theme",
    "item", "planned_for", "presenter", "on_meeting", "own_item", "whole_organisation",
    "name", "deadline", "rule", "reminder_days", "note", "note_date", "realised", "comment",
    "plan", "theme",
]  # fmt: skip

CONTROLS = "".join(chr(c) for c in range(32)) + "\x7f\x85\u2028\ufeff"
ODD_VALUES = [
    "", "\x00", "a\x00b", "\x0b", "\x1f", "\x7f", CONTROLS, "0", "-1", "1.5", "1e400",
    "9" * 30, str(2**31), str(2**63), str(-(2**63) - 1), "0001", "9999", "0001-01", "9999-12",
    "9999-12-31", "0001-01-01", "10000-01", "2025-13", "2025-00-10", "x" * 5000, "ø" * 300,
    "abc", "true", "[]", "{}", "' OR 1=1 --", "%", "%00", "<script>", "../../etc/passwd",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]  # fmt: skip
ODD_PATH_INTS = ["0", str(2**31), str(2**63), "9" * 30]
ODD_PATH_STRINGS = ["%00", "A%00U", "%0B", "x" * 300, "%C3%B8", "-", "0", "9" * 30]

_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue  # Django's own admin: its changelists are asked below
            yield from _walk(entry.url_patterns, prefix + _route(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + _route(entry.pattern)


def _route(pattern) -> str:
    """A route in the path() syntax; a regex's named groups become <kind:name> placeholders."""
    text = str(pattern)
    if not text.startswith("^") and not text.endswith("$"):
        return text

    def placeholder(match):
        body = match.group("body")
        if body == "[0-9]+":
            return f"<int:{match.group('name')}>"
        if "|" in body or body.isalpha():
            return f"<choice_{'_'.join(body.split('|'))}:{match.group('name')}>"
        return f"<str:{match.group('name')}>"

    return _GROUP.sub(placeholder, text).lstrip("^").rstrip("$").replace("\\.", ".")


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


@pytest.fixture
def world(
    municipality,
    plan,
    heading,
    theme,
    item,
    other_item,
    au,
    ok,
    kb,
    ok_members,
    administrator,
    editor,
    reader,
):
    """A little of everything a URL can name, open and closed, in every meeting state."""
    item.themes.add(theme)
    item.sdgs.add(SdgFactory())
    item.title = "Ny titel"
    item.save()  # a second history entry to restore
    note = StatusNoteFactory(item=item)
    case = CaseFactory(number="22/291", routing=[ok, kb])
    case.items.add(item)
    closed_case = CaseFactory(number="22/999", closed=True, routing=[ok, kb])
    planned = meeting_services.meeting_create(
        body=au,
        date=datetime.date.today() + datetime.timedelta(days=7),
        start_time=datetime.time(9),
        from_template=False,
    )
    published = MeetingFactory(body=ok, date=datetime.date(2022, 12, 6))
    approved = MeetingFactory(
        body=kb, date=datetime.date(2022, 12, 13), state=Meeting.State.MINUTES_APPROVED
    )
    Absence.objects.create(meeting=published, member=ok_members[0], kind=Absence.Kind.APOLOGIES)
    open_item = AgendaItemFactory(meeting=published, case=case, number=1, decision="Anbefales.")
    closed_item = AgendaItemFactory(meeting=published, case=closed_case, number=2, closed=True)
    AgendaItemFactory(meeting=approved, case=case, number=1, decision="Godkendt.")
    AgendaItemFactory(meeting=planned, number=1)
    attachments = [
        AttachmentFactory(agenda_item=open_item, number=1),
        AttachmentFactory(agenda_item=closed_item, number=1, closed=True),
    ]
    MemberFactory(body=au, name="Allan Gjersbøl Jørgensen", party="A")
    document = DocumentImport.objects.create(
        filename="dagsorden.txt",
        size=10,
        uploaded_by=editor,
        parsed={
            "source": "dagsorden.txt",
            "document_type": "dagsorden",
            "body": "Direktionen",
            "meeting": {"date": "2023-11-22"},
            "items": [],
        },
    )
    proposal = plan_services.proposal_create(
        plan=plan, fields={"number": "R-1", "title": "Forslag", "committee": au}, user=None
    )
    ids = {
        "raaderumsforslag": [proposal.pk],
        "moeder": [planned.pk, published.pk, approved.pk],
        "moede": [published.pk, approved.pk, planned.pk],
        "punkter": [open_item.pk, closed_item.pk],
        "bilag": [a.pk for a in attachments],
        "sager": [case.pk, closed_case.pk],
        "planer": [plan.pk],
        "indsatser": [item.pk, other_item.pk],
        "statusnoter": [note.pk],
        "temaer": [theme.pk],
        "year": [2025, 2026, 2040, datetime.date.today().year],
        "indlaesning": [document.pk],
        "history_id": list(item.history.values_list("history_id", flat=True)),
        "arbejdsplan": [au.pk, ok.pk],
        "body_pk": [au.pk, ok.pk],
    }
    strings = {
        "abbreviation": ["AU", "ØK", "KB"],
        "key": ["au", "oekonomiudvalget", str(au.pk), "kb"],
        "token": ["abc"],
        "kind": ["dagsorden", "beslutningsprotokol"],
        "ext": ["docx", "ics"],
    }
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in (("reader", reader), ("editor", editor), ("administrator", administrator)):
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    return {"ids": ids, "strings": strings, "clients": clients}


def _ids_for(route: str, name: str, ids: dict) -> list[int]:
    if name in ids:
        return ids[name]
    if name == "plan_pk":
        return ids["planer"]
    head = route.split("/")[0] if not route.startswith("offentlig/") else route.split("/")[1]
    return ids.get(head, [1])


def _fill(route: str, world: dict, draw_int, draw_str) -> str:
    def value(match):
        converter, name = match.group("converter") or "str", match.group("name")
        if converter == "int":
            return draw_int(_ids_for(route, name, world["ids"]))
        if converter.startswith("choice_"):
            return draw_str(converter.removeprefix("choice_").split("_"))
        return draw_str(world["strings"].get(name, ["x"]))

    return "/" + _CONVERTER.sub(value, route)


def _first(values):
    return str(values[0])


def _check(response, method: str, url: str, role: str, data=None) -> None:
    assert response.status_code != 500, f"{method} {url} as {role} with {data!r}: 500"


# --- Every URL once, with real ids, as every role --------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_url_with_real_ids_answers_without_a_server_error(world, role):
    client = world["clients"][role]
    for route in ROUTES:
        if route.startswith("log-ud"):
            continue  # would log the client out
        url = _fill(route, world, _first, _first)
        if url.endswith(".pdf"):
            continue
        _check(client.get(url), "GET", url, role)


# --- Every odd value in every parameter of the pages that read parameters --------------------

# The pages whose views read request.GET (grep), with the role that reaches their parsing.
READING_PAGES = [
    ("kalender/", "administrator"),
    ("sager/", "administrator"),
    ("soeg/", "administrator"),
    ("moeder/nyt/", "administrator"),
    ("planer/{plan}/", "administrator"),
    ("planer/{plan}/udsnit/AU/", "administrator"),
    ("planer/{plan}/raaderum/", "administrator"),
    ("planer/{plan}/effektivisering/", "administrator"),
    ("log-ind/", "anonymous"),
    ("offentlig/soeg/", "anonymous"),
    ("offentlig/udvalg/au/", "anonymous"),
    ("offentlig/", "anonymous"),
    ("aarshjul/", "administrator"),
    ("aarshjul/begivenheder/ny/", "administrator"),
]


@pytest.mark.parametrize(("page", "role"), READING_PAGES)
def test_every_odd_value_in_every_parameter_of_a_page(world, page, role):
    url = "/" + page.format(plan=world["ids"]["planer"][0])
    client = world["clients"][role]
    for value in ODD_VALUES:
        params = dict.fromkeys(QUERY_PARAMETERS, value)
        _check(client.get(url, params), "GET", url, role, value)


# --- Odd values, drawn by hypothesis ---------------------------------------------------------

GET_ROUTES = [r for r in ROUTES if not r.startswith("log-ud")]
ADMIN_LISTS = [
    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for model in admin.site._registry
]

odd_text = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=40))
query = st.dictionaries(st.sampled_from(QUERY_PARAMETERS), odd_text, max_size=4)
form = st.dictionaries(st.sampled_from(FORM_FIELDS), odd_text, min_size=1, max_size=8)


def _odd_or_real(data, real_values, odd_values):
    """Half the time a real id or name (so the view reaches its parsing), else an odd one."""
    if data.draw(st.booleans()):
        return str(data.draw(st.sampled_from(real_values)))
    return data.draw(st.sampled_from(odd_values))


FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@pytest.mark.parametrize("role", ROLES)
@FAST
@given(data=st.data(), route=st.sampled_from(GET_ROUTES), params=query)
def test_odd_path_and_query_values_never_give_a_server_error(world, role, data, route, params):
    url = _fill(
        route,
        world,
        lambda real: _odd_or_real(data, real, ODD_PATH_INTS),
        lambda real: _odd_or_real(data, real, ODD_PATH_STRINGS),
    )
    if url.endswith(".pdf"):
        url = url.removesuffix(".pdf") + ".docx"
    _check(world["clients"][role].get(url, params), "GET", url, role, params)


@pytest.mark.parametrize("role", ROLES)
@FAST
@given(data=st.data(), route=st.sampled_from(GET_ROUTES), fields=form)
def test_odd_form_values_never_give_a_server_error(world, role, data, route, fields):
    url = _fill(route, world, lambda real: str(data.draw(st.sampled_from(real))), _first)
    if url.endswith(".pdf"):
        return
    _check(world["clients"][role].post(url, fields), "POST", url, role, fields)


@FAST
@given(url=st.sampled_from(ADMIN_LISTS), params=query)
def test_odd_values_in_the_admin_lists_never_give_a_server_error(world, url, params):
    _check(world["clients"]["administrator"].get(url, params), "GET", url, "administrator", params)


def test_the_walk_finds_every_kind_of_page():
    """The resolver walk reaches the apps' pages, regex routes included (the test can fail)."""
    assert {"kalender/", "sager/", "offentlig/soeg/", "indlaesning/"} <= set(ROUTES)
    assert any(route.endswith(".<choice_docx_pdf:ext>") for route in ROUTES)
