"""Importing a document again after correcting it changes the stored point, never doubles it
(issue 14, point 9), and the review form's titles are wide enough to read."""

from __future__ import annotations

import pytest

from meetings.models import AgendaItem
from reading.importer import import_document
from reading.reader import read_file
from tests.reading.files import seed

pytestmark = pytest.mark.django_db


def test_a_corrected_title_imported_again_is_the_same_point(administrator, municipality):
    parsed = read_file(seed("004"))
    assert import_document(parsed, user=administrator).error is None
    stored = AgendaItem.objects.count()
    original = parsed["items"][1]["title"]
    parsed["items"][1]["title"] = original + " og budgetopfølgning"

    summary = import_document(parsed, user=administrator)

    assert summary.error is None
    assert AgendaItem.objects.count() == stored
    assert AgendaItem.objects.filter(title=original).count() == 1
    assert any("den gemte titel er bevaret" in warning for warning in summary.warnings)


def test_the_review_forms_titles_take_a_whole_row():
    from reading.forms import ReviewForm

    form = ReviewForm(reading=read_file(seed("004")), version=1)
    titles = [name for name in form.fields if name.endswith("-title")]
    assert titles
    assert all(form.fields[n].widget.attrs.get("class") == "wide" for n in titles)
