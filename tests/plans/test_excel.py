"""Excel export and import: the round trip is lossless; bad files change nothing."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organisation.models import Body
from plans import excel, services
from plans.models import Heading, Item, Plan, Theme, ThemeCourse
from tests.factories import HeadingFactory, ItemFactory, SdgFactory, ThemeFactory


def export(plan, items=None) -> bytes:
    items = Item.objects.filter(plan=plan).in_plan_order() if items is None else items
    return excel.plan_export_xlsx(plan=plan, items=items)


def upload(content: bytes, name: str = "plan.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def edited(content: bytes, change) -> bytes:
    """The workbook after change(items_sheet) — what a user does in Excel."""
    workbook = load_workbook(io.BytesIO(content))
    change(workbook[excel.ITEMS_SHEET])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column(sheet, header: str) -> int:
    headers = [cell.value for cell in sheet[1]]
    return headers.index(header) + 1


def snapshot() -> tuple:
    """Everything an import could touch, to show that a rejected one changed nothing."""
    history = Item.history.model.objects.count()
    items = sorted(Item.objects.values_list("code", "title", "version", "status"))
    return Plan.objects.count(), Heading.objects.count(), Theme.objects.count(), items, history


@pytest.fixture
def rich_plan(plan, au, buu, ok, director, heading, theme):
    """Items using every column: texts, flags, bodies, timing, amounts, themes and SDGs."""
    plan.adopted_on = datetime.date(2024, 10, 8)
    plan.state = Plan.State.ADOPTED
    plan.save()
    second_heading = HeadingFactory(plan=plan, name="Partnerskaber", position=2)
    second_theme = ThemeFactory(plan=plan, name="Klima, natur og miljø")
    ThemeCourse.objects.create(theme=second_theme, year=2025, text="Kursen for 2025")
    ThemeCourse.objects.create(theme=second_theme, year=2026, text="Kursen for 2026:\nto linjer")
    sdg3, sdg13 = SdgFactory(number=3, name="Sundhed og trivsel"), SdgFactory(number=13)
    full = ItemFactory(
        plan=plan, code="ØK-A01", title="Ny daginstitution i Grenaa",
        kind=Item.Kind.CAPITAL_PROJECT, committee=ok, cross_cutting=True, director=director,
        contact="Anne Holm",
        description="Aftaleteksten\nmed to linjer", process="Proces", board_role="Følger",
        cross_cutting_aspects="Bygninger", coordination="Økonomi koordinerer",
        followed_by_board=True, needs_political_treatment=True, med_involvement="HMU orienteres",
        timing_year=2025, timing_quarter=1, status=Item.Status.COMPLETED,
        amount_1=Decimal("-1250.5"), amount_2=Decimal("0"), amount_4=Decimal("7.0"),
        derived_2=Decimal("150"), derived_3=Decimal("-2.5"),
    )  # fmt: skip
    full.themes.set([theme, second_theme])
    full.sdgs.set([sdg3, sdg13])
    full.political_bodies.set([ok, au])
    ItemFactory(plan=plan, code="H-7", title="=SUM(A1:A2) er ikke en formel",
                kind=Item.Kind.DECLARATION, heading=second_heading, committee=buu,
                timing_year=2026, timing_quarter=None, timing_month=3,
                status=Item.Status.POSTPONED)  # fmt: skip
    ItemFactory(plan=plan, code="12", title="Et nummer der ligner et tal", committee=au)
    return plan


def item_state(item: Item) -> dict:
    values = {
        f.name: getattr(item, f.attname)
        for f in Item._meta.concrete_fields
        if f.name not in {"id", "plan", "version", "updated_at", "heading"}
    }
    values["heading"] = item.heading.name if item.heading else None
    values["themes"] = sorted(t.name for t in item.themes.all())
    values["sdgs"] = sorted(s.number for s in item.sdgs.all())
    values["political_bodies"] = sorted(b.abbreviation for b in item.political_bodies.all())
    return values


def plan_state(plan: Plan) -> dict:
    return {
        "plan": (plan.first_year, plan.last_year, plan.state, plan.adopted_on),
        "headings": list(plan.headings.values_list("name", flat=True)),
        "themes": list(plan.themes.values_list("name", "description")),
        "courses": sorted(
            ThemeCourse.objects.filter(theme__plan=plan).values_list("theme__name", "year", "text")
        ),
        "items": {item.code: item_state(item) for item in plan.items.all()},
    }


def test_export_has_danish_headers_one_row_per_item_and_readable_values(rich_plan):
    workbook = load_workbook(io.BytesIO(export(rich_plan)))
    assert workbook.sheetnames == ["Indsatser", "Plan", "Hovedpunkter", "Strategiske temaer"]
    sheet = workbook["Indsatser"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:5] == ["Nummer", "Titel", "Type", "Hovedpunkt", "Udvalg"]
    assert "Beløb 2025" in headers and "Afledt drift 2028" in headers
    rows = {row[0]: dict(zip(headers, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)}  # fmt: skip
    assert sheet.max_row == 4
    full = rows["ØK-A01"]
    assert full["Type"] == "Anlægsprojekt"
    assert full["Udvalg"] == "ØK"
    assert full["Tværgående"] == "Ja"
    assert full["Status"] == "Afsluttet"
    assert full["Tidspunkt"] == "1. kvartal 2025"
    assert full["Beløb 2025"] == -1250.5
    assert full["Behandles i"] in {"ØK; AU", "AU; ØK"}
    assert full["Verdensmål"] == "3; 13"
    assert rows["H-7"]["Tidspunkt"] == "marts 2026"
    # Text that starts with "=" stays text: a title must never run as a formula in Excel.
    formula_cell = sheet.cell(
        row=[r[0].value for r in sheet.iter_rows()].index("H-7") + 1, column=2
    )
    assert formula_cell.data_type == "s"
    plan_sheet = {row[0]: row[1] for row in workbook["Plan"].iter_rows(values_only=True)}
    assert plan_sheet["Navn"] == "Udmøntningsplan 2025-2028"
    assert plan_sheet["Tilstand"] == "Vedtaget"


def test_export_of_a_filtered_view_holds_only_those_items(admin_client_, rich_plan, buu):
    response = admin_client_.get(
        reverse("plans:export", args=[rich_plan.pk]), {"committee": buu.pk}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Indsatser"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["H-7"]


def test_export_then_import_into_an_empty_database_gives_the_same_plan(rich_plan, administrator):
    content = export(rich_plan)
    before = plan_state(rich_plan)
    Item.objects.all().delete()
    Plan.objects.all().delete()

    result = excel.plan_import_xlsx(file=upload(content), user=administrator)

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.plan.name == "Udmøntningsplan 2025-2028"
    assert plan_state(result.plan) == before
    record = Item.objects.get(code="ØK-A01").history.get()
    assert record.history_user == administrator
    assert record.history_change_reason == "Indlæst fra Excel"
    assert sorted(r.sdg.number for r in record.historicalitem_sdgs_set.all()) == [3, 13]


def test_reimporting_an_unchanged_export_changes_nothing(rich_plan, administrator):
    before = snapshot()
    result = excel.plan_import_xlsx(file=upload(export(rich_plan)), user=administrator)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_import_updates_changed_rows_with_history_and_a_new_version(rich_plan, administrator):
    item = Item.objects.get(code="12")

    def change(sheet):
        row = [c.value for c in sheet["A"]].index("12") + 1
        sheet.cell(row=row, column=column(sheet, "Titel"), value="Nyt navn")
        sheet.cell(row=row, column=column(sheet, "Status"), value="X")
        sheet.cell(row=row, column=column(sheet, "Beløb 2026"), value="-1.250,5")
        sheet.append(["NY-1", "En ny indsats", "Råderumsforslag", None, "BUU"])

    result = excel.plan_import_xlsx(file=upload(edited(export(rich_plan), change)),
                                    user=administrator)  # fmt: skip

    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    item.refresh_from_db()
    assert item.title == "Nyt navn"
    assert item.status == Item.Status.COMPLETED
    assert item.amount_2 == Decimal("-1250.5")
    assert item.version == 2
    latest = item.history.first()
    assert (latest.history_type, latest.history_user) == ("~", administrator)
    assert item.history.first().prev_record.title == "Et nummer der ligner et tal"
    assert Item.objects.get(code="NY-1").kind_order == 1


def test_concurrent_change_during_the_write_rejects_the_whole_import(rich_plan, administrator):
    item = Item.objects.get(code="12")
    stale = Item.objects.get(pk=item.pk)
    services.item_update(item=item, fields={"title": "Ændret i browseren"},
                         expected_version=item.version, user=administrator)  # fmt: skip
    with pytest.raises(services.ItemConflict):
        services.items_save_many(
            plan=rich_plan,
            changes=[services.ItemChange(fields={"title": "Fra Excel"}, m2m={}, item=stale)],
            user=administrator,
            reason="Indlæst fra Excel",
        )
    assert Item.objects.get(pk=item.pk).title == "Ændret i browseren"


def rejected(content: bytes, user, name: str = "plan.xlsx") -> list[str]:
    before = snapshot()
    with pytest.raises(excel.ImportRejected) as caught:
        excel.plan_import_xlsx(file=upload(content, name), user=user)
    assert snapshot() == before, "a rejected import must leave the database unchanged"
    return caught.value.errors


def set_cell(header: str, value, row: int = 2, code: str | None = None):
    """Change one cell of the items sheet: in the given row, or in the row of the given code."""

    def change(sheet):
        at = [c.value for c in sheet["A"]].index(code) + 1 if code else row
        sheet.cell(row=at, column=column(sheet, header), value=value)

    return change


def test_unknown_committee_is_named_by_row_and_column(rich_plan, administrator):
    errors = rejected(edited(export(rich_plan), set_cell("Udvalg", "XYZ", row=3)), administrator)
    assert errors == ['Række 3, kolonne "Udvalg": ukendt udvalg "XYZ".']


def test_unknown_kind_and_status_list_the_allowed_values(rich_plan, administrator):
    def change(sheet):
        set_cell("Type", "Ønske", row=2)(sheet)
        set_cell("Status", "Næsten", row=4)(sheet)

    errors = rejected(edited(export(rich_plan), change), administrator)
    assert errors[0].startswith(
        'Række 2, kolonne "Type": ukendt type "Ønske" (brug "Driftsændring"'
    )
    assert errors[1].startswith('Række 4, kolonne "Status": ukendt status "Næsten"')


def test_text_in_an_amount_column_is_refused(rich_plan, administrator):
    errors = rejected(edited(export(rich_plan), set_cell("Beløb 2027", "cirka 200")), administrator)
    assert errors == [
        'Række 2, kolonne "Beløb 2027": "cirka 200" er ikke et beløb '
        "(skriv tusinde kr., f.eks. -250)."
    ]


def test_duplicate_code_names_both_rows(rich_plan, administrator):
    content = edited(export(rich_plan), set_cell("Nummer", "12", code="H-7"))
    codes = [c.value for c in load_workbook(io.BytesIO(content))["Indsatser"]["A"]]
    first, second = [n for n, code in enumerate(codes, start=1) if code == "12"]
    errors = rejected(content, administrator)
    assert errors == [f'Række {second}, kolonne "Nummer": nummeret "12" står også i række {first}.']


def test_every_bad_row_is_reported_not_only_the_first(rich_plan, administrator):
    def change(sheet):
        set_cell("Udvalg", "XYZ", row=2)(sheet)
        set_cell("Tidspunkt", "engang", row=3)(sheet)
        set_cell("Verdensmål", "18", row=4)(sheet)

    errors = rejected(edited(export(rich_plan), change), administrator)
    assert [e.split(":")[0] for e in errors] == [
        'Række 2, kolonne "Udvalg"', 'Række 3, kolonne "Tidspunkt"', 'Række 4, kolonne "Verdensmål"'
    ]  # fmt: skip


def test_too_long_title_is_reported_with_the_models_own_message(rich_plan, administrator):
    errors = rejected(edited(export(rich_plan), set_cell("Titel", "x" * 301)), administrator)
    assert len(errors) == 1
    assert errors[0].startswith('Række 2, kolonne "Titel": ')
    assert "300" in errors[0]


def test_wrong_and_missing_headers_are_named(rich_plan, administrator):
    def change(sheet):
        sheet.cell(row=1, column=column(sheet, "Udvalg"), value="Komité")
        sheet.cell(row=1, column=column(sheet, "Beløb 2025"), value="Beløb i 2030")

    errors = rejected(edited(export(rich_plan), change), administrator)
    assert errors[0] == 'Række 1, kolonne E: ukendt kolonneoverskrift "Komité".'
    assert errors[1].startswith('Række 1, kolonne T: ukendt kolonneoverskrift "Beløb i 2030". ')
    assert 'Række 1: kolonnen "Udvalg" mangler.' in errors


def test_a_file_that_is_not_xlsx_is_refused(administrator, plan):
    errors = rejected(b"Nummer;Titel\n1;To\n", administrator, name="plan.xlsx")
    assert errors[0].startswith("Filen er ikke en Excel-fil (.xlsx).")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "hej")
    errors = rejected(other_zip.getvalue(), administrator)
    assert errors[0].startswith("Filen kan ikke læses som en Excel-fil (.xlsx).")


def test_an_empty_file_and_an_empty_items_sheet_are_refused(administrator, rich_plan):
    assert rejected(b"", administrator) == ["Filen er tom."]
    workbook = load_workbook(io.BytesIO(export(rich_plan)))
    workbook["Indsatser"].delete_rows(1, workbook["Indsatser"].max_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = rejected(buffer.getvalue(), administrator)
    assert errors == ['Arket "Indsatser" er tomt: række 1 skal have kolonneoverskrifterne.']


def test_a_plan_sheet_without_name_or_years_is_refused(administrator, plan):
    workbook = Workbook()
    workbook.active.title = "Indsatser"
    workbook.create_sheet("Plan").append(["Tilstand", "Kladde"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = rejected(buffer.getvalue(), administrator)
    assert errors == ['Arket "Plan", feltet "Navn": planens navn mangler.',
                      'Arket "Plan", feltet "Første budgetår": "" er ikke et årstal.',
                      'Arket "Plan", feltet "Sidste budgetår": "" er ikke et årstal.']  # fmt: skip


def test_a_workbook_without_items_sheet_is_refused(administrator, plan):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    errors = rejected(buffer.getvalue(), administrator)
    assert errors[0].startswith('Arket "Indsatser" mangler.')


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(administrator, plan, settings):
    settings.KURSEN_IMPORT_MAX_BYTES = 1024 * 1024
    errors = rejected(b"x" * (1024 * 1024 + 1), administrator)
    assert errors == ["Filen fylder 1,0 MB; den må højst fylde 1 MB."]


def test_a_file_that_unpacks_to_too_much_is_refused_unread(rich_plan, administrator, settings):
    settings.KURSEN_IMPORT_MAX_UNPACKED_BYTES = 100_000
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a/>" + " " * 200_000)
    assert len(bomb.getvalue()) < 5_000
    errors = rejected(bomb.getvalue(), administrator)
    assert errors == [
        "Filen fylder for meget, når den pakkes ud. Del den op, og indlæs delene hver for sig."
    ]


def test_a_sheet_of_100000_rows_is_refused_with_the_row_where_it_goes_over(
    rich_plan, administrator
):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Indsatser")
    sheet.append(["Nummer", "Titel", "Type", "Udvalg"])
    for n in range(100_000):
        sheet.append([f"R{n}", "Række", "Driftsændring", "AU"])
    plan_sheet = workbook.create_sheet("Plan")
    for row in (["Felt", "Værdi"], ["Navn", rich_plan.name], ["Første budgetår", 2025],
                ["Sidste budgetår", 2028], ["Tilstand", "Vedtaget"]):  # fmt: skip
        plan_sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = rejected(buffer.getvalue(), administrator)
    assert errors == [
        'Arket "Indsatser" har mere end 20.000 indsatser: række 20.002 og frem er for meget. '
        "Del filen op, og indlæs delene hver for sig."
    ]


def test_a_plan_cannot_change_its_budget_years_by_import(rich_plan, administrator):
    workbook = load_workbook(io.BytesIO(export(rich_plan)))
    for row in workbook["Plan"].iter_rows(min_row=2):
        if row[0].value == "Sidste budgetår":
            row[1].value = 2027
    buffer = io.BytesIO()
    workbook.save(buffer)
    errors = rejected(buffer.getvalue(), administrator)
    assert "En plans budgetår kan ikke ændres ved indlæsning." in errors[0]


def test_administrator_imports_through_the_page_and_sees_the_counts(admin_client_, rich_plan):
    content = edited(export(rich_plan), set_cell("Titel", "Ny titel fra Excel"))
    response = admin_client_.post(reverse("plans:import"), {"file": upload(content)}, follow=True)
    assert response.redirect_chain[-1][0] == rich_plan.get_absolute_url()
    text = response.content.decode()
    assert "0 oprettet, 1 opdateret, 2 uændret" in text
    assert "Ny titel fra Excel" in text


def test_import_page_shows_every_error_and_changes_nothing(admin_client_, rich_plan):
    content = edited(export(rich_plan), set_cell("Udvalg", "XYZ"))
    before = snapshot()
    response = admin_client_.post(reverse("plans:import"), {"file": upload(content)})
    assert response.status_code == 400
    assert "Række 2, kolonne &quot;Udvalg&quot;: ukendt udvalg &quot;XYZ&quot;." in (
        response.content.decode()
    )
    assert "Filen er ikke indlæst" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_administrators_may_import(request, who, rich_plan):
    client = request.getfixturevalue(who)
    before = snapshot()
    response = client.post(reverse("plans:import"), {"file": upload(export(rich_plan))})
    assert response.status_code == 403
    assert snapshot() == before


def test_import_resolves_committees_by_name_as_well_as_abbreviation(rich_plan, administrator):
    name = Body.objects.get(abbreviation="BUU").name
    content = edited(export(rich_plan), set_cell("Udvalg", name, row=2))
    excel.plan_import_xlsx(file=upload(content), user=administrator)
    codes = [r[0] for r in load_workbook(io.BytesIO(content))["Indsatser"].iter_rows(
        min_row=2, max_row=2, values_only=True)]  # fmt: skip
    assert Item.objects.get(code=codes[0]).committee.abbreviation == "BUU"


def test_control_characters_pasted_from_word_do_not_break_the_export(item):
    item.description = "Første linje\x0banden linje"
    item.save()
    sheet = load_workbook(io.BytesIO(export(item.plan)))["Indsatser"]
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["Beskrivelse"] == "Første linjeanden linje"


def test_amounts_typed_as_text_are_read_the_danish_way(rich_plan, administrator):
    def change(sheet):
        set_cell("Beløb 2025", "2.5", code="12")(sheet)
        set_cell("Beløb 2026", "-1.250", code="12")(sheet)

    excel.plan_import_xlsx(file=upload(edited(export(rich_plan), change)), user=administrator)
    item = Item.objects.get(code="12")
    assert (item.amount_1, item.amount_2) == (Decimal("2.5"), Decimal("-1250"))
