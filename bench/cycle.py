"""The wheel page (/aarshjul/) at the scale of a large kommune (Aarhus): 25 bodies, 400
meetings a year, 1,500 plan items and a dozen recurring events per body (yearly, twice a
year, monthly, weekly), a share of them placed on the meetings. Median server time of the page
through Django's test client (the whole request: middleware, view, SVG, template), and its
query count, which must not grow with the data. The drawing is cached until an event or a body
changes, so this is the page as most requests get it; the first one after a change draws it.

    python -m bench --only cycle
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.test import Client

from bench.measure import Timing, measure

BODIES = 25
MEETINGS_PER_YEAR = 400
ITEMS = 1_500
EVENTS_PER_BODY = 12
TARGET_MS = 150.0
RULES = [
    "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=7",
    "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1",
    "FREQ=MONTHLY;BYMONTHDAY=3",
    "FREQ=WEEKLY",
    "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
    "",
]


def _data(year: int) -> None:
    from cycle import services
    from cycle.models import Event
    from meetings.models import Meeting
    from organisation.models import Body
    from plans.models import Item, Plan

    bodies = [
        Body.objects.get_or_create(
            abbreviation=f"A{n:02d}", defaults={"name": f"Aarhus-udvalg {n}", "position": 50 + n}
        )[0]
        for n in range(BODIES)
    ]
    per_body = MEETINGS_PER_YEAR // BODIES
    Meeting.objects.bulk_create(
        Meeting(body=body, date=datetime.date(year, 1, 6) + datetime.timedelta(days=22 * k + n),
                start_time=datetime.time(9))
        for n, body in enumerate(bodies) for k in range(per_body)
    )  # fmt: skip
    plan = Plan.objects.order_by("pk").first()
    if plan is not None and Item.objects.count() < ITEMS:
        Item.objects.bulk_create(
            Item(plan=plan, code=f"AAR-{n:04d}", title=f"Indsats {n}", kind="operating_change",
                 committee=bodies[n % BODIES])
            for n in range(ITEMS - Item.objects.count())
        )  # fmt: skip
    for body in bodies:
        for k in range(EVENTS_PER_BODY):
            event = Event.objects.create(
                title=f"Begivenhed {k} i {body.abbreviation}", kind=Event.Kind.values[k % 5],
                start=datetime.date(year - 1, 1, 1 + k), rule=RULES[k % len(RULES)],
                on_meeting=k % 4 == 0, topic_title="Fra årshjulet",
            )  # fmt: skip
            event.bodies.add(body)
    services.cycle_place(first=datetime.date(year, 1, 1), last=datetime.date(year, 12, 31))


def run(*, admin: User, repeat: int = 15) -> Timing:
    year = datetime.date.today().year
    _data(year)
    client = Client()
    client.force_login(admin)
    url = f"/aarshjul/?aar={year}"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return measure(lambda: client.get(url), repeat=repeat)


def table(result: Timing) -> list[str]:
    from bench.report import _table

    rows = [[f"{BODIES} bodies, {MEETINGS_PER_YEAR} meetings/year, "
             f"{BODIES * EVENTS_PER_BODY} events", f"{result.median * 1000:,.1f}",
             f"{result.min * 1000:,.1f}", str(result.queries)]]  # fmt: skip
    notes = [
        "Server time through the test client, SQLite. The wheel and its list are cached",
        "until an event or a body changes; the first request after a change draws them",
        "(about 1-2 s at this scale on a loaded 2-core machine).",
    ]
    header = ["Data", "median ms", "min ms", "queries"]
    return _table("The annual cycle's wheel (/aarshjul/)", header, rows, notes)


def targets(result: Timing) -> list:
    from bench.report import Target

    return [Target(f"Wheel page median <= {TARGET_MS:.0f} ms", f"{result.median * 1000:.1f} ms",
                   result.median * 1000 <= TARGET_MS)]  # fmt: skip
