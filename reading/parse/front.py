"""The front page (kind of document, body, date, time, place, members, absentees), the
signature page, and the document assembled around the items.
"""

from __future__ import annotations

from reading.dates import find_date, parse_time
from reading.parse.forms import (
    DOCUMENT_TYPE,
    FRONT_FIELD,
    MAX_HEADING,
    NAME_LIKE,
    SIGNATURE_HEADING,
    TOC_HEADING,
)
from reading.parse.lines import _names, _spaces
from reading.schema import DocumentType, Item, Meeting, ParsedDocument


class FrontPagePass:
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    warnings: list[str]
    guessed: set[int]
    header_body: str | None
    header_date: str | None
    header_kind: str | None
    source: str

    def _front_page(self, lines: list[str]) -> dict:
        front: dict = {"type": None, "body": None, "fields": {}, "members": [], "absent": []}
        previous = None
        current = None
        body_next = False
        for line in lines:
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            if len(stripped) > MAX_HEADING:
                current = None
                continue
            match = DOCUMENT_TYPE.match(stripped)
            if match and front["type"] is None:
                front["type"] = match["type"].lower()
                if match["date"] and find_date(match["date"]):
                    front["fields"].setdefault("Dato", match["date"])
                if match["body"]:
                    front["body"] = match["body"].strip()
                elif previous and not previous.endswith("Kommune"):
                    front["body"] = previous
                else:
                    body_next = True
                current = None
                continue
            if body_next:
                body_next = False
                if not FRONT_FIELD.match(stripped) and not TOC_HEADING.match(stripped):
                    front["body"] = stripped
                    continue
            match = FRONT_FIELD.match(stripped)
            if match:
                label, value = match["label"], match["value"].strip()
                if label in ("Medlemmer", "Deltagere"):
                    current = front["members"]
                    current.extend(_names(value))
                elif label in ("Fraværende", "Afbud"):
                    current = front["absent"]
                    current.extend(_names(value))
                else:
                    front["fields"].setdefault(label, value)
                    current = None
                continue
            if TOC_HEADING.match(stripped):
                current = None
                continue
            if stripped.startswith("Intern udgave"):
                # Kursen's own notice that the document holds closed content.
                self.warnings.append(stripped)
                current = None
                continue
            if current is not None and NAME_LIKE.match(stripped) and not stripped.endswith("."):
                current.append(_spaces(stripped))
                continue
            current = None
            previous = stripped
        return front

    @staticmethod
    def _signatures(lines: list[str], end: int) -> list[str]:
        names: list[str] = []
        in_signatures = False
        for line in lines[end:]:
            stripped = _spaces(line.strip())
            if SIGNATURE_HEADING.match(stripped):
                in_signatures = True
                continue
            if in_signatures and stripped and NAME_LIKE.match(stripped):
                names.append(stripped)
        return names

    def _document(self, front: dict, items: list[Item], signatures: list[str]) -> ParsedDocument:
        fields = front["fields"]
        document_type: DocumentType | None = front["type"] or self.header_kind  # type: ignore[assignment]
        has_front = bool(front["type"] or fields or front["members"])
        body = front["body"] or self.header_body
        date = None
        for label in ("Dato", "Mødedato"):
            if label in fields:
                date = find_date(fields[label])
                if date is None:
                    self.warnings.append(f"Mødedatoen »{fields[label][:40]}« kunne ikke læses.")
        date = date or self.header_date
        if document_type is None and not has_front and len(items) <= 1:
            document_type = "sag"
        elif document_type is None and items:
            self.warnings.append("Dokumentets art (dagsorden eller protokol) står ikke i det.")
        if (body is None or date is None) and not has_front:
            decisions = [d for item in items for d in item["decisions"] if d["date"]]
            if decisions:
                latest = max(decisions, key=lambda d: d["date"] or "")
                if body is None and date is None:
                    body, date = latest["body"], latest["date"]
                    printed = "-".join(reversed((date or "").split("-")))
                    self.warnings.append(
                        "Dokumentet har ingen forside; udvalg og mødedato er udledt af den "
                        f"seneste beslutning ({body} den {printed})."
                    )
        bare = [d for item in items for d in item["decisions"] if not d["body"]]
        if bare:
            for decision in bare:
                decision["body"] = body or ""
                decision["date"] = decision["date"] or date
            printed = "-".join(reversed(date.split("-"))) if date else "ukendt dato"
            self.warnings.append(
                f"{len(bare)} beslutning(er) nævner ikke udvalg og dato; læst som mødets "
                f"({body or 'ukendt udvalg'}, {printed})."
            )
        start = end = None
        spans = ("Tidspunkt", "Mødetidspunkt", "Tid", "Mødetid")  # "kl. 9.00-17.00"
        for label in ("Start kl.", "Starttidspunkt", "Mødestart", *spans):
            if label in fields:
                start = parse_time(fields[label])
                if label in spans and "-" in fields[label]:
                    end = parse_time(fields[label].split("-", 1)[1])
                break
        for label in ("Slut kl.", "Sluttidspunkt", "Mødeslut"):
            if label in fields:
                end = parse_time(fields[label])
                break
        place = fields.get("Sted") or fields.get("Mødested") or None
        members = front["members"]
        if not members and signatures:
            members = signatures
        meeting: Meeting | None = None
        if has_front or date or body:
            meeting = {
                "date": date, "start": start, "end": end, "place": place,
                "members": members, "absent": front["absent"],
            }  # fmt: skip
        if body is None:
            self.warnings.append("Udvalget står ikke i dokumentet.")
        if has_front and date is None:
            self.warnings.append("Mødedatoen står ikke i dokumentet.")
        if not items:
            self.warnings.append("Dokumentet indeholder ingen punkter, som kunne læses.")
        return {
            "source": self.source,
            "document_type": document_type,
            "body": body,
            "meeting": meeting,
            "items": items,
            "warnings": self.warnings,
        }
