"""Loads the demo municipality: deterministic (fixed seed) and idempotent (safe to run twice)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from demo import norddjurs as data
from demo.budget import demo_budget
from demo.cycle import demo_cycle
from demo.followup import demo_followup
from demo.meetings import demo_meetings
from demo.notify import demo_notify
from demo.strategy import demo_strategy
from demo.workplan import demo_workplans
from organisation.models import Body, Director, Municipality, Profile, Sdg
from plans import services
from plans.models import Heading, Item, Plan, Theme

PLAN_NAME = "Udmøntningsplan 2025-2028"

# Which committee owns the declarations under each heading of the agreement.
HEADING_OWNERS = {
    "Økonomisk Politik": ["ØK"],
    "Politiske visioner": ["ØK", "KFU", "VPU", "BUU", "AU"],
    "Sociale investeringer, Fremtidens velfærd, Skoler og dagtilbud": ["BUU", "VPU"],
    "Norddjurs i bevægelse": ["KFU", "VPU", "BUU"],
    "Partnerskaber": ["ØK", "EU"],
    "Vækst, erhverv og beskæftigelse": ["EU", "AU"],
    "Klima, miljø, natur og den grønne omstilling": ["MTU"],
}
DIRECTOR_OF = {
    "ØK": "Kommunaldirektør", "AU": "Fællesforvaltningsdirektør", "BUU": "Velfærdsdirektør",
    "MTU": "Fællesforvaltningsdirektør", "VPU": "Velfærdsdirektør", "KFU": "Velfærdsdirektør",
    "EU": "Kommunaldirektør",
}  # fmt: skip
CONTACTS = [
    "Økonomichef Bettina Andersen",
    "Jobcenterchef Mette Holm",
    "Skolechef Peter Lund",
    "Teknisk chef Søren Vestergaard",
    "Sundheds- og omsorgschef Anne-Marie Bentzen",
    "Kultur- og fritidschef Hanne Bech",
    "Erhvervschef Lars Kjær",
    "HR-chef Trine Dahl",
]


def demo_load(*, stdout=None, meetings: bool = True) -> dict[str, int]:
    """Load the demo; returns how many items and meetings were created (0 when already there).

    meetings=False leaves out the members, meetings and cases (demo/meetings.py), which take
    a few seconds to write through the services.
    """
    with transaction.atomic():
        _reference_data()
        users = _users()
        created = 0
        if not Plan.objects.filter(name=PLAN_NAME).exists():
            created = _plan(users["redaktor"])
        demo_strategy(plan=Plan.objects.get(name=PLAN_NAME), user=users["admin"])
        result = {"items_created": created, "items_total": Item.objects.count()}
        result |= demo_budget(plan_name=PLAN_NAME, user=users["admin"])
        result["cycle_events"] = demo_cycle(user=users["admin"])
        result |= demo_notify(users=users)
        if meetings:
            result |= demo_meetings(user=users["admin"])
            result |= demo_workplans(user=users["admin"])
        result |= demo_followup(plan_name=PLAN_NAME, admin=users["admin"], editor=users["redaktor"])
    return result


def _reference_data() -> None:
    if not Municipality.objects.exists():
        Municipality.objects.create(name=data.MUNICIPALITY)
    for position, (name, abbreviation, kind) in enumerate(data.BODIES):
        Body.objects.get_or_create(
            abbreviation=abbreviation, defaults={"name": name, "kind": kind, "position": position}
        )
    for position, (title, area, name) in enumerate(data.DIRECTORS):
        Director.objects.get_or_create(
            title=title, defaults={"area": area, "name": name, "position": position}
        )
    for number, name in data.SDGS:
        Sdg.objects.get_or_create(number=number, defaults={"name": name})


def _users() -> dict[str, User]:
    users = {}
    for username, password, first, last, role, bodies, directors in data.USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=password, first_name=first, last_name=last,
                is_staff=role == Profile.Role.ADMINISTRATOR,
                is_superuser=role == Profile.Role.ADMINISTRATOR,
            )  # fmt: skip
            profile = Profile.objects.create(user=user, role=role)
            profile.bodies.set(Body.objects.filter(abbreviation__in=bodies))
            profile.directors.set(Director.objects.filter(title__in=directors))
        users[username] = user
    return users


def _plan(author: User) -> int:
    rng = random.Random(2025)
    plan = services.plan_create(
        name=PLAN_NAME, first_year=2025, last_year=2028, state=Plan.State.ADOPTED,
        adopted_on=datetime.date(2024, 12, 11),
    )  # fmt: skip
    headings = {
        name: Heading.objects.create(plan=plan, name=name, position=i)
        for i, name in enumerate(data.HEADINGS_2025)
    }
    themes = [
        Theme.objects.create(plan=plan, name=name, description=desc, position=i)
        for i, (name, desc, _course) in enumerate(data.THEMES_2023)
    ]
    bodies = {b.abbreviation: b for b in Body.objects.all()}
    directors = {d.title: d for d in Director.objects.all()}
    chosen_sdgs = list(Sdg.objects.filter(number__in=data.CHOSEN_SDGS))
    count = 0

    def add(code, title, kind, committee, *, heading=None, cross_cutting=False):
        nonlocal count
        fields = _item_fields(rng, kind, committee, cross_cutting)
        fields.update(
            code=code, title=title, kind=kind, committee=bodies[committee],
            heading=headings.get(heading), cross_cutting=cross_cutting,
            director=directors[DIRECTOR_OF[committee]],
        )  # fmt: skip
        political = []
        if fields["needs_political_treatment"]:
            political = [bodies[committee]] + (
                [bodies["ØK"], bodies["KB"]] if kind != Item.Kind.OPERATING_CHANGE else []
            )
        item = services.item_create(
            plan=plan,
            fields=fields,
            m2m={
                "themes": rng.sample(themes, rng.choice([0, 1, 1, 2])),
                "sdgs": rng.sample(chosen_sdgs, rng.choice([0, 1, 2])),
                "political_bodies": political,
            },
            user=author,
            reason="Indlæst fra budgetaftalen",
        )
        if item.status in (Item.Status.IN_PROGRESS, Item.Status.COMPLETED) and rng.random() < 0.5:
            services.status_note_add(
                item=item,
                text=rng.choice(
                    ["Arbejdsgruppen er nedsat, og første møde er afholdt.",
                     "Oplæg drøftet i Direktionen; sagen forelægges udvalget.",
                     "Indsatsen er implementeret i driften.",
                     "Tidsplanen er justeret efter dialog med MED-organisationen."]
                ),
                date=datetime.date(2025, rng.randint(1, 10), rng.randint(1, 28)),
                user=author,
            )  # fmt: skip
        count += 1

    kinds = (Item.Kind.OPERATING_CHANGE, Item.Kind.REALLOCATION, Item.Kind.CAPITAL_PROJECT)
    letters = {Item.Kind.OPERATING_CHANGE: "D", Item.Kind.REALLOCATION: "R",
               Item.Kind.CAPITAL_PROJECT: "A"}  # fmt: skip
    for committee, groups in data.SUBJECTS.items():
        for kind, titles in zip(kinds, groups, strict=True):
            for n, title in enumerate(titles, start=1):
                add(f"{committee}-{letters[kind]}{n:02d}", title, kind, committee)
    for n, title in enumerate(data.CROSS_CUTTING, start=1):
        add(f"TV-{n:02d}", title, Item.Kind.OPERATING_CHANGE, "ØK", cross_cutting=True)
    for h, (heading, titles) in enumerate(data.DECLARATIONS.items(), start=1):
        owners = HEADING_OWNERS[heading]
        for n, title in enumerate(titles, start=1):
            add(f"H{h}-{n:02d}", title, Item.Kind.DECLARATION, owners[(n - 1) % len(owners)],
                heading=heading)  # fmt: skip
    return count


def _item_fields(rng: random.Random, kind: str, committee: str, cross_cutting: bool) -> dict:
    status = rng.choices(
        [Item.Status.NOT_STARTED, Item.Status.IN_PROGRESS, Item.Status.COMPLETED,
         Item.Status.POSTPONED, Item.Status.DROPPED],
        weights=[30, 42, 20, 5, 3],
    )[0]  # fmt: skip
    fields = {
        "status": status,
        "contact": rng.choice(CONTACTS),
        "description": (
            "Det fremgår af budgetaftalen 2025-2028, at indsatsen gennemføres i budgetperioden. "
            + rng.choice(["Parterne er enige om at prioritere området.",
                          "Indsatsen skal bidrage til budget i balance.",
                          "Forligspartierne ønsker en status i løbet af 2025."])
        ),  # fmt: skip
        "process": rng.choice(data.PROCESS_TEXTS),
        "cross_cutting_aspects": rng.choice(data.ASPECTS_TEXTS),
        "board_role": rng.choice(data.BOARD_ROLES),
        "coordination": rng.choice(["Fællesforvaltningen koordinerer.", "Økonomi koordinerer.",
                                    "Velfærdsforvaltningen koordinerer.", "HR koordinerer.", ""]),
        "followed_by_board": cross_cutting or rng.random() < 0.2,
        "needs_political_treatment": kind == Item.Kind.CAPITAL_PROJECT or rng.random() < 0.35,
        "med_involvement": rng.choice(["", "", "Hovedudvalget orienteres.",
                                       "Inddragelse i det lokale MED-udvalg."]),
        "timing_year": 2025 if rng.random() < 0.8 else 2026,
    }  # fmt: skip
    if rng.random() < 0.75:
        fields["timing_quarter"] = rng.randint(1, 4)
    else:
        fields["timing_month"] = rng.randint(1, 12)
    if kind in (Item.Kind.OPERATING_CHANGE, Item.Kind.REALLOCATION) and not (
        cross_cutting and rng.random() < 0.5
    ):
        base = Decimal(-rng.choice([100, 150, 250, 300, 400, 500, 750, 1000, 1250, 2000]))
        for year in range(1, 5):
            fields[f"amount_{year}"] = base if year > 1 or rng.random() < 0.7 else base / 2
    elif kind == Item.Kind.CAPITAL_PROJECT:
        total = rng.choice([1500, 2500, 4000, 6000, 12500, 20000])
        fields["amount_1"] = Decimal(total * 6 // 10)
        fields["amount_2"] = Decimal(total - total * 6 // 10)
        derived = Decimal(rng.choice([0, 50, 100, 150, 250]))
        if derived:
            fields["derived_3"] = fields["derived_4"] = derived
            fields["derived_2"] = derived / 2
    return fields
