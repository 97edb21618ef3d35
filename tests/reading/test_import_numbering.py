"""A meeting quoted in another meeting's minutes, imported first, keeps its own numbering.

Committee B's minutes quote committee A's decision on a case ("Sagens forløb"); importing
them first stores that item on A's meeting with the next free number. A's own minutes, imported
after, number every item: the quoted item takes its own number, the others keep theirs, and a
point of A without a case is not joined to a quoted point that happened to get its number.
Documents made for the test, as the readers give them.
"""

import pytest

from meetings.models import AgendaItem, Meeting
from reading.importer import import_document

A, B = "Sundhedsudvalget", "Teknikudvalget"


def _item(number, title, case, decisions):
    return {"number": number, "title": title, "case_number": case, "subject_code": None,
            "access": "open", "routing": [], "sections": [], "attachments": [],
            "decisions": [{"body": body, "date": date, "text": text, "absent": []}
                          for body, date, text in decisions]}  # fmt: skip


def _minutes(body, date, items):
    return {"source": f"{body}-{date}.json", "document_type": "referat", "body": body,
            "meeting": {"date": date, "start": None, "end": None, "place": None,
                        "members": [], "absent": []},
            "items": items, "warnings": []}  # fmt: skip


QUOTING = _minutes(B, "2026-03-05", [
    _item(1, "Trafiksikkerhed ved skolerne", "26/500",
          [(A, "2026-03-02", "Anbefales."), (B, "2026-03-05", "Godkendt.")]),
    _item(2, "Orientering om vinterberedskab", None,
          [(A, "2026-03-02", "Taget til efterretning."),
           (B, "2026-03-05", "Taget til efterretning.")]),
])  # fmt: skip

OWN = _minutes(A, "2026-03-02", [
    _item(1, "Meddelelser", None,
          [(A, "2026-03-02", "Orienteringen blev taget til efterretning.")]),
    _item(2, "Budgetopfølgning", "26/498", [(A, "2026-03-02", "Godkendt.")]),
    _item(3, "Orientering om vinterberedskab", None,
          [(A, "2026-03-02", "Taget til efterretning.")]),
    _item(4, "Trafiksikkerhed ved skolerne", "26/500", [(A, "2026-03-02", "Anbefales.")]),
    _item(5, "Sundhedspolitik 2026", "26/501", [(A, "2026-03-02", "Godkendt.")]),
])  # fmt: skip


def _stored(body: str, date: str) -> list[tuple]:
    meeting = Meeting.objects.get(body__name=body, date=date)
    return [(i.number, i.title, i.case.number if i.case else None, i.decision)
            for i in AgendaItem.objects.filter(meeting=meeting).order_by("number")]  # fmt: skip


@pytest.mark.django_db
def test_the_quoted_meetings_own_minutes_give_every_item_its_number():
    first = import_document(QUOTING)
    second = import_document(OWN)

    assert first.error is None and second.error is None
    assert _stored(A, "2026-03-02") == [
        (1, "Meddelelser", None, "Orienteringen blev taget til efterretning."),
        (2, "Budgetopfølgning", "26/498", "Godkendt."),
        (3, "Orientering om vinterberedskab", None, "Taget til efterretning."),
        (4, "Trafiksikkerhed ved skolerne", "26/500", "Anbefales."),
        (5, "Sundhedspolitik 2026", "26/501", "Godkendt."),
    ]
    assert not [w for w in second.warnings if "næste ledige nummer" in w]
    assert any("har nu mødets eget nummer, 4" in w for w in second.warnings)
    # The quoting meeting is as it was.
    assert [n for n, *_ in _stored(B, "2026-03-05")] == [1, 2]


@pytest.mark.django_db
def test_imported_in_the_meetings_own_order_nothing_moves():
    import_document(OWN)
    summary = import_document(QUOTING)

    assert summary.error is None
    assert [n for n, *_ in _stored(A, "2026-03-02")] == [1, 2, 3, 4, 5]
    assert not [w for w in summary.warnings if "eget nummer" in w]


@pytest.mark.django_db
def test_a_corrected_title_of_a_point_without_a_case_is_still_the_same_point():
    import_document(OWN)
    corrected = _minutes(A, "2026-03-02", [
        _item(1, "Meddelelser fra formanden", None,
              [(A, "2026-03-02", "Orienteringen blev taget til efterretning.")]),
    ])  # fmt: skip
    summary = import_document(corrected)

    assert summary.error is None
    assert [t for _n, t, *_ in _stored(A, "2026-03-02")][0] == "Meddelelser"
    assert len(_stored(A, "2026-03-02")) == 5
