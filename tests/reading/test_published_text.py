"""The text reader on real published material: every Greve FirstAgenda record printed as its
publication prints it (tests/reading/support/render.py: the forms of the big systems, page
furniture on every page), read back and compared with the record's own structure."""

import json
import re

import pytest

from reading.reader import read_bytes, read_file
from tests.reading.support.compare import compare, mismatches
from tests.reading.support.render import as_html, as_pdf, as_text
from tests.reading.support.shared import FIRSTAGENDA, firstagenda_files, need

# What render.py prints on every page: running head, page counter, the system's name.
FURNITURE = re.compile(
    r"^(?:FirstAgenda|.+ - Referat - [\d.]{10}|Side \d+ af \d+|\d+ (?:af|of) \d+)$"
)


def _read_all(render, suffix, files):
    total = {}
    failures = []
    for path in files:
        record = json.loads(path.read_bytes())
        truth = read_file(path)
        reading = read_bytes(render(record).encode(), f"{path.stem}{suffix}")
        counts = compare(truth, reading)
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        # What must hold of every meeting, not only on the whole:
        numbers = [item["number"] for item in reading["items"]]
        if counts["closed_read_open"]:
            failures.append(f"{path.name}: et lukket punkt er læst som åbent")
        if numbers != sorted(numbers):
            failures.append(f"{path.name}: numrene er ikke i orden: {numbers}")
        if (
            reading["body"] != truth["body"]
            or reading["meeting"]["date"] != truth["meeting"]["date"]
        ):
            failures.append(f"{path.name}: udvalg/dato {reading['body']} {reading['meeting']}")
        texts = [
            part["text"]
            for item in reading["items"]
            for part in item["sections"] + item["decisions"]
        ]
        for line in "\n".join(texts).split("\n"):
            if FURNITURE.match(line.strip()):
                failures.append(f"{path.name}: sidens inventar i teksten: {line!r}")
    return total, failures


def _share(total, key):
    return total[key] / total["items"]


def test_printed_minutes_read_back_to_the_records_structure():
    files = firstagenda_files() or need(FIRSTAGENDA)
    total, failures = _read_all(as_text, ".txt", files)

    assert failures == []
    assert total["closed_read_open"] == 0
    assert _share(total, "found") >= 0.99
    assert _share(total, "title") >= 0.99
    assert _share(total, "case_number") >= 0.99
    assert _share(total, "decisions") >= 0.98
    # Closure: FirstAgenda's name in the footer says it marks closed items only.
    assert _share(total, "access") >= 0.99


def test_published_html_pages_read_back_to_the_records_structure():
    files = (firstagenda_files() or [need(FIRSTAGENDA)])[::5]
    total, failures = _read_all(as_html, ".html", files)

    assert failures == []
    assert total["closed_read_open"] == 0
    assert _share(total, "found") >= 0.99
    assert _share(total, "decisions") >= 0.97
    # No footer on a web page: an unmarked item of a meeting without closed items is read
    # closed until a person says otherwise.
    assert 0.5 <= _share(total, "access") < 1


def test_a_mismatch_is_reported_item_by_item():
    """The comparison can fail: a reading with a closed item opened and a title changed."""
    path = need(FIRSTAGENDA) / "oekonomiudvalget-2025-06-25.json"
    truth = read_file(path)
    wrong = json.loads(json.dumps(truth))
    wrong["items"][1]["access"] = "open"
    wrong["items"][0]["title"] = "Noget andet"
    counts = compare(truth, wrong)
    assert counts["closed_read_open"] == 1
    assert counts["title"] == len(truth["items"]) - 1
    assert len(mismatches(truth, wrong)) == 2


@pytest.mark.parametrize(
    "name", ["oekonomiudvalget-2025-06-25", "sundheds-og-omsorgsudvalget-2022-03-14"]
)
def test_the_printed_form_of_a_meeting_reads_like_the_record(name):
    path = need(FIRSTAGENDA) / f"{name}.json"
    truth = read_file(path)
    reading = read_bytes(as_text(json.loads(path.read_bytes())).encode(), f"{name}.txt")
    assert mismatches(truth, reading) == []


@pytest.mark.parametrize(
    "name", ["oekonomiudvalget-2025-06-25", "sundheds-og-omsorgsudvalget-2022-03-14"]
)
def test_a_printed_pdf_with_margin_furniture_reads_like_the_record(name):
    """A real PDF (tests/reading/support/foreign.py): running head, "Side 1 af 8" and
    "FirstAgenda" in the margins come out of pypdf together at each page's end, and are
    dropped."""
    path = need(FIRSTAGENDA) / f"{name}.json"
    truth = read_file(path)
    reading = read_bytes(as_pdf(json.loads(path.read_bytes())), f"{name}.pdf")
    assert mismatches(truth, reading) == []
    assert "Side 1 af" not in json.dumps(reading, ensure_ascii=False)
