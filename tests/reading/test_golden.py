"""The four seeds read to exactly the structure written by hand in tests/reading/golden/."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from reading.reader import read_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = {path.name[:3]: path for path in sorted((SHARED / "seeds").glob("*.txt"))}
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads((SHARED / "schemas" / "parsed-document.schema.json").read_text())
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
