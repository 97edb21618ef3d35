"""The forms of the lines the big meeting systems print, as data: one table per kind of line.

A new system's way of printing an item heading, a closure mark, a case number, a decision
heading or a section heading is a row in a table here, not a branch in the passes.
"""

from __future__ import annotations

import re

from reading.dates import MONTHS, WEEKDAY_NAMES, find_date
from reading.parse.patterns import any_of

MAX_HEADING = 200
# What the review says when the reader found no items in a meeting's document.
NO_ITEMS = "Kursen fandt ingen punkter i dokumentet."

SECTION_HEADINGS = {
    name.lower(): name
    for name in (
        "Sagsfremstilling", "Sammenhæng til andre politikker/strategier og fagområder",
        "Økonomiske konsekvenser", "Lovgrundlag", "Indstilling", "Resumé", "Resume",
        "Baggrund", "Sagsbeskrivelse", "Beskrivelse", "Vurdering", "Høring", "Høringssvar",
        "Kommunikation", "Tidsplan", "Bemærkninger", "Sagens tidligere behandling",
        "Administrationens indstilling", "Forvaltningens indstilling", "Direktionens indstilling",
        "Supplerende sagsfremstilling", "Personalemæssige konsekvenser",
        "Miljømæssige konsekvenser", "Retsgrundlag", "Lovgrundlag og politisk kompetence",
        "Historik", "Udtalelser", "Forslag", "Formål", "Sagens indhold", "Sagsresume",
        "Sagsresumé", "Konsekvenser", "Økonomi og finansiering", "Indledning",
        # FirstAgenda (Greve), SBSYS (Ballerup, Region Hovedstaden), Prepare, EG/Acadre:
        "Sagsprocedure", "Beslutningstema", "Forvaltningens vurdering", "Økonomi",
        "Forvaltningen indstiller", "Administrationen indstiller", "Øvrige forhold",
        "Øvrige konsekvenser", "Supplerende indstilling", "Supplerende sagsbeskrivelse",
        "Øvrig information", "Miljøvurdering", "Tidligere behandling", "Sammendrag",
        "Økonomiske konsekvenser og finansiering", "Beslutningen træffes af",
        "Punktet behandlet tidligere", "Sagen afgøres af", "Sagens baggrund",
    )
}  # fmt: skip


def section_heading(text: str) -> str | None:
    """The heading as printed (spaces collapsed, no colon) if `text` is a known section
    heading in any case ("RESUME", "Økonomiske\nkonsekvenser:"), else None."""
    printed = " ".join(text.split()).rstrip(":").strip()
    if len(printed) > 80 or printed.lower() not in SECTION_HEADINGS:
        return None
    if printed.isupper() and len(printed) > 3:
        printed = printed[:1] + printed[1:].lower()
    return printed


# -- Closure: how a system prints that an item is closed (one row per form) ------------------
# Systems that print a mark on closed items only ("Lukket: Title") and none on open ones: in
# their print an unmarked item is open. Named by the system's name in the page furniture.
MARKS_CLOSED_ONLY = {"firstagenda", "first agenda"}
# "Lukket: Title", "Lukket punkt: Title", "Lukket sag - Title", "(Lukket) Title", "Title
# (Lukket)", "Title - Lukket punkt"; "Lukket punkt" alone is a closed item without a title.
_CLOSED_WORD = r"Lukket(?:\s+(?:punkt|sag))?"
CLOSED_TITLE_FORMS = [
    re.compile(rf"^{_CLOSED_WORD}\s*[:\-–]\s*(?P<title>\S.{{0,300}})$", re.IGNORECASE),
    re.compile(rf"^\({_CLOSED_WORD}\)\s*[:\-–]?\s*(?P<title>\S.{{0,300}})$", re.IGNORECASE),
    re.compile(rf"^(?P<title>\S.{{0,300}}?)\s*\({_CLOSED_WORD}\)$", re.IGNORECASE),
    re.compile(rf"^(?P<title>\S.{{0,300}}?)\s+[-–]\s+{_CLOSED_WORD}$", re.IGNORECASE),
    re.compile(rf"^(?P<title>){_CLOSED_WORD}$", re.IGNORECASE),
]


# "Byråd 2022-2025", "Økonomiudvalget 2022", "Plan- og Udviklingsudvalget (slettet 10-01-2022)":
# the meeting system's name of one period of a body, not another body.
BODY_PERIOD = re.compile(r"\s+(?:\d{4}(?:\s*-\s*\d{4})?|\(slettet [^)]{0,20}\))$")
# A decision field that says it holds no decision.
NOT_RELEASED = ("beslutning ikke frigivet", "tomt indhold")


def body_name(name: str) -> str:
    """A body's name as printed, without the period a meeting system adds to it."""
    name = " ".join(name.split())
    if name.isupper() and len(name) > 3:
        name = name[:1] + name[1:].lower()
    for _ in range(2):
        name = BODY_PERIOD.sub("", name)
    return name


def not_released(text: str) -> bool:
    """A decision that says it is none ("Beslutning ikke frigivet", "Tomt indhold")."""
    return " ".join(text.split()).rstrip(".").casefold() in NOT_RELEASED


def closed_title(printed: str) -> tuple[str, bool]:
    """The title without its closure mark, and whether it had one."""
    printed = " ".join(printed.split())
    if "ukket" not in printed and "UKKET" not in printed:
        return printed, False
    for form in CLOSED_TITLE_FORMS:
        match = form.match(printed)
        if match:
            return match["title"].strip(), True
    return printed, False


ATTACHMENTS_HEADING = re.compile(r"^Bilag\s*:?$", re.IGNORECASE)

ROUTING_HEADING = re.compile(r"^Sagsgang\s*:?\s*(?P<rest>.*)$")

OVERVIEW_HEADING = re.compile(r"^Bilagsoversigt$")

SIGNATURE_HEADING = re.compile(r"^Underskriftsside$")

TOC_HEADING = re.compile(r"^Indholdsfortegnelse$")

DOCUMENT_TYPE = re.compile(
    r"^(?:(?:åben|åbent|offentlig|offentligt)\s+)?(?P<type>dagsorden|beslutningsprotokol|referat)"
    r"(?:\s+(?:for|til|fra)\s+(?:mødet\s+i\s+)?(?P<body>[A-ZÆØÅ][^\d]{2,80}?))?"
    r"(?:\s+(?:den|d\.)\s+(?P<date>.{4,40}))?$",
    re.IGNORECASE,
)

# The meeting's header as labelled lines or as a table's rows ("Mødedato: …", "Udvalg: |
# Socialudvalget", "Mødested<tab>Byrådssalen").
FRONT_FIELD = re.compile(
    r"^(?:- )?\|?\s*(?P<label>Udvalg|Sted|Mødested|Dato|Mødedato|Start kl\.|Starttidspunkt|"
    r"Mødestart|Slut kl\.|Sluttidspunkt|Mødeslut|Tidspunkt|Mødetidspunkt|Tid|Mødetid|Medlemmer|"
    r"Deltagere|Fraværende|Afbud)\s*(?::\s*(?:\|\s*)?|\t\s*|\|\s*)(?P<value>.*?)\s*\|?$"
)
# The meeting's date as a line of its own: "mandag den 5. marts 2018, kl. 16:00", "Tirsdag d.
# 3. marts 2026 kl. 15:00-17:00" (under a cover page's body name, or under the kind).
MEETING_LINE = re.compile(
    r"^(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+)?(?:den|d\.)\s+"
    r"(?P<date>\d{1,2}\.?\s*[a-zæøå]{3,9}\.?\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})"
    r"(?:,?\s+(?:kl\.?|klokken)\s*(?P<start>\d{1,2}(?:[.:]\d{2})?)"
    r"(?:\s*-\s*(?P<end>\d{1,2}(?:[.:]\d{2})?))?)?\.?$",
    re.IGNORECASE,
)

# Case numbers as the systems print them, one form a row: "22/291" (Norddjurs), "024-2019-17",
# "00.01.00-A00-1-22" (KLE journal), "24-000963" and "20-010677K" (Greve's FirstAgenda),
# "EMN-2024-004711" (Prepare/EG).
CASE_FORMS = [
    r"\d{2}/\d{1,6}",
    r"\d{3}-\d{4}-\d{1,7}",
    r"\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}",
    r"\d{2}-\d{6}K?",
    r"EMN-\d{4}-\d{3,7}",
]
CASE = "|".join(CASE_FORMS)

CODE = r"[A-ZÆØÅ]\d{2}|\d{2}\.\d{2}\.\d{2}(?:\.[A-ZÆØÅ]\d{2})?"

# Words that end in a period inside a title: the period ends no sentence.
ABBREVIATIONS = {
    "mv.",
    "mm.",
    "st.",
    "ca.",
    "nr.",
    "pkt.",
    "jf.",
    "evt.",
    "inkl.",
    "ekskl.",
    "aps.",
}
# How a title may start besides a letter: "§ 60 …", "'Det indeklemte areal' …", "10-årsplan …",
# "2. behandling af …" (after the item's own number).
TITLE_START = r"§\s?\d|['\"“”«»]\S|\d{1,4}-[^\W\d_]|\d{1,2}\.\s[^\W\d_]"
ITEM_HEADING = re.compile(
    r"^(?:(?:Punkt|Pkt\.?)\s+(?P<n1>\d{1,3})\s*[:.]?\s+|(?P<n2>\d{1,3})(?:\.\s+|\s+))"
    r"(?P<title>(?:\(Lukket(?:\s+(?:punkt|sag))?\)\s*)?"
    rf"(?:(?:{CODE}|{CASE})\s+){{0,2}}(?:[^\W\d_]|{TITLE_START})[^\t]{{0,190}})$"
)

CASE_LABEL = (
    r"(?:Sagsnr\.?|Sagsnummer|Sag nr\.?|Sags nr\.?|Sagsid\.?|J\.\s?nr\.?|Journalnr\.?|Sag)"
    r"\s*:?\s*"
)

# A status line: "Åben sag", "Lukket punkt", "(Lukket)", "Lukket sag".
STATUS = re.compile(
    r"^(?P<open>\()?(?P<access>Åbent?|Lukket)(?:\s+(?:sag|punkt))?(?(open)\))$", re.IGNORECASE
)

CASE_STATUS = re.compile(
    rf"^(?:(?P<code>{CODE})\s+)?(?P<case>{CASE})\s+(?P<access>Åbent?|Lukket)(?:\s+sag)?$",
    re.IGNORECASE,
)

STATUS_CASE = re.compile(
    rf"^(?P<access>Åbent?|Lukket)(?:\s+sag)?\s+(?:{CASE_LABEL})?(?:(?P<code>{CODE})\s+)?"
    rf"(?P<case>{CASE})$",
    re.IGNORECASE,
)

CASE_ONLY = re.compile(rf"^(?:{CASE_LABEL})?(?:(?P<code>{CODE})\s+)?(?P<case>{CASE})$")

TITLE_CASE_AFTER = re.compile(
    rf"^(?P<title>.+?)\s+(?:-\s+|\()?(?:{CASE_LABEL})?(?:(?P<code>{CODE})\s+)?(?P<case>{CASE})\)?$"
)

TITLE_CASE_BEFORE = re.compile(
    rf"^(?:(?P<code>{CODE})\s+)?(?P<case>{CASE})\s+(?:-\s+)?(?P<title>[^\W\d_].*)$"
)

TITLE_CODE_BEFORE = re.compile(rf"^(?P<code>{CODE})\s+(?P<title>[^\W\d_].*)$")

_BODY_WORDS = r"[A-ZÆØÅ][\w\-,]{0,40}(?:\s+(?:[A-ZÆØÅ][\w\-,]{0,40}|og|for)){0,6}"
_ITEM_REFERENCE = r"(?:\s*,?\s*(?:Punkt|Pkt\.?|Sag nr\.?)\s*\d{1,3})?"
DECISION_HEADING = re.compile(
    r"^Beslutning(?:\s+i\s+(?P<body>[A-ZÆØÅ][\w\-,]{0,40}(?:\s+(?:[A-ZÆØÅ][\w\-,]{0,40}|og|for)){0,5}"
    r"(?:\s+\d{4}(?:-\d{4})?)?))?"
    rf"(?:\s+(?:(?:den|d\.)\s+)?(?P<date>[^:]{{4,40}}?))?{_ITEM_REFERENCE}\s*(?::\s*(?P<rest>.*))?$"
)
# Decision headings, one form a row; each names the groups body, date and rest (the text on
# the heading's line), empty where the form has none. A bare heading is the meeting's own.
DECISION_HEADINGS = [
    # "Beslutning", "Beslutning i Udvalget for Teknik og Miljø den 07-05-2019", "Beslutning:"
    DECISION_HEADING,
    # "Beslutninger", "Afgørelse", "Udvalgets afgørelse"
    re.compile(
        r"^(?P<body>)(?:Beslutninger|Afgørelse|Afgørelser)(?P<date>)\s*(?::\s*(?P<rest>.*))?$"
    ),
    # "Økonomiudvalgets beslutning den 05.03.2019 Punkt 4", "Byrådets beslutning:"
    re.compile(
        rf"^(?P<body>{_BODY_WORDS}(?:\s+\d{{4}}(?:-\d{{4}})?)?)s\s+(?:beslutning|afgørelse)"
        rf"(?:\s+(?:den|d\.)\s+(?P<date>[^:]{{4,40}}?))?{_ITEM_REFERENCE}\s*(?::\s*(?P<rest>.*))?$"
    ),
]

DATE_WORDS = {"den", "d", *MONTHS, *WEEKDAY_NAMES}

DATE_NUMBER = re.compile(r"[\d./-]{1,10}")

NOT_PARTICIPATING = re.compile(r"^(?P<who>[A-ZÆØÅ].{1,120}?)\s+deltog\s+ikke\b.{0,80}$")

ABSENT_LABEL = re.compile(r"^(?:Afbud|Fraværende|Ikke til stede)\s*:\s*(?P<rest>.*)$")

ATTACHMENT_WITH_ID = re.compile(
    r"^(?:- )?(?P<number>\d{1,3})\s*-\s*\d{3,10}\s+(?P<access>Åben|Lukket)\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

ATTACHMENT_LINE = re.compile(
    r"^(?:- )?(?P<number>\d{1,3})\.?\s+(?P<access>Åben|Lukket)\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

ATTACHMENT_PLAIN = re.compile(r"^(?:- |(?P<number>\d{1,3})\.\s+)(?P<rest>\S.*)$")

DOCUMENT_NUMBER = re.compile(r"\(?(?P<number>\d{1,8}/\d{2})\)?$")

TRAILING_MARK = re.compile(r"\s*\([A-ZÆØÅ]\)$")

CLOSED_MARK = re.compile(r"\s*\((?:lukket|lukket bilag)\)$", re.IGNORECASE)

OVERVIEW_ENTRY = re.compile(r"^(?P<number>\d{1,3})\.\s+(?P<rest>.+)$")

# Åben, Lukket, (Lukket), Sagsnr., J.nr., EMN-; other cases and codes start with a digit
STATUS_FIRST = "ÅåAaLlSsJE("

# Whether a status line's first part is any of its forms: most lines are text, and fail here.
_STATUS_PART = any_of(STATUS, CASE_STATUS, STATUS_CASE, CASE_ONLY)

TIME_SLOT = re.compile(r"^Kl\.\s*\d{1,2}[.:]\d{2}(?:\s*-\s*\d{1,2}[.:]\d{2})?$")

TOC_ENTRY = re.compile(r"(?:\t|\.{2,}\s*|\s)\d{1,4}$")

BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<glyph>[-•◦▪‣∙*\uf0b7\uf0a7\uf076\uf0d8])\s+(?P<text>\S.*)$"
)

SUB_GLYPHS = "◦▪\uf0a7"

TAG = re.compile(r"<[^<>]{0,300}>")

SENTENCE_END = re.compile(r"[.!?:]$")

BROKEN_OFF = re.compile(r"[^\W\d_,]$|,$")

NAME_LIKE = re.compile(r"^[A-ZÆØÅ][^.:]{0,100}$")

MARKDOWN_RULE = re.compile(r"^\|?[\s:|-]*$")

SYMBOL_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8"


def _status(stripped: str) -> tuple[str | None, str | None, str | None] | None:
    """(access, case number, subject code) of a status line such as "22/291 Åben Sag" or
    "Åben sag · Sagsnr. 23/291"; None if the line is not one."""
    if len(stripped) > 120 or not stripped:
        return None
    first = stripped[0]
    if not (first.isdigit() or first in STATUS_FIRST or stripped[1:2].isdigit()):
        return None  # cheap test first: most lines are text
    if " · " not in stripped:
        parts = [stripped.strip()]
        if not _STATUS_PART.match(parts[0]):
            return None
    else:
        parts = [part.strip() for part in stripped.split(" · ")]
        if not _STATUS_PART.match(parts[0]):
            return None  # the first part is never a time slot
    access = case = code = None
    for part in parts:
        match = STATUS.match(part)
        if match:
            access = _access(match["access"])
            continue
        match = CASE_STATUS.match(part) or STATUS_CASE.match(part)
        if match:
            access, case, code = _access(match["access"]), match["case"], match["code"]
            continue
        match = CASE_ONLY.match(part)
        if match:
            case, code = match["case"], match["code"]
            continue
        if TIME_SLOT.match(part) and parts[0] != part:
            continue  # Kursen's own "· Kl. 11.00": the item's time on the agenda
        return None
    return (access, case, code)


def _access(word: str) -> str:
    return "closed" if word.lower() == "lukket" else "open"


def _is_marker(stripped: str) -> bool:
    """A line that always stands alone: a heading, a status line, an absentee or attachment."""
    if not stripped or len(stripped) > MAX_HEADING:
        return False
    if stripped.lower().rstrip(":").strip() in SECTION_HEADINGS or _status(stripped):
        return True
    first = stripped[0]
    if first in "Bb" and (
        ATTACHMENTS_HEADING.match(stripped)
        or stripped.rstrip(":") == "Beslutning"
        or " den " in stripped
        and DECISION_HEADING.match(stripped)
        or stripped[-1:].isdigit()
        and _decision_heading(stripped) is not None
    ):
        return True
    if first == "S" and len(stripped) < 60 and ROUTING_HEADING.match(stripped):
        return True
    if (
        "s beslutning" in stripped
        or "s afgørelse" in stripped
        or stripped.startswith(("Beslutninger", "Afgørelse"))
    ) and _decision_heading(stripped) is not None:
        return True
    if ":" in stripped and ABSENT_LABEL.match(stripped):
        return True
    if "deltog" in stripped and NOT_PARTICIPATING.match(stripped):
        return True
    return (first.isdigit() or first == "-") and ATTACHMENT_WITH_ID.match(stripped) is not None


def _month_first(title: str) -> bool:
    """Whether a title after "5. " makes it a date: "Dec.", "december 2023", "december"."""
    words = title.split(maxsplit=2)
    return words[0].rstrip(".,").lower() in MONTHS and (
        words[0].endswith(".") or len(words) == 1 or words[1][:4].isdigit()
    )


def _decision_heading(stripped: str) -> re.Match | None:
    """The match of a decision heading whose date, if it names one, is a date."""
    if not (
        stripped.startswith(("Beslutning", "Afgørelse"))
        or "s beslutning" in stripped
        or "s afgørelse" in stripped
    ):
        return None
    for form in DECISION_HEADINGS:
        match = form.match(stripped)
        if match and (not match["date"] or find_date(match["date"])):
            return match
    return None


def _dated(match: re.Match | None) -> bool:
    return match is not None and bool(match["date"])


def _date_only(text: str) -> bool:
    """Whether `text` is a date and nothing else ("13-12-2022", "den 6. december 2022")."""
    words = text.replace(",", " ").split()
    return (
        0 < len(words) <= 6
        and all(
            word.rstrip(".").lower() in DATE_WORDS or DATE_NUMBER.fullmatch(word) for word in words
        )
        and find_date(text) is not None
    )


def _unfinished_attachment(stripped: str) -> bool:
    """An attachment line that a wrapped title may continue: no document number or mark at
    its end."""
    return (
        (ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)) is not None
        and not DOCUMENT_NUMBER.search(stripped)
        and not TRAILING_MARK.search(stripped)
    )
