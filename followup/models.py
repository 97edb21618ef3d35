"""Status rounds ("statusrunder"): who is asked about which item, their answers, the directors'
review, the reminders sent, and the snapshot a closed round keeps for its report."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem
from organisation.models import Body
from plans.models import Item, ItemKind, ItemStatus, Plan, Theme


class RespondentRule(models.TextChoices):
    """Who answers for an item, as the administrator chooses it for the round."""

    DIRECTOR = "director", _("Indsatsens ansvarlige direktør/område")
    CONTACT = "contact", _("Indsatsens kontaktperson")
    EDITOR = "editor", _("Udvalgets redaktør")


class Round(models.Model):
    """One status round on a plan, e.g. "Status juni 2025"."""

    class State(models.TextChoices):
        OPEN = "open", _("Åben")
        CLOSED = "closed", _("Lukket")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("plan")
    )
    name = models.CharField(_("navn"), max_length=120)
    deadline = models.DateField(_("svarfrist"))
    rule = models.CharField(
        _("hvem svarer"), max_length=20, choices=RespondentRule.choices, default="contact"
    )
    # Working days before the deadline on which reminders go out; 0 is the day itself.
    reminder_days = models.JSONField(_("påmindelser (arbejdsdage før fristen)"), default=list)
    # The selection the round was opened with, kept to say what it covers.
    committee = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("udvalg"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=ItemKind.choices, blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategisk tema"),
    )
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.OPEN
    )
    opened_at = models.DateTimeField(_("åbnet"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("åbnet af"),
    )
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dagsordenspunkt"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("statusrunde")
        verbose_name_plural = _("statusrunder")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="round_name_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(state__in=["open", "closed"]), name="round_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("followup:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class AnswerQuerySet(models.QuerySet["Answer"]):
    def with_everything(self) -> Self:
        return self.select_related(
            "item__committee", "item__director", "item__plan", "respondent", "reviewed_by"
        )

    def for_respondent(self, user) -> Self:
        return self.filter(respondent=user)


class Answer(models.Model):
    """One item in one round: who answers, what they answered, and the director's review."""

    class State(models.TextChoices):
        PENDING = "pending", _("Ikke besvaret")
        DRAFT = "draft", _("Kladde")
        SUBMITTED = "submitted", _("Indsendt")
        RETURNED = "returned", _("Sendt retur")
        APPROVED = "approved", _("Godkendt")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="answers", verbose_name=_("statusrunde")
    )
    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="round_answers", verbose_name=_("indsats")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_answers",
        verbose_name=_("svarer"),
    )
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.PENDING
    )
    # The item as it stood when the round opened: the report's "before".
    status_before = models.CharField(_("status før"), max_length=20, choices=ItemStatus.choices)
    timing_before = models.CharField(_("tidspunkt før"), max_length=40, blank=True)
    # The answer.
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices)
    note = models.TextField(_("statusnote"), blank=True)
    note_date = models.DateField(_("notens dato"), null=True, blank=True)
    timing_year = models.PositiveSmallIntegerField(_("tidspunkt: år"), null=True, blank=True)
    timing_quarter = models.PositiveSmallIntegerField(
        _("tidspunkt: kvartal"), null=True, blank=True
    )
    timing_month = models.PositiveSmallIntegerField(_("tidspunkt: måned"), null=True, blank=True)
    realised = models.DecimalField(
        _("realiseret beløb (t.kr.)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    review_comment = models.TextField(_("direktørens bemærkning"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gennemset af"),
    )
    reviewed_at = models.DateTimeField(_("gennemset"), null=True, blank=True)
    # What the closed round froze: the item's answer and facts as the report shows them.
    snapshot = models.JSONField(_("øjebliksbillede"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "item__committee__position", "item__kind_order", "item__code"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="answer_one_per_item"),
            models.CheckConstraint(
                condition=Q(timing_quarter__isnull=True)
                | Q(timing_quarter__gte=1, timing_quarter__lte=4),
                name="answer_timing_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(timing_month__isnull=True)
                | Q(timing_month__gte=1, timing_month__lte=12),
                name="answer_timing_month_1_to_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.item.code}"

    def get_absolute_url(self) -> str:
        return reverse("followup:answer", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.state in {self.State.SUBMITTED, self.State.APPROVED}

    @property
    def timing_label(self) -> str:
        from danish.formatting import timing_label

        return timing_label(self.timing_year, self.timing_quarter, self.timing_month)


class ReminderSent(models.Model):
    """A reminder mailed to one person in one round: the unique key makes it once only, even
    with two workers."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders_sent")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)  # "d10", "d3", "d0", or "extra-<n>" for a remind-again
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "key"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.user} {self.key}"


class Visit(models.Model):
    """A user's last two logins: what others changed since the one before this is new to them
    on "Mit overblik". Kept at login (a POST), so showing the page writes nothing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="overview_visit"
    )
    previous = models.DateTimeField(null=True, blank=True)
    last = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user}: {self.last}"
