"""The search index: one row per searchable thing, kept in step by `search.indexing`.

An entry carries what a result shows (title, link), what the filters need (kind, body, year,
status) and what decides who may find it (closed, public), so a search is one query on one
narrow table; the long text, needed only for the snippets of the results shown, is beside it
in EntryText. The words themselves are indexed per database: an FTS5 table of Danish stems on
SQLite (migration 0002), a weighted `tsvector` (`vector`, GIN-indexed) on PostgreSQL.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Body


class Kind(models.TextChoices):
    PLAN_ITEM = "plan_item", _("Indsats")
    STATUS_NOTE = "status_note", _("Statusnote")
    CASE = "case", _("Sag")
    AGENDA_ITEM = "agenda_item", _("Dagsordenspunkt")
    DECISION = "decision", _("Beslutning")
    ATTACHMENT = "attachment", _("Bilag")


class Entry(models.Model):
    """One searchable thing as the index holds it; derived data, rebuilt by `kursen reindex`."""

    Kind = Kind

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=400)
    # The staff page, and the portal page for entries the public may see.
    url = models.CharField(max_length=200)
    public_url = models.CharField(max_length=200, blank=True)
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")  # fmt: skip
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    # A plan item's status, or the state of the meeting an agenda item belongs to.
    status = models.CharField(max_length=20, blank=True)
    # Closed content (a closed case, item, or attachment, or anything under a closed one):
    # found only by users who may see the body's closed content.
    closed = models.BooleanField(default=False)
    # Shown by the public portal: an open item of a published meeting, its decision once the
    # minutes are approved, an open attachment of such an item.
    public = models.BooleanField(default=False)
    # For attachments: the stored file the text was read from, so a change of flags does not
    # read the file again.
    source = models.CharField(max_length=300, blank=True)
    # PostgreSQL only (empty on SQLite): title weighted A, text B, Danish configuration.
    vector = SearchVectorField(null=True, editable=False)
    # Not a column: the text of an unsaved entry, set by search.indexing for `store`, which
    # writes it to EntryText.
    indexed_text: str

    class Meta:
        verbose_name = _("søgeindeks")
        verbose_name_plural = _("søgeindeks")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values),
                                   name="search_entry_kind_valid"),
            # Public content is open content, whatever else goes wrong.
            models.CheckConstraint(
                condition=~models.Q(public=True, closed=True), name="search_entry_public_is_open"
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["public", "kind"]), models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def text(self) -> str:
        """The indexed text (sections, decision, file text): kept in EntryText, so the rows the
        search filters and joins on stay narrow."""
        return self.content.text


class EntryText(models.Model):
    """The long text of an entry, read only for the results shown (snippets)."""

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, primary_key=True, related_name="content"
    )
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("søgetekst")
        verbose_name_plural = _("søgetekster")

    def __str__(self) -> str:
        return self.text[:40]
