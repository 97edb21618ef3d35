"""SBSYS publication archives (../shared/corpus/sbsys: Ballerup, Region Hovedstaden) read
into the reader schema: golden results written by hand from the XML."""

import io
import zipfile

import pytest

from reading.extract import ReadError
from reading.reader import read_bytes, read_file
from tests.reading.support.shared import SBSYS, need


def archive(name: str):
    return need(SBSYS) / name


def test_ballerups_agenda_reads_meeting_items_sections_and_attachments():
    document = read_file(archive("Publication32.zip"))

    assert (document["body"], document["document_type"]) == ("KMB IT-udvalget", "dagsorden")
    assert document["meeting"] | {"members": len(document["meeting"]["members"])} == {
        "date": "2013-05-15", "start": "16:30", "end": "18:00",
        "place": "Mødecenter A, Lokale 3 på Ballerup Rådhus", "members": 11, "absent": [],
    }  # fmt: skip
    items = document["items"]
    assert [(i["number"], i["title"], i["access"], i["case_number"]) for i in items] == [
        (1, "Meddelelser", "open", None),
        (2, "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018",
         "open", None),
        (3, "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)", "open", None),
        (4, "Regler for indkøb af it-udstyr", "open", None),
        (5, "Status på eDagsorden", "open", None),
    ]  # fmt: skip
    sapa = document["items"][2]
    assert [s["heading"] for s in sapa["sections"]] == [
        "Sammendrag", "Baggrund", "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering", "Beslutningen træffes af", "Indstilling",
    ]  # fmt: skip
    assert (
        sapa["sections"][3]["text"]
        == "De økonomiske konsekvenser af tilslutningen er endnu ikke kendt."
    )
    assert sapa["decisions"] == []  # an agenda: the Beslutning fields are empty
    assert sapa["attachments"] == [
        {"number": 1, "title": "Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud",
         "access": "open", "document_number": None},
    ]  # fmt: skip
    assert document["items"][1]["sections"][0] == {
        "heading": "Tidligere behandling", "text": "KMB IT-udvalget den 5. december 2012 Punkt 3",
    }  # fmt: skip


def test_region_hovedstadens_draft_reads_earlier_decisions_and_withheld_attachments():
    document = read_file(archive("Publication553.zip"))

    assert (document["body"], document["meeting"]["date"], document["meeting"]["place"]) == (
        "Forretningsudvalget", "2012-09-25", "H2",
    )  # fmt: skip
    first = document["items"][0]
    assert first["sections"][0]["heading"] == "Punktet behandlet tidligere"
    # The field holds the decision of 18 September and an empty heading for this meeting.
    assert first["decisions"] == [
        {"body": "Forretningsudvalget", "date": "2012-09-18",
         "text": "Sagen udsat til behandling på ekstraordinært forretningsudvalgsmøde den 25. "
                 "september, såfremt godkendelse fra Økonomi- og Indenrigsministeriet foreligger "
                 "forinden.",
         "absent": ["Julie Herdal Molbech (F)"]},
    ]  # fmt: skip
    assert document["items"][2]["decisions"] == []  # "Tomt indhold"
    movia = document["items"][3]
    assert [(a["number"], a["access"]) for a in movia["attachments"]] == [
        (1, "open"), (2, "open"), (3, "closed"), (4, "open"), (5, "open"),
    ]  # fmt: skip
    # 11 of the 14 enclosures the XML lists are not in the archive: said, not hidden.
    missing = [w for w in document["warnings"] if "er ikke i arkivet" in w]
    assert len(missing) == 10  # the withheld one (12.pdf) is absent on purpose


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in files.items():
            out.writestr(name, data)
    return buffer.getvalue()


PUBLICATION = """<?xml version="1.0" encoding="utf-8"?>
<Publication><Agendas><Agenda ID="1"><Name>Dagsorden</Name>
<Meeting ID="1"><When>03-03-2026 15:00:00</When><Until></Until><Where>Byrådssalen</Where>
</Meeting><Committee ID="1"><Name>Socialudvalget</Name></Committee>
<Items><Item ID="1"><Number>1</Number><Caption>Køb af ejendom</Caption>
<IsPublic>{public}</IsPublic><Case ID="1"><Number>24/1234</Number></Case><Fields/></Item>
</Items></Agenda></Agendas></Publication>"""


@pytest.mark.parametrize(
    ("public", "access"), [("True", "open"), ("False", "closed"), ("", "closed")]
)
def test_an_item_is_open_only_when_the_publication_says_it_is_public(public, access):
    data = _zip({"Publication1/Publication1.xml": PUBLICATION.format(public=public).encode()})
    item = read_bytes(data, "udgivelse.zip")["items"][0]
    assert (item["access"], item["case_number"]) == (access, "24/1234")
    assert item["confidence"] == (0.5 if public == "" else 1.0)


def test_an_archive_with_entity_declarations_is_refused_in_danish():
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Publication>&a;</Publication>'
    with pytest.raises(ReadError) as error:
        read_bytes(_zip({"P/Publication1.xml": xml}), "udgivelse.zip")
    assert "erklæringer" in error.value.message


def test_a_zip_without_a_publication_is_still_refused_as_before():
    with pytest.raises(ReadError) as error:
        read_bytes(_zip({"noter.txt": b"hej"}), "arkiv.zip")
    assert "zip" in error.value.message
