"""Placing the annual cycle on the meetings: once, on the first fitting meeting, following a
moved meeting, awaiting a date without one; and the board's strategic review as its own item
with the generated status attached when the meeting is created from the template."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cycle import services
from cycle.models import Event, Placement
from danish.formatting import long_date
from meetings import services as meeting_services
from meetings.models import AgendaItem, PlannedTopic
from tests.factories import UserFactory


def _next(event: Event) -> datetime.date:
    today = timezone.localdate()
    return event.occurrences(today, today + datetime.timedelta(days=400))[0]


def _meeting(body, date, **kwargs):
    return meeting_services.meeting_create(
        body=body,
        date=date,
        start_time=datetime.time(9),
        from_template=kwargs.pop("template", False),
    )


def test_an_occurrence_without_a_meeting_awaits_a_date(review, board):
    topics = PlannedTopic.objects.filter(body=board)
    assert topics.count() == Placement.objects.filter(event=review).count() >= 2
    assert all(topic.planned_for is None for topic in topics)


def test_placing_twice_places_once(review, board):
    date = _next(review)
    _meeting(board, date + datetime.timedelta(days=3))
    before = list(PlannedTopic.objects.order_by("pk").values_list("pk", "planned_for", "version"))
    history = PlannedTopic.history.count()
    result = services.cycle_place()
    assert (result.placed, result.moved, result.removed) == (0, 0, 0)
    assert (
        list(PlannedTopic.objects.order_by("pk").values_list("pk", "planned_for", "version"))
        == before
    )
    assert PlannedTopic.history.count() == history


def test_a_new_meeting_gets_the_occurrence_and_the_first_fitting_one_wins(review, board):
    date = _next(review)
    later = _meeting(board, date + datetime.timedelta(days=20))
    topic = Placement.objects.get(event=review, occurrence=date).topic
    assert topic.planned_for == later.date
    earlier = _meeting(board, date + datetime.timedelta(days=2))
    topic.refresh_from_db()
    assert topic.planned_for == earlier.date
    # A meeting before the occurrence, or beyond the window, does not fit.
    _meeting(board, date - datetime.timedelta(days=1))
    topic.refresh_from_db()
    assert topic.planned_for == earlier.date


def test_a_meeting_beyond_the_window_leaves_it_awaiting(review, board):
    date = _next(review)
    _meeting(board, date + datetime.timedelta(days=review.window_days + 1))
    assert Placement.objects.get(event=review, occurrence=date).topic.planned_for is None


def test_moving_a_meeting_moves_what_was_placed_on_it(review, board):
    date = _next(review)
    meeting = _meeting(board, date + datetime.timedelta(days=2))
    moved_to = date + datetime.timedelta(days=9)
    meeting_services.meeting_update(
        meeting=meeting, fields={"date": moved_to}, expected_version=meeting.version
    )
    topic = Placement.objects.get(event=review, occurrence=date).topic
    assert topic.planned_for == moved_to
    # Moved out of the window: the occurrence awaits a date again.
    meeting.refresh_from_db()
    meeting_services.meeting_update(
        meeting=meeting,
        fields={"date": date + datetime.timedelta(days=60)},
        expected_version=meeting.version,
    )
    topic.refresh_from_db()
    assert topic.planned_for is None


def test_a_changed_rule_takes_off_what_no_longer_falls(review, board):
    before = Placement.objects.filter(event=review).count()
    services.event_update(
        event=review,
        fields={"rule": "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1"},
        expected_version=review.version,
    )
    after = Placement.objects.filter(event=review)
    assert 0 < after.count() < before
    assert all(p.occurrence.month == 11 for p in after)
    assert PlannedTopic.objects.filter(body=board).count() == after.count()


def test_a_stale_edit_is_refused(review):
    entries = review.history.count()
    services.event_update(
        event=review, fields={"title": "Ny titel"}, expected_version=review.version
    )
    with pytest.raises(services.EventConflict):
        services.event_update(
            event=review, fields={"title": "Gammel"}, expected_version=review.version
        )
    review.refresh_from_db()
    assert review.title == "Ny titel"
    assert review.history.count() == entries + 1


def test_a_secretary_edits_only_the_events_of_their_bodies(review, board, au):
    secretary = UserFactory(username="au-sek", role="editor", role__bodies=[au])
    with pytest.raises(services.EventForbidden):
        services.event_update(
            event=review, fields={"title": "X"}, expected_version=None, user=secretary
        )
    own = services.event_create(
        fields={
            "title": "AU's arbejdsplan",
            "kind": Event.Kind.WORK_PLAN,
            "start": datetime.date(2026, 2, 1),
            "rule": "",
        },
        bodies=[au],
        user=secretary,
    )
    assert own.history.first().history_user == secretary
    with pytest.raises(services.EventForbidden):
        services.event_create(
            fields={
                "title": "Alle",
                "kind": Event.Kind.OWN,
                "whole_organisation": True,
                "start": datetime.date(2026, 2, 1),
            },
            user=secretary,
        )


def test_an_event_on_a_meeting_needs_a_body(db):
    with pytest.raises(ValidationError) as error:
        services.event_create(
            fields={
                "title": "X",
                "kind": Event.Kind.OWN,
                "start": datetime.date(2026, 1, 1),
                "on_meeting": True,
                "whole_organisation": True,
            }
        )
    assert "Vælg udvalget" in str(error.value)


def test_the_review_is_its_own_item_with_the_status_attached(
    review, board, board_template, status_maker, plan
):
    date = _next(review)
    meeting = _meeting(board, date + datetime.timedelta(days=1), template=True)
    items = list(meeting.items.order_by("number"))
    titles = [item.title for item in items]
    assert titles == [
        "Godkendelse af dagsorden",
        "Status på den strategiske udmøntningsplan",
        "Eventuelt",
    ]
    review_item = items[1]
    assert review_item.treatment == AgendaItem.Treatment.DISCUSSION
    assert "drøfter status" in review_item.case_presentation
    assert review_item.recommendation == "Det indstilles, at status drøftes."
    attachment = review_item.attachments.get()
    # As of the day it is made (today), not of the occurrence or the meeting.
    made = long_date(timezone.localdate(), weekday=False)
    assert attachment.title == f"Status på den strategiske udmøntningsplan pr. {made}"
    # The document is asked for the meeting's year (its course), not today's.
    assert status_maker.asked_for == [{"for_date": meeting.date}]
    assert not attachment.closed and attachment.content_type == "application/pdf"
    topic = Placement.objects.get(event=review, occurrence=date).topic
    assert topic.agenda_item == review_item
    # Placing again leaves the item and its topic alone.
    services.cycle_place()
    assert meeting.items.count() == 3
    topic.refresh_from_db()
    assert topic.agenda_item == review_item


def test_without_a_maker_the_review_item_stands_without_attachment(review, board, board_template):
    from meetings import generated

    maker = generated._makers.pop(services.STRATEGIC_PLAN_STATUS, None)
    try:
        meeting = _meeting(board, _next(review), template=True)
    finally:
        if maker is not None:
            generated.register(services.STRATEGIC_PLAN_STATUS, maker)
    item = meeting.items.get(title="Status på den strategiske udmøntningsplan")
    assert not item.attachments.exists()


def test_the_command_places_and_is_a_dry_run_unless_told(review, board):
    from io import StringIO

    from django.core.management import call_command

    date = _next(review)
    meeting_services.meeting_create(
        body=board, date=date, start_time=datetime.time(9), from_template=False
    )
    topic = Placement.objects.get(event=review, occurrence=date).topic
    # The meeting's signal placed it already; the command reports and changes nothing more.
    out = StringIO()
    call_command("place_cycle", "--commit", stdout=out)
    assert "0 nye" in out.getvalue()
    topic.refresh_from_db()
    assert topic.planned_for == date


def test_the_decision_lands_on_the_plan_and_the_item_timeline(
    review, board, board_template, status_maker, plan, item, administrator, reader
):
    from cycle import selectors
    from plans import pages, timeline

    services.event_update(event=review, fields={"item": item}, expected_version=review.version)
    date = _next(review)
    meeting = _meeting(board, date, template=True)
    review_item = meeting.items.get(title="Status på den strategiske udmøntningsplan")
    meeting_services.meeting_update(
        meeting=meeting, fields={"date": timezone.localdate()}, expected_version=meeting.version
    )
    meeting_services.meeting_publish_agenda(meeting=meeting)
    meeting_services.decision_record(item=review_item, text="Drøftet.")
    reviews = pages.plan_context(plan=plan, user=reader)["strategic_reviews"]
    assert [(r.body, r.decision) for r in reviews] == [("Direktionen", "Drøftet.")]
    assert reviews[0].attachments[0][0].startswith("Status på den strategiske udmøntningsplan")
    entries = [e for e in timeline.entries(item=item, user=reader) if e.kind == "Årshjul"]
    assert any(e.text == "Drøftet." and "Direktionen" in e.title for e in entries)
    # Closed by the secretary: the reader sees that it was on the agenda, not what was decided.
    meeting_services.agenda_item_update(item=review_item, fields={"closed": True},
                                        expected_version=None)  # fmt: skip
    assert pages.plan_context(plan=plan, user=reader)["strategic_reviews"] == []
    assert all(
        e.text == "" for e in timeline.entries(item=item, user=reader) if e.kind == "Årshjul"
    )
    assert selectors.strategic_reviews(plan=plan, user=administrator)[0].decision == "Drøftet."


def test_occurrences_awaiting_a_date_read_apart_on_the_forward_plan(
    review, board, board_template, admin_client_
):
    """The review comes twice a year; with no fitting meetings both occurrences await a date,
    and the forward plan item said "Status på den strategiske udmøntningsplan" twice."""
    from danish.formatting import MONTHS

    waiting = list(
        Placement.objects.filter(event=review, topic__planned_for=None).order_by("occurrence")
    )
    assert len(waiting) >= 2
    meeting = _meeting(board, datetime.date(2020, 1, 6), template=True)
    forward = meeting.items.get(title="Eventuelt").case_presentation
    for placement in waiting:
        when = f"{MONTHS[placement.occurrence.month - 1]} {placement.occurrence.year}"
        assert f"- Status på den strategiske udmøntningsplan ({when}). Direktionen drøfter" in (
            forward
        )
    assert placement.topic.wanted_for == placement.occurrence
    page = admin_client_.get(f"/udvalg/{board.pk}/kommende-punkter/").content.decode()
    for placement in waiting:
        assert f"Afventer dato (hører til {placement.topic.wanted_label})" in page
