"""Where an item came from and where it went: carry-over between budget periods and the
råderumsforslag it was made from, for the item page and the item's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Min, Q

from plans.models import Item, Proposal
from plans.timeline import Entry


@dataclass(frozen=True)
class Lineage:
    carried_from: Item | None
    carried_to: Item | None
    proposals: list[Proposal]


def item_lineage(*, item: Item) -> Lineage:
    """The item's predecessor and successor (with their plans) and its proposals, in three
    queries whatever the item holds."""
    carried_from = (
        Item.objects.select_related("plan").filter(pk=item.carried_from_id).first()
        if item.carried_from_id
        else None
    )
    carried_to = Item.objects.select_related("plan").filter(carried_from=item).first()
    # A carried item keeps the proposal its predecessor was made from.
    made_from = (
        Q(item=item) | Q(item_id=item.carried_from_id) if item.carried_from_id else Q(item=item)
    )
    proposals = list(Proposal.objects.filter(made_from).order_by("number"))
    return Lineage(carried_from=carried_from, carried_to=carried_to, proposals=proposals)


def timeline_entries(*, item: Item, user: Any) -> list[Entry]:
    """The timeline's entries for carry-over ("Videreført til 2026-2029 som AU-D04") and
    for the proposal an item was made from; nothing here is closed meeting content."""
    lineage = item_lineage(item=item)
    created = dict(
        Item.history.filter(
            id__in=[i.pk for i in (item, lineage.carried_to) if i is not None],
            history_type="+",
        )
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    found = []
    if lineage.carried_from is not None and item.pk in created:
        old = lineage.carried_from
        found.append(
            Entry(
                when=created[item.pk],
                kind="Videreført",
                title=f"Videreført fra {old.plan.period} ({old.plan.name}), hvor den var "
                f"{old.code}",
                url=old.get_absolute_url(),
            )
        )
    if lineage.carried_to is not None and lineage.carried_to.pk in created:
        new = lineage.carried_to
        found.append(
            Entry(
                when=created[new.pk],
                kind="Videreført",
                title=f"Videreført til {new.plan.period} som {new.code}",
                url=new.get_absolute_url(),
            )
        )
    for proposal in lineage.proposals:
        found.append(
            Entry(
                when=proposal.updated_at,
                kind="Råderumsforslag",
                title=f"Oprettet fra råderumsforslag {proposal.number} ({proposal.state_label})",
                url=proposal.get_absolute_url(),
            )
        )
    return found
