"""Excel for any plan's own years, and the råderumskatalog's export and import."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from plans import catalogue_excel, excel, services
from plans.models import Item, Plan, Proposal
from tests.factories import ItemFactory, PlanFactory
from tests.plans.test_excel import column, edited, rejected, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_plan(db, municipality, au):
    plan = PlanFactory(name="Udmøntningsplan 2026-2029", first_year=2026, last_year=2029,
                       state=Plan.State.DRAFT)  # fmt: skip
    ItemFactory(plan=plan, committee=au, code="AU-D04", amount_1=Decimal("-200"),
                amount_4=Decimal("-900"))  # fmt: skip
    return plan


def _export(plan) -> bytes:
    return excel.plan_export_xlsx(plan=plan, items=Item.objects.filter(plan=plan))


def test_a_plan_for_2026_2029_has_its_own_year_columns_and_comes_back_whole(
    next_plan, administrator
):
    content = _export(next_plan)
    headers = [c.value for c in load_workbook(io.BytesIO(content))["Indsatser"][1]]
    assert [h for h in headers if h.startswith("Beløb")] == [
        "Beløb 2026", "Beløb 2027", "Beløb 2028", "Beløb 2029"
    ]  # fmt: skip
    result = excel.plan_import_xlsx(file=upload(content), user=administrator)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_new_budget_agreement_items_come_in_for_the_new_years(next_plan, administrator, au):
    def change(sheet):
        sheet.append(["AU-D10", "Ny indsats fra budgetaftalen 2026", "Driftsændring", "", "AU"])
        sheet.cell(row=3, column=column(sheet, "Beløb 2029"), value=-450)

    result = excel.plan_import_xlsx(file=upload(edited(_export(next_plan), change)),
                                    user=administrator)  # fmt: skip
    assert result.created == 1
    new = Item.objects.get(plan=next_plan, code="AU-D10")
    assert new.amounts()[-1][:2] == (2029, Decimal("-450"))


def test_an_empty_column_of_a_year_outside_the_plan_is_accepted(next_plan, administrator):
    """An older plan's export used as the template keeps its "Beløb 2025" column."""

    def change(sheet):
        sheet.cell(row=1, column=sheet.max_column + 1, value="Beløb 2025")

    result = excel.plan_import_xlsx(file=upload(edited(_export(next_plan), change)),
                                    user=administrator)  # fmt: skip
    assert result.unchanged == 1


def test_an_amount_in_a_year_outside_the_plan_is_named_by_row_and_column(next_plan, administrator):
    def change(sheet):
        at = sheet.max_column + 1
        sheet.cell(row=1, column=at, value="Beløb 2025")
        sheet.cell(row=2, column=at, value=-100)

    errors = rejected(edited(_export(next_plan), change), administrator)
    assert errors == [
        'Række 2, kolonne "Beløb 2025": 2025 er ikke et budgetår i Udmøntningsplan 2026-2029 '
        "(2026-2029). Flyt beløbet til et af planens år, eller lad cellen stå tom."
    ]


def test_an_archived_plan_is_not_changed_by_an_import(next_plan, administrator):
    services.plan_archive(plan=next_plan, user=administrator)
    errors = rejected(_export(next_plan), administrator)
    assert "er arkiveret og kan ikke ændres længere" in errors[0]


# --- The råderumskatalog ---------------------------------------------------------------------


@pytest.fixture
def catalogue(next_plan, au, buu, administrator):
    services.proposal_create(
        plan=next_plan,
        fields={"number": "R-01", "title": "Færre konsulenter", "committee": au,
                "state": Proposal.State.CHOSEN, "amount_1": Decimal("-500"),
                "amount_4": Decimal("-2.5"), "consequences": "Færre analyser\nudefra."},
        user=administrator,
    )  # fmt: skip
    services.proposal_create(
        plan=next_plan,
        fields={"number": "R-02", "title": "=Lukning af legestue", "committee": buu,
                "state": Proposal.State.REJECTED, "amount_2": Decimal("-1250")},
        user=administrator,
    )  # fmt: skip
    return next_plan


def _catalogue(plan) -> bytes:
    proposals = Proposal.objects.filter(plan=plan).with_everything().in_catalogue_order()
    return catalogue_excel.catalogue_export_xlsx(plan=plan, proposals=proposals)


def _state(plan) -> list:
    return list(
        Proposal.objects.filter(plan=plan).order_by("number").values_list(
            "number", "title", "committee__abbreviation", "state", "description",
            "consequences", "amount_1", "amount_2", "amount_3", "amount_4",
        )
    )  # fmt: skip


def _edited(content: bytes, change) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook[catalogue_excel.SHEET])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rejected(plan, content, user) -> list[str]:
    before = _state(plan)
    with pytest.raises(excel.ImportRejected) as caught:
        catalogue_excel.catalogue_import_xlsx(plan=plan, file=upload(content), user=user)
    assert _state(plan) == before
    return caught.value.errors


def test_catalogue_export_has_danish_headers_and_the_plans_years(catalogue):
    sheet = load_workbook(io.BytesIO(_catalogue(catalogue)))[catalogue_excel.SHEET]
    assert [c.value for c in sheet[1]] == [
        "Nummer", "Titel", "Udvalg", "Tilstand", "Beløb 2026", "Beløb 2027", "Beløb 2028",
        "Beløb 2029", "Beskrivelse", "Konsekvenser", "Blev til indsats",
    ]  # fmt: skip
    assert [c.value for c in sheet[2]][:5] == ["R-01", "Færre konsulenter", "AU", "Valgt", -500]
    assert sheet.cell(row=3, column=2).data_type == "s"  # "=..." stays text, not a formula


def test_catalogue_export_then_import_gives_the_same_catalogue(catalogue, administrator):
    content = _catalogue(catalogue)
    before = _state(catalogue)
    Proposal.objects.all().delete()
    result = catalogue_excel.catalogue_import_xlsx(plan=catalogue, file=upload(content),
                                                   user=administrator)  # fmt: skip
    assert (result.created, result.updated) == (2, 0)
    assert _state(catalogue) == before
    again = catalogue_excel.catalogue_import_xlsx(plan=catalogue, file=upload(content),
                                                  user=administrator)  # fmt: skip
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_catalogue_import_updates_by_number_with_history(catalogue, administrator):
    def change(sheet):
        sheet.cell(row=2, column=4, value="Delvist valgt")
        sheet.cell(row=2, column=5, value="-250")

    result = catalogue_excel.catalogue_import_xlsx(
        plan=catalogue, file=upload(_edited(_catalogue(catalogue), change)), user=administrator
    )
    assert result.updated == 1
    proposal = Proposal.objects.get(number="R-01")
    assert proposal.state == Proposal.State.PARTLY_CHOSEN
    assert proposal.amount_1 == Decimal("-250") and proposal.version == 2
    assert proposal.history.first().history_change_reason == "Indlæst fra Excel"


def test_catalogue_import_names_every_bad_cell_and_changes_nothing(catalogue, administrator):
    def change(sheet):
        sheet.cell(row=2, column=3, value="XYZ")
        sheet.cell(row=2, column=4, value="Måske")
        sheet.cell(row=3, column=5, value="mange")
        sheet.cell(row=3, column=1, value="R-01")
        sheet.cell(row=1, column=12, value="Beløb 2025")
        sheet.cell(row=3, column=12, value=10)

    errors = _rejected(catalogue, _edited(_catalogue(catalogue), change), administrator)
    assert errors == [
        'Række 2, kolonne "Udvalg": ukendt udvalg "XYZ".',
        'Række 2, kolonne "Tilstand": ukendt tilstand "Måske" (brug "Foreslået", "Valgt", '
        '"Fravalgt" eller "Delvist valgt").',
        'Række 3, kolonne "Nummer": nummeret "R-01" står også i række 2.',
        'Række 3, kolonne "Beløb 2026": "mange" er ikke et beløb (skriv tusinde kr., f.eks. -250).',
        'Række 3, kolonne "Beløb 2025": 2025 er ikke et budgetår i Udmøntningsplan 2026-2029 '
        "(2026-2029). Flyt beløbet til et af planens år, eller lad cellen stå tom.",
    ]


def test_catalogue_import_refuses_unknown_and_missing_headers(catalogue, administrator):
    def change(sheet):
        sheet.cell(row=1, column=3, value="Komité")

    errors = _rejected(catalogue, _edited(_catalogue(catalogue), change), administrator)
    assert errors[0] == 'Række 1, kolonne C: ukendt kolonneoverskrift "Komité".'
    assert 'Række 1: kolonnen "Udvalg" mangler.' in errors


def test_catalogue_import_refuses_a_file_that_is_not_xlsx(catalogue, administrator):
    errors = _rejected(catalogue, b"Nummer;Titel", administrator)
    assert errors[0].startswith("Filen er ikke en Excel-fil (.xlsx).")
