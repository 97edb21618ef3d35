"""From the text of an agenda, minutes or case extract to the parsed-document schema.

The text goes through linear passes, each over lines:

1. normalise characters (no-break spaces, soft hyphens, symbol-font bullets) and drop the
   artefact lines of ``reading.artefacts`` (page headers and footers, debris), keeping what the
   page headers say (body, date, kind of document);
2. "double-spaced" text (every line followed by an empty line, paragraphs separated by a line
   of spaces only, as in seeds 002 and 003) is rewritten to the ordinary form: blank line
   between paragraphs, single newlines between the broken lines of one paragraph;
3. the front page (kind of document, body, Sted, Dato, Start/Slut kl., Medlemmer, Fraværende),
   the table of contents, the items, the attachment overview and the signature page are told
   apart by their headings;
4. each item's lines are split at its headings into status and case number, routing
   ("Sagsgang"), sections, decisions ("Beslutning i ... den ...") and attachments ("Bilag").

Every regular expression is anchored and bounded and is only tried on lines of at most
``MAX_HEADING`` characters, so no input makes the reader backtrack for long.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reading.artefacts import artefact_lines, split_pages
from reading.dates import MONTHS, WEEKDAY_NAMES, find_date, parse_time
from reading.schema import Access, Decision, DocumentType, Item, Meeting, ParsedDocument

MAX_HEADING = 200

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
    )
}  # fmt: skip
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
FRONT_FIELD = re.compile(
    r"^(?:- )?(?P<label>Sted|Mødested|Dato|Mødedato|Start kl\.|Starttidspunkt|Mødestart|"
    r"Slut kl\.|Sluttidspunkt|Mødeslut|Tidspunkt|Mødetidspunkt|Tid|Mødetid|Medlemmer|Deltagere|"
    r"Fraværende|Afbud)\s*:\s*(?P<value>.*)$"
)
CASE = r"\d{2}/\d{1,6}|\d{3}-\d{4}-\d{1,7}|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}"
CODE = r"[A-ZÆØÅ]\d{2}|\d{2}\.\d{2}\.\d{2}(?:\.[A-ZÆØÅ]\d{2})?"
ITEM_HEADING = re.compile(
    r"^(?:(?:Punkt|Pkt\.?)\s+(?P<n1>\d{1,3})\s*[:.]?\s+|(?P<n2>\d{1,3})(?:\.\s+|\s+))"
    rf"(?P<title>(?:(?:{CODE}|{CASE})\s+){{0,2}}[^\W\d_][^\t]{{0,190}})$"
)
CASE_LABEL = (
    r"(?:Sagsnr\.?|Sagsnummer|Sag nr\.?|Sags nr\.?|Sagsid\.?|J\.\s?nr\.?|Journalnr\.?)\s*:?\s*"
)
STATUS = re.compile(r"^(?P<access>Åbent?|Lukket)(?:\s+(?:sag|punkt))?$", re.IGNORECASE)
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
DECISION_HEADING = re.compile(
    r"^Beslutning(?:\s+i\s+(?P<body>[A-ZÆØÅ][\w\-]{0,40}(?:\s+(?:[A-ZÆØÅ][\w\-]{0,40}|og|for)){0,5}))?"
    r"(?:\s+(?:(?:den|d\.)\s+)?(?P<date>[^:]{4,40}?))?\s*(?::\s*(?P<rest>.*))?$"
)
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
STATUS_FIRST = "ÅåAaLlSsJ"  # Åben, Lukket, Sagsnr., J.nr.; a case or code starts with a digit
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


@dataclass
class Block:
    """Lines between two headings, with the heading that opened them."""

    kind: str  # "section", "decision", "attachments", "routing", "status"
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    body: str = ""
    date: str | None = None


class Parser:
    def __init__(self, text: str, source: str):
        self.source = source
        self.warnings: list[str] = []
        self.header_body: str | None = None
        self.header_date: str | None = None
        self.header_kind: str | None = None
        # Attachments whose document number was guessed from a stray number line (by id()).
        self.guessed: set[int] = set()
        self.lines = self._prepare(text)

    # -- Pass 1 and 2: characters, artefacts, double spacing ------------------------------

    def _prepare(self, text: str) -> list[str]:
        text = (
            text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
            .replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
        )  # fmt: skip
        lines, edges = split_pages(text)
        drop, headers = artefact_lines(lines, edges)
        for header in headers:
            self.header_body = self.header_body or header.body
            self.header_date = self.header_date or header.date
            self.header_kind = self.header_kind or header.kind
        kept: list[str | None] = []
        for index, line in enumerate(lines):
            if index in drop:
                # A dropped line between two text lines must not join them.
                kept.append(None)
            else:
                kept.append(line.rstrip(" "))
        if self._double_spaced(lines):
            return _join_wrapped_decisions(self._undouble(lines, drop))
        result = []
        for line in kept:
            if line is None:
                continue
            result.append(_symbol_bullet(line))
        return _join_wrapped_decisions(self._join_broken_paragraphs(result))

    @staticmethod
    def _double_spaced(lines: list[str]) -> bool:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if len(filled) < 6:
            return False
        spaced = sum(1 for i in filled if i + 1 < len(lines) and lines[i + 1] == "")
        separators = sum(1 for line in lines if line and not line.strip())
        # Sentences broken over a blank line: "... en" / "" / "udmøntningsplan, som ...".
        broken = sum(
            1
            for i in filled
            if i + 2 < len(lines)
            and lines[i + 1] == ""
            and lines[i + 2][:1].islower()
            and not SENTENCE_END.search(lines[i].rstrip())
        )
        return (
            spaced >= 0.6 * len(filled) and separators >= 1 and broken >= max(2, len(filled) // 8)
        )

    def _undouble(self, lines: list[str], drop: set[int]) -> list[str]:
        """Seeds 002/003: "" after every line, " " between paragraphs, a page break as a line
        directly after another, often starting with a space; a lost bullet glyph leaves a line
        starting with a space inside a paragraph."""
        out: list[str] = []
        previous = "separator"  # what came before the current line: separator, blank, direct
        last_text = ""
        in_list = False
        for index, raw in enumerate(lines):
            if index in drop:
                previous = "separator" if previous == "separator" else "blank"
                continue
            if raw == "":
                if previous == "direct":
                    previous = "blank"
                continue
            if not raw.strip():
                previous = "separator"
                continue
            line = raw.rstrip()
            stripped = line.strip()
            glyph = stripped[0] in SYMBOL_BULLETS
            if glyph:
                stripped = stripped[1:].strip()
            marker = _is_marker(stripped) or (
                # "1. Title" after a line that does not break off mid-sentence
                ITEM_HEADING.match(stripped) is not None
                and (
                    not BROKEN_OFF.search(last_text)
                    or last_text.startswith(("- ", "|"))
                    or ATTACHMENT_LINE.match(last_text) is not None
                )
                and len(stripped) <= MAX_HEADING
            )
            new_paragraph = (
                previous == "separator"
                or marker
                or _is_marker(last_text)
                and not (
                    previous == "blank"
                    and _unfinished_attachment(last_text)
                    and not DOCUMENT_NUMBER.fullmatch(stripped)  # seed 004's lone number
                )
            )
            bullet = glyph
            if not new_paragraph and not glyph:
                if previous == "direct":
                    # A page break inside a paragraph, or between two.
                    if SENTENCE_END.search(last_text) and stripped[:1].isupper():
                        new_paragraph = True
                elif line.startswith(" ") and not line.startswith("  "):
                    bullet = True
            if new_paragraph:
                in_list = bullet
                if out and out[-1] != "":
                    out.append("")
            elif bullet and not in_list:
                in_list = True
                out.append("")
            out.append(f"- {stripped}" if bullet else stripped)
            last_text = stripped
            previous = "direct"
        return out

    @staticmethod
    def _join_broken_paragraphs(lines: list[str]) -> list[str]:
        """A blank line between "... og punkterne vil" and "indgå i ..." is a page break."""
        out: list[str] = []
        for line in lines:
            if (
                line
                and line[0].islower()
                and len(out) >= 2
                and out[-1] == ""
                and out[-2]
                and out[-2][-1:].isalpha()
                and out[-2][-1:].islower()
                and not BULLET.match(out[-2])
                and "\t" not in out[-2]
                and not _is_marker(out[-2].strip())
            ):
                out.pop()
            out.append(line)
        return out

    # -- Pass 3: the document's parts -------------------------------------------------------

    def parse(self) -> ParsedDocument:
        lines = self.lines
        starts = self._item_starts(lines) or self._unnumbered_starts(lines)
        end = len(lines)
        for index, line in enumerate(lines):
            stripped = line.strip()
            if (OVERVIEW_HEADING.match(stripped) or SIGNATURE_HEADING.match(stripped)) and (
                not starts or index > starts[0][0]
            ):
                end = index
                break
        starts = [s for s in starts if s[0] < end]
        front_end = starts[0][0] if starts else 0
        front = self._front_page(lines[:front_end])
        items = []
        if starts:
            for position, (index, number, title) in enumerate(starts):
                stop = starts[position + 1][0] if position + 1 < len(starts) else end
                body = index + 1
                if number is not None:
                    title, body = _wrapped_title(lines, title, body, stop)
                items.append(self._item(number, title, lines[body:stop]))
        else:
            region = lines[:end]
            if any(line.strip() for line in region):
                items.append(self._unnumbered_item(region))
        self._overview(lines, end, items)
        signatures = self._signatures(lines, end)
        return self._document(front, items, signatures)

    def _unnumbered_starts(self, lines: list[str]) -> list[tuple[int, int | None, str]]:
        """Items without numbers: a title line directly before a status line ("Åben sag").
        Used only when no numbered item is found and there are two or more such items; a
        single case extract is read as one item from the top instead."""
        starts: list[tuple[int, int | None, str]] = []
        previous = None  # index of the last non-blank line
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                continue
            status = _status(stripped)
            if status and status[0] and previous is not None:
                title = lines[previous].strip()
                if (
                    len(title) <= MAX_HEADING
                    and not _is_marker(title)
                    and not SENTENCE_END.search(title)
                    and title[:1].isupper()
                    and (not starts or starts[-1][0] < previous)
                ):
                    starts.append((previous, None, title))
            previous = index
        if len(starts) < 2:
            return []
        self.warnings.append("Punkterne har ingen numre; titlen er linjen før »Åben/Lukket sag«.")
        return starts

    def _item_starts(self, lines: list[str]) -> Sequence[tuple[int, int | None, str]]:
        starts: list[tuple[int, int, str]] = []
        # Where blank lines separate paragraphs, a heading starts one; a PDF's text has no
        # blank lines at all, so there the rule cannot apply.
        paragraphed = sum(1 for line in lines if not line.strip()) * 20 >= len(lines)
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped or len(stripped) > MAX_HEADING or line.startswith(" "):
                continue
            match = ITEM_HEADING.match(stripped)
            if not match:
                continue
            if paragraphed and index and lines[index - 1].strip():
                continue
            if match["n2"] and stripped[len(match["n2"])] == " " and match["title"][0].islower():
                continue  # "80 år forventes ...": a sentence broken before a number
            if match["n2"] and _month_first(match["title"]):
                continue  # "5. Dec. ...", "5. december 2023": a date, as in a table's rows
            number = int(match["n1"] or match["n2"])
            if starts and number <= starts[-1][1]:
                continue
            title = match["title"].strip()
            if TOC_ENTRY.search(title) and "\t" in stripped:
                continue
            if ATTACHMENT_WITH_ID.match(stripped) or (
                match["n2"]
                and stripped[len(match["n2"])] == " "
                and ATTACHMENT_LINE.match(stripped)
            ):
                continue  # "2 Lukket Notat (424242/23)": an attachment line, not "2 Title"
            if match["n2"] and " " == stripped[len(match["n2"])] and title[-1] in ".,;":
                continue  # "80 år forventes ... procent." is a broken sentence, not "1 Title"
            in_sequence = not starts or number == starts[-1][1] + 1
            if self._item_follows(lines, index + 1, strict=not in_sequence):
                starts.append((index, number, title))
        return starts

    @staticmethod
    def _item_follows(lines: list[str], start: int, strict: bool = False) -> bool:
        """An item heading is followed, within a few lines, by its status, case or routing;
        out of sequence (a number skipped), directly by its status or routing."""
        seen = 0
        for line in lines[start : start + 12]:
            stripped = line.strip()
            if not stripped:
                continue
            if ITEM_HEADING.match(stripped) and not _status(stripped):
                return False
            if _status(stripped) or ROUTING_HEADING.match(stripped):
                return True
            if not strict and stripped.lower().rstrip(":") in SECTION_HEADINGS:
                return True
            seen += 1
            if seen >= 3 or strict:
                return False
        return False

    def _front_page(self, lines: list[str]) -> dict:
        front: dict = {"type": None, "body": None, "fields": {}, "members": [], "absent": []}
        previous = None
        current = None
        body_next = False
        for line in lines:
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            if len(stripped) > MAX_HEADING:
                current = None
                continue
            match = DOCUMENT_TYPE.match(stripped)
            if match and front["type"] is None:
                front["type"] = match["type"].lower()
                if match["date"] and find_date(match["date"]):
                    front["fields"].setdefault("Dato", match["date"])
                if match["body"]:
                    front["body"] = match["body"].strip()
                elif previous and not previous.endswith("Kommune"):
                    front["body"] = previous
                else:
                    body_next = True
                current = None
                continue
            if body_next:
                body_next = False
                if not FRONT_FIELD.match(stripped) and not TOC_HEADING.match(stripped):
                    front["body"] = stripped
                    continue
            match = FRONT_FIELD.match(stripped)
            if match:
                label, value = match["label"], match["value"].strip()
                if label in ("Medlemmer", "Deltagere"):
                    current = front["members"]
                    current.extend(_names(value))
                elif label in ("Fraværende", "Afbud"):
                    current = front["absent"]
                    current.extend(_names(value))
                else:
                    front["fields"].setdefault(label, value)
                    current = None
                continue
            if TOC_HEADING.match(stripped):
                current = None
                continue
            if stripped.startswith("Intern udgave"):
                # Kursen's own notice that the document holds closed content.
                self.warnings.append(stripped)
                current = None
                continue
            if current is not None and NAME_LIKE.match(stripped) and not stripped.endswith("."):
                current.append(_spaces(stripped))
                continue
            current = None
            previous = stripped
        return front

    # -- Pass 4: an item -----------------------------------------------------------------

    def _unnumbered_item(self, lines: list[str]) -> Item:
        title_lines: list[str] = []
        start = 0
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                continue
            if _is_marker(stripped):
                start = index
                break
            title_lines.append(stripped)
            start = index + 1
            if len(title_lines) >= 2:
                break
        title = " ".join(title_lines) or None
        item = self._item(None, title, lines[start:])
        if item["title"] is None:
            self.warnings.append("Sagens titel står ikke i dokumentet.")
        return item

    def _item(self, number: int | None, title: str | None, lines: list[str]) -> Item:
        # "access" is None until the item's status line is read; set before returning.
        item: Item = {
            "number": number, "title": title, "case_number": None, "subject_code": None,
            "access": None, "routing": [], "sections": [], "decisions": [], "attachments": [],  # type: ignore[typeddict-item]
        }  # fmt: skip
        if title:
            self._title_case(item, title)
        blocks: list[Block] = []
        current = Block("intro")
        blocks.append(current)
        for line in lines:
            stripped = line.strip()
            heading = self._heading(stripped, item) if len(stripped) <= MAX_HEADING else None
            if heading is None:
                current.lines.append(line)
            elif heading.kind == "status":
                continue
            else:
                current = heading
                blocks.append(current)
        for block in blocks:
            if block.kind == "intro":
                self._intro(block, item)
            elif block.kind == "routing":
                self._intro(Block("intro", lines=self._routing(block, item)), item)
            elif block.kind == "section":
                item["sections"].append({"heading": block.heading, "text": _text(block.lines)})
            elif block.kind == "decision":
                item["decisions"].append(self._decision(block))
            elif block.kind == "attachments":
                self._attachments(block.lines, item)
        if item["access"] is None:
            item["access"] = "open"
            if not (number is not None and not item["sections"] and not item["decisions"]):
                self.warnings.append(
                    "Sagens status (åben/lukket) står ikke i dokumentet; læst som åben."
                    if number is None
                    else f"Punkt {number}: status (åben/lukket) står ikke i dokumentet; "
                    "læst som åben."
                )
        return item

    def _title_case(self, item: Item, title: str) -> None:
        if len(title) > MAX_HEADING:
            return
        match = TITLE_CASE_BEFORE.match(title) or TITLE_CASE_AFTER.match(title)
        if match:
            item["title"] = match["title"].strip()
            item["case_number"] = match["case"]
            item["subject_code"] = match["code"]
            return
        match = TITLE_CODE_BEFORE.match(title)
        if match:
            item["title"] = match["title"].strip()
            item["subject_code"] = match["code"]

    def _heading(self, stripped: str, item: Item) -> Block | None:
        if not stripped:
            return None
        status = _status(stripped)
        if status:
            access, case, code = status
            if access and item["access"] is None:
                item["access"] = access
            if case and item["case_number"] is None:
                item["case_number"], item["subject_code"] = case, code
            return Block("status")
        lowered = stripped.lower().rstrip(":").strip()
        if lowered in SECTION_HEADINGS:
            return Block("section", heading=stripped.rstrip(":").strip())
        first = stripped[0]
        if first not in "BbS":
            return None
        if ATTACHMENTS_HEADING.match(stripped):
            return Block("attachments")
        match = ROUTING_HEADING.match(stripped)
        if match:
            block = Block("routing")
            if match["rest"]:
                block.lines.append(match["rest"])
            return block
        match = _decision_heading(stripped)
        if match:
            block = Block(
                "decision",
                body=_spaces(match["body"] or ""),
                date=find_date(match["date"]) if match["date"] else None,
            )
            if match["rest"]:
                block.lines.append(match["rest"])
            return block
        return None

    def _intro(self, block: Block, item: Item) -> None:
        if not any(line.strip() for line in block.lines):
            return
        text = _text(block.lines)
        if not text:
            return
        item["sections"].append({"heading": "Indledning", "text": text})
        if item["number"] is not None:
            where = f"Punkt {item['number']}"
        else:
            where = f"Punktet »{item['title']}«" if item["title"] else "Sagen"
        self.warnings.append(
            f"{where}: teksten før første overskrift er lagt i et afsnit med overskriften "
            "»Indledning«."
        )

    @staticmethod
    def _routing(block: Block, item: Item) -> list[str]:
        """Reads the routing line; returns the lines after it (text before any section)."""
        rest: list[str] = []
        for line in block.lines:
            stripped = line.strip()
            if not stripped:
                if item["routing"]:
                    rest.append(line)
                continue
            if not item["routing"] and len(stripped) <= 120:
                item["routing"] = [
                    part.strip() for part in re.split(r",|→|->| - ", stripped) if part.strip()
                ]
            else:
                rest.append(line)
        return rest

    def _decision(self, block: Block) -> Decision:
        absent: list[str] = []
        text_lines: list[str] = []
        listing = False
        for line in block.lines:
            stripped = _spaces(line.strip())
            if not stripped:
                if not listing:
                    text_lines.append("")
                continue
            if len(stripped) <= MAX_HEADING:
                match = NOT_PARTICIPATING.match(stripped)
                if match:
                    absent.append(match["who"].strip())
                    listing = False
                    continue
                match = ABSENT_LABEL.match(stripped)
                if match:
                    absent.extend(_names(match["rest"]))
                    listing = True
                    continue
                if listing and NAME_LIKE.match(stripped) and not stripped.endswith("."):
                    absent.append(stripped)
                    continue
            listing = False
            text_lines.append(line)
        # A bare "Beslutning" gets the meeting's body and date in `_document`.
        return {"body": block.body, "date": block.date, "text": _text(text_lines), "absent": absent}

    def _attachments(self, lines: list[str], item: Item) -> None:
        stray: list[str] = []
        for stripped in _attachment_entries(_table_lines(lines)):
            match = ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)
            if match:
                number = int(match["number"])
                access: Access = "closed" if match["access"].lower() == "lukket" else "open"
            else:
                match = ATTACHMENT_PLAIN.match(stripped)
                if not match:
                    number_only = DOCUMENT_NUMBER.fullmatch(stripped)
                    if number_only:
                        stray.append(number_only["number"])
                    else:
                        self.warnings.append(f"Bilagslinjen »{stripped[:80]}« blev ikke forstået.")
                    continue
                number = int(match["number"]) if match["number"] else None
                access = "open"
            title, document_number, closed = _attachment_rest(match["rest"])
            if closed:
                access = "closed"
            item["attachments"].append(
                {"number": number, "title": title, "access": access,
                 "document_number": document_number}
            )  # fmt: skip
        for document_number in stray:
            candidates = [
                a for a in item["attachments"]
                if a["document_number"] is None and a["access"] == "open"
            ]  # fmt: skip
            if candidates:
                candidates[0]["document_number"] = document_number
                self.guessed.add(id(candidates[0]))
            else:
                self.warnings.append(
                    f"Dokumentnummeret {document_number} kunne ikke knyttes til et bilag."
                )

    # -- After the items -------------------------------------------------------------------

    def _overview(self, lines: list[str], end: int, items: list[Item]) -> None:
        """The attachment overview confirms and completes the items' attachment lines."""
        by_number = {item["number"]: item for item in items if item["number"] is not None}
        current = None
        in_overview = False
        for line in lines[end:]:
            stripped = line.strip()
            if OVERVIEW_HEADING.match(stripped):
                in_overview = True
                continue
            if SIGNATURE_HEADING.match(stripped):
                break
            if not in_overview or not stripped or len(stripped) > MAX_HEADING:
                continue
            match = OVERVIEW_ENTRY.match(stripped)
            if not match:
                continue
            number = int(match["number"])
            rest = match["rest"].strip()
            item = by_number.get(number)
            if item is not None and item["title"] and rest == item["title"]:
                current = item
                continue
            if current is None:
                continue
            title, document_number, closed = _attachment_rest(rest)
            for attachment in current["attachments"]:
                if attachment["number"] != number:
                    continue
                if document_number and attachment["document_number"] in (None, document_number):
                    attachment["document_number"] = document_number
                    self.guessed.discard(id(attachment))
                if title and attachment["title"] is None and not closed:
                    attachment["title"] = title
        for item in items:
            for attachment in item["attachments"]:
                if id(attachment) in self.guessed:
                    self.warnings.append(
                        f"Dokumentnummeret {attachment['document_number']} står under "
                        "bilagslisten og er knyttet til første åbne bilag uden nummer."
                    )

    @staticmethod
    def _signatures(lines: list[str], end: int) -> list[str]:
        names: list[str] = []
        in_signatures = False
        for line in lines[end:]:
            stripped = _spaces(line.strip())
            if SIGNATURE_HEADING.match(stripped):
                in_signatures = True
                continue
            if in_signatures and stripped and NAME_LIKE.match(stripped):
                names.append(stripped)
        return names

    def _document(self, front: dict, items: list[Item], signatures: list[str]) -> ParsedDocument:
        fields = front["fields"]
        document_type: DocumentType | None = front["type"] or self.header_kind  # type: ignore[assignment]
        has_front = bool(front["type"] or fields or front["members"])
        body = front["body"] or self.header_body
        date = None
        for label in ("Dato", "Mødedato"):
            if label in fields:
                date = find_date(fields[label])
                if date is None:
                    self.warnings.append(f"Mødedatoen »{fields[label][:40]}« kunne ikke læses.")
        date = date or self.header_date
        if document_type is None and not has_front and len(items) <= 1:
            document_type = "sag"
        elif document_type is None and items:
            self.warnings.append("Dokumentets art (dagsorden eller protokol) står ikke i det.")
        if (body is None or date is None) and not has_front:
            decisions = [d for item in items for d in item["decisions"] if d["date"]]
            if decisions:
                latest = max(decisions, key=lambda d: d["date"] or "")
                if body is None and date is None:
                    body, date = latest["body"], latest["date"]
                    printed = "-".join(reversed((date or "").split("-")))
                    self.warnings.append(
                        "Dokumentet har ingen forside; udvalg og mødedato er udledt af den "
                        f"seneste beslutning ({body} den {printed})."
                    )
        bare = [d for item in items for d in item["decisions"] if not d["body"]]
        if bare:
            for decision in bare:
                decision["body"] = body or ""
                decision["date"] = decision["date"] or date
            printed = "-".join(reversed(date.split("-"))) if date else "ukendt dato"
            self.warnings.append(
                f"{len(bare)} beslutning(er) nævner ikke udvalg og dato; læst som mødets "
                f"({body or 'ukendt udvalg'}, {printed})."
            )
        start = end = None
        spans = ("Tidspunkt", "Mødetidspunkt", "Tid", "Mødetid")  # "kl. 9.00-17.00"
        for label in ("Start kl.", "Starttidspunkt", "Mødestart", *spans):
            if label in fields:
                start = parse_time(fields[label])
                if label in spans and "-" in fields[label]:
                    end = parse_time(fields[label].split("-", 1)[1])
                break
        for label in ("Slut kl.", "Sluttidspunkt", "Mødeslut"):
            if label in fields:
                end = parse_time(fields[label])
                break
        place = fields.get("Sted") or fields.get("Mødested") or None
        members = front["members"]
        if not members and signatures:
            members = signatures
        meeting: Meeting | None = None
        if has_front or date or body:
            meeting = {
                "date": date, "start": start, "end": end, "place": place,
                "members": members, "absent": front["absent"],
            }  # fmt: skip
        if body is None:
            self.warnings.append("Udvalget står ikke i dokumentet.")
        if has_front and date is None:
            self.warnings.append("Mødedatoen står ikke i dokumentet.")
        if not items:
            self.warnings.append("Dokumentet indeholder ingen punkter, som kunne læses.")
        return {
            "source": self.source,
            "document_type": document_type,
            "body": body,
            "meeting": meeting,
            "items": items,
            "warnings": self.warnings,
        }


# -- Helpers -----------------------------------------------------------------------------------


def _symbol_bullet(line: str) -> str:
    stripped = line.lstrip()
    if stripped and stripped[0] in SYMBOL_BULLETS:
        indent = line[: len(line) - len(stripped)]
        return f"{indent}- {stripped[1:].strip()}"
    return line


def _status(stripped: str) -> tuple[str | None, str | None, str | None] | None:
    """(access, case number, subject code) of a status line such as "22/291 Åben Sag" or
    "Åben sag · Sagsnr. 23/291"; None if the line is not one."""
    if len(stripped) > 120 or not stripped:
        return None
    first = stripped[0]
    if not (first.isdigit() or first in STATUS_FIRST or stripped[1:2].isdigit()):
        return None  # cheap test first: most lines are text
    parts = [part.strip() for part in stripped.split(" · ")]
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
    if not stripped.startswith("Beslutning"):
        return None
    match = DECISION_HEADING.match(stripped)
    if match and (match["date"] is None or find_date(match["date"])):
        return match
    return None


def _dated(match: re.Match | None) -> bool:
    return match is not None and match["date"] is not None


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


def _join_wrapped_decisions(lines: list[str]) -> list[str]:
    """A decision heading broken over two lines, as a PDF's narrow column prints it
    ("Beslutning i Kommunalbestyrelsen den" / "13-12-2022", "Beslutning i Børne- og" /
    "Ungdomsudvalget den 06-12-2022"), as one line; the second line holds the date and
    nothing more (one blank line may separate them)."""
    joins: dict[int, tuple[int, str]] = {}  # heading's index: (continuation's index, joined)
    for index, line in enumerate(lines):
        if "Beslutning i" not in line:
            continue
        stripped = line.strip()
        if (
            (stripped.startswith("Beslutning i ") or stripped == "Beslutning i")
            and len(stripped) <= 120
            and ":" not in stripped
            and not _dated(_decision_heading(stripped))
        ):
            following = index + 1
            if following < len(lines) and not lines[following].strip():
                following += 1
            if following < len(lines) and 0 < len(lines[following].strip()) <= 60:
                joined = f"{stripped} {lines[following].strip()}"
                match = _decision_heading(joined)
                if (
                    match
                    and match["body"]
                    and match["date"]
                    and match["rest"] is None
                    and _date_only(match["date"])
                ):
                    joins[index] = (following, joined)
    if not joins:
        return lines
    out: list[str] = []
    skip = -1
    for index, line in enumerate(lines):
        if index == skip:
            continue
        if index in joins:
            skip, joined = joins[index]
            out.extend(lines[index + 1 : skip])
            out.append(joined)
        else:
            out.append(line)
    return out


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _names(value: str) -> list[str]:
    value = _spaces(value)
    if not value:
        return []
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(part[:1].isupper() for part in parts):
        return parts
    return [value]


def _attachment_rest(rest: str) -> tuple[str | None, str | None, bool]:
    """Title, document number and closedness from what follows an attachment's number."""
    rest = _spaces(rest)
    closed = False
    document_number = None
    for _ in range(4):
        before = rest
        rest = TRAILING_MARK.sub("", rest)
        if CLOSED_MARK.search(rest):
            closed = True
            rest = CLOSED_MARK.sub("", rest)
        match = DOCUMENT_NUMBER.search(rest)
        if (
            match
            and document_number is None
            and (match.start() == 0 or rest[match.start() - 1] == " ")
        ):
            document_number = match["number"]
            rest = rest[: match.start()].rstrip()
        if rest == before:
            break
    if rest.startswith("(") and rest.endswith(")") and "lukket" in rest.lower():
        closed, rest = True, ""
    if rest.lower() == "bilag":  # "2 Lukket bilag": a redacted attachment has no title
        rest = ""
    return (rest.strip() or None), document_number, closed


def _wrapped_title(lines: list[str], title: str, start: int, stop: int) -> tuple[str, int]:
    """An item title that a PDF wrapped onto the next line or two ("1. Udmøntningsplan
    2019-2022 for" / "Arbejdsmarkedsudvalgets område" / "Åben sag"): the lines directly
    between the heading and its status or routing line, with no blank line, continue the
    title. Returns the title and the index where the item's text starts."""
    parts = [title]
    index = start
    while index < stop and index - start < 3:
        stripped = lines[index].strip()
        if not stripped or len(stripped) > MAX_HEADING:
            break
        if _status(stripped) or ROUTING_HEADING.match(stripped):
            if len(parts) > 1:
                return " ".join(parts), index
            break
        if _is_marker(stripped) or BULLET.match(stripped) or index - start == 2:
            break
        parts.append(stripped)
        index += 1
    return title, start


def _unfinished_attachment(stripped: str) -> bool:
    """An attachment line that a wrapped title may continue: no document number or mark at
    its end."""
    return (
        (ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)) is not None
        and not DOCUMENT_NUMBER.search(stripped)
        and not TRAILING_MARK.search(stripped)
    )


def _attachment_entries(lines: list[str]) -> list[str]:
    """The Bilag block's entries, one a string: a line that does not start an entry continues
    the entry before it, as a PDF wraps a long title ("1 - 3389825 Åben Udmøntningsplan
    2023-2026 til ØK og KB i" / "december (151433/22) (H)"), when it follows that entry
    directly, or after one blank line when it ends the entry (with its document number or
    mark) and the entry has neither yet. A numbered line continues too when its number is not
    the next ("31. oktober 2024 ..."). A document number alone on a line is not a
    continuation: seed 004 prints the first open attachment's number so, after the list."""
    entries: list[str] = []
    previous: int | None = None  # the number of the last entry, if it had one
    is_open = False  # the last non-blank line was (part of) an entry
    blank = False  # and a blank line followed it
    for line in lines:
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            is_open = is_open and not blank and not stripped
            blank = True
            continue
        match = ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)
        plain = None if match else ATTACHMENT_PLAIN.match(stripped)
        starts = match is not None or (
            plain is not None
            and not (
                is_open
                and plain["number"]
                and previous is not None
                and int(plain["number"]) != previous + 1
            )
        )
        if starts:
            entries.append(stripped)
            found = match or plain
            assert found is not None  # `starts` holds only when one of them matched
            number = found["number"]
            previous = int(number) if number else None
            is_open = True
        elif (
            is_open
            and len(entries[-1]) + len(stripped) < 400
            and not DOCUMENT_NUMBER.fullmatch(stripped)  # seed 004's lone number: see above
            and not (DOCUMENT_NUMBER.search(entries[-1]) or TRAILING_MARK.search(entries[-1]))
            and (not blank or _ends_entry(stripped))
        ):
            entries[-1] = f"{entries[-1]} {stripped}"
        else:
            entries.append(stripped)
            is_open = False
        blank = False
    return entries


def _ends_entry(stripped: str) -> bool:
    """Whether a line ends as an attachment line does: "(151433/22)", "(151433/22) (H)"."""
    return DOCUMENT_NUMBER.search(TRAILING_MARK.sub("", stripped)) is not None


def _cells(line: str) -> list[str]:
    if line.strip().startswith("|"):
        cells = line.strip().strip("|").split("|")
    else:
        cells = line.split("\t")
    out = []
    for cell in cells:
        cell = _plain(cell)
        if "•" in cell:
            cell = "; ".join(part.strip() for part in cell.split("•") if part.strip())
        out.append(cell)
    while out and not out[-1]:
        out.pop()
    return out


def _plain(text: str) -> str:
    """A table cell or line without HTML markup."""
    if "<" in text and TAG.search(text):
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return _spaces(text)


def _table_lines(lines: list[str]) -> list[str]:
    """Markdown and tab tables as lines of their non-empty cells joined by a space."""
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") or stripped.startswith("- |"):
            if stripped.startswith("- "):
                stripped = stripped[2:]
            if MARKDOWN_RULE.match(stripped):
                continue
            out.append(" ".join(cell for cell in _cells(stripped) if cell))
        elif "\t" in line:
            out.append(" ".join(cell for cell in _cells(line) if cell))
        else:
            out.append(line)
    return out


def _text(lines: list[str]) -> str:
    """Section text: paragraphs separated by one blank line, broken lines joined, bullets as
    "- " lines (two spaces per level), table rows as cells joined by " | "."""
    # A paragraph is a list of rows; a row is a list of pieces joined by a space at the end,
    # so a paragraph of many broken lines is joined in linear time.
    paragraphs: list[list[list[str]]] = [[]]
    blank_free = not any(not line.strip() for line in lines)
    last = ""  # kind of the last row in the current paragraph: table, bullet, text
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
                last = ""
            continue
        if len(line) > 100_000:
            line = line[:100_000]
        stripped = line.strip()
        current = paragraphs[-1]
        if stripped.startswith("|") or stripped.startswith("- |") or "\t" in raw.strip(" "):
            candidate = stripped[2:] if stripped.startswith("- |") else stripped
            if candidate.startswith("|") and MARKDOWN_RULE.match(candidate):
                continue
            cells = _cells(candidate if candidate.startswith("|") else raw)
            if not cells:
                continue
            if last and last != "table":
                paragraphs.append([])
                current = paragraphs[-1]
            current.append([" | ".join(cells)])
            last = "table"
            continue
        match = BULLET.match(line)
        if match:
            indent = len(match["indent"].replace("\t", "  "))
            level = 1 if indent or match["glyph"] in SUB_GLYPHS else 0
            if indent >= 4:
                level = indent // 2
            if last and last != "bullet":
                paragraphs.append([])
                current = paragraphs[-1]
            current.append(["  " * level + "- " + _plain(match["text"])])
            last = "bullet"
            continue
        text = _plain(stripped)
        if not text:
            continue
        if last == "bullet" or (
            last == "text" and not (blank_free and SENTENCE_END.search(current[-1][-1]))
        ):
            current[-1].append(text)
        else:
            if last:
                paragraphs.append([])
                current = paragraphs[-1]
            current.append([text])
            last = "text"
    return "\n\n".join("\n".join(" ".join(row) for row in p) for p in paragraphs if p)
