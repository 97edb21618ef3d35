"""FirstAgenda's meeting records (Greve, ../shared/corpus/greve-firstagenda) read into the
reader schema: golden results written by hand from the records as published."""

import json

import pytest
from jsonschema import Draft202012Validator

from reading.extract import ReadError
from reading.publications import firstagenda
from reading.reader import read_bytes, read_file
from tests.reading.files import SCHEMA as SCHEMA_PATH
from tests.reading.support.shared import record

VALIDATOR = Draft202012Validator(
    json.loads(SCHEMA_PATH.read_text(encoding="utf-8")),
    format_checker=Draft202012Validator.FORMAT_CHECKER,
)


def summary(document: dict) -> dict:
    """What a secretary checks of a reading: the meeting, and per item its number, title,
    case number, closure, section headings, decisions and number of attachments."""
    return {
        "body": document["body"],
        "document_type": document["document_type"],
        "meeting": {k: document["meeting"][k] for k in ("date", "start", "place", "absent")},
        "items": [
            (
                item["number"], item["title"], item["case_number"], item["access"],
                [section["heading"] for section in item["sections"]],
                [(d["body"], d["date"], d["text"], d["absent"]) for d in item["decisions"]],
                len(item["attachments"]),
            )
            for item in document["items"]
        ],
    }  # fmt: skip


CLOSED_SALE = {
    "body": "Økonomiudvalget",
    "document_type": "referat",
    "meeting": {
        "date": "2025-06-25", "start": "16:15", "place": "Biblioteket EO",
        "absent": ["Liselott Blixt", "Mehmet Zeki Dogru"],
    },
    "items": [
        (1, "Godkendelse af dagsorden", None, "open", ["Sagsprocedure", "Resume", "Indstilling"],
         [("Økonomiudvalget", "2025-06-25", "Godkendt.",
           ["Liselott Blixt", "Mehmet Zeki Dogru"])], 0),
        # Printed "Lukket: Salg af Hundige Bygade - Valg af køber": its HTML is the decision.
        (2, "Salg af Hundige Bygade - Valg af køber", "25-003374", "closed", [],
         [("Økonomiudvalget", "2025-06-25",
           "Økonomiudvalget anbefaler overfor Byrådet, at administrationens indstilling "
           "godkendes.", ["Liselott Blixt", "Mehmet Zeki Dogru"])], 0),
        (3, "Underskriftsark", None, "open", ["Sagsprocedure", "Resume"],
         [("Økonomiudvalget", "2025-06-25", "", ["Liselott Blixt", "Mehmet Zeki Dogru"])], 0),
    ],
}  # fmt: skip


def test_a_closed_item_is_read_from_its_printed_title_not_from_is_open():
    """Every item of the record says IsOpen false; only "Lukket: " in the title closes one."""
    raw = json.loads(record("oekonomiudvalget-2025-06-25").read_bytes())
    assert {item["IsOpen"] for item in raw["Dagsordenpunkter"]} == {False}

    assert summary(read_file(record("oekonomiudvalget-2025-06-25"))) == CLOSED_SALE


def test_the_cases_earlier_decisions_come_from_sagens_forloeb_with_their_absentees():
    document = read_file(record("klima-teknik-og-miljoeudvalget-2023-11-16"))
    item = document["items"][1]

    assert (item["number"], item["title"], item["case_number"], item["access"]) == (
        2, "Delegationsplan for Greve Kommune, opdatering", "23-006543", "open",
    )  # fmt: skip
    assert [(d["body"], d["date"], d["text"], d["absent"]) for d in item["decisions"]] == [
        ("Sundheds- og Omsorgsudvalget", "2023-11-13", "Anbefales.", ["Lone Mortensen"]),
        ("Skole-, Børne- og Ungeudvalget", "2023-11-14", "Anbefales.", []),
        ("Plan- og Tryghedsudvalget", "2023-11-14", "Anbefales.", []),
        ("Kultur- og Fritidsudvalget", "2023-11-15", "Anbefales.", ["Maria Witthøft"]),
        ("Klima-, Teknik- og Miljøudvalget", "2023-11-16", "Anbefales.", []),
    ]
    assert [s["heading"] for s in item["sections"]] == [
        "Sagsprocedure", "Resume", "Indstilling", "Sagsbeskrivelse", "Lovgrundlag",
        "Økonomiske konsekvenser", "Kommunikation",
    ]  # fmt: skip
    assert item["sections"][2]["text"] == (
        "Administrationen indstiller, at den opdaterede delegationsplan for Greve Kommune "
        "(bilag 2) godkendes."
    )
    assert [a["title"] for a in item["attachments"]][:2] == [
        "Bilag 1. Delegationsplan 2023 med vis ændringer.docx",
        "Bilag 2. Tilpasset delegationsplan 2023",
    ]


def test_a_period_in_the_systems_body_name_is_not_another_body():
    """Sagens forløb prints "Byråd 2022-2025" and "Økonomiudvalget 2022": the same bodies."""
    document = read_file(record("klima-teknik-og-miljoeudvalget-2023-11-16"))
    bodies = {d["body"] for item in document["items"] for d in item["decisions"]}
    assert "Byråd" in bodies
    assert not [body for body in bodies if body[-1].isdigit()]


def test_older_records_with_h2_headings_and_spans_read_the_same_sections():
    document = read_file(record("social-og-handicapudvalget-2022-08-15"))
    item = document["items"][3]
    assert item["title"].startswith("Orientering om handleplan for bæredygtig")
    assert [s["heading"] for s in item["sections"]][:4] == [
        "Sagsprocedure", "Resume", "Indstilling", "Sagsbeskrivelse",
    ]  # fmt: skip
    assert item["decisions"][0]["text"] == "Orienteringen blev taget til efterretning"
    assert item["decisions"][0]["absent"] == ["Heidi Serny Jacobsen"]
    assert "Heidi Serny Jacobsen" in document["meeting"]["absent"]


def test_a_meeting_with_closed_items_and_absentees_at_another_body():
    document = read_file(record("sundheds-og-omsorgsudvalget-2022-03-14"))
    assert (document["body"], document["meeting"]["date"], document["meeting"]["start"]) == (
        "Sundheds- og Omsorgsudvalget", "2022-03-14", "15:30",
    )  # fmt: skip
    assert [(i["number"], i["access"]) for i in document["items"]] == [
        (1, "open"), (2, "open"), (3, "open"), (4, "open"), (5, "closed"), (6, "open"),
        (7, "open"), (8, "open"), (9, "open"),
    ]  # fmt: skip
    closed = document["items"][4]
    assert (closed["title"], closed["case_number"], closed["sections"]) == (
        "Henvendelser til formanden", "21-016092", [],
    )  # fmt: skip
    assert closed["decisions"][0]["text"] == "Orienteringen blev taget til efterretning."
    assert document["items"][0]["decisions"][0]["text"] == (
        "Godkendt med bemærkning om at sag nr. 3 tages af dagsordenen."
    )


@pytest.mark.parametrize(
    "name",
    ["oekonomiudvalget-2025-06-25", "klima-teknik-og-miljoeudvalget-2023-11-16",
     "kultur-og-fritidsudvalget-2022-01-12"],
)  # fmt: skip
def test_the_reading_is_schema_valid(name):
    document = read_file(record(name))
    assert [e.message for e in VALIDATOR.iter_errors(document)] == []


def test_the_record_is_recognised_by_its_content_whatever_its_name():
    data = record("oekonomiudvalget-2025-06-25").read_bytes()
    assert summary(read_bytes(data, "upload.txt")) == CLOSED_SALE


def test_a_record_without_items_says_no_items_were_found():
    document = firstagenda.read_record(
        {"Udvalg": {"Navn": "Økonomiudvalget"}, "Moede": {"Dato": "2025-06-25T16:15:00+02:00"},
         "Dagsordenpunkter": []}, "tom.json",
    )  # fmt: skip
    assert document["items"] == []
    assert "Kursen fandt ingen punkter i dokumentet." in document["warnings"]


def test_json_that_is_not_a_meeting_record_is_refused_in_danish():
    with pytest.raises(ReadError) as error:
        firstagenda.read_bytes(b'{"Udvalg": []}', "liste.json")
    assert "FirstAgenda" in error.value.message


def test_other_json_is_refused_in_danish_instead_of_read_as_one_item_of_text():
    """The service's list of bodies is JSON too; read as text it became one item."""
    listing = json.dumps({"Udvalg": {"Aktuelle politiske udvalg": [{"Navn": "Økonomiudvalget"}]}})
    with pytest.raises(ReadError) as error:
        read_bytes(listing.encode(), "udvalgsliste.json")
    assert "ikke et møde fra FirstAgenda" in error.value.message
