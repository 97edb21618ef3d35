"""Danish dates and times as printed in agendas and minutes, to ISO strings.

Forms read: "06-12-2022", "den 06-12-2022", "Onsdag den 22. november 2023", "d. 5/12 2023",
"6/12-2022", "6. dec. 2022", "2022-12-06", "6.12.2022". Anything else is not a date (None),
never a guess.
"""

from __future__ import annotations

import datetime
import functools
import re

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
]  # fmt: skip
WEEKDAY_NAMES = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

_MONTH_ALTERNATIVES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "06-12-2022", "6.12.2022", "5/12 2023", and "6/12-2022" (day/month-year, common in Danish).
_NUMERIC = re.compile(
    r"(?<![\d/.-])(\d{1,2})([-./])(\d{1,2})(?:\2|\s|(?<=/\d)-|(?<=/\d\d)-)(\d{4}|\d{2})(?![\d/-])"
)
_WORDS = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s?({_MONTH_ALTERNATIVES})\.?,?\s(\d{{4}})(?!\d)", re.IGNORECASE
)
_TIME = re.compile(r"(?<!\d)([0-2]?\d)(?:[:.]([0-5]\d))?(?!\d)")


def _date(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# A document asks for the same few dates again and again (its meeting's, in every decision
# heading and page header); the answer depends on the text alone.
@functools.lru_cache(maxsize=4096)
def find_date(text: str) -> str | None:
    """The first date in `text` as "YYYY-MM-DD", or None."""
    found: list[tuple[int, str]] = []
    match = _ISO.search(text)
    if match:
        value = _date(int(match[1]), int(match[2]), int(match[3]))
        if value:
            found.append((match.start(), value))
    match = _NUMERIC.search(text)
    if match:
        value = _date(int(match[4]), int(match[3]), int(match[1]))
        if value:
            found.append((match.start(), value))
    match = _WORDS.search(text)
    if match:
        value = _date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
        if value:
            found.append((match.start(), value))
    return min(found)[1] if found else None


def parse_time(text: str) -> str | None:
    """ "9:00", "kl. 9.00", "09.30" as "HH:MM"; None if there is no valid time."""
    match = _TIME.search(text)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2] or 0)
    if hours > 23:
        return None
    return f"{hours:02d}:{minutes:02d}"


def printed_forms(iso: str) -> set[str]:
    """Words a printed form of the date may use: for word coverage of "Onsdag den 22. november"."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return set()
    month = MONTH_NAMES[day.month - 1]
    return {
        str(day.year), str(day.month), str(day.day), str(day.year % 100), month, month[:3],
        WEEKDAY_NAMES[day.weekday()],
    }  # fmt: skip
