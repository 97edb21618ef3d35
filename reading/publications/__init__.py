"""Structured publications of the meeting systems, read into the reader's schema.

A meeting system's own export says the meeting, its items and their closure in fields, which
is more reliable than any reading of printed text; `read_publication` recognises one by its
content (not its name) and reads it, so the same importer stores what each of them read:

- ``firstagenda``: FirstAgenda's publication JSON, one record per meeting;
- ``sbsys``: SBSYS's publication archive, a zip of XML and PDFs.
"""

from __future__ import annotations

import json

from reading.publications import firstagenda, sbsys
from reading.schema import ParsedDocument

__all__ = ["read_publication"]


def read_publication(data: bytes, source: str) -> ParsedDocument | None:
    """The reading of a structured publication, or None if `data` is not one."""
    if sbsys.looks_like(data):
        return sbsys.read_bytes(data, source)
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"{" and b'"Dagsordenpunkter"' in data:
        try:
            record = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None
        if firstagenda.looks_like(record):
            return firstagenda.read_record(record, source)
    return None
