"""Benchmark data: the demo's reference data, and plans of many generated items, made fast.

Items are written with bulk_create (no history records, no per-item validation), which takes
seconds for 20,000 items where the services would take minutes. The values vary like a real
plan's: every committee and kind, statuses, amounts, timings, some cross-cutting items and
some strategic themes, SDGs and political bodies.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from demo import norddjurs
from demo.loader import demo_load
from organisation.models import Body, Director, Sdg
from plans.models import KIND_ORDER, Heading, Item, Plan, Theme

KINDS = list(Item.Kind.values)
STATUSES = list(Item.Status.values)
STATUS_WEIGHTS = [30, 42, 20, 5, 3]
TITLES = [title for groups in norddjurs.SUBJECTS.values() for titles in groups for title in titles]


def reference_data() -> User:
    """The demo municipality (bodies, directors, SDGs, users, a plan); returns the admin."""
    demo_load(meetings=False)
    return User.objects.get(username="admin")


def plan_create(name: str) -> Plan:
    """An adopted four-year plan with the demo's headings and strategic themes."""
    plan = Plan.objects.create(
        name=name,
        first_year=2025,
        last_year=2028,
        state=Plan.State.ADOPTED,
        adopted_on=datetime.date(2024, 12, 11),
    )
    Heading.objects.bulk_create(
        Heading(plan=plan, name=name, position=i) for i, name in enumerate(norddjurs.HEADINGS_2025)
    )
    Theme.objects.bulk_create(
        Theme(plan=plan, name=name, description=description, position=i)
        for i, (name, description, _course) in enumerate(norddjurs.THEMES_2023)
    )
    return plan


@transaction.atomic
def items_add(
    plan: Plan,
    count: int,
    *,
    committees: list[Body] | None = None,
    cross_cutting_share: float = 0.03,
    prefix: str = "B",
    seed: int = 2025,
) -> list[Item]:
    """Add count generated items to the plan, spread over the committees (default: all)."""
    rng = random.Random(seed)
    committees = committees or list(Body.objects.committees())
    directors = list(Director.objects.all())
    headings = list(plan.headings.all())
    themes = list(plan.themes.all())
    sdgs = list(Sdg.objects.filter(number__in=norddjurs.CHOSEN_SDGS))
    council_and_finance = list(Body.objects.filter(abbreviation__in=["ØK", "KB"]))
    start = Item.objects.filter(plan=plan, code__startswith=prefix).count()

    items = [
        _item(
            rng,
            plan,
            f"{prefix}{n:05d}",
            rng.choice(committees),
            directors,
            headings,
            cross_cutting=rng.random() < cross_cutting_share,
        )  # fmt: skip
        for n in range(start + 1, start + count + 1)
    ]
    Item.objects.bulk_create(items, batch_size=500)

    theme_links, sdg_links, body_links = [], [], []
    for item in items:
        for theme in rng.sample(themes, rng.choice([0, 1, 1, 2])):
            theme_links.append(Item.themes.through(item_id=item.pk, theme_id=theme.pk))
        for sdg in rng.sample(sdgs, rng.choice([0, 1, 2])):
            sdg_links.append(Item.sdgs.through(item_id=item.pk, sdg_id=sdg.pk))
        if item.needs_political_treatment:
            bodies = {item.committee_id, *(b.pk for b in council_and_finance)}
            body_links += [
                Item.political_bodies.through(item_id=item.pk, body_id=pk) for pk in bodies
            ]
    for links in (theme_links, sdg_links, body_links):
        if links:
            type(links[0]).objects.bulk_create(links, batch_size=1000)  # type: ignore[arg-type]
    return items


def _item(rng, plan, code, committee, directors, headings, *, cross_cutting) -> Item:
    kind = rng.choice(KINDS)
    item = Item(
        plan=plan,
        code=code,
        title=f"{rng.choice(TITLES)} ({code})",
        kind=kind,
        kind_order=KIND_ORDER[kind],
        heading=rng.choice(headings) if kind == Item.Kind.DECLARATION else None,
        committee=committee,
        cross_cutting=cross_cutting,
        director=rng.choice(directors),
        contact="Økonomichef Bettina Andersen",
        description="Det fremgår af budgetaftalen 2025-2028, at indsatsen gennemføres i "
        "budgetperioden. Parterne er enige om at prioritere området.",
        process=rng.choice(norddjurs.PROCESS_TEXTS),
        cross_cutting_aspects=rng.choice(norddjurs.ASPECTS_TEXTS),
        board_role=rng.choice(norddjurs.BOARD_ROLES),
        coordination=rng.choice(["Fællesforvaltningen koordinerer.", "Økonomi koordinerer.", ""]),
        followed_by_board=cross_cutting or rng.random() < 0.2,
        needs_political_treatment=kind == Item.Kind.CAPITAL_PROJECT or rng.random() < 0.35,
        med_involvement=rng.choice(["", "Hovedudvalget orienteres."]),
        timing_year=rng.choice([2025, 2025, 2025, 2026]),
        status=rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0],
    )
    if rng.random() < 0.75:
        item.timing_quarter = rng.randint(1, 4)
    else:
        item.timing_month = rng.randint(1, 12)
    if kind in (Item.Kind.OPERATING_CHANGE, Item.Kind.REALLOCATION):
        base = Decimal(-rng.choice([100, 150, 250, 500, 750, 1000, 2000]))
        item.amount_1 = base / 2 if rng.random() < 0.3 else base
        item.amount_2 = item.amount_3 = item.amount_4 = base
    elif kind == Item.Kind.CAPITAL_PROJECT:
        total = rng.choice([1500, 2500, 4000, 6000, 12500, 20000])
        item.amount_1 = Decimal(total * 6 // 10)
        item.amount_2 = Decimal(total - total * 6 // 10)
        derived = Decimal(rng.choice([0, 50, 100, 250]))
        if derived:
            item.derived_2 = derived / 2
            item.derived_3 = item.derived_4 = derived
    return item
