"""Implementation plans ("udmøntningsplaner"), their headings, themes, items and notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Body, Director, Sdg

# A Danish budget covers the budget year and three forecast years.
MAX_PLAN_YEARS = 4
AMOUNT_FIELDS = tuple(f"amount_{n}" for n in range(1, MAX_PLAN_YEARS + 1))
DERIVED_FIELDS = tuple(f"derived_{n}" for n in range(1, MAX_PLAN_YEARS + 1))


class Plan(models.Model):
    """The fixed implementation plan of one budget period, e.g. "Udmøntningsplan 2025-2028"."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        ADOPTED = "adopted", _("Vedtaget")
        ARCHIVED = "archived", _("Arkiveret")

    name = models.CharField(_("navn"), max_length=120, unique=True)
    first_year = models.PositiveSmallIntegerField(_("første budgetår"))
    last_year = models.PositiveSmallIntegerField(_("sidste budgetår"))
    adopted_on = models.DateField(_("vedtaget i KB den"), null=True, blank=True)
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    # The UN goals the kommune has chosen as the basis of its plan and development strategy
    # (6 of the 17 in Norddjurs): set per plan by the administrator, marked wherever SDGs show.
    chosen_sdgs = models.ManyToManyField(
        Sdg, blank=True, related_name="chosen_by_plans", verbose_name=_("udvalgte verdensmål")
    )

    history = HistoricalRecords(m2m_fields=[chosen_sdgs])

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("udmøntningsplan")
        verbose_name_plural = _("udmøntningsplaner")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year"))
                & Q(last_year__lte=models.F("first_year") + (MAX_PLAN_YEARS - 1)),
                name="plan_period_one_to_four_years",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_archived(self) -> bool:
        """An archived plan is read-only: every write service refuses it."""
        return self.state == self.State.ARCHIVED

    @property
    def period(self) -> str:
        """The budget period as the plan's name writes it: "2026-2029"."""
        return f"{self.first_year}-{self.last_year}"

    @property
    def amount_columns(self) -> list[tuple[int, str, str]]:
        """(year, amount field, derived-operation field) for each budget year of the plan."""
        return [(year, AMOUNT_FIELDS[i], DERIVED_FIELDS[i]) for i, year in enumerate(self.years)]


class Heading(models.Model):
    """A main heading of the budget agreement ("hovedpunkt"), grouping declarations of intent."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="headings", verbose_name=_("plan")
    )
    name = models.CharField(_("navn"), max_length=200)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = _("hovedpunkt")
        verbose_name_plural = _("hovedpunkter")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="heading_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A strategic theme of the plan's strategic overlay; its course is set per year
    (ThemeCourse)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan")
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    strategy_link = models.TextField(
        _("sammenhæng til plan- og udviklingsstrategien"),
        blank=True,
        help_text=_("Hvordan temaet hænger sammen med kommuneplanen og udviklingsstrategien."),
    )
    sdgs = models.ManyToManyField(
        Sdg, blank=True, related_name="themes", verbose_name=_("verdensmål")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # Optimistic locking, as on items: a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[sdgs])

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = _("strategisk tema")
        verbose_name_plural = _("strategiske temaer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="theme_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class ThemeCourse(models.Model):
    """The course of a theme for one year of the plan: "Kursen for 2025", "Kursen for 2026"."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="courses", verbose_name=_("tema")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    text = models.TextField(_("kursen"))
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme", "year"]
        verbose_name = _("årets kurs")
        verbose_name_plural = _("årets kurs")
        constraints = [
            models.UniqueConstraint(fields=["theme", "year"], name="theme_course_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.theme}: Kursen for {self.year}"


class ItemKind(models.TextChoices):
    OPERATING_CHANGE = "operating_change", _("Driftsændring")
    REALLOCATION = "reallocation", _("Råderumsforslag")
    CAPITAL_PROJECT = "capital_project", _("Anlægsprojekt")
    DECLARATION = "declaration", _("Hensigtserklæring")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke påbegyndt")
    IN_PROGRESS = "in_progress", _("I gang")
    COMPLETED = "completed", _("Afsluttet")
    POSTPONED = "postponed", _("Udskudt")
    DROPPED = "dropped", _("Bortfaldet")


class ItemQuerySet(models.QuerySet["Item"]):
    def with_everything(self) -> Self:
        """All the plan page, extract and export show, in a fixed number of queries."""
        return self.select_related("plan", "committee", "heading", "director").prefetch_related(
            "themes", "sdgs", "political_bodies"
        )

    def for_committee(self, body: Body) -> Self:
        return self.filter(committee=body)

    def for_extract(self, body: Body) -> Self:
        """A committee's extract: its own items and every cross-cutting item."""
        return self.filter(Q(committee=body) | Q(cross_cutting=True))

    def completed(self) -> Self:
        return self.filter(status=ItemStatus.COMPLETED)

    def in_plan_order(self) -> Self:
        return self.order_by(
            "committee__position", "committee__name", "kind_order", "heading__position", "code"
        )


class DecisionHistoryOrigin(models.Model):
    """The agenda item whose decision a history entry of a plan item records (empty for an
    ordinary edit). A plain id, not a foreign key: plans sit below meetings. The history views
    show such an entry only to those who may read that agenda item (meetings.access), because
    a decision keeps the closure of the item it was made on."""

    decision_agenda_item_id = models.PositiveIntegerField(
        null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True


class Amounts(models.Model):
    """The amounts per budget year, in 1.000 kr.: amount_1 is the first year of the plan the
    row belongs to (Plan.years), up to MAX_PLAN_YEARS. Items and the råderumskatalog's
    proposals carry them alike; the plan says which year each column is."""

    amount_1 = models.DecimalField(
        _("beløb år 1"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    amount_2 = models.DecimalField(
        _("beløb år 2"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    amount_3 = models.DecimalField(
        _("beløb år 3"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    amount_4 = models.DecimalField(
        _("beløb år 4"), max_digits=12, decimal_places=1, null=True, blank=True
    )

    class Meta:
        abstract = True


class Item(Amounts):
    """One item ("indsats"): a subject of the budget agreement and how it is carried out."""

    Kind = ItemKind
    Status = ItemStatus

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    code = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    # Derived from kind in save(), so the plan's order (drift, råderum, anlæg, hensigt) is a
    # plain index-friendly column.
    kind_order = models.PositiveSmallIntegerField(
        _("rækkefølge efter art"), editable=False, default=0
    )
    heading = models.ForeignKey(
        Heading,
        # RESTRICT: a heading in use cannot be deleted alone, but goes with its whole plan.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("hovedpunkt"),
    )
    committee = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="items", verbose_name=_("udvalg")
    )
    cross_cutting = models.BooleanField(
        _("tværgående"), default=False, help_text=_("Vises i alle udvalgs udsnit.")
    )
    director = models.ForeignKey(
        Director,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("ansvarlig direktør/område"),
    )
    contact = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse (budgetaftalen)"), blank=True)
    process = models.TextField(_("proces"), blank=True)
    cross_cutting_aspects = models.TextField(_("tværgående aspekter"), blank=True)
    board_role = models.TextField(_("direktionens rolle"), blank=True)
    coordination = models.TextField(
        _("koordinering og commitment (KKC)"), blank=True, help_text=_("Hvem koordinerer på tværs.")
    )
    followed_by_board = models.BooleanField(_("følges på direktionsmøder"), default=False)
    needs_political_treatment = models.BooleanField(
        _("kræver yderligere politisk behandling"),
        default=False,
        help_text=_("Ellers indgår indsatsen i den ordinære drift."),
    )
    political_bodies = models.ManyToManyField(
        Body, blank=True, related_name="treated_items", verbose_name=_("behandles i")
    )
    med_involvement = models.TextField(_("MED-inddragelse"), blank=True)
    timing_year = models.PositiveSmallIntegerField(_("tidspunkt: år"), null=True, blank=True)
    timing_quarter = models.PositiveSmallIntegerField(
        _("tidspunkt: kvartal"), null=True, blank=True
    )
    timing_month = models.PositiveSmallIntegerField(_("tidspunkt: måned"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    derived_1 = models.DecimalField(
        _("afledt drift år 1"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    derived_2 = models.DecimalField(
        _("afledt drift år 2"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    derived_3 = models.DecimalField(
        _("afledt drift år 3"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    derived_4 = models.DecimalField(
        _("afledt drift år 4"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="items", verbose_name=_("strategiske temaer")
    )
    sdgs = models.ManyToManyField(
        Sdg, blank=True, related_name="items", verbose_name=_("verdensmål")
    )
    # Lineage: the item of the previous plan this one was carried over from ("videreført").
    # Not editable, so a restore of an old version never changes where an item came from.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_to",
        verbose_name=_("videreført fra"),
    )
    # Optimistic locking: every save increments it; a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = ItemQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[themes, sdgs, political_bodies], bases=[DecisionHistoryOrigin]
    )

    class Meta:
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        ordering = ["plan", "committee__position", "kind_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="item_code_unique_in_plan",
                violation_error_message=_("Nummeret findes allerede i planen."),
            ),
            models.CheckConstraint(
                condition=Q(timing_quarter__isnull=True)
                | Q(timing_quarter__gte=1, timing_quarter__lte=4),
                name="item_timing_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(timing_month__isnull=True)
                | Q(timing_month__gte=1, timing_month__lte=12),
                name="item_timing_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(timing_quarter__isnull=True) | Q(timing_month__isnull=True),
                name="item_timing_quarter_or_month",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="item_status_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=ItemKind.values), name="item_kind_valid"),
            models.UniqueConstraint(
                fields=["carried_from"],
                condition=Q(carried_from__isnull=False),
                name="item_carried_over_once",
                violation_error_message=_("Indsatsen er allerede videreført."),
            ),
        ]
        indexes = [models.Index(fields=["plan", "committee", "kind_order", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "kind" in update_fields:
            kwargs["update_fields"] = {*update_fields, "kind_order"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:item", args=[self.pk])

    def derive_fields(self) -> None:
        """Set the columns derived from others; save() and bulk writes call it."""
        self.kind_order = KIND_ORDER[self.kind]

    # Django's get_FOO_display() rebuilds its lookup on every call, which shows on pages and
    # exports of thousands of items; these read a dict built once.
    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def timing_label(self) -> str:
        """Indicative time as the plan writes it: "1. kvartal 2025", "marts 2025" or "2025"."""
        from danish.formatting import timing_label

        return timing_label(self.timing_year, self.timing_quarter, self.timing_month)

    def amounts(self) -> list[tuple[int, object, object]]:
        """(year, amount, derived operation) per budget year of the plan."""
        return [
            (year, getattr(self, a), getattr(self, d)) for year, a, d in self.plan.amount_columns
        ]


KIND_ORDER = {kind.value: i for i, kind in enumerate(ItemKind)}
KIND_LABELS = {value: str(label) for value, label in ItemKind.choices}
STATUS_LABELS = {value: str(label) for value, label in ItemStatus.choices}


class StatusNote(models.Model):
    """A dated status update on an item, by whom."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="notes", verbose_name=_("indsats")
    )
    date = models.DateField(_("dato"))
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("af")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("statusnote")
        verbose_name_plural = _("statusnoter")

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    CHOSEN = "chosen", _("Valgt")
    REJECTED = "rejected", _("Fravalgt")
    PARTLY_CHOSEN = "partly_chosen", _("Delvist valgt")


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def with_everything(self) -> Self:
        """All the catalogue page and export show, in a fixed number of queries."""
        return self.select_related("plan", "committee", "item", "item__plan")

    def in_catalogue_order(self) -> Self:
        return self.order_by("committee__position", "committee__name", "number")


class Proposal(Amounts):
    """A reallocation proposal ("råderumsforslag") of the catalogue made for a budget process.

    The catalogue belongs to the plan its chosen proposals become items of. Amounts are in
    1.000 kr. per budget year of that plan (amount_1 is its first year), as on items.
    """

    State = ProposalState

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("plan")
    )
    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    committee = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("udvalg")
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    consequences = models.TextField(_("konsekvenser"), blank=True)
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    # What the proposal became: the plan item of kind råderum made from it, once chosen.
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="proposals",
        verbose_name=_("blev til indsats"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = ProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("råderumsforslag")
        verbose_name_plural = _("råderumsforslag")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="proposal_number_unique_in_plan",
                violation_error_message=_("Nummeret findes allerede i råderumskataloget."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ProposalState.values), name="proposal_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:proposal", args=[self.pk])

    @property
    def state_label(self) -> str:
        return PROPOSAL_STATE_LABELS[self.state]

    @property
    def is_chosen(self) -> bool:
        return self.state in {ProposalState.CHOSEN, ProposalState.PARTLY_CHOSEN}

    def amounts(self) -> list[tuple[int, Decimal | None]]:
        """(year, amount) per budget year of the plan."""
        return [(year, getattr(self, a)) for year, a, _d in self.plan.amount_columns]


PROPOSAL_STATE_LABELS = {value: str(label) for value, label in ProposalState.choices}


class EfficiencyTarget(models.Model):
    """A committee's efficiency contribution ("effektiviseringsbidrag") for one budget year:
    what its items must add up to, in 1.000 kr. (a saving is negative, as on items)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="efficiency_targets", verbose_name=_("plan")
    )
    committee = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="efficiency_targets", verbose_name=_("udvalg")
    )
    year = models.PositiveSmallIntegerField(_("budgetår"))
    amount = models.DecimalField(_("mål (1.000 kr.)"), max_digits=12, decimal_places=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "committee__position", "year"]
        verbose_name = _("effektiviseringsbidrag")
        verbose_name_plural = _("effektiviseringsbidrag")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "committee", "year"], name="efficiency_target_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}: {self.amount}"


class RealisedAmount(models.Model):
    """What an item actually realised in one budget year, in 1.000 kr. (written by
    plans.services.item_set_realised, which status rounds call too)."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="realised", verbose_name=_("indsats")
    )
    year = models.PositiveSmallIntegerField(_("budgetår"))
    amount = models.DecimalField(_("realiseret (1.000 kr.)"), max_digits=12, decimal_places=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "year"]
        verbose_name = _("realiseret beløb")
        verbose_name_plural = _("realiserede beløb")
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="realised_once_per_item_year")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.year}: {self.amount}"
