"""A status round on a large kommune's plan: 1,500 items and 200 people.

Opening the round (one answer per item, each mapped to its contact person through the profiles),
the round's progress page, the report (charts, changes and every answer) and one person's
"Mit overblik", through Django's test client as a logged-in user. The same is measured on a
round of 150 items: the query counts must be the same (no query per item).
"""

from __future__ import annotations

import datetime
import functools
import itertools
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import data
from bench.measure import Timing, measure
from organisation.models import Body, Director, Profile

TARGET = 1.0  # seconds (issue 12)
PEOPLE = 200
SIZES = (150, 1_500)


@dataclass
class FollowupResult:
    items: int
    opening: Timing
    progress: Timing
    report: Timing
    overview: Timing


def _people() -> list[User]:
    """200 editors, each of a committee and a director's area, named as items' contacts."""
    bodies = list(Body.objects.committees())
    directors = list(Director.objects.all())
    users = User.objects.bulk_create(
        User(
            username=f"bench{n:03d}",
            first_name="Bench",
            last_name=f"Person {n:03d}",
            email=f"bench{n:03d}@kommune.example",
        )
        for n in range(PEOPLE)
    )
    profiles = Profile.objects.bulk_create(
        Profile(user=user, role=Profile.Role.EDITOR) for user in users
    )
    Profile.bodies.through.objects.bulk_create(
        Profile.bodies.through(profile_id=p.pk, body_id=bodies[i % len(bodies)].pk)
        for i, p in enumerate(profiles)
    )
    Profile.directors.through.objects.bulk_create(
        Profile.directors.through(profile_id=p.pk, director_id=directors[i % len(directors)].pk)
        for i, p in enumerate(profiles)
    )
    return users


def run(*, admin: User, repeat: int) -> list[FollowupResult]:
    from followup import services
    from followup.models import Round

    users = _people()
    names = itertools.cycle(user.get_full_name() for user in users)
    results = []
    for size in SIZES:
        plan = data.plan_create(f"Bench opfølgning {size}")
        items = data.items_add(plan, size, prefix="F", seed=size)
        for item in items:
            item.contact = next(names)
            item.status = "in_progress"
        type(items[0]).objects.bulk_update(items, ["contact", "status"], batch_size=500)
        deadline = timezone.localdate() + datetime.timedelta(days=30)
        counter = itertools.count()

        def opening(plan=plan, deadline=deadline, counter=counter) -> object:
            return services.round_open(
                plan=plan, name=f"Runde {next(counter)}", deadline=deadline, user=admin
            )

        def clear(plan=plan) -> None:
            Round.objects.filter(plan=plan).delete()

        opened = measure(opening, repeat=max(3, repeat // 3), before_each=clear)
        round = Round.objects.get(plan=plan)
        # Half the answers submitted, so the progress and the report have something to count.
        for answer in round.answers.order_by("pk")[: size // 2]:
            services.answer_save(
                answer=answer,
                fields={"note": "Efter planen."},
                expected_version=answer.version,
                submit=True,
                user=answer.respondent or admin,
            )
        client = Client()
        client.force_login(admin)
        person = Client()
        asked = round.answers.exclude(respondent=None).select_related("respondent").first()
        assert asked is not None and asked.respondent is not None
        person.force_login(asked.respondent)
        get = functools.partial(_get, client)
        results.append(
            FollowupResult(
                items=size,
                opening=opened,
                progress=measure(
                    functools.partial(get, reverse("followup:round", args=[round.pk])),
                    repeat=repeat,
                ),
                report=measure(
                    functools.partial(get, reverse("followup:report", args=[round.pk])),
                    repeat=repeat,
                ),
                overview=measure(
                    functools.partial(_get, person, reverse("followup:overview")), repeat=repeat
                ),
            )
        )
    return results


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


def table(results: list[FollowupResult]) -> list[str]:
    from bench.report import _table

    header = ["Items", "open ms", "q", "progress ms", "q", "report ms", "q", "overblik ms", "q"]
    rows = [
        [
            f"{r.items:,}",
            *(
                part
                for t in (r.opening, r.progress, r.report, r.overview)
                for part in (f"{t.median * 1000:,.0f}", str(t.queries))
            ),
        ]
        for r in results
    ]
    notes = [
        f"A round on every item of a plan, {PEOPLE} people (editors) mapped by contact person; "
        "half the answers submitted. Medians; q = queries of one run.",
    ]
    return _table("Status round", header, rows, notes)


def targets(results: list[FollowupResult]) -> list:
    from bench.report import Target

    large = results[-1]
    found = [
        Target(
            f"Status round at {large.items:,} items: {name} <= {TARGET:.0f} s",
            f"{timing.median * 1000:,.0f} ms",
            timing.median <= TARGET,
        )
        for name, timing in (
            ("opening", large.opening),
            ("progress page", large.progress),
            ("report", large.report),
            ("Mit overblik", large.overview),
        )
    ]
    small = results[0]
    for name in ("progress", "report", "overview"):
        few, many = getattr(small, name).queries, getattr(large, name).queries
        found.append(
            Target(f"Status round {name}: queries constant", f"{few} / {many}", few == many)
        )
    return found
