"""The "foreign" PDFs of the reader's tests: an HTML page printed to PDF as another meeting
system (or a browser's print) makes it, typeset by Typst with foreign.typ.

The reader meets PDFs whose text comes out of pypdf in the order the page was drawn: the
margin furniture (running head, "Side 1 af 8", the system's name) and the list markers laid
out apart from their items come at each page's end. The template draws them that way. The
page's HTML is read here into blocks (headings, paragraphs with their line breaks, list items,
table rows; a paragraph styled ``page-break-after: always`` ends its page) and goes to Typst
as JSON data, so no text of a test can act as Typst code.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from documents import pdf as engine

TEMPLATE = Path(__file__).resolve().parent / "foreign.typ"
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
SKIPPED = {"head", "title", "style", "script"}


def html_pdf(html: str, *, head: str = "", footer: str = "", system: str = "") -> bytes:
    """The page as PDF. head: the running head; footer: a form such as "Side {page} af
    {pages}"; system: the name printed in the bottom right corner ("FirstAgenda")."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    if parser.blocks:  # a break after the last block would add an empty page
        parser.blocks[-1]["break"] = False
    data = {
        "title": parser.title or "Dokument",
        "head": head,
        "footer": footer,
        "system": system,
        "blocks": parser.blocks,
    }
    return engine.typeset_file(TEMPLATE, json.dumps(data, ensure_ascii=False), standards=[])


def text_pdf(*paragraphs: str) -> bytes:
    """Paragraphs of plain text as a PDF (each one escaped, nothing read as markup)."""
    from html import escape

    return html_pdf("".join(f"<p>{escape(p)}</p>" for p in paragraphs))


class _Blocks(HTMLParser):
    """The page's blocks as foreign.typ prints them; inline markup keeps only its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[dict[str, Any]] = []
        self.title = ""
        self._lines: list[str] | None = None  # the open paragraph, heading or cell
        self._kind = ""
        self._level = 0
        self._break = False
        self._skipping = 0
        self._in_title = False
        self._items: list[list[str]] | None = None
        self._rows: list[list[list[str]]] | None = None
        self._row: list[list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += tag != "head"
            self._in_title = tag == "title"
            return
        if tag == "br":
            if self._lines is not None:
                self._lines.append("")
            return
        if tag in HEADINGS or tag == "p":
            self._open("heading" if tag in HEADINGS else "p", HEADINGS.get(tag, 0))
            style = dict(attrs).get("style") or ""
            self._break = "page-break-after: always" in style.replace("  ", " ")
        elif tag in ("ul", "ol"):
            self._close()
            self._items = []
        elif tag == "li":
            self._close()
            self._open("li")
        elif tag == "table":
            self._close()
            self._rows = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._open("cell")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping -= tag != "head"
            self._in_title = False
        elif tag in HEADINGS or tag in ("p", "li", "td", "th"):
            self._close()
        elif tag in ("ul", "ol") and self._items is not None:
            self.blocks.append({"kind": "list", "items": self._items})
            self._items = None
        elif tag == "tr" and self._rows is not None and self._row is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag == "table" and self._rows is not None:
            self.blocks.append({"kind": "table", "rows": self._rows})
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data.strip()
        if self._skipping:
            return
        text = " ".join(data.split())
        if not text:
            return
        if self._lines is None:  # text outside a block is a paragraph of its own
            self._open("p")
        assert self._lines is not None
        joined = f"{self._lines[-1]} {text}" if self._lines[-1] else text
        self._lines[-1] = joined.strip()

    def _open(self, kind: str, level: int = 0) -> None:
        self._close()
        self._kind, self._level, self._lines = kind, level, [""]

    def _close(self) -> None:
        if self._lines is None:
            return
        lines = [line for line in self._lines]
        while lines and not lines[-1]:
            lines.pop()
        kind, self._lines = self._kind, None
        if kind == "cell":
            if self._row is not None:
                self._row.append(lines)
            return
        if not lines:
            return
        if kind == "li" and self._items is not None:
            self._items.append(lines)
        elif kind == "heading":
            self.blocks.append({"kind": "heading", "level": self._level, "lines": lines})
        else:
            self.blocks.append({"kind": "p", "lines": lines, "break": self._break})
        self._break = False
