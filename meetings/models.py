"""Meetings of the bodies, the cases they treat, agenda items, decisions and attachments.

Closed content ("Lukket sag", "Lukket bilag") is decided in one place, `meetings.access`; the
`visible_to` queryset methods below are its list filters, used by every page, document, feed
and the public portal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.access import Access, open_q
from organisation.models import Body, Member


class CaseQuerySet(models.QuerySet):
    def visible_to(self, who):
        """Open cases, and closed ones for users with access to a body on their routing
        (`who`: a user or an `Access`)."""
        return Access.of(who).cases(self)


class Case(models.Model):
    """A case ("sag") with the municipality's case number, routed through bodies."""

    number = models.CharField(
        _("sagsnummer"), max_length=40, unique=True, help_text=_('F.eks. "22/291".')
    )
    kle_number = models.CharField(
        _("KLE-nummer"), max_length=40, blank=True, help_text=_('F.eks. "00.01.00-A00-1-22".')
    )
    title = models.CharField(_("titel"), max_length=300)
    closed = models.BooleanField(_("lukket sag"), default=False)
    items = models.ManyToManyField(
        "plans.Item", blank=True, related_name="cases", verbose_name=_("indsatser i planen")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sag")
        verbose_name_plural = _("sager")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:case", args=[self.pk])


class CaseRoute(models.Model):
    """One body on a case's routing ("Sagsgang"), in the order the bodies treat it."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="routing", verbose_name=_("sag")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("udvalg")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "body"], name="case_route_body_once")
        ]

    def __str__(self) -> str:
        return self.body.abbreviation


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    AGENDA_PUBLISHED = "agenda_published", _("Dagsorden udsendt")
    HELD = "held", _("Afholdt")
    MINUTES_APPROVED = "minutes_approved", _("Beslutningsprotokol godkendt")


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Meetings whose agenda has been sent out: the public may see them."""
        return self.exclude(state=MeetingState.PLANNED)

    def for_body(self, body: Body):
        return self.filter(body=body)

    def between(self, first, last):
        return self.filter(date__gte=first, date__lte=last)


class Meeting(models.Model):
    """A meeting of one body on one day, with its agenda and, afterwards, its minutes."""

    State = MeetingState

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("udvalg")
    )
    date = models.DateField(_("dato"))
    # Blank only for meetings read from published documents that print no time.
    start_time = models.TimeField(_("start kl."), null=True, blank=True)
    end_time = models.TimeField(_("slut kl."), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    agenda_published_at = models.DateTimeField(
        _("dagsorden udsendt"), null=True, blank=True, editable=False
    )
    minutes_approved_at = models.DateTimeField(
        _("beslutningsprotokol godkendt"), null=True, blank=True, editable=False
    )
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkendt af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # The absences ("Afbud", "Fraværende") are saved as one list; a form based on an older
    # list is refused, so a second secretary's stale form cannot erase the first one's entries.
    absences_version = models.PositiveIntegerField(
        _("version af fraværet"), default=1, editable=False
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "start_time", "body__position"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mødet kan ikke slutte, før det begynder."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=MeetingState.values), name="meeting_state_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["date", "start_time"]),
            models.Index(fields=["body", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.state != MeetingState.PLANNED

    @property
    def minutes_locked(self) -> bool:
        return self.state == MeetingState.MINUTES_APPROVED


class Absence(models.Model):
    """A member absent from a whole meeting: "Afbud" (sent apologies) or "Fraværende"."""

    class Kind(models.TextChoices):
        APOLOGIES = "apologies", _("Afbud")
        ABSENT = "absent", _("Fraværende")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="absences", verbose_name=_("møde")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("medlem")
    )
    kind = models.CharField(
        _("fravær"), max_length=20, choices=Kind.choices, default=Kind.APOLOGIES
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "member__position", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="absence_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_kind_display()}"


class StandingKind(models.TextChoices):
    """What a standing item of an agenda template fills in when a meeting is created."""

    NONE = "", _("Fast tekst")
    REVIEW = "review", _("Gennemgang af beslutningsprotokoller og dagsordener")
    TREATMENT = "treatment", _("Punkter til behandling")
    FORWARD_PLAN = "forward_plan", _("Eventuelt og punkter til næste møde")


class Treatment(models.TextChoices):
    DECISION = "decision", _("Til beslutning")
    DISCUSSION = "discussion", _("Til drøftelse")
    ORIENTATION = "orientation", _("Til orientering")


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, who):
        """Items whose content `who` (a user or an `Access`) may see: open ones; closed ones
        only with access to the meeting's body."""
        return Access.of(who).agenda_items(self)

    def open(self):
        return self.filter(open_q())

    def with_everything(self):
        """What an agenda page or document shows of its items, in a fixed number of queries."""
        return self.select_related("case", "meeting__body").prefetch_related(
            "attachments", "not_participating", "addenda", "case__routing__body"
        )


# The sections of a Danish agenda item, in the order agendas print them.
SECTIONS = (
    ("case_presentation", _("Sagsfremstilling")),
    ("policy_context", _("Sammenhæng til andre politikker/strategier og fagområder")),
    ("financial_consequences", _("Økonomiske konsekvenser")),
    ("legal_basis", _("Lovgrundlag")),
    ("recommendation", _("Indstilling")),
)


class AgendaItem(models.Model):
    """One item ("punkt") of a meeting's agenda, usually treating a case."""

    Treatment = Treatment
    Standing = StandingKind

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("møde")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("sag"),
    )
    number = models.PositiveSmallIntegerField(_("punkt nr."))
    title = models.CharField(_("titel"), max_length=300)
    closed = models.BooleanField(_("lukket punkt"), default=False)
    treatment = models.CharField(
        _("behandling"), max_length=20, choices=Treatment.choices, default=Treatment.DECISION
    )
    standing = models.CharField(
        _("fast punkt"), max_length=20, choices=StandingKind.choices, blank=True, default=""
    )
    time_slot = models.CharField(
        _("tidspunkt"),
        max_length=40,
        blank=True,
        help_text=_('F.eks. "11.00" eller "12.30-13.00".'),
    )
    participants = models.CharField(
        _("deltagere under punktet"),
        max_length=300,
        blank=True,
        help_text=_('F.eks. "Økonomichef Bettina Andersen deltager under punktet."'),
    )
    case_presentation = models.TextField(_("sagsfremstilling"), blank=True)
    policy_context = models.TextField(
        _("sammenhæng til andre politikker/strategier og fagområder"), blank=True
    )
    financial_consequences = models.TextField(_("økonomiske konsekvenser"), blank=True)
    legal_basis = models.TextField(_("lovgrundlag"), blank=True)
    recommended_by = models.CharField(
        _("indstillet af"), max_length=120, blank=True, help_text=_('F.eks. "Kommunaldirektøren".')
    )
    recommendation = models.TextField(_("indstilling"), blank=True)
    decision = models.TextField(_("beslutning"), blank=True)
    decision_recorded_at = models.DateTimeField(
        _("beslutning registreret"), null=True, blank=True, editable=False
    )
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutning registreret af"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    not_participating = models.ManyToManyField(
        Member,
        blank=True,
        related_name="+",
        verbose_name=_("deltog ikke under behandling af punktet"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[not_participating])

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique_in_meeting",
                violation_error_message=_("Punktnummeret findes allerede på dagsordenen."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="agenda_item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:agenda_item", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed or (self.case is not None and self.case.closed)

    @property
    def has_decision(self) -> bool:
        return bool(self.decision.strip())

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the filled-in sections, in agenda order."""
        return [
            (str(label), getattr(self, name)) for name, label in SECTIONS if getattr(self, name)
        ]


class Addendum(models.Model):
    """A correction to approved minutes ("tilføjelse"): the original decision is kept."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="addenda",
        verbose_name=_("dagsordenspunkt"),
    )
    text = models.TextField(_("tilføjelse"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "created_at"]
        verbose_name = _("tilføjelse til beslutningsprotokol")
        verbose_name_plural = _("tilføjelser til beslutningsprotokol")

    def __str__(self) -> str:
        return self.text[:60]


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, who):
        """Open attachments of open items; everything for users with access to the body."""
        return Access.of(who).attachments(self)


def attachment_path(attachment: Attachment, filename: str) -> str:
    return f"bilag/{attachment.agenda_item.meeting.date:%Y}/{filename}"


class Attachment(models.Model):
    """An attachment ("bilag") of an agenda item; the file is served only through a view."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments"
    )
    number = models.PositiveSmallIntegerField(_("bilag nr."))
    title = models.CharField(_("titel"), max_length=300)
    closed = models.BooleanField(_("lukket bilag"), default=False)
    document_number = models.CharField(
        _("dokumentnummer"), max_length=40, blank=True, help_text=_('F.eks. "151433/22".')
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, blank=True, max_length=300)
    filename = models.CharField(_("filnavn"), max_length=200, blank=True)
    content_type = models.CharField(_("filtype"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse (byte)"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "number"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "number"],
                name="attachment_number_unique_in_item",
                violation_error_message=_("Bilagsnummeret findes allerede under punktet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:attachment", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed or self.agenda_item.is_closed


class StandingItem(models.Model):
    """An item of a body's agenda template, put on every new meeting of that body."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="standing_items", verbose_name=_("udvalg")
    )
    number = models.PositiveSmallIntegerField(_("punkt nr."))
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(
        _("indhold"), max_length=20, choices=StandingKind.choices, blank=True, default=""
    )
    case_presentation = models.TextField(_("sagsfremstilling"), blank=True)
    financial_consequences = models.TextField(_("økonomiske konsekvenser"), blank=True)
    recommendation = models.TextField(_("indstilling"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "number"]
        verbose_name = _("fast punkt")
        verbose_name_plural = _("faste punkter (dagsordensskabelon)")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="standing_item_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PlannedTopicKind(models.TextChoices):
    TOPIC = "", _("Emne")
    BRIEFING = "briefing", _("Oplæg med strategisk ophæng")


# The forward plan's order: by date (those awaiting a date last), then as the secretary set it.
TOPIC_ORDER = ("planned_for", "position", "created_at", "pk")


class PlannedTopic(models.Model):
    """A topic on a body's forward plan: for a coming meeting date, or awaiting a date.

    A topic can ask for its own agenda item (own_item): when the body's meeting on that date is
    created from the template, the item is made with the topic's texts as its sections, and a
    document Kursen generates (document_kind, see meetings.generated) attached. Higher apps
    (the annual cycle) place topics here; this model knows nothing of them."""

    Kind = PlannedTopicKind

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="planned_topics", verbose_name=_("udvalg")
    )
    kind = models.CharField(
        _("slags"), max_length=20, choices=PlannedTopicKind.choices, blank=True, default=""
    )
    title = models.CharField(_("emne"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    planned_for = models.DateField(
        _("planlagt til mødet den"), null=True, blank=True, help_text=_("Tom: afventer dato.")
    )
    # When it awaits a date: the date it belongs to, if its source knows one (the annual
    # cycle's occurrence, "maj 2027"), so two occurrences of a yearly event read apart.
    wanted_for = models.DateField(_("hører til"), null=True, blank=True, editable=False)
    own_item = models.BooleanField(_("som eget dagsordenspunkt"), default=False)
    recommendation = models.TextField(_("indstilling"), blank=True)
    theme = models.ForeignKey(
        "plans.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_topics",
        verbose_name=_("strategisk tema"),
    )
    document_kind = models.CharField(
        _("dannet bilag"), max_length=40, blank=True, help_text=_("Et dokument, Kursen danner.")
    )
    document_obj_id = models.PositiveIntegerField(
        _("det dannede bilags kilde"), null=True, blank=True, editable=False
    )
    document_title = models.CharField(_("bilagets titel"), max_length=300, blank=True)
    agenda_item = models.OneToOneField(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="planned_topic",
        verbose_name=_("dagsordenspunkt"),
    )
    # The order among the body's topics of the same date (or among those awaiting a date),
    # set by the secretary on the forward plan; a new or moved topic goes last.
    position = models.PositiveIntegerField(_("rækkefølge"), default=0, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "planned_for", "position", "created_at", "pk"]
        verbose_name = _("punkt til kommende møde")
        verbose_name_plural = _("punkter til kommende møder")

    def __str__(self) -> str:
        return self.title

    @property
    def wanted_label(self) -> str:
        """The month it belongs to, "maj 2027", or "" when its source named none."""
        from danish.formatting import MONTHS

        if self.wanted_for is None:
            return ""
        return f"{MONTHS[self.wanted_for.month - 1]} {self.wanted_for.year}"
