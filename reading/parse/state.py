"""What every pass of the parser reads and writes on the one `reading.parse.Parser`.

The passes are mixins of that class; declaring its state once here types them all alike.
"""

from __future__ import annotations

from reading.schema import Item


class ParserState:
    warnings: list[str]
    guessed: set[int]  # attachments (by id()) whose document number was guessed
    marks: dict[str, int]
    unmarked: list[Item]
    unheaded: list[Item]
    systems: set[str]
    header_body: str | None
    header_date: str | None
    header_kind: str | None
    source: str
