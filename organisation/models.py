"""The municipality and its bodies, directors, the UN SDGs and users' roles."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Municipality(models.Model):
    """The one municipality of this installation."""

    name = models.CharField(_("navn"), max_length=100)
    # A file of the installation's static files (what is the municipality's own lives apart
    # from the code), so the public portal shows the kommune's arms without an upload service.
    coat_of_arms = models.CharField(
        _("byvåben eller logo"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(svg|png|jpg|jpeg|webp)$",
                _("Angiv en billedfil (.svg, .png, .jpg eller .webp) under static/."),
            ),
            RegexValidator(r"\.\.", _("Stien må ikke indeholde »..«."), inverse_match=True),
        ],
        help_text=_('Valgfrit: en billedfil under static/, f.eks. "kommune/byvaaben.svg".'),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class BodyQuerySet(models.QuerySet):
    def committees(self):
        """Bodies that own plan items and get an extract: ØK and the standing committees."""
        return self.filter(kind__in=[Body.Kind.FINANCE_COMMITTEE, Body.Kind.STANDING_COMMITTEE])


class Body(models.Model):
    """A political or administrative body: KB, ØK, a standing committee, Direktionen, MED."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Kommunalbestyrelse")
        FINANCE_COMMITTEE = "finance_committee", _("Økonomiudvalg")
        STANDING_COMMITTEE = "standing_committee", _("Fagudvalg")
        EXECUTIVE_BOARD = "executive_board", _("Direktion")
        MED = "med", _("MED-udvalg")

    name = models.CharField(_("navn"), max_length=120, unique=True)
    abbreviation = models.CharField(_("forkortelse"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("udvalg eller organ")
        verbose_name_plural = _("udvalg og organer")

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A member of a body, as agendas list them: "Kommunaldirektør Jonas Kroustrup", "Anette
    Ruby Liebe (A)"."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Formand")
        VICE_CHAIR = "vice_chair", _("Næstformand")
        MEMBER = "member", _("Medlem")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("udvalg")
    )
    name = models.CharField(_("navn"), max_length=120)
    title = models.CharField(
        _("titel"), max_length=120, blank=True, help_text=_('F.eks. "Kommunaldirektør".')
    )
    party = models.CharField(
        _("partibogstav"), max_length=5, blank=True, help_text=_('F.eks. "A" eller "V".')
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "position", "name"]
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="member_name_unique_in_body")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """'Kommunaldirektør Jonas Kroustrup' or 'Anette Ruby Liebe (A)', as agendas print it."""
        name = f"{self.title} {self.name}" if self.title else self.name
        return f"{name} ({self.party})" if self.party else name


class Director(models.Model):
    """A director and the area they are responsible for (e.g. Velfærdsdirektør, Velfærd)."""

    title = models.CharField(_("titel"), max_length=120, unique=True)
    area = models.CharField(_("område"), max_length=120, blank=True)
    name = models.CharField(_("navn"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("direktør og område")
        verbose_name_plural = _("direktører og områder")

    def __str__(self) -> str:
        return self.title


class Sdg(models.Model):
    """One of the UN's 17 Sustainable Development Goals ("verdensmål")."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("navn"), max_length=120)
    # Which goals the kommune has chosen is set per plan (plans.Plan.chosen_sdgs).

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("verdensmål")
        verbose_name_plural = _("verdensmål")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def colour(self) -> str:
        """The UN's colour of the goal, for its badge."""
        from organisation.sdgs import colours

        return colours(self.number)[0]

    @property
    def text_colour(self) -> str:
        """A text colour that reads on `colour`."""
        from organisation.sdgs import colours

        return colours(self.number)[1]


class Profile(models.Model):
    """A user's role in Kursen and, for editors, the committees and areas they may edit."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        EDITOR = "editor", _("Redaktør")
        READER = "reader", _("Læser")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("bruger"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.READER)
    bodies = models.ManyToManyField(
        Body, blank=True, verbose_name=_("udvalg"), related_name="editor_profiles"
    )
    directors = models.ManyToManyField(
        Director, blank=True, verbose_name=_("områder"), related_name="editor_profiles"
    )
    # Part of the signed personal calendar address (meetings.views.calendar_feed): raising it
    # makes every earlier address answer 404.
    calendar_key_version = models.PositiveIntegerField(_("version af kalenderadressen"), default=0)

    # The bodies and directors grant edit rights and closed access: every entry holds both sets.
    history = HistoricalRecords(m2m_fields=[bodies, directors])

    class Meta:
        verbose_name = _("brugerprofil")
        verbose_name_plural = _("brugerprofiler")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
