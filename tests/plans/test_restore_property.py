"""Restoring any version of a plan item gives exactly that version (a property-based test).

Random sequences of what happens to items in a year: edits of every field (the many-to-many
themes, SDGs and political bodies "Behandles i" included), status notes, decisions recorded on
a case tied to the items, Excel-style bulk saves (`items_save_many`) and restores of random
earlier versions. Two invariants are checked after every step:

- the newest history entry holds the item's whole state, as it is in the database;
- after a restore, every field and every many-to-many set is as it was when the chosen
  version was made.
"""

import datetime
import decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import services as meeting_services
from organisation.models import Body
from plans import services
from plans.models import Item
from plans.services import M2M_FIELDS, ItemChange
from tests.factories import (
    BodyFactory,
    DirectorFactory,
    HeadingFactory,
    ItemFactory,
    SdgFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

# Fields that legitimately differ between a version and its restore.
NOT_RESTORED = {"id", "version", "updated_at"}
TEXT = st.text(alphabet="abcæøå ÆØÅ-.,1", min_size=0, max_size=12)
AMOUNT = st.none() | st.decimals(min_value=-9999, max_value=9999, places=1, allow_nan=False,
                                 allow_infinity=False)  # fmt: skip
TIMING = st.one_of(
    st.just({"timing_quarter": None, "timing_month": None}),
    st.integers(1, 4).map(lambda q: {"timing_quarter": q, "timing_month": None}),
    st.integers(1, 12).map(lambda m: {"timing_quarter": None, "timing_month": m}),
)


def state(item: Item) -> dict:
    """Every field of the item as stored, many-to-many sets included."""
    item = Item.objects.get(pk=item.pk)
    values = {
        f.attname: getattr(item, f.attname)
        for f in Item._meta.concrete_fields
        if f.name not in NOT_RESTORED
    }
    for name in M2M_FIELDS:
        values[name] = sorted(getattr(item, name).values_list("pk", flat=True))
    return values


def record_state(record) -> dict:
    """The same, as a history entry holds it."""
    values = {
        f.attname: getattr(record, f.attname)
        for f in Item._meta.concrete_fields
        if f.name not in NOT_RESTORED
    }
    targets = {"themes": "theme_id", "sdgs": "sdg_id", "political_bodies": "body_id"}
    for name in M2M_FIELDS:
        values[name] = sorted(getattr(row, targets[name]) for row in getattr(record, name).all())
    return values


@pytest.fixture
def world(plan, au, ok, kb, director, administrator):
    """Two items of a plan, the choices their fields draw from, and a case tied to both that
    ØK decides on (a published meeting with the case on its agenda)."""
    bodies = [au, ok, kb, BodyFactory(name="Børne- og Ungdomsudvalget", abbreviation="BUU")]
    world = {
        "plan": plan,
        "user": administrator,
        "bodies": bodies,
        "headings": [HeadingFactory(plan=plan, name=f"Hovedpunkt {n}") for n in (1, 2)],
        "directors": [director, DirectorFactory(title="Velfærdsdirektør", area="Velfærd")],
        "themes": [ThemeFactory(plan=plan, name=f"Tema {n}") for n in (1, 2, 3)],
        "sdgs": [SdgFactory(number=n) for n in (3, 4, 11)],
    }
    world["items"] = [
        ItemFactory(plan=plan, committee=au, code="A-1", title="Første indsats"),
        ItemFactory(plan=plan, committee=ok, code="B-1", title="Anden indsats"),
    ]
    case = meeting_services.case_create(
        number="25/1", title="Udmøntningsplanen", routing=[ok, kb], items=world["items"]
    )
    meeting = meeting_services.meeting_create(
        body=ok, date=datetime.date(2025, 3, 4), start_time=datetime.time(14),
        from_template=False,
    )  # fmt: skip
    world["agenda_item"] = meeting_services.agenda_item_add(meeting=meeting, case=case)
    meeting_services.meeting_publish_agenda(meeting=meeting)
    return world


def field_changes(world, which: int):
    """A random subset of an item's fields with random values (foreign keys as ids)."""
    prefix = "AB"[which]
    optional = {
        "code": st.sampled_from([f"{prefix}-1", f"{prefix}-2", f"{prefix}-3"]),
        "title": TEXT.filter(str.strip),
        "kind": st.sampled_from(Item.Kind.values),
        "heading_id": st.sampled_from([None, *[h.pk for h in world["headings"]]]),
        "committee_id": st.sampled_from([b.pk for b in world["bodies"]]),
        "cross_cutting": st.booleans(),
        "director_id": st.sampled_from([None, *[d.pk for d in world["directors"]]]),
        "followed_by_board": st.booleans(),
        "needs_political_treatment": st.booleans(),
        "timing_year": st.none() | st.integers(2025, 2028),
        "status": st.sampled_from(Item.Status.values),
        **{name: TEXT for name in ("contact", "description", "process", "cross_cutting_aspects",
                                   "board_role", "coordination", "med_involvement")},
        **{f"amount_{n}": AMOUNT for n in range(1, 5)},
        **{f"derived_{n}": AMOUNT for n in range(1, 5)},
    }  # fmt: skip
    return st.tuples(st.fixed_dictionaries({}, optional=optional), st.none() | TIMING).map(
        lambda pair: {**pair[0], **(pair[1] or {})}
    )


def m2m_changes(world, *, complete: bool):
    choices = {
        "themes": world["themes"],
        "sdgs": world["sdgs"],
        "political_bodies": world["bodies"],
    }
    sets = {name: st.lists(st.sampled_from(objs), unique=True) for name, objs in choices.items()}
    return st.fixed_dictionaries(sets) if complete else st.fixed_dictionaries({}, optional=sets)


def steps(world):
    which = st.integers(0, 1)
    edit = which.flatmap(
        lambda w: st.tuples(st.just("edit"), st.just(w), field_changes(world, w),
                            m2m_changes(world, complete=False))
    )  # fmt: skip
    note = st.tuples(st.just("note"), which, TEXT.filter(str.strip))
    decide = st.tuples(st.just("decide"), st.sampled_from(["Tiltrådt.", "Godkendt.", "Drøftet."]))
    bulk = st.tuples(
        st.just("bulk"),
        st.tuples(field_changes(world, 0), m2m_changes(world, complete=True)),
        st.tuples(field_changes(world, 1), m2m_changes(world, complete=True)),
        st.sampled_from([(0,), (1,), (0, 1)]),
    )
    restore = st.tuples(st.just("restore"), which, st.floats(0, 1, exclude_max=True))
    return st.lists(st.one_of(edit, note, decide, bulk, restore), min_size=1, max_size=12)


def _apply(world, step, snapshots) -> None:
    user = world["user"]
    items = world["items"]
    kind = step[0]
    if kind == "edit":
        _kind, which, fields, m2m = step
        item = Item.objects.get(pk=items[which].pk)
        services.item_update(item=item, fields=fields, m2m=m2m, expected_version=item.version,
                             user=user)  # fmt: skip
    elif kind == "note":
        _kind, which, text = step
        services.status_note_add(item=items[which], text=text, date=datetime.date(2025, 5, 1),
                                 user=user)  # fmt: skip
    elif kind == "decide":
        meeting_services.decision_record(item=world["agenda_item"], text=step[1], user=user)
    elif kind == "bulk":
        _kind, first, second, chosen = step
        changes = []
        for which in chosen:
            fields, m2m = (first, second)[which]
            changes.append(
                ItemChange(fields=dict(fields), m2m={k: list(v) for k, v in m2m.items()},
                           item=Item.objects.get(pk=items[which].pk))
            )  # fmt: skip
        services.items_save_many(plan=world["plan"], changes=changes, user=user, reason="Excel")
    elif kind == "restore":
        _kind, which, position = step
        item = Item.objects.get(pk=items[which].pk)
        versions = list(item.history.order_by("history_id"))
        chosen = versions[int(position * len(versions))]
        restored = services.item_restore(
            item=item, history_id=chosen.history_id, expected_version=item.version, user=user
        )
        assert state(restored) == snapshots[chosen.history_id], (
            f"restoring {chosen.history_id} ({chosen.history_change_reason}) is not exact"
        )
    for item in items:
        newest = item.history.order_by("-history_id").first()
        assert record_state(newest) == state(item), (
            f"the newest entry ({newest.history_change_reason}) lacks the item's state"
        )
        snapshots[newest.history_id] = state(item)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_restoring_any_version_gives_exactly_that_version(world, data):
    sequence = data.draw(steps(world), label="steps")
    # Each example starts from the same world: its writes are rolled back afterwards.
    with transaction.atomic():
        snapshots: dict[int, dict] = {}
        for item in world["items"]:
            snapshots[item.history.order_by("-history_id").first().history_id] = state(item)
        for step in sequence:
            _apply(world, step, snapshots)
        transaction.set_rollback(True)


def test_a_restore_brings_back_the_sets_a_decision_entry_holds(world):
    """The case the property test found first, by hand: themes, SDGs and "Behandles i" set, a
    decision recorded (its entry), the sets cleared, then the decision's version restored."""
    item = Item.objects.get(pk=world["items"][0].pk)
    themes, sdgs, bodies = world["themes"][:2], world["sdgs"][:1], world["bodies"][1:3]
    item = services.item_update(
        item=item, fields={"amount_1": decimal.Decimal("12.5")},
        m2m={"themes": themes, "sdgs": sdgs, "political_bodies": bodies},
        expected_version=item.version, user=world["user"],
    )  # fmt: skip
    meeting_services.decision_record(item=world["agenda_item"], text="Tiltrådt.")
    decision_entry = item.history.order_by("-history_id").first()
    assert decision_entry.history_change_reason.startswith("Beslutning i Økonomiudvalget")
    item = services.item_update(
        item=item, fields={"amount_1": None},
        m2m={"themes": [], "sdgs": [], "political_bodies": []},
        expected_version=item.version, user=world["user"],
    )  # fmt: skip

    restored = services.item_restore(
        item=item, history_id=decision_entry.history_id, expected_version=item.version,
        user=world["user"],
    )  # fmt: skip

    assert restored.amount_1 == decimal.Decimal("12.5")
    assert set(restored.themes.all()) == set(themes)
    assert set(restored.sdgs.all()) == set(sdgs)
    assert set(restored.political_bodies.all()) == set(bodies)
    assert isinstance(bodies[0], Body)


def test_a_version_that_cannot_be_whole_is_not_restored_in_part(world, admin_client_):
    """A theme of the old version was deleted since: restoring would silently drop it, so the
    restore is refused with a Danish message and the item is left as it is."""
    item = Item.objects.get(pk=world["items"][0].pk)
    doomed = ThemeFactory(plan=world["plan"], name="Nedlagt tema")
    item = services.item_update(item=item, fields={}, m2m={"themes": [doomed]},
                                expected_version=item.version, user=world["user"])  # fmt: skip
    old = item.history.order_by("-history_id").first()
    item = services.item_update(item=item, fields={"title": "Ny titel"}, m2m={"themes": []},
                                expected_version=item.version, user=world["user"])  # fmt: skip
    doomed.delete()
    url = reverse("plans:item_restore", args=[item.pk, old.history_id])

    response = admin_client_.post(url, {"version": item.version}, follow=True)

    assert "kan ikke gendannes helt" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Ny titel" and item.version == 3


def test_a_version_whose_number_another_item_now_has_is_not_restored(world):
    first, second = (Item.objects.get(pk=i.pk) for i in world["items"])
    old = first.history.order_by("-history_id").first()  # code A-1
    first = services.item_update(item=first, fields={"code": "A-9"},
                                 expected_version=first.version, user=world["user"])  # fmt: skip
    services.item_update(item=second, fields={"code": "A-1"}, expected_version=second.version,
                         user=world["user"])  # fmt: skip

    with pytest.raises(ValidationError, match="nummeret A-1 bruges nu af en anden indsats"):
        services.item_restore(item=first, history_id=old.history_id,
                              expected_version=first.version, user=world["user"])  # fmt: skip
    first.refresh_from_db()
    assert first.code == "A-9"
