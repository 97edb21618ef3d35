"""The front page (kind of document, body, date, time, place, members, absentees), the
signature page, and the document assembled around the items.
"""

from __future__ import annotations

from reading.dates import find_date, parse_time
from reading.parse.forms import (
    DOCUMENT_TYPE,
    FRONT_FIELD,
    MARKS_CLOSED_ONLY,
    MAX_HEADING,
    MEETING_LINE,
    NAME_LIKE,
    NO_ITEMS,
    SIGNATURE_HEADING,
    TOC_HEADING,
)
from reading.parse.lines import _names, _spaces
from reading.parse.state import ParserState
from reading.schema import DocumentType, Item, Meeting, ParsedDocument


class FrontPagePass(ParserState):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

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
                elif label == "Udvalg":
                    front["body"] = value or front["body"]
                    current = None
                else:
                    front["fields"].setdefault(label, value)
                    current = None
                continue
            if TOC_HEADING.match(stripped):
                current = None
                continue
            match = MEETING_LINE.match(stripped) if stripped[:1].isalpha() else None
            if match and find_date(match["date"]):
                # "mandag den 5. marts 2018, kl. 16:00": the date line of a header or cover
                front["fields"].setdefault("Dato", match["date"])
                if match["start"]:
                    front["fields"].setdefault("Start kl.", match["start"])
                if match["end"]:
                    front["fields"].setdefault("Slut kl.", match["end"])
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

    def _closure(self) -> None:
        """Items whose closure is not printed: open when the document marks its closed items
        only ("Lukket: …") and never an open one; otherwise closed until a person says
        otherwise, each with a warning."""
        if not self.unmarked:
            return
        system = sorted(name for name in self.systems if name.casefold() in MARKS_CLOSED_ONLY)
        if not self.marks["open"] and (self.marks["closed"] or system):
            for item in self.unmarked:
                item["access"] = "open"
                item["confidence"] = round(min(item.get("confidence", 0.5) + 0.3, 0.8), 2)
            how = (
                "Dokumentet mærker kun de lukkede punkter"
                if self.marks["closed"]
                else f"Dokumentet er udgivet med {system[0]}, som kun mærker de lukkede punkter"
            )
            self.warnings.append(
                f"{how}; {len(self.unmarked)} punkt(er) uden mærke er læst som åbne."
            )
            return
        for item in self.unmarked:
            if item["number"] is not None:
                where = f"Punkt {item['number']}: status"
            else:
                where = "Sagens status"
            self.warnings.append(
                f"{where} (åben/lukket) står ikke i dokumentet; læst som lukket, indtil en "
                "person siger andet."
            )

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
        self._closure()
        if document_type == "dagsorden":
            for item in self.unheaded:  # an agenda's closed item: its text is no decision
                text = item["decisions"].pop(0)["text"] if item["decisions"] else ""
                if text:
                    item["sections"].insert(0, {"heading": "Indledning", "text": text})
        bare = [d for item in items for d in item["decisions"] if not d["body"]]
        for decision in bare:
            decision["body"], decision["date"] = body or "", decision["date"] or date
        for item in items:
            # One meeting's decision printed twice (under the case's course and as the
            # meeting's own, with the period in the body's name or without): once.
            seen: set[tuple[str, str | None]] = set()
            unique = []
            for decision in reversed(item["decisions"]):
                key = (decision["body"].casefold(), decision["date"])
                if decision["date"] is None or key not in seen:
                    seen.add(key)
                    unique.append(decision)
            item["decisions"] = unique[::-1]
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
        for label in ("Dato", "Mødedato"):  # "Tirsdag d. 3. marts 2026 kl. 15:00"
            if start is None and " kl." in fields.get(label, ""):
                when = fields[label].split(" kl.", 1)[1]
                start = parse_time(when)
                if end is None and "-" in when:
                    end = parse_time(when.split("-", 1)[1])
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
            if NO_ITEMS not in self.warnings:
                self.warnings.append(NO_ITEMS)
        return {
            "source": self.source,
            "document_type": document_type,
            "body": body,
            "meeting": meeting,
            "items": items,
            "warnings": self.warnings,
        }
