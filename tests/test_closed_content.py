"""Closed means closed: no closed case, item, section, decision or attachment reaches anyone
without the right to it, through any page, document, feed, download or error page.

The test fills a small municipality with closed content carrying unique marker words, then
crawls everything reachable (following every link from the public portal and the staff
pages, plus every object's address tried directly, plus the staff and the portal search for
every marker) as an anonymous visitor, as a reader without access and as the secretary of
another body. It reads the text of every response,
including the PDF and .docx documents and iCalendar feeds, and fails on any marker. The same
crawl as an administrator must find every marker, so the test can fail.
"""

import datetime
import io
import re
import zipfile
from urllib.parse import urldefrag, urlencode, urljoin, urlparse

import pytest
from django.test import Client
from pypdf import PdfReader

from meetings import services
from meetings.models import AgendaItem, Attachment, Case, Meeting
from organisation.models import Body
from tests.factories import BodyFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKERS = {
    "closed case number": "88/4242",
    "closed case KLE number": "KLEHEMMELIG",
    "closed item section": "HEMMELIGSAGSFREMSTILLING",
    "closed item recommendation": "HEMMELIGINDSTILLING",
    "closed item participants": "HEMMELIGDELTAGER",
    "closed item decision": "HEMMELIGBESLUTNING",
    "closed item addendum": "HEMMELIGTILFOEJELSE",
    "closed attachment title": "HEMMELIGBILAGSTITEL",
    "closed attachment document number": "777333/25",
    "attachment of a closed item": "BILAGUNDERLUKKETPUNKT",
    "item of a closed case": "SAGLUKKETPUNKTTEKST",
    "closed file content": "HEMMELIGFILINDHOLD",
}
# A draft agenda is staff's working material: readers may see it, the public may not.
DRAFT = {"unpublished agenda": "UDKASTPUNKTTITEL"}


def pdf_bytes(text: str) -> bytes:
    from tests.reading.support.foreign import text_pdf

    return text_pdf(text)


def upload(name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


@pytest.fixture
def municipality_with_secrets(settings, tmp_path, municipality, ok, buu):
    settings.MEDIA_ROOT = tmp_path / "media"
    kb = BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)
    member = MemberFactory(body=ok, name="Jens Meilvang", party="I")
    MemberFactory(body=kb, name="Anette Ruby Liebe", party="A")
    open_case = services.case_create(number="22/291", title="Udmøntningsplan", routing=[ok, kb])
    closed_case = services.case_create(
        number=MARKERS["closed case number"], kle_number=MARKERS["closed case KLE number"],
        title="Personalesag", closed=True, routing=[ok, kb],
    )  # fmt: skip

    ok_meeting = services.meeting_create(
        body=ok, date=datetime.date(2025, 12, 2), start_time=datetime.time(14), from_template=False
    )
    open_item = services.agenda_item_add(meeting=ok_meeting, case=open_case,
                                         fields={"case_presentation": "Åben tekst."})  # fmt: skip
    services.attachment_add(item=open_item, title="Åbent notat", upload=upload("a.pdf", "ÅBENT"))
    services.attachment_add(
        item=open_item, title=MARKERS["closed attachment title"], closed=True,
        document_number=MARKERS["closed attachment document number"],
        upload=upload("b.pdf", MARKERS["closed file content"]),
    )  # fmt: skip
    closed_item = services.agenda_item_add(
        meeting=ok_meeting, case=closed_case,
        fields={"case_presentation": f"Tekst om {MARKERS['closed item section']}.",
                "recommendation": MARKERS["closed item recommendation"],
                "participants": MARKERS["closed item participants"]},
    )  # fmt: skip
    services.attachment_add(item=closed_item, title=MARKERS["attachment of a closed item"],
                            upload=upload("c.pdf", "x"))  # fmt: skip
    flagged_item = services.agenda_item_add(
        meeting=ok_meeting,
        fields={"title": "Lukket punkt uden sag", "closed": True,
                "case_presentation": MARKERS["item of a closed case"]},
    )  # fmt: skip
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=open_item, text="Tiltrådt.", not_participating=[member])
    services.decision_record(item=closed_item, text=MARKERS["closed item decision"])
    services.decision_record(item=flagged_item, text="Godkendt.")
    admin = UserFactory(username="root", role="administrator", is_superuser=True, is_staff=True)
    services.meeting_approve_minutes(meeting=ok_meeting, user=admin)
    services.addendum_add(item=closed_item, text=MARKERS["closed item addendum"], user=admin)

    # The cases move on to KB, whose agenda shows ØK's decisions.
    kb_meeting = services.meeting_create(
        body=kb, date=datetime.date(2025, 12, 9), start_time=datetime.time(18), from_template=False
    )
    services.agenda_item_add(meeting=kb_meeting, case=open_case)
    services.agenda_item_add(meeting=kb_meeting, case=closed_case)
    services.meeting_publish_agenda(meeting=kb_meeting)

    draft = services.meeting_create(body=ok, date=datetime.date(2026, 1, 6),
                                    start_time=datetime.time(14), from_template=False)  # fmt: skip
    services.agenda_item_add(meeting=draft, fields={"title": DRAFT["unpublished agenda"]})
    return {"admin": admin, "ok": ok, "buu": buu}


def text_of(response) -> str:
    """Everything a person could read in the response, documents included."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if content.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
        return text + metadata
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        return re.sub(r"<[^>]+>", "", xml)
    del content_type
    # Search results mark the words found ("<mark>88</mark>/<mark>4242</mark>"): read past it.
    return re.sub(r"</?mark>", "", content.decode("utf-8", "replace"))


LINK = re.compile(r'(?:href|src|action)="([^"#]+)"')


SEARCH = re.compile(r"^/(offentlig/)?soeg/")
# Where a search page repeats what was searched for: the page title, the search boxes and the
# sentence with the count. Anything else of a marker on the page is a result.
ECHO = re.compile(r"<title>[^<]*</title>|value=\"[^\"]*\"|for »[^«]*«")


def without_echo(text: str) -> str:
    return ECHO.sub("", text)


def searches(markers=MARKERS | DRAFT) -> list[str]:
    """The staff and the portal search for every marker."""
    return [f"{path}?{urlencode({'q': marker})}" for marker in markers.values()
            for path in ("/soeg/", "/offentlig/soeg/")]  # fmt: skip


def crawl(client: Client, limit: int = 400) -> dict[str, str]:
    """Every page reachable from the portal and the staff start pages, plus every object's
    address tried directly and every marker searched for; returns url -> readable text."""
    start = [*searches(), "/", "/offentlig/", "/kalender/?maaned=2025-12",
             "/kalender/?maaned=2026-01", "/sager/", "/sager/?q=88", "/plan/",
             "/findes-ikke/"]  # fmt: skip
    for meeting in Meeting.objects.all():
        start += [f"/moeder/{meeting.pk}/"]
        for kind in ("dagsorden", "beslutningsprotokol"):
            for variant in ("intern", "offentlig"):
                for ext in ("pdf", "docx"):
                    start.append(f"/moeder/{meeting.pk}/{kind}-{variant}.{ext}")
    start += [f"/punkter/{pk}/" for pk in AgendaItem.objects.values_list("pk", flat=True)]
    start += [f"/punkter/{pk}/rediger/" for pk in AgendaItem.objects.values_list("pk", flat=True)]
    start += [f"/sager/{pk}/" for pk in Case.objects.values_list("pk", flat=True)]
    start += [f"/bilag/{pk}/" for pk in Attachment.objects.values_list("pk", flat=True)]
    start += [f"/offentlig/bilag/{pk}/" for pk in Attachment.objects.values_list("pk", flat=True)]
    start += [f"/offentlig/moede/{pk}/" for pk in Meeting.objects.values_list("pk", flat=True)]
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or "log-ud" in url or "/admin/" in url:
            continue
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code in (301, 302):
            # The staff search sends a visitor to log in; the login page repeats the search in
            # its return address, which is the visitor's own query, not a result.
            if not SEARCH.match(url):
                queue.append(response["Location"])
            seen[url] = ""
            continue
        text = text_of(response)
        seen[url] = without_echo(text) if SEARCH.match(url) else text
        if "html" in response.get("Content-Type", ""):
            for link in LINK.findall(text):
                target = urldefrag(urljoin(url, link.replace("&amp;", "&")))[0]
                parsed = urlparse(target)
                if parsed.netloc in ("", "testserver") and not parsed.path.startswith("/static/"):
                    queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seen


def leaks(pages: dict[str, str], markers=MARKERS) -> list[str]:
    return [f"{what} ({marker}) on {url}" for url, text in pages.items()
            for what, marker in markers.items() if marker in text]  # fmt: skip


def test_anonymous_visitor_sees_nothing_closed(municipality_with_secrets):
    pages = crawl(Client())
    assert any(url.startswith("/offentlig/moede/") for url in pages)
    assert leaks(pages, MARKERS | DRAFT) == []


def test_reader_without_access_sees_nothing_closed(municipality_with_secrets):
    client = Client()
    client.force_login(UserFactory(username="borger", role="reader"))
    pages = crawl(client)
    assert any(url.endswith("dagsorden-offentlig.pdf") for url in pages)
    assert leaks(pages) == []


def test_secretary_of_another_body_sees_nothing_closed(municipality_with_secrets):
    client = Client()
    client.force_login(UserFactory(username="buu-sekretaer", role="editor",
                                   role__bodies=[municipality_with_secrets["buu"]]))  # fmt: skip
    assert leaks(crawl(client)) == []


def test_administrator_sees_every_marker_so_the_crawl_can_fail(municipality_with_secrets):
    client = Client()
    client.force_login(municipality_with_secrets["admin"])
    found = {
        marker for text in crawl(client).values() for marker in MARKERS.values() if marker in text
    }
    missing = set(MARKERS.values()) - found
    assert missing == set()


def test_search_finds_every_marker_for_the_administrator_so_the_searches_can_fail(
    municipality_with_secrets,
):
    client = Client()
    client.force_login(municipality_with_secrets["admin"])
    for marker in MARKERS.values():
        found = without_echo(text_of(client.get("/soeg/", {"q": marker})))
        assert marker in found, marker
        # The public search never finds it, even for the administrator.
        public = without_echo(text_of(client.get("/offentlig/soeg/", {"q": marker})))
        assert marker not in public and "Ingen resultater" in public, marker


def test_public_search_finds_open_content_so_its_emptiness_means_something(
    municipality_with_secrets,
):
    text = text_of(Client().get("/offentlig/soeg/", {"q": "åbent notat"}))
    assert "1 resultat" in text and "Åbent notat" in text
