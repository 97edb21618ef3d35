"""Word coverage: the reader keeps (almost) every word of a seed, and the measure can fail."""

import copy

import pytest

from reading.coverage import word_coverage
from reading.parse.furniture import content_lines
from reading.reader import read_text
from tests.reading.files import SEEDS

SEEDS = {path.name[:3]: path for path in sorted(SEEDS.glob("*.txt"))}


def _seed(seed: str) -> str:
    return SEEDS[seed].read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_reader_keeps_at_least_99_percent_of_the_words(seed):
    text = _seed(seed)
    coverage = word_coverage(text, read_text(text, SEEDS[seed].name))
    assert coverage.ratio >= 0.99, f"{coverage.ratio:.4f}; missing: {coverage.missing}"


@pytest.mark.parametrize("seed", ["000", "002", "003"])
def test_coverage_fails_when_a_paragraph_is_dropped(seed):
    text = _seed(seed)
    parsed = read_text(text, SEEDS[seed].name)
    dropped = copy.deepcopy(parsed)
    section = dropped["items"][0]["sections"][0]
    paragraphs = section["text"].split("\n\n")
    longest = max(paragraphs, key=len)
    section["text"] = "\n\n".join(p for p in paragraphs if p is not longest)
    coverage = word_coverage(text, dropped)
    assert coverage.ratio < 0.99
    assert set(coverage.missing) & {w.casefold().strip(".,") for w in longest.split()}


def test_page_headers_and_debris_do_not_count_but_real_words_do():
    text = (
        "Arbejdsmarkedsudvalget 23-01-2025\n\nSagsfremstilling\n\nEt afsnit om budgettet.\n\n"
        "\tDocPart214767\nSide 3 af 7\n\nArbejdsmarkedsudvalget 23-01-2025\n"
    )
    parsed = {"items": [{"sections": [{"heading": "Sagsfremstilling", "text": "Et afsnit."}]}]}
    coverage = word_coverage(text, parsed)
    assert coverage.missing == ["om", "budgettet"]
    assert coverage.words == 5


def test_mark_of_a_wrapped_attachment_line_does_not_count_but_its_title_does():
    text = (
        "Bilag:\n\n1 - 3389825 Åben Udmøntningsplan 2023-2026 til ØK og KB i \n\n"
        "december (151433/22) (H) \n"
    )
    parsed = {"items": [{"attachments": [{"number": 1, "title": "Udmøntningsplan 2023-2026",
                                          "document_number": "151433/22"}]}]}  # fmt: skip
    coverage = word_coverage(text, parsed)
    assert coverage.missing == ["til", "øk", "og", "kb", "i", "december"]


def test_only_lines_of_bullet_glyphs_alone_are_artefacts():
    lines = content_lines("Godkendt.\n• \n• • •\n◦\n• Indsats\n- \n")
    assert lines == ["Godkendt.", "• Indsats", "- ", ""]
