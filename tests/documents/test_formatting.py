import datetime
from decimal import Decimal

import pytest

from danish import formatting


def test_long_date_reads_as_danish_agendas_write_it():
    assert formatting.long_date(datetime.date(2023, 11, 22)) == "onsdag den 22. november 2023"
    assert formatting.long_date(datetime.date(2024, 12, 11), weekday=False) == "11. december 2024"


@pytest.mark.parametrize(
    ("value", "text"),
    [(1250, "1.250 t.kr."), (Decimal("-500"), "-500 t.kr."), (Decimal("-2.5"), "-2,5 t.kr."),
     (1234567, "1.234.567 t.kr."), (0, "0 t.kr.")],
)  # fmt: skip
def test_amounts_use_danish_separators_and_the_thousand_kroner_unit(value, text):
    assert formatting.amount(value) == text


@pytest.mark.parametrize(
    ("parts", "text"),
    [((2025, 1, None), "1. kvartal 2025"), ((2025, None, 3), "marts 2025"),
     ((2026, None, None), "2026"), ((None, None, None), "")],
)  # fmt: skip
def test_timing_label_and_parse_are_inverse(parts, text):
    assert formatting.timing_label(*parts) == text
    assert formatting.parse_timing(text) == parts


@pytest.mark.parametrize("text", ["5. kvartal 2025", "primo 2025", "marts", "1. kvartal år"])
def test_parse_timing_refuses_text_it_cannot_read(text):
    with pytest.raises(ValueError):
        formatting.parse_timing(text)


def test_ascii_slug_transliterates_danish_letters():
    assert formatting.ascii_slug("Udmøntningsplan 2025-2028") == "udmoentningsplan-2025-2028"
    assert formatting.ascii_slug("Økonomiudvalget Åben") == "oekonomiudvalget-aaben"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-1.250", "-1250"), ("-1250", "-1250"), ("2,5", "2.5"), ("2.5", "2.5"),
     ("\u2212500", "-500"), ("1.250,5 t.kr.", "1250.5"), ("1.250.000", "1250000")],
)  # fmt: skip
def test_parse_number_reads_amounts_as_danes_type_them(text, expected):
    from decimal import Decimal

    from danish.formatting import parse_number

    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["cirka 200", "", "1,2,3", "NaN", "Infinity"])
def test_parse_number_refuses_what_is_not_a_number(text):
    from danish.formatting import parse_number

    with pytest.raises(ValueError):
        parse_number(text)
