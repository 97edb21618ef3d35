"""Reads for the plan page, the committee extract and the Excel export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import Body
from plans.models import (
    AMOUNT_FIELDS,
    DERIVED_FIELDS,
    EfficiencyTarget,
    Item,
    Plan,
    Proposal,
    ProposalQuerySet,
    RealisedAmount,
)


def plan_current() -> Plan | None:
    """The plan users land on: the newest adopted plan, else the newest plan."""
    plans = Plan.objects.all()
    return plans.filter(state=Plan.State.ADOPTED).first() or plans.first()


def items_filtered(*, plan: Plan, criteria: dict[str, Any] | None = None) -> QuerySet[Item]:
    """The plan's items narrowed by the filter form's cleaned data, in plan order."""
    criteria = criteria or {}
    items = Item.objects.filter(plan=plan)
    if criteria.get("committee"):
        items = items.filter(committee=criteria["committee"])
    if criteria.get("kind"):
        items = items.filter(kind=criteria["kind"])
    if criteria.get("heading"):
        items = items.filter(heading=criteria["heading"])
    if criteria.get("status"):
        items = items.filter(status=criteria["status"])
    if criteria.get("theme"):
        items = items.filter(themes=criteria["theme"])
    if criteria.get("sdg"):
        items = items.filter(sdgs=criteria["sdg"])
    if criteria.get("political") == "yes":
        items = items.filter(needs_political_treatment=True)
    elif criteria.get("political") == "no":
        items = items.filter(needs_political_treatment=False)
    if criteria.get("q"):
        for word in criteria["q"].split():
            items = items.filter(
                Q(code__icontains=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(process__icontains=word)
                | Q(contact__icontains=word)
                | Q(coordination__icontains=word)
            )
    return items.in_plan_order()


@dataclass
class Group:
    """Items of one committee and kind, with the whole group's count and totals."""

    committee: Body
    kind: str
    count: int
    completed: int
    totals: list[Decimal | None]
    items: list[Item] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_PLURALS[Item.Kind(self.kind)])


KIND_PLURALS = {
    Item.Kind.OPERATING_CHANGE: gettext_lazy("Driftsændringer"),
    Item.Kind.REALLOCATION: gettext_lazy("Råderumsforslag"),
    Item.Kind.CAPITAL_PROJECT: gettext_lazy("Anlægsprojekter"),
    Item.Kind.DECLARATION: gettext_lazy("Hensigtserklæringer"),
}


def plan_summary(*, plan: Plan, items: QuerySet[Item]) -> dict[str, Any]:
    """Counts and per-year totals per (committee, kind) group and for the whole selection.

    Computed by the database over the whole filtered selection, so a paginated page still
    shows the true totals.
    """
    sums = {f"s{i}": Sum(name) for i, name in enumerate(AMOUNT_FIELDS[: len(plan.years)])}
    rows = (
        items.order_by()
        .values("committee", "kind")
        .annotate(n=Count("id"), done=Count("id", filter=Q(status=Item.Status.COMPLETED)), **sums)
    )
    bodies = {b.pk: b for b in Body.objects.filter(pk__in={r["committee"] for r in rows})}
    groups = {
        (r["committee"], r["kind"]): Group(
            committee=bodies[r["committee"]],
            kind=r["kind"],
            count=r["n"],
            completed=r["done"],
            totals=[r[key] for key in sums],
        )
        for r in rows
    }
    grand = [sum((g.totals[i] or 0 for g in groups.values()), Decimal(0)) for i in range(len(sums))]
    return {
        "groups": groups,
        "count": sum(g.count for g in groups.values()),
        "completed": sum(g.completed for g in groups.values()),
        "totals": grand,
    }


def group_items(*, items: list[Item], summary: dict[str, Any]) -> list[Group]:
    """Attach a page of items (in plan order) to their groups, keeping the groups' order."""
    ordered: list[Group] = []
    for item in items:
        group = summary["groups"][(item.committee_id, item.kind)]
        if not ordered or ordered[-1] is not group:
            group.items = []
            ordered.append(group)
        group.items.append(item)
    return ordered


@dataclass
class ExtractSection:
    """One table of a committee's extract."""

    title: str
    items: list[Item]
    show_amounts: bool
    show_derived: bool = False


def extract_sections(*, plan: Plan, body: Body, printed: bool = False) -> list[ExtractSection]:
    """A committee's extract as in the plan sent to the committee (seed 003).

    Its own items by kind (driftsændringer, råderumsforslag, anlægsprojekter), its declarations
    of intent by the agreement's headings, then the cross-cutting items of the whole plan.
    printed: only what the documents print (no themes or SDGs, which the page shows).
    """
    selected = Item.objects.filter(plan=plan).for_extract(body)
    if printed:
        selected = selected.select_related("committee").prefetch_related("political_bodies")
    else:
        selected = selected.with_everything()
    items = list(selected.order_by("kind_order", "heading__position", "code"))
    own = [i for i in items if i.committee_id == body.pk and not i.cross_cutting]
    sections = [
        ExtractSection(
            _("Driftsændringer"), [i for i in own if i.kind == Item.Kind.OPERATING_CHANGE], True
        ),
        ExtractSection(
            _("Råderumsforslag"), [i for i in own if i.kind == Item.Kind.REALLOCATION], True
        ),
        ExtractSection(
            _("Anlægsprojekter"),
            [i for i in own if i.kind == Item.Kind.CAPITAL_PROJECT],
            True,
            show_derived=True,
        ),
    ]
    declarations = [i for i in own if i.kind == Item.Kind.DECLARATION]
    for heading in plan.headings.all():
        under = [i for i in declarations if i.heading_id == heading.pk]
        if under:
            sections.append(
                ExtractSection(_("Hensigtserklæringer: %s") % heading.name, under, False)
            )
    without_heading = [i for i in declarations if i.heading_id is None]
    if without_heading:
        sections.append(ExtractSection(_("Hensigtserklæringer"), without_heading, False))
    sections.append(
        ExtractSection(_("Tværgående indsatser"), [i for i in items if i.cross_cutting], True)
    )
    return [s for s in sections if s.items]


def derived_columns(plan: Plan) -> tuple[str, ...]:
    return DERIVED_FIELDS[: len(plan.years)]


# Which decisions' history entries a user may read. The access gate sits in meetings, above
# plans, so meetings registers it when it starts (AppConfig.ready); plans never imports it.
# Unregistered, no decision entry is shown (closed stays closed).
DecisionAccess = Callable[[Any], Callable[[set[int]], set[int]]]
_decision_access: list[DecisionAccess] = []


def register_decision_access(source: DecisionAccess) -> None:
    """`source(user)` gives a function: agenda item ids -> those whose content `user` reads."""
    _decision_access[:] = [source]


def readable_decisions(user: Any) -> Callable[[set[int]], set[int]]:
    """Of a set of agenda item ids, those whose decisions `user` may read in a history."""
    if not _decision_access:
        return lambda ids: set()
    return _decision_access[0](user)


@dataclass
class HistoryEntry:
    record: Any
    changes: list[tuple[str, str, str]]


def item_history(*, item: Item, visible_decisions: Any = None) -> list[HistoryEntry]:
    """The item's versions, newest first, each with what changed (field, old → new).

    An entry recording a decision made on an agenda item is shown only when that agenda item's
    id is in `visible_decisions` (a callable: ids -> the ids the viewer may read, as
    `meetings.access.Access.content_item_ids` answers); None shows none of them. A decision
    entry carries the item's state unchanged, so leaving it out changes no difference shown.

    Differences are computed from prefetched snapshots: a fixed number of queries however long
    the history is.
    """
    records = list(
        item.history.select_related("history_user").prefetch_related(
            *(f"historicalitem_{name}_set" for name in ("themes", "sdgs", "political_bodies"))
        )
    )
    names = _history_names(item)
    origins = {r.decision_agenda_item_id for r in records if r.decision_agenda_item_id}
    readable = set(visible_decisions(origins)) if visible_decisions and origins else set()
    records = [
        r for r in records if not r.decision_agenda_item_id or r.decision_agenda_item_id in readable
    ]
    fields = _history_fields(item.plan)
    entries = []
    previous = None
    for record in reversed(records):
        snapshot = _snapshot(record)
        changes: list[tuple[str, str, str]] = []
        if previous is not None:
            for attname, label in fields:
                old, new = previous.get(attname), snapshot.get(attname)
                if old != new:
                    changes.append(
                        (label, _display(attname, old, names), _display(attname, new, names))
                    )
        entries.append(HistoryEntry(record=record, changes=changes))
        previous = snapshot
    return list(reversed(entries))


def _history_names(item: Item) -> dict[str, dict[Any, str]]:
    """The names the history shows for ids: committees, directors, headings, themes, SDGs."""
    from organisation.models import Director, Sdg
    from plans.models import Heading, Theme

    names = {
        "committee_id": {b.pk: str(b) for b in Body.objects.all()},
        "director_id": {d.pk: str(d) for d in Director.objects.all()},
        "heading_id": {h.pk: str(h) for h in Heading.objects.filter(plan=item.plan_id)},
        "themes": {t.pk: str(t) for t in Theme.objects.filter(plan=item.plan_id)},
        "sdgs": {s.pk: str(s) for s in Sdg.objects.all()},
    }
    names["political_bodies"] = dict(names["committee_id"])
    return names


def item_restore_changes(*, item: Item, record: Any) -> list[tuple[str, str, str]]:
    """(label, now, after the restore) of every field a restore to `record` would change,
    for the confirmation page; the item's current state is its latest history entry."""
    current = item.history.first()
    if current is None:
        return []
    now, then = _snapshot(current), _snapshot(record)
    names = _history_names(item)
    return [
        (label, _display(attname, now.get(attname), names),
         _display(attname, then.get(attname), names))
        for attname, label in _history_fields(item.plan)
        if now.get(attname) != then.get(attname)
    ]  # fmt: skip


TIMING_FIELDS = ("timing_year", "timing_quarter", "timing_month")


def _history_fields(plan: Plan) -> list[tuple[str, str]]:
    """(attribute, Danish label) of every field whose change the history shows."""
    year_labels = {}
    for year, amount, derived in plan.amount_columns:
        year_labels[amount] = _("Beløb %s") % year
        year_labels[derived] = _("Afledt drift %s") % year
    labels: list[tuple[str, str]] = []
    for f in Item._meta.concrete_fields:
        if not f.editable or f.name in {"id", "plan", *TIMING_FIELDS[1:]}:
            continue
        if f.name == TIMING_FIELDS[0]:
            # The indicative time is one field to its users ("1. kvartal 2026"), stored in three.
            labels.append(("timing", _("Tidspunkt")))
        elif f.name not in AMOUNT_FIELDS and f.name not in DERIVED_FIELDS:
            labels.append((f.attname, str(capfirst(f.verbose_name))))
    # The amounts after the texts, whatever order the model's fields come in (the amounts
    # come first, from the abstract base Amounts).
    labels += [(name, year_labels[name]) for name in (*AMOUNT_FIELDS, *DERIVED_FIELDS)
               if name in year_labels]  # fmt: skip
    labels += [(m.name, str(capfirst(m.verbose_name))) for m in Item._meta.many_to_many]
    return labels


def _snapshot(record: Any) -> dict[str, Any]:
    data = {
        f.attname: getattr(record, f.attname)
        for f in Item._meta.concrete_fields
        if f.editable and f.name not in {"id", "plan"}
    }
    data["timing"] = tuple(data[name] for name in TIMING_FIELDS)
    data["themes"] = frozenset(r.theme_id for r in record.historicalitem_themes_set.all())
    data["sdgs"] = frozenset(r.sdg_id for r in record.historicalitem_sdgs_set.all())
    data["political_bodies"] = frozenset(
        r.body_id for r in record.historicalitem_political_bodies_set.all()
    )
    return data


def _display(attname: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    from danish.formatting import number, timing_label

    if value is None or value == "":
        return "–"
    if attname == "timing":
        return timing_label(*value) or "–"
    if isinstance(value, frozenset):
        return ", ".join(sorted(names[attname].get(pk, str(pk)) for pk in value)) or "–"
    if attname in names:
        return str(names[attname].get(value, str(value)))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, Decimal):
        return number(value)
    if attname == "kind":
        return str(Item.Kind(value).label)
    if attname == "status":
        return str(Item.Status(value).label)
    return str(value)


# --- The strategic plan -----------------------------------------------------------------------


@dataclass
class StrategicTheme:
    """One theme of the strategic plan: its texts, its course per year and its items."""

    theme: Any
    courses: dict[int, Any]  # year -> ThemeCourse
    items: list[Item]
    sdgs: list[Any]
    year: int  # the year shown

    @property
    def current(self) -> Any:
        """The course of the year shown, or None when it is not written."""
        return self.courses.get(self.year)


@dataclass
class StrategicPlan:
    plan: Plan
    year: int
    chosen_sdgs: list[Any]
    themes: list[StrategicTheme]

    @property
    def chosen_ids(self) -> set[int]:
        return {sdg.pk for sdg in self.chosen_sdgs}


def strategy_default_year(plan: Plan, today: Any = None) -> int:
    """The year the strategic plan opens on: this year when the plan covers it, else the
    plan's nearest year."""
    from django.utils import timezone

    year = (today or timezone.localdate()).year
    return min(max(year, plan.first_year), plan.last_year)


def strategy_course_year(plan: Plan, on: Any) -> int:
    """The year whose course a document for `on` (a meeting's date) shows: `on`'s year when a
    course is written for it, else the latest year before it with one, else the plan's year
    nearest to `on` (its course then reads "ikke skrevet endnu"). One query."""
    from plans.models import ThemeCourse

    written = ThemeCourse.objects.filter(theme__plan=plan, year__lte=on.year).aggregate(
        latest=Max("year")
    )["latest"]
    return written if written is not None else strategy_default_year(plan, on)


def strategic_plan(*, plan: Plan, year: int | None = None) -> StrategicPlan:
    """The plan's strategic overlay: each theme with its course per year, ties and items (KKC,
    status, time), and the SDGs chosen for the plan. A fixed number of queries."""
    from django.db.models import Prefetch

    from plans.models import Theme

    items = (
        Item.objects.select_related("committee", "director")
        .prefetch_related("sdgs")
        .in_plan_order()
    )
    themes = list(
        Theme.objects.filter(plan=plan).prefetch_related(
            "courses", "sdgs", Prefetch("items", queryset=items, to_attr="strategic_items")
        )
    )
    year = year or strategy_default_year(plan)
    return StrategicPlan(
        plan=plan,
        year=year,
        chosen_sdgs=list(plan.chosen_sdgs.all()),
        themes=[
            StrategicTheme(
                theme=theme,
                courses={course.year: course for course in theme.courses.all()},
                items=theme.strategic_items,
                sdgs=list(theme.sdgs.all()),
                year=year,
            )
            for theme in themes
        ],
    )


@dataclass
class SdgCount:
    sdg: Any
    count: int
    chosen: bool


def sdg_counts(*, plan: Plan, items: QuerySet[Item]) -> list[SdgCount]:
    """Each of the 17 SDGs with how many of `items` serve it, the plan's chosen ones first
    marked. Three queries."""
    from organisation.models import Sdg

    rows = items.order_by().filter(sdgs__isnull=False).values("sdgs").annotate(n=Count("id"))
    counts = {row["sdgs"]: row["n"] for row in rows}
    chosen = set(plan.chosen_sdgs.values_list("pk", flat=True))
    return [
        SdgCount(sdg=sdg, count=counts.get(sdg.pk, 0), chosen=sdg.pk in chosen)
        for sdg in Sdg.objects.all()
    ]


# --- The item's timeline: what `plans` itself knows (edits, status notes) ---------------------


def _person(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def timeline_edits(*, item: Item, user: Any) -> list[Any]:
    """The item's edits as timeline entries: who, when, which fields (old → new). Entries
    that record a decision are left to the meetings' source, which asks the access gate.
    A fixed number of queries (item_history's)."""
    from django.urls import reverse
    from django.utils import timezone

    from plans.timeline import Entry

    url = reverse("plans:item_history", args=[item.pk])
    found = []
    for entry in item_history(item=item, visible_decisions=None):
        record = entry.record
        reason = record.history_change_reason or ""
        if record.history_type == "+":
            kind, title = _("Oprettet"), reason or _("Indsatsen er oprettet")
        elif record.history_type == "-":
            kind, title = _("Slettet"), _("Indsatsen er slettet")
        elif entry.changes:
            kind = _("Ændring")
            title = _("Ændret: %s") % ", ".join(label for label, _old, _new in entry.changes)
        elif reason:
            kind, title = _("Ændring"), reason
        else:
            continue  # a save that changed nothing tells nothing
        text = "\n".join(f"{label}: {old} → {new}" for label, old, new in entry.changes)
        if reason and entry.changes and record.history_type != "+":
            text = f"{reason}\n{text}"
        found.append(
            Entry(
                when=timezone.localtime(record.history_date),
                kind=kind,
                title=title,
                text=text,
                url=url,
                who=_person(record.history_user),
            )
        )
    return found


def timeline_notes(*, item: Item, user: Any) -> list[Any]:
    """The item's status notes as timeline entries, with their authors: one query."""
    from plans.models import StatusNote
    from plans.timeline import Entry

    notes = StatusNote.objects.filter(item=item).select_related("author")
    return [
        Entry(
            when=note.date,
            kind=_("Statusnote"),
            title=_("Statusnote af %s") % _person(note.author),
            text=note.text,
            who=_person(note.author),
            extra={"note": note},
        )
        for note in notes
    ]


# --- The råderumskatalog ---------------------------------------------------------------------


def proposals_filtered(*, plan: Plan, criteria: dict[str, Any] | None = None) -> ProposalQuerySet:
    """The catalogue's proposals narrowed by the filter form's cleaned data, in its order."""
    criteria = criteria or {}
    proposals = Proposal.objects.filter(plan=plan)
    if criteria.get("committee"):
        proposals = proposals.filter(committee=criteria["committee"])
    if criteria.get("state"):
        proposals = proposals.filter(state=criteria["state"])
    if criteria.get("q"):
        for word in criteria["q"].split():
            proposals = proposals.filter(
                Q(number__icontains=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(consequences__icontains=word)
            )
    return proposals.in_catalogue_order()


def proposals_totals(*, plan: Plan, proposals: QuerySet[Proposal]) -> dict[str, Any]:
    """Count and totals per year of the shown proposals, and of those chosen (in one query)."""
    chosen = Q(state__in=[Proposal.State.CHOSEN, Proposal.State.PARTLY_CHOSEN])
    fields = AMOUNT_FIELDS[: len(plan.years)]
    sums: dict[str, Any] = {f"all{i}": Sum(name) for i, name in enumerate(fields)}
    sums |= {f"chosen{i}": Sum(name, filter=chosen) for i, name in enumerate(fields)}
    row = proposals.order_by().aggregate(
        count=Count("pk"), chosen_count=Count("pk", filter=chosen), **sums
    )
    return {
        "count": row["count"],
        "chosen_count": row["chosen_count"],
        "all": [row[f"all{i}"] for i in range(len(fields))],
        "chosen": [row[f"chosen{i}"] for i in range(len(fields))],
    }


# --- The efficiency contribution and budget compliance ---------------------------------------

# The kinds whose amounts are operating budget: what counts towards the efficiency
# contribution (capital projects are another budget; declarations carry no amounts).
COMPLIANCE_KINDS = (Item.Kind.OPERATING_CHANGE, Item.Kind.REALLOCATION)


@dataclass
class ComplianceCell:
    year: int
    target: Decimal | None
    planned: Decimal | None
    realised: Decimal | None

    @property
    def shortfall(self) -> Decimal | None:
        """How far the items fall short of the target (savings are negative): positive when
        they save less than the target asks, None without a target."""
        if self.target is None:
            return None
        return (self.planned or Decimal(0)) - self.target

    @property
    def met(self) -> bool | None:
        shortfall = self.shortfall
        return None if shortfall is None else shortfall <= 0


@dataclass
class ComplianceRow:
    committee: Body
    cells: list[ComplianceCell]


def compliance(*, plan: Plan) -> list[ComplianceRow]:
    """Per committee and budget year: the efficiency target, what the items carry (operating
    changes and råderum, not dropped) and what was realised. Four queries, whatever the plan
    holds."""
    years = plan.years
    targets = {
        (t.committee_id, t.year): t.amount
        for t in EfficiencyTarget.objects.filter(plan=plan).only("committee_id", "year", "amount")
    }
    items = Item.objects.filter(plan=plan, kind__in=COMPLIANCE_KINDS).exclude(
        status=Item.Status.DROPPED
    )
    fields = AMOUNT_FIELDS[: len(years)]
    planned: dict[tuple[int, int], Decimal | None] = {}
    for row in (
        items.order_by()
        .values("committee_id")
        .annotate(**{f"s{i}": Sum(name) for i, name in enumerate(fields)})
    ):
        for i, year in enumerate(years):
            planned[(row["committee_id"], year)] = row[f"s{i}"]
    realised = {
        (row["item__committee_id"], row["year"]): row["total"]
        for row in RealisedAmount.objects.filter(item__in=items, year__in=years)
        .order_by()
        .values("item__committee_id", "year")
        .annotate(total=Sum("amount"))
    }
    shown = {key[0] for key in targets} | {
        key[0] for key, value in planned.items() if value is not None
    }
    rows = []
    for committee in Body.objects.filter(pk__in=shown).order_by("position", "name"):
        cells = [
            ComplianceCell(
                year=year,
                target=targets.get((committee.pk, year)),
                planned=planned.get((committee.pk, year)),
                realised=realised.get((committee.pk, year)),
            )
            for year in years
        ]
        rows.append(ComplianceRow(committee=committee, cells=cells))
    return rows


def compliance_totals(*, plan: Plan, rows: list[ComplianceRow]) -> list[ComplianceCell]:
    """The whole plan's targets, items and realised amounts per year."""

    def total(values: list[Decimal | None]) -> Decimal | None:
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    return [
        ComplianceCell(
            year=year,
            target=total([row.cells[i].target for row in rows]),
            planned=total([row.cells[i].planned for row in rows]),
            realised=total([row.cells[i].realised for row in rows]),
        )
        for i, year in enumerate(plan.years)
    ]
