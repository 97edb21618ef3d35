"""Issue 14 on the plan pages: facts that cannot drift, the restore's diff before it happens,
notes the author corrects or deletes, and the derived operating cost in the plan table."""

import datetime
import re

import pytest
from django.urls import reverse

from plans import services
from plans.models import Item, StatusNote
from tests.factories import ItemFactory, StatusNoteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_fact_of_an_item_sits_with_its_label(editor_client, item):
    """Every term and its value are wrapped together, so a grid cannot move a value under
    another label ("Erhvervschef Lars Kjær" under "Ansvarlig direktør/område")."""
    html = editor_client.get(item.get_absolute_url()).content.decode()
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S).group(1)
    pairs = re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", facts, re.S)
    assert len(pairs) == facts.count("<dt>") and len(pairs) >= 7
    assert dict(pairs)["Ansvarlig direktør/område"].startswith("Fællesforvaltningsdirektør")


def test_the_facts_style_is_defined_once():
    from django.conf import settings

    css = (settings.BASE_DIR / "static/css/kursen.css").read_text()
    assert len(re.findall(r"^\.facts \{", css, re.M)) == 1


def test_restore_shows_which_fields_change_before_restoring(editor_client, editor, item):
    services.item_update(item=item, fields={"title": "Ny titel"}, expected_version=item.version,
                         user=editor)  # fmt: skip
    item.refresh_from_db()
    oldest = item.history.order_by("history_id").first()
    url = reverse("plans:item_restore", args=[item.pk, oldest.history_id])
    html = editor_client.get(url).content.decode()
    assert "<del>Ny titel</del>" in html
    assert "<ins>Styrket virksomhedsrettet indsats</ins>" in html
    item.refresh_from_db()
    assert item.title == "Ny titel"  # looking restores nothing
    editor_client.post(url, {"version": item.version})
    item.refresh_from_db()
    assert item.title == "Styrket virksomhedsrettet indsats"


def test_the_author_corrects_a_note_and_the_history_keeps_the_old_text(editor_client, editor,
                                                                       item):  # fmt: skip
    note = services.status_note_add(item=item, text="Igangsat", date=datetime.date(2025, 3, 1),
                                    user=editor)  # fmt: skip
    page = editor_client.get(item.get_absolute_url()).content.decode()
    assert reverse("plans:note_edit", args=[note.pk]) in page
    response = editor_client.post(reverse("plans:note_edit", args=[note.pk]),
                                  {"date": "2025-03-02", "text": "Igangsat i marts"})  # fmt: skip
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Igangsat i marts"
    assert [h.text for h in note.history.order_by("history_id")] == ["Igangsat", "Igangsat i marts"]


def test_the_author_deletes_a_note_after_confirming(editor_client, editor, item):
    note = StatusNoteFactory(item=item, author=editor, text="Forkert indsats")
    url = reverse("plans:note_delete", args=[note.pk])
    assert "Slet statusnoten" in editor_client.get(url).content.decode()
    assert StatusNote.objects.filter(pk=note.pk).exists()
    editor_client.post(url)
    assert not StatusNote.objects.filter(pk=note.pk).exists()
    assert StatusNote.history.filter(id=note.pk, history_type="-").exists()


def test_someone_else_cannot_correct_or_delete_a_note(editor_client, item, au):
    colleague = UserFactory(username="kollega", role="editor", role__bodies=[au])
    note = StatusNoteFactory(item=item, author=colleague, text="Min note")
    edit = reverse("plans:note_edit", args=[note.pk])
    assert editor_client.post(edit, {"date": "2025-03-02", "text": "Ændret"}).status_code == 403
    assert editor_client.post(reverse("plans:note_delete", args=[note.pk])).status_code == 403
    note.refresh_from_db()
    assert note.text == "Min note"


def test_the_plan_table_shows_the_derived_operating_cost(editor_client, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-A01", title="Nyt jobcenter",
                kind=Item.Kind.CAPITAL_PROJECT, amount_1=5000, derived_1=350)  # fmt: skip
    html = editor_client.get(plan.get_absolute_url()).content.decode()
    assert "Afledt drift 350" in html
