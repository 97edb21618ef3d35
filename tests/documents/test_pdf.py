"""Every PDF is typeset by Typst from data: hostile text prints as text, and the structure a
screen reader and an archive need (tags, headings, table headers, bookmarks, metadata) is there.
"""

import datetime
import io
import os
import re
import signal

import pikepdf
import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.agenda import agenda_pdf
from documents.extract import extract_pdf
from meetings.models import Absence, Addendum, Meeting
from organisation.models import Municipality
from plans.selectors import extract_sections
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    ItemFactory,
    MeetingFactory,
    MemberFactory,
)

# Typst syntax, markup and characters a template could trip over; each must print as typed.
HOSTILE = [
    '#read("/etc/passwd")',
    '#import "@preview/cetz:0.3.0": *',
    "#{ panic(1) }",
    "[[[ ]] ) } {",
    "$x^2$ \\ \\\\",
    "@label <b>",
    "= *fed* _kursiv_ `rå`",
    "<script>alert(1)</script> &amp;",
    "Ulveungernes" * 6,  # a 72-letter word
    "tegn\x01\x07\x1b\x7f\x85slut",
    "emoji 😀👍🏽 ✓ ☕",
]
HOSTILE_TEXT = " ".join(HOSTILE)


def hostile(label: str, length: int = 1000) -> str:
    """'<label> <every hostile piece>' cut to the field's length."""
    return f"{label} {HOSTILE_TEXT}"[:length]


def printed(text: str) -> str:
    """What the document prints of `text`: control characters dropped, no whitespace."""
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)
    return re.sub(r"\s+", "", text)


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def hostile_meeting(ok, kb, administrator, municipality):
    municipality.name = hostile("Kommune", 100)
    municipality.save()
    ok.name = hostile("Udvalg", 100)
    ok.save()
    # The case went through KB before: its name is in "Sagsgang" and the earlier decision.
    kb.name = hostile("Byråd", 100)
    kb.abbreviation = hostile("KB", 20)
    kb.save()
    member = MemberFactory(body=ok, title=hostile("Titel", 100), name=hostile("Navn", 100))
    absent = MemberFactory(body=ok, name=hostile("Fraværende", 100))
    meeting = MeetingFactory(body=ok, date=datetime.date(2024, 3, 5), place=hostile("Sted", 200),
                             state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    Absence.objects.create(meeting=meeting, member=absent, kind=Absence.Kind.APOLOGIES)
    case = CaseFactory(number=hostile("Sag", 30), title="Sag", routing=[ok, kb])
    earlier = MeetingFactory(body=kb, date=datetime.date(2024, 2, 6),
                             state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    AgendaItemFactory(meeting=earlier, case=case, number=1, title="Sag",
                      decision=hostile("Tidligere beslutning"))  # fmt: skip
    item = AgendaItemFactory(
        meeting=meeting,
        case=case,
        number=1,
        title=hostile("Titel", 300),
        time_slot=hostile("Tid", 40),
        participants=hostile("Deltagere", 300),
        case_presentation=hostile("Sagsfremstilling"),
        policy_context=hostile("Sammenhæng"),
        financial_consequences=hostile("Økonomi"),
        legal_basis=hostile("Lovgrundlag"),
        recommended_by=hostile("Indstiller", 120),
        recommendation=hostile("Indstilling"),
        decision=hostile("Beslutning"),
    )
    item.not_participating.add(member)
    Addendum.objects.create(agenda_item=item, text=hostile("Tilføjelse"), created_by=administrator)
    AttachmentFactory(agenda_item=item, number=1, title=hostile("Bilag", 300),
                      document_number=hostile("Dok", 40))  # fmt: skip
    return meeting


def test_hostile_text_in_every_agenda_field_prints_as_text(hostile_meeting, administrator):
    content = agenda_pdf(meeting=hostile_meeting, user=administrator, public=False, minutes=True)
    text = printed(_text(content))
    item = hostile_meeting.items.get()
    earlier = item.case.agenda_items.exclude(pk=item.pk).get()
    fields = [
        Municipality.objects.get().name,
        hostile_meeting.body.name,
        earlier.meeting.body.name,
        earlier.decision,
        hostile_meeting.place,
        item.title,
        item.time_slot,
        item.participants,
        item.case_presentation,
        item.policy_context,
        item.financial_consequences,
        item.legal_basis,
        item.recommended_by,
        item.recommendation,
        item.decision,
        item.case.number,
        item.addenda.get().text,
        item.attachments.get().title,
        item.attachments.get().document_number,
        *(m.display_name for m in hostile_meeting.body.members.all()),
    ]

    for value in fields:
        assert printed(value) in text, value
    assert "root:" not in text  # /etc/passwd was not read
    assert printed("emoji 😀👍🏽 ✓ ☕") in text


def test_hostile_text_in_every_extract_field_prints_as_text(plan, au, ok, municipality):
    municipality.name = hostile("Kommune", 100)
    municipality.save()
    plan.name = hostile("Plan", 120)
    plan.save()
    au.name = hostile("Udvalg", 100)
    au.save()
    ok.abbreviation = hostile("ØK", 20)  # in "Politisk behandling"
    ok.save()
    item = ItemFactory(plan=plan, committee=au, code=hostile("Nr", 20),
                       title=hostile("Indsats", 300), process=hostile("Proces"),
                       needs_political_treatment=True)  # fmt: skip
    item.political_bodies.add(ok)
    content = extract_pdf(plan=plan, body=au, sections=extract_sections(plan=plan, body=au))
    text = printed(_text(content))

    for value in (municipality.name, plan.name, au.name, ok.abbreviation, item.code, item.title,
                  item.process):  # fmt: skip
        assert printed(value) in text, value
    assert "root:" not in text


def _structure(content: bytes) -> dict[str, list[str]]:
    """The structure tree's element types, each with the text of its marked content."""
    found: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(content)) as pdf:

        def walk(node):
            if not isinstance(node, pikepdf.Dictionary):
                return
            if "/S" in node:
                found[str(node.S)] = found.get(str(node.S), 0) + 1
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

        walk(pdf.Root.StructTreeRoot)
    return found


def _metadata(content: bytes) -> dict:
    with pikepdf.open(io.BytesIO(content)) as pdf, pdf.open_metadata() as meta:
        return {key.split("}")[-1] if "}" in key else key: meta[key] for key in meta}, {
            key.split("}")[0].lstrip("{") for key in meta
        }


def _outline(content: bytes) -> list[str]:
    def titles(entries):
        for entry in entries:
            if isinstance(entry, list):
                yield from titles(entry)
            else:
                yield str(entry.title)

    return list(titles(PdfReader(io.BytesIO(content)).outline))


@pytest.fixture
def meeting(ok, ok_members, administrator, municipality):
    meeting = MeetingFactory(body=ok, date=datetime.date(2024, 3, 5),
                             state=Meeting.State.MINUTES_APPROVED)  # fmt: skip
    for number, title in ((1, "Budgetopfølgning"), (2, "Takster for 2025")):
        item = AgendaItemFactory(meeting=meeting, number=number, title=title,
                                 case_presentation="| Tid | Punkt |\n|---|---|\n| 11.00 | Oplæg |",
                                 recommendation="Det indstilles, at sagen godkendes.")  # fmt: skip
        AttachmentFactory(agenda_item=item, number=1, title=f"Notat om {title.lower()}")
    return meeting


def test_agenda_pdf_is_tagged_with_headings_table_headers_and_a_contents(meeting, administrator):
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    structure = _structure(content)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "da"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle

    assert structure["/H1"] == 4  # two items, the attachment overview, the signature page
    assert structure["/H2"] >= 4  # "Sagsfremstilling", "Indstilling", ...
    assert structure["/TH"] == 4  # each item's time table: "Tid", "Punkt"
    assert structure["/Table"] == 2
    assert structure["/TOC"] == 1
    assert structure["/TOCI"] == 4
    assert structure["/Title"] == 1


def test_agenda_pdf_has_bookmarks_and_pdfua_metadata(meeting, administrator):
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    metadata, namespaces = _metadata(content)

    assert _outline(content) == [
        "1. Budgetopfølgning",
        "2. Takster for 2025",
        "Bilagsoversigt",
        "Underskriftsside",
    ]
    assert metadata["title"] == "Dagsorden – Økonomiudvalget tirsdag den 5. marts 2024"
    assert metadata["language"] == {"da"}
    assert metadata["part"] == "1"
    assert "http://www.aiim.org/pdfua/ns/id/" in namespaces
    assert "http://www.aiim.org/pdfa/ns/id/" not in namespaces


def test_archive_version_is_pdfa_2a_and_pdfua(meeting, administrator):
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=True,
                         archive=True)  # fmt: skip
    with pikepdf.open(io.BytesIO(content)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        # PDF/A: an output intent and every font embedded.
        assert "/OutputIntents" in pdf.Root


def test_extract_pdf_has_table_headers_bookmarks_and_archive_version(plan, au, item, municipality):
    sections = extract_sections(plan=plan, body=au)
    content = extract_pdf(plan=plan, body=au, sections=sections)
    archive = extract_pdf(plan=plan, body=au, sections=sections, archive=True)
    structure = _structure(content)

    assert structure["/TH"] >= 5  # Nr., Indsats, Tidspunkt, Politisk behandling, Status
    assert structure["/H1"] >= 1
    assert _outline(content) == [section.title for section in sections]
    with pikepdf.open(io.BytesIO(archive)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_archive_download_is_asked_for_with_arkiv(client, administrator, meeting):
    client.force_login(administrator)
    url = reverse("documents:meeting", args=[meeting.pk, "dagsorden", "intern", "pdf"])
    archive = client.get(url, {"arkiv": "1"})
    published = client.get(url)

    assert archive.status_code == 200
    assert "-arkiv.pdf" in archive["Content-Disposition"]
    assert b"pdfaid" in archive.content
    assert b"pdfaid" not in published.content


def test_front_page_has_no_empty_absentees_line(meeting, administrator):
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)

    assert "Fraværende" not in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_recommended_by_is_printed_under_the_recommendation(meeting, administrator):
    item = meeting.items.get(number=1)
    item.recommended_by = "Kommunaldirektøren"
    item.save()
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    text = " ".join(_text(content).split())

    assert (
        "Indstilling Indstillet af: Kommunaldirektøren Det indstilles, at sagen godkendes." in text
    )


def test_front_page_time_table_gives_each_items_own_time_slot(meeting, administrator):
    item = meeting.items.get(number=2)
    item.time_slot = "10.30"
    item.save()
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    first = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())

    assert "Tidsplan: 10.30 2. Takster for 2025 Indholdsfortegnelse" in first


def test_typst_runs_in_a_worker_replaced_once_past_its_memory_limit(meeting, administrator,
                                                                     monkeypatch):  # fmt: skip
    """Typst keeps what it memoized for its process's life; in a worker of its own that is
    replaced past pdf.WORKER_LIMIT, the server's memory stays flat."""
    from documents import pdf

    agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    first = pdf.worker_pid()
    assert first is not None and first != os.getpid()
    monkeypatch.setattr(pdf, "WORKER_LIMIT", 1)  # every document now leaves it too large

    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    second = pdf.worker_pid()
    again = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)

    assert second not in (None, first)  # replaced, and the next one already started
    assert pdf.worker_pid() not in (None, second)
    assert "1. Budgetopfølgning" in _text(content) and "1. Budgetopfølgning" in _text(again)


def test_a_stopped_worker_is_replaced_by_the_next_document(meeting, administrator):
    from documents import pdf

    agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)
    stopped = pdf.worker_pid()
    assert stopped is not None
    os.kill(stopped, signal.SIGKILL)
    pdf._current.process.wait()  # gone before the next document asks for it

    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=False)

    assert pdf.worker_pid() not in (None, stopped)
    assert "Underskriftsside" in _text(content)
