"""One timeline per plan item: what happened to it, from every app, in date order.

The item page lives with the plan register, but much of an item's story is known to higher apps
(cases and decisions in `meetings`, placements on work plans and strategic reviews in `cycle`,
status rounds in `followup`, carry-over to the next period here in `plans`). Each registers a
source when it starts (its AppConfig.ready); `plans` never imports them.

A source is called as `source(item=item, user=user)` and returns the entries `user` may see
(every source asks the access gate itself for what it shows). Sources must run a fixed number of
queries whatever the item's history holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from plans.models import Item


@dataclass(frozen=True)
class Entry:
    """One event in an item's story."""

    when: datetime.date | datetime.datetime
    kind: str  # a short Danish label: "Ændring", "Statusnotat", "Beslutning", "Arbejdsplan", ...
    title: str  # one line: "Økonomiudvalget 6. december 2022: Tiltrådt."
    text: str = ""  # optional longer text (plain; the page escapes it)
    url: str = ""  # where the entry is shown in full, if anywhere
    who: str = ""  # the person or body behind it, if known
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def sort_key(self) -> datetime.datetime:
        if isinstance(self.when, datetime.datetime):
            return self.when.replace(tzinfo=None)
        return datetime.datetime.combine(self.when, datetime.time.min)


TimelineSource = Callable[..., Iterable[Entry]]
_sources: dict[str, TimelineSource] = {}


def register(name: str, source: TimelineSource) -> None:
    """Make `source(item=item, user=user)` part of every item's timeline."""
    _sources[name] = source


def entries(*, item: Item, user: Any) -> list[Entry]:
    """The item's whole timeline as `user` may see it, oldest first."""
    found: list[Entry] = []
    for source in _sources.values():
        found.extend(source(item=item, user=user))
    return sorted(found, key=lambda entry: entry.sort_key)
