"""Lines a PDF's narrow column breaks: decision headings, attachment lines and item titles
continued on the next line are read as one; other forms of the same headings and fields."""

import json
from pathlib import Path

import pytest

from reading.coverage import word_coverage
from reading.reader import read_bytes, read_text
from tests.reading.files import seed
from tests.reading.support.foreign import html_pdf

GOLDEN = Path(__file__).parent / "golden"


def _golden(number: str) -> dict:
    return json.loads((GOLDEN / f"{number}.json").read_text(encoding="utf-8"))


def _seed_with(number: str, old: str, new: str) -> str:
    text = seed(number).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- Seed 002 with its lines broken as a PDF breaks them --------------------------------------


def test_decision_heading_wrapped_before_its_date_keeps_the_decision():
    text = _seed_with(
        "002",
        "Beslutning i Kommunalbestyrelsen den 13-12-2022 \n",
        "Beslutning i Kommunalbestyrelsen den \n\n13-12-2022 \n",
    )
    document = read_text(text, "002.txt")
    assert document["items"] == _golden("002")["items"]
    assert document["warnings"] == _golden("002")["warnings"]


def test_decision_heading_wrapped_inside_the_body_name_keeps_the_decision():
    text = _seed_with(
        "002",
        "Beslutning i Økonomiudvalget den 06-12-2022 \n",
        "Beslutning i \n\nØkonomiudvalget den 06-12-2022 \n",
    )
    assert read_text(text, "002.txt")["items"] == _golden("002")["items"]


def test_wrapped_attachment_line_keeps_its_title_and_document_number():
    text = _seed_with(
        "002",
        "1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK og KB i december (151433/22) (H) \n",
        "1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK og KB i \n\ndecember (151433/22) (H) \n",
    )
    document = read_text(text, "002.txt")
    assert document["items"][0]["attachments"] == _golden("002")["items"][0]["attachments"]
    assert document["warnings"] == _golden("002")["warnings"]


# -- Text as pypdf gives it: no blank lines at all ---------------------------------------------

PDF_TEXT = """\
Økonomiudvalget
BESLUTNINGSPROTOKOL
Sted: Mødelokale 250, rådhuset
Dato: Onsdag den 22. november 2023
{time}
Medlemmer: Anette Ruby Liebe (A)
Fraværende:
1. Udmøntningsplan 2019-2022 for
Arbejdsmarkedsudvalgets område
Åben sag · Sagsnr. 23/291
Sagsgang
AU, ØK
Sagsfremstilling
Der er udarbejdet en plan.
Beslutning i Arbejdsmarkedsudvalget den
01-11-2023
Anbefales.
Jens Meilvang (I) deltog ikke under behandling af punktet.
{decision}
Godkendt.
Bilag
1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK og KB i
december (151433/22) (H)
2 Åben Notat om budgetopfølgning pr.
31. oktober 2023 (116728/23)
3 Lukket bilag
2. Orientering om emne nummer 2
Åben sag · Sagsnr. 23/502
Sagsgang
ØK
Beslutning i Økonomiudvalget den 22-11-2023
Taget til efterretning.
"""


def _pdf_text(time: str = "Start kl.: 9:00", decision: str = "") -> str:
    decision = decision or "Beslutning i Økonomiudvalget den\n22-11-2023"
    return PDF_TEXT.format(time=time, decision=decision)


def test_pdf_text_wrapped_title_heading_and_attachments_read_as_printed():
    text = _pdf_text()
    document = read_text(text, "protokol.pdf")
    first = document["items"][0]
    assert first["title"] == "Udmøntningsplan 2019-2022 for Arbejdsmarkedsudvalgets område"
    assert first["case_number"] == "23/291"
    assert [s["heading"] for s in first["sections"]] == ["Sagsfremstilling"]
    assert first["decisions"] == [
        {"body": "Arbejdsmarkedsudvalget", "date": "2023-11-01", "text": "Anbefales.",
         "absent": ["Jens Meilvang (I)"]},
        {"body": "Økonomiudvalget", "date": "2023-11-22", "text": "Godkendt.", "absent": []},
    ]  # fmt: skip
    assert first["attachments"] == [
        {"number": 1, "title": "Udmøntningsplan 2023-2026 til ØK og KB i december",
         "access": "open", "document_number": "151433/22"},
        {"number": 2, "title": "Notat om budgetopfølgning pr. 31. oktober 2023",
         "access": "open", "document_number": "116728/23"},
        {"number": 3, "title": None, "access": "closed", "document_number": None},
    ]  # fmt: skip
    assert [item["title"] for item in document["items"]] == [
        first["title"],
        "Orientering om emne nummer 2",
    ]
    assert document["warnings"] == []
    assert word_coverage(text, document).ratio == 1.0


@pytest.mark.parametrize(
    "heading",
    [
        "Beslutning i Økonomiudvalget 22-11-2023",
        "Beslutning i Økonomiudvalget den 22/11-2023",
        "Beslutning i Økonomiudvalget d. 22/11-2023",
        "Beslutning i Økonomiudvalget\nden 22. november 2023",
        "Beslutning i Økonomiudvalget\n22/11-2023",
    ],
)
def test_decision_heading_without_den_or_with_day_slash_month_dash_year(heading):
    document = read_text(_pdf_text(decision=heading), "protokol.pdf")
    decisions = document["items"][0]["decisions"]
    assert decisions[-1] == {
        "body": "Økonomiudvalget", "date": "2023-11-22", "text": "Godkendt.", "absent": []
    }  # fmt: skip
    assert decisions[0]["text"] == "Anbefales."


def test_a_line_after_a_decision_heading_is_joined_only_when_it_is_a_date():
    text = _pdf_text(decision="Beslutning i Økonomiudvalget den\n22-11-2023 blev sagen udsat")
    decisions = read_text(text, "protokol.pdf")["items"][0]["decisions"]
    # Not a heading: the line stays text of the decision before, nothing is made up.
    assert len(decisions) == 1
    assert "22-11-2023 blev sagen udsat" in decisions[0]["text"]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("- Tid: 9:00 - 17:00", "09:00", "17:00"),
        ("Tid: kl. 9.00-17.00", "09:00", "17:00"),
        ("Mødetid: kl. 13.30", "13:30", None),
    ],
)
def test_front_page_time_span(line, start, end):
    meeting = read_text(_pdf_text(time=line), "protokol.pdf")["meeting"]
    assert (meeting["start"], meeting["end"]) == (start, end)


# -- Stray list bullets ------------------------------------------------------------------------


def test_stray_bullet_lines_are_not_decision_text():
    text = _pdf_text().replace("Taget til efterretning.\n", "Taget til efterretning.\n• \n• \n◦ \n")
    document = read_text(text, "protokol.pdf")
    assert document["items"][1]["decisions"][0]["text"] == "Taget til efterretning."


def test_pdf_list_markers_laid_out_apart_from_their_text_are_dropped():
    """A browser's print lays out "outside" list markers apart from their text, and pypdf gives
    them at the end of the page: "Godkendt." followed by one "•" line per list item."""
    items = "".join(f"<li>Indsats nummer {n} i planen</li>" for n in range(6))
    html = (
        "<html><body><p>1. Planen</p><p>Åben sag</p><h2>Sagsfremstilling</h2>"
        f"<ul>{items}</ul><h2>Beslutning i Økonomiudvalget den 22-11-2023</h2>"
        "<p>Godkendt.</p></body></html>"
    )
    document = read_bytes(html_pdf(html), "planen.pdf")
    item = document["items"][0]
    assert item["decisions"][0]["text"] == "Godkendt."
    assert "•" not in json.dumps(document, ensure_ascii=False)
    assert "Indsats nummer 5 i planen" in item["sections"][0]["text"]


def test_a_date_line_numbered_as_the_next_item_is_not_an_item():
    # As pypdf gives a table of meeting dates: no blank lines, a row per line.
    text = (
        "1. Økonomi\nÅben sag\nSagsfremstilling\n"
        + "".join(f"Orienteringen omfatter emne {n}.\n" for n in range(20))
        + "Møderne i efteråret:\n14. Nov. Budgetopfølgning\n2. Dec. Udmøntningsplan 2023-2026\n"
        "Økonomiske konsekvenser\nIngen.\n"
    )
    items = read_text(text, "dagsorden.pdf")["items"]
    assert [item["title"] for item in items] == ["Økonomi"]
    assert [s["heading"] for s in items[0]["sections"]] == [
        "Sagsfremstilling",
        "Økonomiske konsekvenser",
    ]


def test_wrapped_attachment_line_across_a_blank_line_ends_with_its_document_number():
    text = (
        "1. Økonomi\n\nÅben sag\n\nBilag:\n\n"
        "1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK og KB i\n\n"
        "december (151433/22) (H)\n\n"
        "2 - 3383530 Åben Strategisk udmøntningsplan\n\n"
        "Notat om planen\n"
    )
    document = read_text(text, "dagsorden.txt")
    assert document["items"][0]["attachments"] == [
        {"number": 1, "title": "Udmøntningsplan 2023-2026 til ØK og KB i december",
         "access": "open", "document_number": "151433/22"},
        {"number": 2, "title": "Strategisk udmøntningsplan", "access": "open",
         "document_number": None},
    ]  # fmt: skip
    # After a blank line, a line that does not end as an attachment line is not joined.
    assert "Bilagslinjen »Notat om planen« blev ikke forstået." in document["warnings"]
