"""Control characters pasted into any field (Word's soft line break above all) never break a
.docx or PDF: lxml refuses XML-invalid characters, so the documents clean every string first."""

import datetime
import io
import zipfile

import docx
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from documents.agenda import agenda_docx, agenda_pdf
from documents.common import xml_text
from documents.extract import extract_docx
from meetings.models import Absence, Addendum, Meeting
from plans.selectors import extract_sections
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db

# Every C0 control character; PostgreSQL cannot store NUL, so it never reaches a document there.
ALL_CONTROLS = "".join(chr(c) for c in range(32)) + "\x7f"


def controls() -> str:
    return ALL_CONTROLS if connection.vendor != "postgresql" else ALL_CONTROLS.replace("\x00", "")


def dirty(text: str) -> str:
    """'Text før<every control>efter': each field carries every control character."""
    return f"{text} før{controls()}efter"


def short(text: str) -> str:
    """Every control character within a 40-character field (case and document numbers)."""
    return f"{text}{controls()}"[:40]


@pytest.fixture
def meeting(ok, kb, administrator, municipality):
    ok.name = dirty("Økonomiudvalget")
    ok.save()
    municipality.name = dirty("Norddjurs Kommune")
    municipality.save()
    member = MemberFactory(
        body=ok, name=dirty("Anette Ruby Liebe"), title=dirty("Formand"), party="A"
    )
    absent = MemberFactory(body=ok, name=dirty("Jens Meilvang"), party="I")
    meeting = MeetingFactory(
        body=ok,
        date=datetime.date(2023, 11, 22),
        place=dirty("Rådhuset"),
        state=Meeting.State.MINUTES_APPROVED,
    )
    Absence.objects.create(meeting=meeting, member=absent, kind=Absence.Kind.APOLOGIES)
    case = CaseFactory(number=short("23/291"), title=dirty("Udmøntningsplan"), routing=[ok, kb])
    earlier = MeetingFactory(
        body=kb, date=datetime.date(2023, 11, 1), state=Meeting.State.MINUTES_APPROVED
    )
    AgendaItemFactory(meeting=earlier, case=case, number=1, decision=dirty("Anbefales"))
    item = AgendaItemFactory(
        meeting=meeting,
        case=case,
        number=1,
        title=f"Styrket indsats\x0bpå to linjer{controls()}",
        time_slot=short("11.00"),
        participants=dirty("Økonomichef Bettina Andersen deltager"),
        case_presentation=dirty("Sagsfremstillingen"),
        policy_context=dirty("Politikken"),
        financial_consequences=dirty("Ingen"),
        legal_basis=dirty("Loven"),
        recommended_by=dirty("Direktionen"),
        recommendation=dirty("Det indstilles"),
        decision=dirty("Godkendt"),
    )
    item.not_participating.add(member)
    Addendum.objects.create(
        agenda_item=item, text=dirty("Tidsplanen er rettet"), created_by=administrator
    )
    AttachmentFactory(
        agenda_item=item, number=1, title=dirty("Notat"), document_number=short("116728/23")
    )
    return meeting


def body_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def package_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))


def test_xml_text_keeps_a_soft_line_break_as_a_line_break_and_drops_the_rest():
    assert xml_text("Punkt\x0bnæste linje") == "Punkt\nnæste linje"
    assert xml_text(f"a{ALL_CONTROLS}b") == "a\t\n\n\n\r\x7fb"  # tab, VT, FF, LF, CR and DEL stay


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("minutes", [False, True])
def test_every_control_character_in_every_field_gives_a_readable_docx(
    meeting, administrator, public, minutes
):
    content = agenda_docx(meeting=meeting, user=administrator, public=public, minutes=minutes)

    text = body_text(content)
    # The soft line break became a line break: the words on either side are both there.
    assert "Styrket indsats\npå to linjer" in text
    assert "Rådhuset før" in text
    if minutes:
        assert "Godkendt før" in text
    assert not any(ch in package_xml(content) for ch in "\x00\x01\x08\x0b\x1f")


def test_every_control_character_gives_a_pdf(meeting, administrator):
    content = agenda_pdf(meeting=meeting, user=administrator, public=False, minutes=True)
    assert content.startswith(b"%PDF")


def test_public_docx_of_the_portal_is_served_with_a_soft_line_break_in_the_title(meeting):
    cache.clear()
    url = reverse("portal:meeting_document", args=[meeting.pk, "dagsorden", "docx"])

    response = Client(raise_request_exception=False).get(url)

    assert response.status_code == 200
    assert "Styrket indsats\npå to linjer" in body_text(response.content)


def test_the_plan_extract_docx_takes_control_characters_in_every_item_field(item, au, plan):
    for name in ("title", "process", "timing"):
        if hasattr(item, name):
            setattr(item, name, dirty(getattr(item, name) or "x"))
    item.save()
    plan.name = dirty(plan.name)
    plan.save()
    au.name = dirty(au.name)
    au.save()

    content = extract_docx(plan=plan, body=au, sections=extract_sections(plan=plan, body=au))

    xml = package_xml(content)
    assert "Styrket virksomhedsrettet indsats før" in xml
