"""The services that write many rows at once (a document import's attachments and members)
store each row as the one-row service does: numbered, in its history, in the search index,
under the same rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from meetings import services
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
