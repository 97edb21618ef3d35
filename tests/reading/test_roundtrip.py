"""Kursen's own agenda and minutes PDFs read back by the reader give the structure they print.

The meeting has a dozen items: open and closed ones, a case decided earlier by another body,
attachments open and closed, decisions with absentees, a title long enough to wrap. Each PDF
costs about a second, so the four versions (internal and public agenda and minutes) are
rendered once per module.
"""

import datetime
import re

import pytest

from documents.agenda import agenda_pdf, build_agenda
from meetings.models import Absence, Addendum, Meeting
from organisation.models import Body
from reading.reader import read_bytes
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    BodyFactory,
    CaseFactory,
    MeetingFactory,
    MemberFactory,
)

PRESENTATION = """\
Der er udarbejdet udmøntningsplan for budget 2024-2027, og planen fremlægges til drøftelse.

- Gennemgang af beslutningsprotokol for
  - Børne- og Ungdomsudvalgsmøde d. 16. november
  - Miljø- og Teknikudvalgsmøde d. 20. november
- Kommende politiske møder

| Tid | Punkt |
|---|---|
| 11.00 | Behandling af oplæg til udmøntningsplan |
| 12.30-13.00 | Dialogmøde med sundheds- og omsorgschefen |"""


# Wraps onto a second line in the PDF's item heading (and in its table of contents).
LONG_TITLE = (
    "Udmøntningsplan 2019-2022 for Arbejdsmarkedsudvalgets område, herunder indsatserne i "
    "jobcentret og ungeindsatsen"
)


@pytest.fixture
def roundtrip_meeting(ok, au, administrator, municipality):
    kb = BodyFactory(name="Kommunalbestyrelsen", abbreviation="KB", kind=Body.Kind.COUNCIL)
    members = [
        MemberFactory(body=ok, title="Kommunaldirektør", name="Jonas Kroustrup", party=""),
        MemberFactory(body=ok, title="", name="Anette Ruby Liebe", party="A"),
        MemberFactory(body=ok, title="", name="Jens Meilvang", party="I"),
    ]
    meeting = MeetingFactory(
        body=ok,
        date=datetime.date(2023, 11, 22),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 0),
        place="Mødelokale 250, rådhuset",
        state=Meeting.State.MINUTES_APPROVED,
    )
    Absence.objects.create(meeting=meeting, member=members[1], kind=Absence.Kind.APOLOGIES)
    case = CaseFactory(number="23/291", title="Udmøntningsplan 2024-2027", routing=[au, ok, kb])
    earlier_meeting = MeetingFactory(
        body=au, date=datetime.date(2023, 11, 1), state=Meeting.State.MINUTES_APPROVED
    )
    AgendaItemFactory(
        meeting=earlier_meeting, case=case, number=1, title=case.title,
        decision="Anbefales af Arbejdsmarkedsudvalget.",
    )  # fmt: skip
    first = AgendaItemFactory(
        meeting=meeting,
        case=case,
        number=1,
        title="Udmøntningsplan 2024-2027",
        case_presentation=PRESENTATION,
        financial_consequences="Ingen.",
        recommendation="Kommunaldirektøren indstiller, at planen godkendes.",
        decision="Godkendt med en bemærkning om tidsplanen.",
        time_slot="11.00",
        participants="Økonomichef Bettina Andersen deltager under punktet.",
    )
    first.not_participating.add(members[2])
    Addendum.objects.create(agenda_item=first, text="Tidsplanen er rettet.",
                            created_by=administrator)  # fmt: skip
    AttachmentFactory(agenda_item=first, number=1, title="Notat om tidsplan",
                      document_number="116728/23")  # fmt: skip
    AttachmentFactory(agenda_item=first, number=2, title="Personaleoversigt 2024",
                      document_number="424242/23", closed=True)  # fmt: skip
    for number in range(2, 13):
        closed = number in (5, 9)
        item_case = CaseFactory(number=f"23/{500 + number}", title=f"Sag om emne {number}",
                                closed=closed, routing=[ok])  # fmt: skip
        item = AgendaItemFactory(
            meeting=meeting,
            case=item_case,
            number=number,
            title=LONG_TITLE if number == 7 else f"Orientering om emne nummer {number}",
            case_presentation=f"Administrationen orienterer om emne {number}.\n\n"
            "Orienteringen omfatter økonomi og tidsplan for det videre arbejde.",
            recommendation=f"Direktionen indstiller, at orienteringen om emne {number} tages til"
            " efterretning.",
            decision=f"Taget til efterretning ({number}).",
        )
        if number % 3 == 0:
            AttachmentFactory(agenda_item=item, number=1, title=f"Bilag til emne {number}",
                              document_number=f"1{number:02d}000/23")  # fmt: skip
    return meeting


WORD = re.compile(r"[^\W_]+")
DECISION = re.compile(
    r"^Beslutning i (?P<body>.+) den (?P<day>\d{2})-(?P<month>\d{2})-(?P<year>\d{4})$"
)
NOT_PARTICIPATING = re.compile(r"^(?P<who>.+) deltog ikke under behandling af punktet\.$")


def words(text: str) -> list[str]:
    """Text compared by its words: a PDF keeps the words, not the line breaks or table rules."""
    return WORD.findall(text)


def expected_document(agenda) -> dict:
    """What the reader should find, from the prepared model both PDF versions print."""
    facts = dict(agenda.facts)
    items = []
    for view in agenda.items:
        item = {
            "number": view.number, "title": view.title, "case_number": None,
            "access": "closed" if view.redacted or view.meta.startswith("Lukket") else "open",
            "routing": [], "sections": [], "decisions": [], "attachments": [],
        }  # fmt: skip
        match = re.search(r"Sagsnr\. (\S+)", view.meta)
        if match:
            item["case_number"] = match[1]
        for part in view.parts:
            decision = DECISION.match(part.heading)
            if part.heading == "Sagsgang":
                item["routing"] = part.text.split(", ")
            elif decision:
                absent = [NOT_PARTICIPATING.match(n)["who"] for n in part.notes
                          if NOT_PARTICIPATING.match(n)]  # fmt: skip
                notes = [n for n in part.notes if not NOT_PARTICIPATING.match(n)]
                item["decisions"].append({
                    "body": decision["body"],
                    "date": f"{decision['year']}-{decision['month']}-{decision['day']}",
                    "text": words(" ".join([part.text, *notes])),
                    "absent": absent + part.apologies,
                })  # fmt: skip
            else:
                text = " ".join([part.text, *part.notes])
                item["sections"].append({"heading": part.heading, "text": words(text)})
        for line in view.attachments:
            item["attachments"].append({
                "number": line.number, "title": line.title or None,
                "access": "closed" if line.closed else "open",
                "document_number": line.document_number or None,
            })  # fmt: skip
        items.append(item)
    return {
        "document_type": agenda.kind.lower(),
        "body": agenda.body,
        "meeting": {
            "date": "2023-11-22",
            "start": "09:00",
            "end": "17:00",
            "place": facts["Sted"][0],
            "members": facts["Medlemmer"],
            "absent": facts["Fraværende"],
        },  # fmt: skip
        "items": items,
    }


def as_read(document: dict) -> dict:
    """The reader's output in the comparable shape: section and decision texts as words."""
    items = []
    for item in document["items"]:
        item = dict(item)
        assert item.pop("subject_code") is None
        assert item.pop("confidence") == 1.0  # Kursen's own print reads without a doubt
        item["sections"] = [
            {"heading": s["heading"], "text": words(s["text"])} for s in item["sections"]
        ]
        item["decisions"] = [dict(d, text=words(d["text"])) for d in item["decisions"]]
        items.append(item)
    return {
        "document_type": document["document_type"],
        "body": document["body"],
        "meeting": document["meeting"],
        "items": items,
    }


@pytest.mark.parametrize(
    ("minutes", "public"), [(True, False), (True, True), (False, False), (False, True)]
)
def test_kursen_pdf_reads_back_to_the_structure_it_prints(
    roundtrip_meeting, administrator, minutes, public
):
    arguments = {"meeting": roundtrip_meeting, "user": administrator, "public": public,
                 "minutes": minutes}  # fmt: skip
    agenda = build_agenda(**arguments)
    document = read_bytes(agenda_pdf(**arguments), "dokument.pdf")

    assert as_read(document) == expected_document(agenda)
    # The fixture is what the test says it is: closed items and attachments, earlier decisions.
    items = document["items"]
    assert len(items) == 12
    assert [i["number"] for i in items if i["access"] == "closed"] == [5, 9]
    assert items[6]["title"] == LONG_TITLE
    assert any(a["access"] == "closed" for a in items[0]["attachments"])
    assert items[0]["decisions"][0]["body"] == "Arbejdsmarkedsudvalget"
    if public:
        assert items[4]["sections"] == [] and items[4]["case_number"] is None
        assert items[0]["attachments"][1]["title"] is None
        assert "Personaleoversigt" not in str(document)
    else:
        assert items[4]["case_number"] == "23/505" and items[4]["sections"]
        assert items[0]["attachments"][1]["document_number"] == "424242/23"
    if minutes:
        assert items[0]["decisions"][-1]["absent"] == ["Jens Meilvang (I)", "Anette Ruby Liebe (A)"]
    assert not [w for w in document["warnings"] if not w.startswith("Intern udgave")]
