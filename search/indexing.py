"""Keeping the index in step with the data: one function per kind of change.

Each `index_*` function recomputes the entries of the given objects from the database and
replaces them (an object that is gone, or a decision not yet written, loses its entry), so
calling one twice is harmless and a caller never has to know what changed. Changes that
decide what is closed or public reach down: a case's entries cover its agenda items, an
agenda item's cover its decision and attachments, a meeting's cover everything on its agenda.

The signals in `search.signals` call these for every save and delete; services that write in
bulk (`plans.services.items_save_many`) call them directly. `rebuild` starts over
(`kursen reindex`). Index writes happen in the caller's transaction, so a rolled-back change
leaves no trace in the index either.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Prefetch
from django.urls import reverse

from meetings.models import Addendum, AgendaItem, Attachment, Case, MeetingState
from plans.models import Item, StatusNote
from search import text as words
from search.models import Entry, EntryText, Kind

logger = logging.getLogger(__name__)

# Attachment text beyond this is not indexed: a 300-page appendix is found by its first
# hundred pages.
MAX_ATTACHMENT_CHARS = 200_000
BATCH = 500


def _batches(ids: Iterable[int], size: int = BATCH):
    iterator = iter(sorted(set(ids)))
    while batch := list(islice(iterator, size)):
        yield batch


def _join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _entry(*, text: str, **fields) -> Entry:
    """An unsaved entry carrying its text for `store` (which writes it to EntryText)."""
    entry = Entry(**fields)
    entry.indexed_text = text
    return entry


# --- Building entries -------------------------------------------------------------------------


def _plan_item_entries(ids: Sequence[int], existing: _Existing) -> list[Entry]:
    items = Item.objects.filter(pk__in=ids).select_related("plan")
    return [
        _entry(
            kind=Kind.PLAN_ITEM,
            object_id=item.pk,
            title=f"{item.code} {item.title}",
            text=_join(
                item.description,
                item.process,
                item.cross_cutting_aspects,
                item.board_role,
                item.coordination,
                item.med_involvement,
                item.contact,
            ),
            url=reverse("plans:item", args=[item.pk]),
            body_id=item.committee_id,
            year=item.plan.first_year,
            status=item.status,
        )  # fmt: skip
        for item in items
    ]


def _status_note_entries(ids: Sequence[int], existing: _Existing) -> list[Entry]:
    notes = StatusNote.objects.filter(pk__in=ids).select_related("item")
    return [
        _entry(
            kind=Kind.STATUS_NOTE,
            object_id=note.pk,
            title=f"Statusnote til {note.item.code} {note.item.title}",
            text=note.text,
            url=reverse("plans:item", args=[note.item_id]),
            body_id=note.item.committee_id,
            year=note.date.year,
            date=note.date,
            status=note.item.status,
        )  # fmt: skip
        for note in notes
    ]


def _case_entries(ids: Sequence[int], existing: _Existing) -> list[Entry]:
    # A case's closed content is seen by users with access to any body on its routing; the
    # selector asks CaseRoute for that, so the entry's body is the first one, for the filter.
    cases = Case.objects.filter(pk__in=ids).prefetch_related("routing")
    return [
        _entry(
            kind=Kind.CASE,
            object_id=case.pk,
            title=f"{case.number} {case.title}",
            text=case.kle_number,
            url=reverse("meetings:case", args=[case.pk]),
            body_id=next((r.body_id for r in case.routing.all()), None),
            year=case.created_at.year,
            date=case.created_at.date(),
            closed=case.closed,
        )  # fmt: skip
        for case in cases
    ]


def _agenda_entries(ids: Sequence[int], existing: _Existing) -> list[Entry]:
    """The agenda items' entries and, where written, their decisions'."""
    # Unordered, and the addenda by time only: the models' default orders join the meeting
    # and its body for nothing here.
    items = (
        AgendaItem.objects.filter(pk__in=ids)
        .select_related("meeting", "case")
        .prefetch_related(Prefetch("addenda", Addendum.objects.order_by("created_at", "pk")))
        .order_by()
    )
    entries = []
    for item in items:
        meeting = item.meeting
        closed = item.is_closed
        published = meeting.state != MeetingState.PLANNED
        url = reverse("meetings:agenda_item", args=[item.pk])
        public_url = f"{reverse('portal:meeting', args=[meeting.pk])}#punkt-{item.number}"
        common = {"body_id": meeting.body_id, "year": meeting.date.year, "date": meeting.date,
                  "status": meeting.state, "closed": closed}  # fmt: skip
        sections = [text for _, text in item.sections()]
        entries.append(_entry(
            kind=Kind.AGENDA_ITEM, object_id=item.pk, title=f"{item.number}. {item.title}",
            text=_join(item.case.number if item.case else "", item.participants, *sections,
                       item.recommended_by),
            url=url, public_url=public_url, public=published and not closed, **common,
        ))  # fmt: skip
        if item.has_decision:
            approved = meeting.state == MeetingState.MINUTES_APPROVED
            entries.append(_entry(
                kind=Kind.DECISION, object_id=item.pk, title=f"Beslutning: {item.title}",
                text=_join(item.decision, *(a.text for a in item.addenda.all())),
                url=url, public_url=public_url, public=approved and not closed, **common,
            ))  # fmt: skip
    return entries


def _attachment_entries(ids: Sequence[int], existing: _Existing) -> list[Entry]:
    attachments = (
        Attachment.objects.filter(pk__in=ids)
        .select_related("agenda_item__meeting", "agenda_item__case")
        .order_by()
    )
    # The text read earlier from the same file, so a change of flags reads no file.
    earlier = {
        object_id: (row.source, row.text)
        for (kind, object_id), row in existing.items()
        if kind == Kind.ATTACHMENT and row.source
    }
    entries = []
    for attachment in attachments:
        item = attachment.agenda_item
        meeting = item.meeting
        closed = attachment.is_closed
        source = attachment.file.name if attachment.file else ""
        if source and earlier.get(attachment.pk, ("",))[0] == source:
            content = earlier[attachment.pk][1]
        else:
            content = _join(attachment.document_number, _file_text(attachment))
        entries.append(_entry(
            kind=Kind.ATTACHMENT, object_id=attachment.pk,
            title=f"Bilag {attachment.number}: {attachment.title}", text=content, source=source,
            url=reverse("meetings:attachment", args=[attachment.pk]),
            public_url=reverse("portal:attachment", args=[attachment.pk]),
            body_id=meeting.body_id, year=meeting.date.year, date=meeting.date,
            status=meeting.state, closed=closed,
            public=meeting.state != MeetingState.PLANNED and not closed,
        ))  # fmt: skip
    return entries


def _file_text(attachment: Attachment) -> str:
    """The stored file's text; empty (the entry has the title only) when it cannot be read."""
    from reading.extract import ReadError, text_from_bytes

    if not attachment.file:
        return ""
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        # Partial: a file whose text is over the caps (a zip bomb, a huge PDF) is indexed by
        # the start of its text, read in bounded memory and time, instead of not at all.
        extracted = text_from_bytes(
            data,
            attachment.filename or attachment.file.name,
            partial=True,
            max_chars=MAX_ATTACHMENT_CHARS,
        )
        if extracted.warnings:
            logger.info("Attachment %s: %s", attachment.pk, " ".join(extracted.warnings))
        return extracted.text[:MAX_ATTACHMENT_CHARS]
    except ReadError:
        return ""
    except OSError:
        logger.warning("Attachment %s: file %s missing", attachment.pk, attachment.file.name)
        return ""


BUILDERS: dict[str, Callable[[Sequence[int], _Existing], list[Entry]]] = {
    Kind.PLAN_ITEM: _plan_item_entries,
    Kind.STATUS_NOTE: _status_note_entries,
    Kind.CASE: _case_entries,
    Kind.AGENDA_ITEM: _agenda_entries,
    Kind.ATTACHMENT: _attachment_entries,
}
# The kinds each builder writes (agenda items write decisions too).
BUILT_KINDS: dict[str, tuple[str, ...]] = {Kind.AGENDA_ITEM: (Kind.AGENDA_ITEM, Kind.DECISION)}


# --- Writing entries --------------------------------------------------------------------------


# What an entry shows and is filtered on; an entry whose values are all as built is kept.
_COMPARED = ("title", "url", "public_url", "body_id", "year", "date", "status", "closed",
             "public", "source")  # fmt: skip


class _Row(NamedTuple):
    pk: int
    values: tuple
    text: str

    @property
    def source(self) -> str:
        return self.values[_COMPARED.index("source")]


_Existing = dict[tuple[str, int], _Row]


def _existing(kinds: Sequence[str], ids: Sequence[int]) -> _Existing:
    rows = Entry.objects.filter(kind__in=kinds, object_id__in=ids).values_list(
        "pk", "kind", "object_id", *_COMPARED, "content__text"
    )
    return {(row[1], row[2]): _Row(row[0], tuple(row[3:-1]), row[-1] or "") for row in rows}


def _replace(kind: str, ids: Iterable[int]) -> None:
    """Build the objects' entries; write those that differ from the stored ones (an unchanged
    entry is left as it is, words and all) and remove the entries of objects that are gone."""
    for batch in _batches(ids):
        stale, new = _changes(kind, batch)
        _delete(stale)
        store(new)


def _changes(kind: str, batch: list[int]) -> tuple[list[int], list[Entry]]:
    """The entries of these objects to remove (by key) and to write, as `_replace` writes
    them."""
    kinds = BUILT_KINDS.get(kind, (kind,))
    new_objects = (getattr(_local, "created", None) or {}).get(kind, set())
    # Objects created inside the refreshes' block have no entries yet: none to read.
    existing = {} if new_objects.issuperset(batch) else _existing(kinds, batch)
    entries = BUILDERS[kind](batch, existing)
    stale = []
    new = []
    for entry in entries:
        row = existing.pop((entry.kind, entry.object_id), None)
        values = tuple(getattr(entry, name) for name in _COMPARED)
        if row is not None and row.values == values and row.text == entry.indexed_text:
            continue
        if row is not None:
            stale.append(row.pk)
        new.append(entry)
    stale.extend(row.pk for row in existing.values())  # objects gone or no longer indexed
    return stale, new


def remove(*, kinds: Sequence[str], ids: Iterable[int]) -> None:
    """Remove the entries of these objects (of any of the kinds) from the index."""
    for batch in _batches(ids):
        old = list(
            Entry.objects.filter(kind__in=kinds, object_id__in=batch).values_list("pk", flat=True)
        )
        _delete(old)


def _delete(pks: list[int]) -> None:
    """Delete these entries, their text and their words."""
    if not pks:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(pks))})", pks
            )
    Entry.objects.filter(pk__in=pks).delete()


def store(entries: list[Entry]) -> None:
    """Insert new entries and their words (the database's own word index)."""
    if not entries:
        return
    if connection.vendor == "postgresql":
        for start in range(0, len(entries), BATCH):
            _insert_with_words(entries[start : start + BATCH])
    else:
        Entry.objects.bulk_create(entries, batch_size=BATCH)
    EntryText.objects.bulk_create(
        [EntryText(entry_id=e.pk, text=e.indexed_text) for e in entries], batch_size=BATCH
    )
    if connection.vendor != "postgresql":
        store_words([(e.pk, e.title, e.indexed_text) for e in entries])


def _insert_with_words(entries: list[Entry]) -> None:
    """(PostgreSQL) The entries and their weighted danish tsvector (as `store_words` writes
    it) in one INSERT of arrays: each row is written once, not inserted and then updated."""
    fields = [f for f in Entry._meta.concrete_fields if f.column not in {"id", "vector"}]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    values = [[f.get_db_prep_save(getattr(e, f.attname), connection) for e in entries]
              for f in fields]  # fmt: skip
    values += [[words.plain(e.title) for e in entries],
               [words.plain(e.indexed_text) for e in entries]]  # fmt: skip
    sql = (
        f"INSERT INTO {Entry._meta.db_table} ({columns}, vector) "
        f"SELECT {columns}, setweight(to_tsvector('danish', v.kursen_title), 'A') || "
        f"setweight(to_tsvector('danish', v.kursen_text), 'B') "
        f"FROM unnest({arrays}, %s::text[], %s::text[]) AS v({columns}, kursen_title, "
        f"kursen_text) RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        ids = [row[0] for row in cursor.fetchall()]
    for entry, pk in zip(entries, ids, strict=True):
        entry.pk = pk
        entry._state.adding = False
        entry._state.db = connection.alias


def store_words(rows: list[tuple[int, str, str]]) -> None:
    """(entry id, title, text) into the word index: Danish stems into FTS5 on SQLite, the
    weighted danish tsvector on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, text) VALUES (%s, %s, %s)",
                [(pk, words.stems(title), words.stems(text)) for pk, title, text in rows],
            )
        elif connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE search_entry SET vector = "
                "setweight(to_tsvector('danish', %s), 'A') || "
                "setweight(to_tsvector('danish', %s), 'B') WHERE id = %s",
                [(words.plain(title), words.plain(text), pk) for pk, title, text in rows],
            )


# --- Many writes, one refresh ------------------------------------------------------------------

_local = threading.local()


def created(kind: str, pk: int) -> None:
    """Inside `deferred()`: this object was created in the block (it has no entries yet)."""
    new = getattr(_local, "created", None)
    if new is not None:
        new.setdefault(kind, set()).add(pk)


def refresh(indexer: Callable[[Iterable[int]], None], ids: Iterable[int]) -> None:
    """Refresh these objects' entries now, or at the end of the enclosing `deferred()`."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        indexer(ids)
    else:
        pending.setdefault(indexer, set()).update(ids)


@contextmanager
def deferred():
    """Collect the refreshes of many writes and do them once at the end, still inside the
    caller's transaction. An import that saves an item, its decision, its attachments and its
    meeting's state would otherwise rebuild the same entries a dozen times; at the end, what
    the refreshes reach (a meeting's items, a case's items, an item's attachments) is gathered
    first, so each entry is built once however many refreshes reach it."""
    if getattr(_local, "pending", None) is not None:  # nested: the outermost one flushes
        yield
        return
    _local.pending = {}
    _local.created = {}
    try:
        yield
        while _local.pending:  # a refresh may not add more, but flush until empty anyway
            pending, _local.pending = _local.pending, {}
            targets: _Targets = {}
            for indexer, ids in pending.items():
                reach = _REACH.get(indexer)
                if reach is None:
                    indexer(ids)
                else:
                    _merge(targets, reach(ids))
            _apply(targets)
    finally:
        _local.pending = None
        _local.created = None


# --- What callers use -------------------------------------------------------------------------
#
# Each refresh names the entries it reaches (`_reach_*`: kind to object ids), then rebuilds
# them; `deferred` gathers the reach of many refreshes before it rebuilds.

_Targets = dict[str, set[int]]

# The order entries are rebuilt in (an agenda item's reach includes its attachments).
_ORDER = (Kind.PLAN_ITEM, Kind.STATUS_NOTE, Kind.CASE, Kind.AGENDA_ITEM, Kind.ATTACHMENT)


def _merge(targets: _Targets, more: _Targets) -> None:
    for kind, ids in more.items():
        targets.setdefault(kind, set()).update(ids)


def _apply(targets: _Targets) -> None:
    if targets.get(Kind.AGENDA_ITEM):  # an item's entries cover its attachments
        attachments = Attachment.objects.filter(agenda_item_id__in=targets[Kind.AGENDA_ITEM])
        targets.setdefault(Kind.ATTACHMENT, set()).update(
            attachments.order_by().values_list("pk", flat=True)  # unordered: no joins
        )
    if targets.get(Kind.PLAN_ITEM):  # a plan item's status notes show its status
        notes = StatusNote.objects.filter(item_id__in=targets[Kind.PLAN_ITEM])
        targets.setdefault(Kind.STATUS_NOTE, set()).update(notes.values_list("pk", flat=True))
    # The entries of every kind removed together and written together.
    stale: list[int] = []
    new: list[Entry] = []
    for kind in _ORDER:
        for batch in _batches(targets.get(kind, ())):
            more_stale, more_new = _changes(kind, batch)
            stale += more_stale
            new += more_new
    _delete(stale)
    store(new)


def _reach_plan_items(ids: Iterable[int]) -> _Targets:
    return {Kind.PLAN_ITEM: set(ids)}


def _reach_status_notes(ids: Iterable[int]) -> _Targets:
    return {Kind.STATUS_NOTE: set(ids)}


def _reach_cases(ids: Iterable[int]) -> _Targets:
    ids = set(ids)
    items = AgendaItem.objects.filter(case_id__in=ids).order_by().values_list("pk", flat=True)
    return {Kind.CASE: ids, Kind.AGENDA_ITEM: set(items)}


def _reach_case_routing(ids: Iterable[int]) -> _Targets:
    return {Kind.CASE: set(ids)}


def _reach_agenda_items(ids: Iterable[int]) -> _Targets:
    return {Kind.AGENDA_ITEM: set(ids)}


def _reach_attachments(ids: Iterable[int]) -> _Targets:
    return {Kind.ATTACHMENT: set(ids)}


def _reach_meetings(ids: Iterable[int]) -> _Targets:
    items = (
        AgendaItem.objects.filter(meeting_id__in=set(ids)).order_by().values_list("pk", flat=True)
    )
    return {Kind.AGENDA_ITEM: set(items)}


def index_plan_items(ids: Iterable[int]) -> None:
    """Plan items, and their status notes (which show the item's status and committee)."""
    _apply(_reach_plan_items(ids))


def index_status_notes(ids: Iterable[int]) -> None:
    _apply(_reach_status_notes(ids))


def index_cases(ids: Iterable[int]) -> None:
    """Cases, and everything on agendas under them (closing a case closes its items)."""
    _apply(_reach_cases(ids))


def index_case_routing(case_ids: Iterable[int]) -> None:
    """Only the cases' own entries (their body is the first on the routing)."""
    _apply(_reach_case_routing(case_ids))


def index_agenda_items(ids: Iterable[int]) -> None:
    """Agenda items with their decisions and attachments."""
    _apply(_reach_agenda_items(ids))


def index_attachments(ids: Iterable[int]) -> None:
    _apply(_reach_attachments(ids))


def index_meetings(ids: Iterable[int]) -> None:
    """Everything on the meetings' agendas (publishing or approving changes what is public)."""
    _apply(_reach_meetings(ids))


_REACH: dict[Callable[[Iterable[int]], None], Callable[[Iterable[int]], _Targets]] = {
    index_plan_items: _reach_plan_items,
    index_status_notes: _reach_status_notes,
    index_cases: _reach_cases,
    index_case_routing: _reach_case_routing,
    index_agenda_items: _reach_agenda_items,
    index_attachments: _reach_attachments,
    index_meetings: _reach_meetings,
}


@transaction.atomic
def rebuild() -> int:
    """Empty the index and index everything again; returns the number of entries."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    Entry.objects.all().delete()
    _replace(Kind.PLAN_ITEM, Item.objects.values_list("pk", flat=True))
    _replace(Kind.STATUS_NOTE, StatusNote.objects.values_list("pk", flat=True))
    _replace(Kind.CASE, Case.objects.values_list("pk", flat=True))
    _replace(Kind.AGENDA_ITEM, AgendaItem.objects.values_list("pk", flat=True))
    _replace(Kind.ATTACHMENT, Attachment.objects.values_list("pk", flat=True))
    return Entry.objects.count()
