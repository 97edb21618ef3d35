"""An item's decision blocks: the decision text and who was absent."""

from __future__ import annotations

from reading.parse.forms import ABSENT_LABEL, MAX_HEADING, NAME_LIKE, NOT_PARTICIPATING
from reading.parse.lines import _names, _spaces, _text
from reading.parse.sections import Block
from reading.parse.state import ParserState
from reading.schema import Decision


class DecisionsPass(ParserState):
    """A pass of ``reading.parse.Parser`` (see the module docstring)."""

    def _decision(self, block: Block) -> Decision:
        absent: list[str] = []
        text_lines: list[str] = []
        listing = False
        for line in block.lines:
            stripped = _spaces(line.strip())
            if not stripped:
                if not listing:
                    text_lines.append("")
                continue
            if len(stripped) <= MAX_HEADING:
                match = NOT_PARTICIPATING.match(stripped)
                if match:
                    absent.append(match["who"].strip())
                    listing = False
                    continue
                match = ABSENT_LABEL.match(stripped)
                if match:
                    absent.extend(_names(match["rest"]))
                    listing = True
                    continue
                if listing and NAME_LIKE.match(stripped) and not stripped.endswith("."):
                    absent.append(stripped)
                    continue
            listing = False
            text_lines.append(line)
        # A bare "Beslutning" gets the meeting's body and date in `_document`.
        return {"body": block.body, "date": block.date, "text": _text(text_lines), "absent": absent}
