"""How much of a document's text the reader kept: the share of its words found in the output.

Counted are the input's words (runs of letters and digits, case-folded, numbers without
leading zeros) after removing only the artefact lines of ``reading.artefacts`` (page headers
and footers, bare page numbers at page edges, "DocPart" debris). A word counts as kept when it
occurs in any string of the parsed document, or when it is

- a printed form of a date or time the output holds ("Onsdag", "november", "9" for 09:00), or
- one of the few labels whose meaning the output's structure carries (``LABELS``): "Sagsgang"
  is the routing, "Åben" the access, "Beslutning i ... den" a decision, "Afbud" and "deltog
  ikke under behandling af punktet" its absentees, "Sted:"/"Dato:" the meeting's fields, and
  the headings of the parts the reader recognises as repeats (table of contents, attachment
  overview, signature page). Each label counts only when the structure it names is present.

Two kinds of printed words have no field in the schema and are not counted either, each
recognised by the shape of its whole line:

- in an attachment line "1 - 3389825 Åben Titel (151433/22) (H)" (also as a table row), the
  archive id after the number ("3389825") and the one-letter mark at the end ("(H)"), also
  when a wrapped title puts the mark on the next line ("... til ØK og KB i" /
  "december (151433/22) (H)");
- in the table of contents (the lines after "Indholdsfortegnelse" up to the first line that is
  not an entry), each entry's page number ("Økonomi\t3", "Bilagsoversigt.....\t7").

A reader that drops a sentence or a paragraph of real text loses its words, which no rule
above restores.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reading.dates import printed_forms
from reading.parse.furniture import content_lines

WORD = re.compile(r"[^\W_]+")

LABELS = {
    "items": {"åben", "lukket", "sag", "punkt", "sagsnr", "sagsnummer", "side",
              "indholdsfortegnelse", "bilagsoversigt", "underskriftsside"},
    "routing": {"sagsgang"},
    "attachments": {"bilag", "åben", "lukket"},
    "decisions": {"beslutning", "i", "den", "d"},
    "absent": {"afbud", "fraværende", "deltog", "ikke", "under", "behandling", "af", "punktet",
               "i", "behandlingen"},
    "meeting": {"sted", "dato", "start", "slut", "kl", "medlemmer", "fraværende", "mødested",
                "mødedato", "deltagere", "afbud"},
}  # fmt: skip


@dataclass
class Coverage:
    ratio: float
    missing: list[str] = field(default_factory=list)
    words: int = 0


def _words(text: str) -> list[str]:
    words = []
    for word in WORD.findall(text.casefold()):
        if word.isdigit():
            word = word.lstrip("0") or "0"
        words.append(word)
    return words


def _output_words(parsed: dict) -> set[str]:
    found: set[str] = set()
    labels: set[str] = set()

    def walk(value, key: str = "") -> None:
        if isinstance(value, str):
            found.update(_words(value))
            if key == "date":
                found.update(printed_forms(value))
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, int):
            found.add(str(value))
        elif isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child, key)

    walk(parsed)
    if parsed.get("document_type"):
        found.add(parsed["document_type"])
    items = parsed.get("items") or []
    if items:
        labels |= LABELS["items"]
    if any(item.get("routing") for item in items):
        labels |= LABELS["routing"]
    if any(item.get("attachments") for item in items):
        labels |= LABELS["attachments"]
    decisions = [d for item in items for d in item.get("decisions") or []]
    if decisions:
        labels |= LABELS["decisions"]
    meeting = parsed.get("meeting") or {}
    if any(d.get("absent") for d in decisions) or meeting.get("absent"):
        labels |= LABELS["absent"]
    if meeting and (meeting.get("place") or meeting.get("start") or meeting.get("members")):
        labels |= LABELS["meeting"]
    return found | labels


ATTACHMENT_ID = re.compile(
    r"^(?P<lead>[-|\s]{0,6}\d{1,3}\s{0,3}-\s{0,3})\d{3,10}(?P<rest>\b.{0,400}?)"
    r"(?:\s*\|?\s*\([A-ZÆØÅ]\)\s*\|?\s*)?$"
)
END_MARK = re.compile(r"\([A-ZÆØÅ]\)[\s|]*$")
WRAPPED_MARK = re.compile(r"(\(\d{1,8}/\d{2}\))\s*\([A-ZÆØÅ]\)\s*$")
TOC_START = re.compile(r"^\s*Indholdsfortegnelse\s*$")
TOC_LINE = re.compile(r"^(?P<entry>.{1,200}?)(?:\t|\.{2,}\s*|\s+)\d{1,4}\s*$")


def _unprinted_fields(lines: list[str]) -> list[str]:
    """The lines without the attachment ids, marks and contents page numbers (see above)."""
    out = []
    in_contents = False
    wrapped = False  # the line before was an attachment line without its mark
    for line in lines:
        stripped = line.strip()
        if wrapped and stripped:  # the next non-blank line: double-spaced text has a blank
            wrapped = False
            if len(line) <= 500 and WRAPPED_MARK.search(line):
                line = WRAPPED_MARK.sub(r"\1", line)
        if TOC_START.match(line):
            in_contents = True
            out.append(line)
            continue
        if in_contents:
            if not stripped or stripped == "Side":
                out.append(line)
                continue
            match = TOC_LINE.match(line)
            if match:
                out.append(match["entry"])
                continue
            in_contents = False
        if len(line) <= 500 and ("Åben" in line or "Lukket" in line):
            match = ATTACHMENT_ID.match(line)
            if match and re.match(r"\W{0,3}(?:Åben|Lukket)\b", match["rest"].lstrip(" |")):
                wrapped = not END_MARK.search(line)
                line = match["lead"] + match["rest"]
        out.append(line)
    return out


def word_coverage(text: str, parsed: dict) -> Coverage:
    """The share of `text`'s words (artefacts removed) that `parsed` keeps, and the others."""
    words = _words("\n".join(_unprinted_fields(content_lines(text))))
    if not words:
        return Coverage(ratio=1.0, missing=[], words=0)
    kept = _output_words(parsed)
    missing = [word for word in words if word not in kept]
    ordered = [word for word, _ in Counter(missing).most_common()]
    return Coverage(ratio=1 - len(missing) / len(words), missing=ordered, words=len(words))
