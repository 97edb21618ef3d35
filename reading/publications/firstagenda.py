"""FirstAgenda's publication JSON: one record per meeting, as its publication service serves
it (``/api/agenda/dagsorden/{id}``), into the reader's schema.

The record says most things in fields of its own: the body (``Udvalg.Navn``), the meeting's
start (``Moede.Dato``, local time with offset), place and participants, and per item its
number, title and case number. Two things are only printed:

- closure: ``IsOpen`` is false on every item, open or closed, so it says nothing; a closed
  item is one whose title is printed "Lukket: …" (``reading.parse.forms.CLOSED_TITLE``), and
  its HTML is the decision alone;
- the item's text: one HTML field with this meeting's decision under "Beslutning", the case
  under "Fremstilling" (sections under h2/h3/h4 or bold headings) and the case's earlier
  decisions under "Sagens forløb" (each headed "<u>DD-MM-YYYY Body</u>").
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from reading.dates import find_date
from reading.extract import ReadError
from reading.publications.common import (
    body_name,
    decision_parts,
    html_lines,
    html_text,
    not_released,
)
from reading.schema import Attachment, Decision, Item, ParsedDocument, Section

_PART = re.compile(
    r"<h3\b[^>]*>\s*(?P<name>Beslutning|Fremstilling|Sagens forl(?:ø|&oslash;|&#248;)b)\s*</h3\s*>",
    re.IGNORECASE,
)
_HEADING_TAG = re.compile(
    r"<h(?P<level>[1-6])\b[^>]*>(?P<inner>.{0,600}?)</h(?P=level)\s*>", re.S | re.I
)
_BOLD_PARAGRAPH = re.compile(
    r"<(?P<tag>p|div)\b[^>]*>\s*(?:<span\b[^>]*>\s*)?<(?P<bold>strong|b)\b[^>]*>"
    r"(?P<inner>[^<]{1,120})</(?P=bold)>\s*(?:</span>\s*)?</(?P=tag)>",
    re.I,
)
_EARLIER = re.compile(
    r"<u>\s*(?P<date>\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\s+(?P<body>[^<]{1,160}?)\s*</u>", re.I
)
_TAGS = re.compile(r"<[^<>]{0,300}>")
_MARK = "\x01"


def looks_like(data: Any) -> bool:
    """Whether decoded JSON is a FirstAgenda meeting record."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("Dagsordenpunkter"), list)
        and isinstance(data.get("Moede"), dict)
        and isinstance(data.get("Udvalg"), dict)
    )


def read_record(data: dict, source: str) -> ParsedDocument:
    """The reading of one meeting record."""
    warnings: list[str] = []
    body = body_name(str((data.get("Udvalg") or {}).get("Navn") or "")) or None
    moede = data.get("Moede") or {}
    date, start = _when(moede.get("Dato") or moede.get("MeetingBeginUtc"))
    _end_date, end = _when(moede.get("MeetingEndUtc"))
    members, absent = [], []
    for person in moede.get("Moededeltagere") or []:
        name = " ".join(str(person.get("Name") or "").split())
        if not name:
            continue
        members.append(name)
        if person.get("Absent") or person.get("ParticipationCancelled"):
            absent.append(name)
    if body is None:
        warnings.append("Udvalget står ikke i udgivelsen.")
    if date is None:
        warnings.append("Mødedatoen står ikke i udgivelsen.")
    items = []
    raw_items = [i for i in data.get("Dagsordenpunkter") or [] if isinstance(i, dict)]
    raw_items.sort(key=lambda i: i.get("Sorting") or 0)
    for raw in raw_items:
        items.append(_item(raw, body or "", date, warnings))
    if not items:
        warnings.append("Kursen fandt ingen punkter i dokumentet.")
    finished = bool(moede.get("Afsluttet")) or any(i["decisions"] for i in items)
    return {
        "source": source,
        "document_type": "referat" if finished else "dagsorden",
        "body": body,
        "meeting": {
            "date": date, "start": start, "end": end,
            "place": " ".join(str(moede.get("Sted") or "").split()) or None,
            "members": members, "absent": absent,
        },
        "items": items,
        "warnings": warnings,
    }  # fmt: skip


def read_bytes(data: bytes, source: str) -> ParsedDocument:
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReadError("Filen er ikke gyldig JSON.") from error
    if not looks_like(record):
        raise ReadError("JSON-filen er ikke et møde fra FirstAgenda (Dagsordenpunkter mangler).")
    return read_record(record, source)


def _when(value: Any) -> tuple[str | None, str | None]:
    if not value or not isinstance(value, str):
        return None, None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return find_date(value), None
    start = moment.strftime("%H:%M")
    return moment.date().isoformat(), (None if start == "00:00" else start)


def _item(raw: dict, body: str, date: str | None, warnings: list[str]) -> Item:
    from reading.parse.forms import closed_title

    number_text = str(raw.get("Number") or raw.get("Punktnummer") or "").strip()
    number = int(number_text) if number_text.isdigit() else None
    printed = " ".join(str(raw.get("Navn") or raw.get("Caption") or "").split())
    title, closed = closed_title(printed)
    case = str(raw.get("SagsNummer") or raw.get("CaseNumber") or "").strip() or None
    where = f"Punkt {number}" if number is not None else f"Punktet »{title}«"
    if number is None:
        warnings.append(f"{where} har intet nummer i udgivelsen.")
    fields = raw.get("Felter") or []
    html = "\n".join(str(f.get("Html") or "") for f in fields if isinstance(f, dict))
    listed_absent = [
        " ".join(str(a.get("Name") or "").split())
        for a in raw.get("ExternalAgendaItemAttendees") or []
        if isinstance(a, dict) and a.get("Name")
    ]
    sections: list[Section] = []
    decisions: list[Decision] = []
    parts = _parts(html)
    if closed or not parts:
        # A closed item publishes its decision alone, unheaded.
        own = parts.get("Beslutning", html) if parts else html
        decision = _decision(own, body, date, listed_absent)
        if decision:
            decisions.append(decision)
        if not closed and not decision and html.strip():
            sections.append({"heading": "Sagsfremstilling", "text": html_text(html)})
    else:
        decision = _decision(parts.get("Beslutning", ""), body, date, listed_absent)
        for earlier in _earlier(parts.get("Sagens forløb", ""), where, warnings):
            # The case's course may list this meeting too; its own block says it.
            if earlier["date"] == date and earlier["body"].casefold() == body.casefold():
                if decision is None:
                    decision = {**earlier, "absent": earlier["absent"] or list(listed_absent)}
                continue
            decisions.append(earlier)
        if decision:
            decisions.append(decision)
        sections = _sections(parts.get("Fremstilling", ""))
    attachments: list[Attachment] = []
    listed = [b for b in raw.get("Bilag") or [] if isinstance(b, dict)]
    listed.sort(key=lambda b: b.get("Order") or 0)
    for position, enclosure in enumerate(listed, start=1):
        attachments.append({
            "number": position,
            "title": " ".join(str(enclosure.get("Navn") or "").split()) or None,
            "access": "closed" if closed else "open", "document_number": None,
        })  # fmt: skip
    return {
        "number": number, "title": title or None, "case_number": case, "subject_code": None,
        "access": "closed" if closed else "open", "routing": [], "sections": sections,
        "decisions": decisions, "attachments": attachments, "confidence": 1.0,
    }  # fmt: skip


def _parts(html: str) -> dict[str, str]:
    """The item's HTML split at its three top headings: Beslutning, Fremstilling, Sagens
    forløb (only the first of each counts; a section may itself be headed "Beslutning")."""
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for match in _PART.finditer(html):
        name = match["name"].lower()
        name = "Sagens forløb" if name.startswith("sagens") else name.capitalize()
        if name in seen:
            continue
        if name == "Beslutning" and "Fremstilling" in seen:
            continue
        seen.add(name)
        found.append((match.start(), match.end(), name))
    parts = {}
    for index, (_start, end, name) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(html)
        parts[name] = html[end:stop]
    return parts


def _decision(html: str, body: str, date: str | None, listed_absent: list[str]) -> Decision | None:
    text, absent = decision_parts(html_lines(html))
    if not text and not absent:
        return None
    if not_released(text):
        return None
    return {"body": body, "date": date, "text": text, "absent": absent or list(listed_absent)}


def _earlier(html: str, where: str, warnings: list[str]) -> list[Decision]:
    """Sagens forløb: the case's earlier decisions, each under "<u>DD-MM-YYYY Body</u>"."""
    decisions: list[Decision] = []
    matches = list(_EARLIER.finditer(html))
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(html)
        body = body_name(match["body"])
        date = find_date(match["date"].replace("/", "-").replace(".", "-"))
        text, absent = decision_parts(html_lines(html[match.end() : stop]))
        if not_released(text):
            continue
        if not text and not absent:
            continue
        if date is None:
            warnings.append(f"{where}: datoen »{match['date']}« i sagens forløb kunne ikke læses.")
        decisions.append({"body": body, "date": date, "text": text, "absent": absent})
    decisions.sort(key=lambda d: d["date"] or "")
    return decisions


def _sections(html: str) -> list[Section]:
    """Fremstilling's sections: its known headings, however marked up, split the text."""
    from reading.parse.forms import section_heading

    def heading(match: re.Match) -> str:
        inner = " ".join(_TAGS.sub(" ", match["inner"]).split())
        import html as html_module

        name = section_heading(html_module.unescape(inner))
        if name is None:
            return match.group(0)
        return f"<p>{_MARK}{name}{_MARK}</p>"

    marked = _BOLD_PARAGRAPH.sub(heading, _HEADING_TAG.sub(heading, html))
    sections: list[Section] = []
    current: str | None = None
    lines: list[str] = []

    def close() -> None:
        from reading.parse import _text

        text = _text(lines)
        if current is not None or text.strip():
            sections.append({"heading": current or "Indledning", "text": text})

    for line in html_lines(marked):
        stripped = line.strip()
        if stripped.startswith(_MARK) and stripped.endswith(_MARK) and len(stripped) > 2:
            if current is not None or any(part.strip() for part in lines):
                close()
            current, lines = stripped.strip(_MARK), []
            continue
        lines.append(line)
    if current is not None or any(part.strip() for part in lines):
        close()
    return sections
