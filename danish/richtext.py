"""The plain formatting of agenda sections: paragraphs, bullet lists and simple tables.

Sections are stored as the text a secretary types:

    A paragraph; a single line break stays a line break.

    - a bullet
      - a bullet under it (indented)

    | Tid   | Punkt            |
    |-------|------------------|
    | 11.00 | Udmøntningsplan  |

Pages, the .docx and the PDF all render from `parse()`'s blocks, and every piece of text is
escaped on the way out, so no markup typed or pasted by a user ever reaches a page as markup.
HTML pasted from Word or read from a published agenda is first cleaned by nh3 (an allowlist
sanitiser) and turned into the same plain text by `from_html()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import nh3
from django.utils.safestring import SafeString, mark_safe

BULLET = re.compile(r"^(\s*)[-*•·▪\uf0b7]\s+(.*)$")
TABLE_SEPARATOR = re.compile(r"^\|?[\s:|-]+\|?$")
HTML_TAG = re.compile(r"<\s*/?\s*(p|br|ul|ol|li|table|tr|td|th|div|strong|b|em|i|span)\b", re.I)


@dataclass
class Paragraph:
    lines: list[str]


@dataclass
class BulletList:
    # (level, text); level 0 or 1.
    items: list[tuple[int, str]]


@dataclass
class Table:
    header: list[str] | None
    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | BulletList | Table


def parse(text: str) -> list[Block]:
    """The blocks of a section's text, in order."""
    blocks: list[Block] = []
    for chunk in _chunks(text or ""):
        kind = _kind(chunk[0])
        if kind == "bullet":
            items = []
            for line in chunk:
                match = BULLET.match(line)
                if match:
                    items.append(
                        (1 if len(match.group(1).expandtabs(4)) >= 2 else 0, match.group(2).strip())
                    )
                elif items:  # a wrapped bullet line continues the bullet
                    level, previous = items[-1]
                    items[-1] = (level, f"{previous} {line.strip()}")
            blocks.append(BulletList(items))
        elif kind == "table":
            rows = [_cells(line) for line in chunk if not TABLE_SEPARATOR.match(line.strip())]
            has_header = len(chunk) > 1 and TABLE_SEPARATOR.match(chunk[1].strip()) is not None
            header = rows.pop(0) if has_header and rows else None
            blocks.append(Table(header, rows))
        else:
            blocks.append(Paragraph([line.strip() for line in chunk]))
    return blocks


def _kind(line: str) -> str:
    if BULLET.match(line):
        return "bullet"
    if line.lstrip().startswith("|"):
        return "table"
    return "text"


def _chunks(text: str) -> list[list[str]]:
    """Lines grouped into runs of one kind, split at blank lines and where the kind changes."""
    chunks: list[list[str]] = []
    current: list[str] = []
    current_kind = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            if current:
                chunks.append(current)
            current, current_kind = [], None
            continue
        kind = _kind(line)
        # A non-bullet line right after a bullet continues that bullet (a wrapped line).
        if current_kind == "bullet" and kind == "text" and line.startswith(" "):
            kind = "bullet"
        if current and kind != current_kind:
            chunks.append(current)
            current = []
        current.append(line)
        current_kind = kind
    if current:
        chunks.append(current)
    return chunks


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def to_html(text: str) -> SafeString:
    """The section as HTML for pages and the PDF; all text escaped."""
    parts = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            parts.append("<p>" + "<br>".join(escape(line) for line in block.lines) + "</p>")
        elif isinstance(block, BulletList):
            parts.append(_list_html(block.items))
        else:
            parts.append(_table_html(block))
    return mark_safe("\n".join(parts))  # noqa: S308 - every piece of text is escaped above


def _list_html(items: list[tuple[int, str]]) -> str:
    html, depth = ["<ul>"], 0
    for index, (level, text) in enumerate(items):
        if level > depth:
            html[-1] = html[-1].removesuffix("</li>")  # nest inside the previous bullet
            html.append("<ul>")
        elif level < depth:
            html.append("</ul></li>")
        depth = level
        html.append(f"<li>{escape(text)}</li>")
        del index
    if depth:
        html.append("</ul></li>")
    html.append("</ul>")
    return "".join(html)


def _table_html(table: Table) -> str:
    html = ["<table>"]
    if table.header:
        html.append(
            "<thead><tr>"
            + "".join(f'<th scope="col">{escape(c)}</th>' for c in table.header)
            + "</tr></thead>"
        )
    html.append("<tbody>")
    for row in table.rows:
        html.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    html.append("</tbody></table>")
    return "".join(html)


def plain_text(text: str) -> str:
    """The section's words without markup, for search and plain-text feeds."""
    lines = []
    for block in parse(text):
        if isinstance(block, Paragraph):
            lines.extend(block.lines)
        elif isinstance(block, BulletList):
            lines.extend(item for _, item in block.items)
        else:
            for row in ([block.header] if block.header else []) + block.rows:
                lines.append(" ".join(row))
    return "\n".join(lines)


def looks_like_html(text: str) -> bool:
    return bool(HTML_TAG.search(text or ""))


ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"}


def from_html(html: str) -> str:
    """Pasted or imported HTML as the plain formatting: sanitised first, then converted."""
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, strip_comments=True)
    converter = _HtmlToText()
    converter.feed(clean)
    converter.close()
    return converter.text()


class _HtmlToText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.list_depth = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "ul", "ol", "table"} and self.cell is None:
            self._flush()
        if tag == "p" and self.cell is not None:
            self.cell.append(" ")
        if tag in {"ul", "ol"}:
            if self.cell is None:
                self.list_depth += 1
        elif tag == "li":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush()
                indent = "  " * min(self.list_depth - 1, 1) if self.list_depth else ""
                self.buffer.append(f"{indent}- ")
        elif tag == "br":
            (self.cell if self.cell is not None else self.buffer).append(
                " " if self.cell is not None else "\n"
            )
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in {"ul", "ol"} and self.cell is None:
            self._flush()
            self.list_depth = max(0, self.list_depth - 1)
            if not self.list_depth:
                self.out.append("")
        elif tag == "li" and self.cell is None:
            self._flush()
        elif tag == "p" and self.cell is None:
            self._flush()
            self.out.append("")
        elif tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "/"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.append("| " + " | ".join(self.row) + " |")
            self.row = None
        elif tag == "table":
            self.out.append("")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            self.buffer.append(data)

    def _flush(self):
        text = "".join(self.buffer)
        self.buffer = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        prefix = re.match(r"^\s*- ", text)
        if prefix:
            lines[0] = prefix.group(0) + lines[0].removeprefix("-").strip()
        lines = [line for line in lines if line.strip() and line.strip() != "-"]
        if lines:
            self.out.extend(lines)

    def text(self) -> str:
        self._flush()
        text = "\n".join(self.out)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_input(text: str) -> str:
    """What a form stores: pasted HTML converted, control characters dropped, ends trimmed."""
    text = text or ""
    if looks_like_html(text):
        text = from_html(text)
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return text.strip()
