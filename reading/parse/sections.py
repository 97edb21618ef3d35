"""An item's sections: the text before its first heading, and the routing line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reading.parse.lines import _text
from reading.parse.state import ParserState
from reading.schema import Item


@dataclass
class Block:
    """Lines between two headings, with the heading that opened them."""

    kind: str  # "section", "decision", "attachments", "routing", "status"
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    body: str = ""
    date: str | None = None


class SectionsPass(ParserState):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    def _intro(self, block: Block, item: Item) -> None:
        if not any(line.strip() for line in block.lines):
            return
        text = _text(block.lines)
        if not text:
            return
        item["sections"].append({"heading": "Indledning", "text": text})
        if item["number"] is not None:
            where = f"Punkt {item['number']}"
        else:
            where = f"Punktet »{item['title']}«" if item["title"] else "Sagen"
        self.warnings.append(
            f"{where}: teksten før første overskrift er lagt i et afsnit med overskriften "
            "»Indledning«."
        )

    @staticmethod
    def _routing(block: Block, item: Item) -> list[str]:
        """Reads the routing line; returns the lines after it (text before any section)."""
        rest: list[str] = []
        for line in block.lines:
            stripped = line.strip()
            if not stripped:
                if item["routing"]:
                    rest.append(line)
                continue
            if not item["routing"] and len(stripped) <= 120:
                item["routing"] = [
                    part.strip() for part in re.split(r",|→|->| - ", stripped) if part.strip()
                ]
            else:
                rest.append(line)
        return rest
