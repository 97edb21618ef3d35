"""Pass 1 and 2: characters, page furniture dropped, double spacing undone, broken paragraphs
and wrapped decision headings joined; and the text helpers every later pass uses.
"""

from __future__ import annotations

import html

from reading.parse.forms import (
    ATTACHMENT_LINE,
    BROKEN_OFF,
    BULLET,
    DOCUMENT_NUMBER,
    ITEM_HEADING,
    MARKDOWN_RULE,
    MAX_HEADING,
    SENTENCE_END,
    SUB_GLYPHS,
    SYMBOL_BULLETS,
    TAG,
    _date_only,
    _dated,
    _decision_heading,
    _is_marker,
    _unfinished_attachment,
)
from reading.parse.furniture import artefact_lines, split_pages, systems_named
from reading.parse.state import ParserState


def _symbol_bullet(line: str) -> str:
    stripped = line.lstrip()
    if stripped and stripped[0] in SYMBOL_BULLETS:
        indent = line[: len(line) - len(stripped)]
        return f"{indent}- {stripped[1:].strip()}"
    return line


def _join_wrapped_decisions(lines: list[str]) -> list[str]:
    """A decision heading broken over two lines, as a PDF's narrow column prints it
    ("Beslutning i Kommunalbestyrelsen den" / "13-12-2022", "Beslutning i Børne- og" /
    "Ungdomsudvalget den 06-12-2022"), as one line; the second line holds the date and
    nothing more (one blank line may separate them)."""
    joins: dict[int, tuple[int, str]] = {}  # heading's index: (continuation's index, joined)
    for index, line in enumerate(lines):
        if "Beslutning i" not in line:
            continue
        stripped = line.strip()
        if (
            (stripped.startswith("Beslutning i ") or stripped == "Beslutning i")
            and len(stripped) <= 120
            and ":" not in stripped
            and not _dated(_decision_heading(stripped))
        ):
            following = index + 1
            if following < len(lines) and not lines[following].strip():
                following += 1
            if following < len(lines) and 0 < len(lines[following].strip()) <= 60:
                joined = f"{stripped} {lines[following].strip()}"
                match = _decision_heading(joined)
                if (
                    match
                    and match["body"]
                    and match["date"]
                    and match["rest"] is None
                    and _date_only(match["date"])
                ):
                    joins[index] = (following, joined)
    if not joins:
        return lines
    out: list[str] = []
    skip = -1
    for index, line in enumerate(lines):
        if index == skip:
            continue
        if index in joins:
            skip, joined = joins[index]
            out.extend(lines[index + 1 : skip])
            out.append(joined)
        else:
            out.append(line)
    return out


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _names(value: str) -> list[str]:
    value = _spaces(value)
    if not value:
        return []
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(part[:1].isupper() for part in parts):
        return parts
    return [value]


def _cells(line: str) -> list[str]:
    if line.strip().startswith("|"):
        cells = line.strip().strip("|").split("|")
    else:
        cells = line.split("\t")
    out = []
    for cell in cells:
        cell = _plain(cell)
        if "•" in cell:
            cell = "; ".join(part.strip() for part in cell.split("•") if part.strip())
        out.append(cell)
    while out and not out[-1]:
        out.pop()
    return out


def _plain(text: str) -> str:
    """A table cell or line without HTML markup."""
    if "<" in text and TAG.search(text):
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return _spaces(text)


def _table_lines(lines: list[str]) -> list[str]:
    """Markdown and tab tables as lines of their non-empty cells joined by a space."""
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") or stripped.startswith("- |"):
            if stripped.startswith("- "):
                stripped = stripped[2:]
            if MARKDOWN_RULE.match(stripped):
                continue
            out.append(" ".join(cell for cell in _cells(stripped) if cell))
        elif "\t" in line:
            out.append(" ".join(cell for cell in _cells(line) if cell))
        else:
            out.append(line)
    return out


def _text(lines: list[str]) -> str:
    """Section text: paragraphs separated by one blank line, broken lines joined, bullets as
    "- " lines (two spaces per level), table rows as cells joined by " | "."""
    # A paragraph is a list of rows; a row is a list of pieces joined by a space at the end,
    # so a paragraph of many broken lines is joined in linear time.
    paragraphs: list[list[list[str]]] = [[]]
    blank_free = not any(not line.strip() for line in lines)
    last = ""  # kind of the last row in the current paragraph: table, bullet, text
    for raw in lines:
        line = raw.rstrip()
        if not line:  # blank (only whitespace, stripped on the right)
            if paragraphs[-1]:
                paragraphs.append([])
                last = ""
            continue
        if len(line) > 100_000:
            line = line[:100_000]
            stripped = line.strip()
        else:
            stripped = line.lstrip()  # stripped on the right already
        current = paragraphs[-1]
        # A tab anywhere in the line (stripping spaces keeps every tab): a table row.
        if stripped.startswith(("|", "- |")) or "\t" in raw:
            candidate = stripped[2:] if stripped.startswith("- |") else stripped
            if candidate.startswith("|") and MARKDOWN_RULE.match(candidate):
                continue
            cells = _cells(candidate if candidate.startswith("|") else raw)
            if not cells:
                continue
            if last and last != "table":
                paragraphs.append([])
                current = paragraphs[-1]
            current.append([" | ".join(cells)])
            last = "table"
            continue
        match = BULLET.match(line)
        if match:
            indent = len(match["indent"].replace("\t", "  "))
            level = 1 if indent or match["glyph"] in SUB_GLYPHS else 0
            if indent >= 4:
                level = indent // 2
            if last and last != "bullet":
                paragraphs.append([])
                current = paragraphs[-1]
            current.append(["  " * level + "- " + _plain(match["text"])])
            last = "bullet"
            continue
        text = _plain(stripped) if "<" in stripped or "&" in stripped else _spaces(stripped)
        if not text:
            continue
        if last == "bullet" or (
            last == "text" and not (blank_free and SENTENCE_END.search(current[-1][-1]))
        ):
            current[-1].append(text)
        else:
            if last:
                paragraphs.append([])
                current = paragraphs[-1]
            current.append([text])
            last = "text"
    return "\n\n".join("\n".join(" ".join(row) for row in p) for p in paragraphs if p)


class LinesPass(ParserState):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    def _prepare(self, text: str) -> list[str]:
        text = (
            text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
            .replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
        )  # fmt: skip
        lines, edges = split_pages(text)
        drop, headers = artefact_lines(lines, edges)
        self.systems = systems_named(lines, drop)
        for header in headers:
            self.header_body = self.header_body or header.body
            self.header_date = self.header_date or header.date
            self.header_kind = self.header_kind or header.kind
        if self._double_spaced(lines):
            return _join_wrapped_decisions(self._undouble(lines, drop))
        if drop:
            result = [line.rstrip(" ") for index, line in enumerate(lines) if index not in drop]
        else:
            result = [line.rstrip(" ") for line in lines]
        if any(glyph in text for glyph in SYMBOL_BULLETS):
            result = [_symbol_bullet(line) for line in result]
        return _join_wrapped_decisions(self._join_broken_paragraphs(result))

    @staticmethod
    def _double_spaced(lines: list[str]) -> bool:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if len(filled) < 6:
            return False
        spaced = sum(1 for i in filled if i + 1 < len(lines) and lines[i + 1] == "")
        if spaced < 0.6 * len(filled):
            return False  # most text is not double-spaced: the other counts are not needed
        separators = sum(1 for line in lines if line and not line.strip())
        # Sentences broken over a blank line: "... en" / "" / "udmøntningsplan, som ...".
        broken = sum(
            1
            for i in filled
            if i + 2 < len(lines)
            and lines[i + 1] == ""
            and lines[i + 2][:1].islower()
            and not SENTENCE_END.search(lines[i].rstrip())
        )
        return (
            spaced >= 0.6 * len(filled) and separators >= 1 and broken >= max(2, len(filled) // 8)
        )

    def _undouble(self, lines: list[str], drop: set[int]) -> list[str]:
        """Seeds 002/003: "" after every line, " " between paragraphs, a page break as a line
        directly after another, often starting with a space; a lost bullet glyph leaves a line
        starting with a space inside a paragraph."""
        out: list[str] = []
        previous = "separator"  # what came before the current line: separator, blank, direct
        last_text = ""
        in_list = False
        last_marker = False  # _is_marker(last_text)
        for index, raw in enumerate(lines):
            if index in drop:
                previous = "separator" if previous == "separator" else "blank"
                continue
            if raw == "":
                if previous == "direct":
                    previous = "blank"
                continue
            if not raw.strip():
                previous = "separator"
                continue
            line = raw.rstrip()
            stripped = line.strip()
            glyph = stripped[0] in SYMBOL_BULLETS
            if glyph:
                stripped = stripped[1:].strip()
            is_marker = _is_marker(stripped)
            marker = is_marker or (
                # "1. Title" after a line that does not break off mid-sentence
                ITEM_HEADING.match(stripped) is not None
                and (
                    not BROKEN_OFF.search(last_text)
                    or last_text.startswith(("- ", "|"))
                    or ATTACHMENT_LINE.match(last_text) is not None
                )
                and len(stripped) <= MAX_HEADING
            )
            new_paragraph = (
                previous == "separator"
                or marker
                or last_marker
                and not (
                    previous == "blank"
                    and _unfinished_attachment(last_text)
                    and not DOCUMENT_NUMBER.fullmatch(stripped)  # seed 004's lone number
                )
            )
            bullet = glyph
            if not new_paragraph and not glyph:
                if previous == "direct":
                    # A page break inside a paragraph, or between two.
                    if SENTENCE_END.search(last_text) and stripped[:1].isupper():
                        new_paragraph = True
                elif line.startswith(" ") and not line.startswith("  "):
                    bullet = True
            if new_paragraph:
                in_list = bullet
                if out and out[-1] != "":
                    out.append("")
            elif bullet and not in_list:
                in_list = True
                out.append("")
            out.append(f"- {stripped}" if bullet else stripped)
            last_text = stripped
            last_marker = is_marker
            previous = "direct"
        return out

    @staticmethod
    def _join_broken_paragraphs(lines: list[str]) -> list[str]:
        """A blank line between "... og punkterne vil" and "indgå i ..." is a page break."""
        out: list[str] = []
        for line in lines:
            if (
                line
                and line[0].islower()
                and len(out) >= 2
                and out[-1] == ""
                and out[-2]
                and out[-2][-1:].isalpha()
                and out[-2][-1:].islower()
                and not BULLET.match(out[-2])
                and "\t" not in out[-2]
                and not _is_marker(out[-2].strip())
            ):
                out.pop()
            out.append(line)
        return out
