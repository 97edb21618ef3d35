"""From the text of an agenda, minutes or case extract to the parsed-document schema.

The text goes through linear passes, each over lines, one module each:

1. ``lines``: normalise characters (no-break spaces, soft hyphens, symbol-font bullets) and
   drop the page furniture of ``reading.artefacts`` (page headers and footers, page counters,
   the system's name, debris), keeping what the page headers say (body, date, kind of
   document); "double-spaced" text (every line followed by an empty line, as in seeds 002 and
   003) is rewritten to the ordinary form;
2. ``items``: where the items start (their headings, in the forms of ``forms.ITEM_HEADINGS``),
   and each item's lines split at its headings into status and case number, routing
   ("Sagsgang", ``sections``), sections, decisions (``decisions``) and attachments
   (``attachments``);
3. ``front``: the front page before the first item (kind of document, body, Sted, Dato,
   Start/Slut kl., Medlemmer, Fraværende; as a table, a line or a cover page), the signature
   page, and the document assembled.

Every line form is data in ``forms``. Every regular expression is anchored and bounded and is
only tried on lines of at most ``MAX_HEADING`` characters, so no input makes the reader
backtrack for long.
"""

from __future__ import annotations

from reading.parse.forms import (
    ABSENT_LABEL,
    MAX_HEADING,
    NO_ITEMS,
    NOT_PARTICIPATING,
    OVERVIEW_HEADING,
    SIGNATURE_HEADING,
)
from reading.parse.front import FrontPagePass
from reading.parse.items import ItemsPass, _wrapped_title
from reading.parse.lines import LinesPass, _names, _spaces, _text
from reading.parse.patterns import any_of
from reading.schema import Item, ParsedDocument

__all__ = [
    "ABSENT_LABEL",
    "MAX_HEADING",
    "NOT_PARTICIPATING",
    "Parser",
    "_names",
    "_spaces",
    "_text",
]

# Where the items end: the attachment overview or the signature page.
_END_HEADING = any_of(OVERVIEW_HEADING, SIGNATURE_HEADING)


class Parser(LinesPass, ItemsPass, FrontPagePass):
    def __init__(self, text: str, source: str):
        self.source = source
        self.warnings: list[str] = []
        self.header_body: str | None = None
        self.header_date: str | None = None
        self.header_kind: str | None = None
        # Attachments whose document number was guessed from a stray number line (by id()).
        self.guessed: set[int] = set()
        # Closure as the document marks it: how many status lines or titles said open or
        # closed, the items that say nothing, and the closed items whose unheaded text was
        # read as their decision.
        self.marks = {"open": 0, "closed": 0}
        self.systems: set[str] = set()  # the meeting systems the page furniture names
        self.unmarked: list[Item] = []
        self.unheaded: list[Item] = []
        self.lines = self._prepare(text)

    def parse(self) -> ParsedDocument:
        lines = self.lines
        starts = self._item_starts(lines) or self._unnumbered_starts(lines)
        end = len(lines)
        first = starts[0][0] if starts else -1
        for index, line in enumerate(lines):
            if line and _END_HEADING.match(line.strip()) and index > first:
                end = index
                break
        starts = [s for s in starts if s[0] < end]
        front_end = starts[0][0] if starts else 0
        front = self._front_page(lines[:front_end])
        if not starts:
            # A meeting's document whose items are not found says so: no item holding the
            # whole meeting. A single case extract has no front page and is one item.
            head = self._front_page(lines[: min(end, 60)])
            if head["type"] or len(head["fields"]) >= 2:
                self.warnings.append(NO_ITEMS)
                self.warnings.extend(head.pop("warnings", []))
                return self._document(head, [], self._signatures(lines, end))
        items = []
        if starts:
            for position, (index, number, title) in enumerate(starts):
                stop = starts[position + 1][0] if position + 1 < len(starts) else end
                body = index + 1
                if number is not None:
                    title, body = _wrapped_title(lines, title, body, stop)
                items.append(self._item(number, title, lines[body:stop]))
        else:
            region = lines[:end]
            if any(line.strip() for line in region):
                items.append(self._unnumbered_item(region))
        self._overview(lines, end, items)
        signatures = self._signatures(lines, end)
        return self._document(front, items, signatures)
