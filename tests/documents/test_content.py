"""The agenda's PDF and Word documents print the same prepared content: what a user noticed
missing (Indstillet af, the items' time slots) in both, and no empty "Fraværende" line."""

import datetime
import io

import docx
import pytest
from pypdf import PdfReader

from documents.agenda import agenda_docx, agenda_pdf
from meetings.models import Absence
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def meeting(ok, ok_members, municipality):
    meeting = MeetingFactory(body=ok, date=datetime.date(2024, 3, 5))
    AgendaItemFactory(meeting=meeting, number=1, title="Budgetopfølgning", time_slot="9.30",
                      recommended_by="Kommunaldirektøren",
                      recommendation="Det indstilles, at sagen godkendes.")  # fmt: skip
    AgendaItemFactory(meeting=meeting, number=2, title="Eventuelt", recommendation="")
    return meeting


def _both(meeting, user):
    arguments = {"meeting": meeting, "user": user, "public": False, "minutes": False}
    pdf = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(agenda_pdf(**arguments))).pages
    )
    word = [p.text for p in docx.Document(io.BytesIO(agenda_docx(**arguments))).paragraphs]
    return pdf, word


def test_both_documents_print_indstillet_af_and_the_time_table(meeting, administrator):
    pdf, word = _both(meeting, administrator)

    assert "Indstilling Indstillet af: Kommunaldirektøren Det indstilles" in pdf
    assert "Tidsplan: 9.30 1. Budgetopfølgning" in pdf
    index = word.index("Indstilling")
    assert word[index + 1 : index + 3] == [
        "Indstillet af: Kommunaldirektøren",
        "Det indstilles, at sagen godkendes.",
    ]
    assert "Tidsplan:\t9.30 1. Budgetopfølgning" in word


def test_no_absentees_line_without_absentees_and_one_with_them(meeting, administrator, ok_members):
    pdf, word = _both(meeting, administrator)

    assert "Fraværende" not in pdf
    assert not [text for text in word if text.startswith("Fraværende")]
    Absence.objects.create(meeting=meeting, member=ok_members[0], kind=Absence.Kind.APOLOGIES)
    pdf, word = _both(meeting, administrator)

    assert f"Fraværende: {ok_members[0].display_name} (Afbud)" in pdf
    assert f"Fraværende:\t{ok_members[0].display_name} (Afbud)" in word
