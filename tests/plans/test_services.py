"""The write services: versions, one history entry per change, restore."""

import pytest

from plans import services
from plans.models import Item

pytestmark = pytest.mark.django_db


def test_update_with_many_to_many_records_one_history_entry_with_final_state(item, editor, theme):
    before = item.history.count()
    services.item_update(item=item, fields={"title": "Ny"}, m2m={"themes": [theme]},
                         expected_version=1, user=editor)  # fmt: skip
    assert item.history.count() == before + 1
    latest = item.history.first()
    assert latest.title == "Ny"
    assert [r.theme_id for r in latest.historicalitem_themes_set.all()] == [theme.pk]
    assert latest.history_user == editor


def test_stale_version_raises_conflict_and_changes_nothing(item, editor):
    services.item_update(item=item, fields={"title": "Først"}, expected_version=1, user=editor)
    with pytest.raises(services.ItemConflict) as conflict:
        services.item_update(item=item, fields={"title": "Sidst"}, expected_version=1, user=editor)
    assert conflict.value.current.title == "Først"
    item.refresh_from_db()
    assert item.title == "Først" and item.version == 2


def test_kind_order_follows_kind_so_the_plan_lists_kinds_in_the_agreed_order(plan, au, editor):
    item = services.item_create(
        plan=plan,
        fields={"code": "X1", "title": "X", "kind": Item.Kind.DECLARATION, "committee": au},
        user=editor,
    )
    assert item.kind_order == 3
    services.item_update(item=item, fields={"kind": Item.Kind.OPERATING_CHANGE},
                         expected_version=1, user=editor)  # fmt: skip
    item.refresh_from_db()
    assert item.kind_order == 0


def test_database_refuses_two_items_with_one_code_in_a_plan(plan, au, editor):
    from django.core.exceptions import ValidationError

    services.item_create(plan=plan, fields={"code": "X1", "title": "X", "kind": "reallocation",
                                            "committee": au}, user=editor)  # fmt: skip
    with pytest.raises(ValidationError):
        services.item_create(plan=plan, fields={"code": "X1", "title": "Y", "kind": "reallocation",
                                                "committee": au}, user=editor)  # fmt: skip
    assert Item.objects.filter(code="X1").count() == 1


def test_database_refuses_a_quarter_and_a_month_at_once(item):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(timing_quarter=1, timing_month=3)
