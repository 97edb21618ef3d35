"""Page furniture: the narrow, explicit rules for what in a document's text is not content.

Both the reader and the word-coverage measure use these, so a word the reader drops as an
artefact is exactly a word coverage does not count. Each rule recognises a whole line:

- page header/footer: a body name and a date ("Hovedudvalget 02-03-2023", also Kursen's own
  "Økonomiudvalget 22-11-2023 · Beslutningsprotokol"), when the name is a body's (ends in
  udvalg(et), bestyrelse(n), råd(et), Direktionen, ...), or the kind of document follows it,
  or the identical line recurs;
- page counter: "Side 3 af 7", "3 af 7", "3 of 9", "Side 3";
- the meeting system's name in a footer: "FirstAgenda", "Prepare", "eDagsorden",
  "Publiceret med FirstAgenda" (``SYSTEM_NAMES``, one row per system);
- a running head or foot: a line of two words or more that recurs at the edge of three pages
  or more (the body, kind and date as a system prints them above every page:
  "Økonomiudvalget - Referat - 25.06.2025");
- a bare page number: a line of one to three digits that is the first or last line of a page
  (pages are separated by a form feed; text without form feeds has no bare page numbers);
- extraction debris: "DocPart214767" (Word building-block names leaked into the text);
- stray list bullets: a line of bullet glyphs only ("•", "• • •", "◦"), as pypdf gives the
  markers of a page's lists, collected at the end of the page, when they are laid out apart
  from their text. A glyph followed by text is a list item, not debris.

Within a line, HTML tags left in table cells (``<ul style="...">``, ``<p>``) are markup, not
words: ``MARKUP`` removes them for coverage as the reader does for the text.

Bullet glyphs are not words, so coverage never counts them; the reader turns them into "- ".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import compress, count

from reading.dates import find_date
from reading.parse.patterns import any_of

# A body's words are possessive ({1,40}+): a space follows each, so giving a word's letters back
# never lets the form match, and text lines, whose words run on, fail without trying.
PAGE_HEADER = re.compile(
    r"^\s*(?P<body>[A-ZÆØÅ][\w\-]{1,40}+(?: [\w\-]{1,40}+){0,4}) (?P<date>\d{1,2}-\d{1,2}-\d{4})"
    r"(?: · (?P<kind>Dagsorden|Beslutningsprotokol|Referat))?\s*$"
)
# Page headers as the systems print them, one form a row; each names body, date and kind.
PAGE_HEADERS = [
    # "Hovedudvalget 02-03-2023", Kursen's "Økonomiudvalget 22-11-2023 · Beslutningsprotokol"
    PAGE_HEADER,
    # "Økonomiudvalget - Referat - 25.06.2025", "Socialudvalget | Dagsorden | 03-03-2026"
    re.compile(
        r"^\s*(?P<body>[A-ZÆØÅ][\w\-,]{1,40}+(?: [\w\-,]{1,40}+){0,5}) [-–|] "
        r"(?P<kind>Dagsorden|Beslutningsprotokol|Referat) [-–|] "
        r"(?P<date>\d{1,2}[-.]\d{1,2}[-.]\d{4}|\d{4}-\d{2}-\d{2})\s*$"
    ),
]
BODY_NAME = re.compile(
    r"(udvalg|udvalget|bestyrelse|bestyrelsen|råd|rådet|Direktionen|Byrådet|ledelsen|forum)$"
)
PAGE_COUNTER = re.compile(r"^\s*(?:Side \d{1,4}(?: af \d{1,4})?|\d{1,4} (?:af|of) \d{1,4})\s*$")
SYSTEM_NAMES = [
    "FirstAgenda", "First Agenda", "Prepare", "eDagsorden", "SBSYS", "Acadre", "EG Dagsorden",
    "Netpublicator", "Cubus", "WorkZone",
]  # fmt: skip
SYSTEM_LINE = re.compile(
    r"^\s*(?:(?:Publiceret|Udgivet|Udskrevet|Genereret)\s+(?:med|af|fra)\s+)?"
    rf"(?:{'|'.join(re.escape(name) for name in SYSTEM_NAMES)})(?:\s+[\w.:/-]{{1,30}}){{0,2}}\s*$",
    re.IGNORECASE,
)
# A PDF's footer boxes extracted as one line: "Side 1 af 8 FirstAgenda", "FirstAgenda 3 of 9".
_COUNTER = r"(?:Side \d{1,4}(?: af \d{1,4})?|\d{1,4} (?:af|of) \d{1,4})"
_SYSTEM = "|".join(re.escape(name) for name in SYSTEM_NAMES)
FOOTER_LINE = re.compile(
    rf"^\s*(?:{_COUNTER}\s+(?:{_SYSTEM})|(?:{_SYSTEM})\s+{_COUNTER})\s*$", re.IGNORECASE
)
RUNNING_PAGES = 3  # a line at the edge of this many pages is a running head or foot
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
DEBRIS = re.compile(r"^\s*DocPart\d+\s*$")
STRAY_BULLETS = re.compile(r"^\s*[•◦▪‣∙\uf0b7\uf0a7][\s•◦▪‣∙\uf0b7\uf0a7]*$")
# The three whole-line rules above as one pattern: one match per line instead of three.
_ANY_DEBRIS = re.compile(
    r"^\s*(?:DocPart\d+\s*|Side \d{1,4}(?: af \d{1,4})?\s*|\d{1,4} (?:af|of) \d{1,4}\s*|"
    r"[•◦▪‣∙\uf0b7\uf0a7][\s•◦▪‣∙\uf0b7\uf0a7]*)$"
)
# Whether a line could be any of the line rules: where it is not and it is not near a page's
# edge, `artefact_lines` has nothing to ask of it (most lines are text).
_ANY_FURNITURE = any_of(_ANY_DEBRIS, SYSTEM_LINE, FOOTER_LINE, *PAGE_HEADERS)
MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_NOT_A_BODY = {"Beslutning", "Dato", "Mødedato", "Referat", "Dagsorden", "Side"}


@dataclass
class PageHeader:
    body: str
    date: str | None
    kind: str | None


def page_header(line: str, repeated: bool) -> PageHeader | None:
    """The body, date and kind a page header names, if `line` is one."""
    if len(line) > 120:
        return None
    match = next((m for form in PAGE_HEADERS if (m := form.match(line))), None)
    if not match:
        return None
    body = match["body"]
    words = body.split()
    if words[0] in _NOT_A_BODY or words[-1] in ("den", "d", "af", "i"):
        return None
    if not (BODY_NAME.search(body) or match["kind"] or repeated):
        return None
    kind = match["kind"].lower() if match["kind"] else None
    return PageHeader(body=body, date=find_date(match["date"]), kind=kind)


def artefact_lines(lines: list[str], page_edges: set[int]) -> tuple[set[int], list[PageHeader]]:
    """Indexes of the lines that are artefacts, and the page headers found among them.

    `page_edges` are the indexes of the first and last non-blank line of each page (only for
    text that had form feeds)."""
    counts: Counter[str] | None = None  # counted when a repetition first decides a header
    near = _near_edges(lines, page_edges)
    at_edges = Counter(lines[index].strip() for index in near)
    drop: set[int] = set()
    headers: list[PageHeader] = []
    # Only where a line form matches (one match a line, looped in C) or near a page's edge can
    # a rule hold; those lines in order.
    matched = compress(count(), map(_ANY_FURNITURE.match, lines))
    for index in sorted(near.union(matched)):
        line = lines[index]
        if not line or len(line) > 120:
            continue
        if _ANY_DEBRIS.match(line):  # DEBRIS, PAGE_COUNTER or STRAY_BULLETS
            drop.add(index)
        elif index in page_edges and PAGE_NUMBER.match(line):
            drop.add(index)
        elif SYSTEM_LINE.match(line) or FOOTER_LINE.match(line):
            drop.add(index)
        elif (
            at_edges[line.strip()] >= RUNNING_PAGES
            and index in near
            and " " in line.strip()
            and page_header(line, True) is None
        ):
            drop.add(index)
        else:
            # A repeated line is read as a header where a single one is not: the lines are
            # counted only when that decides.
            header = page_header(line, True)
            if header and page_header(line, False) is None:
                if counts is None:
                    counts = Counter([text.strip() for text in lines if 0 < len(text) <= 120])
                if counts[line.strip()] <= 1:
                    header = None
            if header:
                drop.add(index)
                headers.append(header)
    return drop, headers


def systems_named(lines: list[str], drop: set[int]) -> set[str]:
    """The meeting systems whose name the dropped footer lines print ("FirstAgenda")."""
    named: set[str] = set()
    for index in drop:
        line = lines[index]
        if "\n" in line or len(line) > 120:
            continue
        lowered = line.casefold()
        named.update(name for name in SYSTEM_NAMES if name.casefold() in lowered)
    return named


def _near_edges(lines: list[str], page_edges: set[int]) -> set[int]:
    """The page edges and the non-blank line next to each, inward or outward: a PDF's margin
    boxes come out together at a page's end (the running head above the page counter)."""
    near = set(page_edges)
    for edge in page_edges:
        for step in (-1, 1):
            index = edge + step
            while 0 <= index < len(lines) and not lines[index].strip() and abs(index - edge) < 3:
                index += step
            if 0 <= index < len(lines) and lines[index].strip():
                near.add(index)
    return near


def split_pages(text: str) -> tuple[list[str], set[int]]:
    """The text's lines and the indexes of each page's first and last non-blank line."""
    lines: list[str] = []
    edges: set[int] = set()
    pages = text.split("\f")
    for page in pages:
        start = len(lines)
        lines.extend(page.split("\n"))
        if len(pages) > 1:
            filled = [i for i in range(start, len(lines)) if lines[i].strip()]
            if filled:
                edges.update((filled[0], filled[-1]))
    return lines, edges


def content_lines(text: str) -> list[str]:
    """The lines of `text` that are not artefacts (for coverage)."""
    lines, edges = split_pages(text)
    drop, _ = artefact_lines(lines, edges)
    return [
        MARKUP.sub(" ", line) if "<" in line else line
        for index, line in enumerate(lines)
        if index not in drop
    ]
