"""The demo plan's råderumskatalog, the committees' efficiency contribution and what the
items realised in 2025 (loaded by demo/loader.py; deterministic, and a second run adds
nothing)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User

from organisation.models import Body
from plans import services
from plans.models import AMOUNT_FIELDS, Item, Plan, Proposal
from plans.selectors import compliance

# Proposals the council did not choose, per committee: (title, amount per year, consequences).
REJECTED = [
    ("AU", "Lukning af jobcaféen i Auning", -350,
     "Ledige i den vestlige del af kommunen får længere til et fysisk tilbud."),
    ("AU", "Reduktion af mentorordningen", -500, "Færre unge får en fast mentor."),
    ("BUU", "Større børnegrupper i dagplejen", -1200,
     "Fem børn pr. dagplejer i stedet for fire; færre dagplejere."),
    ("BUU", "Lukning af ungdomsklubben i Glesborg", -400,
     "De unge henvises til klubben i Grenaa."),
    ("MTU", "Nedlæggelse af busrute 353", -650, "Ruten betjener få passagerer uden for skoletid."),
    ("MTU", "Lavere serviceniveau for vintervedligeholdelse", -300,
     "Mindre veje saltes først efter hovedvejene."),
    ("VPU", "Færre aktivitetsmedarbejdere på plejecentrene", -800,
     "Færre fælles aktiviteter for beboerne."),
    ("KFU", "Lukning af biblioteksfilialen i Ørsted", -450,
     "Borgerne henvises til hovedbiblioteket og bogbussen."),
    ("KFU", "Halvering af tilskud til lokale kulturhuse", -250,
     "Kulturhusene må hæve deres egenbetaling."),
    ("EU", "Mindre tilskud til turistbureauet", -200, "Kortere åbningstid i sommersæsonen."),
    ("ØK", "Lukket borgerservice om fredagen", -300, "Længere ventetid de øvrige dage."),
]  # fmt: skip
CONSEQUENCE = "Forslaget indgår i budgetaftalen; udmøntningen følges i planen."
# Each committee's target: its items' amounts times a factor, so some meet it and some do not.
TARGET_FACTORS = {"ØK": "0.9", "AU": "1.0", "BUU": "1.15", "MTU": "0.95", "VPU": "1.1",
                  "KFU": "1.2", "EU": "1.0"}  # fmt: skip


def demo_budget(*, plan_name: str, user: User) -> dict[str, int]:
    """Load the catalogue, targets and realised amounts of the plan, once."""
    plan = Plan.objects.filter(name=plan_name).first()
    if plan is None or plan.proposals.exists():
        return {}
    proposals = _catalogue(plan, user)
    _targets(plan, user)
    _realised(plan, user)
    return {"proposals_created": proposals}


def _catalogue(plan: Plan, user: User) -> int:
    count = 0
    chosen = Item.objects.filter(plan=plan, kind=Item.Kind.REALLOCATION).order_by(
        "committee__position", "code"
    )
    for n, item in enumerate(chosen, start=1):
        partly = n % 4 == 0
        amounts = {
            name: (value * Decimal("1.5")).quantize(Decimal(1)) if partly and value else value
            for name in AMOUNT_FIELDS
            for value in [getattr(item, name)]
        }
        proposal = services.proposal_create(
            plan=plan,
            fields={"number": f"R-{n:02d}", "title": item.title, "committee": item.committee,
                    "description": item.description, "consequences": CONSEQUENCE, **amounts},
            user=user, reason="Indlæst fra råderumskataloget",
        )  # fmt: skip
        services.proposal_link_item(proposal=proposal, item=item, partly=partly, user=user)
        count += 1
    bodies = {b.abbreviation: b for b in Body.objects.all()}
    for m, (committee, title, amount, consequences) in enumerate(REJECTED, start=count + 1):
        services.proposal_create(
            plan=plan,
            fields={"number": f"R-{m:02d}", "title": title, "committee": bodies[committee],
                    "state": Proposal.State.REJECTED, "consequences": consequences,
                    **{name: Decimal(amount) for name in AMOUNT_FIELDS}},
            user=user, reason="Indlæst fra råderumskataloget",
        )  # fmt: skip
        count += 1
    return count


def _targets(plan: Plan, user: User) -> None:
    for row in compliance(plan=plan):
        factor = TARGET_FACTORS.get(row.committee.abbreviation)
        if factor is None:
            continue
        for cell in row.cells:
            if cell.planned:
                target = (cell.planned * Decimal(factor) / 50).quantize(
                    Decimal(1), rounding=ROUND_HALF_UP
                ) * 50
                services.efficiency_target_set(
                    plan=plan, committee=row.committee, year=cell.year, amount=target, user=user
                )


def _realised(plan: Plan, user: User) -> None:
    """2025's realised amounts: all of a finished item's, 60 % of one in progress."""
    items = Item.objects.filter(
        plan=plan,
        kind__in=[Item.Kind.OPERATING_CHANGE, Item.Kind.REALLOCATION],
        status__in=[Item.Status.COMPLETED, Item.Status.IN_PROGRESS],
        amount_1__isnull=False,
    ).order_by("code")
    for item in items:
        assert item.amount_1 is not None
        share = Decimal(1) if item.status == Item.Status.COMPLETED else Decimal("0.6")
        services.item_set_realised(
            item=item, year=plan.first_year, amount=(item.amount_1 * share).quantize(Decimal(1)),
            user=user,
        )  # fmt: skip
