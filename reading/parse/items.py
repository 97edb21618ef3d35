"""Where items start (numbered headings, or a title before its status line), an item's
title, status and case number, and its lines split at its headings into blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reading.dates import find_date
from reading.parse.attachments import AttachmentsPass
from reading.parse.decisions import DecisionsPass
from reading.parse.forms import (
    ABBREVIATIONS,
    ATTACHMENT_LINE,
    ATTACHMENT_WITH_ID,
    ATTACHMENTS_HEADING,
    BULLET,
    ITEM_HEADING,
    MAX_HEADING,
    ROUTING_HEADING,
    SECTION_HEADINGS,
    SENTENCE_END,
    TITLE_CASE_AFTER,
    TITLE_CASE_BEFORE,
    TITLE_CODE_BEFORE,
    TOC_ENTRY,
    _decision_heading,
    _is_marker,
    _month_first,
    _status,
    body_name,
    closed_title,
    not_released,
)
from reading.parse.lines import _text
from reading.parse.sections import Block, SectionsPass
from reading.schema import Item


def _wrapped_title(lines: list[str], title: str, start: int, stop: int) -> tuple[str, int]:
    """An item title that a PDF wrapped onto the next line or two ("1. Udmøntningsplan
    2019-2022 for" / "Arbejdsmarkedsudvalgets område" / "Åben sag"): the lines directly
    between the heading and its status or routing line, with no blank line, continue the
    title. Returns the title and the index where the item's text starts."""
    parts = [title]
    index = start
    while index < stop and index - start < 3:
        stripped = lines[index].strip()
        if not stripped or len(stripped) > MAX_HEADING:
            break
        if _status(stripped) or ROUTING_HEADING.match(stripped):
            if len(parts) > 1:
                return " ".join(parts), index
            break
        if _is_marker(stripped) or BULLET.match(stripped) or index - start == 2:
            break
        parts.append(stripped)
        index += 1
    return title, start


class ItemsPass(SectionsPass, DecisionsPass, AttachmentsPass):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    def _unnumbered_starts(self, lines: list[str]) -> list[tuple[int, int | None, str]]:
        """Items without numbers: a title line directly before a status line ("Åben sag").
        Used only when no numbered item is found and there are two or more such items; a
        single case extract is read as one item from the top instead."""
        starts: list[tuple[int, int | None, str]] = []
        previous = None  # index of the last non-blank line
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                continue
            status = _status(stripped)
            if status and status[0] and previous is not None:
                title = lines[previous].strip()
                if (
                    len(title) <= MAX_HEADING
                    and not _is_marker(title)
                    and not SENTENCE_END.search(title)
                    and title[:1].isupper()
                    and (not starts or starts[-1][0] < previous)
                ):
                    starts.append((previous, None, title))
            previous = index
        if len(starts) < 2:
            return []
        self.warnings.append("Punkterne har ingen numre; titlen er linjen før »Åben/Lukket sag«.")
        return starts

    def _item_starts(self, lines: list[str]) -> Sequence[tuple[int, int | None, str]]:
        starts: list[tuple[int, int, str]] = []
        strong: list[bool] = []  # per start: its status, case or routing line follows directly
        # Where blank lines separate paragraphs, a heading starts one; a PDF's text has no
        # blank lines at all, so there the rule cannot apply.
        stripped_lines = list(map(str.strip, lines))
        paragraphed = stripped_lines.count("") * 20 >= len(lines)
        # The lines in the form of an item heading, found in one pass (the match looped in C).
        headings = [
            (index, match)
            for index, match in enumerate(map(ITEM_HEADING.match, stripped_lines))
            if match and len(stripped_lines[index]) <= MAX_HEADING
        ]
        # A meeting system prints every item heading in one form. Where the document's items
        # are headed "Punkt 4:" or "Pkt. 4" (with their case line), a line "4. …" or "4 …" is
        # a numbered line of an item's text (a list in the Sagsfremstilling, a numbered
        # decision), not an item.
        labelled = self._labelled_headings(lines, headings)
        for index, match in headings:
            if lines[index].startswith(" "):
                continue
            stripped = stripped_lines[index]
            if labelled and not match["n1"]:
                continue
            if paragraphed and index and lines[index - 1].strip():
                continue
            if match["n2"] and stripped[len(match["n2"])] == " " and match["title"][0].islower():
                continue  # "80 år forventes ...": a sentence broken before a number
            if match["n2"] and _month_first(match["title"]):
                continue  # "5. Dec. ...", "5. december 2023": a date, as in a table's rows
            number = int(match["n1"] or match["n2"])
            # The same number again: a numbered line of the previous item's text was taken for
            # this item's heading ("3. Ikke lovbestemt …" in a list, "7. Anbefales." in a
            # decision) unless that one had its status or case line and this one has not.
            replaces = bool(starts) and number == starts[-1][1] and not strong[-1]
            if starts and number <= starts[-1][1] and not replaces:
                continue
            title = match["title"].strip()
            if TOC_ENTRY.search(title) and "\t" in stripped:
                continue
            if match["n2"] and title[:1].islower():
                continue  # "3. at udvalget godkender …": a numbered line of a recommendation
            if ATTACHMENT_WITH_ID.match(stripped) or (
                match["n2"]
                and stripped[len(match["n2"])] == " "
                and ATTACHMENT_LINE.match(stripped)
                and not closed_title(title)[1]  # "2 Lukket: Title" is an item
            ):
                continue  # "2 Lukket Notat (424242/23)": an attachment line, not "2 Title"
            if (
                match["n2"]
                and " " == stripped[len(match["n2"])]
                and title[-1] in ".,;"
                and not _abbreviated(title)
            ):
                continue  # "80 år forventes ... procent." is a broken sentence, not "1 Title"
            direct = self._item_follows(lines, index + 1, strict=True)
            if replaces:
                if direct:
                    starts[-1], strong[-1] = (index, number, title), True
                continue
            in_sequence = not starts or number == starts[-1][1] + 1
            # A closure mark in the heading ("1. Lukket: Title") says it is an item.
            if (in_sequence and closed_title(title)[1]) or self._item_follows(
                lines, index + 1, strict=not in_sequence
            ):
                starts.append((index, number, title))
                strong.append(direct)
        return starts

    def _labelled_headings(
        self, lines: list[str], headings: list[tuple[int, re.Match[str]]]
    ) -> bool:
        """Whether the document heads its items "Punkt N" or "Pkt. N": two or more such
        headings (of `headings`, the lines' item headings in order, with their index) directly
        followed by their status, case or routing line."""
        found = 0
        for index, match in headings:
            if match["n1"] and self._item_follows(lines, index + 1, strict=True):
                found += 1
                if found >= 2:
                    return True
        return False

    @staticmethod
    def _item_follows(lines: list[str], start: int, strict: bool = False) -> bool:
        """An item heading is followed, within a few lines, by its status, case or routing;
        out of sequence (a number skipped), directly by its status or routing."""
        seen = 0
        for line in lines[start : start + 12]:
            stripped = line.strip()
            if not stripped:
                continue
            if ITEM_HEADING.match(stripped) and not _status(stripped):
                return False
            if _status(stripped) or ROUTING_HEADING.match(stripped):
                return True
            if not strict and stripped.lower().rstrip(":") in SECTION_HEADINGS:
                return True
            if not strict and _decision_heading(stripped) is not None:
                return True
            seen += 1
            if seen >= 3 or strict:
                return False
        return False

    def _unnumbered_item(self, lines: list[str]) -> Item:
        title_lines: list[str] = []
        start = 0
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                continue
            if _is_marker(stripped):
                start = index
                break
            title_lines.append(stripped)
            start = index + 1
            if len(title_lines) >= 2:
                break
        title = " ".join(title_lines) or None
        item = self._item(None, title, lines[start:])
        if item["title"] is None:
            self.warnings.append("Sagens titel står ikke i dokumentet.")
        return item

    def _item(self, number: int | None, title: str | None, lines: list[str]) -> Item:
        # "access" is None until the item's status line is read; set before returning.
        item: Item = {
            "number": number, "title": title, "case_number": None, "subject_code": None,
            "access": None, "routing": [], "sections": [], "decisions": [], "attachments": [],  # type: ignore[typeddict-item]
        }  # fmt: skip
        if title:
            self._title_case(item, title)
            unmarked, closed = closed_title(item["title"] or "")
            if closed:
                item["title"], item["access"] = unmarked or None, "closed"
        blocks: list[Block] = []
        current = Block("intro")
        blocks.append(current)
        for line in lines:
            stripped = line.strip()
            heading = self._heading(stripped, item) if len(stripped) <= MAX_HEADING else None
            if heading is None:
                current.lines.append(line)
            elif heading.kind == "status":
                continue
            elif (
                heading.kind == "decision"
                and current.kind == "decision"
                and heading.lines
                and heading.date is None
                and not any(part.strip() for part in current.lines)
            ):
                # "Beslutning" / "Økonomiudvalgets beslutning: Økonomiudvalget anbefaler …":
                # the decision's text begins by naming it, under its heading.
                current.lines.append(line)
            else:
                current = heading
                blocks.append(current)
        if (
            item["access"] == "closed"
            and len(blocks) == 1
            and any(line.strip() for line in blocks[0].lines)
        ):
            # A closed item's published text is its decision alone, unheaded (FirstAgenda's
            # minutes); in an agenda it is text again (`_document`).
            blocks[0] = Block("decision", lines=blocks[0].lines)
            self.unheaded.append(item)
        for block in blocks:
            if block.kind == "intro":
                self._intro(block, item)
            elif block.kind == "routing":
                self._intro(Block("intro", lines=self._routing(block, item)), item)
            elif block.kind == "section":
                item["sections"].append({"heading": block.heading, "text": _text(block.lines)})
            elif block.kind == "decision":
                decision = self._decision(block)
                if decision["text"].strip("-–.,;: "):
                    pass
                elif decision["absent"]:
                    decision["text"] = ""
                else:
                    continue  # a heading with nothing under it ("Beslutning" / "-")
                if not not_released(decision["text"]):
                    item["decisions"].append(decision)
            elif block.kind == "attachments":
                self._attachments(block.lines, item)
        confidence = 1.0
        if item["access"] is None:
            # Closed until a person says otherwise; `_document` may read the document's way
            # of marking closure (only closed items marked) and open it.
            item["access"] = "closed"
            self.unmarked.append(item)
            confidence = 0.5
        else:
            self.marks[item["access"]] += 1
        sections = item["sections"]
        if (
            sections
            and not item["decisions"]
            and all(s["heading"] == "Indledning" for s in sections)
        ):
            confidence -= 0.2  # text, but no heading found in it
        item["confidence"] = round(max(confidence, 0.1), 2)
        return item

    def _title_case(self, item: Item, title: str) -> None:
        if len(title) > MAX_HEADING:
            return
        match = TITLE_CASE_BEFORE.match(title) or TITLE_CASE_AFTER.match(title)
        if match:
            item["title"] = match["title"].strip()
            item["case_number"] = match["case"]
            item["subject_code"] = match["code"]
            return
        match = TITLE_CODE_BEFORE.match(title)
        if match:
            item["title"] = match["title"].strip()
            item["subject_code"] = match["code"]

    def _heading(self, stripped: str, item: Item) -> Block | None:
        if not stripped:
            return None
        status = _status(stripped)
        if status:
            access, case, code = status
            if access and item["access"] is None:
                item["access"] = access
            if case and item["case_number"] is None:
                item["case_number"], item["subject_code"] = case, code
            return Block("status")
        lowered = stripped.lower().rstrip(":").strip()
        if lowered in SECTION_HEADINGS:
            return Block("section", heading=stripped.rstrip(":").strip())
        if stripped[0] in "BbS":
            if ATTACHMENTS_HEADING.match(stripped):
                return Block("attachments")
            match = ROUTING_HEADING.match(stripped)
            if match:
                block = Block("routing")
                if match["rest"]:
                    block.lines.append(match["rest"])
                return block
        match = _decision_heading(stripped)
        if match:
            block = Block(
                "decision",
                body=body_name(match["body"] or ""),
                date=find_date(match["date"]) if match["date"] else None,
            )
            if match["rest"]:
                block.lines.append(match["rest"])
            return block
        return None


def _abbreviated(title: str) -> bool:
    """Whether a title's final period is an abbreviation's ("… høringer mv.", "… Fjernvarme
    A.m.b.a.", "… Hundige St."), not a sentence's end."""
    last = title.rsplit(None, 1)[-1]
    return "." in last[:-1] or last.lower() in ABBREVIATIONS
