"""Recurrence of annual-cycle events: RFC 5545 rules (RRULE) read by python-dateutil.

An event stores its rule as text ("FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=8") and its first date;
an empty rule is a single occurrence. The editing form offers presets (every year in a month,
twice a year, quarterly, monthly, weekly) and builds the rule from them, so a secretary never
has to write RRULE; a raw rule is accepted too, and refused with a Danish message when it is
not one.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danish.formatting import MONTHS

# Finer than a day is not an annual cycle; more than this per year is a mistake.
ALLOWED_FREQUENCIES = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}
MAX_PER_YEAR = 60
# Parts of RFC 5545 the rule text may not carry: the first date is the event's own field.
_FORBIDDEN = re.compile(r"(^|;)\s*(DTSTART|RDATE|EXDATE|EXRULE)\b", re.IGNORECASE)


class Preset:
    ONCE = "once"
    YEARLY = "yearly"
    TWICE = "twice"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    WEEKLY = "weekly"
    CUSTOM = "custom"


PRESET_CHOICES = [
    (Preset.ONCE, "Én gang"),
    (Preset.YEARLY, "Hvert år i en bestemt måned"),
    (Preset.TWICE, "To gange om året"),
    (Preset.QUARTERLY, "Hvert kvartal"),
    (Preset.MONTHLY, "Hver måned"),
    (Preset.WEEKLY, "Hver uge"),
    (Preset.CUSTOM, "Egen regel (RRULE)"),
]


def _day(start: datetime.date) -> int:
    # A day every month has, so that a monthly rule never skips February.
    return min(start.day, 28)


def rule_for(
    preset: str,
    *,
    start: datetime.date,
    month: int | None = None,
    second_month: int | None = None,
    custom: str = "",
) -> str:
    """The rule text for a preset; raises ValidationError (Danish) for what does not fit."""
    if preset == Preset.ONCE:
        return ""
    if preset == Preset.YEARLY:
        if not month:
            raise ValidationError({"month": _("Vælg måneden.")})
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={_day(start)}"
    if preset == Preset.TWICE:
        if not month or not second_month:
            raise ValidationError({"second_month": _("Vælg de to måneder.")})
        if month == second_month:
            raise ValidationError({"second_month": _("Vælg to forskellige måneder.")})
        months = ",".join(str(m) for m in sorted({month, second_month}))
        return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={_day(start)}"
    if preset == Preset.QUARTERLY:
        return f"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY={_day(start)}"
    if preset == Preset.MONTHLY:
        return f"FREQ=MONTHLY;BYMONTHDAY={_day(start)}"
    if preset == Preset.WEEKLY:
        return "FREQ=WEEKLY"
    if preset == Preset.CUSTOM:
        return validate(custom, start=start, field="custom_rule")
    raise ValidationError({"preset": _("Vælg, hvor ofte begivenheden gentages.")})


def _parse(text: str, start: datetime.date) -> rrule.rrule | rrule.rruleset:
    return rrule.rrulestr(text, dtstart=datetime.datetime.combine(start, datetime.time.min))


def validate(text: str, *, start: datetime.date, field: str = "rule") -> str:
    """The rule in its normal form (upper case, no "RRULE:" prefix), or ValidationError."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:].strip()
    text = text.upper().replace(" ", "")
    if not text:
        raise ValidationError(
            {field: _("Skriv en gentagelsesregel, f.eks. FREQ=YEARLY;BYMONTH=10.")}
        )
    if len(text) > 300:
        raise ValidationError({field: _("Gentagelsesreglen er for lang (højst 300 tegn).")})
    if _FORBIDDEN.search(text) or "\n" in text:
        raise ValidationError(
            {field: _("Reglen må kun indeholde selve gentagelsen; første dato skrives for sig.")}
        )
    match = re.search(r"(?:^|;)FREQ=([A-Z]+)", text)
    if match is None:
        raise ValidationError(
            {field: _("Reglen skal sige, hvor ofte (FREQ=YEARLY, MONTHLY, ...).")}
        )
    if match.group(1) not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            {
                field: _(
                    "Et årshjul gentager højst dagligt: brug YEARLY, MONTHLY, WEEKLY eller DAILY."
                )
            }
        )
    try:
        parsed = _parse(text, start)
        year = parsed.between(
            datetime.datetime.combine(start, datetime.time.min),
            datetime.datetime(start.year + 1, 12, 31, 23, 59),
            inc=True,
        )
    except (ValueError, TypeError, OverflowError, KeyError, IndexError):
        raise ValidationError(
            {
                field: _(
                    "Gentagelsesreglen kan ikke læses. Skriv den som RFC 5545, "
                    "f.eks. FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1."
                )
            }
        ) from None
    if not year:
        raise ValidationError(
            {
                field: _(
                    "Reglen giver ingen datoer i det første og det følgende år. Ret måned og dag."
                )
            }
        )
    if len(year) > 2 * MAX_PER_YEAR:
        raise ValidationError(
            {
                field: _("Reglen giver for mange gange om året (højst %(max)d).")
                % {"max": MAX_PER_YEAR}
            }
        )
    return text


def occurrences(
    rule: str, *, start: datetime.date, first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    """The dates from first to last (both included) on which the event falls."""
    if last < first:
        return []
    if not rule:
        return [start] if first <= start <= last else []
    try:
        parsed = _parse(rule, start)
        found = parsed.between(
            datetime.datetime.combine(first, datetime.time.min),
            datetime.datetime.combine(last, datetime.time.max),
            inc=True,
        )
    except (ValueError, TypeError, OverflowError):
        return []
    return [d.date() for d in found]


@dataclass(frozen=True)
class PresetValues:
    preset: str
    month: int | None = None
    second_month: int | None = None
    custom: str = ""


_SIMPLE = {
    re.compile(r"^FREQ=YEARLY;BYMONTH=(\d{1,2});BYMONTHDAY=\d{1,2}$"): Preset.YEARLY,
    re.compile(r"^FREQ=YEARLY;BYMONTH=(\d{1,2}),(\d{1,2});BYMONTHDAY=\d{1,2}$"): Preset.TWICE,
    re.compile(r"^FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=\d{1,2}$"): Preset.QUARTERLY,
    re.compile(r"^FREQ=MONTHLY;BYMONTHDAY=\d{1,2}$"): Preset.MONTHLY,
    re.compile(r"^FREQ=WEEKLY$"): Preset.WEEKLY,
}


def preset_of(rule: str) -> PresetValues:
    """The preset a stored rule was made from, for the editing form; else the raw rule."""
    if not rule:
        return PresetValues(Preset.ONCE)
    for pattern, preset in _SIMPLE.items():
        match = pattern.match(rule)
        if match:
            months = [int(g) for g in match.groups()]
            return PresetValues(
                preset,
                month=months[0] if months else None,
                second_month=months[1] if len(months) > 1 else None,
            )
    return PresetValues(Preset.CUSTOM, custom=rule)


_MONTH_DAY = re.compile(r"(?:^|;)BYMONTHDAY=(\d{1,2})(?:;|$)")


def describe(rule: str, start: datetime.date) -> str:
    """The rule in Danish words: "Hvert år den 8. oktober", "Hvert år den 1. maj og 1.
    november", "Hver måned den 15."; a rule of one's own says "Egen regel" and the rule."""
    values = preset_of(rule)
    if values.preset == Preset.ONCE:
        return f"Én gang: {start.day}. {MONTHS[start.month - 1]} {start.year}"
    found = _MONTH_DAY.search(rule)
    day = int(found.group(1)) if found else start.day
    if values.preset == Preset.YEARLY and values.month:
        return f"Hvert år den {day}. {MONTHS[values.month - 1]}"
    if values.preset == Preset.TWICE and values.month and values.second_month:
        first, second = MONTHS[values.month - 1], MONTHS[values.second_month - 1]
        return f"Hvert år den {day}. {first} og {day}. {second}"
    if values.preset == Preset.QUARTERLY:
        return f"Hvert kvartal den {day}."
    if values.preset == Preset.MONTHLY:
        return f"Hver måned den {day}."
    if values.preset == Preset.WEEKLY:
        return "Hver uge"
    return f"Egen regel: {rule}"
