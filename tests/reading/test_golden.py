"""The four seeds read to exactly the structure written by hand in tests/reading/golden/."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from reading.reader import read_bytes, read_file, read_text
from tests.reading.files import SCHEMA as SCHEMA_PATH
from tests.reading.files import SEEDS as SEEDS_DIR

SEEDS = {path.name[:3]: path for path in sorted(SEEDS_DIR.glob("*.txt"))}
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(document: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_seed_reads_as_its_golden_file(seed):
    expected = json.loads((GOLDEN / f"{seed}.json").read_text(encoding="utf-8"))
    assert read_file(SEEDS[seed]) == expected


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_golden_file_and_reader_output_are_schema_valid(seed):
    expected = json.loads((GOLDEN / f"{seed}.json").read_text(encoding="utf-8"))
    assert schema_errors(expected) == []
    assert schema_errors(read_file(SEEDS[seed])) == []


def test_schema_validation_checks_date_formats():
    """The format checker is on: an impossible date is an error, so the test above can fail."""
    expected = json.loads((GOLDEN / "000.json").read_text(encoding="utf-8"))
    expected["meeting"]["date"] = "2022-13-45"
    assert schema_errors(expected)


# Other municipalities' documents of the same family: the variants the reader must follow.
MINUTES_VARIANT = """\
Syddjurs Kommune

Referat

Økonomiudvalget

Mødedato: 6. dec. 2022
Mødested: Byrådssalen
Tidspunkt: kl. 15.00 - 17.30
Deltagere: Jens Jensen (A), Hanne Hansen (V), Ole Olsen (C)
Fraværende: Ole Olsen (C)

Punkt 1: Godkendelse af dagsorden
Sagsnr.: 18/15427
Åben sag

Resumé
Dagsordenen forelægges til godkendelse.

Beslutning:
Godkendt.

Punkt 2: Salg af grund 330-2018-3619
Lukket sag

Beslutning:
Godkendt.

Punkt 3: 00.01.00.P35 Budgetopfølgning pr. 31. oktober
Åben sag

Baggrund
Budgetopfølgningen viser et mindreforbrug.
Det forventes, at
mindreforbruget fortsætter.

Indstilling
Direktionen indstiller, at budgetopfølgningen tages til efterretning.

Beslutning i Økonomiudvalget den 2022-12-06
Taget til efterretning.
Ole Olsen (C) deltog ikke i behandlingen af punktet.

Bilag
1. Budgetopfølgning oktober (123456/22)
2. Lukket bilag
"""


def _item(number, title, case_number, subject_code, access, **parts) -> dict:
    return {
        "number": number, "title": title, "case_number": case_number,
        "subject_code": subject_code, "access": access, "routing": parts.get("routing", []),
        "sections": parts.get("sections", []), "decisions": parts.get("decisions", []),
        "attachments": parts.get("attachments", []), "confidence": parts.get("confidence", 1.0),
    }  # fmt: skip


def test_minutes_of_another_municipality_read_with_their_variants():
    approved = {"body": "Økonomiudvalget", "date": "2022-12-06", "text": "Godkendt.", "absent": []}
    assert read_text(MINUTES_VARIANT, "referat.txt") == {
        "source": "referat.txt",
        "document_type": "referat",
        "body": "Økonomiudvalget",
        "meeting": {
            "date": "2022-12-06",
            "start": "15:00",
            "end": "17:30",
            "place": "Byrådssalen",
            "members": ["Jens Jensen (A)", "Hanne Hansen (V)", "Ole Olsen (C)"],
            "absent": ["Ole Olsen (C)"],
        },  # fmt: skip
        "items": [
            _item(
                1,
                "Godkendelse af dagsorden",
                "18/15427",
                None,
                "open",
                sections=[{"heading": "Resumé", "text": "Dagsordenen forelægges til godkendelse."}],
                decisions=[approved],
            ),
            _item(2, "Salg af grund", "330-2018-3619", None, "closed", decisions=[approved]),
            _item(
                3,
                "Budgetopfølgning pr. 31. oktober",
                None,
                "00.01.00.P35",
                "open",
                sections=[
                    {
                        "heading": "Baggrund",
                        "text": "Budgetopfølgningen viser et mindreforbrug. Det forventes, at "
                        "mindreforbruget fortsætter.",
                    },
                    {
                        "heading": "Indstilling",
                        "text": "Direktionen indstiller, at budgetopfølgningen tages til "
                        "efterretning.",
                    },
                ],
                decisions=[
                    {
                        "body": "Økonomiudvalget",
                        "date": "2022-12-06",
                        "text": "Taget til efterretning.",
                        "absent": ["Ole Olsen (C)"],
                    }
                ],
                attachments=[
                    {
                        "number": 1,
                        "title": "Budgetopfølgning oktober",
                        "access": "open",
                        "document_number": "123456/22",
                    },
                    {"number": 2, "title": None, "access": "closed", "document_number": None},
                ],
            ),
        ],  # fmt: skip
        "warnings": [
            "2 beslutning(er) nævner ikke udvalg og dato; læst som mødets "
            "(Økonomiudvalget, 06-12-2022)."
        ],
    }


AGENDA_HTML = """<!DOCTYPE html>
<html><head><title>Dagsorden</title><style>p{}</style></head><body>
<p>Norddjurs Kommune</p>
<h1>Arbejdsmarkedsudvalget</h1>
<h2>DAGSORDEN</h2>
<ul><li>Sted: M&oslash;delokale 1</li><li>Dato: d. 5/12 2023</li><li>Start kl.: 8:30</li>
<li>Slut kl.: 10:00</li><li>Medlemmer: Jens Jensen (A)<br>Hanne Hansen (V)</li></ul>
<h2>1. Ledighed i november</h2>
<p>S00 24/1234 &Aring;ben sag</p>
<h3>Sagsgang</h3><p>AU</p>
<h3>Sagsfremstilling</h3>
<p>Ledigheden er
faldet.</p>
<ul><li>Dagpenge<ul><li>Unge under 30</li></ul></li><li>Kontanthj&aelig;lp</li></ul>
<table><tr><th>M&aring;ned</th><th>Ledige</th></tr><tr><td>Oktober</td><td><p>1.200</p></td></tr>
</table>
<h3>Indstilling</h3><p>Det indstilles, at orienteringen tages til efterretning.</p>
<h3>Bilag:</h3>
<ul><li>1 &Aring;ben Ledighedsstatistik (123456/23)</li><li>2 Lukket</li></ul>
<h2>2. Lukket punkt om personale</h2>
<p>Lukket</p>
</body></html>"""


def test_html_agenda_reads_with_lists_tables_and_a_redacted_item():
    document = read_bytes(AGENDA_HTML.encode(), "dagsorden.html")
    assert schema_errors(document) == []
    assert document == {
        "source": "dagsorden.html",
        "document_type": "dagsorden",
        "body": "Arbejdsmarkedsudvalget",
        "meeting": {
            "date": "2023-12-05",
            "start": "08:30",
            "end": "10:00",
            "place": "Mødelokale 1",
            "members": ["Jens Jensen (A)", "Hanne Hansen (V)"],
            "absent": [],
        },  # fmt: skip
        "items": [
            _item(
                1,
                "Ledighed i november",
                "24/1234",
                "S00",
                "open",
                routing=["AU"],
                sections=[
                    {
                        "heading": "Sagsfremstilling",
                        "text": "Ledigheden er faldet.\n\n- Dagpenge\n  - Unge under 30\n"
                        "- Kontanthjælp\n\nMåned | Ledige\nOktober | 1.200",
                    },
                    {
                        "heading": "Indstilling",
                        "text": "Det indstilles, at orienteringen tages til efterretning.",
                    },
                ],
                attachments=[
                    {
                        "number": 1,
                        "title": "Ledighedsstatistik",
                        "access": "open",
                        "document_number": "123456/23",
                    },
                    {"number": 2, "title": None, "access": "closed", "document_number": None},
                ],
            ),
            _item(2, "Lukket punkt om personale", None, None, "closed"),
        ],  # fmt: skip
        "warnings": [],
    }


def test_word_exported_html_lists_with_paragraphs_in_items_keep_their_bullets():
    html = (
        "<h2>1. Budget</h2><p>Åben sag</p><h3>Sagsfremstilling</h3><p>Emner:</p>"
        "<ul><li><p>Økonomi</p></li><li><p>Rekruttering</p><ul><li><p>Fastholdelse</p></li>"
        "</ul></li></ul><p>Slut.</p>"
    )
    [item] = read_bytes(html.encode(), "sag.html")["items"]
    assert item["sections"] == [
        {
            "heading": "Sagsfremstilling",
            "text": "Emner:\n\n- Økonomi\n- Rekruttering\n  - Fastholdelse\n\nSlut.",
        }
    ]


def test_a_stray_line_of_spaces_does_not_make_a_clean_document_double_spaced():
    """Seed 000 has one paragraph per line and blank lines between; one line of spaces in it
    must not make the reader treat blank lines as line breaks (the 002/003 layout)."""
    text = SEEDS["000"].read_text(encoding="utf-8").replace("\n\nSagsgang", "\n\n   \n\nSagsgang")
    expected = json.loads((GOLDEN / "000.json").read_text(encoding="utf-8"))
    assert read_text(text, SEEDS["000"].name)["items"] == expected["items"]


def test_items_without_numbers_are_found_by_their_status_line():
    """Seed 004 with its item numbers printed as words: the items are the lines before
    "Åben sag", and the front page is still read."""
    text = SEEDS["004"].read_text(encoding="utf-8")
    for number in "1234":
        text = text.replace(f"\n{number}. ", "\nPunktet ")
    document = read_text(text, "uden-numre.txt")
    expected = json.loads((GOLDEN / "004.json").read_text(encoding="utf-8"))
    assert document["document_type"] == "dagsorden"
    assert document["body"] == "Direktionen"
    assert document["meeting"] == expected["meeting"]
    assert [item["title"] for item in document["items"]] == [
        "Punktet " + item["title"] for item in expected["items"]
    ]
    for got, want in zip(document["items"], expected["items"], strict=True):
        assert got["number"] is None
        assert got["sections"] == want["sections"]
        assert got["attachments"] == want["attachments"]
    assert (
        "Punkterne har ingen numre; titlen er linjen før »Åben/Lukket sag«."
        in (document["warnings"])
    )


@pytest.mark.parametrize(
    ("front", "document_type", "body", "date"),
    [
        ("Dagsorden for mødet i Økonomiudvalget den 6. december 2022", "dagsorden",
         "Økonomiudvalget", "2022-12-06"),
        ("Åbent referat\n\nBørne- og Ungdomsudvalget\n\nDato: 2023-01-09", "referat",
         "Børne- og Ungdomsudvalget", "2023-01-09"),
        ("Referat fra Byrådet d. 5/12 2023", "referat", "Byrådet", "2023-12-05"),
        ("Norddjurs Kommune\nMiljø- og Teknikudvalget\nBESLUTNINGSPROTOKOL\nDato: 6.12.2022",
         "beslutningsprotokol", "Miljø- og Teknikudvalget", "2022-12-06"),
    ],
)  # fmt: skip
def test_front_page_variants_name_the_kind_the_body_and_the_date(front, document_type, body, date):
    document = read_text(front + "\n\n1. Budget\nÅben sag\nSagsfremstilling\nTekst.\n", "x.txt")
    assert (document["document_type"], document["body"]) == (document_type, body)
    assert document["meeting"]["date"] == date
    assert document["warnings"] == []
    assert [item["title"] for item in document["items"]] == ["Budget"]


def test_front_page_without_body_or_date_says_so():
    document = read_text("Dagsorden\n\n1. Budget\nÅben sag\nSagsfremstilling\nTekst.\n", "x.txt")
    assert document["body"] is None and document["meeting"]["date"] is None
    assert document["warnings"] == [
        "Udvalget står ikke i dokumentet.",
        "Mødedatoen står ikke i dokumentet.",
    ]
