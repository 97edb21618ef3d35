"""The meetings' write rules: a case moving through its bodies, the minutes' lock, uploads."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from meetings import selectors, services, standing
from meetings.models import AgendaItem, Attachment, Meeting, MeetingState
from tests.factories import MeetingFactory, PlannedTopicFactory, StandingItemFactory

pytestmark = pytest.mark.django_db


def decide(meeting, item, text, **kwargs):
    if meeting.state == MeetingState.PLANNED:
        services.meeting_publish_agenda(meeting=meeting)
    return services.decision_record(item=item, text=text, **kwargs)


def test_case_is_offered_to_the_next_body_after_a_decision(case, ok_meeting, kb, administrator):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    assert selectors.case_next_body(case=case) is None  # nothing decided yet

    decide(ok_meeting, item, "Tiltrådt.")

    assert selectors.case_next_body(case=case) == kb
    assert selectors.cases_awaiting(body=kb, user=administrator) == [case]


def test_next_bodys_item_starts_from_the_case_and_shows_earlier_decisions(
    case, ok_meeting, kb_meeting, ok_members, administrator
):
    item = services.agenda_item_add(
        meeting=ok_meeting, case=case, fields={"case_presentation": "Der er udarbejdet en plan."}
    )
    decide(ok_meeting, item, "Tiltrådt.", not_participating=[ok_members[0]])

    kb_item = services.agenda_item_add(meeting=kb_meeting, case=case)

    assert kb_item.title == "Udmøntningsplan 2023-2026"
    assert kb_item.case_presentation == "Der er udarbejdet en plan."
    entry = selectors.agenda_for(meeting=kb_meeting, user=administrator).entries[0]
    [earlier] = entry.earlier_decisions
    assert earlier.heading == "Beslutning i Økonomiudvalget den 06-12-2022"
    assert earlier.text == "Tiltrådt."
    assert earlier.not_participating == ["Jens Meilvang (I)"]
    # Once KB has the case on its agenda, it is no longer offered to KB.
    assert selectors.case_next_body(case=case) is None


def test_decisions_are_listed_in_meeting_order(case, ok, kb, administrator):
    hu = services.meeting_create(
        body=ok,
        date=datetime.date(2023, 3, 2),
        start_time=datetime.time(9),
        from_template=False,
    )
    meetings = [
        services.meeting_create(body=ok, date=datetime.date(2022, 12, 6),
                                start_time=datetime.time(14), from_template=False),
        services.meeting_create(body=kb, date=datetime.date(2022, 12, 13),
                                start_time=datetime.time(18), from_template=False),
    ]  # fmt: skip
    for meeting, text in zip(meetings, ["Tiltrådt.", "Godkendt."], strict=True):
        decide(meeting, services.agenda_item_add(meeting=meeting, case=case), text)
    later = services.agenda_item_add(meeting=hu, case=case)

    entry = selectors.agenda_for(meeting=hu, user=administrator).entries[0]
    assert entry.item == later
    assert [(d.body, d.text) for d in entry.earlier_decisions] == [
        ("Økonomiudvalget", "Tiltrådt."),
        ("Kommunalbestyrelsen", "Godkendt."),
    ]


def test_decision_is_written_into_the_tied_plan_items_history(case, ok_meeting, item):
    agenda_item = services.agenda_item_add(meeting=ok_meeting, case=case)
    decide(ok_meeting, agenda_item, "Tiltrådt.")

    latest = item.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == (
        "Beslutning i Økonomiudvalget den 06-12-2022 (sag 22/291): Tiltrådt."
    )


def test_a_decision_needs_the_agenda_sent_out(case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(services.WrongState):
        services.decision_record(item=item, text="Tiltrådt.")


def test_approved_minutes_refuse_changes_but_take_an_addendum(case, ok_meeting, administrator):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    decide(ok_meeting, item, "Tiltrådt.")
    services.meeting_approve_minutes(meeting=ok_meeting, user=administrator)

    with pytest.raises(services.MinutesLocked):
        services.decision_record(item=item, text="Forkastet.")
    with pytest.raises(services.MinutesLocked):
        services.agenda_item_update(item=item, fields={"title": "Ny"}, expected_version=None)
    with pytest.raises(services.MinutesLocked):
        services.agenda_item_add(meeting=ok_meeting, fields={"title": "Nyt punkt"})
    with pytest.raises(services.MinutesLocked):
        services.meeting_set_absences(meeting=ok_meeting, absences={})

    services.addendum_add(item=item, text="Rettelse: bilag 2 var vedlagt.", user=administrator)

    item.refresh_from_db()
    assert item.decision == "Tiltrådt."
    entry = selectors.agenda_for(meeting=ok_meeting, user=administrator).entries[0]
    assert entry.decision.text == "Tiltrådt."
    assert [a.text for a in entry.decision.addenda] == ["Rettelse: bilag 2 var vedlagt."]


def test_addendum_is_refused_before_the_minutes_are_approved(case, ok_meeting, administrator):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(services.WrongState):
        services.addendum_add(item=item, text="For tidligt.", user=administrator)


def test_stale_edit_of_an_agenda_item_is_refused(case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    opened = item.version
    services.agenda_item_update(item=item, fields={"title": "Først"}, expected_version=opened)
    with pytest.raises(services.MeetingConflict):
        services.agenda_item_update(item=item, fields={"title": "Anden"}, expected_version=opened)
    item.refresh_from_db()
    assert item.title == "Først"


def test_meeting_cannot_end_before_it_starts(ok):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=ok, date=datetime.date(2025, 1, 6),
                               start_time=datetime.time(12), end_time=datetime.time(9))  # fmt: skip
    with pytest.raises(ValidationError):
        services.meeting_create(
            body=ok, date=datetime.date(2025, 1, 6), start_time=datetime.time(12),
            end_time=datetime.time(9),
        )  # fmt: skip


def test_item_number_is_unique_within_its_meeting(ok_meeting):
    AgendaItem.objects.create(meeting=ok_meeting, number=1, title="Et")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=ok_meeting, number=1, title="To")
    # Another meeting may use the number.
    other = MeetingFactory(body=ok_meeting.body)
    AgendaItem.objects.create(meeting=other, number=1, title="Et")


def test_upload_stores_a_pdf_under_a_safe_name(case, ok_meeting, pdf_upload):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    attachment = services.attachment_add(
        item=item, title="Notat", upload=pdf_upload("../../Ønsker & planer.PDF")
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.filename == "oensker-planer.pdf"
    assert (
        ".." not in attachment.file.name and "/" not in attachment.file.name.split("bilag/")[1][5:]
    )
    assert attachment.file.read().startswith(b"%PDF")


def test_upload_recognises_a_word_file_by_its_content(case, ok_meeting):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    attachment = services.attachment_add(
        item=item, title="Notat", upload=SimpleUploadedFile("notat.pdf", buffer.getvalue())
    )
    assert attachment.filename == "notat.docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 an executable", "Filtypen kan ikke bruges som bilag."),
        ("side.html", b"<html><script>alert(1)</script></html>", "Filtypen kan ikke bruges"),
        ("tom.pdf", b"", "Filen er tom."),
    ],
)
def test_bad_upload_gets_a_danish_error_and_nothing_is_stored(
    case, ok_meeting, settings, name, content, message
):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(ValidationError) as error:
        services.attachment_add(item=item, title="X", upload=SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_upload_over_the_size_limit_is_refused(case, ok_meeting, settings, pdf_upload):
    settings.KURSEN_ATTACHMENT_MAX_BYTES = 100
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            item=item, title="X", upload=pdf_upload(content=b"%PDF" + b"x" * 200)
        )
    assert "må højst fylde" in error.value.messages[0]
    assert not Attachment.objects.exists()


def test_meeting_from_template_fills_review_and_forward_plan(ok, kb):
    from organisation.models import Body

    board = Body.objects.create(
        name="Direktionen", abbreviation="DIR", kind=Body.Kind.EXECUTIVE_BOARD
    )
    StandingItemFactory(body=board, number=1, title="Beslutningsprotokoller og dagsordener",
                        kind="review")  # fmt: skip
    StandingItemFactory(body=board, number=2, title="Økonomi", case_presentation="Fast punkt.")
    StandingItemFactory(body=board, number=3, title="Punkter til behandling", kind="treatment")
    StandingItemFactory(body=board, number=4, title="Eventuelt, herunder punkter til næste møde",
                        kind="forward_plan")  # fmt: skip
    day = datetime.date(2023, 11, 22)
    for body, date in [(ok, datetime.date(2023, 11, 16)), (ok, datetime.date(2023, 12, 5)),
                       (kb, datetime.date(2023, 12, 12))]:  # fmt: skip
        services.meeting_create(body=body, date=date, start_time=datetime.time(16),
                                from_template=False)  # fmt: skip
    PlannedTopicFactory(body=board, title="Behandling af oplæg til udmøntningsplan",
                        planned_for=day)  # fmt: skip
    PlannedTopicFactory(body=board, title="Direktionens årshjul 2023",
                        planned_for=datetime.date(2023, 12, 6))  # fmt: skip
    PlannedTopicFactory(body=board, title="Regeringens lovprogram", planned_for=None)

    meeting = services.meeting_create(body=board, date=day, start_time=datetime.time(9),
                                      end_time=datetime.time(17))  # fmt: skip

    items = list(meeting.items.order_by("number"))
    assert [i.title for i in items] == [
        "Beslutningsprotokoller og dagsordener", "Økonomi", "Punkter til behandling",
        "Eventuelt, herunder punkter til næste møde",
    ]  # fmt: skip
    review, economy, treatment, forward = (i.case_presentation for i in items)
    assert review.startswith("Rul december: ØK d. 5/12 2023, KB d. 12/12 2023")
    assert "Økonomiudvalget d. 16. november" in review  # held in the week before
    assert "Kommunalbestyrelsen d. 12. december" in review  # coming
    assert economy == "Fast punkt."
    assert "Behandling af oplæg til udmøntningsplan" in treatment
    assert "| 6. december 2023 | Direktionens årshjul 2023 |" in forward
    assert "Punkter som afventer dato:\n\n- Regeringens lovprogram" in forward
    assert "Behandling af oplæg" not in forward  # planned for this meeting, not a later one
    assert standing.roll_text(meeting) == "Rul december: ØK d. 5/12 2023, KB d. 12/12 2023"


def test_routing_text_names_unknown_bodies(ok, kb):
    assert services.routing_from_text("ØK, kb") == [ok, kb]
    with pytest.raises(ValidationError) as error:
        services.routing_from_text("ØK, XYZ")
    assert error.value.messages == ["Ukendt udvalg i sagsgangen: XYZ."]


def _recorded_state(meeting):
    """What recording decisions leaves: the items, who did not take part, their history, the
    meeting's state, the plan items' entries, the mails asked for."""
    from notify.models import Mail
    from plans.models import Item

    items = AgendaItem.objects.filter(meeting=meeting).order_by("number")
    return {
        "items": [(i.number, i.decision, sorted(i.not_participating.values_list("name", flat=True)),
                   [(h.history_type, h.history_change_reason,
                     sorted(r.member.name for r in h.not_participating.all()))
                    for h in i.history.order_by("history_date", "history_id")])
                  for i in items],
        "meeting": (Meeting.objects.get(pk=meeting.pk).state,
                    [h.history_change_reason for h in meeting.history.order_by("history_id")]),
        "plan": sorted(Item.history.filter(history_change_reason__startswith="Beslutning")
                       .values_list("history_change_reason", flat=True)),
        "mails": sorted(Mail.objects.values_list("kind", "subject")),
    }  # fmt: skip


@pytest.mark.parametrize("together", [False, True])
def test_decisions_recorded_together_are_as_recorded_one_by_one(
    together, ok, kb, ok_meeting, ok_members, item, django_capture_on_commit_callbacks
):
    """decisions_record (the import's minutes) leaves what decision_record leaves for each in
    turn: the same decisions, absentees, history entries, plan item entries and offers."""
    from tests.factories import UserFactory

    UserFactory(email="sekretaer@kommune.dk", role="editor", role__bodies=[kb])
    cases = [services.case_create(number=f"25/{n}", title=f"Sag {n}", routing=[ok, kb],
                                  items=[item] if n == 1 else [])
             for n in range(1, 4)]  # fmt: skip
    items = [services.agenda_item_add(meeting=ok_meeting, case=case) for case in cases]
    items.append(services.agenda_item_add(meeting=ok_meeting, fields={"title": "Uden sag"}))
    services.meeting_publish_agenda(meeting=ok_meeting)
    decisions = [(items[0], "Tiltrådt.", [ok_members[0]]), (items[1], " Godkendt. ", []),
                 (items[2], "Udsat.", ok_members),
                 (items[3], "Taget til efterretning.", [])]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        if together:
            recorded = services.decisions_record(decisions=decisions)
            assert [r.pk for r in recorded] == [i.pk for i in items]
            assert recorded[-1].meeting.state == MeetingState.HELD
        else:
            for agenda_item, text, members in decisions:
                services.decision_record(item=agenda_item, text=text, not_participating=members)
    state = _recorded_state(ok_meeting)
    assert state["items"][1][1] == "Godkendt."
    assert state["meeting"][0] == MeetingState.HELD
    assert len(state["plan"]) == 1
    assert len([m for m in state["mails"] if "klar til" in m[1]]) == 3  # each case offered to KB
    # the same as one by one (the parametrised twin), written out:
    assert [h[:2] for h in state["items"][0][3]] == [
        ("+", "Sat på dagsordenen"), ("~", "Beslutning"), ("~", "Beslutning")]  # fmt: skip
    assert state["items"][0][3][-1][2] == ["Jens Meilvang"]
    assert state["items"][2][2] == sorted(m.name for m in ok_members)


def test_decisions_recorded_together_keep_the_rules(case, ok_meeting):
    item = services.agenda_item_add(meeting=ok_meeting, case=case)
    with pytest.raises(services.WrongState):
        services.decisions_record(decisions=[(item, "Tiltrådt.", [])])
    services.meeting_publish_agenda(meeting=ok_meeting)
    with pytest.raises(ValidationError):
        services.decisions_record(decisions=[(item, "  ", [])])
    services.decisions_record(decisions=[(item, "Tiltrådt.", [])])
    services.meeting_approve_minutes(meeting=ok_meeting)
    with pytest.raises(services.MinutesLocked):
        services.decisions_record(decisions=[(item, "Ændret.", [])])
