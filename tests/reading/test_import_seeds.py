"""`kursen import-documents` on the four real seeds: reader and import together, as a new
municipality would run it on its folder of published agendas and minutes."""

import datetime
import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from meetings.models import AgendaItem, Attachment, Case, Meeting, MeetingState
from tests.reading.files import SEEDS

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", *args, stdout=out, stderr=err)
    return out.getvalue()


def counts() -> tuple:
    decided = AgendaItem.objects.exclude(decision="").count()
    return (Meeting.objects.count(), Case.objects.count(), AgendaItem.objects.count(),
            Attachment.objects.count(), decided)  # fmt: skip


def test_the_seed_folder_imports_in_one_command():
    output = run(str(SEEDS))

    assert "4 filer: 4 med ændringer, 0 uden ændringer, 0 med fejl." in output
    case = Case.objects.get(number="22/291")
    decisions = [
        (item.meeting.body.name, item.meeting.date, item.decision.split(".")[0][:26])
        for item in AgendaItem.objects.filter(case=case).order_by("meeting__date")
    ]
    assert decisions == [
        ("Økonomiudvalget", datetime.date(2022, 12, 6), "Tiltrådt"),
        ("Kommunalbestyrelsen", datetime.date(2022, 12, 13), "Godkendt"),
        ("Hovedudvalget", datetime.date(2023, 3, 2), "Fællesforvaltningsdirektør"),
    ]  # fmt: skip

    au = Meeting.objects.get(body__name="Arbejdsmarkedsudvalget", date=datetime.date(2025, 1, 23))
    au_item = au.items.get()
    assert au_item.title == "Udmøntningsplan 2025-2028"
    assert list(au_item.attachments.values_list("title", "document_number")) == [
        ("AU Udmøntningsplan 2025-2028", "127800/24")
    ]

    board = Meeting.objects.get(body__name="Direktionen", date=datetime.date(2023, 11, 22))
    assert board.state == MeetingState.AGENDA_PUBLISHED
    assert [i.title for i in board.items.order_by("number")] == [
        "Beslutningsprotokoller og dagsordener", "Økonomi", "Punkter til behandling",
        "Eventuelt, herunder punkter til næste møde",
    ]  # fmt: skip
    economy = board.items.get(number=2)
    assert [(a.number, a.closed) for a in economy.attachments.order_by("number")] == [
        (1, False), (2, True),
    ]  # fmt: skip


def test_importing_the_folder_again_changes_nothing():
    run(str(SEEDS))
    before = counts()

    output = run(str(SEEDS))

    assert counts() == before
    assert "4 filer: 0 med ændringer, 4 uden ændringer, 0 med fejl." in output


def test_dry_run_shows_what_would_change_and_stores_nothing():
    output = run(str(SEEDS), "--dry-run")

    assert "ville oprette" in output
    assert "Prøvekørsel – intet er gemt." in output
    assert counts() == (0, 0, 0, 0, 0)


def test_a_bad_file_is_reported_and_skipped_and_the_rest_imported(tmp_path):
    for seed in SEEDS.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "000_beskadiget.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00\xff" * 200)
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 filer kunne ikke indlæses"):
        call_command("import_documents", str(tmp_path), stdout=out, stderr=io.StringIO())

    output = out.getvalue()
    assert "000_beskadiget.pdf: FEJL – PDF-filen er beskadiget" in output
    assert "5 filer: 4 med ændringer, 0 uden ændringer, 1 med fejl." in output
    assert Case.objects.filter(number="22/291").exists()
