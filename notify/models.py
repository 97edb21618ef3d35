"""What is mailed to whom, what each user wants to be mailed about, and which daily runs have
been claimed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MailPreference(models.Model):
    """A user's choice for one kind of mail. No row means the default: the mail is wanted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_preferences",
        verbose_name=_("bruger"),
    )
    kind = models.CharField(_("slags mail"), max_length=100)
    wanted = models.BooleanField(_("ønskes"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valg af mail")
        verbose_name_plural = _("valg af mails")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="mail_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} ({'ja' if self.wanted else 'nej'})"


class Mail(models.Model):
    """One mail as asked for: its template and context; rendered per recipient when sent."""

    kind = models.CharField(_("slags mail"), max_length=100)
    template = models.CharField(_("skabelon"), max_length=200)
    subject = models.CharField(_("emne"), max_length=300)
    context = models.JSONField(_("indhold"), default=dict, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mail")
        verbose_name_plural = _("mails")

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One outgoing message: one recipient of a mail, and what became of it.

    Sent at least once and, with a key, at most once per address and key: a second mail with
    the same key to the same address is not recorded again (a reminder asked for twice goes
    out once), and a worker claims a row before it sends it (two workers never send one).
    A temporary failure (the server cannot be reached, a 4xx reply) leaves it waiting for the
    next attempt, later each time; a permanent one (a 5xx reply), or the last attempt, marks
    it failed with the reason in Danish. An administrator may send a failed one again.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Fejlet")

    mail = models.ForeignKey(
        Mail, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("mail")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    address = models.EmailField(_("adresse"))
    name = models.CharField(_("navn"), max_length=200, blank=True)
    key = models.CharField(_("nøgle"), max_length=200, blank=True)
    state = models.CharField(
        _("tilstand"), max_length=10, choices=State.choices, default=State.PENDING
    )
    # The worker that took it for sending (pending → sending): two workers never send one.
    claim = models.CharField(_("taget af"), max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(_("taget"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    # When a waiting delivery is tried again; empty for a new one (its task is on its way).
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    error = models.TextField(_("seneste fejl"), blank=True)
    # "Send igen": who asked for a failed delivery to be tried again, and when.
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sendt igen af"),
    )
    resent_at = models.DateTimeField(_("sendt igen"), null=True, blank=True)

    class Meta:
        verbose_name = _("afsendelse")
        verbose_name_plural = _("afsendelser")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "address"], condition=~Q(key=""), name="delivery_key_unique"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.address}: {self.mail}"


class DailyRun(models.Model):
    """A daily job's run, claimed by the worker that runs it: the unique row is what makes two
    workers run it once."""

    name = models.CharField(_("opgave"), max_length=100)
    day = models.DateField(_("dag"))
    claimed_at = models.DateTimeField(_("startet"), auto_now_add=True)

    class Meta:
        verbose_name = _("daglig kørsel")
        verbose_name_plural = _("daglige kørsler")
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="daily_run_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
