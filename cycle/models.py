"""The annual cycle ("årshjul"): recurring events of the bodies and of the whole organisation,
and where each occurrence was placed on a body's forward plan."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cycle import recurrence
from meetings.models import PlannedTopic
from organisation.models import Body
from plans.models import Item, Plan, Theme


class EventKind(models.TextChoices):
    BUDGET = "budget", _("Budgetproces")
    STRATEGIC_REVIEW = "strategic_review", _("Strategisk opfølgning")
    STATUS_ROUND = "status_round", _("Statusrunde")
    WORK_PLAN = "work_plan", _("Præsentation af arbejdsplan")
    OWN = "own", _("Kommunens egne")


class EventQuerySet(models.QuerySet["Event"]):
    def for_body(self, body: Body):
        """The body's own events and those of the whole organisation."""
        return self.filter(Q(bodies=body) | Q(whole_organisation=True)).distinct()

    def with_everything(self):
        """What the wheel, the list and the feeds show of an event, in a fixed number of queries."""
        return self.select_related("theme", "item", "plan").prefetch_related("bodies")

    def placed_on_meetings(self):
        return self.filter(on_meeting=True)


class Event(models.Model):
    """One event of the annual cycle ("begivenhed i årshjulet"), recurring by an RFC 5545 rule."""

    Kind = EventKind

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("slags"), max_length=30, choices=EventKind.choices)
    whole_organisation = models.BooleanField(_("hele organisationen"), default=False)
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="cycle_events", verbose_name=_("udvalg og organer")
    )
    responsible = models.CharField(
        _("ansvarlig"), max_length=200, blank=True, help_text=_('F.eks. "Økonomichefen".')
    )
    start = models.DateField(_("første gang"))
    rule = models.CharField(
        _("gentagelse (RRULE)"),
        max_length=300,
        blank=True,
        help_text=_("RFC 5545, f.eks. FREQ=YEARLY;BYMONTH=10. Tom: én gang."),
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycle_events",
        verbose_name=_("plan"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycle_events",
        verbose_name=_("strategisk tema"),
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycle_events",
        verbose_name=_("indsats"),
    )
    on_meeting = models.BooleanField(_("sættes på et møde"), default=False)
    topic_title = models.CharField(_("emne på mødet"), max_length=300, blank=True)
    topic_text = models.TextField(_("tekst til mødet"), blank=True)
    own_item = models.BooleanField(_("som eget dagsordenspunkt"), default=False)
    window_days = models.PositiveSmallIntegerField(
        _("find et møde inden for (dage)"),
        default=31,
        help_text=_("Det første møde i udvalget fra datoen og så mange dage frem."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bodies])

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("begivenhed i årshjulet")
        verbose_name_plural = _("begivenheder i årshjulet")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="cycle_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(window_days__gte=1) & Q(window_days__lte=366),
                name="cycle_event_window_in_year",
                violation_error_message=_("Vinduet for at finde et møde skal være 1 til 366 dage."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:event", args=[self.pk])

    @property
    def recurrence_text(self) -> str:
        return recurrence.describe(self.rule, self.start)

    def occurrences(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        return recurrence.occurrences(self.rule, start=self.start, first=first, last=last)

    @property
    def meeting_title(self) -> str:
        return self.topic_title or self.title


class Placement(models.Model):
    """One occurrence of an event for one body, and the planned topic it became on the body's
    forward plan (planned_for: the fitting meeting's date, or empty while awaiting a date).
    Unique per (event, body, occurrence), so placing twice places once."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="placements", verbose_name=_("begivenhed")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("udvalg")
    )
    occurrence = models.DateField(_("dato i årshjulet"))
    topic = models.OneToOneField(
        PlannedTopic,
        on_delete=models.CASCADE,
        related_name="cycle_placement",
        verbose_name=_("punkt til kommende møde"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["occurrence", "event"]
        verbose_name = _("placering på et møde")
        verbose_name_plural = _("placeringer på møder")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "body", "occurrence"], name="cycle_placement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.occurrence:%d-%m-%Y}"
