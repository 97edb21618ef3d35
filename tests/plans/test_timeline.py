"""One timeline per plan item: edits, status notes, cases and their decisions per body, in date
order, each entry as the access rule lets the viewer see it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import services as meeting_services
from plans import services, timeline
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(client, item) -> str:
    page = client.get(item.get_absolute_url()).content.decode()
    return page[page.index('class="timeline"') :]


def _treat(case, body, day, decision, user):
    meeting = meeting_services.meeting_create(
        body=body, date=day, start_time=datetime.time(14), from_template=False
    )
    agenda_item = meeting_services.agenda_item_add(meeting=meeting, case=case, user=user)
    meeting_services.meeting_publish_agenda(meeting=meeting, user=user)
    if decision:
        meeting_services.decision_record(item=agenda_item, text=decision, user=user)
    return agenda_item


@pytest.fixture
def story(item, editor, administrator, ok, kb):
    """An item edited, noted on and decided on by ØK then KB."""
    services.item_update(item=item, fields={"status": "completed"}, expected_version=1, user=editor)
    services.status_note_add(
        item=item,
        text="Første møde med jobcentret holdt.",
        date=datetime.date(2025, 2, 3),
        user=editor,
    )
    case = meeting_services.case_create(
        number="25/17", title="Jobindsats", routing=[ok, kb], items=[item]
    )
    _treat(case, ok, datetime.date(2025, 3, 4), "Anbefales.", administrator)
    _treat(case, kb, datetime.date(2025, 3, 25), "Godkendt.", administrator)
    return case


def test_the_item_page_shows_one_timeline_in_date_order(reader_client, item, story):
    page = _page(reader_client, item)
    note = page.index("Første møde med jobcentret holdt.")
    ok_decision = page.index("Økonomiudvalget 4. marts 2025: Anbefales.")
    kb_decision = page.index("Kommunalbestyrelsen 25. marts 2025: Godkendt.")
    assert note < ok_decision < kb_decision
    assert "Ændret: Status" in page and "I gang → Afsluttet" in page
    assert "Sag 25/17 Jobindsats" in page and "Sagsgang: ØK, KB" in page
    assert "Statusnote af Test" in page and "· Test</span>" in page  # who wrote and edited


def test_every_entry_has_kind_date_and_title(item, story, reader):
    entries = timeline.entries(item=item, user=reader)
    kinds = [entry.kind for entry in entries]
    assert {"Oprettet", "Ændring", "Statusnote", "Sag", "Beslutning"} <= set(kinds)
    assert all(entry.when and entry.title for entry in entries)
    assert [e.sort_key for e in entries] == sorted(e.sort_key for e in entries)
    # A decision's own history entry is the meetings' entry, not an edit as well.
    assert sum("Godkendt." in e.title for e in entries) == 1


def test_a_closed_case_and_its_decisions_are_left_out_for_those_without_the_right(
    reader_client, admin_client_, item, ok, administrator
):
    closed = meeting_services.case_create(
        number="88/9", title="Fortrolig personalesag", closed=True, routing=[ok], items=[item]
    )
    _treat(closed, ok, datetime.date(2025, 4, 1), "HEMMELIGT", administrator)
    assert "88/9" not in _page(reader_client, item)
    assert "HEMMELIGT" not in _page(reader_client, item)
    admin = _page(admin_client_, item)
    assert "88/9" in admin and "HEMMELIGT" in admin

    member = UserFactory(username="ok-sekretaer", role="editor", role__bodies=[ok])
    assert "HEMMELIGT" in "".join(e.title for e in timeline.entries(item=item, user=member))


def test_the_note_authors_edit_and_delete_links_stay_on_the_timeline(editor_client, item, story):
    page = _page(editor_client, item)
    note = item.notes.get()
    assert f"/statusnoter/{note.pk}/rediger/" in page and f"/statusnoter/{note.pk}/slet/" in page


def _queries(client, item) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(item.get_absolute_url()).status_code == 200
    return len(queries)


def test_timeline_queries_do_not_grow_with_edits_notes_cases_and_decisions(
    admin_client_, item, editor, administrator, ok, kb, au
):
    """An item followed all year gathers dozens of entries from every app; the page must not
    query per entry."""
    services.status_note_add(item=item, text="a", date=datetime.date(2025, 1, 1), user=editor)
    case = meeting_services.case_create(number="25/1", title="Sag 1", routing=[ok], items=[item])
    _treat(case, ok, datetime.date(2025, 1, 7), "Tiltrådt.", administrator)
    few = _queries(admin_client_, item)

    for n in range(2, 12):
        services.item_update(
            item=item, fields={"title": f"Titel {n}"}, expected_version=n - 1, user=editor
        )
        services.status_note_add(
            item=item, text=f"note {n}", date=datetime.date(2025, 1, n), user=editor
        )
    for n in range(2, 6):
        case = meeting_services.case_create(
            number=f"25/{n}", title=f"Sag {n}", routing=[au, ok, kb], items=[item]
        )
        for body, day in ((au, 10), (ok, 17), (kb, 24)):
            _treat(case, body, datetime.date(2025, n, day), f"Beslutning {n}", administrator)
    assert _queries(admin_client_, item) == few


def test_entries_from_every_source_read_in_one_order_whatever_their_time_zone(
    item, editor, au, reader
):
    """The item is created, then placed on AU's work plan, then edited: three sources, the
    first and last giving local moments, the work plan the database's (UTC on PostgreSQL).
    Stripping the zone put the placement an hour (or two) before the item existed."""
    from workplans import services as workplan_services

    meeting = meeting_services.meeting_create(
        body=au, date=datetime.date(2025, 6, 10), start_time=datetime.time(9), from_template=False
    )
    workplan_services.placement_save(
        body=au, year=2025, item=item, meeting=meeting, expected_version=0, user=editor
    )
    services.item_update(item=item, fields={"title": "Nyt navn"}, expected_version=1, user=editor)
    kinds = [e.kind for e in timeline.entries(item=item, user=reader) if e.kind != "Sag"]
    assert kinds == ["Oprettet", "Arbejdsplan", "Ændring"]


def test_dates_moments_and_kinds_sort_as_one_total_order(monkeypatch, item, reader):
    from django.utils import timezone

    utc = datetime.UTC
    local = timezone.get_current_timezone()
    day = datetime.date(2025, 12, 1)
    given = [
        # 17.46 local, handed over in UTC (as PostgreSQL gives it)
        timeline.Entry(when=datetime.datetime(2025, 12, 1, 16, 46, tzinfo=utc), kind="Videreført",
                       title="videreført"),
        timeline.Entry(when=datetime.datetime(2025, 12, 1, 17, 35, tzinfo=local),
                       kind="Oprettet", title="oprettet"),
        timeline.Entry(when=datetime.datetime(2025, 12, 1, 18, 0), kind="Ændring",
                       title="naiv lokal"),
        timeline.Entry(when=day, kind="Beslutning", title="beslutning"),
        timeline.Entry(when=day, kind="Sag", title="sag"),
        timeline.Entry(when=datetime.datetime(2025, 11, 30, 23, 30, tzinfo=utc), kind="Ændring",
                       title="lokalt 1. december kl. 0.30"),
        timeline.Entry(when=datetime.date(2025, 11, 30), kind="Statusnote", title="dagen før"),
        timeline.Entry(when=datetime.datetime(2025, 12, 1, 17, 35, tzinfo=local),
                       kind="Slettet", title="slettet"),
        timeline.Entry(when=datetime.datetime(2025, 12, 1, 16, 35, tzinfo=utc),
                       kind="Ændring", title="ændring samme minut"),
    ]  # fmt: skip
    monkeypatch.setattr(
        timeline, "_sources", {"a": lambda **kw: given[:4], "b": lambda **kw: given[4:]}
    )
    titles = [entry.title for entry in timeline.entries(item=item, user=reader)]
    assert titles == [
        "dagen før",
        "sag",
        "beslutning",
        "lokalt 1. december kl. 0.30",
        "oprettet",
        "ændring samme minut",
        "slettet",
        "videreført",
        "naiv lokal",
    ]


def test_a_change_of_time_reads_as_the_item_page_shows_the_time(item, editor, reader):
    """The indicative time is stored as year, quarter and month; the timeline and the history
    show it as one field, as users read it, not "Tidspunkt: måned: 1 → –"."""
    services.item_update(
        item=item,
        fields={"timing_year": 2026, "timing_quarter": None, "timing_month": 1},
        expected_version=1,
        user=editor,
    )
    services.item_update(
        item=item,
        fields={"timing_year": 2026, "timing_quarter": 4, "timing_month": None},
        expected_version=2,
        user=editor,
    )
    changes = [e for e in timeline.entries(item=item, user=reader) if e.kind == "Ændring"]
    assert changes[-1].title == "Ændret: Tidspunkt"
    assert changes[-1].text.endswith("\nTidspunkt: januar 2026 → 4. kvartal 2026")
    assert "måned" not in " ".join(e.text for e in changes)
