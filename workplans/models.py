"""The committees' work plans ("Udvalgets arbejdsplan"): where the secretary has placed a plan
item or a planned topic, and the versions of the work plan presented to the committee.

An item with no placement is placed by its indicative time (see workplans.selectors); a placement
is the secretary's decision and overrides that.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Body


class Placement(models.Model):
    """A plan item or planned topic on a committee's work plan of one year: on a meeting, in
    a month (no meeting yet), or awaiting a date (neither)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="placements", verbose_name=_("udvalg")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    item = models.ForeignKey(
        "plans.Item",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("indsats"),
    )
    topic = models.ForeignKey(
        "meetings.PlannedTopic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("punkt til kommende møde"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        # A deleted meeting leaves what was placed on it awaiting a date, not gone.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("møde"),
    )
    month = models.PositiveSmallIntegerField(_("måned"), null=True, blank=True)
    done = models.BooleanField(_("behandlet"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "year", "pk"]
        verbose_name = _("placering på arbejdsplanen")
        verbose_name_plural = _("placeringer på arbejdsplanen")
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, topic__isnull=True)
                | Q(item__isnull=True, topic__isnull=False),
                name="placement_item_or_topic",
                violation_error_message=_("En placering gælder enten en indsats eller et emne."),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="placement_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(meeting__isnull=True),
                name="placement_meeting_or_month",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "item"],
                condition=Q(item__isnull=False),
                name="placement_item_once_per_work_plan",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "topic"],
                condition=Q(topic__isnull=False),
                name="placement_topic_once_per_work_plan",
            ),
        ]
        indexes = [models.Index(fields=["body", "year"])]

    def __str__(self) -> str:
        return f"{self.body} {self.year}: {self.item or self.topic}"

    @property
    def key(self) -> str:
        return f"item-{self.item_id}" if self.item_id else f"topic-{self.topic_id}"


class WorkplanVersion(models.Model):
    """The work plan as it was presented to the committee: what stood where, so the next
    version can say what was added, moved and done since."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="workplan_versions", verbose_name=_("udvalg")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fremlagt på mødet"),
    )
    # The agenda item it was presented on: a plain id, as the item may be removed.
    agenda_item_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    presented_at = models.DateTimeField(_("fremlagt"), auto_now_add=True)
    # {key: {"title": ..., "where": ..., "where_label": ..., "done": bool}} per entry.
    entries = models.JSONField(_("punkter"), default=dict, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "year", "-presented_at", "-pk"]
        get_latest_by = "presented_at"
        verbose_name = _("fremlagt arbejdsplan")
        verbose_name_plural = _("fremlagte arbejdsplaner")

    def __str__(self) -> str:
        return f"{self.body} {self.year} ({self.presented_at:%d-%m-%Y})"
