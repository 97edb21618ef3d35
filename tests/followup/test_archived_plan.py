"""A status round and the archiving of its plan: the carry-over refuses to archive a plan
with an open round, and a round whose plan was archived anyway refuses answers, reviews and
closing with a Danish message (not a 500, not silently saved)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup import services
from followup.models import Answer
from plans.models import Plan
from tests.followup.conftest import client_for

pytestmark = pytest.mark.django_db

BLOCKED = "Luk statusrunden »Status december 2026« før planen arkiveres."


def _answer(round, code):
    return Answer.objects.get(round=round, item__code=code)


def _carry_post(plan, **extra):
    item = plan.items.get(code="AU-D01")
    return {"name": "Udmøntningsplan 2026-2029", "first_year": "2026", "last_year": "2029",
            "carry": [str(item.pk)], f"amounts-{item.pk}": "overlap"} | extra  # fmt: skip


def test_carry_over_shows_the_open_round_and_refuses_to_archive(admin_client_, plan, open_round):
    url = reverse("plans:carry_over", args=[plan.pk])
    assert BLOCKED in admin_client_.get(url).content.decode()
    refused = admin_client_.post(url, _carry_post(plan, commit="1", archive_source="on"))
    assert refused.status_code == 400 and BLOCKED in refused.content.decode()
    assert Plan.objects.count() == 1
    plan.refresh_from_db()
    assert not plan.is_archived
    archive = admin_client_.post(reverse("plans:archive", args=[plan.pk]), follow=True)
    assert BLOCKED in archive.content.decode()
    plan.refresh_from_db()
    assert not plan.is_archived


def test_once_the_round_is_closed_the_plan_can_be_archived(
    admin_client_, plan, open_round, administrator
):
    services.round_close(round=open_round, expected_version=1, user=administrator)
    url = reverse("plans:carry_over", args=[plan.pk])
    assert BLOCKED not in admin_client_.get(url).content.decode()
    done = admin_client_.post(url, _carry_post(plan, commit="1", archive_source="on"))
    assert done.status_code == 302
    plan.refresh_from_db()
    assert plan.is_archived


def test_a_round_on_an_archived_plan_refuses_answers_reviews_and_closing(
    admin_client_, plan, open_round, contact, area_director, administrator
):
    answer = _answer(open_round, "AU-D01")
    services.answer_save(answer=answer, fields={}, expected_version=1, submit=True, user=contact)
    # Archived before this change guarded it (or by a direct update): the round is still open.
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.ARCHIVED)
    draft = _answer(open_round, "AU-D02")
    with pytest.raises(ValidationError, match="er arkiveret"):
        services.answer_save(answer=draft, fields={"note": "X"}, expected_version=1, user=contact)
    with pytest.raises(ValidationError, match="er arkiveret"):
        services.answer_review(
            answer=_answer(open_round, "AU-D01"),
            approve=True,
            expected_version=2,
            user=area_director,
        )
    with pytest.raises(ValidationError, match="er arkiveret"):
        services.round_close(round=open_round, expected_version=1, user=administrator)

    page = client_for(contact).post(
        reverse("followup:answer", args=[draft.pk]),
        {"status": "in_progress", "note": "Gemt?", "version": 1, "action": "draft"},
        follow=True,
    )
    assert page.status_code == 200 and "er arkiveret" in page.content.decode()
    review = client_for(area_director).post(
        reverse("followup:review", args=[answer.pk]), {"version": 2, "action": "approve"}
    )
    assert review.status_code == 200 and "er arkiveret" in review.content.decode()
    close = admin_client_.post(
        reverse("followup:round_close", args=[open_round.pk]),
        {"version": 1, "confirm": "on"},
        follow=True,
    )
    assert close.status_code == 200 and "er arkiveret" in close.content.decode()
    assert _answer(open_round, "AU-D02").note == ""
    assert _answer(open_round, "AU-D01").state == "submitted"
    open_round.refresh_from_db()
    assert open_round.is_open
