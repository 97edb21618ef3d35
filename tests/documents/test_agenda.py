"""The agenda ("Dagsorden") and minutes ("Beslutningsprotokol") as PDF and Word documents."""

import datetime
import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from documents.agenda import agenda_docx, agenda_filename, agenda_pdf
from meetings.models import Absence, Addendum, Meeting
from organisation.models import Body, Profile
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
    UserFactory,
)

# Words that occur only in closed content: the public version must not contain any of them.
CLOSED_SECTION = "Grundsalgsforhandling"
CLOSED_RECOMMENDATION = "Fortrolighedsindstilling"
CLOSED_CASE_NUMBER = "99/4242"
CLOSED_ITEM_ATTACHMENT = "Vurderingsrapportbilag"
CLOSED_ATTACHMENT = "Personaleoversigtsbilag"
CLOSED_ATTACHMENT_NUMBER = "424242/23"
CLOSED_DECISION = "Salgsprisaftale"
CLOSED_WORDS = [
    CLOSED_SECTION,
    CLOSED_RECOMMENDATION,
    CLOSED_CASE_NUMBER,
    CLOSED_ITEM_ATTACHMENT,
    CLOSED_ATTACHMENT,
    CLOSED_ATTACHMENT_NUMBER,
    CLOSED_DECISION,
]

PRESENTATION = """\
Der er udarbejdet udmøntningsplan for budget 2024-2027.

- Gennemgang af beslutningsprotokol for
  - Børne- og Ungdomsudvalgsmøde d. 16. november
  - Miljø- og Teknikudvalgsmøde d. 20. november
- Kommende politiske møder

| Tid | Punkt |
|---|---|
| 11.00 | Behandling af oplæg til udmøntningsplan |
| 12.30-13.00 | Dialogmøde med sundheds- og omsorgschefen |"""


@pytest.fixture
def kb(db):
    return BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)


@pytest.fixture
def members(ok):
    return [
        MemberFactory(body=ok, title="Kommunaldirektør", name="Jonas Kroustrup", party=""),
        MemberFactory(body=ok, title="Velfærdsdirektør", name="Lene Mehlsen Thomsen", party=""),
        MemberFactory(body=ok, title="", name="Anette Ruby Liebe", party="A"),
        MemberFactory(body=ok, title="", name="Jens Meilvang", party="I"),
    ]


@pytest.fixture
def meeting(ok, au, buu, kb, members, administrator, municipality):
    """ØK on 22-11-2023, minutes approved: an open item decided twice before, two closed ones."""
    meeting = MeetingFactory(
        body=ok,
        date=datetime.date(2023, 11, 22),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 0),
        place="Mødelokale 250, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )
    Absence.objects.create(meeting=meeting, member=members[2], kind=Absence.Kind.APOLOGIES)

    case = CaseFactory(number="23/291", title="Udmøntningsplan 2024-2027", routing=[au, ok, kb])
    # Decided by AU and BUU before ØK, the later one first in the database.
    for body, date, text in (
        (buu, datetime.date(2023, 11, 10), "Anbefales af Børne- og Ungdomsudvalget."),
        (au, datetime.date(2023, 11, 1), "Anbefales af Arbejdsmarkedsudvalget."),
    ):
        earlier_meeting = MeetingFactory(body=body, date=date, state=Meeting.State.MINUTES_APPROVED)
        earlier = AgendaItemFactory(meeting=earlier_meeting, case=case, number=1,
                                    title=case.title, decision=text)  # fmt: skip
        if body == au:
            absent = MemberFactory(body=au, name="Allan Gjersbøl Jørgensen", party="A")
            earlier.not_participating.add(absent)
            Absence.objects.create(
                meeting=earlier_meeting, member=MemberFactory(body=au, name="Sebastian Grauert",
                                                              party="I")
            )  # fmt: skip

    open_item = AgendaItemFactory(
        meeting=meeting,
        case=case,
        number=1,
        title="Udmøntningsplan 2024-2027",
        time_slot="11.00",
        participants="Økonomichef Bettina Andersen deltager under punktet.",
        case_presentation=PRESENTATION,
        financial_consequences="Ingen.",
        recommendation="Kommunaldirektøren indstiller, at planen godkendes.",
        decision="Godkendt med en bemærkning om tidsplanen.",
    )
    open_item.not_participating.add(members[3])
    Addendum.objects.create(
        agenda_item=open_item, text="Tidsplanen er rettet.", created_by=administrator
    )
    AttachmentFactory(
        agenda_item=open_item,
        number=1,
        title="Notat om tidsplan for budgetopfølgning",
        document_number="116728/23",
    )
    AttachmentFactory(
        agenda_item=open_item,
        number=2,
        title=f"{CLOSED_ATTACHMENT} 2024",
        document_number=CLOSED_ATTACHMENT_NUMBER,
        closed=True,
    )

    closed_case = CaseFactory(number=CLOSED_CASE_NUMBER, title="Salg af grund", closed=True,
                              routing=[ok, kb])  # fmt: skip
    closed_item = AgendaItemFactory(
        meeting=meeting,
        case=closed_case,
        number=2,
        title="Salg af grund ved Grenaa Havn",
        case_presentation=f"{CLOSED_SECTION} med køber er afsluttet.",
        recommendation=f"{CLOSED_RECOMMENDATION}: at grunden sælges.",
        decision=f"Godkendt. {CLOSED_DECISION} underskrives.",
    )
    AttachmentFactory(agenda_item=closed_item, number=1, title=CLOSED_ITEM_ATTACHMENT)
    AgendaItemFactory(
        meeting=meeting,
        number=3,
        title="Personalesag",
        closed=True,
        case_presentation=f"{CLOSED_SECTION} i personalesagen.",
        recommendation="",
    )
    return meeting


def _pdf_pages(content: bytes) -> list[str]:
    """Each page's text, whitespace normalised."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def _pdf_text(content: bytes) -> str:
    return " ".join(_pdf_pages(content))


def _outline_titles(outline) -> list[str]:
    """The PDF's bookmarks, nested ones too."""
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        else:
            titles.append(str(entry.title))
    return titles


def _docx_xml_text(content: bytes) -> str:
    """Every piece of text in the package: body, headers, footers, properties, tables."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                parts.append(re.sub(r"<[^>]+>", " ", xml))
    return " ".join(" ".join(parts).split())


def _docx_paragraphs(content: bytes) -> list:
    return docx.Document(io.BytesIO(content)).paragraphs


def _render(meeting, user, *, public=False, minutes=False):
    arguments = {"meeting": meeting, "user": user, "public": public, "minutes": minutes}
    return agenda_pdf(**arguments), agenda_docx(**arguments)


@pytest.fixture
def internal_minutes(meeting, administrator):
    return _render(meeting, administrator, minutes=True)


@pytest.fixture
def internal_agenda(meeting, administrator):
    return _render(meeting, administrator, minutes=False)


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_front_page_names_body_place_date_times_members_and_absentees(internal_agenda):
    first = _pdf_pages(internal_agenda[0])[0]

    assert "Testrup Kommune" in first
    assert "Økonomiudvalget" in first
    assert "DAGSORDEN" in first
    assert "Sted: Mødelokale 250, rådhuset" in first
    assert "Dato: Onsdag den 22. november 2023" in first
    assert "Start kl.: 9:00" in first
    assert "Slut kl.: 17:00" in first
    assert (
        "Medlemmer: Kommunaldirektør Jonas Kroustrup Velfærdsdirektør Lene Mehlsen Thomsen "
        "Anette Ruby Liebe (A) Jens Meilvang (I)" in first
    )
    assert "Fraværende: Anette Ruby Liebe (A) (Afbud)" in first


def test_pdf_minutes_are_titled_beslutningsprotokol(internal_minutes):
    first = _pdf_pages(internal_minutes[0])[0]

    assert "BESLUTNINGSPROTOKOL" in first
    assert "DAGSORDEN" not in first


def test_pdf_table_of_contents_gives_the_page_each_item_starts_on(internal_agenda):
    pages = _pdf_pages(internal_agenda[0])
    contents = pages[0]

    assert "Indholdsfortegnelse" in contents
    for heading in (
        "1. Udmøntningsplan 2024-2027",
        "2. Salg af grund ved Grenaa Havn",
        "3. Personalesag",
        "Bilagsoversigt",
        "Underskriftsside",
    ):
        match = re.search(re.escape(heading) + r"[ .]*?(\d+)(?: |$)", contents)
        assert match, heading
        page = int(match.group(1))
        # The page's own text (after the running head) starts with that heading.
        assert heading in pages[page - 1], (heading, page)
        assert all(heading not in text for text in pages[1 : page - 1]), heading


def test_pdf_item_shows_status_case_routing_sections_participants_and_attachments(
    internal_agenda,
):
    text = _pdf_text(internal_agenda[0])

    assert "Åben sag · Sagsnr. 23/291 · Kl. 11.00" in text
    assert "Sagsgang AU, ØK, KB" in text
    assert "Sagsfremstilling Der er udarbejdet udmøntningsplan for budget 2024-2027." in text
    assert "Børne- og Ungdomsudvalgsmøde d. 16. november" in text
    assert "12.30-13.00 Dialogmøde med sundheds- og omsorgschefen" in text
    assert "Økonomichef Bettina Andersen deltager under punktet." in text
    assert "Økonomiske konsekvenser Ingen." in text
    assert "Indstilling Kommunaldirektøren indstiller, at planen godkendes." in text
    assert "Bilag 1 Åben Notat om tidsplan for budgetopfølgning (116728/23)" in text
    assert f"2 Lukket {CLOSED_ATTACHMENT} 2024 ({CLOSED_ATTACHMENT_NUMBER})" in text


def test_pdf_prints_earlier_decisions_oldest_first_with_absentees(internal_agenda):
    text = _pdf_text(internal_agenda[0])

    au = text.index("Beslutning i Arbejdsmarkedsudvalget den 01-11-2023")
    buu = text.index("Beslutning i Børne- og Ungdomsudvalget den 10-11-2023")
    assert au < buu
    assert text[au:buu].split("Beslutning i Arbejdsmarkedsudvalget den 01-11-2023 ")[1] == (
        "Anbefales af Arbejdsmarkedsudvalget. "
        "Allan Gjersbøl Jørgensen (A) deltog ikke under behandling af punktet. "
        "Afbud: Sebastian Grauert (I) "
    )
    assert "Anbefales af Børne- og Ungdomsudvalget." in text


def test_pdf_agenda_leaves_out_this_meetings_decision_and_minutes_print_it(
    internal_agenda, internal_minutes
):
    agenda, minutes = _pdf_text(internal_agenda[0]), _pdf_text(internal_minutes[0])

    assert "Beslutning i Økonomiudvalget den 22-11-2023" not in agenda
    assert "Godkendt med en bemærkning om tidsplanen." not in agenda
    decision = minutes.index("Beslutning i Økonomiudvalget den 22-11-2023")
    assert minutes.index("Beslutning i Børne- og Ungdomsudvalget den 10-11-2023") < decision
    assert minutes[decision:].startswith(
        "Beslutning i Økonomiudvalget den 22-11-2023 Godkendt med en bemærkning om tidsplanen. "
        "Jens Meilvang (I) deltog ikke under behandling af punktet. "
        f"Tilføjelse den {datetime.date.today():%d-%m-%Y}: Tidsplanen er rettet. "
        "Afbud: Anette Ruby Liebe (A)"
    )


def test_pdf_attachment_overview_and_signature_page(internal_agenda):
    pages = _pdf_pages(internal_agenda[0])
    overview = next(page for page in pages if "Bilagsoversigt 1." in page)
    signatures = pages[-1]

    assert (
        "Bilagsoversigt 1. Udmøntningsplan 2024-2027 "
        "1. Notat om tidsplan for budgetopfølgning (116728/23) "
        f"2. {CLOSED_ATTACHMENT} 2024 ({CLOSED_ATTACHMENT_NUMBER}) (lukket) "
        f"2. Salg af grund ved Grenaa Havn 1. {CLOSED_ITEM_ATTACHMENT}"
    ) in overview
    assert "Underskriftsside" in signatures
    for name in ("Kommunaldirektør Jonas Kroustrup", "Anette Ruby Liebe (A)", "Jens Meilvang (I)"):
        assert name in signatures


def test_pdf_has_running_head_and_page_numbers(internal_agenda):
    pages = _pdf_pages(internal_agenda[0])

    assert "Side 1 af" in pages[0]
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]
    assert "Økonomiudvalget 22-11-2023 · Dagsorden" in pages[1]
    assert "Økonomiudvalget 22-11-2023" not in pages[0]


def test_pdf_is_tagged_danish_and_titled(internal_agenda):
    reader = PdfReader(io.BytesIO(internal_agenda[0]))
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    assert reader.metadata.title == "Dagsorden – Økonomiudvalget onsdag den 22. november 2023"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


# --- Word -----------------------------------------------------------------------------------


def test_word_has_the_same_headings_as_the_pdf(internal_minutes):
    paragraphs = _docx_paragraphs(internal_minutes[1])
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    pdf = _pdf_text(internal_minutes[0])

    assert headings == [
        "1. Udmøntningsplan 2024-2027",
        "2. Salg af grund ved Grenaa Havn",
        "3. Personalesag",
        "Bilagsoversigt",
        "Underskriftsside",
    ]
    for heading in headings:
        assert heading in pdf
    sections = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert sections[:8] == [
        "Sagsgang",
        "Sagsfremstilling",
        "Økonomiske konsekvenser",
        "Indstilling",
        "Beslutning i Arbejdsmarkedsudvalget den 01-11-2023",
        "Beslutning i Børne- og Ungdomsudvalget den 10-11-2023",
        "Beslutning i Økonomiudvalget den 22-11-2023",
        "Bilag",
    ]


def test_word_front_page_lists_the_meeting_facts(internal_agenda):
    texts = [p.text for p in _docx_paragraphs(internal_agenda[1])]

    assert texts[:3] == ["Testrup Kommune", "Økonomiudvalget", "DAGSORDEN"]
    assert "Sted:\tMødelokale 250, rådhuset" in texts
    assert "Dato:\tOnsdag den 22. november 2023" in texts
    assert "Start kl.:\t9:00" in texts
    assert "Slut kl.:\t17:00" in texts
    assert (
        "Medlemmer:\tKommunaldirektør Jonas Kroustrup\nVelfærdsdirektør Lene Mehlsen Thomsen\n"
        "Anette Ruby Liebe (A)\nJens Meilvang (I)" in texts
    )
    assert "Fraværende:\tAnette Ruby Liebe (A) (Afbud)" in texts


def test_word_sections_have_real_bullet_lists_and_tables(internal_agenda):
    document = docx.Document(io.BytesIO(internal_agenda[1]))
    bullets = [(p.style.name, p.text) for p in document.paragraphs if "Bullet" in p.style.name]

    assert bullets == [
        ("List Bullet", "Gennemgang af beslutningsprotokol for"),
        ("List Bullet 2", "Børne- og Ungdomsudvalgsmøde d. 16. november"),
        ("List Bullet 2", "Miljø- og Teknikudvalgsmøde d. 20. november"),
        ("List Bullet", "Kommende politiske møder"),
    ]
    assert len(document.tables) == 1
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["Tid", "Punkt"],
        ["11.00", "Behandling af oplæg til udmøntningsplan"],
        ["12.30-13.00", "Dialogmøde med sundheds- og omsorgschefen"],
    ]
    assert document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_word_has_a_toc_field_with_the_entries_and_updates_fields_on_open(internal_agenda):
    document = docx.Document(io.BytesIO(internal_agenda[1]))
    body = document.element.body
    instructions = [el.text for el in body.iter(qn("w:instrText"))]
    entries = [p.text for p in document.paragraphs if p.style.name == "toc 1"]

    assert any('TOC \\o "1-1" \\h' in text for text in instructions)
    assert entries == [
        "1. Udmøntningsplan 2024-2027",
        "2. Salg af grund ved Grenaa Havn",
        "3. Personalesag",
        "Bilagsoversigt",
        "Underskriftsside",
    ]
    # The field's result is the entries: it begins in the first and ends in the last.
    toc = [p for p in document.paragraphs if p.style.name == "toc 1"]
    first = [el.get(qn("w:fldCharType")) for el in toc[0]._p.iter(qn("w:fldChar"))]
    last = [el.get(qn("w:fldCharType")) for el in toc[-1]._p.iter(qn("w:fldChar"))]
    assert first == ["begin", "separate"]
    assert "TOC" in next(toc[0]._p.iter(qn("w:instrText"))).text
    assert last == ["end"]
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"
    # Each entry links to a bookmark on its heading.
    anchors = [el.get(qn("w:anchor")) for el in body.iter(qn("w:hyperlink"))]
    bookmarks = {el.get(qn("w:name")) for el in body.iter(qn("w:bookmarkStart"))}
    assert anchors and set(anchors) <= bookmarks


def test_word_decisions_attachments_and_signatures(internal_minutes):
    texts = [p.text for p in _docx_paragraphs(internal_minutes[1])]
    joined = "\n".join(texts)

    assert (
        "Beslutning i Arbejdsmarkedsudvalget den 01-11-2023\n"
        "Anbefales af Arbejdsmarkedsudvalget.\n"
        "Allan Gjersbøl Jørgensen (A) deltog ikke under behandling af punktet.\n"
        "Afbud:\nSebastian Grauert (I)\n"
    ) in joined
    assert (
        "Beslutning i Økonomiudvalget den 22-11-2023\n"
        "Godkendt med en bemærkning om tidsplanen.\n"
        "Jens Meilvang (I) deltog ikke under behandling af punktet.\n"
    ) in joined
    assert "Bilag\n1 Åben Notat om tidsplan for budgetopfølgning (116728/23)\n" in joined
    assert "Økonomichef Bettina Andersen deltager under punktet." in texts
    # The last "Underskriftsside": the first is the table of contents' entry.
    signatures = texts[len(texts) - texts[::-1].index("Underskriftsside") :]
    # Each name under an empty paragraph whose bottom border is the line to sign on.
    assert signatures[::2] == ["", "", "", ""]
    assert signatures[1::2] == [
        "Kommunaldirektør Jonas Kroustrup",
        "Velfærdsdirektør Lene Mehlsen Thomsen",
        "Anette Ruby Liebe (A)",
        "Jens Meilvang (I)",
    ]


def test_word_agenda_leaves_out_this_meetings_decision(internal_agenda):
    texts = [p.text for p in _docx_paragraphs(internal_agenda[1])]

    assert "Beslutning i Økonomiudvalget den 22-11-2023" not in texts
    assert "Godkendt med en bemærkning om tidsplanen." not in texts
    assert "Beslutning i Arbejdsmarkedsudvalget den 01-11-2023" in texts


def test_word_is_danish_a4_portrait_with_running_head_and_page_numbers(internal_agenda):
    document = docx.Document(io.BytesIO(internal_agenda[1]))
    section = document.sections[0]
    defaults = document.styles.element.find(qn("w:docDefaults"))

    assert section.page_height > section.page_width
    assert round(section.page_width.mm) == 210
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "da-DK"
    assert document.core_properties.language == "da-DK"
    assert document.core_properties.title == (
        "Dagsorden – Økonomiudvalget onsdag den 22. november 2023"
    )
    assert section.header.paragraphs[0].text == "Økonomiudvalget 22-11-2023 · Dagsorden"
    footer = section.footer._element.xml
    assert "Side " in footer
    assert " PAGE " in footer
    assert " NUMPAGES " in footer


# --- What the public and readers may see ----------------------------------------------------


def test_internal_version_for_an_administrator_has_the_closed_content(internal_minutes):
    pdf, word = _pdf_text(internal_minutes[0]), _docx_xml_text(internal_minutes[1])

    for word_ in CLOSED_WORDS:
        assert word_ in pdf, word_
        assert word_ in word, word_
    assert "Intern udgave" in pdf


@pytest.mark.parametrize("minutes", [False, True])
def test_public_version_has_no_word_of_closed_content(meeting, administrator, minutes):
    pdf, word = _render(meeting, administrator, public=True, minutes=minutes)
    pdf_text, word_text = _pdf_text(pdf), _docx_xml_text(word)
    outline = " ".join(_outline_titles(PdfReader(io.BytesIO(pdf)).outline))

    for word_ in CLOSED_WORDS:
        assert word_ not in pdf_text, word_
        assert word_ not in word_text, word_
        assert word_ not in outline, word_
    assert "2. Salg af grund ved Grenaa Havn" in outline
    assert "Intern udgave" not in pdf_text
    # Closed items keep their number and title; closed attachments their number.
    for text in (pdf_text, word_text):
        assert "2. Salg af grund ved Grenaa Havn Lukket punkt" in text
        assert "3. Personalesag Lukket punkt" in text
        assert "2 Lukket bilag" in text
        assert "2. (Lukket bilag)" in text


def test_public_word_puts_closed_items_on_the_page_of_the_item_before(meeting, administrator):
    word = agenda_docx(meeting=meeting, user=administrator, public=True, minutes=False)
    headings = {
        p.text: p.paragraph_format.page_break_before
        for p in _docx_paragraphs(word)
        if p.style.name == "Heading 1"
    }

    assert headings["1. Udmøntningsplan 2024-2027"]
    assert not headings["2. Salg af grund ved Grenaa Havn"]
    assert not headings["3. Personalesag"]
    assert headings["Bilagsoversigt"]


def test_public_minutes_show_decisions_once_approved(meeting, administrator):
    pdf, word = _render(meeting, administrator, public=True, minutes=True)

    assert "Godkendt med en bemærkning om tidsplanen." in _pdf_text(pdf)
    assert "Godkendt med en bemærkning om tidsplanen." in _docx_xml_text(word)


@pytest.mark.parametrize("role", [Profile.Role.READER, Profile.Role.EDITOR])
def test_user_without_access_to_the_body_gets_the_public_content(meeting, au, role):
    # An editor of AU only: AU's closed content, not ØK's.
    user = UserFactory(username=f"bruger-{role}", role=role, role__bodies=[au])
    pdf, word = _render(meeting, user, public=False, minutes=True)
    pdf_text, word_text = _pdf_text(pdf), _docx_xml_text(word)

    for word_ in CLOSED_WORDS:
        assert word_ not in pdf_text, word_
        assert word_ not in word_text, word_
    assert "Økonomichef Bettina Andersen deltager under punktet." in pdf_text


def test_editor_of_the_body_gets_the_internal_version(meeting, ok):
    editor = UserFactory(username="sekretaer", role=Profile.Role.EDITOR, role__bodies=[ok])
    pdf, word = _render(meeting, editor, public=False, minutes=True)

    assert CLOSED_SECTION in _pdf_text(pdf)
    assert CLOSED_SECTION in _docx_xml_text(word)


def test_meeting_without_attachments_or_members_still_renders(db, ok, administrator):
    meeting = MeetingFactory(body=ok, end_time=None, place="")
    AgendaItemFactory(meeting=meeting, number=1, title="Eventuelt", case_presentation="",
                      recommendation="")  # fmt: skip
    pdf, word = _render(meeting, administrator)
    text = _pdf_text(pdf)

    assert "1. Eventuelt" in text
    assert "Bilagsoversigt" not in text
    assert "Underskriftsside" in text
    assert "1. Eventuelt" in [p.text for p in _docx_paragraphs(word)]


def test_participants_follow_the_last_section_without_a_case_presentation(db, ok, administrator):
    meeting = MeetingFactory(body=ok)
    AgendaItemFactory(
        meeting=meeting,
        number=1,
        title="Økonomi",
        case_presentation="",
        recommendation="Det indstilles, at punktet drøftes.",
        participants="Økonomichef Bettina Andersen deltager under punktet.",
    )
    pdf, word = _render(meeting, administrator)
    texts = [p.text for p in _docx_paragraphs(word)]

    assert (
        "Indstilling Det indstilles, at punktet drøftes. "
        "Økonomichef Bettina Andersen deltager under punktet." in _pdf_text(pdf)
    )
    index = texts.index("Det indstilles, at punktet drøftes.")
    assert texts[index + 1] == "Økonomichef Bettina Andersen deltager under punktet."


def test_markup_in_sections_is_printed_as_text(db, ok, administrator):
    meeting = MeetingFactory(body=ok)
    AgendaItemFactory(
        meeting=meeting,
        number=1,
        title="<b>Fed</b> & kursiv",
        case_presentation="<script>alert(1)</script> & <i>ikke kursiv</i>",
    )
    pdf, word = _render(meeting, administrator)

    assert "1. <b>Fed</b> & kursiv" in _pdf_text(pdf)
    assert "<script>alert(1)</script> & <i>ikke kursiv</i>" in _pdf_text(pdf)
    assert "<script>alert(1)</script> & <i>ikke kursiv</i>" in [
        p.text for p in _docx_paragraphs(word)
    ]


# --- File name ------------------------------------------------------------------------------


def test_agenda_filename_is_ascii_with_kind_body_date_and_public_marker(db, ok):
    board = BodyFactory(name="Direktionen", abbreviation="DIR", kind=Body.Kind.EXECUTIVE_BOARD)
    agenda = MeetingFactory(body=board, date=datetime.date(2023, 11, 22))
    minutes = MeetingFactory(body=ok, date=datetime.date(2022, 12, 6))

    assert agenda_filename(meeting=agenda, minutes=False, public=False, ext="pdf") == (
        "dagsorden-DIR-2023-11-22.pdf"
    )
    assert agenda_filename(meeting=minutes, minutes=True, public=True, ext=".docx") == (
        "beslutningsprotokol-OEK-2022-12-06-offentlig.docx"
    )
