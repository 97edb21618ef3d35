"""Structured publications of the meeting systems, read into the reader's schema.

A meeting system's own export says the meeting, its items and their closure in fields, which
is more reliable than any reading of printed text; `read_publication` recognises one by its
content (not its name) and reads it, so the same importer stores what each of them read:

- ``firstagenda``: FirstAgenda's publication JSON, one record per meeting;
- ``sbsys``: SBSYS's publication archive, a zip of XML and PDFs.
"""

from __future__ import annotations

import json

from reading.extract import ReadError
from reading.publications import firstagenda, sbsys
from reading.schema import ParsedDocument

__all__ = ["read_publication"]


def read_publication(data: bytes, source: str) -> ParsedDocument | None:
    """The reading of a structured publication, or None if `data` is not one."""
    if sbsys.looks_like(data):
        return sbsys.read_bytes(data, source)
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        try:
            record = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None  # text that happens to start with a brace
        if firstagenda.looks_like(record):
            return firstagenda.read_record(record, source)
        # JSON, but not a meeting: read as text it would be one item holding everything.
        raise ReadError(
            "JSON-filen er ikke et møde fra FirstAgenda; Kursen læser FirstAgendas "
            "mødeudgivelse (/api/agenda/dagsorden/…)."
        )
    return None
