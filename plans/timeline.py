"""One timeline per plan item: what happened to it, from every app, in date order.

The item page lives with the plan register, but much of an item's story is known to higher apps
(cases and decisions in `meetings`, placements on work plans and strategic reviews in `cycle`,
status rounds in `followup`, carry-over to the next period here in `plans`). Each registers a
source when it starts (its AppConfig.ready); `plans` never imports them.

A source is called as `source(item=item, user=user)` and returns the entries `user` may see
(every source asks the access gate itself for what it shows). Sources must run a fixed number of
queries whatever the item's history holds.

Sources hand over what they have: a date (a meeting's, a status note's), an aware moment in
whatever time zone the database gave it (UTC from PostgreSQL, local after `localtime`), or now
and then a naive local one. The timeline orders them all in one total order: the local date,
then the local time of day (an entry known only by its date counts from the start of its day),
then a fixed order of kinds (created before changed before deleted), then the order the sources
gave them in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from plans.models import Item

# Within the same minute (or the same day, for entries known only by their date) an item's story
# reads in this order; kinds not named here come after these, and a deletion always last.
KIND_ORDER: tuple[str, ...] = (
    "Oprettet",
    "Videreført",
    "Råderumsforslag",
    "Sag",
    "Ændring",
    "Statusnote",
    "Arbejdsplan",
    "Årshjul",
    "Dagsorden",
    "Beslutning",
    "Statusrunde",
)
_LAST_KIND = "Slettet"


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
    def local_when(self) -> datetime.date | datetime.datetime:
        """`when` on the local clock: an aware moment in the current time zone, a naive one
        taken as local already, a date as it is."""
        if isinstance(self.when, datetime.datetime) and timezone.is_aware(self.when):
            return timezone.localtime(self.when)
        return self.when

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.time, int]:
        """(local date, local time of day or midnight for a date, rank of the kind): one
        order for entries from every source, whatever time zone or precision they came in."""
        when = self.local_when
        if isinstance(when, datetime.datetime):
            day, time = when.date(), when.time().replace(tzinfo=None)
        else:
            day, time = when, datetime.time.min
        return day, time, _kind_rank(self.kind)


def _kind_rank(kind: str) -> int:
    if kind == _LAST_KIND:
        return len(KIND_ORDER) + 1
    try:
        return KIND_ORDER.index(kind)
    except ValueError:
        return len(KIND_ORDER)


TimelineSource = Callable[..., Iterable[Entry]]
_sources: dict[str, TimelineSource] = {}


def register(name: str, source: TimelineSource) -> None:
    """Make `source(item=item, user=user)` part of every item's timeline."""
    _sources[name] = source


def entries(*, item: Item, user: Any) -> list[Entry]:
    """The item's whole timeline as `user` may see it, oldest first (see the module's note on
    the order; the sort is stable, so ties keep the sources' own order)."""
    found: list[Entry] = []
    for source in _sources.values():
        found.extend(source(item=item, user=user))
    return sorted(found, key=lambda entry: entry.sort_key)
