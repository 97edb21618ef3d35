"""Closed means closed, as a matrix: every kind of user × every kind of closed content × every
surface. One municipality is built once for the module. Closed content lives at ØK; one open
case goes on from ØK (where it was treated on a closed item) to AU and KB, and AU's secretary
puts it on AU's agenda through the page (the copy of sections), and tries to import a document
naming the closed case (the import and its preview).

Each test is one (user, surface) cell: it reads everything the surface shows that user (PDF
and .docx as text, spreadsheets and feeds too) and checks every content marker. Nobody but the
administrator sees any of them; the administrator, as the control, must find the markers each
surface is meant to show, so every cell can fail.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from email.utils import parseaddr
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.test import Client, TestCase, override_settings
from pypdf import PdfReader

from followup import services as followup_services
from meetings import services
from meetings.models import AgendaItem, Attachment, Case
from organisation.models import Body, Profile
from tests.factories import (
    BodyFactory,
    ItemFactory,
    MemberFactory,
    MunicipalityFactory,
    PlanFactory,
    UserFactory,
)

# kind of closed content -> its marker words (each unique in the data)
CONTENT = {
    "closed case": ["88/4242", "KLEHEMMELIG"],
    "closed agenda item": ["SAGLUKKETPUNKTTEKST", "HEMMELIGDELTAGER"],
    "section": ["HEMMELIGSAGSFREMSTILLING", "HEMMELIGINDSTILLING", "HEMMELIGKOPITEKST"],
    "decision": ["HEMMELIGBESLUTNING"],
    "earlier decision": ["HEMMELIGTIDLIGERE"],
    "addendum": ["HEMMELIGTILFOEJELSE"],
    "attachment": ["HEMMELIGBILAGSTITEL", "777333/25", "BILAGUNDERLUKKETPUNKT"],
    "attachment text": ["HEMMELIGFILINDHOLD", "UNDERLUKKETFILTEKST"],
    "plan-item history entry": ["HEMMELIGTIDLIGERE", "sag 88/4242"],
    "strategic review": ["HEMMELIGSTRATEGI", "HEMMELIGSTATUSBILAG"],
    # Not words but what a filter or a count gives away (see `readable`).
    "search filter and count": ["FILTERÅR2019", "TÆLLERLÆK"],
}
MARKERS = sorted({marker for markers in CONTENT.values() for marker in markers})
COMMON_WORD = "Fællesordet"  # only in closed items' texts: any count of it tells of them
CLOSED_YEAR = "2019"  # only a closed item has this year

USERS = ["anonymous", "reader", "reader with a body", "editor of another body",
         "secretary of the next body", "administrator"]  # fmt: skip


@pytest.fixture(autouse=True)
def _private_media():
    """The module's attachments live in its own folder (see `world`), for every test."""


def _docx(text: str) -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(
        "notat.docx",
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _build(tmp) -> dict:
    MunicipalityFactory()
    ok = BodyFactory(name="Økonomiudvalget", abbreviation="ØK", kind=Body.Kind.FINANCE_COMMITTEE)
    au = BodyFactory(name="Arbejdsmarkedsudvalget", abbreviation="AU")
    kb = BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)
    buu = BodyFactory(name="Børne- og Ungdomsudvalget", abbreviation="BUU")
    MemberFactory(body=ok, name="Jens Meilvang", party="I")
    # A member of ØK with a login: mailed ØK's agenda and minutes, closed items and all.
    UserFactory(username="oek-medlem", email="oek-medlem@norddjurs.example", role__bodies=[ok])
    users = {
        "reader": UserFactory(username="laeser", role=Profile.Role.READER),
        "reader with a body": UserFactory(
            username="buu-medlem", role=Profile.Role.READER, role__bodies=[buu]
        ),
        "editor of another body": UserFactory(
            username="buu-sekretaer", role=Profile.Role.EDITOR, role__bodies=[buu]
        ),
        "secretary of the next body": UserFactory(
            username="au-sekretaer", role=Profile.Role.EDITOR, role__bodies=[au]
        ),
        "administrator": UserFactory(
            username="root", role=Profile.Role.ADMINISTRATOR, is_superuser=True, is_staff=True
        ),
    }
    for user in users.values():  # everyone can be mailed
        user.email = f"{user.username}@norddjurs.example"
        user.save(update_fields=["email"])
    admin = users["administrator"]
    plan = PlanFactory(name="Udmøntningsplan 2025-2028")
    plan_item = ItemFactory(plan=plan, committee=au, code="AU-D01", title="Jobindsats")

    open_case = services.case_create(
        number="25/100", title="Jordkøb ved Grenaa", routing=[ok, au, kb], items=[plan_item]
    )
    closed_case = services.case_create(
        number="88/4242", kle_number="KLEHEMMELIG", title="Personalesag", closed=True,
        routing=[ok, kb], items=[plan_item],
    )  # fmt: skip

    ok_meeting = services.meeting_create(
        body=ok, date=datetime.date(2025, 12, 2), start_time=datetime.time(14), from_template=False
    )
    open_item = services.agenda_item_add(
        meeting=ok_meeting,
        fields={"title": "Budgetopfølgning", "case_presentation": "Åben."},
    )
    services.attachment_add(
        item=open_item, title="HEMMELIGBILAGSTITEL", closed=True, document_number="777333/25",
        upload=_docx("HEMMELIGFILINDHOLD"), user=admin,
    )  # fmt: skip
    services.attachment_add(item=open_item, title="Åbent notat", upload=_docx("Åben tekst."))
    closed_item = services.agenda_item_add(
        meeting=ok_meeting, case=closed_case, user=admin,
        fields={"case_presentation": f"HEMMELIGSAGSFREMSTILLING {COMMON_WORD}",
                "recommendation": "HEMMELIGINDSTILLING"},
    )  # fmt: skip
    services.attachment_add(
        item=closed_item, title="BILAGUNDERLUKKETPUNKT", upload=_docx("UNDERLUKKETFILTEKST")
    )
    flagged = services.agenda_item_add(
        meeting=ok_meeting, user=admin,
        fields={"title": "Lukket punkt uden sag", "closed": True,
                "case_presentation": f"SAGLUKKETPUNKTTEKST {COMMON_WORD}",
                "participants": "HEMMELIGDELTAGER"},
    )  # fmt: skip
    # The open case, treated at ØK on a closed item (a price in a land purchase).
    earlier = services.agenda_item_add(
        meeting=ok_meeting, case=open_case, user=admin,
        fields={"closed": True, "case_presentation": "HEMMELIGKOPITEKST"},
    )  # fmt: skip
    services.meeting_publish_agenda(meeting=ok_meeting, user=admin)
    services.decision_record(item=open_item, text="Godkendt.", user=admin)
    services.decision_record(item=closed_item, text="HEMMELIGBESLUTNING", user=admin)
    services.decision_record(item=flagged, text="Tiltrådt.", user=admin)
    services.decision_record(item=earlier, text="HEMMELIGTIDLIGERE", user=admin)
    services.meeting_approve_minutes(meeting=ok_meeting, user=admin)
    services.addendum_add(item=closed_item, text="HEMMELIGTILFOEJELSE", user=admin)

    # A closed item of an earlier year: its year is a search filter option for ØK only.
    old = services.meeting_create(
        body=ok, date=datetime.date(2019, 3, 5), start_time=datetime.time(14), from_template=False
    )
    services.agenda_item_add(
        meeting=old, user=admin, fields={"title": "Lukket ejendomssag", "closed": True}
    )

    # The open case goes on: AU's secretary puts it on AU's agenda through the page.
    au_meeting = services.meeting_create(
        body=au, date=datetime.date(2025, 12, 9), start_time=datetime.time(9), from_template=False
    )
    secretary = Client()
    secretary.force_login(users["secretary of the next body"])
    response = secretary.post(f"/moeder/{au_meeting.pk}/punkter/nyt/", {"case": open_case.pk})
    assert response.status_code == 302
    services.meeting_publish_agenda(meeting=au_meeting, user=admin)
    kb_meeting = services.meeting_create(
        body=kb, date=datetime.date(2025, 12, 16), start_time=datetime.time(18), from_template=False
    )
    services.agenda_item_add(meeting=kb_meeting, case=open_case)
    services.agenda_item_add(meeting=kb_meeting, case=closed_case)
    services.meeting_publish_agenda(meeting=kb_meeting, user=admin)
    review_meeting = _strategic_review(ok, plan, plan_item, admin)
    # A coming ØK meeting with the closed case on it ("Mit overblik" lists what is placed on
    # the coming meetings), and a closed status round on the plan (its report).
    coming = services.meeting_create(
        body=ok, date=datetime.date.today() + datetime.timedelta(days=7),
        start_time=datetime.time(14), from_template=False,
    )  # fmt: skip
    blank = {"case_presentation": "", "policy_context": "", "financial_consequences": "",
             "legal_basis": "", "recommended_by": "", "recommendation": ""}  # fmt: skip
    services.agenda_item_add(meeting=coming, case=closed_case, fields=blank, user=admin)
    status_round = followup_services.round_open(
        plan=plan, name="Status juni 2026", deadline=datetime.date.today(), user=admin
    )
    followup_services.round_close(round=status_round, expected_version=1, user=admin)
    return {
        "review_meeting": review_meeting,
        "users": users,
        "meetings": [ok_meeting, au_meeting, kb_meeting],
        "plan": plan,
        "plan_item": plan_item,
        "closed_ids": {
            "item": [closed_item.pk, flagged.pk, earlier.pk],
            "case": [closed_case.pk],
            "attachment": list(
                Attachment.objects.filter(Q(closed=True) | Q(agenda_item=closed_item)).values_list(
                    "pk", flat=True
                )
            ),
        },
        "bodies": [ok, au, kb, buu],
        "round": status_round,
    }


def _strategic_review(ok, plan, plan_item, admin):
    """The board's strategic review (here on ØK) as its own item with the generated status
    attached, closed by the secretary, decided: the plan's reviews and the item's timeline."""
    from cycle import services as cycle_services
    from cycle.models import Event
    from documents.pdf import note_pdf
    from meetings import generated

    if cycle_services.STRATEGIC_PLAN_STATUS not in generated.kinds():

        def status(*, obj_id, access, **context):
            return "status.pdf", note_pdf(title="Status", context="Plan", text="Strategisk status.")

        generated.register(cycle_services.STRATEGIC_PLAN_STATUS, status)
    fields = {"title": "Strategisk opfølgning", "kind": Event.Kind.STRATEGIC_REVIEW,
              "start": datetime.date(2025, 12, 3), "rule": "", "plan": plan, "item": plan_item,
              "on_meeting": True, "own_item": True}  # fmt: skip
    cycle_services.event_create(fields=fields, bodies=[ok], user=admin)
    meeting = services.meeting_create(
        body=ok, date=datetime.date(2025, 12, 4), start_time=datetime.time(14), user=admin
    )
    item = meeting.items.get(title="Strategisk opfølgning")
    services.agenda_item_update(item=item, fields={"closed": True}, expected_version=None)
    attachment = item.attachments.get()
    services.attachment_update(attachment=attachment, fields={"title": "HEMMELIGSTATUSBILAG"})
    services.meeting_publish_agenda(meeting=meeting, user=admin)
    services.decision_record(item=item, text="HEMMELIGSTRATEGI Drøftet.", user=admin)
    return meeting


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, inside a transaction that is rolled back when the module is done."""
    media = tmp_path_factory.mktemp("media")
    # Mails are rendered and sent as the build goes (each step's on-commit work is run, the
    # tasks at once), and kept for the "mail" surface.
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    locmem = "django.core.mail.backends.locmem.EmailBackend"
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TASKS=immediate, EMAIL_BACKEND=locmem),
    ):
        with transaction.atomic():
            mail.outbox = []
            with TestCase.captureOnCommitCallbacks(execute=True):
                data = _build(media)
            data["mails"] = list(mail.outbox)
            yield data
            transaction.set_rollback(True)
    cache.clear()


# --- Reading what a user reads -----------------------------------------------------------------

ECHO = re.compile(r"<title>[^<]*</title>|value=\"[^\"]*\"|for »[^«]*«|\?q=[^\"&]*")
COUNT = re.compile(r"(\d+) resultat")


def readable(response, *, search: bool = False) -> str:
    """Everything a person could read in the response: documents, spreadsheets, feeds."""
    if response.status_code in (301, 302, 403, 405):
        return ""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        return text + " ".join(str(v) for v in (reader.metadata or {}).values())
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        return re.sub(r"<[^>]+>", "", xml)
    text = re.sub(r"</?mark>", "", content.decode("utf-8", "replace"))
    if search:
        # A year that only closed entries have, offered as a filter, tells of them; so does
        # a count of the common word above the one open entry.
        if f'<option value="{CLOSED_YEAR}"' in text:
            text += " FILTERÅR2019"
        counts = [int(n) for n in COUNT.findall(text)]
        if counts and max(counts) > 0 and COMMON_WORD in text:
            text += " TÆLLERLÆK"
        text = ECHO.sub("", text)  # the query repeated is the user's own, not a result
    return text


def _get(client: Client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code < 500, url
    return readable(response, search="soeg/" in url)


def _all(client: Client, urls: list[str], **extra) -> dict[str, str]:
    return {url: _get(client, url, **extra) for url in urls}


# --- The surfaces ------------------------------------------------------------------------------


def meeting_pages(client, w):
    return _all(client, [f"/moeder/{m.pk}/" for m in w["meetings"]])


def item_pages(client, w):
    pks = AgendaItem.objects.values_list("pk", flat=True)
    return _all(
        client, [f"/punkter/{pk}/" for pk in pks] + [f"/punkter/{pk}/rediger/" for pk in pks]
    )


def htmx_fragments(client, w):
    urls = [f"/soeg/?{urlencode({'q': m})}" for m in ("HEMMELIGSAGSFREMSTILLING", COMMON_WORD)]
    urls += [f"/offentlig/soeg/?{urlencode({'q': COMMON_WORD})}", f"/planer/{w['plan'].pk}/"]
    return _all(client, urls, HTTP_HX_REQUEST="true")


def case_pages(client, w):
    urls = ["/sager/", "/sager/?q=88", "/sager/?q=Personalesag"]
    urls += [f"/sager/{pk}/" for pk in Case.objects.values_list("pk", flat=True)]
    return _all(client, urls)


def meeting_documents(client, w):
    urls = [
        f"/moeder/{m.pk}/{kind}-{variant}.{ext}"
        for m in w["meetings"][:2]
        for kind in ("dagsorden", "beslutningsprotokol")
        for variant in ("intern", "offentlig")
        for ext in ("pdf", "docx")
    ]
    return _all(client, urls)


def portal_documents(client, w):
    urls = [
        f"/offentlig/moede/{m.pk}/{kind}.{ext}"
        for m in w["meetings"][:2]
        for kind in ("dagsorden", "referat")
        for ext in ("pdf", "docx")
    ]
    return _all(client, urls)


def combined_documents(client, w):
    """The agenda with its attachments in one PDF (the Word attachments converted by
    LibreOffice): internal and public for staff, and the portal's."""
    urls = [
        f"/moeder/{m.pk}/samlet-dagsorden-{variant}.pdf"
        for m in w["meetings"][:2]
        for variant in ("intern", "offentlig")
    ]
    urls += [f"/offentlig/moede/{m.pk}/samlet-dagsorden.pdf" for m in w["meetings"][:2]]
    return _all(client, urls)


def excel_export(client, w):
    return _all(client, [f"/planer/{w['plan'].pk}/eksport.xlsx"])


def ical_feeds(client, w):
    urls = ["/offentlig/kalender.ics", "/offentlig/udvalg/oek/kalender.ics"]
    page = client.get("/kalender/?maaned=2025-12")
    if page.status_code == 200:
        feed = re.search(r'id="feed-url" readonly value="([^"]+)"', page.content.decode())
        if feed:
            urls.append(feed.group(1).replace("http://testserver", ""))
    return _all(client, urls)


def portal_pages(client, w):
    urls = ["/offentlig/"] + [f"/offentlig/moede/{m.pk}/" for m in w["meetings"]]
    urls += ["/offentlig/udvalg/oek/", "/offentlig/udvalg/au/", "/offentlig/udvalg/kb/"]
    urls += [f"/offentlig/bilag/{pk}/" for pk in Attachment.objects.values_list("pk", flat=True)]
    return _all(client, urls)


def attachment_downloads(client, w):
    return _all(client, [f"/bilag/{pk}/" for pk in Attachment.objects.values_list("pk", flat=True)])


def search_results(client, w):
    words = [m for m in MARKERS if not m.startswith(("FILTER", "TÆLLER"))]
    words += [COMMON_WORD, "ejendomssag"]
    urls = [f"{path}?{urlencode({'q': word})}" for word in words
            for path in ("/soeg/", "/offentlig/soeg/")]  # fmt: skip
    return _all(client, urls)


def strategic_reviews(client, w):
    """What the cycle gives the strategic plan's page (its reviews, their decisions and
    attachments) and the item's timeline, as the client's user, and the review's meeting."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from plans import pages, timeline

    pk = client.session.get("_auth_user_id")
    user = get_user_model().objects.get(pk=pk) if pk else AnonymousUser()
    shown = {
        "plan page sources": repr(pages.plan_context(plan=w["plan"], user=user)),
        "timeline": repr(timeline.entries(item=w["plan_item"], user=user)),
    }
    return shown | _all(client, [f"/moeder/{w['review_meeting'].pk}/"])


def plan_item_pages(client, w):
    pk = w["plan_item"].pk
    return _all(client, [f"/indsatser/{pk}/", f"/indsatser/{pk}/historik/"])


def strategic_plan_pages(client, w):
    """The strategic plan's page and documents, and the status version the board's review
    attaches: plan content only, and what apps above add to the page asks the gate."""
    pk = w["plan"].pk
    urls = [f"/planer/{pk}/strategi/", f"/planer/{pk}/strategi.pdf",
            f"/planer/{pk}/strategi.docx", f"/planer/{pk}/strategi.pdf?status=1"]  # fmt: skip
    return _all(client, urls)


IMPORT = """Arbejdsmarkedsudvalget

DAGSORDEN

- Sted: Mødelokale 2, rådhuset
- Dato: Tirsdag den 9. december 2025
- Start kl.: 09:00
- Slut kl.: 11:00
- Medlemmer: Anne Hansen (A)
- Fraværende:

1. Personalesag

88/4242 Åben sag

Sagsgang

ØK, AU

Beslutning i Økonomiudvalget den 02-12-2025

Et gæt: HEMMELIGBESLUTNING
"""


def import_preview(client, w):
    """Upload a document naming the closed case and guessing its decision, then ask for the
    preview: what storing would do must tell nothing ("afviger" or not)."""
    file = SimpleUploadedFile("au.txt", IMPORT.encode(), content_type="text/plain")
    response = client.post("/indlaesning/", {"document": file})
    if response.status_code != 302 or "/indlaesning/" not in response.url:
        return {"upload": readable(response)}
    page = client.get(response.url)
    data = {}
    for name in page.context["form"].fields:
        value = page.context["form"][name].value()
        if value not in (None, False):
            data[name] = "on" if value is True else value
    shown = client.post(response.url, data | {"action": "preview"})
    text = readable(shown)
    # The document's own words are the uploader's; only what Kursen adds is a leak.
    own = ECHO.sub("", text).replace("Et gæt: HEMMELIGBESLUTNING", "")
    own = re.sub(r"<textarea[^>]*>[^<]*</textarea>", "", own)
    if "afviger fra den gemte" in text:
        own += " HEMMELIGBESLUTNING"  # the comparison answers the guess
    review = re.sub(r"<textarea[^>]*>[^<]*</textarea>", "", ECHO.sub("", readable(page)))
    review = review.replace("HEMMELIGBESLUTNING", "")
    if "afviger fra den gemte" in readable(page):
        review += " HEMMELIGBESLUTNING"  # a GET that compares answers the guess, too
    return {"review": review, "preview": own}


def work_plans(client, w):
    """The work plans of ØK (closed items on its meeting) and KB (a closed case routed to it),
    as page, htmx fragment, PDF, .docx and iCal."""
    urls = []
    for body in (w["bodies"][0], w["bodies"][2]):
        base = f"/arbejdsplan/{body.pk}/2025/"
        urls += [base] + [f"{base}arbejdsplan.{ext}" for ext in ("ics", "pdf", "docx")]
    pages = _all(client, urls)
    pages["htmx"] = _get(client, urls[0], HTTP_HX_REQUEST="true")
    pages.update(work_plan_feeds(client, w))
    return pages


def work_plan_feeds(client, w):
    """The subscription each user's work plan page offers, fetched as a calendar program
    does (no session): it must show what the page shows that user, and no more."""
    from unittest import mock

    from workplans import views as workplan_views

    pages = {}
    for body in (w["bodies"][0], w["bodies"][2]):
        page = client.get(f"/arbejdsplan/{body.pk}/2025/")
        feed = re.search(r'id="workplan-feed-url" readonly value="([^"]+)"', page.content.decode())
        if page.status_code == 200:
            assert feed, "the work plan page offers its subscription"
        if feed:
            url = feed.group(1).replace("http://testserver", "")
            with mock.patch.object(
                workplan_views, "feed_today", lambda: datetime.date(2025, 1, 15)
            ):
                pages[url] = _get(Client(), url)
    return pages


def _page(response, url: str) -> bytes:
    """The page but for its own address, the script nonce and the CSRF token (per response)."""
    content = response.content.replace(url.encode(), b"URL")
    return re.sub(
        rb'nonce="[^"]*"|"X-CSRFToken": "[^"]*"|csrfmiddlewaretoken" value="[^"]*"', b"", content
    )


def error_pages(client, w):
    """A forbidden id is answered as a missing one: same status, same page."""
    ids = w["closed_ids"]
    urls = [f"/punkter/{pk}/" for pk in ids["item"]] + [f"/sager/{pk}/" for pk in ids["case"]]
    urls += [f"/bilag/{pk}/" for pk in ids["attachment"]]
    pages = {}
    for url in urls:
        response = client.get(url)
        missing_url = re.sub(r"/\d+/$", "/999999/", url)
        missing = client.get(missing_url)
        if response.status_code != 200:
            assert response.status_code == missing.status_code, url
            mine, other = _page(response, url), _page(missing, missing_url)
            assert mine == other, url
        pages[url] = readable(response)
    return pages


def admin_pages(client, w):
    ids = w["closed_ids"]
    urls = ["/admin/", "/admin/meetings/agendaitem/", "/admin/meetings/case/"]
    urls += [f"/admin/meetings/agendaitem/{pk}/change/" for pk in ids["item"]]
    urls += [f"/admin/meetings/case/{pk}/change/" for pk in ids["case"]]
    return _all(client, urls)


def status_report(client, w):
    base = f"/statusrunder/{w['round'].pk}/"
    return _all(client, [base, f"{base}rapport/", f"{base}rapport.pdf", f"{base}rapport.docx"])


def my_overview(client, w):
    return _all(client, ["/overblik/"])


def mails(client, w):
    """Every mail sent to anyone while the world was built (agendas sent, cases offered,
    minutes approved): a mail leaves Kursen, so none may hold closed content, whoever it is to."""
    return {
        f"mail {n} to {', '.join(m.to)}: {m.subject}": "\n".join(
            [m.subject, m.body, *(content for content, _ in m.alternatives)]
        )
        for n, m in enumerate(w["mails"])
    }


def sent_mails_page(client, w):
    """The administrators' "Sendte mails": every mail sent while the world was built, by
    state and kind. It shows what the mails said (their subjects), so nothing closed, not
    even to the administrator; everyone else is refused."""
    urls = ["/sendte-mails/", "/sendte-mails/?tilstand=sent"]
    urls += [f"/sendte-mails/?slags=meetings.{kind}" for kind in ("agenda_sent", "case_offered")]
    return _all(client, urls)


SURFACES = {
    "meeting page": meeting_pages,
    "item page": item_pages,
    "htmx fragments": htmx_fragments,
    "case page and list": case_pages,
    "agenda and minutes PDF/.docx, internal and public": meeting_documents,
    "portal PDF/.docx": portal_documents,
    "samlet dagsorden, internal, public and portal": combined_documents,
    "Excel export": excel_export,
    "iCal feeds": ical_feeds,
    "portal pages": portal_pages,
    "attachment downloads": attachment_downloads,
    "search results, snippets, filters and counts": search_results,
    "plan item page and history": plan_item_pages,
    "strategic plan page and documents": strategic_plan_pages,
    "strategic reviews: plan page, timeline, meeting": strategic_reviews,
    "import preview": import_preview,
    "error pages": error_pages,
    "admin": admin_pages,
    "work plans: page, PDF, .docx, iCal": work_plans,
    "work plan subscription (iCal feed)": work_plan_feeds,
    "status round, report page, PDF and .docx": status_report,
    "Mit overblik": my_overview,
    "mail": mails,
    "Sendte mails": sent_mails_page,
}

# What the administrator, the control, must find on each surface (so the cell can fail).
ADMIN_FINDS = {
    "meeting page": {"SAGLUKKETPUNKTTEKST", "HEMMELIGSAGSFREMSTILLING", "HEMMELIGBESLUTNING",
                     "HEMMELIGTIDLIGERE", "HEMMELIGTILFOEJELSE", "HEMMELIGBILAGSTITEL"},
    "item page": {"88/4242", "HEMMELIGDELTAGER", "HEMMELIGINDSTILLING", "HEMMELIGKOPITEKST",
                  "HEMMELIGBESLUTNING", "HEMMELIGTIDLIGERE", "BILAGUNDERLUKKETPUNKT"},
    "htmx fragments": {"HEMMELIGSAGSFREMSTILLING", "TÆLLERLÆK"},
    "case page and list": {"88/4242", "KLEHEMMELIG", "HEMMELIGBESLUTNING"},
    "agenda and minutes PDF/.docx, internal and public": {
        "HEMMELIGSAGSFREMSTILLING", "HEMMELIGBESLUTNING", "HEMMELIGTIDLIGERE",
        "HEMMELIGTILFOEJELSE", "777333/25", "HEMMELIGDELTAGER",
    },
    "portal PDF/.docx": set(),
    "samlet dagsorden, internal, public and portal": {
        "HEMMELIGSAGSFREMSTILLING", "HEMMELIGBILAGSTITEL", "HEMMELIGFILINDHOLD",
        "UNDERLUKKETFILTEKST",
    },
    "Excel export": set(),
    "iCal feeds": set(),
    "portal pages": set(),
    "attachment downloads": {"HEMMELIGFILINDHOLD", "UNDERLUKKETFILTEKST"},
    "search results, snippets, filters and counts": {
        "HEMMELIGFILINDHOLD", "UNDERLUKKETFILTEKST", "HEMMELIGSAGSFREMSTILLING", "FILTERÅR2019",
        "TÆLLERLÆK", "KLEHEMMELIG", "HEMMELIGBESLUTNING",
    },
    "plan item page and history": {"HEMMELIGTIDLIGERE", "sag 88/4242"},
    "strategic plan page and documents": set(),  # plan content: no meeting content of its own
    "strategic reviews: plan page, timeline, meeting": {"HEMMELIGSTRATEGI", "HEMMELIGSTATUSBILAG"},
    "import preview": {"HEMMELIGBESLUTNING"},  # "afviger fra den gemte": may store, may know
    "error pages": {"HEMMELIGSAGSFREMSTILLING", "88/4242"},
    "admin": {"88/4242", "HEMMELIGSAGSFREMSTILLING", "HEMMELIGBESLUTNING"},
    "work plans: page, PDF, .docx, iCal": {"88/4242"},
    "work plan subscription (iCal feed)": {"88/4242"},
    "status round, report page, PDF and .docx": set(),  # plan items only: nothing closed
    "Mit overblik": {"88/4242"},  # the closed case on ØK's coming meeting
    "mail": set(),  # not even the administrator's: see OPEN_FINDS and test_mails_were_sent
    "Sendte mails": set(),  # what the mails said: nothing closed (see NOTHING_CLOSED)
}  # fmt: skip


# Open content each surface shows everyone who may open it: the pages are not empty, so that a
# surface that shows nothing closed shows something.
OPEN_FINDS = {
    "portal PDF/.docx": "Budgetopfølgning",
    "samlet dagsorden, internal, public and portal": "Budgetopfølgning",
    "Excel export": "Jobindsats",
    "iCal feeds": "Økonomiudvalget",
    "portal pages": "Budgetopfølgning",
    "meeting page": "Budgetopfølgning",
    "strategic plan page and documents": "Strategisk udmøntningsplan 2025-2028",
    "work plans: page, PDF, .docx, iCal": "Budgetopfølgning",
    "work plan subscription (iCal feed)": "Budgetopfølgning",
    "status round, report page, PDF and .docx": "Jobindsats",
    "Mit overblik": "Mit overblik",
    "mail": "Budgetopfølgning",
    "Sendte mails": "Dagsorden udsendt: Økonomiudvalget",
}
STAFF_ONLY = {
    "Excel export",
    "meeting page",
    "strategic plan page and documents",
    "work plans: page, PDF, .docx, iCal",
    "work plan subscription (iCal feed)",
    "status round, report page, PDF and .docx",
    "Mit overblik",
}
# Only the administrator may open these; everyone else is refused (403, or the login).
ADMIN_ONLY = {"Sendte mails"}
# Nothing closed for anyone, the administrator included: what a mail said left Kursen.
NOTHING_CLOSED = {"Sendte mails"}


def _client(w, user: str) -> Client:
    client = Client()
    if user != "anonymous":
        client.force_login(w["users"][user])
    return client


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("user", USERS)
def test_closed_content_reaches_only_those_with_the_right(world, db, user, surface):
    pages = SURFACES[surface](_client(world, user), world)
    found = {marker for text in pages.values() for marker in MARKERS if marker in text}
    refused = surface in ADMIN_ONLY and user != "administrator"
    if refused:
        assert set(pages.values()) == {""}, "only administrators may open it"
    elif surface in OPEN_FINDS and not (user == "anonymous" and surface in STAFF_ONLY):
        assert any(OPEN_FINDS[surface] in text for text in pages.values())
    if user == "administrator":
        assert ADMIN_FINDS[surface] - found == set()
        if surface in NOTHING_CLOSED:
            assert found == set()
        return
    leaks = {
        f"{kind}: {marker} on {url}"
        for url, text in pages.items()
        for kind, markers in CONTENT.items()
        for marker in markers
        if marker in text
    }
    assert leaks == set()


def test_the_matrix_covers_every_kind_of_content_for_the_control(world, db):
    """Over all surfaces the administrator finds every marker of every kind."""
    every = set().union(*ADMIN_FINDS.values())
    assert set(MARKERS) - every == set()


def test_mails_were_sent_to_the_bodies_people_and_list_closed_items_as_lukket_punkt(world, db):
    """The mail surface is not empty: ØK's member got its agenda and minutes, with the closed
    items as their number and "Lukket punkt"; AU's secretary the case offered to AU."""
    by_recipient: dict[str, list[str]] = {}
    for message in world["mails"]:
        for recipient in message.to:
            by_recipient.setdefault(parseaddr(recipient)[1], []).append(message.subject)
    assert any(s.startswith("Dagsorden udsendt: Økonomiudvalget")
               for s in by_recipient["oek-medlem@norddjurs.example"])  # fmt: skip
    assert any(s.startswith("Beslutningsprotokol godkendt: Økonomiudvalget")
               for s in by_recipient["oek-medlem@norddjurs.example"])  # fmt: skip
    assert (
        "Sag 25/100 er klar til Arbejdsmarkedsudvalget"
        in by_recipient["au-sekretaer@norddjurs.example"]
    )
    agenda = next(m for m in world["mails"] if m.subject.startswith("Dagsorden udsendt: Øko"))
    assert "Lukket punkt" in agenda.body and "Budgetopfølgning" in agenda.body
