"""The plan register's pages as users of each role meet them."""

import pytest
from django.urls import reverse

from plans import services
from plans.models import Item, StatusNote
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def read_urls(item):
    plan = item.plan
    return [
        reverse("plans:current"),
        reverse("plans:plans"),
        reverse("plans:plan", args=[plan.pk]),
        reverse("plans:plan", args=[plan.pk]) + "?committee=" + str(item.committee_id),
        reverse("plans:item", args=[item.pk]),
        reverse("plans:item_history", args=[item.pk]),
        reverse("plans:extracts", args=[plan.pk]),
        reverse("plans:extract", args=[plan.pk, item.committee.abbreviation]),
        reverse("documents:extract", args=[plan.pk, item.committee.abbreviation, "docx"]),
        reverse("documents:extract", args=[plan.pk, item.committee.abbreviation, "pdf"]),
        reverse("plans:export", args=[plan.pk]),
    ]


def test_anonymous_visitors_get_the_login_page_for_every_page_and_download(client, item):
    urls = [
        *read_urls(item),
        reverse("plans:item_edit", args=[item.pk]),
        reverse("plans:item_create", args=[item.plan_id]),
        reverse("plans:import"),
        reverse("admin:index"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        # Django's admin sends anonymous users to its own login page.
        assert response.url.startswith((reverse("login"), "/admin/login/")), url
    login = client.get(reverse("login"))
    assert "Log ind i Kursen" in login.content.decode()


def test_anonymous_posts_change_nothing(client, item):
    client.post(reverse("plans:item_edit", args=[item.pk]), {"title": "Hacket"})
    client.post(reverse("plans:note_add", args=[item.pk]), {"text": "x", "date": "2025-01-01"})
    item.refresh_from_db()
    assert item.title == "Styrket virksomhedsrettet indsats"
    assert not StatusNote.objects.exists()


def test_reader_reads_every_page_and_download(reader_client, item):
    for url in read_urls(item):
        response = reader_client.get(url, follow=True)
        assert response.status_code == 200, url


def test_reader_cannot_edit_create_restore_note_or_import(reader_client, item):
    record = item.history.first()
    forbidden_gets = [
        reverse("plans:item_edit", args=[item.pk]),
        reverse("plans:item_create", args=[item.plan_id]),
        reverse("plans:import"),
    ]
    for url in forbidden_gets:
        response = reader_client.get(url)
        assert response.status_code == 403, url
        assert "Ingen adgang" in response.content.decode()
    assert reader_client.post(reverse("plans:item_edit", args=[item.pk]), {}).status_code == 403
    assert reader_client.post(reverse("plans:note_add", args=[item.pk]), {}).status_code == 403
    restore = reverse("plans:item_restore", args=[item.pk, record.history_id])
    assert reader_client.post(restore, {"version": item.version}).status_code == 403
    assert reader_client.get(reverse("admin:index")).status_code == 302
    page = reader_client.get(reverse("plans:item", args=[item.pk])).content.decode()
    assert "Redigér" not in page


def test_editor_cannot_edit_another_committees_item(editor_client, other_item):
    assert editor_client.get(reverse("plans:item_edit", args=[other_item.pk])).status_code == 403
    response = editor_client.post(
        reverse("plans:item_edit", args=[other_item.pk]), item_form_data(other_item, title="Nej")
    )
    assert response.status_code == 403
    other_item.refresh_from_db()
    assert other_item.title == "Inklusion i folkeskolen"
    note = editor_client.post(
        reverse("plans:note_add", args=[other_item.pk]), {"text": "x", "date": "2025-01-01"}
    )
    assert note.status_code == 403


def test_editor_may_edit_items_of_their_area_in_another_committee(editor, buu, plan, director):
    editor.profile.directors.add(director)
    item = ItemFactory(plan=plan, committee=buu, director=director)
    from django.test import Client

    client = Client()
    client.force_login(editor)
    assert client.get(reverse("plans:item_edit", args=[item.pk])).status_code == 200


def item_form_data(item, **changes):
    data = {
        "version": item.version,
        "code": item.code,
        "title": item.title,
        "kind": item.kind,
        "status": item.status,
        "committee": item.committee_id,
        "heading": item.heading_id or "",
        "director": item.director_id or "",
        "contact": item.contact,
        "description": item.description,
        "process": item.process,
        "cross_cutting_aspects": item.cross_cutting_aspects,
        "board_role": item.board_role,
        "coordination": item.coordination,
        "med_involvement": item.med_involvement,
        "timing_year": item.timing_year or "",
        "timing_period": f"q{item.timing_quarter}" if item.timing_quarter else "",
        "amount_1": item.amount_1 if item.amount_1 is not None else "",
        "amount_2": item.amount_2 if item.amount_2 is not None else "",
        "amount_3": "",
        "amount_4": "",
        "derived_1": "",
        "derived_2": "",
        "derived_3": "",
        "derived_4": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_editor_edits_own_committees_item_and_history_records_who_and_what(
    editor_client, editor, item
):
    response = editor_client.post(
        reverse("plans:item_edit", args=[item.pk]),
        item_form_data(item, title="Styrket indsats for virksomheder", status="completed",
                       amount_2="-1.250", timing_period="m3"),
    )  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Styrket indsats for virksomheder"
    assert item.status == Item.Status.COMPLETED
    assert str(item.amount_2) == "-1250.0"
    assert item.timing_label == "marts 2025"
    assert item.version == 2
    latest = item.history.first()
    assert latest.history_user == editor
    history = editor_client.get(reverse("plans:item_history", args=[item.pk])).content.decode()
    assert "Styrket virksomhedsrettet indsats" in history
    assert "Styrket indsats for virksomheder" in history
    assert "-500" in history and "-1.250" in history


def test_invalid_form_shows_danish_errors_next_to_the_fields(editor_client, item):
    response = editor_client.post(
        reverse("plans:item_edit", args=[item.pk]),
        item_form_data(item, title="", amount_1="tusind", timing_year="", timing_period="q2"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indsatsen er ikke gemt" in page
    assert "Dette felt er påkrævet." in page
    assert "Angiv et tal." in page or "Indtast et tal." in page
    assert "Angiv året for tidspunktet." in page
    item.refresh_from_db()
    assert item.title == "Styrket virksomhedsrettet indsats"


def test_second_of_two_concurrent_saves_is_refused_and_shows_both_versions(
    editor_client, administrator, item
):
    from django.test import Client

    other = Client()
    other.force_login(administrator)
    # Both open the edit form at version 1.
    first_form = item_form_data(item, title="Titel fra administratoren")
    second_form = item_form_data(item, title="Titel fra redaktøren", status="postponed")
    assert other.post(reverse("plans:item_edit", args=[item.pk]), first_form).status_code == 302
    response = editor_client.post(reverse("plans:item_edit", args=[item.pk]), second_form)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Indsatsen er ændret, mens du redigerede" in page
    assert "Titel fra administratoren" in page and "Titel fra redaktøren" in page
    item.refresh_from_db()
    assert item.title == "Titel fra administratoren"
    assert item.status == Item.Status.IN_PROGRESS
    # Having seen both, the editor may deliberately save their version.
    resubmit = dict(second_form, version=item.version)
    assert (
        editor_client.post(reverse("plans:item_edit", args=[item.pk]), resubmit).status_code == 302
    )
    item.refresh_from_db()
    assert item.title == "Titel fra redaktøren"


def test_restore_brings_back_an_earlier_version_as_a_new_change(editor_client, editor, item, theme):
    original = item.history.first()
    services.item_update(item=item, fields={"title": "Ny titel", "amount_1": -999},
                         m2m={"themes": [theme]}, expected_version=1, user=editor)  # fmt: skip
    item.refresh_from_db()
    response = editor_client.post(
        reverse("plans:item_restore", args=[item.pk, original.history_id]),
        {"version": item.version},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Styrket virksomhedsrettet indsats"
    assert item.amount_1 == -250
    assert list(item.themes.all()) == []
    assert item.history.count() == 3
    assert "Gendannet" in item.history.first().history_change_reason


def test_restore_from_a_stale_page_is_refused(editor_client, editor, item):
    original = item.history.first()
    services.item_update(item=item, fields={"title": "Ny titel"}, expected_version=1, user=editor)
    response = editor_client.post(
        reverse("plans:item_restore", args=[item.pk, original.history_id]), {"version": 1}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Ny titel"


def test_status_note_is_added_with_author_and_date(editor_client, editor, item):
    response = editor_client.post(
        reverse("plans:note_add", args=[item.pk]),
        {"date": "2025-03-14", "text": "Arbejdsgruppen er nedsat."},
    )
    assert response.status_code == 302
    note = item.notes.get()
    assert note.author == editor and note.text == "Arbejdsgruppen er nedsat."
    page = editor_client.get(reverse("plans:item", args=[item.pk])).content.decode()
    assert "fredag den 14. marts 2025" in page


def test_empty_status_note_is_refused_with_a_danish_error(editor_client, item):
    response = editor_client.post(
        reverse("plans:note_add", args=[item.pk]), {"date": "", "text": ""}
    )
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not item.notes.exists()


def test_editor_creates_an_item_only_in_their_own_committees(editor_client, plan, au, buu):
    url = reverse("plans:item_create", args=[plan.pk])
    form = editor_client.get(url).context["form"]
    assert list(form.fields["committee"].queryset) == [au]
    data = {"version": 1, "code": "AU-D99", "title": "Ny indsats", "kind": "operating_change",
            "status": "not_started", "committee": au.pk}  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    assert Item.objects.get(code="AU-D99").history.first().history_type == "+"
    response = editor_client.post(url, dict(data, code="BUU-D99", committee=buu.pk))
    assert response.status_code == 200
    assert not Item.objects.filter(code="BUU-D99").exists()


def test_duplicate_code_in_the_same_plan_is_refused(editor_client, plan, au, item):
    url = reverse("plans:item_create", args=[plan.pk])
    data = {"version": 1, "code": item.code, "title": "Dublet", "kind": "operating_change",
            "status": "not_started", "committee": au.pk}  # fmt: skip
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert Item.objects.filter(code=item.code).count() == 1
    assert "findes allerede" in response.content.decode()


def test_declaration_of_intent_needs_a_heading(editor_client, item):
    response = editor_client.post(
        reverse("plans:item_edit", args=[item.pk]), item_form_data(item, kind="declaration")
    )
    assert "En hensigtserklæring skal have et hovedpunkt." in response.content.decode()


def test_plan_page_groups_by_committee_and_kind_with_counts_x_and_totals(
    reader_client, plan, au, buu
):
    ItemFactory(plan=plan, committee=au, code="AU-D01", title="Første", amount_1=-100)
    ItemFactory(plan=plan, committee=au, code="AU-D02", title="Anden", amount_1=-150,
                status=Item.Status.COMPLETED)  # fmt: skip
    ItemFactory(plan=plan, committee=au, code="AU-A01", title="Bygning", amount_1=2000,
                kind=Item.Kind.CAPITAL_PROJECT)  # fmt: skip
    ItemFactory(plan=plan, committee=buu, code="BUU-D01", title="Skole", amount_1=-40)
    page = reader_client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert page.index("Arbejdsmarkedsudvalget") < page.index("Børne- og Ungdomsudvalget")
    assert page.index("Driftsændringer") < page.index("Anlægsprojekter")
    assert "2 indsatser, 1 afsluttet" in page
    assert '<span class="x-mark" title="Afsluttet">X</span>' in page
    assert "<strong>4</strong> indsatser" in page
    assert "1.710" in page  # total of 2025: -100 - 150 + 2000 - 40


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=bygning", ["AU-A01"], ["AU-D01", "BUU-D01"]),
        ("kind=capital_project", ["AU-A01"], ["AU-D01"]),
        ("status=completed", ["AU-D02"], ["AU-D01"]),
        ("political=yes", ["BUU-D01"], ["AU-D01"]),
        ("political=no", ["AU-D01"], ["BUU-D01"]),
    ],
)
def test_plan_filters_show_only_matching_items(reader_client, plan, au, buu, query, shown, hidden):
    ItemFactory(plan=plan, committee=au, code="AU-D01", title="Første")
    ItemFactory(plan=plan, committee=au, code="AU-D02", status=Item.Status.COMPLETED)
    ItemFactory(plan=plan, committee=au, code="AU-A01", title="Bygning",
                kind=Item.Kind.CAPITAL_PROJECT)  # fmt: skip
    ItemFactory(plan=plan, committee=buu, code="BUU-D01", needs_political_treatment=True)
    page = reader_client.get(reverse("plans:plan", args=[plan.pk]) + "?" + query).content.decode()
    for code in shown:
        assert code in page, code
    for code in hidden:
        assert code not in page, code


def test_filters_by_committee_heading_theme_and_sdg(reader_client, plan, au, buu, heading, theme):
    from tests.factories import SdgFactory

    sdg = SdgFactory(number=13, name="Klimaindsats")
    match = ItemFactory(plan=plan, committee=au, code="AU-H01", kind=Item.Kind.DECLARATION,
                        heading=heading)  # fmt: skip
    match.themes.add(theme)
    match.sdgs.add(sdg)
    ItemFactory(plan=plan, committee=buu, code="BUU-D01")
    url = reverse("plans:plan", args=[plan.pk])
    for query in (
        f"committee={au.pk}",
        f"heading={heading.pk}",
        f"theme={theme.pk}",
        f"sdg={sdg.pk}",
    ):
        page = reader_client.get(f"{url}?{query}").content.decode()
        assert "AU-H01" in page and "BUU-D01" not in page, query


def test_htmx_filter_request_returns_only_the_results_fragment(reader_client, plan, au):
    ItemFactory(plan=plan, committee=au, code="AU-D01")
    response = reader_client.get(
        reverse("plans:plan", args=[plan.pk]) + f"?committee={au.pk}", HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "AU-D01" in page
    assert "<html" not in page and 'class="filters"' not in page


def test_extract_page_lists_own_and_cross_cutting_items_only(reader_client, plan, au, buu, ok):
    ItemFactory(plan=plan, committee=au, code="AU-D01")
    ItemFactory(
        plan=plan, committee=ok, code="TV-01", title="Budgetoverholdelse", cross_cutting=True
    )
    ItemFactory(plan=plan, committee=buu, code="BUU-D01")
    page = reader_client.get(reverse("plans:extract", args=[plan.pk, "AU"])).content.decode()
    assert "AU-D01" in page and "TV-01" in page and "BUU-D01" not in page
    assert "Tværgående indsatser" in page


def test_unknown_committee_extract_is_404(reader_client, plan):
    response = reader_client.get(reverse("plans:extract", args=[plan.pk, "XYZ"]))
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_import_page_is_for_administrators_and_reports_errors_in_danish(admin_client_):
    page = admin_client_.get(reverse("plans:import"))
    assert page.status_code == 200
    response = admin_client_.post(reverse("plans:import"), {})
    assert response.status_code == 400
    assert "Vælg en Excel-fil" in response.content.decode()


def test_start_page_without_plans_lists_no_plans(reader_client, municipality):
    response = reader_client.get(reverse("plans:current"), follow=True)
    assert "Der er endnu ingen planer." in response.content.decode()
