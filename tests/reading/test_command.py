"""`kursen read-document FILE` prints the reader's JSON, or the Danish error and exit code 1."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.reading.files import seed

SEED = seed("004")
ROOT = Path(__file__).resolve().parents[2]


def test_read_document_prints_the_json_of_a_seed(capsys):
    call_command("read_document", str(SEED))
    document = json.loads(capsys.readouterr().out)
    assert document["source"] == SEED.name
    assert document["body"] == "Direktionen"
    assert [item["number"] for item in document["items"]] == [1, 2, 3, 4]


def test_read_document_on_a_bad_file_says_why_in_danish_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "dagsorden.pdf"
    bad.write_bytes(b"dette er ikke en pdf")
    with pytest.raises(SystemExit) as exit_info:
        call_command("read_document", str(bad))
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "Filen hedder .pdf, men er ikke en PDF-fil."
    assert captured.out == ""


def test_kursen_console_command_accepts_the_hyphenated_name(tmp_path):
    """The real entry point, with the "read-document" alias, as a user types it."""
    run = [sys.executable, "-c", "from config.manage import main; main()", "read-document"]
    result = subprocess.run(
        [*run, str(SEED)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["document_type"] == "dagsorden"
    assert "Direktionen" in result.stdout  # ensure_ascii=False: Danish letters as printed
    assert "Økonomi" in result.stdout

    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [*run, str(empty)], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "Filen er tom."
