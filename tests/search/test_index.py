"""The index holds every kind of thing and follows every change, through the services and
the bulk writes alike, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.core.management import call_command

from meetings import services
from meetings.models import MeetingState
from plans import services as plan_services
from plans.models import Item
from search.indexing import rebuild
from search.models import Entry, Kind
from tests.factories import ItemFactory, StatusNoteFactory
from tests.search.conftest import docx_upload

pytestmark = pytest.mark.django_db


def kinds_found(query: str, user) -> list[str]:
    from search.selectors import search

    return [hit.kind for hit in search(query=query, user=user).hits]


def test_danish_stemming_finds_other_forms(found, administrator, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Tidlig indsats for børnene")
    ItemFactory(plan=plan, committee=au, code="AU-2", title="Vejvedligeholdelse")
    assert found("børn", user=administrator) == ["AU-1 Tidlig indsats for børnene"]
    assert found("BØRNENES", user=administrator) == ["AU-1 Tidlig indsats for børnene"]


def test_last_word_matches_as_a_prefix_for_compound_words(found, administrator, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Ny skolebestyrelse")
    assert found("skole", user=administrator) == ["AU-1 Ny skolebestyrelse"]
    assert found("skolebest", user=administrator) == ["AU-1 Ny skolebestyrelse"]
    assert found("skol bestyrelse", user=administrator) == []


def test_every_word_must_be_found(found, administrator, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Klima og energi",
                description="Solceller på skolerne.")  # fmt: skip
    assert found("klima solceller", user=administrator) == ["AU-1 Klima og energi"]
    assert found("klima vindmøller", user=administrator) == []


def test_title_hit_ranks_above_text_hit(found, administrator, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Digitalisering",
                description="Arbejdet omfatter også rekruttering af medarbejdere.")  # fmt: skip
    ItemFactory(plan=plan, committee=au, code="AU-2", title="Rekruttering af pædagoger",
                description="Flere pædagoger i daginstitutionerne.")  # fmt: skip
    assert found("rekruttering", user=administrator) == [
        "AU-2 Rekruttering af pædagoger",
        "AU-1 Digitalisering",
    ]


def test_each_kind_is_indexed_and_found(administrator, plan, au, ok, kb, ok_meeting):
    item = ItemFactory(plan=plan, committee=au, title="Havnefronten i Grenaa")
    StatusNoteFactory(item=item, text="Havnefronten: projektering er i gang.")
    case = services.case_create(number="25/1", title="Havnefronten, anlægsbevilling",
                                routing=[ok, kb])  # fmt: skip
    text = {"case_presentation": "Havnefronten skal have en ny kaj."}
    agenda_item = services.agenda_item_add(meeting=ok_meeting, case=case, fields=text)
    upload = docx_upload("skitse.docx", "Tegning af havnefronten.")
    services.attachment_add(item=agenda_item, title="Skitse", upload=upload)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=agenda_item, text="Anbefalet. Havnefronten prioriteres.")
    assert sorted(kinds_found("havnefronten", administrator)) == sorted(Kind.values)


def test_attachment_text_is_read_from_the_file(administrator, ok_meeting):
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Orientering"})
    upload = docx_upload("notat.docx", "Vandløbsregulativet revideres.")
    services.attachment_add(item=agenda_item, title="Notat", upload=upload)
    assert kinds_found("vandløbsregulativ", administrator) == [Kind.ATTACHMENT]


def test_unreadable_attachment_is_indexed_by_its_title(administrator, ok_meeting, monkeypatch):
    from reading import extract

    def refuse(data, filename="", **limits):
        raise extract.ReadError("Filen indeholder ikke tekst, som Kursen kan læse.")

    monkeypatch.setattr(extract, "text_from_bytes", refuse)
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Orientering"})
    services.attachment_add(item=agenda_item, title="Kortbilag Fjellerup",
                            upload=docx_upload("kort.docx", "Strandbeskyttelse"))  # fmt: skip
    assert kinds_found("fjellerup", administrator) == [Kind.ATTACHMENT]
    assert kinds_found("strandbeskyttelse", administrator) == []


def test_index_follows_update_and_delete(found, administrator, plan, au, ok_meeting):
    item = ItemFactory(plan=plan, committee=au, code="AU-1", title="Cykelstier")
    plan_services.item_update(item=item, fields={"title": "Stier langs landevejen"},
                              expected_version=item.version, user=administrator)  # fmt: skip
    assert found("cykelstier", user=administrator) == []
    assert found("landevej", user=administrator) == ["AU-1 Stier langs landevejen"]
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Trafikplan"})
    assert found("trafikplan", user=administrator) == ["1. Trafikplan"]
    services.agenda_item_remove(item=agenda_item)
    item.delete()
    assert found("trafikplan", user=administrator) == []
    assert found("landevej", user=administrator) == []
    assert not Entry.objects.exists()


def test_index_follows_the_bulk_excel_path(found, administrator, plan, au):
    item = ItemFactory(plan=plan, committee=au, code="AU-1", title="Cykelstier")
    item.refresh_from_db()
    changes = [
        plan_services.ItemChange(item=item, fields={"title": "Stisystem"}, m2m={}),
        plan_services.ItemChange(
            item=None,
            fields={"code": "AU-2", "title": "Naturgenopretning",
                    "kind": Item.Kind.OPERATING_CHANGE, "committee": au},
            m2m={},
        ),
    ]  # fmt: skip
    plan_services.items_save_many(plan=plan, changes=changes, user=administrator, reason="Excel")
    assert found("cykelstier", user=administrator) == []
    assert found("stisystem", user=administrator) == ["AU-1 Stisystem"]
    assert found("naturgenopretning", user=administrator) == ["AU-2 Naturgenopretning"]


def test_status_note_follows_its_items_status(administrator, plan, au):
    from search.selectors import search

    item = ItemFactory(plan=plan, committee=au, status=Item.Status.IN_PROGRESS)
    StatusNoteFactory(item=item, text="Forsinket af leverandøren.")
    plan_services.item_update(item=item, fields={"status": Item.Status.POSTPONED},
                              expected_version=item.version, user=administrator)  # fmt: skip
    hits = search(query="leverandøren", user=administrator, status=Item.Status.POSTPONED).hits
    assert [h.kind for h in hits] == [Kind.STATUS_NOTE]


def test_publishing_and_approval_change_what_is_public(ok_meeting):
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Skolestruktur"})
    public = lambda: sorted(Entry.objects.filter(public=True).values_list("kind", flat=True))  # noqa: E731
    assert public() == []
    services.meeting_publish_agenda(meeting=ok_meeting)
    assert public() == [Kind.AGENDA_ITEM]
    services.decision_record(item=agenda_item, text="Godkendt.")
    assert public() == [Kind.AGENDA_ITEM]
    services.meeting_approve_minutes(meeting=ok_meeting)
    assert public() == [Kind.AGENDA_ITEM, Kind.DECISION]


def test_closing_a_case_closes_its_items_and_their_attachments(ok, kb, ok_meeting):
    case = services.case_create(number="25/9", title="Personalesag", routing=[ok, kb])
    agenda_item = services.agenda_item_add(meeting=ok_meeting, case=case)
    services.attachment_add(item=agenda_item, title="Notat", upload=None)
    services.meeting_publish_agenda(meeting=ok_meeting)
    assert not Entry.objects.filter(closed=True).exists()
    services.case_update(case=case, fields={"closed": True})
    closed = Entry.objects.filter(closed=True)
    assert sorted(closed.values_list("kind", flat=True)) == [
        Kind.AGENDA_ITEM, Kind.ATTACHMENT, Kind.CASE]  # fmt: skip
    assert not closed.filter(public=True).exists()


def test_closing_an_attachment_or_an_item(ok_meeting):
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Udbud"})
    attachment = services.attachment_add(item=agenda_item, title="Tilbud", upload=None)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.attachment_update(attachment=attachment, fields={"closed": True})
    entry = Entry.objects.get(kind=Kind.ATTACHMENT)
    assert entry.closed and not entry.public
    services.attachment_update(attachment=attachment, fields={"closed": False})
    services.agenda_item_update(item=agenda_item, fields={"closed": True}, expected_version=None)
    assert set(Entry.objects.values_list("closed", "public")) == {(True, False)}


def test_rolled_back_change_leaves_the_index_as_it_was(found, administrator, ok_meeting):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.agenda_item_add(meeting=ok_meeting, fields={"title": "Kloakering"})
        raise RuntimeError
    assert found("kloakering", user=administrator) == []


def test_reindex_command_rebuilds_everything(found, administrator, plan, au, ok_meeting):
    ItemFactory(plan=plan, committee=au, code="AU-1", title="Affaldssortering")
    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Affaldsplan"})
    before = sorted(Entry.objects.values_list("kind", "object_id", "title", "closed", "public"))
    Entry.objects.all().delete()  # the word index keeps stale rows: rebuild must clear them
    assert found("affald", user=administrator) == []
    call_command("reindex")
    after = sorted(Entry.objects.values_list("kind", "object_id", "title", "closed", "public"))
    assert after == before
    assert sorted(found("affald", user=administrator)) == [
        "1. Affaldsplan", "AU-1 Affaldssortering"]  # fmt: skip
    assert rebuild() == len(before)


def test_meeting_state_is_the_status_of_its_entries(administrator, ok_meeting):
    from search.selectors import search

    services.agenda_item_add(meeting=ok_meeting, fields={"title": "Vintertjeneste"})
    services.meeting_update(meeting=ok_meeting, fields={"date": datetime.date(2026, 1, 5)},
                            expected_version=None)  # fmt: skip
    hit = search(query="vintertjeneste", user=administrator).hits[0]
    assert (hit.year, hit.status) == (2026, str(MeetingState.PLANNED.label))


def test_a_change_of_flags_does_not_read_the_file_again(administrator, ok_meeting, monkeypatch):
    from reading import extract

    reads = []
    original = extract.text_from_bytes

    def counting(data, filename="", **limits):
        reads.append(filename)
        return original(data, filename, **limits)

    monkeypatch.setattr(extract, "text_from_bytes", counting)
    agenda_item = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Orientering"})
    upload = docx_upload("notat.docx", "Grundvandsbeskyttelse i Auning.")
    attachment = services.attachment_add(item=agenda_item, title="Notat", upload=upload)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.attachment_update(attachment=attachment, fields={"closed": True})
    assert len(reads) == 1
    assert kinds_found("grundvandsbeskyttelse", administrator) == [Kind.ATTACHMENT]


def test_demo_municipality_is_searchable(db):
    """`kursen demo` writes through the services, so its plan and meetings are indexed as
    they are loaded, attachments' files included; a rebuild finds nothing new."""
    from demo.loader import demo_load
    from search.selectors import search

    demo_load()
    kinds = set(Entry.objects.values_list("kind", flat=True))
    assert kinds == set(Kind.values)
    before = Entry.objects.count()
    assert rebuild() == before
    assert search(query="udmøntningsplan", public=True).total > 0


def test_deferred_refreshes_once_at_the_end_and_then_the_index_is_in_step(
    found, administrator, plan, au
):
    from search import indexing

    with indexing.deferred():
        item = ItemFactory(plan=plan, committee=au, code="AU-1", title="Havnebad i Grenaa")
        assert found("havnebad", user=administrator) == []  # not yet: refreshed at the end
        item.title = "Havnebad og vinterbadning"
        item.save()

    assert found("vinterbadning", user=administrator) == ["AU-1 Havnebad og vinterbadning"]
    assert Entry.objects.filter(kind=Kind.PLAN_ITEM, object_id=item.pk).count() == 1
    ItemFactory(plan=plan, committee=au, code="AU-2", title="Vinterbadning ved stranden")
    assert len(found("vinterbadning", user=administrator)) == 2  # outside: at once again


def test_deferred_builds_each_entry_once_and_keeps_unchanged_ones(ok, kb, ok_meeting, monkeypatch):
    """A meeting, its case and its item all reach the item's entries: built once at the end.
    An entry whose values did not change is left as it is (same row, same words)."""
    from search import indexing

    other = services.meeting_create(body=kb, date=datetime.date(2022, 12, 13), start_time=None,
                                    from_template=False)  # fmt: skip
    case = services.case_create(number="25/10", title="Skolestruktur", routing=[ok, kb])
    earlier = services.agenda_item_add(meeting=other, case=case)
    kept = Entry.objects.get(kind=Kind.AGENDA_ITEM, object_id=earlier.pk)

    built = []
    original = indexing.BUILDERS[Kind.AGENDA_ITEM]

    def counted(ids, existing):
        built.extend(ids)
        return original(ids, existing)

    monkeypatch.setitem(indexing.BUILDERS, Kind.AGENDA_ITEM, counted)
    with indexing.deferred():
        item = services.agenda_item_add(meeting=ok_meeting, case=case)
        services.attachment_add(item=item, title="Notat", upload=None)
        services.meeting_publish_agenda(meeting=ok_meeting)
        services.case_update(case=case, fields={"kle_number": "17.00.00"})
        services.decision_record(item=item, text="Godkendt.")
    assert sorted(built) == sorted([earlier.pk, item.pk])  # each once

    assert Entry.objects.get(kind=Kind.AGENDA_ITEM, object_id=earlier.pk).pk == kept.pk
    entries = Entry.objects.filter(object_id=item.pk, kind__in=[Kind.AGENDA_ITEM, Kind.DECISION])
    assert {(e.kind, e.public) for e in entries} == {(Kind.AGENDA_ITEM, True),
                                                    (Kind.DECISION, False)}  # fmt: skip
    assert Entry.objects.get(kind=Kind.CASE, object_id=case.pk).text == "17.00.00"

    # a change reaches the entry it changes, and only that one is written again
    services.case_update(case=case, fields={"closed": True})
    assert Entry.objects.get(kind=Kind.AGENDA_ITEM, object_id=earlier.pk).closed
    assert rebuild() == Entry.objects.count()
