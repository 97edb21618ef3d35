"""Pages of the next budget period, the råderumskatalog and the efficiency contribution:
what each kind of user sees and may do, bad input, and query counts over many rows."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plans import services
from plans.models import Item, Plan, Proposal
from tests.factories import BodyFactory, ItemFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def unfinished(plan, au):
    return ItemFactory(plan=plan, committee=au, code="AU-D04", title="Flere i job",
                       status=Item.Status.IN_PROGRESS, amount_2=Decimal("-300"))  # fmt: skip


@pytest.fixture
def finished(plan, au):
    return ItemFactory(plan=plan, committee=au, code="AU-D05", title="Ny jobportal",
                       status=Item.Status.COMPLETED)  # fmt: skip


def _carry_post(item, **extra):
    data = {"name": "Udmøntningsplan 2026-2029", "first_year": "2026", "last_year": "2029",
            "archive_source": "on", "carry": [str(item.pk)],
            f"amounts-{item.pk}": "overlap"}  # fmt: skip
    data.update(extra)
    return data


# --- Carry-over ------------------------------------------------------------------------------


def test_carry_over_page_preselects_the_unfinished_items(admin_client_, plan, unfinished, finished):
    response = admin_client_.get(reverse("plans:carry_over", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Udmøntningsplan 2026-2029"' in page
    assert f'value="{unfinished.pk}" id="carry-{unfinished.pk}" checked' in page
    assert f'value="{finished.pk}" id="carry-{finished.pk}">' in page


def test_preview_shows_what_is_carried_and_changes_nothing(admin_client_, plan, unfinished):
    url = reverse("plans:carry_over", args=[plan.pk])
    response = admin_client_.post(url, _carry_post(unfinished, preview="1"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Forhåndsvisning: 1 indsats videreføres" in page
    assert "-300" in page  # 2027's amount stays in 2027
    assert Plan.objects.count() == 1


def test_carrying_over_makes_the_plan_archives_the_old_and_shows_lineage_on_both(
    admin_client_, plan, unfinished
):
    url = reverse("plans:carry_over", args=[plan.pk])
    response = admin_client_.post(url, _carry_post(unfinished, commit="1"))
    new_plan = Plan.objects.get(name="Udmøntningsplan 2026-2029")
    assert response.status_code == 302 and response.url == new_plan.get_absolute_url()
    new = Item.objects.get(plan=new_plan)
    old_page = admin_client_.get(unfinished.get_absolute_url()).content.decode()
    assert "Videreført til 2026-2029 som" in old_page and new.get_absolute_url() in old_page
    assert "er arkiveret og kan kun læses" in old_page
    assert reverse("plans:item_edit", args=[unfinished.pk]) not in old_page  # no edit button
    new_page = admin_client_.get(new.get_absolute_url()).content.decode()
    assert "Videreført fra 2025-2028" in new_page and unfinished.get_absolute_url() in new_page
    # The old plan refuses writes through its pages too, with a Danish message.
    edit = admin_client_.post(reverse("plans:item_edit", args=[unfinished.pk]), {"title": "X"})
    assert edit.status_code == 403
    assert "er arkiveret" in edit.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"first_year": "2025"}, "Den nye plan skal begynde efter 2025."),
        ({"last_year": "2031"}, "En plan dækker 1 til 4 budgetår, ikke 2026-2031."),
        ({"first_year": "tyve"}, "Indtast et heltal."),
        ({"name": "Udmøntningsplan 2025-2028"}, "Der findes allerede en plan med det navn."),
        ({"carry": []}, "Vælg mindst én indsats, der skal videreføres."),
        ({"carry": ["999999"]}, "Listen over indsatser er ændret, mens siden var åben."),
        ({"amounts-ID": "alt"}, "AU-D04: ukendt valg for beløbene."),
    ],
)
def test_bad_carry_over_input_gives_a_danish_error_and_changes_nothing(
    admin_client_, plan, unfinished, change, message
):
    change = {k.replace("ID", str(unfinished.pk)): v for k, v in change.items()}
    url = reverse("plans:carry_over", args=[plan.pk])
    response = admin_client_.post(url, _carry_post(unfinished, commit="1", **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Plan.objects.count() == 1


def test_only_administrators_carry_over(editor_client, reader_client, plan, unfinished):
    url = reverse("plans:carry_over", args=[plan.pk])
    assert editor_client.get(url).status_code == 403
    assert reader_client.post(url, _carry_post(unfinished, commit="1")).status_code == 403
    assert Plan.objects.count() == 1


# --- The råderumskatalog ---------------------------------------------------------------------


@pytest.fixture
def proposal(plan, au, administrator):
    return services.proposal_create(
        plan=plan,
        fields={"number": "R-12", "title": "Færre eksterne konsulenter", "committee": au,
                "state": Proposal.State.CHOSEN, "amount_1": Decimal("-1250")},
        user=administrator,
    )  # fmt: skip


def test_catalogue_lists_filters_and_totals(reader_client, plan, proposal, buu, administrator):
    services.proposal_create(
        plan=plan, fields={"number": "R-13", "title": "Lukning af legestue", "committee": buu,
                           "state": Proposal.State.REJECTED, "amount_1": Decimal("-300")},
        user=administrator,
    )  # fmt: skip
    url = reverse("plans:proposals", args=[plan.pk])
    page = reader_client.get(url).content.decode()
    assert "Færre eksterne konsulenter" in page and "Lukning af legestue" in page
    assert "<strong>2</strong> forslag, heraf <strong>1</strong> valgt" in page
    assert "-1.550" in page and "Ikke oprettet i planen endnu" in page
    assert reverse("plans:proposal_create", args=[plan.pk]) not in page  # readers do not edit
    filtered = reader_client.get(url, {"state": "rejected"}).content.decode()
    assert "Lukning af legestue" in filtered and "Færre eksterne konsulenter" not in filtered
    bad = reader_client.get(url, {"state": "måske", "committee": "x"})
    assert bad.status_code == 200  # a bad filter shows everything, never a 500


def test_proposal_becomes_an_item_and_the_catalogue_shows_it(admin_client_, plan, proposal):
    response = admin_client_.post(
        reverse("plans:proposal_make_item", args=[proposal.pk]),
        {"code": "AU-R01", "version": "1"},
    )
    item = Item.objects.get(plan=plan, code="AU-R01")
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert "forslag R-12" in admin_client_.get(item.get_absolute_url()).content.decode()
    page = admin_client_.get(reverse("plans:proposals", args=[plan.pk])).content.decode()
    assert "Indsats AU-R01" in page


def test_proposal_item_with_a_number_in_use_is_refused_in_danish(
    admin_client_, plan, proposal, unfinished
):
    response = admin_client_.post(
        reverse("plans:proposal_make_item", args=[proposal.pk]),
        {"code": "AU-D04", "version": "1"},
        follow=True,
    )
    assert "Nummeret AU-D04 bruges allerede af en indsats i planen." in response.content.decode()
    assert not Proposal.objects.get(pk=proposal.pk).item


def test_proposal_edit_saves_with_history_and_refuses_a_stale_version(admin_client_, proposal, au):
    url = reverse("plans:proposal_edit", args=[proposal.pk])
    data = {"number": "R-12", "title": "Færre konsulenter", "committee": au.pk,
            "state": "partly_chosen", "amount_1": "-1.000", "version": "1"}  # fmt: skip
    assert admin_client_.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.amount_1 == Decimal("-1000") and proposal.state == "partly_chosen"
    stale = admin_client_.post(url, {**data, "title": "Igen"})
    assert stale.status_code == 409
    assert "Forslaget er ændret, mens du redigerede" in stale.content.decode()
    detail = admin_client_.get(proposal.get_absolute_url()).content.decode()
    assert "Redigeret" in detail and "Oprettet" in detail


def test_bad_proposal_input_gives_danish_errors(admin_client_, plan, proposal, au):
    response = admin_client_.post(
        reverse("plans:proposal_create", args=[plan.pk]),
        {"number": "R-12", "title": "", "committee": "999", "state": "maybe",
         "amount_1": "mange", "version": "1"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nummeret findes allerede i råderumskataloget." in page
    assert "Dette felt er påkrævet." in page
    assert "Indtast et tal." in page
    assert Proposal.objects.count() == 1


def test_catalogue_export_and_import_pages(admin_client_, plan, proposal):
    export = admin_client_.get(reverse("plans:catalogue_export", args=[plan.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content))["Råderumskatalog"]
    assert sheet.cell(row=2, column=1).value == "R-12"
    url = reverse("plans:catalogue_import", args=[plan.pk])
    ok = admin_client_.post(url, {"file": SimpleUploadedFile("k.xlsx", export.content)})
    assert ok.status_code == 302
    none = admin_client_.post(url, {})
    assert none.status_code == 400 and "Vælg en Excel-fil" in none.content.decode()
    bad = admin_client_.post(url, {"file": SimpleUploadedFile("k.xlsx", b"not excel")})
    assert bad.status_code == 400 and "Filen er ikke en Excel-fil" in bad.content.decode()


def test_catalogue_page_query_count_does_not_grow_with_proposals(
    reader_client, plan, administrator
):
    """The catalogue shows every proposal with its committee and the item it became: one
    query per row would make a catalogue of hundreds slow."""
    committees = [BodyFactory() for _ in range(3)]

    def add(start, n):
        for i in range(start, start + n):
            proposal = services.proposal_create(
                plan=plan, fields={"number": f"R-{i:03d}", "title": f"Forslag {i}",
                                   "committee": committees[i % 3], "amount_1": Decimal(-i)},
                user=administrator,
            )  # fmt: skip
            if i % 2:
                services.proposal_make_item(proposal=proposal, code=f"I-{i}",
                                            expected_version=1, user=administrator)  # fmt: skip

    url = reverse("plans:proposals", args=[plan.pk])
    add(0, 3)
    few = count_queries(reader_client, url)
    add(3, 60)
    assert count_queries(reader_client, url) == few


# --- The efficiency contribution -------------------------------------------------------------


def test_compliance_page_shows_targets_items_realised_and_an_accessible_chart(
    reader_client, plan, au, unfinished, administrator
):
    services.efficiency_target_set(plan=plan, committee=au, year=2026, amount=Decimal("-500"),
                                   user=administrator)  # fmt: skip
    services.item_set_realised(item=unfinished, year=2026, amount=Decimal("-120"),
                               user=administrator)  # fmt: skip
    response = reader_client.get(reverse("plans:compliance", args=[plan.pk]), {"aar": "2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Arbejdsmarkedsudvalget (AU)" in page
    assert '<span class="short">200</span>' in page  # -300 planned against -500: 200 short
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert "AU: Mål -500 t.kr., Indsatser -300 t.kr., Realiseret -120 t.kr." in page


def test_compliance_page_with_a_bad_year_explains_in_danish(reader_client, plan):
    url = reverse("plans:compliance", args=[plan.pk])
    response = reader_client.get(url, {"aar": "1999"}, follow=True)
    assert "Vælg et af planens budgetår (2025-2028)." in response.content.decode()
    assert reader_client.get(url, {"aar": "abc"}).status_code == 302


def test_targets_form_saves_and_refuses_bad_amounts(admin_client_, plan, au, reader_client):
    url = reverse("plans:compliance_targets", args=[plan.pk])
    assert reader_client.get(url).status_code == 403
    bad = admin_client_.post(url, {f"target-{au.pk}-2025": "meget"})
    assert bad.status_code == 400 and "Indtast et tal." in bad.content.decode()
    assert admin_client_.post(url, {f"target-{au.pk}-2025": "-2.000"}).status_code == 302
    assert plan.efficiency_targets.get().amount == Decimal("-2000")


def test_compliance_page_query_count_does_not_grow_with_items(reader_client, plan, administrator):
    """Targets, items and realised amounts are summed in the database: the page must not
    query per committee or item."""
    committees = [BodyFactory() for _ in range(2)]

    def add(start, n):
        for i in range(start, start + n):
            item = ItemFactory(plan=plan, committee=committees[i % 2], code=f"E-{i}",
                               amount_1=Decimal(-10))  # fmt: skip
            services.item_set_realised(item=item, year=2025, amount=Decimal(-5),
                                       user=administrator)  # fmt: skip
        for committee in committees:
            services.efficiency_target_set(
                plan=plan, committee=committee, year=2025, amount=Decimal(-100 - start),
                user=administrator,
            )  # fmt: skip

    url = reverse("plans:compliance", args=[plan.pk])
    add(0, 2)
    few = count_queries(reader_client, url)
    committees += [BodyFactory() for _ in range(3)]
    add(2, 40)
    assert count_queries(reader_client, url) == few


def test_admin_cannot_change_an_archived_plans_headings(
    admin_client_, plan, heading, administrator
):
    url = reverse("admin:plans_heading_change", args=[heading.pk])
    services.plan_archive(plan=plan, user=administrator)
    response = admin_client_.post(url, {"plan": plan.pk, "name": "Nyt navn", "position": 0})
    heading.refresh_from_db()
    assert response.status_code in (302, 403) and heading.name == "Økonomisk Politik"


def test_a_carried_item_keeps_its_proposal_and_the_proposal_shows_the_carried_item(
    admin_client_, plan, proposal
):
    """R-12 became AU-R01 in 2025-2028; carried into 2026-2029, the new item still says it came
    from R-12, and R-12's page leads on to the new item."""
    admin_client_.post(reverse("plans:proposal_make_item", args=[proposal.pk]),
                       {"code": "AU-R01", "version": "1"})  # fmt: skip
    old = Item.objects.get(plan=plan, code="AU-R01")
    admin_client_.post(reverse("plans:carry_over", args=[plan.pk]), _carry_post(old, commit="1"))
    new = Item.objects.get(carried_from=old)

    new_page = admin_client_.get(new.get_absolute_url()).content.decode()
    assert "Fra råderumskataloget" in new_page and proposal.get_absolute_url() in new_page
    proposal_page = admin_client_.get(proposal.get_absolute_url()).content.decode()
    assert f"Videreført til {new.plan.name}" in proposal_page
    assert new.get_absolute_url() in proposal_page


def test_carry_over_page_shows_what_keeps_the_old_plan_from_being_archived(
    admin_client_, plan, unfinished, monkeypatch
):
    # An app above plans (followup's open rounds) says why the plan cannot be archived now.
    from plans import archiving

    monkeypatch.setitem(
        archiving._checks, "test", lambda plan: [f"Luk statusrunden »Test« før {plan.name}"]
    )
    url = reverse("plans:carry_over", args=[plan.pk])
    page = admin_client_.get(url).content.decode()
    assert "Den gamle plan kan ikke arkiveres endnu" in page
    assert "Luk statusrunden »Test« før Udmøntningsplan 2025-2028" in page
    refused = admin_client_.post(url, _carry_post(unfinished, commit="1"))
    assert refused.status_code == 400
    assert "Luk statusrunden »Test«" in refused.content.decode()
    assert Plan.objects.count() == 1  # all or nothing: no new plan either
    archive = admin_client_.post(reverse("plans:archive", args=[plan.pk]), follow=True)
    assert "Luk statusrunden »Test«" in archive.content.decode()
    plan.refresh_from_db()
    assert not plan.is_archived
    # Without archiving, the carry-over goes ahead.
    data = _carry_post(unfinished, commit="1")
    del data["archive_source"]
    assert admin_client_.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert not plan.is_archived
