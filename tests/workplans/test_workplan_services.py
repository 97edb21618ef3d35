"""The work plan: what it holds, where items stand by their time, and the secretary's writes
(placing, moving, marking done, adjusting the time, presenting), with history and versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import services as meeting_services
from meetings.access import Access
from meetings.models import AgendaItem, PlannedTopic
from tests.factories import ItemFactory, PlannedTopicFactory
from workplans import services
from workplans.models import Placement, WorkplanVersion
from workplans.selectors import changes_since, workplan_for

pytestmark = pytest.mark.django_db


def _entry(plan, key):
    return next(e for e in plan.entries() if e.key == key)


def test_an_item_stands_on_the_meeting_of_its_indicative_month(au, au_meetings, political):
    plan = workplan_for(body=au, year=2025, user=Access.system())
    entry = _entry(plan, f"item-{political.pk}")
    assert entry.where == f"meeting-{au_meetings[1].pk}"
    assert not entry.placed and entry.fits


def test_items_without_political_treatment_or_of_other_years_are_not_on_it(au, plan, au_meetings):
    ItemFactory(plan=plan, committee=au, title="Drift", needs_political_treatment=False)
    ItemFactory(
        plan=plan, committee=au, title="Næste år", needs_political_treatment=True, timing_year=2026
    )
    assert workplan_for(body=au, year=2025, user=Access.system()).entries() == []


def test_an_item_with_only_a_year_awaits_a_date(au, plan, au_meetings):
    item = ItemFactory(
        plan=plan,
        committee=au,
        needs_political_treatment=True,
        timing_year=2025,
        timing_quarter=None,
    )
    plan_ = workplan_for(body=au, year=2025, user=Access.system())
    assert [e.key for e in plan_.awaiting] == [f"item-{item.pk}"]


def test_another_bodys_item_comes_through_a_cases_routing(ok, kb, au, plan, political):
    meeting_services.case_create(
        number="25/100", title="Strategi", routing=[ok, kb], items=[political]
    )
    entry = workplan_for(body=kb, year=2025, user=Access.system()).awaiting[0]
    assert (entry.key, entry.origin, entry.via) == (
        f"item-{political.pk}",
        "AU",
        "sag 25/100: ØK, KB",
    )


def test_a_closed_cases_routing_brings_nothing_for_those_without_access(ok, kb, plan, political):
    meeting_services.case_create(
        number="88/1", title="Lukket", routing=[ok, kb], closed=True, items=[political]
    )
    assert workplan_for(body=kb, year=2025, user=Access.public()).entries() == []
    assert len(workplan_for(body=kb, year=2025, user=Access.system()).entries()) == 1


def test_placing_moves_an_item_and_records_it(au, au_meetings, political, editor):
    placement = services.placement_save(
        body=au, year=2025, item=political, meeting=au_meetings[2], expected_version=0, user=editor
    )
    entry = _entry(workplan_for(body=au, year=2025, user=editor), f"item-{political.pk}")
    assert entry.where == f"meeting-{au_meetings[2].pk}" and entry.placed
    assert not entry.fits and entry.suggestion_label == "juni 2025"
    services.placement_save(
        body=au, year=2025, item=political, month=9, expected_version=1, user=editor
    )
    placement.refresh_from_db()
    assert (placement.meeting, placement.month, placement.version) == (None, 9, 2)
    # It stood by its time (March) on the meeting of 11 March: placing it moved it from there.
    assert [h.history_change_reason for h in placement.history.order_by("history_id")] == [
        "Flyttet fra mødet 11. marts 2025",
        "Flyttet fra mødet 10. juni 2025",
    ]
    assert placement.history.first().history_user == editor


def test_a_stale_move_is_refused(au, au_meetings, political, editor):
    services.placement_save(body=au, year=2025, item=political, month=4, expected_version=0)
    with pytest.raises(services.WorkplanConflict):
        services.placement_save(body=au, year=2025, item=political, month=5, expected_version=0)
    assert Placement.objects.get().month == 4


def test_another_bodys_meeting_is_refused(au, ok, political):
    ok_meeting = meeting_services.meeting_create(
        body=ok, date=datetime.date(2025, 3, 4), start_time=datetime.time(9), from_template=False
    )
    with pytest.raises(ValidationError):
        services.placement_save(
            body=au, year=2025, item=political, meeting=ok_meeting, expected_version=0
        )


def test_marking_done_keeps_an_item_where_its_time_put_it(au, au_meetings, political, editor):
    services.placement_set_done(
        body=au,
        year=2025,
        item=political,
        done=True,
        expected_version=0,
        user=editor,
        where=(au_meetings[1], None),
    )
    entry = _entry(workplan_for(body=au, year=2025, user=editor), f"item-{political.pk}")
    assert entry.done and entry.where == f"meeting-{au_meetings[1].pk}"


def test_adjusting_the_time_follows_the_placement_and_is_in_the_items_history(
    au, au_meetings, political, editor
):
    placement = services.placement_save(
        body=au, year=2025, item=political, meeting=au_meetings[2], expected_version=0
    )
    item = services.placement_adjust_timing(
        placement=placement, user=editor, expected_item_version=political.version
    )
    assert (item.timing_year, item.timing_month, item.timing_label) == (2025, 6, "juni 2025")
    assert item.history.first().history_change_reason == "Tidspunkt tilpasset arbejdsplanen"
    assert _entry(workplan_for(body=au, year=2025, user=editor), f"item-{item.pk}").fits


def test_a_quarter_stays_a_quarter_when_adjusted(au, au_meetings, plan):
    item = ItemFactory(
        plan=plan, committee=au, needs_political_treatment=True, timing_year=2025, timing_quarter=1
    )
    placement = services.placement_save(
        body=au, year=2025, item=item, meeting=au_meetings[2], expected_version=0
    )
    item = services.placement_adjust_timing(placement=placement, expected_item_version=item.version)
    assert (item.timing_quarter, item.timing_month) == (2, None)


def test_a_topic_stands_on_the_meeting_of_its_date_and_follows_a_move(au, au_meetings):
    topic = PlannedTopicFactory(
        body=au, title="Besøg på jobcentret", planned_for=au_meetings[0].date
    )
    assert _entry(workplan_for(body=au, year=2025, user=None), f"topic-{topic.pk}").where == (
        f"meeting-{au_meetings[0].pk}"
    )
    services.placement_save(
        body=au, year=2025, topic=topic, meeting=au_meetings[2], expected_version=0
    )
    topic.refresh_from_db()
    assert topic.planned_for == au_meetings[2].date  # the forward plan follows


def test_presenting_puts_the_work_plan_on_the_agenda_with_the_document(
    au, au_meetings, political, editor
):
    version = services.workplan_present(body=au, year=2025, meeting=au_meetings[0], user=editor)
    agenda_item = AgendaItem.objects.get(pk=version.agenda_item_id)
    assert agenda_item.title == "Udvalgets arbejdsplan"
    attachment = agenda_item.attachments.get()
    assert attachment.filename == "arbejdsplan-au-2025.pdf" and not attachment.closed
    assert attachment.file.read().startswith(b"%PDF")
    assert version.entries[f"item-{political.pk}"]["where"] == f"meeting-{au_meetings[1].pk}"


def test_the_work_plan_says_what_changed_since_the_version_presented(
    au, au_meetings, political, plan, editor
):
    done = ItemFactory(
        plan=plan,
        committee=au,
        needs_political_treatment=True,
        timing_year=2025,
        timing_quarter=None,
        timing_month=2,
        title="Færdig",
    )
    gone = PlannedTopicFactory(body=au, title="Droppet emne", planned_for=None)
    services.workplan_present(body=au, year=2025, meeting=au_meetings[0], user=editor)
    assert workplan_for(body=au, year=2025, user=editor).changes == []
    services.placement_save(body=au, year=2025, item=political, month=10, expected_version=0)
    services.placement_set_done(
        body=au, year=2025, item=done, done=True, expected_version=0, where=(au_meetings[0], None)
    )
    new = ItemFactory(
        plan=plan,
        committee=au,
        needs_political_treatment=True,
        title="Ny indsats",
        timing_year=2025,
        timing_quarter=None,
    )
    PlannedTopic.objects.filter(pk=gone.pk).delete()
    changes = {
        (c.kind, c.title): c.text for c in workplan_for(body=au, year=2025, user=editor).changes
    }
    assert changes == {
        ("Flyttet", political.title): "Fra mødet 11. marts 2025 til oktober 2025",
        ("Behandlet", "Færdig"): "mødet 4. februar 2025",
        ("Nyt", new.title): "Afventer dato",
        ("Udgået", "Droppet emne"): "Afventer dato",
    }
    assert WorkplanVersion.objects.count() == 1


def test_changes_since_an_empty_version_are_all_new():
    now = {"item-1": {"title": "A", "where": "", "where_label": "Afventer dato", "done": False}}
    assert [(c.kind, c.title) for c in changes_since({}, now)] == [("Nyt", "A")]


def test_placements_are_on_the_items_timeline(au, au_meetings, political, editor):
    from plans import timeline

    services.placement_save(
        body=au, year=2025, item=political, meeting=au_meetings[2], expected_version=0, user=editor
    )
    services.placement_save(body=au, year=2025, item=political, month=9, expected_version=1)
    titles = [
        e.title for e in timeline.entries(item=political, user=editor) if e.kind == "Arbejdsplan"
    ]
    assert titles == [
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Flyttet fra mødet 11. marts 2025 til mødet "
        "10. juni 2025",
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Flyttet fra mødet 10. juni 2025 til "
        "september 2025",
    ]


def _workplan_titles(item, user):
    from plans import timeline

    return [e.title for e in timeline.entries(item=item, user=user) if e.kind == "Arbejdsplan"]


def test_one_move_is_one_timeline_entry_naming_where_from(au, au_meetings, plan, editor):
    """An item awaiting a date is placed, then moved; saving it where it already is (a second
    click, a form sent twice) records nothing."""
    waiting = ItemFactory(
        plan=plan, committee=au, needs_political_treatment=True, title="Uden tid",
        timing_year=2025, timing_quarter=None, timing_month=None,
    )  # fmt: skip
    services.placement_save(
        body=au, year=2025, item=waiting, meeting=au_meetings[1], expected_version=0, user=editor
    )
    services.placement_save(
        body=au, year=2025, item=waiting, meeting=au_meetings[2], expected_version=1, user=editor
    )
    again = services.placement_save(
        body=au, year=2025, item=waiting, meeting=au_meetings[2], expected_version=2, user=editor
    )
    assert again.version == 2 and again.history.count() == 2
    assert _workplan_titles(waiting, editor) == [
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Placeret (mødet 11. marts 2025)",
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Flyttet fra mødet 11. marts 2025 til mødet "
        "10. juni 2025",
    ]


def test_a_move_recorded_before_origins_were_kept_reads_from_the_previous_entry(
    au, au_meetings, political, editor
):
    """Placements saved before this change say only "Placeret"/"Flyttet", and a repeated save
    to the same meeting left a second entry: the timeline reads one placing, one real move."""
    from organisation.history import record_as

    placement = Placement(body=au, year=2025, item=political, meeting=au_meetings[2])
    record_as(placement, editor, "Placeret")
    placement.save()
    for meeting in (au_meetings[2], au_meetings[0]):
        placement.meeting, placement.version = meeting, placement.version + 1
        record_as(placement, editor, "Flyttet")
        placement.save()
    assert _workplan_titles(political, editor) == [
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Placeret (mødet 10. juni 2025)",
        "Arbejdsmarkedsudvalgets arbejdsplan 2025: Flyttet fra mødet 10. juni 2025 til mødet "
        "4. februar 2025",
    ]


def test_an_item_decided_at_another_meeting_than_planned_says_so(au, au_meetings, political):
    """Planned for February, decided in March: the work plan says where it was decided,
    not "Planlagt"; decided on the meeting it stands on, it says so as before."""
    february, march, _june = au_meetings
    services.placement_save(
        body=au, year=2025, item=political, meeting=february, expected_version=0
    )
    entry = _entry(workplan_for(body=au, year=2025, user=Access.system()), f"item-{political.pk}")
    assert entry.status == "Planlagt"
    case = meeting_services.case_create(
        number="25/200", title="Jobcenterstrategi", routing=[au], items=[political]
    )
    item = meeting_services.agenda_item_add(meeting=march, case=case)
    meeting_services.meeting_publish_agenda(meeting=march)
    meeting_services.decision_record(item=item, text="Godkendt.")

    entry = _entry(workplan_for(body=au, year=2025, user=Access.system()), f"item-{political.pk}")
    assert entry.where == f"meeting-{february.pk}"
    assert entry.status == "Beslutning registreret på mødet tirsdag den 11. marts 2025"
