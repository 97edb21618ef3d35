"""Danish formatting of dates, amounts and times, shared by pages, documents and exports."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def long_date(value: datetime.date | None, *, weekday: bool = True) -> str:
    """'onsdag den 22. november 2023' (or '22. november 2023' without the weekday)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} den {text}" if weekday else text


def short_date(value: datetime.date | None) -> str:
    """'06-12-2022', the form used in agendas' decision headings."""
    return value.strftime("%d-%m-%Y") if value else ""


def number(value: Decimal | int | float | None) -> str:
    """Danish thousands separator and decimal comma: 1250 -> '1.250', -2.5 -> '-2,5'."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        text = f"{int(value):,}".replace(",", ".")
    else:
        text = f"{value:,.1f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def parse_number(text: str) -> Decimal:
    """A number as Danes type it: '-1.250', '-1250', '2,5', '−500', '1.250 t.kr.'.

    Dots are thousands separators where a comma is present or three digits follow the last
    dot; otherwise a dot is a decimal point ('2.5'). Raises ValueError on anything else.
    """
    text = text.strip().removesuffix("t.kr.").replace(" ", "").replace("\u2212", "-")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif "." in text and len(text.rsplit(".", 1)[-1]) == 3:
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def amount(value: Decimal | int | float | None) -> str:
    """An amount in 1,000 DKK as the plan writes it: '1.250 t.kr.', '−500 t.kr.'."""
    if value is None:
        return ""
    return f"{number(value)} t.kr."


def timing_label(year: int | None, quarter: int | None, month: int | None) -> str:
    """Indicative time: '1. kvartal 2025', 'marts 2025', '2025', or '' when not set."""
    if year is None:
        return ""
    if quarter:
        return f"{quarter}. kvartal {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


QUARTERS = {"1", "2", "3", "4"}


def parse_timing(text: str) -> tuple[int | None, int | None, int | None]:
    """Inverse of timing_label. Raises ValueError on text it cannot read."""
    text = " ".join(text.strip().lower().split())
    if not text:
        return None, None, None
    parts = text.split(" ")
    try:
        if len(parts) == 1:
            return _year(parts[0]), None, None
        if len(parts) == 3 and parts[1] == "kvartal" and parts[0].rstrip(".") in QUARTERS:
            return _year(parts[2]), int(parts[0].rstrip(".")), None
        if len(parts) == 2 and parts[0] in MONTHS:
            return _year(parts[1]), None, MONTHS.index(parts[0]) + 1
    except ValueError:
        pass
    raise ValueError(text)


def _year(text: str) -> int:
    year = int(text)
    if not 1900 <= year <= 2200:
        raise ValueError(text)
    return year


def ascii_slug(text: str) -> str:
    """File-name-safe Danish: 'Udmøntningsplan 2025-2028' -> 'udmoentningsplan-2025-2028'."""
    from django.utils.text import slugify

    for danish, ascii_ in (
        ("æ", "ae"),
        ("ø", "oe"),
        ("å", "aa"),
        ("Æ", "Ae"),
        ("Ø", "Oe"),
        ("Å", "Aa"),
    ):
        text = text.replace(danish, ascii_)
    return slugify(text)
