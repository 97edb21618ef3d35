"""Security headers: a strict Content-Security-Policy on every page, with no inline script or
style left in the HTML for it to block; X-Forwarded-Proto believed only behind a proxy."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from demo.loader import demo_load
from followup.models import Answer, Round
from meetings.models import AgendaItem, Attachment, Case, Meeting, MeetingState
from organisation.models import Body
from plans.models import Item, Plan, Proposal, StatusNote

INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style[\s>]", re.I), "a <style> element"),
    (re.compile(r"<[a-z][^>]*\sstyle=", re.I), "a style= attribute"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I), "an on...= handler"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
]


def _is_document(name: str) -> bool:
    """Renderings that take seconds each (PDF, Word) are not pages; the policy reaches them all
    the same, as one shows below."""
    return name.startswith("documents:") or name == "portal:meeting_document"


def _patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _kwargs_by_name() -> dict[str, dict]:
    """Arguments for every named URL, from the demo municipality."""
    plan = Plan.objects.get()
    item = Item.objects.filter(plan=plan).order_by("code").first()
    record = item.history.order_by("history_id").first()
    meeting = Meeting.objects.filter(state=MeetingState.MINUTES_APPROVED).order_by("date").first()
    agenda_item = AgendaItem.objects.filter(meeting=meeting).order_by("number").first()
    attachment = Attachment.objects.filter(closed=False).order_by("pk").first()
    case = Case.objects.order_by("pk").first()
    body = Body.objects.get(abbreviation="ØK")
    note = StatusNote.objects.order_by("pk").first()
    round = Round.objects.order_by("pk").first()
    answer = Answer.objects.filter(round=round).order_by("pk").first()
    by_kind = {
        "meeting": {"pk": meeting.pk},
        "agenda_item": {"pk": agenda_item.pk},
        "attachment": {"pk": attachment.pk},
        "case": {"pk": case.pk},
        "plan": {"pk": plan.pk},
        "item": {"pk": item.pk},
    }
    return {
        "portal:body": {"key": body.abbreviation},
        "portal:body_calendar": {"key": body.abbreviation},
        "portal:meeting": by_kind["meeting"],
        "portal:attachment": by_kind["attachment"],
        "reading:review": {"pk": 999_999},  # no import in the demo: its 404 page
        "notify:resend": {"pk": 999_999},  # a POST only: its 405 page
        "meetings:calendar_feed": {"token": "forkert"},
        "meetings:meeting": by_kind["meeting"],
        "meetings:meeting_edit": by_kind["meeting"],
        "meetings:meeting_publish": by_kind["meeting"],
        "meetings:meeting_approve": by_kind["meeting"],
        "meetings:meeting_absences": by_kind["meeting"],
        "meetings:agenda_item_add": by_kind["meeting"],
        "meetings:agenda_item": by_kind["agenda_item"],
        "meetings:agenda_item_edit": by_kind["agenda_item"],
        "meetings:agenda_item_move": by_kind["agenda_item"],
        "meetings:decision_record": by_kind["agenda_item"],
        "meetings:addendum_add": by_kind["agenda_item"],
        "meetings:attachment_add": by_kind["agenda_item"],
        "meetings:attachment": by_kind["attachment"],
        "meetings:attachment_remove": by_kind["attachment"],
        "meetings:attachment_closed": by_kind["attachment"],
        "meetings:case": by_kind["case"],
        "meetings:case_edit": by_kind["case"],
        "meetings:case_put_on_agenda": by_kind["case"],
        "plans:plan": by_kind["plan"],
        "plans:export": by_kind["plan"],
        "plans:item_create": {"plan_pk": plan.pk},
        "plans:extracts": by_kind["plan"],
        "plans:extract": {"pk": plan.pk, "abbreviation": "ØK"},
        "plans:item": by_kind["item"],
        "plans:item_edit": by_kind["item"],
        "plans:item_history": by_kind["item"],
        "plans:item_restore": {"pk": item.pk, "history_id": record.history_id},
        "plans:note_add": by_kind["item"],
        "plans:note_edit": {"pk": note.pk},
        "plans:note_delete": {"pk": note.pk},
        "plans:strategy": by_kind["plan"],
        "plans:plan_sdgs": by_kind["plan"],
        "plans:theme_create": by_kind["plan"],
        "plans:theme_edit": {"pk": plan.themes.order_by("position").first().pk},
        "plans:course_edit": {"pk": plan.themes.order_by("position").first().pk, "year": 2026},
        **dict.fromkeys(
            [
                "plans:carry_over",
                "plans:archive",
                "plans:proposals",
                "plans:proposal_create",
                "plans:catalogue_export",
                "plans:catalogue_import",
                "plans:compliance",
                "plans:compliance_targets",
            ],
            by_kind["plan"],
        ),  # fmt: skip
        **dict.fromkeys(
            ["plans:proposal", "plans:proposal_edit", "plans:proposal_make_item"],
            {"pk": Proposal.objects.filter(plan=plan).order_by("number").first().pk},
        ),
        **_workplan_kwargs(),
        **_cycle_kwargs(),
        "followup:round": {"pk": round.pk},
        "followup:round_answers": {"pk": round.pk},
        "followup:round_remind": {"pk": round.pk},
        "followup:round_reminders": {"pk": round.pk},
        "followup:round_close": {"pk": round.pk},
        "followup:round_agenda": {"pk": round.pk},
        "followup:report": {"pk": round.pk},
        "followup:answer": {"pk": answer.pk},
        "followup:review": {"pk": answer.pk},
    }


def _workplan_kwargs() -> dict[str, dict]:
    """The work plans, the forward plan and the agenda template of the demo's bodies."""
    from meetings.models import PlannedTopic, StandingItem

    au = Body.objects.get(abbreviation="AU")
    year = {"body_pk": au.pk, "year": 2026}
    topic = PlannedTopic.objects.filter(body=au).order_by("pk").first()
    standing = StandingItem.objects.order_by("pk").first()
    found = {f"workplans:{name}": year for name in ("workplan", "workplan_place", "workplan_done",
             "workplan_timing", "workplan_present", "workplan_calendar")}  # fmt: skip
    found |= {f"meetings:{name}": {"body_pk": au.pk}
              for name in ("forward_plan", "planned_topic_add", "standing_items",
                           "standing_item_add")}  # fmt: skip
    found |= {f"meetings:planned_topic_{name}": {"body_pk": au.pk, "pk": topic.pk}
              for name in ("edit", "delete", "move")}  # fmt: skip
    found["workplans:workplan_feed"] = {"body_pk": au.pk, "token": "forkert"}
    found |= {f"meetings:standing_item_{name}": {"body_pk": standing.body_id, "pk": standing.pk}
              for name in ("edit", "delete", "move")}  # fmt: skip
    return found


def _cycle_kwargs() -> dict[str, dict]:
    from cycle.models import Event

    event = {"pk": Event.objects.order_by("pk").values_list("pk", flat=True).first() or 999_999}
    return {"cycle:event": event, "cycle:event_edit": event, "cycle:event_delete": event,
            "cycle:feed": {"token": "forkert"}}  # fmt: skip


def _assert_strict_policy(response, where: str) -> None:
    policy = response.headers.get("Content-Security-Policy")
    assert policy, f"{where}: no Content-Security-Policy"
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'", where
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, where
    for name in ("script-src", "style-src"):
        assert directives.get(name, "'self'") == "'self'", where
    assert directives["object-src"] == "'none'", where
    assert directives["frame-ancestors"] == "'none'", where


def _assert_no_inline_code(response, where: str) -> None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    for pattern, what in INLINE_CODE:
        match = pattern.search(html)
        assert match is None, f"{where}: {what}: {match.group(0)[:120]}"


@pytest.mark.django_db
def test_every_page_carries_the_policy_and_no_inline_code_it_would_block(administrator):
    demo_load(meetings=True)
    kwargs = _kwargs_by_name()
    staff = Client()
    staff.force_login(administrator)
    anonymous = Client()
    names = sorted(set(_patterns(get_resolver().url_patterns)))
    assert len(names) > 40
    unknown = [
        name
        for name in names
        if name not in kwargs and not _is_document(name) and _needs_arguments(name)
    ]
    assert not unknown, f"new pages: give them arguments in _kwargs_by_name: {unknown}"
    checked = 0
    for name in names:
        if _is_document(name):
            continue
        url = reverse(name, kwargs=kwargs.get(name))
        for who, client in (("administrator", staff), ("anonymous", anonymous)):
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = client.get(url, **headers)
                where = f"{who} GET {url} {'(htmx) ' if headers else ''}-> {response.status_code}"
                assert response.status_code < 500, where
                _assert_strict_policy(response, where)
                _assert_no_inline_code(response, where)
                checked += 1
    assert checked > 150


def _needs_arguments(name: str) -> bool:
    try:
        reverse(name)
    except Exception:
        return True
    return False


def test_admin_error_pages_and_documents_carry_the_policy(admin_client_, client, item, db):
    for url in [
        reverse("admin:index"),
        reverse("admin:plans_item_changelist"),
        reverse("admin:plans_item_change", args=[item.pk]),
        "/findes-ikke/",
        reverse("plans:export", args=[item.plan_id]),
        reverse(
            "documents:extract", kwargs={"pk": item.plan_id, "abbreviation": "AU", "ext": "docx"}
        ),
    ]:
        response = admin_client_.get(url)
        assert response.status_code < 500, url
        _assert_strict_policy(response, url)
        _assert_no_inline_code(response, url)
    login = client.get(reverse("login"))
    _assert_strict_policy(login, "login")
    _assert_no_inline_code(login, "login")


def test_htmx_is_configured_not_to_inject_styles_or_eval(admin_client_):
    page = admin_client_.get(reverse("plans:plans")).content.decode()
    meta = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert meta is not None
    config = json.loads(meta.group(1))
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    css = (settings.BASE_DIR / "static" / "css" / "kursen.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


# --- Proxy ----------------------------------------------------------------------------------


def test_without_a_proxy_x_forwarded_proto_is_not_believed(reader_client):
    assert settings.SECURE_PROXY_SSL_HEADER is None
    response = reader_client.get(reverse("plans:plans"), HTTP_X_FORWARDED_PROTO="https")
    assert response.wsgi_request.is_secure() is False
    assert response.wsgi_request.build_absolute_uri("/").startswith("http://")


def test_behind_the_proxy_its_x_forwarded_proto_is_believed(reader_client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = reader_client.get(reverse("plans:plans"), HTTP_X_FORWARDED_PROTO="https")
    assert response.wsgi_request.is_secure() is True


@pytest.mark.parametrize(
    ("environment", "expected"),
    [({}, None), ({"KURSEN_BEHIND_PROXY": "1"}, ("HTTP_X_FORWARDED_PROTO", "https"))],
)
def test_the_proxy_header_is_set_only_when_the_environment_says_so(
    environment, expected, monkeypatch
):
    """The settings module read afresh, as a server starts with its environment."""
    import importlib.util

    monkeypatch.delenv("KURSEN_BEHIND_PROXY", raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location(
        "fresh_settings", settings.BASE_DIR / "config" / "settings.py"
    )
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    assert getattr(fresh, "SECURE_PROXY_SSL_HEADER", None) == expected
