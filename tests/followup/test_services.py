"""Opening, answering, reviewing, reminding and closing a status round."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from followup import selectors, services
from followup.models import Answer, ReminderSent, RespondentRule
from followup.workdays import working_days_before
from notify.models import Delivery
from notify.services import mail_preferences_save
from plans.models import Item, StatusNote
from tests.factories import ItemFactory
from tests.followup.conftest import DEADLINE, TODAY

pytestmark = pytest.mark.django_db


def _answer(round, code):
    return Answer.objects.get(round=round, item__code=code)


def test_round_asks_about_unfinished_items_and_maps_contacts_to_users(open_round, contact):
    answers = {a.item.code: a for a in open_round.answers.select_related("item")}
    assert sorted(answers) == ["AU-D01", "AU-D02", "BUU-D01"]  # the finished one is not asked
    assert answers["AU-D01"].respondent == contact
    assert answers["AU-D02"].respondent == contact  # the name's case does not matter
    assert answers["BUU-D01"].respondent is None  # shown as not mapped
    assert [a.item.code for a in selectors.progress(round=open_round)["unmapped"]] == ["BUU-D01"]


def test_director_and_editor_rules_map_through_profiles(plan, items, contact, area_director):
    by_director = services.round_open(
        plan=plan, name="A", deadline=DEADLINE, rule=RespondentRule.DIRECTOR, today=TODAY
    )
    assert _answer(by_director, "AU-D01").respondent == area_director
    assert _answer(by_director, "BUU-D01").respondent is None
    by_editor = services.round_open(
        plan=plan, name="B", deadline=DEADLINE, rule=RespondentRule.EDITOR, today=TODAY
    )
    assert _answer(by_editor, "AU-D02").respondent == contact


def test_filter_by_committee_kind_and_theme(plan, items, au, theme):
    round = services.round_open(plan=plan, name="Tema", deadline=DEADLINE, theme=theme, today=TODAY)
    assert [a.item.code for a in round.answers.all()] == ["AU-D01"]
    with pytest.raises(ValidationError):
        services.round_open(
            plan=plan, name="Tom", deadline=DEADLINE, kind="declaration", today=TODAY
        )


def test_bad_opening_values_give_danish_errors(plan, items):
    with pytest.raises(ValidationError) as error:
        services.round_open(
            plan=plan, name="X", deadline=TODAY - datetime.timedelta(days=1), today=TODAY
        )
    assert "Svarfristen" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.parse_reminder_days("ti, tre")
    assert "hele tal" in str(error.value)


def test_reminders_fall_on_danish_working_days():
    # 10 working days before Friday 18 December 2026 is Friday 4 December.
    assert working_days_before(DEADLINE, 10) == datetime.date(2026, 12, 4)
    # Before Easter Monday 2026 (6 April): Good Friday and Maundy Thursday are holidays.
    assert working_days_before(datetime.date(2026, 4, 7), 1) == datetime.date(2026, 4, 1)
    assert working_days_before(datetime.date(2026, 12, 19), 0) == DEADLINE  # Saturday


def test_answer_as_draft_then_submit_with_version_check(open_round, contact, reader):
    answer = _answer(open_round, "AU-D01")
    saved = services.answer_save(
        answer=answer, fields={"note": "Halvvejs."}, expected_version=answer.version, user=contact
    )
    assert saved.state == Answer.State.DRAFT and saved.note_date is not None
    with pytest.raises(services.AnswerConflict):
        services.answer_save(
            answer=answer, fields={"note": "Gammel."}, expected_version=answer.version, user=contact
        )
    with pytest.raises(PermissionDenied):
        services.answer_save(answer=saved, fields={}, expected_version=saved.version, user=reader)
    with pytest.raises(ValidationError) as error:  # a new status needs a note saying why
        services.answer_save(
            answer=saved,
            fields={"status": "completed", "note": ""},
            expected_version=saved.version,
            submit=True,
            user=contact,
        )
    assert "statusnote" in str(error.value)
    submitted = services.answer_save(
        answer=saved,
        fields={"status": "completed", "note": "Færdig i november."},
        expected_version=saved.version,
        submit=True,
        user=contact,
    )
    assert submitted.state == Answer.State.SUBMITTED


def test_director_approves_or_returns_with_a_comment(open_round, contact, area_director, editor):
    answer = _answer(open_round, "AU-D01")
    answer = services.answer_save(
        answer=answer, fields={}, expected_version=answer.version, submit=True, user=contact
    )
    assert list(selectors.reviews_for(user=area_director)) == [answer]
    with pytest.raises(PermissionDenied):
        services.answer_review(
            answer=answer, approve=True, expected_version=answer.version, user=editor
        )
    with pytest.raises(ValidationError):
        services.answer_review(
            answer=answer, approve=False, expected_version=answer.version, user=area_director
        )
    returned = services.answer_review(
        answer=answer,
        approve=False,
        comment="Uddyb noten.",
        expected_version=answer.version,
        user=area_director,
    )
    assert returned.state == Answer.State.RETURNED
    assert list(selectors.due_for(user=contact))[0].review_comment == "Uddyb noten."
    again = services.answer_save(
        answer=returned,
        fields={"note": "Uddybet."},
        expected_version=returned.version,
        submit=True,
        user=contact,
    )
    approved = services.answer_review(
        answer=again, approve=True, expected_version=again.version, user=area_director
    )
    assert approved.state == Answer.State.APPROVED
    counts = selectors.state_counts(round=open_round)
    assert (counts["answered"], counts["approved"]) == (1, 1)


def test_reminders_go_once_per_person_and_name_only_their_items(open_round, contact):
    day = working_days_before(DEADLINE, 3)
    assert services.round_send_due_reminders(round=open_round, today=day) == 1
    assert services.round_send_due_reminders(round=open_round, today=day) == 0  # once
    deliveries = list(Delivery.objects.select_related("mail"))
    assert [d.address for d in deliveries] == ["kaje@testrup.dk"]
    context = deliveries[0].mail.context
    assert [i["code"] for i in context["items"]] == ["AU-D01", "AU-D02"]  # not BUU-D01
    assert context["deadline"] == "fredag den 18. december 2026"
    assert services.round_remind_again(round=open_round) == 1
    assert services.round_remind_again(round=open_round) == 1  # each extra reminder is its own
    assert ReminderSent.objects.filter(round=open_round).count() == 3
    assert Delivery.objects.count() == 3


def test_a_person_who_declined_reminders_gets_none(open_round, contact):
    mail_preferences_save(user=contact, wanted={"followup.reminder": False})
    assert services.round_remind_again(round=open_round) == 0


def test_closing_freezes_answers_and_updates_the_items(open_round, contact, administrator):
    answer = _answer(open_round, "AU-D01")
    services.answer_save(
        answer=answer,
        fields={
            "status": "postponed",
            "note": "Afventer lovgivning.",
            "timing_year": 2027,
            "timing_quarter": 2,
            "timing_month": None,
        },
        expected_version=answer.version,
        submit=True,
        user=contact,
    )
    item = Item.objects.get(code="AU-D01")
    themes_before = list(item.themes.all())
    closed = services.round_close(
        round=open_round, expected_version=open_round.version, user=administrator
    )
    assert not closed.is_open
    item.refresh_from_db()
    assert (item.status, item.timing_year, item.timing_quarter) == ("postponed", 2027, 2)
    assert list(item.themes.all()) == themes_before  # the sets are kept
    assert item.history.first().history_change_reason == "Statusrunde »Status december 2026«"
    assert StatusNote.objects.get(item=item).text == "Afventer lovgivning."
    untouched = Item.objects.get(code="AU-D02")
    assert untouched.status == "in_progress"  # not answered: the item keeps its status
    snapshot = _answer(closed, "AU-D01").snapshot
    assert snapshot["status_label"] == "Udskudt" and snapshot["timing"] == "2. kvartal 2027"
    with pytest.raises(ValidationError):
        services.answer_save(
            answer=_answer(closed, "AU-D02"), fields={}, expected_version=1, user=contact
        )
    report = selectors.report(round=closed)
    assert [f["code"] for f in report["blocked"]] == ["AU-D01"]
    assert [f["code"] for f in report["changes"]["delays"]] == ["AU-D01"]
    assert [f["code"] for f in report["changes"]["moves"]] == ["AU-D01"]


def test_a_later_round_compares_with_the_earlier(open_round, contact, administrator, plan):
    answer = _answer(open_round, "AU-D02")
    services.answer_save(
        answer=answer,
        fields={"status": "in_progress"},
        expected_version=answer.version,
        submit=True,
        user=contact,
    )
    first = services.round_close(round=open_round, expected_version=1, user=administrator)
    later = services.round_open(
        plan=plan, name="Status juni 2027", deadline=datetime.date(2027, 6, 18), today=TODAY
    )
    answer = _answer(later, "AU-D02")
    services.answer_save(
        answer=answer,
        fields={"status": "completed", "note": "Færdig."},
        expected_version=answer.version,
        submit=True,
        user=contact,
    )
    report = selectors.report(round=later, compare_with=first)
    assert report["compared_with"] == first
    assert [f["code"] for f in report["changes"]["finished"]] == ["AU-D02"]
    assert report["changes"]["finished"][0]["from_status"] == "I gang"


def test_contact_text_with_a_job_title_names_the_user():
    lars, anna, maria = (
        User(username="lk", first_name="Lars", last_name="Kjær"),
        User(username="amh", first_name="Anna Maria", last_name="Holm"),
        User(username="mh", first_name="Maria", last_name="Holm"),
    )
    exact = {"lk": lars, "lars kjær": lars, "amh": anna, "anna maria holm": anna, "mh": maria,
             "maria holm": maria}  # fmt: skip
    full = {"lars kjær": lars, "anna maria holm": anna, "maria holm": maria}

    def who(text):
        return services.contact_user(text, exact=exact, full_names=full)

    assert who("Lars Kjær") is lars
    assert who("  lars   KJÆR ") is lars  # casefolded, whitespace normalised
    assert who("Erhvervschef Lars Kjær") is lars
    assert who("Erhvervschef,  Lars\tKjær") is lars
    assert who("LK") is lars  # the username
    assert who("Chef Anna Maria Holm") is anna  # the longest ending first
    assert who("Afdelingsleder Maria Holm") is maria
    assert who("Anne-Lars Kjær") is None  # not on a word boundary
    assert who("Lars Kjær, erhvervschef") is None  # must end with the name
    assert who("Kjær") is None
    assert who("") is None


def test_contact_rule_maps_a_contact_with_a_title(plan, au, contact):
    item = ItemFactory(plan=plan, committee=au, contact="Jobcenterchef Karen  Jensen", code="AU-X")
    assert services.respondent_map([item], "contact") == {item.pk: contact}
