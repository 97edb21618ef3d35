"""A document uploaded for import: what the reader read, kept until a person has checked and
corrected it and stored it in Kursen (or discarded it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentImport(models.Model):
    class State(models.TextChoices):
        READ = "read", _("Læst – venter på gennemsyn")
        STORED = "stored", _("Gemt i Kursen")
        DISCARDED = "discarded", _("Kasseret")

    filename = models.CharField(_("fil"), max_length=255)
    size = models.PositiveBigIntegerField(_("størrelse"), default=0)
    parsed = models.JSONField(_("det læste"))
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.READ)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("indlæst af"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("indlæst"), auto_now_add=True)
    stored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("gemt af"),
    )  # fmt: skip
    stored_at = models.DateTimeField(_("gemt"), null=True, blank=True)
    result = models.TextField(_("resultat"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("indlæst dokument")
        verbose_name_plural = _("indlæste dokumenter")

    def __str__(self) -> str:
        return self.filename
