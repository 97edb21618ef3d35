"""The public portal as a visitor without login sees it: bodies, meetings, published agendas,
open attachments and the downloads; closed content never shows, in any page or file."""

import datetime
import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Attachment, Meeting
from organisation.models import Body, Member
from tests.factories import BodyFactory, MeetingFactory, MemberFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Unique words that only closed content carries; no portal page or file may contain them.
SECRETS = {
    "section of a closed item": "HEMMELIGORDLUKKET",
    "closed case number": "88/4242",
    "closed attachment title": "HEMMELIGBILAGSTITEL",
    "closed attachment document number": "777333/25",
    "section of an item of a closed case": "SAGLUKKETTEKST",
    "attachment of a closed item": "BILAGUNDERLUKKET",
}


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kb(db):
    return BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)


@pytest.fixture
def anonymous():
    return Client()


def pdf(name="notat.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def approved(meeting: Meeting) -> Meeting:
    return services.meeting_approve_minutes(meeting=Meeting.objects.get(pk=meeting.pk))


@pytest.fixture
def agenda(ok, kb):
    """ØK decided case 22/291 on 6 December 2022 (minutes approved); KB's agenda of 13
    December 2022 is sent out with that case, a closed item, an item of a closed case and an
    open and a closed attachment."""
    MemberFactory(body=kb, name="Kasper Juul", party="V", role=Member.Role.CHAIR)
    MemberFactory(body=kb, name="Anette Ruby Liebe", party="A")
    case = services.case_create(
        number="22/291", title="Udmøntningsplan 2023-2026", routing=[ok, kb]
    )
    closed_case = services.case_create(
        number=SECRETS["closed case number"], title="Køb af ejendom", closed=True, routing=[kb]
    )
    ok_meeting = services.meeting_create(
        body=ok, date=datetime.date(2022, 12, 6), start_time=datetime.time(14), from_template=False
    )
    sections = {
        "case_presentation": "Planen beskriver indsatserne.\n\n- Den faste del\n- Den strategiske",
        "recommendation": "Kommunaldirektøren indstiller, at planen godkendes.",
    }
    ok_item = services.agenda_item_add(meeting=ok_meeting, case=case, fields=sections)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=ok_item, text="Tiltrådt.")
    approved(ok_meeting)

    meeting = services.meeting_create(
        body=kb, date=datetime.date(2022, 12, 13), start_time=datetime.time(16),
        end_time=datetime.time(19, 30), place="Byrådssalen, rådhuset", from_template=False,
    )  # fmt: skip
    open_item = services.agenda_item_add(meeting=meeting, case=case)
    closed_item = services.agenda_item_add(meeting=meeting, fields={
        "title": "Personalesag", "closed": True,
        "case_presentation": f"Om {SECRETS['section of a closed item']}.",
    })  # fmt: skip
    case_item = services.agenda_item_add(meeting=meeting, case=closed_case, fields={
        "case_presentation": SECRETS["section of an item of a closed case"],
    })  # fmt: skip
    open_file = services.attachment_add(item=open_item, title="Udmøntningsplan til KB",
                                        document_number="151433/22", upload=pdf())  # fmt: skip
    closed_file = services.attachment_add(
        item=open_item, title=SECRETS["closed attachment title"], closed=True,
        document_number=SECRETS["closed attachment document number"], upload=pdf("lukket.pdf"),
    )  # fmt: skip
    under_closed = services.attachment_add(
        item=closed_item, title=SECRETS["attachment of a closed item"], upload=pdf("under.pdf")
    )
    services.meeting_publish_agenda(meeting=meeting)
    return {
        "meeting": Meeting.objects.get(pk=meeting.pk),
        "open_item": open_item,
        "closed_item": closed_item,
        "case_item": case_item,
        "open_file": open_file,
        "closed_file": closed_file,
        "under_closed": under_closed,
        "case": case,
    }


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def meeting_url(meeting) -> str:
    return reverse("portal:meeting", args=[meeting.pk])


# --- Pages open to anyone ---------------------------------------------------------------------


def test_anonymous_visitor_opens_index_body_and_meeting_pages(anonymous, agenda, kb, ok):
    planned = MeetingFactory(body=ok, date=datetime.date.today() + datetime.timedelta(days=20),
                             state=Meeting.State.PLANNED)  # fmt: skip
    index = page(anonymous, reverse("portal:index"))
    assert "Kommunalbestyrelsen" in index and "Økonomiudvalget" in index
    # The latest agendas link to their pages; a planned meeting is a date without a link.
    assert meeting_url(agenda["meeting"]) in index
    assert "Dagsordenen er ikke udsendt endnu" in index
    assert meeting_url(planned) not in index

    body = page(anonymous, reverse("portal:body", args=["kb"]) + "?aar=2022")
    assert "Kasper Juul (V)" in body and "Formand" in body
    assert meeting_url(agenda["meeting"]) in body
    assert reverse("portal:body_calendar", args=["kb"]) in body

    meeting = page(anonymous, meeting_url(agenda["meeting"]))
    assert "Byrådssalen, rådhuset" in meeting
    assert "Tirsdag den 13. december 2022" in meeting
    assert "kl. 16.00" in meeting and "19.30" in meeting


def test_body_is_found_by_its_abbreviation_and_by_its_pk(anonymous, ok):
    assert reverse("portal:body", args=["oek"]) == "/offentlig/udvalg/oek/"
    assert anonymous.get("/offentlig/udvalg/oek/").status_code == 200
    response = anonymous.get(f"/offentlig/udvalg/{ok.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/offentlig/udvalg/oek/"
    assert anonymous.get("/offentlig/udvalg/findes-ikke/").status_code == 404


def test_body_page_lists_meetings_of_the_chosen_year(anonymous, ok):
    MeetingFactory(body=ok, date=datetime.date(2024, 5, 2), place="Lokale 2024")
    MeetingFactory(body=ok, date=datetime.date(2025, 3, 4), place="Lokale 2025")
    html = page(anonymous, "/offentlig/udvalg/oek/?aar=2025")
    assert "Lokale 2025" in html and "Lokale 2024" not in html
    assert "Møder i 2025" in html and "?aar=2024" in html
    html = page(anonymous, "/offentlig/udvalg/oek/?aar=2024")
    assert "Lokale 2024" in html and "Lokale 2025" not in html
    # Nonsense in the year falls back to a sensible year instead of an error.
    for value in ("x", "99999999999", "-1"):
        assert anonymous.get(f"/offentlig/udvalg/oek/?aar={value}").status_code == 200


def test_planned_meeting_is_not_found(anonymous, ok):
    planned = MeetingFactory(body=ok, state=Meeting.State.PLANNED)
    assert anonymous.get(meeting_url(planned)).status_code == 404
    for kind in ("dagsorden", "beslutningsprotokol", "referat"):
        url = reverse("portal:meeting_document", args=[planned.pk, kind, "pdf"])
        assert anonymous.get(url).status_code == 404
    assert anonymous.get(reverse("portal:meeting", args=[999999])).status_code == 404


def test_portal_is_read_only(anonymous, agenda):
    assert anonymous.post(meeting_url(agenda["meeting"])).status_code == 405
    assert anonymous.post(reverse("portal:index")).status_code == 405


# --- What of an agenda is public --------------------------------------------------------------


def test_closed_item_shows_only_number_and_title(anonymous, agenda):
    html = page(anonymous, meeting_url(agenda["meeting"]))
    closed = agenda["closed_item"]
    section = re.search(rf'<article[^>]*id="punkt-{closed.number}".*?</article>', html, re.S)
    assert section is not None
    text = re.sub(r"<[^>]+>", " ", section.group(0))
    assert " ".join(text.split()) == f"{closed.number}. Personalesag Lukket punkt"
    # The item of a closed case is redacted the same way, title and all else but its number.
    case_item = agenda["case_item"]
    assert f"{case_item.number}. Køb af ejendom" in html


def test_open_item_shows_sections_earlier_decision_and_attachments(anonymous, agenda):
    html = page(anonymous, meeting_url(agenda["meeting"]))
    assert "22/291" in html and "ØK, KB" in html
    assert "<h3>Sagsfremstilling</h3>" in html
    assert "<li>Den faste del</li>" in html  # rendered through danish.richtext
    assert "Beslutning i Økonomiudvalget den 06-12-2022" in html and "Tiltrådt." in html
    open_file = agenda["open_file"]
    assert f'href="{reverse("portal:attachment", args=[open_file.pk])}"' in html
    assert "Udmøntningsplan til KB" in html
    assert "Lukket bilag" in html


@pytest.mark.parametrize("secret", SECRETS.values(), ids=SECRETS.keys())
def test_closed_content_never_appears_in_any_portal_page_or_feed(anonymous, agenda, secret):
    meeting = agenda["meeting"]
    item = agenda["open_item"]
    services.decision_record(item=item, text="Godkendt.")
    approved(meeting)
    urls = [
        reverse("portal:index"),
        reverse("portal:body", args=["kb"]) + "?aar=2022",
        meeting_url(meeting),
        reverse("portal:body_calendar", args=["kb"]),
        reverse("portal:calendar"),
    ]
    for url in urls:
        assert secret not in page(anonymous, url), url


@pytest.mark.parametrize("secret", SECRETS.values(), ids=SECRETS.keys())
def test_closed_content_never_appears_in_the_downloads(anonymous, agenda, secret):
    pytest.importorskip("documents.agenda")
    from pypdf import PdfReader

    meeting = agenda["meeting"]
    services.decision_record(item=agenda["open_item"], text="Godkendt.")
    approved(meeting)
    for kind in ("dagsorden", "beslutningsprotokol", "referat"):
        content = download(anonymous, meeting, kind, "pdf")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert "Udmøntningsplan" in text
        assert secret not in text, kind
        content = download(anonymous, meeting, kind, "docx")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = archive.read("word/document.xml").decode()
        assert secret not in xml, kind


def test_logged_in_staff_also_get_the_public_version(admin_client_, agenda):
    html = page(admin_client_, meeting_url(agenda["meeting"]))
    for secret in SECRETS.values():
        assert secret not in html


def test_decisions_are_published_once_the_minutes_are_approved(anonymous, agenda):
    meeting = agenda["meeting"]
    services.decision_record(item=agenda["open_item"], text="Godkendt med bemærkninger.")
    assert "Godkendt med bemærkninger." not in page(anonymous, meeting_url(meeting))
    approved(meeting)
    html = page(anonymous, meeting_url(meeting))
    assert "Beslutning i Kommunalbestyrelsen den 13-12-2022" in html
    assert "Godkendt med bemærkninger." in html
    assert "Beslutningsprotokol: Kommunalbestyrelsen" in html


# --- The cached agenda follows every change ---------------------------------------------------


def test_closing_an_item_after_publication_hides_it_at_once(anonymous, agenda):
    meeting, item = agenda["meeting"], agenda["open_item"]
    services.agenda_item_update(item=item, fields={"case_presentation": "SYNLIGTEKST"},
                                expected_version=None)  # fmt: skip
    assert "SYNLIGTEKST" in page(anonymous, meeting_url(meeting))  # now cached
    services.agenda_item_update(item=item, fields={"closed": True}, expected_version=None)
    assert "SYNLIGTEKST" not in page(anonymous, meeting_url(meeting))


def test_closing_a_case_or_an_attachment_hides_it_at_once(anonymous, agenda):
    meeting, case = agenda["meeting"], agenda["case"]
    assert "Udmøntningsplan til KB" in page(anonymous, meeting_url(meeting))
    attachment = Attachment.objects.get(pk=agenda["open_file"].pk)
    services.attachment_update(attachment=attachment, fields={"closed": True})
    assert "Udmøntningsplan til KB" not in page(anonymous, meeting_url(meeting))
    services.case_update(case=case, fields={"closed": True})
    assert "Kommunaldirektøren indstiller" not in page(anonymous, meeting_url(meeting))


def test_closing_an_item_hides_it_at_once(anonymous, agenda):
    meeting, item = agenda["meeting"], agenda["open_item"]
    assert "Kommunaldirektøren indstiller" in page(anonymous, meeting_url(meeting))
    services.agenda_item_update(item=item, fields={"closed": True}, expected_version=None)
    assert "Kommunaldirektøren indstiller" not in page(anonymous, meeting_url(meeting))


def test_edits_to_attachments_absences_and_addenda_show(anonymous, agenda, kb, administrator):
    meeting, item = agenda["meeting"], agenda["open_item"]
    page(anonymous, meeting_url(meeting))
    services.attachment_add(item=item, title="Nyt notat", upload=pdf("nyt.pdf"))
    services.meeting_set_absences(meeting=meeting, absences={
        Member.objects.get(body=kb, name="Anette Ruby Liebe"): "apologies"})  # fmt: skip
    html = page(anonymous, meeting_url(meeting))
    assert "Nyt notat" in html and "Anette Ruby Liebe (A) (afbud)" in html
    services.decision_record(item=item, text="Godkendt.")
    approved(meeting)
    assert "Rettelse til beslutningen." not in page(anonymous, meeting_url(meeting))
    services.addendum_add(item=item, text="Rettelse til beslutningen.", user=administrator)
    assert "Rettelse til beslutningen." in page(anonymous, meeting_url(meeting))


# --- Attachments ------------------------------------------------------------------------------


def test_open_attachment_is_served_as_a_download(anonymous, agenda):
    response = anonymous.get(reverse("portal:attachment", args=[agenda["open_file"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="notat.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_closed_and_missing_attachments_give_the_same_not_found(anonymous, agenda, ok):
    planned = MeetingFactory(body=ok, state=Meeting.State.PLANNED)
    planned_item = services.agenda_item_add(meeting=planned, fields={"title": "Udkast"})
    draft_file = services.attachment_add(item=planned_item, title="Udkast", upload=pdf())
    no_file = services.attachment_add(item=agenda["open_item"], title="Uden fil", upload=None)
    missing = anonymous.get(reverse("portal:attachment", args=[999999]))
    assert missing.status_code == 404
    for attachment in (agenda["closed_file"], agenda["under_closed"], draft_file, no_file):
        response = anonymous.get(reverse("portal:attachment", args=[attachment.pk]))
        assert response.status_code == 404
        assert without_token(response.content) == without_token(missing.content)


def without_token(html: bytes) -> bytes:
    """The page without its per-response CSRF token (base.html puts one in every page)."""
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", html)


def test_attachment_of_an_item_of_a_closed_case_is_not_served(anonymous, agenda):
    attachment = services.attachment_add(item=agenda["case_item"], title="Bilag", upload=pdf())
    assert anonymous.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404


# --- Documents --------------------------------------------------------------------------------


def download(client, meeting, kind, ext) -> bytes:
    response = client.get(reverse("portal:meeting_document", args=[meeting.pk, kind, ext]))
    assert response.status_code == 200, (kind, ext)
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


def test_agenda_and_minutes_download_as_pdf_and_docx(anonymous, agenda):
    pytest.importorskip("documents.agenda")
    meeting = agenda["meeting"]
    assert download(anonymous, meeting, "dagsorden", "pdf").startswith(b"%PDF")
    assert download(anonymous, meeting, "dagsorden", "docx").startswith(b"PK")
    # The minutes exist once they are approved.
    url = reverse("portal:meeting_document", args=[meeting.pk, "beslutningsprotokol", "pdf"])
    assert anonymous.get(url).status_code == 404
    html = page(anonymous, meeting_url(meeting))
    assert url not in html
    approved(meeting)
    assert download(anonymous, meeting, "beslutningsprotokol", "pdf").startswith(b"%PDF")
    # The word used before the glossary (danish/glossary.py) keeps old links working.
    assert download(anonymous, meeting, "referat", "pdf").startswith(b"%PDF")
    assert url in page(anonymous, meeting_url(meeting))
    bad = reverse("portal:meeting_document", args=[meeting.pk, "dagsorden", "exe"])
    assert anonymous.get(bad).status_code == 404


# --- Accessibility ----------------------------------------------------------------------------


class Outline(HTMLParser):
    """Heading levels, tables with their captions and header cells, and link texts."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.links: list[str] = []
        self._link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append({"caption": False, "th": 0, "scoped": 0})
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        elif tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["scoped"] += "scope" in attrs
        elif tag == "a":
            self._link = []

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(" ".join("".join(self._link).split()))
            self._link = None


def test_pages_have_ordered_headings_captioned_tables_and_telling_links(anonymous, agenda):
    approved(agenda["meeting"])
    for url in (reverse("portal:index"), "/offentlig/udvalg/kb/?aar=2022",
                meeting_url(agenda["meeting"])):  # fmt: skip
        outline = Outline()
        outline.feed(page(anonymous, url))
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1, url
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, (url, outline.headings)
        for table in outline.tables:
            assert table["caption"] and table["th"] == table["scoped"], url
        vague = {"her", "klik her", "læs mere", "link", "dagsorden", "referat",
                 "beslutningsprotokol"}  # fmt: skip
        assert not [text for text in outline.links if text.lower() in vague], url


def test_cached_page_carries_nothing_of_one_visitor_to_another(anonymous, admin_client_, agenda):
    url = meeting_url(agenda["meeting"])
    staff = page(admin_client_, url)
    assert "Log ud" in staff and '"X-CSRFToken": ""' not in staff
    first, second = page(anonymous, url), page(Client(), url)
    assert first == second
    assert "Log ud" not in first and '"X-CSRFToken": ""' in first
