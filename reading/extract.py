"""From a file's bytes to plain text: the file-format layer of the reader.

The parser (``reading.reader``) only ever sees text. This module decides what kind of file it
was given from its content, not its name, decodes text in whatever encoding it arrived in,
pulls the text out of PDFs (pypdf) and turns HTML into lines with its block structure kept:
a paragraph is followed by a blank line, a list item starts with "- ", a table row is its
cells separated by tabs. PDF pages are separated by a form feed ("\\f") so the parser can
recognise page headers and footers.

Unreadable input raises ``ReadError`` with a Danish message; anything merely doubtful is
read and reported in ``Extracted.warnings``.

What a file unpacks to is capped, not only its size: a .docx is a zip archive whose 0.5 MB
can hold 150 MB of XML (a "zip bomb"), and a PDF's pages are layout work each. The caps are
the unpacked size of the Word text (checked from the archive's directory before reading, and
enforced while streaming), the length of the text, and a PDF's pages and reading time. Over a
cap, the import refuses the file with a Danish message; the search index, which asks with
``partial=True``, gets the text read so far and a warning.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from lxml import etree  # type: ignore[import-untyped]

MAX_BYTES_DEFAULT = 25 * 1024 * 1024
# What a file's text may unpack to and run to (settings may lower or raise them).
MAX_UNPACKED_BYTES_DEFAULT = 40 * 1024 * 1024  # word/document.xml of a 1,000-page agenda: ~15 MB
MAX_CHARS_DEFAULT = 5_000_000
MAX_PDF_PAGES_DEFAULT = 2_000
MAX_SECONDS_DEFAULT = 60.0


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


@dataclass(frozen=True)
class Limits:
    """How much of a file is read: unpacked bytes, characters, PDF pages and seconds."""

    unpacked_bytes: int
    chars: int
    pdf_pages: int
    seconds: float
    partial: bool  # over a cap: keep what was read (True) or refuse the file (False)

    @classmethod
    def from_settings(cls, *, partial: bool, max_chars: int | None = None) -> Limits:
        chars = getattr(settings, "KURSEN_READ_MAX_CHARS", MAX_CHARS_DEFAULT)
        return cls(
            unpacked_bytes=getattr(
                settings, "KURSEN_READ_MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES_DEFAULT
            ),
            chars=min(chars, max_chars) if max_chars else chars,
            pdf_pages=getattr(settings, "KURSEN_READ_MAX_PDF_PAGES", MAX_PDF_PAGES_DEFAULT),
            seconds=getattr(settings, "KURSEN_READ_MAX_SECONDS", MAX_SECONDS_DEFAULT),
            partial=partial,
        )


class _Over(Exception):
    """A cap was reached; the message is the Danish reason."""


def text_from_bytes(
    data: bytes, filename: str = "", *, partial: bool = False, max_chars: int | None = None
) -> Extracted:
    """The text of a .txt, .html, .pdf or .docx file, whatever its name says.

    partial: over a cap, return the text read so far with a warning instead of refusing the
    file (the search index's way; an import refuses). max_chars lowers the text cap.
    """
    limits = Limits.from_settings(partial=partial, max_chars=max_chars)
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
        return _pdf(data, limits)
    if name.endswith(".pdf"):
        raise ReadError("Filen hedder .pdf, men er ikke en PDF-fil.")
    if data[:4] == b"PK\x03\x04":
        if name.endswith(".docx") or b"word/document.xml" in data:
            return _docx(data, limits)
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


def _pdf(data: bytes, limits: Limits) -> Extracted:
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
        pages: list[str] = []
        deadline = time.monotonic() + limits.seconds
        chars = 0
        try:
            count = len(reader.pages)
            if count > limits.pdf_pages:
                _over(
                    limits,
                    warnings,
                    f"PDF-filen har {count} sider; Kursen læser højst "
                    f"{limits.pdf_pages} sider af en fil.",
                )
            for number, page in enumerate(reader.pages, start=1):
                if number > limits.pdf_pages:
                    break
                if time.monotonic() > deadline:
                    raise _Over(
                        f"PDF-filen tager for lang tid at læse (over "
                        f"{limits.seconds:.0f} sekunder); læst til side {number - 1}."
                    )
                try:
                    text = page.extract_text() or ""
                except Exception:  # noqa: BLE001 - a damaged page must not stop the others
                    text = ""
                    warnings.append(f"Side {number} kunne ikke læses.")
                if chars + len(text) > limits.chars:
                    pages.append(text[: limits.chars - chars])
                    raise _Over(_too_much_text(limits))
                chars += len(text)
                pages.append(text)
        except _Over as over:
            _over(limits, warnings, str(over))
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _BODY = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "t", "body"))


def _docx(data: bytes, limits: Limits) -> Extracted:
    """The body's paragraphs and table rows (cells separated by tabs) of word/document.xml.

    The XML is streamed, each paragraph and table row dropped once read, so memory stays
    small whatever the document's length; the unpacked size is checked in the archive's
    directory first, and the stream stops at the cap as well (a directory can lie).
    """
    warnings: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadError("Word-filen er beskadiget og kan ikke læses.") from error
    if info.file_size > limits.unpacked_bytes:
        _over(limits, warnings, _too_big_unpacked(info.file_size, limits))
    lines: list[str] = []
    reader = _DocxText(lines, limits)
    try:
        with archive.open(info) as member:
            reader.read(_Capped(member, limits.unpacked_bytes))
    except _Over as over:
        _over(limits, warnings, str(over))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        if not reader.capped:
            raise ReadError("Word-filen er beskadiget og kan ikke læses.") from error
        reader.flush()  # the paragraph the cap cut through
        if not warnings:
            _over(limits, warnings, _too_big_unpacked(info.file_size, limits))
    return Extracted("\n".join(lines), "docx", warnings)


class _Capped(io.RawIOBase):
    """A stream that ends after limit bytes, noting that it was cut."""

    def __init__(self, stream, limit: int):
        self.stream, self.left, self.cut = stream, limit, False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            self.cut = self.cut or bool(self.stream.read(1))
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        chunk = self.stream.read(size)
        self.left -= len(chunk)
        return chunk


class _DocxText:
    """Collects the lines python-docx's reading gave: a paragraph and a blank line; a table's
    rows as tab-separated cells, then a blank line.

    Fully streamed: a run's text is taken when its w:t ends, and every element is dropped
    once ended, so memory is the depth of the XML, not its length.
    """

    def __init__(self, lines: list[str], limits: Limits):
        self.lines, self.limits, self.chars, self.capped = lines, limits, 0, False
        self.open: list[list[str]] = []

    def flush(self) -> None:
        """Keep the text of the paragraph still open where the stream ended."""
        if self.open:
            text = "".join(self.open[0])
            self.lines.append(text[: max(self.limits.chars - self.chars, 0)])
            self.open.clear()

    def read(self, stream: _Capped) -> None:
        depth = 0
        body_depth = -1
        tables = 0  # tables open around the current element
        paragraphs = self.open  # texts of the open paragraphs (a text box nests one)
        cells: list[list[str]] = []  # paragraph texts of the open table cells
        row: list[str] = []  # the cells of the top-level table's current row
        pending = 0  # characters gathered in open paragraphs, not yet added
        context = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            remove_comments=True,
        )
        try:
            for event, element in context:
                tag = element.tag
                if event == "start":
                    depth += 1
                    if tag == _BODY:
                        body_depth = depth
                    elif tag == _TBL:
                        tables += 1
                    elif tag == _P:
                        paragraphs.append([])
                    elif tag == _TC:
                        cells.append([])
                    continue
                depth -= 1
                top = depth == body_depth  # the element is a child of w:body
                if tag == _T and element.text:
                    for parts in paragraphs:
                        parts.append(element.text)
                    pending += len(element.text)
                    if self.chars + pending > self.limits.chars:  # one endless paragraph
                        self._add("".join(paragraphs[0]) if paragraphs else "")
                elif tag == _P and paragraphs:
                    text = "".join(paragraphs.pop())
                    if not paragraphs:
                        pending = 0
                    for texts in cells:
                        texts.append(text)
                    if top:
                        self._add(text, "")
                elif tag == _TC and cells:
                    text = " ".join(cells.pop()).strip()
                    if tables == 1:
                        row.append(text)
                elif tag == _TR and tables == 1:
                    self._add("\t".join(row))
                    row = []
                elif tag == _TBL:
                    tables -= 1
                    if top:
                        self._add("")
                _drop(element)
        finally:
            self.capped = stream.cut

    def _add(self, *lines: str) -> None:
        for line in lines:
            if self.chars + len(line) > self.limits.chars:
                self.lines.append(line[: self.limits.chars - self.chars])
                self.chars = self.limits.chars
                raise _Over(_too_much_text(self.limits))
            self.chars += len(line) + 1
            self.lines.append(line)


def _drop(element) -> None:
    """Free an ended element and the siblings before it, so the tree never grows."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _over(limits: Limits, warnings: list[str], reason: str) -> None:
    """Over a cap: refuse the file, or (partial) note that only the start was read."""
    if not limits.partial:
        raise ReadError(reason)
    warnings.append(reason + " Kun begyndelsen er læst.")


def _too_big_unpacked(size: int, limits: Limits) -> str:
    return (
        f"Filens tekst fylder {_megabytes(size)} MB, når den pakkes ud; Kursen læser højst "
        f"{_megabytes(limits.unpacked_bytes)} MB tekst af en fil. Del filen op."
    )


def _too_much_text(limits: Limits) -> str:
    return f"Filen har mere end {limits.chars:,} tegn tekst".replace(",", ".") + "; del den op."


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

    def updatepos(self, i: int, j: int) -> int:
        # Where in the source a token was (getpos) is never asked: not counting the newlines
        # of every token saves a tenth of the parsing. The position parsed to is returned as
        # ParserBase.updatepos returns it.
        return j

    # A line in progress is either text of a block, or a table cell's text.
    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.line

    def _flush(self, blank: bool = False) -> None:
        if self.line:  # most flushes find nothing to flush
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
