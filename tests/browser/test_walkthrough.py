"""A user's way through Kursen in a real browser, with axe-core on every page on the way."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from plans.models import Item, Plan
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_anonymous_visitor_is_sent_to_the_login_page(page, axe):
    page.goto("/plan/")
    expect(page).to_have_url(re.compile(r"/log-ind/\?next=/plan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind i Kursen")
    axe.check(page)
    page.get_by_label("Brugernavn").fill("laeser")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("korrekt brugernavn og adgangskode")
    axe.check(page)


def test_editor_filters_edits_sees_history_restores_and_downloads_the_extract(page, axe, tmp_path):
    plan = Plan.objects.get()
    item = Item.objects.filter(plan=plan, committee__abbreviation="AU").order_by("code").first()
    original_title = item.title

    log_in(page, "redaktor", "kursen-redaktor")
    page.get_by_role("link", name="Udmøntningsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.name)
    axe.check(page)

    # Filter the plan to the Arbejdsmarkedsudvalget; htmx replaces the results only.
    page.get_by_label("Udvalg").select_option(label="Arbejdsmarkedsudvalget")
    expect(page).to_have_url(re.compile(r"committee="))
    results = page.locator("#results")
    expect(
        results.get_by_role("heading", name=re.compile("Arbejdsmarkedsudvalget"))
    ).to_be_visible()
    expect(
        results.get_by_role("heading", name=re.compile("Børne- og Ungdomsudvalget"))
    ).to_have_count(0)
    axe.check(page)

    # Free text narrows further, and the item is one click away.
    page.get_by_label("Fritekst").fill(item.code)
    expect(results.get_by_role("link", name=item.title)).to_be_visible()
    results.get_by_role("link", name=item.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(item.title)
    axe.check(page)

    # Edit: a bad amount is refused next to its field, then a good edit is saved.
    page.get_by_role("link", name="Redigér").click()
    axe.check(page)
    page.get_by_label("Titel").fill("Flere ledige i job via virksomhedspartnerskaber")
    amount = page.locator("input[name=amount_1]")
    amount.fill("mange")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Indsatsen er ikke gemt")).to_be_visible()
    axe.check(page)
    amount.fill("-1.250")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Flere ledige i job via virksomhedspartnerskaber"
    )
    expect(page.locator("main")).to_contain_text("-1.250")

    # A status note.
    note = page.get_by_role("textbox", name="Ny statusnote")
    note.fill("Partnerskabsaftaler med fem virksomheder er indgået.")
    page.get_by_role("button", name="Tilføj statusnote").click()
    expect(page.locator("main")).to_contain_text("Partnerskabsaftaler med fem virksomheder")

    # History shows who changed what, old -> new, and restores the first version.
    page.get_by_role("link", name="Historik").click()
    expect(page.locator("main")).to_contain_text(original_title)
    expect(page.locator("main")).to_contain_text("Flere ledige i job via virksomhedspartnerskaber")
    axe.check(page)
    page.get_by_role("link", name="Gendan denne version …").last.click()
    # The confirmation shows the restore's diff before anything changes.
    expect(page.locator("ins").first).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Gendan denne version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(original_title)

    # The committee's extract, on screen and as Word and PDF.
    page.goto(f"/planer/{plan.pk}/udsnit/")
    axe.check(page)
    page.get_by_role("link", name=re.compile(r"Arbejdsmarkedsudvalget \(AU\)")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "udsnit for Arbejdsmarkedsudvalget"
    )
    axe.check(page)
    with page.expect_download() as word:
        page.get_by_role("link", name="Hent som Word").click()
    docx_path = tmp_path / word.value.suggested_filename
    word.value.save_as(docx_path)
    assert docx_path.suffix == ".docx"
    text = "\n".join(p.text for p in Document(docx_path).paragraphs)
    assert "Arbejdsmarkedsudvalget" in text
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Hent som PDF").click()
    pdf_path = tmp_path / pdf.value.suggested_filename
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_every_page_of_an_administrator_passes_axe(page, axe):
    plan = Plan.objects.get()
    item = Item.objects.filter(plan=plan).order_by("code").first()
    log_in(page, "admin", "kursen-admin")
    for path in [
        "/",
        "/plan/",
        "/planer/",
        f"/planer/{plan.pk}/?status=completed",
        f"/planer/{plan.pk}/indsatser/ny/",
        f"/planer/{plan.pk}/udsnit/",
        f"/planer/{plan.pk}/udsnit/ØK/",
        f"/indsatser/{item.pk}/",
        f"/indsatser/{item.pk}/rediger/",
        f"/indsatser/{item.pk}/historik/",
        "/planer/indlaes/",
        "/findes-ikke/",
    ]:
        page.goto(path)
        expect(page.locator("h1")).not_to_be_empty()
        axe.check(page)

    # The import page with errors: a file that is not a spreadsheet.
    page.goto("/planer/indlaes/")
    page.get_by_label("Excel-fil").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": "text/plain", "buffer": b"ikke excel"}]
    )
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("alert")).to_contain_text("Filen er ikke en Excel-fil")
    axe.check(page)


def test_second_of_two_editors_sees_both_versions_in_the_browser(browser, live_server, demo, axe):
    item = Item.objects.filter(committee__abbreviation="AU").order_by("code").first()
    pages = []
    for _ in range(2):
        context = browser.new_context(base_url=live_server.url)
        pages.append(context.new_page())
    first, second = pages
    for page in pages:
        log_in(page, "redaktor", "kursen-redaktor")
        page.goto(f"/indsatser/{item.pk}/rediger/")
    first.get_by_label("Kontaktperson").fill("Første redaktør")
    first.get_by_role("button", name="Gem").click()
    expect(first.get_by_role("heading", level=1)).to_contain_text(item.title)

    second.get_by_label("Kontaktperson").fill("Anden redaktør")
    second.get_by_role("button", name="Gem").click()
    expect(
        second.get_by_role("heading", name="Indsatsen er ændret, mens du redigerede")
    ).to_be_visible()
    expect(second.locator("main")).to_contain_text("Første redaktør")
    axe.check(second)
    item.refresh_from_db()
    assert item.contact == "Første redaktør"
    for page in pages:
        page.context.close()
