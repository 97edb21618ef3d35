"""A secretary imports a published agenda in a real browser, axe-core on every page: upload,
check and correct what was read, store it, and open the meeting it became."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.reading.files import seed

pytestmark = pytest.mark.browser

BOARD_AGENDA = seed("004")


def test_secretary_reads_corrects_and_stores_a_published_agenda(page, axe):
    log_in(page, "admin", "kursen-admin")

    page.get_by_role("link", name="Indlæs dokumenter").click()
    axe.check(page)
    page.get_by_label("Dagsorden eller referat").set_input_files(str(BOARD_AGENDA))
    page.get_by_role("button", name="Læs dokumentet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Se det læste igennem")
    expect(page.get_by_label("Udvalg", exact=True).first).to_have_value("Direktionen")
    # Opening the review runs no import (a GET never writes); the preview is asked for.
    expect(page.get_by_text("ville oprette")).to_have_count(0)
    page.get_by_role("button", name="Gem rettelser og vis igen").click()
    expect(page.get_by_text("ville oprette")).to_be_visible()
    axe.check(page)
    item = page.get_by_role("group", name="Punkt 2: Økonomi")
    item.get_by_label("Titel").first.fill("Økonomi og budgetopfølgning")
    page.get_by_role("button", name="Gem i Kursen").click()

    expect(page.get_by_text("er gemt i Kursen")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Direktionen 22. november 2023").click()
    expect(page.get_by_text("Økonomi og budgetopfølgning").first).to_be_visible()
    expect(page.get_by_text("Lukket bilag").first).to_be_visible()
    axe.check(page)
