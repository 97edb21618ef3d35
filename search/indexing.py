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

from django.db import connection, transaction
from django.urls import reverse

from meetings.models import AgendaItem, Attachment, Case, MeetingState
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


def _plan_item_entries(ids: Sequence[int]) -> list[Entry]:
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


def _status_note_entries(ids: Sequence[int]) -> list[Entry]:
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


def _case_entries(ids: Sequence[int]) -> list[Entry]:
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


def _agenda_entries(ids: Sequence[int]) -> list[Entry]:
    """The agenda items' entries and, where written, their decisions'."""
    items = (
        AgendaItem.objects.filter(pk__in=ids)
        .select_related("meeting", "case")
        .prefetch_related("addenda")
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


def _attachment_entries(ids: Sequence[int]) -> list[Entry]:
    attachments = Attachment.objects.filter(pk__in=ids).select_related(
        "agenda_item__meeting", "agenda_item__case"
    )
    # The text read earlier from the same file, so a change of flags reads no file.
    earlier = {
        object_id: (source, text)
        for object_id, source, text in Entry.objects.filter(kind=Kind.ATTACHMENT, object_id__in=ids)
        .exclude(source="")
        .values_list("object_id", "source", "content__text")
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


BUILDERS: dict[str, Callable[[Sequence[int]], list[Entry]]] = {
    Kind.PLAN_ITEM: _plan_item_entries,
    Kind.STATUS_NOTE: _status_note_entries,
    Kind.CASE: _case_entries,
    Kind.AGENDA_ITEM: _agenda_entries,
    Kind.ATTACHMENT: _attachment_entries,
}
# The kinds each builder writes (agenda items write decisions too).
BUILT_KINDS: dict[str, tuple[str, ...]] = {Kind.AGENDA_ITEM: (Kind.AGENDA_ITEM, Kind.DECISION)}


# --- Writing entries --------------------------------------------------------------------------


def _replace(kind: str, ids: Iterable[int]) -> None:
    for batch in _batches(ids):
        entries = BUILDERS[kind](batch)
        kinds = BUILT_KINDS.get(kind, (kind,))
        remove(kinds=kinds, ids=batch)
        store(entries)


def remove(*, kinds: Sequence[str], ids: Iterable[int]) -> None:
    """Remove the entries of these objects (of any of the kinds) from the index."""
    for batch in _batches(ids):
        old = list(
            Entry.objects.filter(kind__in=kinds, object_id__in=batch).values_list("pk", flat=True)
        )
        if not old:
            continue
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(old))})", old
                )
        Entry.objects.filter(pk__in=old).delete()


def store(entries: list[Entry]) -> None:
    """Insert new entries and their words (the database's own word index)."""
    if not entries:
        return
    Entry.objects.bulk_create(entries, batch_size=BATCH)
    EntryText.objects.bulk_create(
        [EntryText(entry_id=e.pk, text=e.indexed_text) for e in entries], batch_size=BATCH
    )
    store_words([(e.pk, e.title, e.indexed_text) for e in entries])


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


def refresh(indexer: Callable[[Iterable[int]], None], ids: Iterable[int]) -> None:
    """Refresh these objects' entries now, or at the end of the enclosing `deferred()`."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        indexer(ids)
    else:
        pending.setdefault(indexer, set()).update(ids)


@contextmanager
def deferred():
    """Collect the refreshes of many writes and do each once at the end, still inside the
    caller's transaction. An import that saves an item, its decision, its attachments and its
    meeting's state would otherwise rebuild the same entries a dozen times."""
    if getattr(_local, "pending", None) is not None:  # nested: the outermost one flushes
        yield
        return
    _local.pending = {}
    try:
        yield
        while _local.pending:  # a refresh may not add more, but flush until empty anyway
            pending, _local.pending = _local.pending, {}
            for indexer, ids in pending.items():
                indexer(ids)
    finally:
        _local.pending = None


# --- What callers use -------------------------------------------------------------------------


def index_plan_items(ids: Iterable[int]) -> None:
    """Plan items, and their status notes (which show the item's status and committee)."""
    ids = set(ids)
    _replace(Kind.PLAN_ITEM, ids)
    _replace(
        Kind.STATUS_NOTE, StatusNote.objects.filter(item_id__in=ids).values_list("pk", flat=True)
    )


def index_status_notes(ids: Iterable[int]) -> None:
    _replace(Kind.STATUS_NOTE, ids)


def index_cases(ids: Iterable[int]) -> None:
    """Cases, and everything on agendas under them (closing a case closes its items)."""
    ids = set(ids)
    _replace(Kind.CASE, ids)
    index_agenda_items(AgendaItem.objects.filter(case_id__in=ids).values_list("pk", flat=True))


def index_case_routing(case_ids: Iterable[int]) -> None:
    """Only the cases' own entries (their body is the first on the routing)."""
    _replace(Kind.CASE, case_ids)


def index_agenda_items(ids: Iterable[int]) -> None:
    """Agenda items with their decisions and attachments."""
    ids = set(ids)
    _replace(Kind.AGENDA_ITEM, ids)
    _replace(
        Kind.ATTACHMENT,
        Attachment.objects.filter(agenda_item_id__in=ids).values_list("pk", flat=True),
    )


def index_attachments(ids: Iterable[int]) -> None:
    _replace(Kind.ATTACHMENT, ids)


def index_meetings(ids: Iterable[int]) -> None:
    """Everything on the meetings' agendas (publishing or approving changes what is public)."""
    index_agenda_items(
        AgendaItem.objects.filter(meeting_id__in=set(ids)).values_list("pk", flat=True)
    )


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
