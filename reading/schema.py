"""The reader's output as typed structures: the JSON schema in parsed-document.schema.json.

A reading is plain data (JSON-ready dicts and lists), so it can be stored as JSON, corrected in
the review form and compared with golden files; these TypedDicts give the same data a type, so
the parser, the review form and the importer read one described shape instead of loose dicts.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

Access = Literal["open", "closed"]
DocumentType = Literal["dagsorden", "beslutningsprotokol", "referat", "sag"]


class Section(TypedDict):
    heading: str
    text: str


class Decision(TypedDict):
    body: str
    date: str | None  # ISO date
    text: str
    absent: list[str]


class Attachment(TypedDict):
    number: int | None
    title: str | None
    access: Access
    document_number: str | None


class Item(TypedDict):
    number: int | None
    title: str | None
    case_number: str | None
    subject_code: str | None
    access: Access
    routing: list[str]
    sections: list[Section]
    decisions: list[Decision]
    attachments: list[Attachment]
    # How sure the reading of the item is, 0..1: 1 from a structured publication, lower where
    # the text reader guessed (no closure mark, no heading found). A corrected reading may
    # drop it: a person has then said what the item is.
    confidence: NotRequired[float]


class Meeting(TypedDict):
    date: str | None  # ISO date
    start: str | None  # "HH:MM"
    end: str | None
    place: str | None
    members: list[str]
    absent: list[str]


class ParsedDocument(TypedDict):
    source: str
    document_type: DocumentType | None
    body: str | None
    meeting: Meeting | None
    items: list[Item]
    warnings: list[str]
