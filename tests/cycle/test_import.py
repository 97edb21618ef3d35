"""A document import places the annual cycle on the meetings it creates, as a meeting typed in:
once for the document, around the meetings' own dates."""

from __future__ import annotations

import datetime

from cycle.models import Placement
from reading.importer import import_document


def _agenda(body: str, date: datetime.date, title: str) -> dict:
    return {
        "source": f"dagsorden-{date}.txt",
        "document_type": "dagsorden",
        "body": body,
        "meeting": {"date": date.isoformat(), "start": "09:00", "members": [], "absent": []},
        "items": [
            {
                "number": 1,
                "title": title,
                "case_number": None,
                "access": "open",
                "sections": [],
                "decisions": [],
                "attachments": [],
            }
        ],  # fmt: skip
    }


def test_an_imported_meeting_gets_the_review_that_fits_it(review, board, admin_user):
    may = datetime.date(2026, 5, 1)  # an occurrence of the review, long before today
    assert not Placement.objects.filter(event=review, occurrence=may).exists()

    summary = import_document(
        _agenda("Direktionen", may + datetime.timedelta(days=5), "Budgetopfølgning"),
        user=admin_user,
    )

    assert summary.error is None, summary.error
    placement = Placement.objects.get(event=review, occurrence=may)
    assert placement.topic.planned_for == datetime.date(2026, 5, 6)
    # A second document, an earlier fitting meeting: the review moves to it, as when typed in.
    import_document(_agenda("Direktionen", may + datetime.timedelta(days=1), "Personale"),
                    user=admin_user)  # fmt: skip
    placement.topic.refresh_from_db()
    assert placement.topic.planned_for == datetime.date(2026, 5, 2)
