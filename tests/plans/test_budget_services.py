"""The next budget period, the råderumskatalog, targets and realised amounts: the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from plans import services, timeline
from plans.models import Item, Plan, Proposal, RealisedAmount, StatusNote
from plans.services import CarryAmounts, CarryChoice
from tests.factories import ItemFactory, SdgFactory, StatusNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_items(plan, au, buu, director, theme, heading, editor):
    """Three items of the 2025-2028 plan: one in progress with everything, one finished,
    one dropped."""
    sdg = SdgFactory(number=8)
    carried = ItemFactory(
        plan=plan, committee=au, director=director, code="AU-D04", title="Flere i job",
        kind=Item.Kind.DECLARATION, heading=heading, contact="Jobcenterchef Mette Holm",
        status=Item.Status.IN_PROGRESS, amount_1=Decimal("-100"), amount_2=Decimal("-200"),
        amount_3=Decimal("-300"), amount_4=Decimal("-400"),
    )  # fmt: skip
    carried.themes.set([theme])
    carried.sdgs.set([sdg])
    StatusNoteFactory(item=carried, text="Første fase er færdig.", author=editor,
                      date=datetime.date(2025, 6, 1))  # fmt: skip
    finished = ItemFactory(plan=plan, committee=buu, code="BUU-D01",
                           status=Item.Status.COMPLETED)  # fmt: skip
    dropped = ItemFactory(plan=plan, committee=buu, code="BUU-D02", status=Item.Status.DROPPED)
    return carried, finished, dropped


def _carry(plan, choices, administrator, archive=True):
    return services.plan_carry_over(
        source=plan, name="Udmøntningsplan 2026-2029", first_year=2026, last_year=2029,
        choices=choices, archive_source=archive, user=administrator,
    )  # fmt: skip


def test_default_carries_what_is_neither_finished_nor_dropped(old_items):
    carried, finished, dropped = old_items
    assert [services.carry_over_default(i) for i in old_items] == [True, False, False]


def test_carry_over_copies_texts_themes_sdgs_responsible_notes_and_lineage(
    plan, old_items, administrator
):
    carried, _finished, _dropped = old_items
    new_plan = _carry(plan, [CarryChoice(item=carried)], administrator)

    new = Item.objects.get(plan=new_plan)
    assert new.code == "AU-D04" and new.title == "Flere i job"
    assert new.carried_from == carried and list(carried.carried_to.all()) == [new]
    assert new.director == carried.director and new.contact == "Jobcenterchef Mette Holm"
    assert new.status == Item.Status.IN_PROGRESS
    assert [t.name for t in new.themes.all()] == ["Økonomi og budget i balance"]
    assert new.themes.get().plan == new_plan  # the new plan's own theme of that name
    assert new.heading.plan == new_plan and new.heading.name == "Økonomisk Politik"
    assert [s.number for s in new.sdgs.all()] == [8]
    assert [n.text for n in StatusNote.objects.filter(item=new)] == ["Første fase er færdig."]
    assert new.history.count() == 1
    assert new.history.get().history_change_reason == f"Videreført fra {plan.name}"


def test_overlapping_years_keep_their_amounts_and_the_new_year_is_blank(
    plan, old_items, administrator
):
    carried, *_ = old_items
    new_plan = _carry(plan, [CarryChoice(item=carried, amounts=CarryAmounts.OVERLAP)],
                      administrator)  # fmt: skip
    new = Item.objects.get(plan=new_plan)
    # 2026, 2027, 2028 were the old plan's years 2-4; 2029 is new.
    assert [a for _y, a, _d in new.amounts()] == [Decimal("-200"), Decimal("-300"),
                                                  Decimal("-400"), None]  # fmt: skip
    assert [y for y, _a, _d in new.amounts()] == [2026, 2027, 2028, 2029]


def test_blank_amounts_leave_every_new_year_empty(plan, old_items, administrator):
    carried, *_ = old_items
    new_plan = _carry(plan, [CarryChoice(item=carried, amounts=CarryAmounts.BLANK)],
                      administrator)  # fmt: skip
    new = Item.objects.get(plan=new_plan)
    assert [a for _y, a, _d in new.amounts()] == [None, None, None, None]


def test_old_plan_is_archived_and_every_write_is_refused_in_danish(plan, old_items, administrator):
    carried, *_ = old_items
    _carry(plan, [CarryChoice(item=carried)], administrator)
    plan.refresh_from_db()
    assert plan.state == Plan.State.ARCHIVED
    carried.refresh_from_db()
    writes = [
        lambda: services.item_update(item=carried, fields={"title": "Ny"},
                                     expected_version=carried.version, user=administrator),
        lambda: services.item_create(plan=plan, fields={"code": "N1", "title": "Ny",
                                     "kind": "operating_change", "committee": carried.committee},
                                     user=administrator),
        lambda: services.status_note_add(item=carried, text="Ny", date=datetime.date.today(),
                                         user=administrator),
        lambda: services.heading_save(plan=plan, name="Ny", position=9, user=administrator),
        lambda: services.plan_update(plan=plan, fields={"name": "Ny"}, user=administrator),
        lambda: services.proposal_create(plan=plan, fields={"number": "R1", "title": "R",
                                         "committee": carried.committee}, user=administrator),
        lambda: services.item_set_realised(item=carried, year=2025, amount=Decimal(1),
                                           user=administrator),
    ]  # fmt: skip
    for write in writes:
        with pytest.raises(services.PlanArchived) as refused:
            write()
        assert "er arkiveret og kan ikke ændres" in str(refused.value)
    carried.refresh_from_db()
    assert carried.title == "Flere i job"


def test_an_archived_plan_can_be_taken_out_of_the_archive(plan, administrator):
    services.plan_archive(plan=plan, user=administrator)
    services.plan_update(plan=plan, fields={"state": Plan.State.ADOPTED}, user=administrator)
    plan.refresh_from_db()
    assert plan.state == Plan.State.ADOPTED


def test_carry_over_is_all_or_nothing(plan, old_items, administrator):
    carried, finished, _ = old_items
    _carry(plan, [CarryChoice(item=carried)], administrator, archive=False)
    with pytest.raises(ValidationError, match="allerede videreført: AU-D04"):
        services.plan_carry_over(
            source=plan, name="Udmøntningsplan 2026-2029 (ny)", first_year=2026,
            last_year=2029, choices=[CarryChoice(item=finished), CarryChoice(item=carried)],
            archive_source=False, user=administrator,
        )  # fmt: skip
    assert not Plan.objects.filter(name="Udmøntningsplan 2026-2029 (ny)").exists()
    assert Item.objects.filter(carried_from=finished).count() == 0


def test_only_an_adopted_plan_is_carried_over(plan, old_items, administrator):
    services.plan_update(plan=plan, fields={"state": Plan.State.DRAFT}, user=administrator)
    with pytest.raises(ValidationError, match="vedtaget plan"):
        _carry(plan, [CarryChoice(item=old_items[0])], administrator)


def test_timeline_shows_where_the_item_went_and_where_it_came_from(plan, old_items, administrator):
    carried, *_ = old_items
    new_plan = _carry(plan, [CarryChoice(item=carried)], administrator)
    new = Item.objects.get(plan=new_plan)
    old_titles = [e.title for e in timeline.entries(item=carried, user=administrator)]
    new_titles = [e.title for e in timeline.entries(item=new, user=administrator)]
    assert "Videreført til 2026-2029 som AU-D04" in old_titles
    assert any(t.startswith("Videreført fra 2025-2028") for t in new_titles)


def test_chosen_proposal_becomes_a_reallocation_item_with_lineage(plan, au, administrator):
    proposal = services.proposal_create(
        plan=plan,
        fields={"number": "R-12", "title": "Færre eksterne konsulenter", "committee": au,
                "amount_1": Decimal("-500"), "amount_2": Decimal("-750"),
                "consequences": "Færre analyser udefra."},
        user=administrator,
    )  # fmt: skip
    item = services.proposal_make_item(
        proposal=proposal, code="AU-R01", expected_version=1, user=administrator
    )
    proposal.refresh_from_db()
    assert proposal.item == item and proposal.state == Proposal.State.CHOSEN
    assert item.kind == Item.Kind.REALLOCATION and item.committee == au
    assert (item.amount_1, item.amount_2) == (Decimal("-500"), Decimal("-750"))
    assert "Færre analyser udefra." in item.description
    assert item.history.get().history_change_reason == "Oprettet fra råderumsforslag R-12"
    with pytest.raises(ValidationError, match="allerede blevet til en indsats"):
        services.proposal_make_item(
            proposal=proposal, code="AU-R02", expected_version=proposal.version, user=administrator
        )


def test_proposal_edit_based_on_an_old_version_is_refused(plan, au, administrator):
    proposal = services.proposal_create(
        plan=plan, fields={"number": "R-1", "title": "A", "committee": au}, user=administrator
    )
    services.proposal_update(proposal=proposal, fields={"title": "B"}, expected_version=1,
                             user=administrator)  # fmt: skip
    with pytest.raises(services.ProposalConflict):
        services.proposal_update(proposal=proposal, fields={"title": "C"}, expected_version=1,
                                 user=administrator)  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.title == "B" and proposal.history.count() == 2


def test_realised_amounts_are_set_changed_and_removed(item, administrator):
    services.item_set_realised(item=item, year=2025, amount=Decimal("-80"), user=administrator)
    services.item_set_realised(item=item, year=2025, amount=Decimal("-90"), user=administrator)
    assert RealisedAmount.objects.get(item=item, year=2025).amount == Decimal("-90")
    services.item_set_realised(item=item, year=2025, amount=None, user=administrator)
    assert not RealisedAmount.objects.filter(item=item).exists()
    with pytest.raises(ValidationError, match="2031 er ikke et budgetår"):
        services.item_set_realised(item=item, year=2031, amount=Decimal(1), user=administrator)
