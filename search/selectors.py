"""Searching the index, as a user may see it.

Who finds what follows the pages exactly: staff find open entries, and closed ones of the
bodies whose closed content they may see (the gate, `meetings.access.Access`: an entry's
body is the body of the agenda item it came from, for a case any body on its routing); the
public portal finds only entries flagged public. The permission filter is part of the one
query that ranks and counts, and the filters' options come from the same filter, so neither a
count, a snippet nor a filter option can tell of an entry the user may not see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from meetings.access import Access
from meetings.models import CaseRoute, MeetingState
from plans.models import ItemStatus
from search import text as words
from search.models import Entry, Kind

if TYPE_CHECKING:
    from organisation.permissions import Reader

LIMIT = 50
STATUS_LABELS = {**dict(ItemStatus.choices), **dict(MeetingState.choices)}
# bm25 weights of the FTS5 columns: a hit in the title counts as ten in the text.
TITLE_WEIGHT = 10.0


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    body: str
    date: datetime.date | None
    year: int | None
    status: str


@dataclass
class Results:
    query: words.Query
    hits: list[Hit]
    total: int
    limit: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)


def visible_q(user: Any) -> Q:
    """The entries a user (or an `Access`) may find: as the gate decides for the pages (the
    entry's `closed` and `body_id` are the origin item's, as `Access.agenda_item_q` judges
    them; a case's, any body on its routing, as `Access.case_q`)."""
    allowed = Access.of(user).bodies
    if allowed is None:
        return Q()
    access = Q(closed=False)
    if allowed:
        bodies = sorted(allowed)
        routed = CaseRoute.objects.filter(body_id__in=bodies).values("case_id")
        access |= Q(closed=True) & (
            (~Q(kind=Kind.CASE) & Q(body_id__in=bodies)) | Q(kind=Kind.CASE, object_id__in=routed)
        )
    return access


def public_q() -> Q:
    return Q(public=True, closed=False)


def search(
    *,
    query: str,
    user: Reader | Access = None,
    public: bool = False,
    kind: str = "",
    body_id: int | None = None,
    year: int | None = None,
    status: str = "",
    limit: int = LIMIT,
) -> Results:
    """The best `limit` entries for the query, ranked, with highlighted snippets, and how many
    there are in all. public=True searches what the portal shows, whoever asks."""
    parsed = words.Query.parse(query)
    if not parsed:
        return Results(query=parsed, hits=[], total=0, limit=limit)
    entries = Entry.objects.filter(public_q() if public else visible_q(user))
    if kind:
        entries = entries.filter(kind=kind)
    if body_id:
        entries = entries.filter(body_id=body_id)
    if year:
        entries = entries.filter(year=year)
    if status:
        entries = entries.filter(status=status)
    ranked = _ranked(entries, parsed, limit)
    total = ranked[0][1] if ranked else 0
    rows = Entry.objects.filter(pk__in=[pk for pk, _ in ranked]).values(*HIT_FIELDS)
    by_pk = {row["pk"]: row for row in rows}
    kinds = {value: str(label) for value, label in Kind.choices}
    hits = [_hit(by_pk[pk], parsed, public, kinds) for pk, _ in ranked if pk in by_pk]
    return Results(query=parsed, hits=hits, total=total, limit=limit)


def _ranked(entries: QuerySet[Entry], query: words.Query, limit: int) -> list[tuple[int, int]]:
    """(entry id, number of matches) of the best entries, best first.

    The database's word index finds the matches and ranks them: FTS5 with bm25 on SQLite
    (a title hit weighs ten text hits), the danish tsvector with ts_rank on PostgreSQL (title
    weight A, text B). The entries' own columns filter, with the WHERE clause the ORM compiles
    from the permission and filter Q objects, so the rule is the one `visible_q` states. The
    matches the user may see are kept once (a materialized CTE), to be counted and to give the
    best `limit`: cheaper than a window count over the sorted set, and on SQLite bm25()
    cannot be used beside a window function at all.
    """
    compiler = entries.query.get_compiler(connection=connection)
    try:
        where, params = compiler.compile(entries.query.where)
    except FullResultSet:
        where, params = "1 = 1", []
    except EmptyResultSet:
        return []
    if connection.vendor == "postgresql":
        tsquery = query.tsquery()
        matches = (
            "SELECT search_entry.id AS id, "
            "-ts_rank(search_entry.vector, to_tsquery('danish', %s)) AS score, "
            "search_entry.date AS date FROM search_entry "
            f"WHERE search_entry.vector @@ to_tsquery('danish', %s) AND ({where})"
        )
        match_params = [tsquery, tsquery, *params]
    else:
        # CROSS JOIN: SQLite starts from the word index, not from the entries.
        matches = (
            "SELECT search_entry.id AS id, "
            f"bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS score, search_entry.date AS date "
            "FROM search_fts CROSS JOIN search_entry ON search_entry.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND ({where})"
        )
        match_params = [query.fts5(), *params]
    sql = (
        f"WITH allowed AS MATERIALIZED ({matches}) "
        "SELECT id, (SELECT COUNT(*) FROM allowed) FROM allowed "
        "ORDER BY score, date DESC NULLS LAST, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, limit])
        ranked: list[tuple[int, int]] = cursor.fetchall()
        return ranked


HIT_FIELDS = ("pk", "kind", "title", "url", "public_url", "date", "year", "status",
              "body__name", "content__text")  # fmt: skip


def _hit(entry: dict[str, Any], query: words.Query, public: bool, kinds: dict[str, str]) -> Hit:
    return Hit(
        kind=entry["kind"],
        kind_label=kinds[entry["kind"]],
        title=words.highlight(entry["title"], query),
        snippet=words.snippet(entry["content__text"] or "", query),
        url=entry["public_url"] if public else entry["url"],
        body=entry["body__name"] or "",
        date=entry["date"],
        year=entry["year"],
        status=str(STATUS_LABELS.get(entry["status"], "")),
    )


def filter_choices(*, public: bool = False, user: Any = None) -> dict[str, list[tuple[str, str]]]:
    """The options of the filters: kinds, years that have entries the viewer may find,
    statuses."""
    kinds = Kind.choices
    if public:
        kinds = [(k, label) for k, label in Kind.choices
                 if k in (Kind.AGENDA_ITEM, Kind.DECISION, Kind.ATTACHMENT)]  # fmt: skip
    entries = Entry.objects.filter(public_q() if public else visible_q(user))
    years = entries.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
    return {
        "kinds": [(str(k), str(label)) for k, label in kinds],
        "years": [(str(y), str(y)) for y in years],
        "item_statuses": [(str(k), str(label)) for k, label in ItemStatus.choices],
        "meeting_states": [(str(k), str(label)) for k, label in MeetingState.choices],
    }
