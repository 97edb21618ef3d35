"""The services that write many rows at once (a document import's cases, meetings, items,
meeting steps, attachments and members) store each row as the one-row service does:
numbered, in its history, in the search index, under the same rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from meetings import services
from meetings.models import AgendaItem, Case, CaseRoute, Meeting, MeetingState, StandingKind
from organisation import services as organisation_services
from organisation.models import Member, Profile
from search.models import Entry, Kind
from tests.factories import AttachmentFactory, UserFactory


def test_attachments_added_together_are_numbered_after_each_items_last(ok_meeting, case):
    """Those without a number follow the item's last, the numbers given alongside included,
    so a given number never meets one handed out."""
    first = services.agenda_item_add(meeting=ok_meeting, case=case)
    second = services.agenda_item_add(meeting=ok_meeting, fields={"title": "Eventuelt"})
    AttachmentFactory(agenda_item=first, number=1, title="Kort")

    added = services.attachments_add(
        meeting=ok_meeting,
        attachments=[
            (first, {"title": " Tidsplan ", "document_number": "151433/22"}),
            (second, {"title": "Notat", "closed": True}),
            (first, {"title": "Bilag 7", "number": 7}),
            (first, {"title": "Referat"}),
        ],
    )

    assert [(a.agenda_item_id, a.number, a.title, a.closed) for a in added] == [
        (first.pk, 8, "Tidsplan", False),
        (second.pk, 1, "Notat", True),
        (first.pk, 7, "Bilag 7", False),
        (first.pk, 9, "Referat", False),
    ]
    assert added[0].document_number == "151433/22"
    # Each has its own history entry and search entry, as attachment_add gives it.
    for attachment in added:
        assert [h.history_type for h in attachment.history.all()] == ["+"]
    indexed = Entry.objects.filter(kind=Kind.ATTACHMENT, object_id__in=[a.pk for a in added])
    assert dict(indexed.values_list("object_id", "closed")) == {a.pk: a.closed for a in added}


def test_attachments_are_not_added_to_approved_minutes(ok_meeting, case):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=item, text="Godkendt.")
    services.meeting_approve_minutes(meeting=ok_meeting)
    with pytest.raises(services.MinutesLocked):
        services.attachments_add(meeting=ok_meeting, attachments=[(item, {"title": "Sent"})])
    assert not item.attachments.exists()


def test_members_created_together_are_each_in_the_history(ok):
    made = organisation_services.members_create(
        body=ok,
        members=[Member(name=" Jens Meilvang ", party="I"), Member(name="Anette Ruby Liebe",
                                                                    party="A", active=False)],
        user=None,
    )  # fmt: skip
    assert [(m.pk is not None, m.name, m.body_id) for m in made] == [
        (True, "Jens Meilvang", ok.pk), (True, "Anette Ruby Liebe", ok.pk)]  # fmt: skip
    for member in made:
        assert [(h.history_type, h.history_change_reason) for h in member.history.all()] == [
            ("+", "Oprettet")
        ]


def test_members_are_created_only_by_those_who_minute_the_bodys_meetings(ok, kb):
    secretary = UserFactory(username="kb-sekr", role=Profile.Role.EDITOR, role__bodies=[kb])
    with pytest.raises(PermissionDenied):
        organisation_services.members_create(
            body=ok, members=[Member(name="A"), Member(name="B")], user=secretary
        )
    assert not Member.objects.filter(body=ok).exists()


def test_items_added_together_are_numbered_on_each_meeting_before_its_closing_items(
    ok_meeting, kb_meeting, case
):
    """Items of two meetings in one call: on ØK's agenda the unnumbered come before its closing
    item (which moves down, recorded), on KB's after the number given alongside."""
    services.agenda_item_add(meeting=ok_meeting, case=case)
    closing = services.agenda_item_add(
        meeting=ok_meeting, fields={"title": "Eventuelt", "standing": StandingKind.FORWARD_PLAN}
    )
    first, second = (
        AgendaItem(meeting=ok_meeting, title="Vejplan"),
        AgendaItem(meeting=ok_meeting, title="Skoleplan", closed=True),
    )
    given, after = (
        AgendaItem(meeting=kb_meeting, title="Budget", number=3),
        AgendaItem(meeting=kb_meeting, case=case, title=case.title),
    )

    added = services.agenda_items_add(items=[first, given, second, after])

    assert [(i.meeting_id, i.number, i.title) for i in added] == [
        (ok_meeting.pk, 2, "Vejplan"), (kb_meeting.pk, 3, "Budget"),
        (ok_meeting.pk, 3, "Skoleplan"), (kb_meeting.pk, 4, case.title),
    ]  # fmt: skip
    closing.refresh_from_db()
    assert closing.number == 4
    assert [h.history_change_reason for h in closing.history.all()] == [
        "Flyttet", "Sat på dagsordenen"]  # fmt: skip
    for item in added:
        assert [(h.history_type, h.history_change_reason) for h in item.history.all()] == [
            ("+", "Sat på dagsordenen")
        ]
    indexed = Entry.objects.filter(kind=Kind.AGENDA_ITEM, object_id__in=[i.pk for i in added])
    assert dict(indexed.values_list("object_id", "closed")) == {
        first.pk: False, given.pk: False, second.pk: True, after.pk: False}  # fmt: skip


def test_items_are_not_added_together_where_the_minutes_are_approved(ok_meeting, kb_meeting, case):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    services.meeting_publish_agenda(meeting=ok_meeting)
    services.decision_record(item=item, text="Godkendt.")
    services.meeting_approve_minutes(meeting=ok_meeting)
    with pytest.raises(services.MinutesLocked):
        services.agenda_items_add(items=[AgendaItem(meeting=kb_meeting, title="Budget"),
                                         AgendaItem(meeting=ok_meeting, title="Sent")])  # fmt: skip
    assert not AgendaItem.objects.filter(title__in=["Budget", "Sent"]).exists()


def test_cases_created_together_have_their_routings_and_history(ok, kb):
    made = services.cases_create(cases=[
        (Case(number=" 24/1 ", title=" Vejplan ", kle_number="05.01"), [ok, kb, ok]),
        (Case(number="24/2", title="Skoleplan", closed=True), []),
    ])  # fmt: skip

    assert [(c.number, c.title, c.closed) for c in made] == [
        ("24/1", "Vejplan", False), ("24/2", "Skoleplan", True)]  # fmt: skip
    assert [r.body for r in made[0].routing.order_by("position")] == [ok, kb]
    assert not made[1].routing.exists()
    for case in made:
        assert [(h.history_type, h.history_change_reason) for h in case.history.all()] == [
            ("+", "Oprettet")
        ]
    assert CaseRoute.history.filter(case_id=made[0].pk).count() == 2
    indexed = Entry.objects.filter(kind=Kind.CASE, object_id__in=[c.pk for c in made])
    assert dict(indexed.values_list("object_id", "body_id")) == {made[0].pk: ok.pk,
                                                                 made[1].pk: None}  # fmt: skip


def test_meetings_are_created_published_and_approved_together_step_by_step(ok, kb, case):
    """Each meeting goes through each step with its own history entry, as one at a time."""
    meetings = services.meetings_create(meetings=[
        Meeting(body=ok, date=datetime.date(2022, 12, 6), place=" Mødelokale 1 "),
        Meeting(body=kb, date=datetime.date(2022, 12, 13)),
    ])  # fmt: skip
    assert [m.place for m in meetings] == ["Mødelokale 1", ""]
    items = services.agenda_items_add(
        items=[AgendaItem(meeting=m, case=case, title=case.title) for m in meetings]
    )
    published = services.meetings_publish_agenda(meetings=meetings)
    assert {m.state for m in published} == {MeetingState.AGENDA_PUBLISHED}
    services.decisions_record(decisions=[(item, "Godkendt.", []) for item in items])
    approved = services.meetings_approve_minutes(meetings=meetings)

    for meeting in approved:
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.MINUTES_APPROVED and meeting.minutes_locked
        history = meeting.history.order_by("history_date", "history_id")
        assert [(h.history_change_reason, h.state, h.version) for h in history] == [
            ("Oprettet", MeetingState.PLANNED, 1),
            ("Dagsorden udsendt", MeetingState.AGENDA_PUBLISHED, 2),
            ("Afholdt", MeetingState.HELD, 3),
            ("Beslutningsprotokol godkendt", MeetingState.MINUTES_APPROVED, 4),
        ]
        assert meeting.version == 4


def test_agendas_are_not_published_together_when_one_has_no_items(ok_meeting, kb_meeting, case):
    services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(services.WrongState, match="ingen punkter"):
        services.meetings_publish_agenda(meetings=[ok_meeting, kb_meeting])
    ok_meeting.refresh_from_db()
    assert ok_meeting.state == MeetingState.PLANNED
