"""Direktionen's annual cycle in the demo, as the seeds describe it.

The budget is adopted in October (seed 002); the implementation plan goes to ØK and KB in
December and the extracts to the standing committees in January (seeds 000, 003); the
strategic plan is on the board's agenda twice a year (seed 002); the board treats the draft
plan in November and its own annual cycle in December (seed 004); status rounds and the
committees' work plans come twice and once a year. The events are made before the meetings
(demo/meetings.py), so each meeting is placed on as it is created, and Direktionen's meetings
built from the template get the strategic review as their own item.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from cycle import services
from cycle.models import Event
from meetings import services as meeting_services
from meetings.models import PlannedTopicKind
from organisation.models import Body
from plans.models import Plan

COMMITTEES = ["AU", "BUU", "MTU", "VPU", "KFU", "EU"]
START = datetime.date(2025, 1, 1)

# (title, kind, bodies, whole organisation, responsible, first date, rule, on a meeting,
#  own item, topic title, topic text)
EVENTS = [
    ("Budgettet vedtages i Kommunalbestyrelsen", Event.Kind.BUDGET, ["KB"], False,
     "Økonomichefen", datetime.date(2025, 10, 7), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=7", True,
     False, "Budget, 2. behandling",
     "Kommunalbestyrelsen vedtager budgettet for det kommende år og overslagsårene."),
    ("Udmøntningsplanen til Økonomiudvalget og Kommunalbestyrelsen", Event.Kind.BUDGET,
     ["ØK", "KB"], False, "Kommunaldirektøren", datetime.date(2025, 12, 1),
     "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1", True, False, "Udmøntningsplan for budgettet",
     "Den samlede udmøntningsplan med den strategiske og den faste del forelægges."),
    ("Udsnit af udmøntningsplanen til fagudvalgene", Event.Kind.BUDGET, COMMITTEES, False,
     "Fagdirektørerne", datetime.date(2025, 1, 5), "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", True,
     False, "Udmøntningsplan: udvalgets udsnit",
     "Udvalget orienteres om sin del af udmøntningsplanen og de tværgående indsatser."),
    ("Strategisk opfølgning på udmøntningsplanen", Event.Kind.STRATEGIC_REVIEW, ["DIR"], False,
     "Kommunaldirektøren", datetime.date(2025, 5, 1), "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1",
     True, True, "Status på den strategiske udmøntningsplan",
     "Den strategiske udmøntningsplan er på direktionens dagsorden to gange årligt. "
     "Direktionen drøfter status på de strategiske temaer og kursen for året."),
    ("Oplæg til udmøntningsplan i Direktionen", Event.Kind.BUDGET, ["DIR"], False,
     "Økonomichefen", datetime.date(2025, 11, 15), "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15", True,
     False, "Behandling af oplæg til udmøntningsplan",
     "Fagdirektørerne gennemgår udmøntningsplanen for eget område med afsæt i særlige "
     "opmærksomhedspunkter og strategiske hensyn."),
    ("Direktionens årshjul", Event.Kind.OWN, ["DIR"], False, "Direktionssekretariatet",
     datetime.date(2025, 12, 1), "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1", True, False,
     "Direktionens årsplan og årshjul", "Direktionens årsplan for det kommende år gennemgås."),
    ("Statusrunde på udmøntningsplanen", Event.Kind.STATUS_ROUND, ["DIR"], True,
     "Økonomiafdelingen", datetime.date(2025, 3, 1), "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1", True,
     False, "Statusrunde: status på indsatserne",
     "Indsatsernes ansvarlige melder status; direktionen ser samlet på fremdriften."),
    ("Udvalgenes arbejdsplaner præsenteres", Event.Kind.WORK_PLAN, COMMITTEES, False,
     "Udvalgssekretærerne", datetime.date(2025, 2, 1), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=1", True,
     False, "Udvalgets arbejdsplan",
     "Udvalgets arbejdsplan for året: indsatser til politisk behandling og planlagte emner."),
    ("Chefforum", Event.Kind.OWN, [], True, "HR-chefen", datetime.date(2025, 12, 15),
     "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15", False, False, "", ""),
    ("Budgetseminar for Kommunalbestyrelsen", Event.Kind.BUDGET, ["KB"], False,
     "Økonomichefen", datetime.date(2025, 8, 20), "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=20", False,
     False, "", ""),
]  # fmt: skip


def demo_cycle(*, user: User) -> int:
    """Create the annual cycle when it is not there; returns how many events were made."""
    if Event.objects.exists():
        return 0
    bodies = {b.abbreviation: b for b in Body.objects.all()}
    plan = Plan.objects.order_by("-first_year").first()
    theme = plan.themes.order_by("position").first() if plan else None
    for (title, kind, abbreviations, whole, responsible, start, rule, on_meeting, own_item,
         topic_title, topic_text) in EVENTS:  # fmt: skip
        review = kind == Event.Kind.STRATEGIC_REVIEW
        fields = {
            "title": title,
            "kind": kind,
            "whole_organisation": whole,
            "responsible": responsible,
            "start": start,
            "rule": rule,
            "on_meeting": on_meeting,
            "own_item": own_item,
            "topic_title": topic_title,
            "topic_text": topic_text,
            "window_days": 31,
            "plan": plan if review else None,
            "theme": theme if review else None,
        }
        services.event_create(fields=fields, bodies=[bodies[a] for a in abbreviations], user=user)
    if theme is not None:
        meeting_services.planned_topic_add(
            body=bodies["DIR"],
            title="Ny sundhedspolitik: oplæg med strategisk ophæng",
            description="5 minutters oplæg ved Velfærdsdirektøren, før fagudvalgene behandler den.",
            planned_for=None,
            kind=PlannedTopicKind.BRIEFING,
            theme=theme,
            user=user,
        )
    return len(EVENTS)
