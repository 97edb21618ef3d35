"""Whatever it is given, the reader returns a schema-valid document or raises ReadError with a
Danish message; it never crashes or hangs."""

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from reading.extract import ReadError as ExtractReadError
from reading.reader import ReadError, read_bytes, read_text
from tests.reading.files import SCHEMA as SCHEMA_PATH
from tests.reading.files import SEEDS as SEEDS_DIR

SEEDS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
DANISH = set("æøåÆØÅ")
SETTINGS = settings(
    deadline=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_valid(document: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


def read_or_refuse(data: bytes, filename: str) -> dict | None:
    """The document, schema-checked, or None when refused with a Danish message."""
    try:
        document = read_bytes(data, filename)
    except ReadError as error:
        assert error.message and error.message.endswith(".")
        assert any(ch in DANISH for ch in error.message) or error.message.split()[0] in (
            "Filen", "PDF-filen", "Teksten", "Word-filen",
        )  # fmt: skip
        return None
    assert_valid(document)
    assert document["source"] == filename
    return document


def test_read_error_is_the_extract_layers():
    assert ReadError is ExtractReadError


# Text built from the pieces the reader looks for, so that random input reaches its branches.
PIECES = [
    "Sagsfremstilling", "Indstilling", "Beslutning i Økonomiudvalget den 06-12-2022",
    "Beslutning", "Bilag:", "Sagsgang", "ØK, KB", "22/291 Åben Sag", "Lukket sag", "Afbud:",
    "Jens Meilvang (I) deltog ikke under behandling af punktet.", "1. Økonomi", "2 Lukket",
    "1 - 3389825 Åben Udmøntningsplan (151433/22) (H)", "| 1 | Åben Notat | 115878/23 |",
    "Hovedudvalget 02-03-2023", "Side 3 af 7", "DocPart214767", "\uf0b7 punkt", "- punkt",
    "DAGSORDEN", "Dato: Onsdag den 22. november 2023", "Start kl.: 9:00", "Medlemmer:",
    "Indholdsfortegnelse", "Bilagsoversigt", "Underskriftsside", "\t", "\f", " ", "",
    "<p>x</p>", "Punkt 3: Titel", "02.34.02-P19-12-20", "00.01.00.P35 18/15427 Åben sag",
]  # fmt: skip


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=60))
def test_any_text_of_the_reader_vocabulary_reads_to_a_valid_document(pieces):
    document = read_text("\n".join(pieces), "tilfældig.txt")
    assert_valid(document)


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text_reads_to_a_valid_document(text):
    assert_valid(read_text(text, "x.txt"))


@SETTINGS
@given(st.sampled_from(range(len(SEEDS))), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_truncated_and_shuffled_seeds_read_to_valid_documents(index, fraction, seed):
    text = SEEDS[index]
    assert_valid(read_text(text[: int(len(text) * fraction)], "afkortet.txt"))
    lines = text.split("\n")
    random.Random(seed).shuffle(lines)
    assert_valid(read_text("\n".join(lines), "blandet.txt"))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("index", range(len(SEEDS)))
def test_seeds_in_other_encodings_read_like_utf8(index, encoding):
    text = SEEDS[index].replace("\uf0b7", "-").replace("–", "-").replace("’", "'")
    expected = read_text(text, "seed.txt")
    document = read_or_refuse(text.encode(encoding), "seed.txt")
    assert document is not None
    assert document["items"] == expected["items"]
    assert document["body"] == expected["body"]


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_named_pdf_are_refused_or_read(data):
    read_or_refuse(data, "dagsorden.pdf")
    read_or_refuse(b"%PDF-1.7\n" + data, "dagsorden.pdf")


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_as_text_or_html_are_refused_or_read(data):
    read_or_refuse(data, "dagsorden.txt")
    read_or_refuse(b"<html><body><table><tr><td>" + data, "dagsorden.html")


@pytest.fixture(scope="module")
def small_pdf():
    from tests.reading.support.foreign import text_pdf

    return text_pdf(*(line for line in SEEDS[3].split("\n") if line.strip()))


def test_a_real_pdf_reads_and_truncated_copies_are_refused_or_read(small_pdf):
    document = read_or_refuse(small_pdf, "dagsorden.pdf")
    assert document is not None and document["items"]
    for fraction in (0.9, 0.5, 0.2, 0.05):
        read_or_refuse(small_pdf[: int(len(small_pdf) * fraction)], "dagsorden.pdf")


def test_empty_file_is_refused_in_danish():
    with pytest.raises(ReadError) as error:
        read_bytes(b"", "tom.txt")
    assert error.value.message == "Filen er tom."


def test_50_mb_file_is_refused_for_its_size():
    with pytest.raises(ReadError) as error:
        read_bytes(b"a" * (50 * 1024 * 1024), "stor.txt")
    assert error.value.message.startswith("Filen fylder 50 MB")


def test_long_lines_without_structure_do_not_slow_the_reader_down():
    """Lines far longer than any heading are text; the reader must finish, not backtrack."""
    text = ("Beslutning i " + "Økonomiudvalget og " * 5000 + "\n") * 3
    text += "1. " + "a" * 100_000 + "\nSagsgang\n" + "1 - 2 Åben " * 20000 + "\n"
    assert_valid(read_text(text, "lang.txt"))


def test_a_paragraph_of_many_broken_lines_is_joined_whole():
    """Joining is linear: 50,000 broken lines of one paragraph read as one paragraph."""
    text = "Sagsfremstilling\n" + "ord og flere ord i en linje uden punktum\n" * 50_000
    document = read_text(text, "lang.txt")
    assert_valid(document)
    [section] = document["items"][0]["sections"]
    assert section["text"].count("ord og flere ord") == 50_000
    assert "\n" not in section["text"]
