import datetime

import pytest
from django.core.exceptions import ValidationError

from cycle import recurrence
from cycle.recurrence import Preset

START = datetime.date(2026, 1, 15)


def test_twice_a_year_falls_in_its_two_months():
    rule = recurrence.rule_for(Preset.TWICE, start=START, month=11, second_month=5)
    assert rule == "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=15"
    dates = recurrence.occurrences(
        rule, start=START, first=datetime.date(2026, 1, 1), last=datetime.date(2027, 12, 31)
    )
    assert dates == [
        datetime.date(2026, 5, 15),
        datetime.date(2026, 11, 15),
        datetime.date(2027, 5, 15),
        datetime.date(2027, 11, 15),
    ]


def test_monthly_on_the_31st_never_skips_a_month():
    rule = recurrence.rule_for(Preset.MONTHLY, start=datetime.date(2026, 1, 31))
    dates = recurrence.occurrences(
        rule,
        start=datetime.date(2026, 1, 31),
        first=datetime.date(2026, 2, 1),
        last=datetime.date(2027, 1, 31),
    )
    assert [d.month for d in dates] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1]


def test_once_is_its_start_only():
    assert recurrence.rule_for(Preset.ONCE, start=START) == ""
    assert recurrence.occurrences(
        "", start=START, first=datetime.date(2026, 1, 1), last=datetime.date(2026, 12, 31)
    ) == [START]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=HOURLY", "højst dagligt"),
        ("BYMONTH=10", "hvor ofte"),
        ("FREQ=YEARLY;BYMONTH=13", "ingen datoer"),
        ("FREQ=YEARLY;BYMONTH=1O", "kan ikke læses"),
        ("FREQ=YEARLY;DTSTART=20260101", "første dato"),
        ("FREQ=DAILY;INTERVAL=1", "for mange"),
        ("vrøvl", "hvor ofte"),
        ("", "Skriv en gentagelsesregel"),
    ],
)
def test_a_bad_rule_is_refused_in_danish(text, message):
    with pytest.raises(ValidationError) as error:
        recurrence.validate(text, start=START)
    assert message in str(error.value)


def test_a_raw_rule_is_normalised():
    assert recurrence.validate("rrule: freq=monthly;interval=2;byday=1tu", start=START) == (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU"
    )


def test_presets_are_read_back_from_the_rule_and_described_in_danish():
    values = recurrence.preset_of("FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1")
    assert (values.preset, values.month, values.second_month) == (Preset.TWICE, 5, 11)
    assert recurrence.describe("FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1", START) == (
        "Hvert år den 1. maj og 1. november"
    )
    assert recurrence.describe("FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=8", START) == (
        "Hvert år den 8. oktober"
    )
    assert recurrence.describe("FREQ=MONTHLY;BYMONTHDAY=15", START) == "Hver måned den 15."
    assert recurrence.describe("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", START) == (
        "Hvert kvartal den 1."
    )
    assert recurrence.preset_of("FREQ=MONTHLY;BYDAY=1TU").preset == Preset.CUSTOM
