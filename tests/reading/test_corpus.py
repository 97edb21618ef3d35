"""The reader on generated documents whose right reading is known (support/corpus.py).

The generator prints each document from a schema-shaped structure, in the styles and with the
noise of the four seeds; reading it back must give that structure on everything the importer
stores (items, decisions, attachments, the meeting and its body), a result valid against the
schema, and almost every word of the document somewhere in the result.
"""

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from reading.extract import text_from_bytes
from tests.reading.support import corpus

# The project's copy of shared/schemas/parsed-document.schema.json, as the reader's tests use.
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "reading" / "parsed-document.schema.json"
SEED = 1
PER_STYLE = 12
MIN_COVERAGE = 0.99


def _sample() -> list[corpus.GeneratedDocument]:
    """The first PER_STYLE documents of each style in the corpus for SEED (60 in all)."""
    picked: list[corpus.GeneratedDocument] = []
    counts: Counter = Counter()
    for document in corpus.generate(1_000, seed=SEED):
        if counts[document.style] < PER_STYLE:
            counts[document.style] += 1
            picked.append(document)
        if len(picked) == PER_STYLE * len(corpus.STYLES):
            break
    return picked


SAMPLE = _sample()


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _squash(value):
    """Strings with their runs of whitespace made one space: line breaks are the printing's,
    not the content's."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_squash(v) for v in value]
    if isinstance(value, dict):
        return {key: _squash(v) for key, v in value.items()}
    return value


ITEM_FIELDS = ("number", "title", "case_number", "subject_code", "access", "routing")


def _item(item: dict) -> dict:
    """An item as compared: everything the importer stores but the section texts."""
    return _squash(
        {
            **{key: item[key] for key in ITEM_FIELDS},
            "decisions": item["decisions"],
            "attachments": item["attachments"],
        }
    )


def test_generator_is_deterministic_for_a_seed():
    first = [(d.filename, d.data, d.expected) for d in corpus.generate(40, seed=7)]
    again = [(d.filename, d.data, d.expected) for d in corpus.generate(40, seed=7)]
    other = [(d.filename, d.data, d.expected) for d in corpus.generate(40, seed=8)]
    assert first == again
    assert [d[1] for d in first] != [d[1] for d in other]


def test_a_document_does_not_depend_on_how_many_are_generated():
    ten = list(corpus.generate(10, seed=3))
    assert [d.data for d in ten] == [d.data for d in list(corpus.generate(30, seed=3))[:10]]


def test_sample_has_every_style_and_the_seeds_noise():
    styles = Counter(d.style for d in SAMPLE)
    assert styles == {style: PER_STYLE for style in corpus.STYLES}
    text = "\n".join(d.data.decode("utf-8") for d in SAMPLE)
    noise = ["DocPart", corpus.BULLET_GLYPH, " \n\n", "<p>", "Lukket sag", "Afbud:",
             "deltog ikke under behandling af punktet.", "| (H) |", "Bilagsoversigt"]  # fmt: skip
    for piece in noise:
        assert piece in text, piece
    assert any(d.filename.endswith(".html") for d in SAMPLE)


def test_sample_has_decision_headings_and_attachment_lines_wrapped_as_pdf_text_wraps_them():
    text = "\n".join(d.data.decode("utf-8") for d in SAMPLE if d.style.endswith("-pdf"))
    # "Beslutning i Kommunalbestyrelsen den" / "13-12-2022": a heading line without its date
    headings = re.findall(r"^Beslutning i [^\d\n]*\n", text, re.MULTILINE)
    # "1 - 3389825 Åben Udmøntningsplan ... i" / "december (151433/22) (H)"
    attachments = re.findall(r"^\d+ - \d+ (?:Åben|Lukket) .*[^)] \n", text, re.MULTILINE)
    continued = re.findall(r"^[^\d\n].* \(\d+/\d\d\)(?: \(H\))? \n", text, re.MULTILINE)
    assert len(headings) >= 5, headings
    assert len(attachments) >= 3, attachments
    assert len(continued) >= len(attachments)


def test_sample_has_every_form_of_case_number_and_subject_code():
    items = [item for d in SAMPLE for item in d.expected["items"]]
    numbers = [item["case_number"] for item in items if item["case_number"]]
    assert any(re.fullmatch(r"\d\d/\d{3,5}", n) for n in numbers)
    assert any(re.fullmatch(r"\d+-\d{4}-\d+", n) for n in numbers)
    assert any(re.fullmatch(r"\d\d\.\d\d\.\d\d-[A-Z]\d+-\d+-\d\d", n) for n in numbers)
    assert any(item["subject_code"] for item in items)
    assert any(item["access"] == "closed" for item in items)
    assert any(len(item["decisions"]) > 1 for item in items)


def test_command_writes_the_corpus(tmp_path, capsys):
    assert corpus.main([str(tmp_path), "--count", "7", "--seed", "2", "--truth"]) == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    expected = [d.filename for d in corpus.generate(7, seed=2)]
    assert names == sorted([*expected, *(f"{name}.json" for name in expected)])
    assert capsys.readouterr().out.startswith("7 documents, ")


def test_expected_readings_are_valid_against_the_schema(validator):
    for document in SAMPLE:
        errors = [error.message for error in validator.iter_errors(document.expected)]
        assert not errors, (document.filename, errors)


@pytest.mark.parametrize("document", SAMPLE, ids=[d.filename for d in SAMPLE])
def test_reader_reads_generated_document_as_generated(document, validator):
    from reading.coverage import word_coverage
    from reading.reader import read_bytes

    parsed = read_bytes(document.data, document.filename)
    expected = document.expected

    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(parsed)]
    assert not errors, errors
    assert parsed["source"] == document.filename
    assert parsed["document_type"] == expected["document_type"]
    assert parsed["body"] == expected["body"]
    assert _squash(parsed["meeting"]) == _squash(expected["meeting"])
    assert len(parsed["items"]) == len(expected["items"]), [i["title"] for i in parsed["items"]]
    for got, want in zip(parsed["items"], expected["items"], strict=True):
        assert _item(got) == _item(want)

    text = text_from_bytes(document.data, document.filename).text
    coverage = word_coverage(text, parsed)
    assert coverage.ratio >= MIN_COVERAGE, f"{coverage.ratio:.3f}, missing: {coverage.missing}"
