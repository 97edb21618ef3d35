"""The index follows every save and delete of the indexed models.

Index upkeep, not domain flow (house style rule 9): the signals only refresh derived rows,
and they do so inside the writing transaction. Bulk writes that bypass Django's signals send
their own (`plans.signals.items_saved_in_bulk`, sent by `plans.services.items_save_many`).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from meetings.models import Addendum, AgendaItem, Attachment, Case, CaseRoute, Meeting
from plans.models import Item, StatusNote
from plans.signals import items_saved_in_bulk
from reading.signals import document_import
from search import indexing
from search.models import Kind


def _on_save(indexer, kind=None):
    def handler(sender, instance, raw=False, created=False, **kwargs):
        if not raw:  # fixtures are loaded as they are; `kursen reindex` follows
            if created and kind is not None:
                indexing.created(kind, instance.pk)
            indexing.refresh(indexer, [instance.pk])

    return handler


def _on_delete(*kinds):
    def handler(sender, instance, **kwargs):
        indexing.remove(kinds=kinds, ids=[instance.pk])

    return handler


def _addendum_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.refresh(indexing.index_agenda_items, [instance.agenda_item_id])


def _items_saved_in_bulk(sender, ids, **kwargs):
    indexing.refresh(indexing.index_plan_items, ids)


def _document_import(sender, **kwargs):
    # One refresh per entry at the end of each imported document, not one per write.
    return indexing.deferred()


def _routing_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.refresh(indexing.index_case_routing, [instance.case_id])


# Kept at module level: signals hold their receivers weakly.
RECEIVERS = [
    (post_save, Item, _on_save(indexing.index_plan_items)),
    (post_save, StatusNote, _on_save(indexing.index_status_notes)),
    (post_save, Case, _on_save(indexing.index_cases, Kind.CASE)),
    (post_save, Meeting, _on_save(indexing.index_meetings)),
    (post_save, AgendaItem, _on_save(indexing.index_agenda_items, Kind.AGENDA_ITEM)),
    (post_save, Attachment, _on_save(indexing.index_attachments, Kind.ATTACHMENT)),
    (post_save, Addendum, _addendum_changed),
    (post_delete, Item, _on_delete(Kind.PLAN_ITEM)),
    (post_delete, StatusNote, _on_delete(Kind.STATUS_NOTE)),
    (post_delete, Case, _on_delete(Kind.CASE)),
    (post_delete, AgendaItem, _on_delete(Kind.AGENDA_ITEM, Kind.DECISION)),
    (post_delete, Attachment, _on_delete(Kind.ATTACHMENT)),
    (post_delete, Addendum, _addendum_changed),
    (post_save, CaseRoute, _routing_changed),
    (post_delete, CaseRoute, _routing_changed),
    (items_saved_in_bulk, Item, _items_saved_in_bulk),
    (document_import, None, _document_import),
]


def connect() -> None:
    for signal, model, receiver in RECEIVERS:
        name = model.__name__ if model else "any"
        signal.connect(receiver, sender=model, dispatch_uid=f"search:{signal!r}:{name}")
