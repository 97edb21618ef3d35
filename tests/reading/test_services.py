"""The document import's writes go through reading.services, for the review page and the
command alike: corrections, storing (with the user's rights) and discarding."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from organisation.models import Body
from reading import services
from reading.models import DocumentImport
from tests.reading.files import seed

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"


def board_agenda() -> dict:
    return json.loads((GOLDEN / "004.json").read_text(encoding="utf-8"))


@pytest.fixture
def document(editor):
    return DocumentImport.objects.create(
        filename="dagsorden.txt", size=1, parsed=board_agenda(), uploaded_by=editor
    )


def test_store_marks_the_document_stored_by_the_user(document, administrator):
    summary = services.document_import_store(
        parsed=document.parsed, user=administrator, document=document, expected_version=1
    )

    assert summary.error is None
    document.refresh_from_db()
    assert document.state == DocumentImport.State.STORED
    assert document.stored_by == administrator and document.version == 2
    assert Meeting.objects.filter(body__name="Direktionen").exists()


def test_store_refused_for_an_editor_of_another_body_writes_nothing(document, editor):
    summary = services.document_import_store(
        parsed=document.parsed, user=editor, document=document, expected_version=1
    )

    assert "Direktionen" in summary.error
    document.refresh_from_db()
    assert document.state == DocumentImport.State.READ and document.version == 1
    assert not Meeting.objects.exists()


def test_stale_store_and_discard_are_refused(document, administrator):
    services.document_import_correct(
        document=document, parsed=document.parsed, expected_version=1, user=administrator
    )
    with pytest.raises(services.DocumentImportStale):
        services.document_import_store(
            parsed=document.parsed, user=administrator, document=document, expected_version=1
        )
    services.document_import_discard(document=document, user=administrator)
    with pytest.raises(services.DocumentImportStale):  # discarded documents stay discarded
        services.document_import_discard(document=document, user=administrator)
    document.refresh_from_db()
    assert document.state == DocumentImport.State.DISCARDED
    assert not Meeting.objects.exists()


def test_command_with_a_user_applies_that_users_rights(editor, au, capsys):
    """`kursen import-documents --user redaktor` stores only what the editor could store on
    the review page: not Direktionen's agenda, and no new body."""
    with pytest.raises(Exception, match="kunne ikke indlæses"):
        call_command("import_documents", str(seed("004")), user=editor.username)

    assert "Direktionen" in capsys.readouterr().out
    assert list(Body.objects.values_list("abbreviation", flat=True)) == ["AU"]
    assert not Meeting.objects.exists()


def test_editors_import_cannot_change_a_case_outside_their_bodies(editor, au, ok):
    """AU's editor imports AU's extract naming ØK's case: the import may not rewrite it (the
    case is edited only by the secretariats on its routing), and says so instead of a 500."""
    from meetings import services as meeting_services
    from meetings.models import Case

    meeting_services.case_create(number="25/4711", title="25/4711", routing=[ok])
    document = json.loads((GOLDEN / "003.json").read_text(encoding="utf-8"))
    document["items"][0]["case_number"] = "25/4711"

    summary = services.document_import_store(parsed=document, user=editor)

    assert summary.error == "Du kan kun redigere sager, der behandles i dine udvalg."
    assert Case.objects.get().title == "25/4711"
    assert not Meeting.objects.exists()
