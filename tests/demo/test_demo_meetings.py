"""The demo's meetings: calendar, Direktionen's template, the plan's case and closed content.

The demo is loaded once for the module (it takes a few seconds) and rolled back afterwards.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from demo.meetings import HISTORY_FROM, KEY_CASE, PUBLISHED_AHEAD, TODAY
from meetings import selectors
from meetings.models import AgendaItem, Attachment, Case, Meeting, PlannedTopic, StandingKind
from organisation.models import Body, Member
from plans.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded on an empty database; gives the folder its attachment files are in."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            assert not Meeting.objects.exists()
            call_command("demo")
            yield media
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def political(meetings):
    return meetings.filter(
        body__kind__in=[
            Body.Kind.COUNCIL,
            Body.Kind.FINANCE_COMMITTEE,
            Body.Kind.STANDING_COMMITTEE,
        ]
    )


def test_every_body_has_members_and_a_calendar_for_2025_and_2026(demo):
    for body in Body.objects.all():
        members = list(body.members.all())
        assert members, body
        assert sum(m.role == Member.Role.CHAIR for m in members) == 1, body
        for year in (2025, 2026):
            assert body.meetings.filter(date__year=year).exists(), (body, year)
        if body.kind != Body.Kind.EXECUTIVE_BOARD and body.kind != Body.Kind.MED:
            assert all(m.party for m in members), body
            assert sum(m.role == Member.Role.VICE_CHAIR for m in members) == 1, body
    assert Body.objects.get(abbreviation="KB").members.count() == 27
    board = Body.objects.get(abbreviation="DIR")
    assert [m.display_name for m in board.members.all()] == [
        "Kommunaldirektør Jonas Kroustrup",
        "Velfærdsdirektør Lene Mehlsen Thomsen",
        "Fællesforvaltningsdirektør Kim Bruun Nielsen",
    ]
    assert all(m.title for m in Body.objects.get(abbreviation="HU").members.all())

    council = Meeting.objects.filter(body__abbreviation="KB", date__year__in=[2025, 2026])
    assert council.count() == 22 and not council.filter(date__month=7).exists()
    for meeting in council:
        week_before = meeting.date - datetime.timedelta(days=7)
        finance = Meeting.objects.get(body__abbreviation="ØK", date=week_before)
        assert finance.start_time < meeting.start_time
    board_meetings = board.meetings.all()
    assert board_meetings.count() > 80
    assert {(m.date.weekday(), m.start_time, m.end_time, m.place) for m in board_meetings} == {
        (2, datetime.time(9), datetime.time(12), "Mødelokale 250, rådhuset")
    }


def test_direktionen_has_a_meeting_built_from_its_template_like_seed_004(demo):
    meeting = Meeting.objects.get(body__abbreviation="DIR", date=TODAY)
    assert meeting.state == Meeting.State.AGENDA_PUBLISHED
    items = list(meeting.items.order_by("number"))
    assert [(i.number, i.title, i.standing) for i in items] == [
        (1, "Beslutningsprotokoller og dagsordener", StandingKind.REVIEW),
        (2, "Økonomi", StandingKind.NONE),
        (3, "Punkter til behandling", StandingKind.TREATMENT),
        (4, "Eventuelt, herunder punkter til næste møde", StandingKind.FORWARD_PLAN),
    ]
    review, economy, treatment, forward = items

    # 1: the roll of ØK and KB and the committees' meetings around it, from the calendar.
    assert review.case_presentation.startswith("Rul december: ØK d. 1/12 2026, KB d. 8/12 2026")
    held = political(Meeting.objects.filter(date__gte=TODAY - datetime.timedelta(days=7),
                                            date__lt=TODAY))  # fmt: skip
    assert held.exists()
    for other in held:
        assert f"{other.body.name} d. {other.date.day}. november" in review.case_presentation
    assert "Gennemgang af dagsorden for:" in review.case_presentation
    assert review.recommendation == (
        "Det indstilles, at de nævnte beslutningsprotokoller og de nævnte dagsordener gennemgås."
    )
    assert review.financial_consequences.startswith("De økonomiske konsekvenser beskrives")

    # 2: a participant, an open and a closed attachment with real files.
    assert economy.participants == "Økonomichef Bettina Andersen deltager under punktet."
    attachments = list(economy.attachments.order_by("number"))
    assert [a.closed for a in attachments] == [False, True]
    for attachment in attachments:
        assert attachment.document_number.endswith("/26")
        assert (demo / attachment.file.name).read_bytes()[:5] == b"%PDF-"

    # 3: the verdensmål text and the time-slot table of today's topics.
    assert "verdensmål" in treatment.case_presentation
    assert "| 10.00 | Behandling af oplæg til udmøntningsplan 2027-2030" in (
        treatment.case_presentation
    )
    assert "| 11.30-12.00 | Dialogmøde med" in treatment.case_presentation
    assert treatment.recommendation == "Det indstilles, at punkterne behandles."

    # 4: the forward plan: coming dates and the topics awaiting a date.
    coming = PlannedTopic.objects.filter(body=meeting.body, planned_for__gt=TODAY)
    waiting = PlannedTopic.objects.filter(body=meeting.body, planned_for=None)
    assert coming.exists() and waiting.exists()
    assert "| 2. december 2026 |" in forward.case_presentation
    for topic in [*coming, *waiting]:
        assert topic.title in forward.case_presentation
    assert "Punkter som afventer dato:" in forward.case_presentation

    # Earlier board meetings from the template are minuted; the public never sees the closed file.
    minuted = Meeting.objects.filter(body__abbreviation="DIR", date__lt=TODAY, items__isnull=False)
    assert minuted.distinct().count() >= 4
    assert all(m.state == Meeting.State.MINUTES_APPROVED for m in minuted)
    agenda = selectors.agenda_for(meeting=meeting, user=AnonymousUser(), public=True)
    assert [a.attachment is None for a in agenda.entries[1].attachments] == [False, True]


def test_the_plan_case_went_ok_then_kb_and_is_tied_to_the_plan(demo):
    case = Case.objects.get(number=KEY_CASE)
    assert case.title == "Udmøntningsplan 2025-2028"
    assert [r.body.abbreviation for r in case.routing.all()] == ["ØK", "KB"]
    tied = list(case.items.all())
    assert len(tied) >= 3 and {i.plan.name for i in tied} == {"Udmøntningsplan 2025-2028"}

    items = list(
        AgendaItem.objects.filter(case=case).exclude(decision="").order_by("meeting__date")
    )
    assert [(i.meeting.body.abbreviation, i.decision) for i in items[:2]] == [
        ("ØK", "Tiltrådt."),
        ("KB", "Godkendt."),
    ]
    finance, council, main = items
    assert finance.meeting.date == datetime.date(2024, 12, 3)
    assert council.meeting.date == datetime.date(2024, 12, 11)
    assert finance.not_participating.count() == 1
    assert council.meeting.absences.filter(kind="apologies").count() == 2
    for item in (finance, council):
        assert item.meeting.state == Meeting.State.MINUTES_APPROVED
        assert item.recommendation.startswith("Kommunaldirektøren indstiller")
        assert "Udmøntningsplan 2025-2028" in [a.title[:25] for a in item.attachments.all()]
        assert {a.document_number for a in item.attachments.all()} == {"151433/24", "146522/24"}
    assert council.case_presentation == finance.case_presentation  # copied on to the next body
    assert "budget 2025-2028" in finance.case_presentation

    # Hovedudvalget discussed it afterwards (seed 002), with its own recommendation.
    assert main.meeting.body.abbreviation == "HU"
    assert main.treatment == AgendaItem.Treatment.DISCUSSION
    assert main.recommendation == (
        "Formanden indstiller, at Hovedudvalget har en dialog om Udmøntningsplan 2025-2028."
    )
    assert main.decision.startswith("Fællesforvaltningsdirektør Kim Bruun Nielsen indledte")

    assert selectors.case_next_body(case=case) is None
    reasons = set(
        Item.history.filter(id=tied[0].pk).values_list("history_change_reason", flat=True)
    )
    assert "Beslutning i Økonomiudvalget den 03-12-2024 (sag 24/10511): Tiltrådt." in reasons
    assert "Beslutning i Kommunalbestyrelsen den 11-12-2024 (sag 24/10511): Godkendt." in reasons


def test_the_committees_get_their_extract_in_january_2025_like_seed_003(demo):
    item = AgendaItem.objects.get(meeting__body__abbreviation="AU",
                                  meeting__date=datetime.date(2025, 1, 23),
                                  title="Udmøntningsplan 2025-2028")  # fmt: skip
    assert [r.body.abbreviation for r in item.case.routing.all()] == ["AU"]
    assert item.treatment == AgendaItem.Treatment.ORIENTATION
    assert item.recommendation.startswith("Fællesforvaltningsdirektøren indstiller, at ")
    assert item.decision == "Godkendt."
    assert [a.document_number for a in item.attachments.all()] == ["127800/24"]
    assert item.case.items.filter(committee__abbreviation="AU").exists()
    assert item.case.items.filter(cross_cutting=True).exists()
    extracts = AgendaItem.objects.filter(
        title="Udmøntningsplan 2025-2028", meeting__date__year=2025, meeting__date__month=1
    )
    assert extracts.count() == 6  # fmt: skip


def test_closed_content_is_seen_only_by_the_bodys_users(demo):
    closed = AgendaItem.objects.exclude(pk__in=AgendaItem.objects.open())
    assert closed.filter(meeting__body__abbreviation="AU").exists()
    assert closed.exclude(meeting__body__abbreviation="AU").exists()
    assert Attachment.objects.filter(closed=True).exists()
    reader, editor, admin = (User.objects.get(username=u) for u in ("laeser", "redaktor", "admin"))
    assert not AgendaItem.objects.visible_to(reader).filter(pk__in=closed).exists()
    assert not Case.objects.visible_to(reader).filter(closed=True).exists()
    seen_by_editor = AgendaItem.objects.visible_to(editor).filter(pk__in=closed)
    assert set(seen_by_editor.values_list("meeting__body__abbreviation", flat=True)) == {"AU"}
    assert AgendaItem.objects.visible_to(admin).filter(pk__in=closed).count() == closed.count()
    meeting = closed.filter(meeting__body__abbreviation="AU").first().meeting
    public = selectors.agenda_for(meeting=meeting, user=AnonymousUser(), public=True)
    assert any(entry.redacted for entry in public.entries)


def test_past_meetings_are_minuted_and_the_next_ones_published(demo):
    with_agenda = Meeting.objects.filter(items__isnull=False).distinct()
    for meeting in with_agenda.filter(date__lt=TODAY):
        assert meeting.state == Meeting.State.MINUTES_APPROVED, meeting
        assert not meeting.items.filter(decision="").exists(), meeting
        assert meeting.minutes_approved_by.username == "admin"
    for meeting in Meeting.objects.filter(date__gte=TODAY):
        published = meeting.date <= TODAY + PUBLISHED_AHEAD and meeting.items.exists()
        assert (meeting.state == Meeting.State.AGENDA_PUBLISHED) == published, meeting
    recent = political(Meeting.objects.filter(date__gte=HISTORY_FROM, date__lt=TODAY))
    assert recent.count() >= 12
    assert not recent.exclude(state=Meeting.State.MINUTES_APPROVED).exists()
    assert political(Meeting.objects.filter(state=Meeting.State.AGENDA_PUBLISHED)).count() >= 2
    # Some cases from the plan wait for the next body on their routing.
    assert any(selectors.case_next_body(case=c) for c in Case.objects.filter(items__isnull=False))


def test_every_step_is_in_the_history(demo):
    meeting = Meeting.objects.get(body__abbreviation="ØK", date=datetime.date(2024, 12, 3))
    reasons = list(
        meeting.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Oprettet", "Dagsorden udsendt", "Afholdt", "Beslutningsprotokol godkendt"]
    assert {h.history_user.username for h in meeting.history.all()} == {"admin"}


def test_au_and_buu_have_work_plans_with_items_on_their_meetings(demo):
    from meetings.access import Access
    from workplans.selectors import workplan_for

    for abbreviation in ("AU", "BUU"):
        plan = workplan_for(
            body=Body.objects.get(abbreviation=abbreviation), year=2026, user=Access.system()
        )
        placed = [e for e in plan.entries() if e.placed]
        assert placed and any(e.where.startswith("meeting-") for e in placed)
        assert any(not e.fits for e in plan.entries())  # the page offers to adjust a time
        assert any(e.kind == "topic" for e in plan.entries())
    au_plan = workplan_for(body=Body.objects.get(abbreviation="AU"), year=2026, user=None)
    assert au_plan.last_version is not None and au_plan.changes  # presented, changed since
    item = AgendaItem.objects.get(pk=au_plan.last_version.agenda_item_id)
    assert item.title == "Udvalgets arbejdsplan" and item.attachments.count() == 1
