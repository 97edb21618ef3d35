"""Every real published meeting in ../shared/corpus read by the reader: what must hold of
each, whatever the meeting (items found and numbered in order, every closed item closed, no
page furniture in the text, body and date found)."""

import json
import re
import xml.etree.ElementTree as ElementTree
import zipfile

import pytest

from reading.reader import read_file
from tests.reading.support.shared import each, firstagenda_files, sbsys_files

FURNITURE = re.compile(
    r"^(?:Side \d+ af \d+|\d+ (?:af|of) \d+|FirstAgenda|Prepare|SBSYS)$", re.MULTILINE
)


def check(document: dict, closed_numbers: set[int], count: int) -> None:
    items = document["items"]
    assert len(items) == count
    numbers = [item["number"] for item in items]
    assert None not in numbers
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert {i["number"] for i in items if i["access"] == "closed"} >= closed_numbers
    assert document["body"]
    assert document["meeting"] and document["meeting"]["date"]
    for item in items:
        assert item["title"]
        for part in [*item["sections"], *item["decisions"]]:
            assert not FURNITURE.search(part["text"]), part["text"][:200]
        for decision in item["decisions"]:
            assert decision["body"] and decision["date"]
            assert not any(name.startswith(("Afbud", "Fraværende")) for name in decision["absent"])
            assert "Afbud:" not in decision["text"] and "Fraværende:" not in decision["text"]


@pytest.mark.parametrize("path", each(firstagenda_files()))
def test_every_firstagenda_record(path):
    raw = json.loads(path.read_bytes())
    closed = {
        int(item["Number"]) for item in raw["Dagsordenpunkter"] if item["Navn"].startswith("Lukket")
    }
    document = read_file(path)
    check(document, closed, len(raw["Dagsordenpunkter"]))
    for item in document["items"]:
        assert not item["title"].startswith("Lukket")
        if item["access"] == "closed":
            assert item["number"] in closed  # and no open item read as closed
            assert item["attachments"] == [] and item["sections"] == []


@pytest.mark.parametrize("path", each(sbsys_files()))
def test_every_sbsys_archive(path):
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".xml"))
        root = ElementTree.fromstring(archive.read(name))
    raw = root.findall("Agendas/Agenda/Items/Item")
    closed = {int(i.findtext("Number")) for i in raw if i.findtext("IsPublic") != "True"}
    check(read_file(path), closed, len(raw))
