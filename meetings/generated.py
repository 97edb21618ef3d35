"""Documents Kursen generates and attaches to an agenda item itself.

Some agenda items carry a document made from Kursen's own data at the moment the item is made:
the strategic plan's status for the board's strategic review, a committee's work plan, a status
round's report. The documents are typeset by `documents`, which lies above `meetings`; so
`documents` registers a maker per kind when it starts (its AppConfig.ready), and the services
here ask for it by kind. `meetings` never imports `documents`.

A maker is called as `maker(obj_id=..., access=...)` and returns `(filename, pdf_bytes)`: the
document as `access` may see it (for an agenda that is sent out: `Access.public()` when the
attachment is open). A document made for a meeting (a planned topic's own item) is asked for
with `for_date=` the meeting's date as well, so it can show what belongs to that meeting (the
strategic plan's course for the meeting's year); its content is still as of the day it is made.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

Maker = Callable[..., tuple[str, bytes]]
_makers: dict[str, Maker] = {}


def register(kind: str, maker: Maker) -> None:
    _makers[kind] = maker


def make(
    kind: str, *, obj_id: int, access: Any, for_date: datetime.date | None = None
) -> tuple[str, bytes]:
    """The generated document of `kind` for object `obj_id` (for a meeting on `for_date`, if
    given); KeyError if no app made one."""
    maker = _makers[kind]
    if for_date is None:
        return maker(obj_id=obj_id, access=access)
    return maker(obj_id=obj_id, access=access, for_date=for_date)


def kinds() -> list[str]:
    return sorted(_makers)
