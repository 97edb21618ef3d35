"""SBSYS's publication archive ("eDagsorden"): a zip holding ``PublicationNN.xml`` and the
attachments as PDFs under ``Enclosures/``, into the reader's schema.

The XML says the meeting (When, Until, Where, members), the committee and per item its
number, caption, ``IsPublic`` and case; an item's text is its fields (``ItemField``: a
caption as the section heading, HTML content), the fields with ``IsFeedback`` being the
decisions, one per deciding body ("Beslutning", "FORRETNINGSUDVALGETS BESLUTNING").
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import PurePosixPath

from reading.dates import find_date, parse_time
from reading.extract import ReadError, max_bytes
from reading.parse.forms import closed_title
from reading.publications.common import (
    decision_parts,
    html_lines,
    html_text,
    not_released,
    printed_name,
)
from reading.schema import Access, Attachment, Decision, Item, ParsedDocument, Section

# "FORRETNINGSUDVALGETS BESLUTNING", "Regionsrådets beslutning", "Beslutning"
_BODY_DECISION = re.compile(r"^(?P<body>\S.{0,80}?)s\s+beslutning$", re.IGNORECASE)
# "18. september 2012: Sagen udsat ...": an earlier meeting's decision in the same field
_DATED_TEXT = re.compile(r"^(?P<date>[^:]{6,30}):\s*(?P<text>.*)$", re.S)
_ABSENT_STATES = {"absent", "notparticipating", "cancelled", "declined", "notattending"}


def looks_like(data: bytes) -> bool:
    """Whether `data` is a zip holding an SBSYS publication's XML."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _publication_name(archive) is not None
    except zipfile.BadZipFile:
        return False


def _publication_name(archive: zipfile.ZipFile) -> str | None:
    for name in archive.namelist():
        path = PurePosixPath(name)
        if path.suffix.lower() == ".xml" and path.stem.lower().startswith("publication"):
            return name
    return None


def read_bytes(data: bytes, source: str) -> ParsedDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ReadError("Filen er ikke et gyldigt zip-arkiv.") from error
    with archive:
        name = _publication_name(archive)
        if name is None:
            raise ReadError("Zip-arkivet indeholder ingen SBSYS-udgivelse (PublicationNN.xml).")
        info = archive.getinfo(name)
        if info.file_size > max_bytes():
            raise ReadError("Udgivelsens XML-fil er for stor til at blive læst.")
        xml = archive.read(name)
        files = {PurePosixPath(n).name.lower() for n in archive.namelist()}
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ReadError("Udgivelsens XML-fil indeholder erklæringer, som Kursen ikke læser.")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise ReadError("Udgivelsens XML-fil kunne ikke læses.") from error
    return read_publication(root, source, files)


def _text(element: ElementTree.Element | None, path: str) -> str:
    if element is None:
        return ""
    return " ".join((element.findtext(path) or "").split())


def read_publication(root: ElementTree.Element, source: str, files: set[str]) -> ParsedDocument:
    warnings: list[str] = []
    agenda = root.find("Agendas/Agenda")
    if agenda is None:
        raise ReadError("SBSYS-udgivelsen indeholder ingen dagsorden.")
    meeting = agenda.find("Meeting")
    committee = agenda.find("Committee")
    body = printed_name(_text(committee, "Name")) or None
    when, until = _text(meeting, "When"), _text(meeting, "Until")
    date = find_date(when)
    members, absent = [], []
    for member in meeting.findall("Members/MeetingMember") if meeting is not None else []:
        name = _text(member, "Name")
        if not name:
            continue
        members.append(name)
        state = _text(member, "ParticipationStatusAsText").casefold()
        if state in _ABSENT_STATES:
            absent.append(name)
    items: list[Item] = []
    for raw in agenda.findall("Items/Item"):
        items.append(_item(raw, body or "", date, files, warnings))
    if body is None:
        warnings.append("Udvalget står ikke i udgivelsen.")
    if date is None:
        warnings.append("Mødedatoen står ikke i udgivelsen.")
    if not items:
        warnings.append("Kursen fandt ingen punkter i dokumentet.")
    decided = any(
        d["body"] == body and d["date"] == date for item in items for d in item["decisions"]
    )
    return {
        "source": source,
        "document_type": "beslutningsprotokol" if decided else "dagsorden",
        "body": body,
        "meeting": {
            "date": date, "start": parse_time(when.split(" ", 1)[1]) if " " in when else None,
            "end": parse_time(until.split(" ", 1)[1]) if " " in until else None,
            "place": _text(meeting, "Where") or None, "members": members, "absent": absent,
        },
        "items": items,
        "warnings": warnings,
    }  # fmt: skip


def _item(
    raw: ElementTree.Element, body: str, date: str | None, files: set[str], warnings: list[str]
) -> Item:
    number_text = _text(raw, "Number")
    number = int(number_text) if number_text.isdigit() else None
    title, marked = closed_title(_text(raw, "Caption"))
    where = f"Punkt {number}" if number is not None else f"Punktet »{title}«"
    public = _text(raw, "IsPublic").casefold()
    access: Access = "open" if public == "true" and not marked else "closed"
    confidence = 1.0
    if public not in ("true", "false"):
        # Closure not said: closed until a person says otherwise.
        confidence = 0.5
        warnings.append(f"{where}: udgivelsen siger ikke, om punktet er åbent; læst som lukket.")
    case = _text(raw, "Case/Number") or None
    sections: list[Section] = []
    decisions: list[Decision] = []
    fields = sorted(raw.findall("Fields/ItemField"), key=lambda f: _index(_text(f, "Index")))
    for field in fields:
        caption = printed_name(_text(field, "Caption"))
        content = field.findtext("Content") or ""
        if _text(field, "IsFeedback").casefold() == "true":
            decisions.extend(_decisions(caption, content, body, date))
            continue
        text = html_text(content)
        if text:
            sections.append({"heading": caption or "Indledning", "text": text})
    attachments: list[Attachment] = []
    for position, enclosure in enumerate(raw.findall("Enclosures/Enclosure"), start=1):
        number_text = _text(enclosure, "Number")
        enclosure_title = _text(enclosure, "Name") or None
        file_name = _text(enclosure, "InstantiationFileName")
        hidden = bool(enclosure_title and enclosure_title.casefold().startswith("ikke offentlig"))
        if file_name and file_name.lower() not in files and not hidden:
            warnings.append(
                f"{where}: bilaget »{enclosure_title}« ({file_name}) er ikke i arkivet."
            )
        attachments.append({
            "number": int(number_text) if number_text.isdigit() else position,
            "title": enclosure_title,
            "access": "closed" if hidden or access == "closed" else "open",
            "document_number": None,
        })  # fmt: skip
    return {
        "number": number, "title": title or None, "case_number": case, "subject_code": None,
        "access": access, "routing": [], "sections": sections, "decisions": decisions,
        "attachments": attachments, "confidence": confidence,
    }  # fmt: skip


def _index(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _decisions(caption: str, content: str, body: str, date: str | None) -> list[Decision]:
    """A decision field: this meeting's decision, or another body's ("REGIONSRÅDETS
    BESLUTNING"); a field may hold several meetings' decisions, each paragraph that starts
    with a date ("18. september 2012: Sagen udsat ...") starting one."""
    match = _BODY_DECISION.match(caption)
    decider = _definite(printed_name(match["body"])) if match else body
    own = decider.casefold() == body.casefold()
    groups: list[tuple[str | None, list[str]]] = [(date if own else None, [])]
    for line in html_lines(content):
        dated = _DATED_TEXT.match(line.strip())
        if dated and find_date(dated["date"]) and len(dated["date"].split()) <= 4:
            groups.append((find_date(dated["date"]), [dated["text"]]))
        else:
            groups[-1][1].append(line)
    decisions: list[Decision] = []
    for decided_on, lines in groups:
        text, absent = decision_parts(lines)
        if not text or not_released(text):
            continue
        decisions.append({"body": decider, "date": decided_on, "text": text, "absent": absent})
    return decisions


def _definite(genitive_stem: str) -> str:
    """ "Forretningsudvalget" from "FORRETNINGSUDVALGETS" (the "s" already cut off)."""
    return genitive_stem[:1].upper() + genitive_stem[1:]
