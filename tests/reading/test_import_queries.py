"""The import's queries per document: a fixed cost per document and a bounded cost per item.

An imported minutes document goes through the services (history, the minutes' lock, the
search index, the portal's cache marks). Those upkeeps are done once per document, so a
document of four items and one of sixteen differ only by the items' own writes, and the
sixteenth item costs no more than the fourth. Also: every history entry is written (a bulk
write, not skipped) and the index holds every item.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AgendaItem, Attachment, Case, CaseRoute, Meeting, MeetingState
from organisation.models import Member
from reading.importer import import_document
from search.models import Entry

# Queries an item may cost: none of its own. The document's new cases with their routings,
# its meetings, items, decisions, absentees, attachments and its meetings' steps (agenda out,
# held, minutes approved) are each written together, whatever their number. Uniqueness is the
# database's inside an import and plain check constraints are evaluated in Python, so no save
# asks the database first; an imported item copies nothing from the case's earlier items.
# (The bounds were 36 per item and 110 per document before the import was made cheaper, then
# 12 and 50, then 5 and 55; measured now: 53 queries for four items, 52 for sixteen.)
PER_ITEM = 1
PER_DOCUMENT = 56


def minutes(count: int, *, day: int) -> dict:
    """A minutes document of Økonomiudvalget with count items, as the reader gives it."""
    date = datetime.date(2024, 3, day).isoformat()
    items = []
    for n in range(1, count + 1):
        items.append({
            "number": n, "title": f"Sag nummer {n} om vejene", "case_number": f"24/{day}{n:03}",
            "subject_code": None, "access": "closed" if n % 5 == 0 else "open",
            "routing": ["ØK", "KB"],
            "sections": [{"heading": "Sagsfremstilling", "text": f"Punkt {n} handler om veje."},
                         {"heading": "Indstilling",
                          "text": "Direktionen indstiller, at sagen godkendes."}],
            "decisions": [{"body": "Økonomiudvalget", "date": date, "text": f"Godkendt ({n}).",
                           "absent": [f"Medlem {n % 3}", "Anne Andersen (A)"]}],
            "attachments": [{"number": 1, "title": f"Bilag {n}a", "access": "open",
                             "document_number": f"{day}{n}1"},
                            {"number": 2, "title": f"Bilag {n}b", "access": "closed",
                             "document_number": f"{day}{n}2"}],
        })  # fmt: skip
    return {"source": f"referat-{day}.pdf", "document_type": "referat", "body": "Økonomiudvalget",
            "meeting": {"date": date, "start": "09:00", "end": "11:00", "place": "Mødelokale 1",
                        "members": [], "absent": []},
            "items": items, "warnings": []}  # fmt: skip


def queries_of(document: dict) -> int:
    with CaptureQueriesContext(connection) as context:
        summary = import_document(document)
    assert summary.error is None, summary.error
    return len(context.captured_queries)


@pytest.mark.django_db
def test_queries_per_document_are_a_fixed_cost_and_a_bounded_cost_per_item(ok, kb):
    queries_of(minutes(2, day=1))  # the first import reads what every later one has cached
    small = queries_of(minutes(4, day=4))
    large = queries_of(minutes(16, day=5))

    per_item = (large - small) / 12
    assert per_item <= PER_ITEM, f"{per_item:.1f} queries per item ({small}, {large})"
    assert small <= PER_DOCUMENT + 4 * PER_ITEM, (small, large)
    assert large <= PER_DOCUMENT + 16 * PER_ITEM, (small, large)

    # Nothing of the upkeep was left out to get there.
    meeting = Meeting.objects.get(date=datetime.date(2024, 3, 5))
    assert meeting.state == MeetingState.MINUTES_APPROVED
    items = AgendaItem.objects.filter(meeting=meeting)
    assert items.count() == 16
    for item in items:
        history = list(item.history.order_by("history_date", "history_id"))
        assert [h.history_type for h in history][:1] == ["+"]
        assert history[-1].decision == item.decision
        # the entry of the decision holds who did not take part, as the item does
        assert {r.member_id for r in history[-1].not_participating.all()} == set(
            item.not_participating.values_list("pk", flat=True)
        )
        assert len(set(item.not_participating.values_list("pk", flat=True))) == 2
    assert Attachment.history.filter(agenda_item_id__in=items.values("pk")).count() == 32
    assert Case.history.filter(number__startswith="24/5").count() == 16
    routes = CaseRoute.history.filter(case__number__startswith="24/5")
    assert (
        sorted(routes.values_list("history_type", "position")) == [("+", 0)] * 16 + [("+", 1)] * 16
    )
    assert Member.history.filter(name="Anne Andersen").count() == 1
    indexed = set(Entry.objects.filter(kind="agenda_item").values_list("object_id", flat=True))
    assert set(items.values_list("pk", flat=True)) <= indexed
