"""The demo's status rounds: "Status juni 2026", closed with its report, and an open round
whose deadline lies three weeks ahead, answered in part, so "Mit overblik" has work to show.

The editor (redaktor) answers for AU's items (the rule "the committee's editor") and reviews
them as the director of their area; the other committees' items show as not mapped.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from danish.formatting import MONTHS
from followup import services
from followup.models import Answer, RespondentRule, Round
from plans.models import Item, Plan

JUNE = datetime.date(2026, 6, 19)
NOTES = [
    "Arbejdet følger tidsplanen; første del er gennemført.",
    "Afventer afklaring med KL; tidspunktet er rykket.",
    "Implementeret i driften fra 1. maj.",
    "Oplæg drøftet i Direktionen; forelægges udvalget efter sommerferien.",
]


def demo_followup(*, plan_name: str, admin: User, editor: User) -> dict[str, int]:
    plan = Plan.objects.filter(name=plan_name).first()
    if plan is None or Round.objects.filter(plan=plan).exists():
        return {"rounds_created": 0}
    june = services.round_open(
        plan=plan,
        name="Status juni 2026",
        deadline=JUNE,
        rule=RespondentRule.EDITOR,
        user=admin,
        today=JUNE - datetime.timedelta(days=30),
    )
    _answer_some(june, editor, every=1, approve=True)
    services.round_close(round=june, expected_version=june.version, user=admin)
    deadline = timezone.localdate() + datetime.timedelta(days=21)
    name = f"Status {MONTHS[deadline.month - 1]} {deadline.year}"
    later = services.round_open(
        plan=plan, name=name, deadline=deadline, rule=RespondentRule.EDITOR, user=admin
    )
    _answer_some(later, editor, every=2, approve=False)
    return {"rounds_created": 2}


def _answer_some(round: Round, editor: User, *, every: int, approve: bool) -> None:
    """The editor answers every `every`-th of their items; the first moves one step on."""
    answers = list(round.answers.filter(respondent=editor).select_related("item"))
    for index, answer in enumerate(answers[::every]):
        status = answer.status
        timing = {}
        if index % 4 == 0 and status == Item.Status.NOT_STARTED:
            status = Item.Status.IN_PROGRESS
        elif index % 4 == 1 and answer.item.timing_year:
            timing = {
                "timing_year": answer.item.timing_year + 1,
                "timing_quarter": 2,
                "timing_month": None,
            }
        elif index % 4 == 2 and status == Item.Status.IN_PROGRESS:
            status = Item.Status.COMPLETED
        saved = services.answer_save(
            answer=answer,
            fields={"status": status, "note": NOTES[index % len(NOTES)], **timing},
            expected_version=answer.version,
            submit=True,
            user=editor,
        )
        if approve:
            services.answer_review(
                answer=saved, approve=True, expected_version=saved.version, user=editor
            )
    if not approve and answers:
        first = Answer.objects.get(pk=answers[0].pk)
        if first.state == Answer.State.SUBMITTED:
            services.answer_review(
                answer=first,
                approve=False,
                comment="Uddyb gerne noten.",
                expected_version=first.version,
                user=editor,
            )
