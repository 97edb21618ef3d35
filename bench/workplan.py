"""The committee work plan page at the scale of a large kommune (Aarhus-sized: 25 bodies, 400
meetings a year, 1,500 plan items), for its busiest committee, against the target of 150 ms
median server time; and its query count beside a nearly empty committee's (constant).

The page is requested through Django's test client as a logged-in administrator (who sees
every closed case), so the time is the server's: routing, middleware, the selector's queries
and the template.

Wiring (bench/__main__.py)::

    from bench import workplan
    result = workplan.run(admin=admin, repeat=args.repeat)
    lines, targets = workplan.table(result), workplan.targets(result)
"""

from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from bench import data
from bench.measure import Timing, measure
from meetings.models import AgendaItem, Case, CaseRoute, Meeting, PlannedTopic
from organisation.models import Body
from plans.models import Item
from workplans.models import Placement

BODIES = 25
MEETINGS = 400
ITEMS = 1_500
TOPICS = 600
CASES = 800
YEAR = 2025
PAGE_MAX = 0.150


@dataclass
class WorkplanResult:
    page: Timing
    entries: int
    meetings: int
    quiet_queries: int
    kb: float


@transaction.atomic
def _build() -> tuple[Body, Body]:
    rng = random.Random(11)
    bodies = [
        Body.objects.create(
            name=f"Benchudvalg {n}", abbreviation=f"BU{n}", kind=Body.Kind.STANDING_COMMITTEE
        )
        for n in range(BODIES)
    ]
    busy, quiet = bodies[0], bodies[-1]
    meetings = []
    for n in range(MEETINGS - 2):
        # The busy committee meets twice a month; the quiet one has two meetings (below).
        body = busy if n % 16 == 0 else bodies[1 + n % (BODIES - 2)]
        day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        meetings.append(
            Meeting(
                body=body,
                date=day,
                start_time=datetime.time(9),
                state=Meeting.State.AGENDA_PUBLISHED,
            )
        )
    quiet_meetings = [
        Meeting(
            body=quiet,
            date=datetime.date(YEAR, m, 3),
            start_time=datetime.time(9),
            state=Meeting.State.AGENDA_PUBLISHED,
        )
        for m in (3, 9)
    ]
    meetings = Meeting.objects.bulk_create(meetings, batch_size=500)
    Meeting.objects.bulk_create(quiet_meetings)
    plan = data.plan_create("Bench arbejdsplan")
    items = data.items_add(plan, ITEMS, committees=bodies[:-1], prefix="W", seed=7)
    Item.objects.filter(pk__in=[i.pk for i in items[::2]]).update(
        needs_political_treatment=True, timing_year=YEAR
    )
    cases = Case.objects.bulk_create(
        Case(number=f"25/{90000 + n}", title=f"Benchsag {n}", closed=n % 5 == 0)
        for n in range(CASES)
    )
    CaseRoute.objects.bulk_create(
        CaseRoute(case=case, body=body, position=p)
        for case in cases
        for p, body in enumerate(rng.sample(bodies[:-1], 2))
    )
    Case.items.through.objects.bulk_create(
        Case.items.through(case_id=case.pk, item_id=rng.choice(items).pk) for case in cases
    )
    by_body: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_body.setdefault(meeting.body_id, []).append(meeting)
    agenda = []
    for n, case in enumerate(cases):
        meeting = rng.choice(meetings)
        agenda.append(
            AgendaItem(
                meeting=meeting,
                case=case,
                number=1000 + n,
                title=case.title,
                decision="Godkendt." if n % 2 else "",
            )
        )
    # The quiet committee: one item, one case on its meeting with a decision, one topic.
    quiet_item = data.items_add(plan, 1, committees=[quiet], prefix="Q", seed=1)[0]
    Item.objects.filter(pk=quiet_item.pk).update(needs_political_treatment=True, timing_year=YEAR)
    quiet_case = Case.objects.create(number="25/99999", title="Stille sag")
    CaseRoute.objects.create(case=quiet_case, body=quiet, position=0)
    quiet_case.items.add(quiet_item)
    agenda.append(
        AgendaItem(
            meeting=quiet_meetings[0],
            case=quiet_case,
            number=1,
            title=quiet_case.title,
            decision="Godkendt.",
        )
    )
    AgendaItem.objects.bulk_create(agenda, batch_size=500)
    PlannedTopic.objects.bulk_create(
        PlannedTopic(
            body=bodies[n % (BODIES - 1)] if n else quiet,
            title=f"Emne {n}",
            planned_for=rng.choice(meetings).date if n % 3 else None,
        )
        for n in range(TOPICS)
    )
    placements = []
    for item in items[::6]:
        if item.committee_id in by_body:
            meeting = rng.choice(by_body[item.committee_id])
            placements.append(
                Placement(
                    body_id=item.committee_id,
                    year=YEAR,
                    item=item,
                    meeting=meeting,
                    done=rng.random() < 0.3,
                )
            )
    Placement.objects.bulk_create(placements)
    return busy, quiet


def run(*, admin: User, repeat: int) -> WorkplanResult:
    busy, quiet = _build()
    client = Client()
    client.force_login(admin)
    url = reverse("workplans:workplan", args=[busy.pk, YEAR])
    quiet_timing = measure(  # one run: its query count
        functools.partial(_get, client, reverse("workplans:workplan", args=[quiet.pk, YEAR])),
        repeat=1,
    )
    page = measure(functools.partial(_get, client, url), repeat=repeat)
    from workplans.selectors import workplan_for

    plan = workplan_for(body=busy, year=YEAR, user=admin)
    return WorkplanResult(
        page=page,
        entries=len(plan.entries()),
        meetings=len(plan.meetings),
        quiet_queries=quiet_timing.queries,
        kb=len(page.result) / 1024,
    )


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
    return response.content


def table(result: WorkplanResult) -> list[str]:
    from bench.report import _s, _table

    header = ["Page", "entries", "meetings", "median s", "min s", "queries", "quiet queries", "KB"]
    rows = [
        [
            "Work plan",
            str(result.entries),
            str(result.meetings),
            _s(result.page.median),
            _s(result.page.min),
            str(result.page.queries),
            str(result.quiet_queries),
            f"{result.kb:,.0f}",
        ]
    ]
    notes = [
        f"The busiest of {BODIES} committees with {MEETINGS} meetings, {ITEMS:,} plan items, "
        f"{CASES} cases and {TOPICS} topics in all;",
        f"median and min of {len(result.page.times)} runs after a warm-up, as the administrator.",
        "'quiet queries': the same page for a committee with 2 meetings, 1 item, 1 case, 1 topic.",
    ]
    return _table("Committee work plan (Aarhus scale)", header, rows, notes)


def targets(result: WorkplanResult) -> list:
    from bench.report import Target

    median = result.page.median
    return [
        Target(
            f"Work plan page at Aarhus scale <= {PAGE_MAX * 1000:.0f} ms",
            f"{median * 1000:.0f} ms",
            median <= PAGE_MAX,
        ),
        Target(
            "Work plan queries constant",
            f"{result.page.queries} vs {result.quiet_queries}",
            result.page.queries == result.quiet_queries,
        ),
    ]
