"""The reader of published agendas, minutes and case extracts.

`read_bytes`, `read_file` and `read_text` return a `reading.schema.ParsedDocument`, the shape
of reading/parsed-document.schema.json. Unreadable files raise `ReadError` with a Danish
message; anything read with doubt is said in the result's `warnings` (Danish sentences).
Structured publications (FirstAgenda's JSON, SBSYS's zip) are recognised by their content and
read by `reading.publications`; other file formats are handled by `reading.extract`, their
text by `reading.parse`.
"""

from __future__ import annotations

from pathlib import Path

from reading.extract import ReadError, max_bytes, text_from_bytes
from reading.parse import Parser
from reading.publications import read_publication
from reading.schema import ParsedDocument

__all__ = ["ReadError", "read_bytes", "read_file", "read_text"]


def read_text(text: str, source: str = "") -> ParsedDocument:
    """The parsed document of `text`; any text reads (doubts go in `warnings`)."""
    return Parser(text, source).parse()


def read_bytes(data: bytes, filename: str) -> ParsedDocument:
    """The parsed document of a file's content; `filename` only names it (and hints HTML)."""
    name = Path(filename).name
    if data and len(data) <= max_bytes():
        publication = read_publication(data, name)
        if publication is not None:
            return publication
    extracted = text_from_bytes(data, name)
    result = read_text(extracted.text, name)
    result["warnings"] = extracted.warnings + result["warnings"]
    return result


def read_file(path: str | Path) -> ParsedDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"Filen {path.name} kunne ikke åbnes.") from error
    return read_bytes(data, path.name)
