"""An item's attachment list (Bilag) and the attachment overview after the items."""

from __future__ import annotations

from reading.parse.forms import (
    ATTACHMENT_LINE,
    ATTACHMENT_PLAIN,
    ATTACHMENT_WITH_ID,
    CLOSED_MARK,
    DOCUMENT_NUMBER,
    MAX_HEADING,
    OVERVIEW_ENTRY,
    OVERVIEW_HEADING,
    SIGNATURE_HEADING,
    TRAILING_MARK,
)
from reading.parse.lines import _spaces, _table_lines
from reading.parse.state import ParserState
from reading.schema import Access, Item


def _attachment_rest(rest: str) -> tuple[str | None, str | None, bool]:
    """Title, document number and closedness from what follows an attachment's number."""
    rest = _spaces(rest)
    closed = False
    document_number = None
    for _ in range(4):
        before = rest
        rest = TRAILING_MARK.sub("", rest)
        if CLOSED_MARK.search(rest):
            closed = True
            rest = CLOSED_MARK.sub("", rest)
        match = DOCUMENT_NUMBER.search(rest)
        if (
            match
            and document_number is None
            and (match.start() == 0 or rest[match.start() - 1] == " ")
        ):
            document_number = match["number"]
            rest = rest[: match.start()].rstrip()
        if rest == before:
            break
    if rest.startswith("(") and rest.endswith(")") and "lukket" in rest.lower():
        closed, rest = True, ""
    if rest.lower() == "bilag":  # "2 Lukket bilag": a redacted attachment has no title
        rest = ""
    return (rest.strip() or None), document_number, closed


def _attachment_entries(lines: list[str]) -> list[str]:
    """The Bilag block's entries, one a string: a line that does not start an entry continues
    the entry before it, as a PDF wraps a long title ("1 - 3389825 Åben Udmøntningsplan
    2023-2026 til ØK og KB i" / "december (151433/22) (H)"), when it follows that entry
    directly, or after one blank line when it ends the entry (with its document number or
    mark) and the entry has neither yet. A numbered line continues too when its number is not
    the next ("31. oktober 2024 ..."). A document number alone on a line is not a
    continuation: seed 004 prints the first open attachment's number so, after the list."""
    entries: list[str] = []
    previous: int | None = None  # the number of the last entry, if it had one
    is_open = False  # the last non-blank line was (part of) an entry
    blank = False  # and a blank line followed it
    for line in lines:
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            is_open = is_open and not blank and not stripped
            blank = True
            continue
        match = ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)
        plain = None if match else ATTACHMENT_PLAIN.match(stripped)
        starts = match is not None or (
            plain is not None
            and not (
                is_open
                and plain["number"]
                and previous is not None
                and int(plain["number"]) != previous + 1
            )
        )
        if starts:
            entries.append(stripped)
            found = match or plain
            assert found is not None  # `starts` holds only when one of them matched
            number = found["number"]
            previous = int(number) if number else None
            is_open = True
        elif (
            is_open
            and len(entries[-1]) + len(stripped) < 400
            and not DOCUMENT_NUMBER.fullmatch(stripped)  # seed 004's lone number: see above
            and not (DOCUMENT_NUMBER.search(entries[-1]) or TRAILING_MARK.search(entries[-1]))
            and (not blank or _ends_entry(stripped))
        ):
            entries[-1] = f"{entries[-1]} {stripped}"
        else:
            entries.append(stripped)
            is_open = False
        blank = False
    return entries


def _ends_entry(stripped: str) -> bool:
    """Whether a line ends as an attachment line does: "(151433/22)", "(151433/22) (H)"."""
    return DOCUMENT_NUMBER.search(TRAILING_MARK.sub("", stripped)) is not None


class AttachmentsPass(ParserState):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    def _attachments(self, lines: list[str], item: Item) -> None:
        stray: list[str] = []
        for stripped in _attachment_entries(_table_lines(lines)):
            match = ATTACHMENT_WITH_ID.match(stripped) or ATTACHMENT_LINE.match(stripped)
            if match:
                number: int | None = int(match["number"])
                access: Access = "closed" if match["access"].lower() == "lukket" else "open"
            else:
                match = ATTACHMENT_PLAIN.match(stripped)
                if not match:
                    number_only = DOCUMENT_NUMBER.fullmatch(stripped)
                    if number_only:
                        stray.append(number_only["number"])
                    else:
                        self.warnings.append(f"Bilagslinjen »{stripped[:80]}« blev ikke forstået.")
                    continue
                number = int(match["number"]) if match["number"] else None
                access = "open"
            title, document_number, closed = _attachment_rest(match["rest"])
            if closed:
                access = "closed"
            item["attachments"].append(
                {"number": number, "title": title, "access": access,
                 "document_number": document_number}
            )  # fmt: skip
        for document_number in stray:
            candidates = [
                a for a in item["attachments"]
                if a["document_number"] is None and a["access"] == "open"
            ]  # fmt: skip
            if candidates:
                candidates[0]["document_number"] = document_number
                self.guessed.add(id(candidates[0]))
            else:
                self.warnings.append(
                    f"Dokumentnummeret {document_number} kunne ikke knyttes til et bilag."
                )

    def _overview(self, lines: list[str], end: int, items: list[Item]) -> None:
        """The attachment overview confirms and completes the items' attachment lines."""
        by_number = {item["number"]: item for item in items if item["number"] is not None}
        current = None
        in_overview = False
        for line in lines[end:]:
            stripped = line.strip()
            if OVERVIEW_HEADING.match(stripped):
                in_overview = True
                continue
            if SIGNATURE_HEADING.match(stripped):
                break
            if not in_overview or not stripped or len(stripped) > MAX_HEADING:
                continue
            match = OVERVIEW_ENTRY.match(stripped)
            if not match:
                continue
            number = int(match["number"])
            rest = match["rest"].strip()
            item = by_number.get(number)
            if item is not None and item["title"] and rest == item["title"]:
                current = item
                continue
            if current is None:
                continue
            title, document_number, closed = _attachment_rest(rest)
            for attachment in current["attachments"]:
                if attachment["number"] != number:
                    continue
                if document_number and attachment["document_number"] in (None, document_number):
                    attachment["document_number"] = document_number
                    self.guessed.discard(id(attachment))
                if title and attachment["title"] is None and not closed:
                    attachment["title"] = title
        for item in items:
            for attachment in item["attachments"]:
                if id(attachment) in self.guessed:
                    self.warnings.append(
                        f"Dokumentnummeret {attachment['document_number']} står under "
                        "bilagslisten og er knyttet til første åbne bilag uden nummer."
                    )
