"""From a file's bytes to plain text: the file-format layer of the reader.

The parser (``reading.reader``) only ever sees text. This module decides what kind of file it
was given from its content, not its name, decodes text in whatever encoding it arrived in,
pulls the text out of PDFs (pypdf) and turns HTML into lines with its block structure kept:
a paragraph is followed by a blank line, a list item starts with "- ", a table row is its
cells separated by tabs. PDF pages are separated by a form feed ("\\f") so the parser can
recognise page headers and footers.

Unreadable input raises ``ReadError`` with a Danish message; anything merely doubtful is
read and reported in ``Extracted.warnings``.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings

MAX_BYTES_DEFAULT = 25 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read at all. The message is Danish and names the problem."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Extracted:
    text: str
    kind: str  # "pdf", "html", "docx" or "txt"
    warnings: list[str] = field(default_factory=list)


def max_bytes() -> int:
    return getattr(settings, "KURSEN_READ_MAX_BYTES", MAX_BYTES_DEFAULT)


def text_from_bytes(data: bytes, filename: str = "") -> Extracted:
    """The text of a .txt, .html, .pdf or .docx file, whatever its name says."""
    if not data or not data.strip():
        raise ReadError("Filen er tom.")
    limit = max_bytes()
    if len(data) > limit:
        raise ReadError(
            f"Filen fylder {_megabytes(len(data))} MB; Kursen læser filer på højst "
            f"{_megabytes(limit)} MB."
        )
    name = filename.lower()
    if data.lstrip()[:5] == b"%PDF-":
        return _pdf(data)
    if name.endswith(".pdf"):
        raise ReadError("Filen hedder .pdf, men er ikke en PDF-fil.")
    if data[:4] == b"PK\x03\x04":
        if name.endswith(".docx") or b"word/document.xml" in data:
            return _docx(data)
        raise ReadError("Filen er en komprimeret fil (zip), ikke en dagsorden eller et referat.")
    text, warnings = decode(data)
    if _looks_binary(text):
        raise ReadError("Filen indeholder ikke tekst, som Kursen kan læse.")
    if name.endswith((".html", ".htm")) or _looks_like_html(text):
        return Extracted(html_to_text(text), "html", warnings)
    return Extracted(text, "txt", warnings)


# -- Text encodings --------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: a byte-order mark, else UTF-8, else UTF-16 without a mark (many zero
    bytes), else Windows-1252, which every byte decodes in (with a warning)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace")), []
    try:
        return _normalise(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if max(zeros_even, zeros_odd) > len(sample) // 8:
        encoding = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
        return _normalise(data.decode(encoding, errors="replace")), [
            "Teksten var kodet som UTF-16 uden markering; læst som UTF-16."
        ]
    return _normalise(data.decode("cp1252", errors="replace")), [
        "Teksten var ikke UTF-8; læst som Windows-1252 (Vesteuropæisk)."
    ]


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


# Control characters other than tab, newline and form feed, and the replacement character.
_BINARY = re.compile("[\x00-\x08\x0b\x0d-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    if not sample:
        return False
    return len(_BINARY.findall(sample)) > len(sample) * 0.1


_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<body|<div|<p[\s>]|<table)", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:500]))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


# -- PDF -------------------------------------------------------------------------------------


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf reports recoverable damage through logging; keep it out of the console.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as error:  # noqa: BLE001 - any failure means: locked
                raise ReadError("PDF-filen er beskyttet med adgangskode.") from error
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 - a damaged page must not stop the others
                pages.append("")
                warnings.append(f"Side {number} kunne ikke læses.")
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ReadError("PDF-filen er beskadiget og kan ikke læses.") from error
    except RecursionError as error:
        raise ReadError("PDF-filen er beskadiget og kan ikke læses.") from error
    text = "\f".join(_normalise(page) for page in pages)
    if not text.replace("\f", "").strip():
        raise ReadError(
            "PDF-filen indeholder ingen tekst (måske er den scannet som billeder uden tekstlag)."
        )
    return Extracted(text, "pdf", warnings)


# -- Word ------------------------------------------------------------------------------------


def _docx(data: bytes) -> Extracted:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on bad files
        raise ReadError("Word-filen er beskadiget og kan ikke læses.") from error
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            text = "".join(node.text or "" for node in block.iter(qn("w:t")))
            lines += [text, ""]
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = [
                    " ".join(
                        "".join(t.text or "" for t in p.iter(qn("w:t")))
                        for p in cell.iter(qn("w:p"))
                    ).strip()
                    for cell in row.iter(qn("w:tc"))
                ]
                lines.append("\t".join(cells))
            lines.append("")
    return Extracted("\n".join(lines), "docx", [])


# -- HTML ------------------------------------------------------------------------------------

_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "table", "blockquote", "dl", "dt", "dd", "pre", "figure",
}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "noscript", "template"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skip = 0
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None
        self.list_depth = 0

    # A line in progress is either text of a block, or a table cell's text.
    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.line

    def _flush(self, blank: bool = False) -> None:
        raw = "".join(self.line)
        indent = raw[: len(raw) - len(raw.lstrip(" "))]
        text = " ".join(raw.split())
        if text:
            text = indent + text
            self.lines.append(text)
        self.line = []
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush()
        elif tag in ("ul", "ol"):
            if self.cell is None:
                self._flush(blank=self.list_depth == 0)
            self.list_depth += 1
        elif tag == "li":
            if self.cell is not None:
                self.cell.append(" • ")
            else:
                self._flush()
                self.line.append("  " * max(self.list_depth - 1, 0) + "- ")
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in _BLOCKS:
            if self.cell is not None:
                self.cell.append(" ")
            elif "".join(self.line).strip() != "-":
                # Inside a list item a paragraph ("<li><p>", as Word writes lists) continues
                # the item's line instead of leaving its bullet alone on a line.
                self._flush(blank=self.list_depth == 0)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif self.skip:
            return
        elif tag in ("td", "th"):
            if self.cells is not None and self.cell is not None:
                self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            if self.cells:
                self.lines.append("\t".join(self.cells))
            self.cells = None
        elif tag == "table":
            self._flush(blank=True)
            if self.lines and self.lines[-1] != "":
                self.lines.append("")
        elif tag in ("ul", "ol"):
            self.list_depth = max(self.list_depth - 1, 0)
            if self.cell is None:
                self._flush(blank=self.list_depth == 0)
        elif tag == "li":
            if self.cell is None:
                self._flush()
        elif tag in _BLOCKS and self.cell is None:
            self._flush(blank=self.list_depth == 0)

    def handle_data(self, data):
        if not self.skip:
            self._target().append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines).strip("\n") + "\n"


def html_to_text(html: str) -> str:
    """HTML as lines of text: blocks end in a blank line, list items start with "- " (indented
    by nesting), table rows are tab-separated cells; scripts and styles are dropped."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()
