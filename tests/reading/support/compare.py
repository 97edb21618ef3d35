"""How well a reading matches the source's own structure, item by item: number, title, case
number, closure and decisions (each decision's body, date and text). Used by the corpus
tests and bench/reading.py."""

from __future__ import annotations

from collections import Counter
from typing import Any

FIELDS = ("number", "title", "case_number", "access", "decisions")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _decisions(item: dict) -> list[tuple[str, str | None, str]]:
    return [(_norm(d["body"]), d["date"], _norm(d["text"])) for d in item["decisions"]]


def compare(truth: Any, reading: Any) -> Counter:
    """Counts per field of the truth's items matched by the reading's item of the same place
    (``items`` is the number of items in the truth; ``found`` those the reading has)."""
    counts: Counter = Counter()
    read = {item["number"]: item for item in reading["items"] if item["number"] is not None}
    for item in truth["items"]:
        counts["items"] += 1
        other = read.get(item["number"])
        if other is None:
            continue
        counts["found"] += 1
        counts["number"] += 1
        counts["title"] += _norm(item["title"]) == _norm(other["title"])
        counts["case_number"] += (item["case_number"] or None) == (other["case_number"] or None)
        counts["access"] += item["access"] == other["access"]
        # The one mismatch that shows closed content: a closed item read as open.
        counts["closed_read_open"] += item["access"] == "closed" and other["access"] == "open"
        if item["decisions"] is not None:  # None: the source has no decisions of its own
            counts["decisions"] += _decisions(item) == _decisions(other)
    counts["extra"] += max(0, len(reading["items"]) - counts["found"])
    return counts


def mismatches(truth: Any, reading: Any) -> list[str]:
    """What differs, one line per field, for a failing test's message."""
    out = []
    read = {item["number"]: item for item in reading["items"] if item["number"] is not None}
    for item in truth["items"]:
        other = read.get(item["number"])
        if other is None:
            out.append(f"punkt {item['number']} ikke fundet ({item['title']!r})")
            continue
        for field in ("title", "case_number", "access"):
            if _norm(str(item[field])) != _norm(str(other[field])):
                out.append(f"punkt {item['number']} {field}: {item[field]!r} != {other[field]!r}")
        if item["decisions"] is not None and _decisions(item) != _decisions(other):
            out.append(
                f"punkt {item['number']} decisions: {_decisions(item)!r} != {_decisions(other)!r}"
            )
    return out
